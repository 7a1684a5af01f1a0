"""The domain model: validation, identity checks and the audit trail."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from bot.cases.errors import InvalidReport
from bot.cases.examples import example_draft, example_excluded_draft, example_hate_crime_draft
from bot.cases.model import Case, HateCrimeDetails, Incident, Reporter, Risk

NOW = datetime(2025, 11, 21, 10, 0, tzinfo=timezone.utc)


def _case(draft=None) -> Case:
    return Case.from_draft(
        draft or example_draft(), reference="ASB-7KQ9-M2XH", idempotency_key="k", at=NOW
    )


@pytest.mark.parametrize(
    "draft", [example_draft(), example_excluded_draft(), example_hate_crime_draft()]
)
def test_example_drafts_are_valid(draft):
    assert draft.problems() == []


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"channel": "fax"}, "channel"),
        ({"scope": "other"}, "scope"),
        ({"category": "loud"}, "category"),
        ({"description": "  "}, "description"),
        ({"priority": 3}, "priority"),
        ({"priority": None}, "priority"),
        ({"response_due": None}, "response_due is required"),
        ({"response_due": datetime(2025, 1, 1)}, "timezone-aware"),
        ({"response_due": "2025-01-01T00:00:00Z"}, "timezone-aware datetime"),
        ({"exclusion_reason": "cctv"}, "exclusion_reason is only"),
        ({"reporter": Reporter(role="neighbour")}, "reporter.role"),
        ({"reporter": Reporter(preferred_contact="pigeon")}, "preferred_contact"),
        ({"reporter": Reporter(anonymous=True, phone="0770")}, "reporter.phone must be empty"),
        ({"hate_crime": HateCrimeDetails(strands=["height"])}, "strands"),
        ({"incidents": [Incident(first_occurred="last tuesday")]}, "ISO 8601"),
        ({"incidents": [Incident()]}, "is empty"),
        ({"risk": Risk(other={"pets": {"dog"}})}, "risk.other"),
    ],
)
def test_invalid_drafts_name_the_problem(overrides, problem):
    draft = example_draft(**overrides)
    with pytest.raises(InvalidReport) as raised:
        draft.validate()
    assert problem in str(raised.value)


def test_problems_name_fields_never_values():
    draft = example_draft(channel="Alex's phone 07700 900123")
    assert "07700" not in " ".join(draft.problems())


def test_excluded_reports_need_a_reason_and_no_priority():
    assert "exclusion_reason" in " ".join(example_excluded_draft(exclusion_reason=None).problems())
    assert "no priority" in " ".join(example_excluded_draft(priority=2).problems())


def test_a_new_case_copies_the_draft_and_records_creation():
    draft = example_draft()
    case = _case(draft)
    copied = case.draft()
    assert copied.incidents[0].recorded_at == NOW
    copied.incidents[0].recorded_at = None
    assert copied == draft
    assert case.status == "new"
    assert case.created_at == case.updated_at == NOW
    assert case.incidents[0].recorded_at == NOW
    (entry,) = case.audit
    assert entry.action == "created" and "description" in entry.fields
    draft.reporter.name = "changed later"
    assert case.reporter.name == "Alex Example"


@pytest.mark.parametrize(
    "identity",
    ["07700900123", "+44 7700 900123", "alex@example.org", " ALEX@EXAMPLE.ORG", "4123456789"],
)
def test_identity_matches_phone_email_or_tenancy_reference(identity):
    assert _case().matches_identity(identity)


@pytest.mark.parametrize("identity", ["", "07700900124", "someone@example.org", "4123456780"])
def test_identity_mismatch(identity):
    assert not _case().matches_identity(identity)


def test_anonymous_cases_match_no_identity():
    assert not _case(example_excluded_draft()).matches_identity("")


def test_adding_an_incident_stamps_it_and_audits_field_names_only():
    case = _case()
    later = NOW + timedelta(days=1)
    added = case.add_incident(Incident(what_happened="Again, 2am"), at=later, idempotency_key="d")
    assert added.source == "follow_up" and added.recorded_at == later
    assert case.updated_at == later
    assert case.audit[-1].action == "incident_added"
    assert case.audit[-1].fields == ["incidents"]
    assert case.has_incident_key("d")


def test_status_and_eligibility_changes_are_audited_once():
    case = _case()
    assert case.set_status("open", at=NOW, actor="cli")
    assert not case.set_status("open", at=NOW, actor="cli")
    assert case.set_case_review_eligible(True, at=NOW, actor="assistant")
    assert not case.set_case_review_eligible(True, at=NOW, actor="assistant")
    assert [entry.action for entry in case.audit] == [
        "created",
        "status_changed",
        "case_review_eligibility_changed",
    ]
    with pytest.raises(InvalidReport):
        case.set_status("archived", at=NOW, actor="cli")


def test_overdue_means_past_due_and_not_closed():
    case = _case(example_draft(response_due=NOW - timedelta(hours=1)))
    assert case.is_overdue(NOW)
    case.set_status("closed", at=NOW, actor="cli")
    assert not case.is_overdue(NOW)
    assert not _case(example_excluded_draft()).is_overdue(NOW)


def test_incident_dates_may_be_given_as_date_objects():
    incident = Incident(first_occurred=date(2025, 11, 1), last_occurred=NOW)
    assert incident.first_occurred == "2025-11-01"
    assert incident.last_occurred == "2025-11-21T10:00:00+00:00"
    assert incident.problems() == []
