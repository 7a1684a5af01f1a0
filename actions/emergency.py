"""Danger at any turn: the 999 message at once, and the report paused, never lost."""

from __future__ import annotations

from rasa_sdk import Action
from rasa_sdk.events import ActiveLoop, SlotSet

from actions.speech import say_all
from bot.conversation.answers import emergency_messages
from bot.conversation.service import reporting


class ActionEmergency(Action):
    def name(self) -> str:
        return "action_emergency"

    async def run(self, dispatcher, tracker, domain):
        text = tracker.latest_message.get("text") or ""
        say_all(dispatcher, emergency_messages(text, tracker.slots, reporting().context()))
        return [
            SlotSet("in_danger", True),
            SlotSet("paused", True),
            ActiveLoop(None),
            SlotSet("requested_slot", None),
        ]
