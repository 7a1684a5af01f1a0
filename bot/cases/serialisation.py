"""The one place cases become JSON-ready data and back (export, outbox files, JSON columns)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import datetime, timezone
from functools import cache
from typing import Any, TypeVar

from bot.cases.model import Case, CaseDraft, Incident

T = TypeVar("T")

# Keys of one exported case, in output order (documented in docs/cases.md).
EXPORT_KEYS = (
    "reference",
    "created_at",
    "updated_at",
    "channel",
    "status",
    "scope",
    "category",
    "exclusion_reason",
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
    "aliases",
    "audit",
)

# Store-internal fields that never leave the store.
_INTERNAL_INCIDENT_FIELDS = ("idempotency_key",)


def parse_datetime(text: str) -> datetime:
    """An aware datetime from ISO 8601 text (a trailing Z and naive values mean UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def to_data(value: Any) -> Any:
    """JSON-ready data: dataclasses become dicts, datetimes ISO 8601 text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    return value


def from_data(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild dataclass `cls` from `to_data` output; unknown keys are ignored."""
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    values = {name: _decode(hints[name], item) for name, item in data.items() if name in known}
    return cls(**values)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        return [_decode(item_hint, item) for item in value]
    if origin is dict:
        return dict(value)
    if hint is datetime:
        return parse_datetime(value)
    if dataclasses.is_dataclass(hint):
        return from_data(hint, value)
    return value


def draft_to_data(draft: CaseDraft) -> dict[str, Any]:
    return to_data(draft)


def draft_from_data(data: dict[str, Any]) -> CaseDraft:
    return from_data(CaseDraft, data)


def incident_to_export(incident: Incident) -> dict[str, Any]:
    data = to_data(incident)
    for name in _INTERNAL_INCIDENT_FIELDS:
        data.pop(name, None)
    return data


def export_record(case: Case) -> dict[str, Any]:
    """One case as the export format: a flat dict with exactly EXPORT_KEYS."""
    data = to_data(case)
    record = {key: data.get(key) for key in EXPORT_KEYS}
    record["anonymous"] = case.anonymous
    record["incidents"] = [incident_to_export(incident) for incident in case.incidents]
    return record


def export_json(cases: list[Case]) -> str:
    """A JSON array, one object per case."""
    return json.dumps([export_record(case) for case in cases], ensure_ascii=False, indent=2)


def csv_cell(value: Any) -> str:
    """A CSV cell: nested parts as compact JSON, booleans as true/false, null as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
