"""Begin (or resume) a report, keeping whatever the opening message already told us."""

from __future__ import annotations

import uuid

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from bot.conversation.opening import is_just_an_opener
from bot.conversation.plan import QUESTION_SLOTS

REPORT_SLOTS = (*QUESTION_SLOTS, "triage", "reference", "opening")


class ActionStartReport(Action):
    def name(self) -> str:
        return "action_start_report"

    async def run(self, dispatcher, tracker, domain):
        events = [SlotSet("paused", False)]
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        told = intent == "report_problem" and not is_just_an_opener(text)
        if tracker.get_slot("reference") or not tracker.get_slot("report_id"):
            # A new report: forget the last one's answers (its case is already stored).
            events += [SlotSet(name, None) for name in REPORT_SLOTS if tracker.get_slot(name)]
            events.append(SlotSet("report_id", uuid.uuid4().hex))
            # Kept aside and read once the danger question is answered: safety comes first.
            events.append(SlotSet("opening", text if told else None))
        elif not tracker.get_slot("description"):
            # Resuming after a pause (the danger question is answered): the story they tell now,
            # or the one they opened with, is the description.
            story = text if told else tracker.get_slot("opening")
            if story:
                events.append(SlotSet("description", story))
        return events
