"""Which question to ask next: only what is still missing and what applies to this report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

SKIPPED = "skipped"
"""Stored in a slot when the resident chose not to answer, so the question is not asked again."""

Slots = Mapping[str, Any]


def _is_true(value: Any) -> bool:
    return value is True


def _scope(slots: Slots) -> str | None:
    triage = slots.get("triage") or {}
    return triage.get("scope") if isinstance(triage, Mapping) else None


def _hate_reported(slots: Slots) -> bool:
    strands = slots.get("hate_motivation")
    return _scope(slots) == "hate_crime" or (isinstance(strands, list) and bool(strands))


def _gives_details(slots: Slots) -> bool:
    return slots.get("anonymous") is False


def _email_needed(slots: Slots) -> bool:
    return _gives_details(slots) and slots.get("contact_phone") in (None, SKIPPED)


def _always(slots: Slots) -> bool:
    return True


# The order a good call handler would follow: safety, the story, the facts, the risk, consent,
# who they are, then the read-back. Each entry says when the question applies.
QUESTIONS: tuple[tuple[str, Callable[[Slots], bool]], ...] = (
    ("in_danger", _always),
    ("description", _always),
    ("excluded_more", lambda s: _scope(s) == "excluded"),
    ("behaviour_type", _always),
    ("perpetrator_known", _always),
    ("perpetrator_details", lambda s: _is_true(s.get("perpetrator_known"))),
    ("location", _always),
    ("started", _always),
    ("frequency", _always),
    ("last_incident", lambda s: s.get("frequency") != "once"),
    ("witnesses", _always),
    ("impact", _always),
    ("feels_safe", _always),
    ("vulnerable_household", _always),
    ("hate_motivation", _always),
    ("police_consent", _hate_reported),
    ("evidence", _always),
    ("contact_perpetrator_consent", lambda s: _is_true(s.get("perpetrator_known"))),
    ("reporter_role", _always),
    ("anonymous", _always),
    ("reporter_name", _gives_details),
    ("contact_phone", _gives_details),
    ("contact_email", _email_needed),
    ("tenancy_reference", _gives_details),
    ("contact_preference", _gives_details),
    ("confirm_report", _always),
)

QUESTION_SLOTS: tuple[str, ...] = tuple(name for name, _ in QUESTIONS)

# Asked and answered before the report can stop early (an excluded report the resident confirms
# has nothing more to it is recorded as a contact without the rest of the questions).
_EXCLUDED_CONTACT_SLOTS = ("in_danger", "description", "excluded_more")


def is_answered(value: Any) -> bool:
    return value is not None


def applicable_questions(slots: Slots) -> list[str]:
    """All questions that apply to this report, in asking order."""
    if slots.get("paused"):
        return []
    if _scope(slots) == "excluded" and slots.get("excluded_more") is False:
        return list(_EXCLUDED_CONTACT_SLOTS)
    return [name for name, applies in QUESTIONS if applies(slots)]


def next_question(slots: Slots) -> str | None:
    """The first applicable question still unanswered, or None when the report is complete."""
    return next((q for q in applicable_questions(slots) if not is_answered(slots.get(q))), None)
