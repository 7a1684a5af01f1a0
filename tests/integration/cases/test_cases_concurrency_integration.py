"""Concurrent submissions against a real database."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from bot.cases.examples import example_draft
from bot.cases.model import Incident
from bot.cases.service import CaseService


def _together(count, work):
    barrier = threading.Barrier(count)

    def run(index):
        barrier.wait()
        return work(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_fifty_conversations_make_fifty_cases(service, migrated_url, count_cases):
    submissions = _together(
        50, lambda i: service.submit(example_draft(), f"conversation-{i}:report-1")
    )
    assert all(submission.stored for submission in submissions)
    assert len({submission.reference for submission in submissions}) == 50
    assert count_cases(migrated_url) == 50


def test_ten_retries_of_one_submission_make_one_case(migrated_url, tmp_path, count_cases):
    # Separate service objects, as if the retries reached different workers.
    services = [CaseService(migrated_url, tmp_path / "outbox") for _ in range(10)]
    submissions = _together(
        10, lambda i: services[i].submit(example_draft(), "conversation-1:report-1")
    )
    assert all(submission.stored for submission in submissions)
    assert len({submission.reference for submission in submissions}) == 1
    assert sum(not submission.duplicate for submission in submissions) == 1
    assert count_cases(migrated_url) == 1


def test_concurrent_follow_ups_on_one_case_are_all_kept(service):
    reference = service.submit(example_draft(), "c1").reference
    _together(
        6,
        lambda i: service.add_incident(reference, "07700900123", Incident(what_happened=f"n{i}")),
    )
    case = service.get(reference)
    assert len(case.incidents) == 7
    assert sorted(incident.what_happened for incident in case.incidents[1:]) == [
        f"n{i}" for i in range(6)
    ]
