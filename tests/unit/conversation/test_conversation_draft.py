"""The case record built from the conversation."""

from datetime import datetime, timezone

from bot.conversation.draft import build_draft, preferred_contact
from bot.conversation.plan import SKIPPED
from bot.conversation.read_back import read_back

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
TRIAGE = {"scope": "in_scope", "category": "noise", "priority": 2,
          "response_due": "2026-11-30T18:00:00+00:00", "signposts": []}  # fmt: skip


def test_an_anonymous_reporter_keeps_no_contact_details_even_if_given_earlier():
    slots = {"triage": TRIAGE, "description": "music", "anonymous": True,
             "reporter_name": "Sam", "contact_phone": "+447700900123"}  # fmt: skip
    draft = build_draft(slots, "rest", NOW)
    assert draft.reporter.anonymous is True
    assert draft.reporter.name is None and draft.reporter.phone is None
    assert draft.problems() == []


def test_skipped_answers_are_recorded_as_not_given():
    slots = {"triage": TRIAGE, "description": "music", "location": SKIPPED,
             "feels_safe": SKIPPED}  # fmt: skip
    draft = build_draft(slots, "sms", NOW)
    assert draft.incidents[0].location is None
    assert draft.risk.feels_unsafe_at_home is None


def test_dates_keep_the_residents_words_and_the_iso_date():
    slots = {"triage": TRIAGE, "description": "music",
             "started": {"original": "since March", "iso_date": "2026-03-01"}}  # fmt: skip
    incident = build_draft(slots, "rest", NOW).incidents[0]
    assert incident.first_occurred == "2026-03-01"
    assert incident.original_words == "since March"


def test_the_contact_method_is_read_from_the_residents_words():
    assert preferred_contact("text me after 6pm") == "sms"
    assert preferred_contact("email is best") == "email"
    assert preferred_contact("after 6") is None


def test_the_read_back_skips_what_was_not_given():
    text = read_back({"description": "music", "location": SKIPPED, "frequency": "nightly"})
    assert "Where" not in text
    assert "How often: nightly" in text
