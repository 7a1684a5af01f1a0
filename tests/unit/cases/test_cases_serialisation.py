"""JSON (de)serialisation and the export format."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from bot.cases.examples import example_draft, example_excluded_draft, example_hate_crime_draft
from bot.cases.model import Case
from bot.cases.serialisation import (
    EXPORT_KEYS,
    csv_cell,
    draft_from_data,
    draft_to_data,
    export_json,
    export_record,
    parse_datetime,
)

NOW = datetime(2025, 11, 21, 10, 0, tzinfo=timezone.utc)
REQUIRED_EXPORT_KEYS = {
    "reference",
    "created_at",
    "channel",
    "status",
    "scope",
    "category",
    "priority",
    "response_due",
    "description",
    "anonymous",
    "reporter",
    "perpetrators",
    "incidents",
    "witnesses",
    "impact",
    "risk",
    "hate_crime",
    "consents",
    "evidence",
    "signposts",
    "case_review_eligible",
}


def test_drafts_survive_a_json_round_trip():
    for draft in (example_draft(), example_excluded_draft(), example_hate_crime_draft()):
        data = json.loads(json.dumps(draft_to_data(draft)))
        assert draft_from_data(data) == draft


def test_unknown_keys_are_ignored_for_forward_compatibility():
    draft = example_draft()
    data = draft_to_data(draft)
    data["added_in_a_later_version"] = 1
    data["reporter"]["pronouns"] = "they"
    assert draft_from_data(data) == draft


def test_datetimes_are_iso_8601_with_offset():
    assert parse_datetime("2025-11-21T10:00:00Z") == NOW
    assert parse_datetime("2025-11-21T10:00:00") == NOW
    assert draft_to_data(example_draft(response_due=NOW))["response_due"] == (
        "2025-11-21T10:00:00+00:00"
    )


def test_export_record_has_every_documented_key():
    case = Case.from_draft(example_hate_crime_draft(), reference="R", idempotency_key="k", at=NOW)
    case.incidents[0].idempotency_key = "secret-digest"
    record = export_record(case)
    assert tuple(record) == EXPORT_KEYS
    assert set(record) >= REQUIRED_EXPORT_KEYS
    assert record["priority"] == 1
    assert record["anonymous"] is False
    assert record["hate_crime"]["strands"] == ["religion"]
    assert "idempotency_key" not in record["incidents"][0]
    assert "version" not in record
    assert json.loads(export_json([case]))[0] == record


def test_excluded_export_has_null_priority_and_anonymous_reporter():
    case = Case.from_draft(example_excluded_draft(), reference="R", idempotency_key="k", at=NOW)
    record = export_record(case)
    assert record["priority"] is None and record["response_due"] is None
    assert record["anonymous"] is True and record["reporter"]["name"] is None
    assert record["exclusion_reason"] == "parking_highway"
    assert record["signposts"][0]["key"] == "council_parking"


def test_csv_cells():
    assert csv_cell(None) == ""
    assert csv_cell(True) == "true"
    assert csv_cell(2) == "2"
    assert csv_cell({"a": [1]}) == '{"a":[1]}'
