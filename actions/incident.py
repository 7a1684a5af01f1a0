"""Add a further incident to an existing case: the diary the policy asks residents to keep."""

from __future__ import annotations

import uuid

from rasa_sdk import Action
from rasa_sdk.events import SlotSet
from rasa_sdk.forms import FormValidationAction

from bot.conversation.incident import INCIDENT_SLOTS, interpret_incident_answer
from bot.conversation.outcome import incident_messages
from bot.conversation.service import reporting


class ActionStartIncident(Action):
    def name(self) -> str:
        return "action_start_incident"

    async def run(self, dispatcher, tracker, domain):
        events = [SlotSet(name, None) for name in INCIDENT_SLOTS if tracker.get_slot(name)]
        events.append(SlotSet("report_id", uuid.uuid4().hex))
        reference = next(tracker.get_latest_entity_values("case_reference"), None)
        if reference:
            events.append(SlotSet("case_reference", reference))
        return events


class ValidateIncidentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_incident_form"

    async def _answer(self, slot, value, dispatcher, tracker):
        outcome = interpret_incident_answer(slot, value, reporting().context())
        for message in outcome.say:
            dispatcher.utter_message(response=message.response, **message.values)
        return outcome.updates

    async def validate_case_reference(self, value, dispatcher, tracker, domain):
        return await self._answer("case_reference", value, dispatcher, tracker)

    async def validate_case_identity(self, value, dispatcher, tracker, domain):
        return await self._answer("case_identity", value, dispatcher, tracker)

    async def validate_incident_description(self, value, dispatcher, tracker, domain):
        return await self._answer("incident_description", value, dispatcher, tracker)

    async def validate_incident_when(self, value, dispatcher, tracker, domain):
        return await self._answer("incident_when", value, dispatcher, tracker)


class ActionAddIncident(Action):
    def name(self) -> str:
        return "action_add_incident"

    async def run(self, dispatcher, tracker, domain):
        slots = tracker.slots
        if not slots.get("case_reference") or not slots.get("incident_description"):
            return []
        added = reporting().add_incident(
            slots["case_reference"], slots.get("case_identity") or "", slots, tracker.sender_id
        )
        for message in incident_messages(added, reporting().policy):
            dispatcher.utter_message(response=message.response, **message.values)
        return [SlotSet(name, None) for name in ("case_identity", "incident_description")]
