"""When the form ends: record the report (or the excluded contact), or leave it paused."""

from __future__ import annotations

import logging

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from bot.conversation.outcome import finish_messages
from bot.conversation.service import reporting

log = logging.getLogger(__name__)


class ActionFinishReport(Action):
    def name(self) -> str:
        return "action_finish_report"

    async def run(self, dispatcher, tracker, domain):
        slots = tracker.slots
        if slots.get("paused") or slots.get("reference"):
            return []  # paused for safety, or already recorded: nothing to send
        excluded_contact = (slots.get("triage") or {}).get("scope") == "excluded" and slots.get(
            "excluded_more"
        ) is False
        if slots.get("confirm_report") is not True and not excluded_contact:
            return []
        try:
            submitted = reporting().submit(
                slots, tracker.sender_id, tracker.get_latest_input_channel()
            )
        except Exception:
            # The store already falls back to its outbox when the database is down, so this is
            # a bug; say so honestly rather than pretend. No report content goes in the log.
            log.exception("a report could not be recorded")
            dispatcher.utter_message(response="utter_submit_failed")
            return []
        for message in finish_messages(submitted, slots, reporting().policy):
            dispatcher.utter_message(response=message.response, **message.values)
        return [SlotSet("reference", submitted.reference)]
