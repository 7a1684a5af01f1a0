"""The case store end to end on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from bot.cases import operations
from bot.cases.errors import CaseNotFound, InvalidReference
from bot.cases.examples import example_draft, example_excluded_draft, example_hate_crime_draft
from bot.cases.model import Incident, Reporter
from bot.cases.outbox import Outbox
from bot.cases.references import generate_reference
from bot.cases.serialisation import EXPORT_KEYS, export_json
from bot.cases.service import CaseService

NOW = datetime(2025, 11, 21, 10, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_a_case_round_trips_every_part(service):
    for draft in (example_draft(), example_hate_crime_draft(), example_excluded_draft()):
        submission = service.submit(draft, f"conversation:{draft.scope}")
        assert submission.stored
        case = service.get(submission.reference)
        copied = case.draft()
        for incident in copied.incidents:
            assert incident.recorded_at == case.created_at
            incident.recorded_at = None
        assert copied == draft
        assert case.status == "new" and case.version == 0
        assert case.created_at.tzinfo == timezone.utc
        assert case.audit[0].action == "created"


def test_response_due_keeps_the_instant_whatever_the_offset(service):
    due = datetime(2025, 11, 28, 17, 0, tzinfo=timezone(timedelta(hours=1)))
    reference = service.submit(example_draft(response_due=due), "c1").reference
    stored = service.get(reference).response_due
    assert stored == due and stored.tzinfo == timezone.utc


def test_idempotent_submission_is_one_row(service, migrated_url, count_cases):
    first = service.submit(example_draft(), "conversation-1:report-1")
    again = service.submit(example_draft(), "conversation-1:report-1")
    assert again.reference == first.reference and again.duplicate and again.stored
    assert count_cases(migrated_url) == 1


def test_excluded_reports_are_kept_with_reason_and_signpost(service):
    reference = service.submit(example_excluded_draft(), "sms:1").reference
    (case,) = service.list_cases(priority="none")
    assert case.reference == reference
    assert case.scope == "excluded" and case.exclusion_reason == "parking_highway"
    assert case.anonymous and case.reporter.name is None
    assert [signpost.key for signpost in case.signposts] == ["council_parking"]


def test_further_incidents_and_case_review(service):
    reference = service.submit(example_draft(), "c1").reference
    result = service.add_incident(
        reference.lower().replace("-", " "),
        "+44 7700 900123",
        Incident(what_happened="Music again", first_occurred="2025-11-22T01:30:00+00:00"),
        case_review=lambda history: len(history.case.incidents) >= 2,
        idempotency_key="c1:follow-up-1",
    )
    assert result.incident_count == 2 and result.case_review_eligible
    repeat = service.add_incident(
        reference,
        "alex@example.org",
        Incident(what_happened="Music again"),
        idempotency_key="c1:follow-up-1",
    )
    assert repeat.duplicate and repeat.incident_count == 2
    case = service.get(reference)
    assert [incident.source for incident in case.incidents] == ["report", "follow_up"]
    assert case.incidents[1].first_occurred == "2025-11-22T01:30:00+00:00"
    assert case.case_review_eligible and case.version == 1
    assert [entry.action for entry in case.audit] == [
        "created",
        "incident_added",
        "case_review_eligibility_changed",
    ]


def test_wrong_identity_and_unknown_reference_look_the_same(service):
    reference = service.submit(example_draft(), "c1").reference
    with pytest.raises(CaseNotFound) as wrong:
        service.add_incident(reference, "4999999999", Incident(what_happened="x"))
    with pytest.raises(CaseNotFound) as unknown:
        service.add_incident(generate_reference(), "4123456789", Incident(what_happened="x"))
    assert str(wrong.value) == str(unknown.value)
    with pytest.raises(InvalidReference):
        service.add_incident("ASB-AAAA-AAAA", "4123456789", Incident(what_happened="x"))
    assert len(service.get(reference).incidents) == 1


def test_earlier_reports_window_and_matching(migrated_url, tmp_path):
    clock = Clock(NOW - timedelta(days=190))
    service = CaseService(migrated_url, tmp_path / "outbox", clock=clock)
    service.submit(example_draft(), "old")
    clock.now = NOW - timedelta(days=30)
    recent = service.submit(example_draft(), "recent").reference
    by_email = service.submit(
        example_draft(reporter=Reporter(email="ALEX@example.org")), "email"
    ).reference
    service.submit(example_draft(reporter=Reporter(phone="01234 567890")), "stranger")
    clock.now = NOW
    found = service.earlier_reports(tenancy_reference="4123456789", email="alex@example.org")
    assert {report.reference for report in found} == {recent, by_email}
    assert all(report.incident_count == 1 for report in found)
    assert [r.reference for r in service.earlier_reports(phone="+447700900123")] == [recent]
    everything = service.earlier_reports(phone="07700900123", since=NOW - timedelta(days=365))
    assert len(everything) == 2


def test_list_filters_and_status(migrated_url, tmp_path):
    clock = Clock()
    service = CaseService(migrated_url, tmp_path / "outbox", clock=clock)
    overdue = service.submit(example_draft(response_due=NOW - timedelta(hours=2)), "a").reference
    clock.now += timedelta(seconds=1)
    urgent = service.submit(example_hate_crime_draft(response_due=NOW + timedelta(days=1)), "b")
    clock.now += timedelta(seconds=1)
    excluded = service.submit(example_excluded_draft(), "c").reference
    assert [c.reference for c in service.list_cases()] == [excluded, urgent.reference, overdue]
    assert [c.reference for c in service.list_cases(priority=1)] == [urgent.reference]
    assert [c.reference for c in service.list_cases(overdue=True)] == [overdue]
    assert [c.reference for c in service.list_cases(scope="excluded")] == [excluded]
    service.set_status(overdue, "closed", actor="cli")
    assert service.list_cases(overdue=True) == []
    assert [c.reference for c in service.list_cases(status="new", limit=1)] == [excluded]
    assert service.get(overdue).audit[-1].action == "status_changed"


def test_audit_events_hold_field_names_only(service, migrated_url):
    reference = service.submit(example_draft(), "c1").reference
    service.add_incident(reference, "07700900123", Incident(what_happened="He shouted at me"))
    engine = create_engine(migrated_url, future=True, poolclass=NullPool)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT action, fields, actor FROM audit_events")).all()
    engine.dispose()
    assert [row.action for row in rows] == ["created", "incident_added"]
    dumped = json.dumps([list(row) for row in rows])
    assert "shouted" not in dumped and "Alex" not in dumped and "7700" not in dumped


def test_alias_when_a_parked_copy_of_a_stored_submission_drains(service, tmp_path):
    stored = service.submit(example_draft(), "k")
    outbox = Outbox(tmp_path / "outbox")
    given = generate_reference()
    outbox.park(operations.key_digest("k"), given, example_draft(), NOW)
    assert service.retry_outbox() == 1
    assert service.retry_outbox() == 0
    case = service.get(given)
    assert case.reference == stored.reference and case.aliases == [given]
    assert len(service.list_cases()) == 1


def test_export_json_is_an_array_with_every_key(service):
    service.submit(example_draft(), "a")
    service.submit(example_excluded_draft(), "b")
    exported = json.loads(export_json(service.list_cases()))
    assert len(exported) == 2
    assert all(tuple(record) == EXPORT_KEYS for record in exported)
    assert {record["priority"] for record in exported} == {2, None}
