"""Build the case record from what the resident told us and what the policy decided."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.contracts import HATE_CRIME_STRANDS
from bot.conversation.plan import SKIPPED

_CONTACT_METHODS = (
    ("email", re.compile(r"e-?mail", re.I)),
    ("sms", re.compile(r"\b(text|sms|message)\b", re.I)),
    ("phone", re.compile(r"\b(phone|call|ring)\b", re.I)),
    ("letter", re.compile(r"\b(letter|post|write)\b", re.I)),
)


def answered(slots: Mapping[str, Any], name: str) -> Any:
    """The slot's value, or None when it was not asked or the resident skipped it."""
    value = slots.get(name)
    return None if value == SKIPPED else value


def _flag(slots: Mapping[str, Any], name: str) -> bool | None:
    value = answered(slots, name)
    return value if isinstance(value, bool) else None


def _date(slots: Mapping[str, Any], name: str) -> tuple[str | None, str | None]:
    value = answered(slots, name)
    if isinstance(value, Mapping):
        return value.get("iso_date"), value.get("original")
    return None, None


def preferred_contact(text: str | None) -> str | None:
    if not text:
        return None
    return next((method for method, words in _CONTACT_METHODS if words.search(text)), None)


def build_draft(slots: Mapping[str, Any], channel: str, now: datetime):
    """A `CaseDraft` for the case store; excluded reports keep only the contact and signposts."""
    from bot.cases.model import (
        CaseDraft,
        Consents,
        Evidence,
        HateCrimeDetails,
        Incident,
        Perpetrator,
        Reporter,
        Risk,
        Signpost,
        Witness,
    )

    triage = slots.get("triage") or {}
    scope = triage.get("scope") or "in_scope"
    excluded = scope == "excluded"
    anonymous = answered(slots, "anonymous") is not False
    preference = answered(slots, "contact_preference")
    reporter = Reporter(
        role=answered(slots, "reporter_role") or "victim",
        anonymous=anonymous,
        name=None if anonymous else answered(slots, "reporter_name"),
        phone=None if anonymous else answered(slots, "contact_phone"),
        email=None if anonymous else answered(slots, "contact_email"),
        tenancy_reference=None if anonymous else answered(slots, "tenancy_reference"),
        preferred_contact=None if anonymous else preferred_contact(preference),
        safe_times=None if anonymous else preference,
    )
    first, first_words = _date(slots, "started")
    last, last_words = _date(slots, "last_incident")
    frequency = answered(slots, "frequency")
    incident = Incident(
        what_happened=slots.get("description"),
        first_occurred=first,
        last_occurred=last,
        original_words="; ".join(w for w in (first_words, last_words) if w) or None,
        frequency=frequency,
        ongoing=None if frequency is None else frequency != "once",
        location=answered(slots, "location"),
    )
    known = _flag(slots, "perpetrator_known")
    who = answered(slots, "perpetrator_details")
    perpetrators = [Perpetrator(known=known, description=who)] if known or who else []
    witnesses_said = answered(slots, "witnesses")
    witnesses = [Witness(notes=witnesses_said)] if witnesses_said not in (None, "none") else []
    strands = answered(slots, "hate_motivation")
    hate = None
    if scope == "hate_crime" or (isinstance(strands, list) and strands):
        hate = HateCrimeDetails(
            strands=[s for s in strands or [] if s in HATE_CRIME_STRANDS],
            consent_to_report_to_police=_flag(slots, "police_consent"),
        )
    evidence_said = answered(slots, "evidence") or {}
    kinds = evidence_said.get("kinds", []) if isinstance(evidence_said, Mapping) else []
    due = triage.get("response_due")
    return CaseDraft(
        channel=channel,
        scope=scope,
        description=slots.get("description") or "",
        category=None if excluded else triage.get("category"),
        exclusion_reason=triage.get("exclusion") if excluded else None,
        priority=None if excluded else triage.get("priority"),
        response_due=None if excluded or not due else datetime.fromisoformat(due),
        reporter=reporter,
        perpetrators=perpetrators,
        incidents=[] if excluded else [incident],
        witnesses=witnesses,
        impact=answered(slots, "impact"),
        risk=Risk(
            immediate_danger=_flag(slots, "in_danger"),
            feels_unsafe_at_home=None
            if _flag(slots, "feels_safe") is None
            else not _flag(slots, "feels_safe"),
            vulnerable_household=_flag(slots, "vulnerable_household"),
        ),
        hate_crime=hate,
        consents=Consents(contact_perpetrator=_flag(slots, "contact_perpetrator_consent")),
        evidence=Evidence(
            photos="photos" in kinds or None,
            video="video" in kinds or None,
            recordings="recordings" in kinds or None,
            diary="diary" in kinds or None,
            notes=evidence_said.get("words") if isinstance(evidence_said, Mapping) else None,
        ),
        signposts=[
            Signpost(key=s["key"], label=s["label"], text=s.get("text") or s.get("contact") or "")
            for s in triage.get("signposts") or []
        ],
        case_review_eligible=bool(slots.get("case_review_eligible")),
    )
