"""Stop: nothing is sent, and the conversation forgets the report."""

from __future__ import annotations

from rasa_sdk import Action
from rasa_sdk.events import ActiveLoop, AllSlotsReset, SlotSet


class ActionCancelReport(Action):
    def name(self) -> str:
        return "action_cancel_report"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_cancelled")
        keep = ("emergency_number", "org_name", "org_phone", "in_danger")
        # in_danger is kept: once danger was detected in this conversation it stays recorded.
        restored = [
            SlotSet(name, tracker.get_slot(name)) for name in keep if tracker.get_slot(name)
        ]
        return [ActiveLoop(None), AllSlotsReset(), *restored]
