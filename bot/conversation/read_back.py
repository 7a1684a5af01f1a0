"""The short summary read back to the resident before anything is recorded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation.draft import answered

# Over SMS the summary repeats only what is needed to confirm it (type, place, dates): no story,
# no names, numbers or feelings, because the phone may be seen by the person responsible.
_PRIVATE_ON_SMS = {"description", "perpetrator_details", "impact", "reporter_name",
                   "contact_phone", "contact_email", "tenancy_reference"}  # fmt: skip

_LINES = (
    ("What happened", "description"),
    ("Type", "category_label"),
    ("Who", "perpetrator_details"),
    ("Where", "location"),
    ("Started", "started"),
    ("Last time", "last_incident"),
    ("How often", "frequency"),
    ("How it made you feel", "impact"),
    ("Your name", "reporter_name"),
    ("Phone", "contact_phone"),
    ("Email", "contact_email"),
    ("Tenancy reference", "tenancy_reference"),
)


def _shown(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("original")
    if value is None or value == "" or isinstance(value, bool):
        return None
    text = str(value).replace("_", " ")
    return text if len(text) <= 160 else text[:157] + "..."


def read_back(slots: Mapping[str, Any], channel: str | None = None) -> str:
    """One line per thing we will record, skipping what was not given."""
    triage = slots.get("triage") or {}
    values = {**{name: answered(slots, name) for _, name in _LINES},
              "category_label": triage.get("category_label")}  # fmt: skip
    lines = ["Here is what I'll record:"]
    for label, name in _LINES:
        if channel == "sms" and name in _PRIVATE_ON_SMS:
            continue
        shown = _shown(values.get(name))
        if shown:
            lines.append(f"- {label}: {shown}")
    if answered(slots, "anonymous") is True:
        lines.append("- You chose to stay anonymous")
    return "\n".join(lines)
