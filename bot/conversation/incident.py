"""Answers while adding a further incident to an existing case."""

from __future__ import annotations

import re
from typing import Any

from bot.conversation.answers import Context, Outcome, Say
from bot.conversation.opening import when_slot

_REFERENCE = re.compile(r"\bASB[\s-]*[0-9A-Z]{4}[\s-]*[0-9A-Z]{4}\b", re.I)
INCIDENT_SLOTS = ("case_reference", "case_identity", "incident_description", "incident_when")


def interpret_incident_answer(slot: str, value: Any, ctx: Context) -> Outcome:
    from bot.understanding import clean_text, is_skip, parse_when

    text = clean_text(value) if isinstance(value, str) else ""
    if not text.strip():
        return Outcome(
            {slot: None}, (Say("utter_invalid_answer", {"problem": "I didn't get that."}),)
        )
    if slot == "case_reference":
        from bot.cases.references import validate_reference

        found = _REFERENCE.search(text)
        try:
            return Outcome({slot: validate_reference(found.group(0) if found else text)})
        except ValueError as error:
            return Outcome({slot: None}, (Say("utter_invalid_answer", {"problem": str(error)}),))
    if slot == "incident_when":
        if is_skip(text):
            return Outcome({slot: {"original": None, "iso_date": None}})
        when = parse_when(text, now=ctx.now)
        if when is None or not when.iso_date:
            problem = "Sorry, I couldn't work out that date. You could say 'last night' or '3/10'."
            return Outcome({slot: None}, (Say("utter_invalid_answer", {"problem": problem}),))
        return Outcome({slot: when_slot(when)})
    return Outcome({slot: text})
