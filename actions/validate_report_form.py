"""Validate each answer in the report form and decide which question comes next."""

from __future__ import annotations

from rasa_sdk.forms import FormValidationAction

from actions.speech import say_all
from bot.conversation.plan import QUESTION_SLOTS, applicable_questions
from bot.conversation.service import reporting


class ValidateReportForm(FormValidationAction):
    def name(self) -> str:
        return "validate_report_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        # Only what applies to this report; answered ones are skipped by the form itself.
        return applicable_questions(tracker.slots)

    async def answer(self, slot, value, dispatcher, tracker):
        outcome = reporting().answer(slot, value, tracker.slots)
        say_all(dispatcher, outcome.say)
        return outcome.updates


def _validator(slot: str):
    async def validate(self, value, dispatcher, tracker, domain):
        return await self.answer(slot, value, dispatcher, tracker)

    validate.__name__ = f"validate_{slot}"
    return validate


# One validator per question, all delegating to the same service call.
for _slot in QUESTION_SLOTS:
    setattr(ValidateReportForm, f"validate_{_slot}", _validator(_slot))
