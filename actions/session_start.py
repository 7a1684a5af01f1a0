"""Start each conversation with the policy's contact numbers in slots, for every response."""

from __future__ import annotations

from rasa_sdk import Action
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from bot.conversation.service import reporting


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher, tracker, domain):
        organisation = reporting().policy.organisation
        return [
            SessionStarted(),
            SlotSet("emergency_number", reporting().policy.emergency.number),
            SlotSet("org_name", organisation.name),
            SlotSet("org_phone", organisation.phone),
            ActionExecuted("action_listen"),
        ]
