"""'Why do you need this?': a short honest reason for the question being asked."""

from __future__ import annotations

from rasa_sdk import Action


class ActionExplainWhy(Action):
    def name(self) -> str:
        return "action_explain_why"

    async def run(self, dispatcher, tracker, domain):
        asked = tracker.get_slot("requested_slot")
        response = f"utter_why_{asked}"
        if response not in (domain.get("responses") or {}):
            response = "utter_why_generic"
        dispatcher.utter_message(response=response)
        return []
