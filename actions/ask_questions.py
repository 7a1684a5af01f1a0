"""Questions whose wording needs the policy data: categories, promises, formats, the read-back."""

from __future__ import annotations

from rasa_sdk import Action

from bot.conversation.questions import CATEGORY_BUTTONS, tenancy_reference_hint
from bot.conversation.read_back import read_back
from bot.conversation.service import reporting


class ActionAskBehaviourType(Action):
    def name(self) -> str:
        return "action_ask_behaviour_type"

    async def run(self, dispatcher, tracker, domain):
        policy = reporting().policy
        buttons = [
            {"title": policy.category(key).label, "payload": policy.category(key).label}
            for key in CATEGORY_BUTTONS
        ]
        dispatcher.utter_message(
            text="What kind of behaviour is it? Choose one, or describe it in your own words.",
            buttons=buttons,
        )
        return []


class ActionAskPoliceConsent(Action):
    def name(self) -> str:
        return "action_ask_police_consent"

    async def run(self, dispatcher, tracker, domain):
        offer = reporting().policy.hate_crime.police_report_offer
        dispatcher.utter_message(
            text=f"{offer} Would you like us to do that?",
            buttons=[{"title": "Yes", "payload": "Yes"}, {"title": "No", "payload": "No"}],
        )
        return []


class ActionAskTenancyReference(Action):
    def name(self) -> str:
        return "action_ask_tenancy_reference"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text="If you're a tenant, what is your tenancy reference? "
            f"{tenancy_reference_hint(reporting().policy)} Say 'skip' if you don't know it."
        )
        return []


class ActionAskConfirmReport(Action):
    def name(self) -> str:
        return "action_ask_confirm_report"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text=read_back(tracker.slots, tracker.get_latest_input_channel())
            + "\nIs this right? Say 'yes' to send it, or tell me what to change.",
            buttons=[{"title": "Yes, send it", "payload": "Yes"},
                     {"title": "Change something", "payload": "Change something"}],
        )  # fmt: skip
        return []
