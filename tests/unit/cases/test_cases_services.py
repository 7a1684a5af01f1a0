"""The service layer, against the in-memory unit of work and a real outbox directory."""

from __future__ import annotations

import itertools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from bot.cases import operations
from bot.cases.errors import (
    CaseNotFound,
    CaseNotStored,
    CaseStoreUnavailable,
    InvalidReference,
    InvalidReport,
)
from bot.cases.examples import example_draft, example_excluded_draft, example_hate_crime_draft
from bot.cases.memory import InMemoryStore, InMemoryUnitOfWork
from bot.cases.model import Incident, Reporter
from bot.cases.outbox import Outbox
from bot.cases.references import generate_reference
from bot.cases.service import CaseService

NOW = datetime(2025, 11, 21, 10, 0, tzinfo=timezone.utc)


class Clock:
    """A settable clock."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store():
    return InMemoryStore()


@pytest.fixture
def service(tmp_path, store, clock):
    return CaseService.in_memory(tmp_path / "outbox", store=store, clock=clock)


def test_submit_stores_a_new_case(service, store):
    submission = service.submit(example_draft(), "conversation-1:report-1")
    assert submission.stored and not submission.duplicate
    case = store.cases[submission.reference]
    assert case.status == "new" and case.created_at == NOW
    assert service.get(submission.reference.lower()).reference == submission.reference


def test_the_same_submission_twice_is_one_case(service, store):
    first = service.submit(example_draft(), "conversation-1:report-1")
    again = service.submit(example_draft(), "conversation-1:report-1")
    assert again.reference == first.reference and again.duplicate
    assert len(store.cases) == 1


def test_different_conversations_make_different_cases(service, store):
    one = service.submit(example_draft(), "conversation-1:report-1")
    two = service.submit(example_draft(), "conversation-2:report-1")
    assert one.reference != two.reference and len(store.cases) == 2


def test_invalid_drafts_are_refused_before_anything_is_stored(service, store):
    with pytest.raises(InvalidReport):
        service.submit(example_draft(priority=None), "k")
    with pytest.raises(InvalidReport):
        service.submit(example_draft(), "  ")
    assert store.cases == {} and service.pending_in_outbox() == 0


def test_the_idempotency_key_is_stored_only_as_a_digest(service, store):
    submission = service.submit(example_draft(), "+447700900123:1")
    key = store.cases[submission.reference].idempotency_key
    assert "7700" not in key and len(key) == 64


def test_excluded_reports_are_recorded_with_reason_and_signpost(service, store):
    submission = service.submit(example_excluded_draft(), "sms:1")
    case = store.cases[submission.reference]
    assert case.scope == "excluded" and case.priority is None
    assert case.exclusion_reason == "parking_highway"
    assert case.signposts[0].key == "council_parking"
    assert [c.reference for c in service.list_cases(priority="none")] == [submission.reference]


def test_an_outage_parks_the_case_and_the_resident_keeps_the_reference(service, store):
    store.unavailable = True
    parked = service.submit(example_draft(), "conversation-1:report-1")
    assert not parked.stored
    assert service.pending_in_outbox() == 1
    retried = service.submit(example_draft(), "conversation-1:report-1")
    assert retried.reference == parked.reference and not retried.stored
    assert service.pending_in_outbox() == 1

    store.unavailable = False
    after = service.submit(example_draft(), "conversation-1:report-1")
    assert after.reference == parked.reference and after.stored and after.duplicate
    assert list(store.cases) == [parked.reference]
    assert service.pending_in_outbox() == 0


def test_the_next_submission_drains_the_outbox(service, store, clock):
    store.unavailable = True
    parked = service.submit(example_draft(), "conversation-1:report-1")
    store.unavailable = False
    clock.now = NOW + timedelta(minutes=5)
    other = service.submit(example_draft(), "conversation-2:report-1")
    assert set(store.cases) == {parked.reference, other.reference}
    drained = store.cases[parked.reference]
    # The case keeps the time it was reported, and the trail shows it came from the outbox.
    assert drained.created_at == NOW
    assert [entry.action for entry in drained.audit] == ["created", "stored_from_outbox"]
    assert drained.updated_at == NOW + timedelta(minutes=5)


def test_retry_outbox_drains_and_is_idempotent(service, store):
    store.unavailable = True
    references = {service.submit(example_draft(), f"c{i}").reference for i in range(3)}
    with pytest.raises(CaseStoreUnavailable):
        service.retry_outbox()
    store.unavailable = False
    assert service.retry_outbox() == 3
    assert service.retry_outbox() == 0
    assert set(store.cases) == references


def test_start_up_drains_and_never_raises(service, store):
    store.unavailable = True
    service.submit(example_draft(), "c1")
    assert service.on_startup() == 0
    store.unavailable = False
    assert service.on_startup() == 1


def test_a_parked_case_already_stored_under_another_reference_becomes_an_alias(
    tmp_path, store, clock
):
    # A retry stored the submission directly while an earlier attempt had parked it.
    outbox = Outbox(tmp_path / "outbox")
    uow = InMemoryUnitOfWork(store)
    stored = operations.submit(example_draft(), "k", uow=uow, outbox=None, clock=clock)
    parked_reference = generate_reference()
    outbox.park(operations.key_digest("k"), parked_reference, example_draft(), NOW)
    result = operations.drain_outbox(uow=uow, outbox=outbox, clock=clock)
    assert result.stored == 1 and outbox.is_empty()
    assert len(store.cases) == 1
    case = operations.get_case(parked_reference, uow=uow)
    assert case.reference == stored.reference and case.aliases == [parked_reference]


def test_no_database_and_no_outbox_raises_case_not_stored(tmp_path, store):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    service = CaseService.in_memory(blocker / "outbox", store=store)
    store.unavailable = True
    with pytest.raises(CaseNotStored):
        service.submit(example_draft(), "k")


def test_a_reference_collision_is_retried_with_a_new_reference(tmp_path, store, clock):
    taken = generate_reference()
    fresh = generate_reference()
    references = itertools.chain([taken, taken, fresh])
    uow = InMemoryUnitOfWork(store)
    first = operations.submit(
        example_draft(), "a", uow=uow, outbox=None, clock=clock, new_reference=lambda: taken
    )
    second = operations.submit(
        example_draft(),
        "b",
        uow=uow,
        outbox=None,
        clock=clock,
        new_reference=lambda: next(references),
    )
    assert first.reference == taken and second.reference == fresh


def test_concurrent_retries_of_one_submission_make_one_case(service, store):
    barrier = threading.Barrier(10)

    def submit(_):
        barrier.wait()
        return service.submit(example_draft(), "conversation-1:report-1").reference

    with ThreadPoolExecutor(max_workers=10) as pool:
        references = set(pool.map(submit, range(10)))
    assert len(references) == 1 and len(store.cases) == 1


# Further incidents ---------------------------------------------------------------------------


def test_add_incident_with_any_matching_detail(service, store, clock):
    reference = service.submit(example_draft(), "c1").reference
    clock.now = NOW + timedelta(days=2)
    for number, identity in enumerate(["+44 7700 900123", "ALEX@example.org", "4123-456-789"]):
        result = service.add_incident(
            reference,
            identity,
            Incident(what_happened=f"again {number}", first_occurred="2025-11-22"),
        )
        assert result.reference == reference
        assert result.incident.source == "follow_up"
        assert result.incident.recorded_at == clock.now
    case = store.cases[reference]
    assert len(case.incidents) == 4
    assert case.updated_at == clock.now


def test_a_wrong_detail_and_an_unknown_reference_fail_the_same_way(service):
    reference = service.submit(example_draft(), "c1").reference
    unknown = generate_reference()
    with pytest.raises(CaseNotFound) as wrong_identity:
        service.add_incident(reference, "07700 000000", Incident(what_happened="x"))
    with pytest.raises(CaseNotFound) as wrong_reference:
        service.add_incident(unknown, "07700 900123", Incident(what_happened="x"))
    assert str(wrong_identity.value) == str(wrong_reference.value)
    assert reference not in str(wrong_identity.value)


def test_a_mistyped_reference_is_caught_before_any_lookup(service, store):
    store.unavailable = True  # proves no database access happens
    with pytest.raises(InvalidReference):
        service.add_incident("ASB-0000-0000", "07700 900123", Incident(what_happened="x"))


def test_anonymous_cases_cannot_be_added_to(service):
    reference = service.submit(example_draft(reporter=Reporter(anonymous=True)), "c1").reference
    with pytest.raises(CaseNotFound):
        service.add_incident(reference, "", Incident(what_happened="x"))


def test_case_review_rule_sees_the_history_and_its_answer_is_stored(service, store, clock):
    earlier = service.submit(example_draft(), "c1").reference
    clock.now = NOW + timedelta(days=10)
    current = service.submit(example_draft(), "c2").reference
    seen = []

    def three_reports_or_incidents(history):
        seen.append(history)
        return history.report_count + len(history.case.incidents) - 1 >= 3

    clock.now = NOW + timedelta(days=20)
    result = service.add_incident(
        current, "07700900123", Incident(what_happened="x"), case_review=three_reports_or_incidents
    )
    (history,) = seen
    assert [report.reference for report in history.earlier_reports] == [earlier]
    assert history.since == datetime(2025, 6, 11, 10, 0, tzinfo=timezone.utc)
    assert len(history.case.incidents) == 2
    assert result.case_review_eligible and result.case_review_changed
    case = store.cases[current]
    assert case.case_review_eligible
    assert case.audit[-1].action == "case_review_eligibility_changed"


def test_without_a_rule_eligibility_is_unchanged_but_history_is_returned(service):
    reference = service.submit(example_draft(), "c1").reference
    result = service.add_incident(reference, "07700900123", Incident(what_happened="x"))
    assert not result.case_review_eligible and not result.case_review_changed
    assert result.history.case.reference == reference


def test_a_retried_follow_up_is_recorded_once(service, store):
    reference = service.submit(example_draft(), "c1").reference
    incident = Incident(what_happened="again")
    first = service.add_incident(reference, "07700900123", incident, idempotency_key="c1:f1")
    again = service.add_incident(reference, "07700900123", incident, idempotency_key="c1:f1")
    assert not first.duplicate and again.duplicate
    assert len(store.cases[reference].incidents) == 2


def test_concurrent_follow_ups_are_all_kept(service, store):
    reference = service.submit(example_draft(), "c1").reference
    barrier = threading.Barrier(8)

    def add(index):
        barrier.wait()
        service.add_incident(reference, "07700900123", Incident(what_happened=f"n{index}"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(add, range(8)))
    assert len(store.cases[reference].incidents) == 9


def test_add_incident_during_an_outage_says_so(service, store):
    reference = service.submit(example_draft(), "c1").reference
    store.unavailable = True
    with pytest.raises(CaseStoreUnavailable):
        service.add_incident(reference, "07700900123", Incident(what_happened="x"))


# Look-ups and listing ------------------------------------------------------------------------


def test_earlier_reports_in_the_last_six_months(service, clock):
    clock.now = NOW - timedelta(days=200)
    service.submit(example_draft(), "too-old")
    clock.now = NOW - timedelta(days=100)
    by_phone = service.submit(
        example_draft(reporter=Reporter(phone="+447700900123")), "phone-only"
    ).reference
    by_email = service.submit(
        example_draft(reporter=Reporter(email="alex@EXAMPLE.org")), "email-only"
    ).reference
    clock.now = NOW
    by_tenancy = service.submit(
        example_draft(reporter=Reporter(tenancy_reference="4123456789")), "tenancy-only"
    ).reference
    service.submit(example_draft(reporter=Reporter(phone="07700 111111")), "someone-else")

    found = service.earlier_reports(
        tenancy_reference="4123 456 789", phone="07700 900123", email="alex@example.org"
    )
    assert [report.reference for report in found][:1] == [by_tenancy]
    assert {report.reference for report in found} == {by_phone, by_email, by_tenancy}
    assert [r.reference for r in service.earlier_reports(phone="07700900123")] == [by_phone]
    assert service.earlier_reports() == []
    since = NOW - timedelta(days=300)
    assert len(service.earlier_reports(phone="07700900123", since=since)) == 2


def test_list_filters_and_orders_newest_first(service, clock):
    overdue = service.submit(example_draft(response_due=NOW - timedelta(days=1)), "a").reference
    clock.now = NOW + timedelta(minutes=1)
    urgent = service.submit(example_hate_crime_draft(), "b").reference
    clock.now = NOW + timedelta(minutes=2)
    excluded = service.submit(example_excluded_draft(), "c").reference
    clock.now = NOW + timedelta(minutes=3)

    assert [c.reference for c in service.list_cases()] == [excluded, urgent, overdue]
    assert [c.reference for c in service.list_cases(priority=1)] == [urgent]
    assert [c.reference for c in service.list_cases(overdue=True)] == [overdue]
    assert [c.reference for c in service.list_cases(limit=1)] == [excluded]
    service.set_status(overdue, "closed")
    assert service.list_cases(overdue=True) == []
    assert [c.reference for c in service.list_cases(status="closed")] == [overdue]
    assert service.get(overdue).audit[-1].actor == "officer"


def test_get_unknown_reference(service):
    with pytest.raises(CaseNotFound):
        service.get(generate_reference())


def test_six_months_before_clamps_to_month_end():
    moment = datetime(2025, 8, 31, 12, 0, tzinfo=timezone.utc)
    assert operations.six_months_before(moment) == datetime(2025, 2, 28, 12, tzinfo=timezone.utc)
    january = datetime(2025, 1, 15, tzinfo=timezone.utc)
    assert operations.six_months_before(january) == datetime(2024, 7, 15, tzinfo=timezone.utc)


# Privacy -------------------------------------------------------------------------------------


def test_logs_carry_references_never_personal_details(service, store, caplog):
    caplog.set_level(logging.DEBUG)
    draft = example_draft()
    reference = service.submit(draft, "+447700900123:1").reference
    store.unavailable = True
    parked = service.submit(draft, "+447700900123:2").reference
    store.unavailable = False
    service.retry_outbox()
    service.add_incident(reference, "07700 900123", Incident(what_happened="He threatened me"))
    text = caplog.text
    assert reference in text and parked in text
    for secret in (
        "Alex",
        "7700",
        "example.org",
        "4123",
        "loud music",
        "threatened",
        "exhausted",
        "Flat 7",
    ):
        assert secret.lower() not in text.lower(), secret
