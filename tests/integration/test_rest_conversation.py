"""A resident reporting through the running Rasa server and action server, over REST."""

from __future__ import annotations

import pytest

from bot.cases import CaseService
from bot.client import Resident

pytestmark = pytest.mark.servers

RICH = (
    "My neighbour John at number 12 has been playing loud music every night since March, "
    "it's making me anxious and I can't sleep"
)


def stored_case(assistant, reference):
    return CaseService(database_url=assistant.database_url, outbox_dir=None).get(reference)


def test_a_greeting_is_answered_with_the_danger_question(running_assistant):
    resident = Resident(running_assistant.rasa_url)
    replies = resident.says("hi")
    assert "immediate danger" in replies
    assert resident.asked() == "in_danger"


def test_a_report_through_the_thin_slice_lands_in_the_database_with_its_reference(
    running_assistant,
):
    resident = Resident(running_assistant.rasa_url)
    resident.say("hello")
    assert "in your own words" in resident.says("No")
    resident.say("Someone keeps smashing the glass in the communal door of our block")
    reference = resident.answer_until_done({})
    assert reference, resident.render()
    case = stored_case(running_assistant, reference)
    assert case.reference == reference
    assert case.channel == "rest"
    assert "communal door" in case.description
    assert resident.slots()["in_danger"] is False


def test_saying_yes_to_danger_gives_999_and_pauses_the_report(running_assistant):
    resident = Resident(running_assistant.rasa_url)
    resident.say("hi")
    replies = resident.says("Yes")
    assert "999" in replies
    slots = resident.slots()
    assert slots["in_danger"] is True
    assert slots["requested_slot"] is None
    assert resident.reference() is None


def test_one_rich_message_is_not_asked_again_and_is_stored_as_said(running_assistant):
    resident = Resident(running_assistant.rasa_url)
    resident.say(RICH)
    asked = []
    resident.say("No")  # the danger question comes first, always
    while (slot := resident.asked()) is not None and len(asked) < 40:
        asked.append(slot)
        resident.say({"anonymous": "Stay anonymous", "confirm_report": "Yes"}.get(slot, "skip"))
    for already_told in (
        "description",
        "behaviour_type",
        "perpetrator_known",
        "perpetrator_details",
        "started",
        "frequency",
        "impact",
    ):
        assert already_told not in asked, resident.render()
    case = stored_case(running_assistant, resident.reference())
    assert case.category == "noise"
    who = case.perpetrators[0].description
    assert "John" in who and "number 12" in who
    first = case.incidents[0]
    assert first.first_occurred[5:7] == "03"
    assert "since March" in first.original_words
    assert first.frequency == "nightly"
    assert case.impact == "it's making me anxious and I can't sleep"
