"""Read what a resident's own words already tell us, so those questions are not asked again."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.conversation.plan import SKIPPED

# Words that only say "I want to report something" and carry no detail of their own.
_GENERIC_WORDS = re.compile(
    r"\b(hi|hello|hiya|hey|i|i'd|id|im|i'm|want|wanna|need|would|like|to|make|a|an|the|report|"
    r"reporting|complaint|complain|about|some|anti|social|antisocial|anti-social|behaviour|"
    r"behavior|asb|hate|crime|mate|incident|please|can|you|help|me|with|something|issue|problem)\b",
    re.IGNORECASE,
)


def is_just_an_opener(text: str) -> bool:
    """True for "I want to report ASB"-style messages that describe nothing yet."""
    rest = _GENERIC_WORDS.sub(" ", text)
    return len(re.findall(r"[a-zA-Z]{2,}", rest)) < 3


def when_slot(when: Any) -> dict[str, Any] | None:
    """A date answer as stored in a slot: the resident's words plus the ISO date when known."""
    if when is None:
        return None
    return {"original": when.original, "iso_date": when.iso_date, "approximate": when.approximate}


def details_from_words(text: str, now: datetime | None = None) -> dict[str, Any]:
    """Slot values that the resident's own words already give (nothing is guessed)."""
    from bot.understanding import extract_details

    details = extract_details(text, now=now)
    found: dict[str, Any] = {}
    who = [
        part
        for part in (
            details.perpetrator,
            details.perpetrator_address,
            details.perpetrator_description,
        )
        if part
    ]
    if details.perpetrator_known is not None:
        found["perpetrator_known"] = details.perpetrator_known
    if who:
        found["perpetrator_details"] = ", ".join(who)
        found.setdefault("perpetrator_known", details.perpetrator_known)
    if details.location:
        found["location"] = details.location
    if details.started:
        found["started"] = when_slot(details.started)
    if details.last_incident:
        found["last_incident"] = when_slot(details.last_incident)
    if details.frequency:
        found["frequency"] = details.frequency
    if details.impact:
        found["impact"] = details.impact
    if details.witnesses:
        found["witnesses"] = details.witnesses
    if found.get("perpetrator_known") is None:
        found.pop("perpetrator_known", None)
    return found


def noted_summary(found: dict[str, Any], category_label: str | None) -> str:
    """A short "I've noted" line so the resident knows what they need not repeat."""
    parts = []
    if category_label:
        parts.append(category_label.lower())
    if found.get("perpetrator_details") and found["perpetrator_details"] != SKIPPED:
        parts.append(f"who: {found['perpetrator_details']}")
    if found.get("location"):
        parts.append(f"where: {found['location']}")
    if found.get("started"):
        parts.append(f"started: {found['started']['original']}")
    if found.get("frequency"):
        parts.append(f"how often: {found['frequency'].replace('_', ' ')}")
    if found.get("impact"):
        parts.append("how it makes you feel")
    return "; ".join(parts)
