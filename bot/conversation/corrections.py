"""Corrections at the read-back: which part the resident wants to change, and the new value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

_ADDRESS = re.compile(r"\b(?:number|no\.?|num|flat|house|#)\s*\d+[a-z]?\b", re.I)

# Checked in order: the first that matches names the part. "phone number" must win over "number".
PARTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(r"\b(my details|contact details|about me)\b", re.I),
        ("reporter_name", "contact_phone", "contact_email", "tenancy_reference"),
    ),
    (re.compile(r"\b(phone|mobile|telephone)\b", re.I), ("contact_phone",)),
    (re.compile(r"\be-?mail\b", re.I), ("contact_email",)),
    (re.compile(r"\btenancy\b", re.I), ("tenancy_reference",)),
    (re.compile(r"\bmy name\b", re.I), ("reporter_name",)),
    (
        re.compile(r"\b(last time|last happened|last incident|most recent)\b", re.I),
        ("last_incident",),
    ),
    (
        re.compile(
            r"\b(date|when|day|time|started|start|monday|tuesday|wednesday|thursday|friday|"
            r"saturday|sunday|yesterday|week|month|january|february|march|april|june|"
            r"july|august|september|october|november|december)\b",
            re.I,
        ),
        ("started",),
    ),
    (
        re.compile(r"\b(who|name|person|people|neighbou?r|number|flat|house|them|him|her)\b", re.I),
        ("perpetrator_details",),
    ),
    (re.compile(r"\b(where|place|location|street|road|stairwell|outside)\b", re.I), ("location",)),
    (re.compile(r"\b(how often|often|frequency|every)\b", re.I), ("frequency",)),
    (re.compile(r"\b(type|kind|category)\b", re.I), ("behaviour_type",)),
    (re.compile(r"\b(feel|feeling|impact|affect\w*)\b", re.I), ("impact",)),
    (re.compile(r"\b(witness\w*|saw|seen)\b", re.I), ("witnesses",)),
    (re.compile(r"\b(evidence|photos?|videos?|diary|recordings?)\b", re.I), ("evidence",)),
    (re.compile(r"\b(description|what happened|story|details)\b", re.I), ("description",)),
)


def target_slots(text: str) -> tuple[str, ...] | None:
    """The slots a correction is about, or None when it does not say."""
    for pattern, slots in PARTS:
        if pattern.search(text):
            return slots
    return None


def names_a_part(text: str) -> bool:
    return target_slots(text) is not None and not re.fullmatch(
        r"\s*(yes|yeah|yep|y|ok|okay|correct|that'?s (right|correct)|sure)[.! ]*", text, re.I
    )


def correction(text: str, slots: Mapping[str, Any], now: datetime | None = None) -> dict | None:
    """Slot updates for a correction: the new value if the resident gave one, else None (ask)."""
    targets = target_slots(text)
    if targets is None:
        return None
    if targets == ("perpetrator_details",):
        new_address = _ADDRESS.search(text)
        if new_address:
            return {
                "perpetrator_details": _replace_address(
                    slots.get("perpetrator_details"), new_address.group(0)
                )
            }
    if targets in (("started",), ("last_incident",)):
        from bot.conversation.opening import when_slot
        from bot.understanding import parse_when

        when = parse_when(_after_not(text), now=now)
        if when is not None and when.iso_date:
            return {targets[0]: when_slot(when)}
    return dict.fromkeys(targets)


def _after_not(text: str) -> str:
    """In "it was last Tuesday not Monday" the new value comes before "not"."""
    return re.split(r"\bnot\b", text, maxsplit=1, flags=re.I)[0]


def _replace_address(old: Any, new: str) -> str:
    if isinstance(old, str) and _ADDRESS.search(old):
        return _ADDRESS.sub(new, old, count=1)
    if isinstance(old, str) and old and old != "skipped":
        return f"{old}, {new}"
    return new
