"""Run the policy engine on the report so far and keep its decision in a slot-friendly form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.conversation.plan import SKIPPED

_HEALTH_WORDS = re.compile(
    r"\b(ill|illness|health|doctor|gp|medication|depress\w*|panic attacks?|mental health|"
    r"breakdown|hospital|suicidal|self[- ]harm)\b",
    re.IGNORECASE,
)


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) and value != SKIPPED else ""


def policy_report(slots: Mapping[str, Any], reported_at: datetime | None = None):
    """The policy engine's view of the report: only what the resident told us."""
    from bot.policy import Report

    behaviour = slots.get("behaviour_type")
    strands = slots.get("hate_motivation")
    impact = _text(slots.get("impact"))
    words = " ".join(part for part in (_text(slots.get("description")), impact) if part)
    return Report(
        description=words,
        behaviour_type=behaviour if isinstance(behaviour, str) and behaviour != SKIPPED else None,
        hate_motivation=tuple(strands) if isinstance(strands, list) else (),
        feels_safe=_bool(slots.get("feels_safe")),
        vulnerable_household=_bool(slots.get("vulnerable_household")),
        health_affected=True if _HEALTH_WORDS.search(impact) else None,
        targeted_repeatedly=None,
        reported_at=reported_at,
        on_behalf_of_someone=slots.get("reporter_role") == "on_behalf",
    )


def triage_to_slot(result) -> dict[str, Any]:
    """A JSON-safe copy of a policy `Triage`, for the `triage` slot and the case record."""
    due = result.response_due
    return {
        "scope": result.scope,
        "category": result.category,
        "category_label": result.category_label,
        "exclusion": result.exclusion,
        "priority": result.priority,
        "urgent": result.urgent,
        "reasons": list(result.reasons),
        "signposts": [_signpost(s) for s in result.signposts],
        "helplines": [_helpline(h) for h in result.helplines],
        "promises": [promise.text for promise in result.promises],
        "response_due": due.at.isoformat() if due else None,
        "response_due_text": due.text if due else None,
    }


def _signpost(signpost) -> dict[str, Any]:
    return {
        "key": signpost.key,
        "label": signpost.label,
        "contact": signpost.contact,
        "text": signpost.text,
    }


def _helpline(helpline) -> dict[str, Any]:
    return {"key": helpline.key, "name": helpline.name, "number": helpline.number}


def triage_slots(slots: Mapping[str, Any], policy, now: datetime | None = None) -> dict[str, Any]:
    """Triage the report as it stands now."""
    from bot.policy import triage

    return triage_to_slot(triage(policy_report(slots, now), policy))
