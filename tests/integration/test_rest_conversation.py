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
    resident = Resident.talking_to(running_assistant)
    replies = resident.says("hi")
    assert "immediate danger" in replies
    assert resident.asked() == "in_danger"


def test_a_report_through_the_thin_slice_lands_in_the_database_with_its_reference(
    running_assistant,
):
    resident = Resident.talking_to(running_assistant)
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
    resident = Resident.talking_to(running_assistant)
    resident.say("hi")
    replies = resident.says("Yes")
    assert "999" in replies
    slots = resident.slots()
    assert slots["in_danger"] is True
    assert slots["requested_slot"] is None
    assert resident.reference() is None


def test_one_rich_message_is_not_asked_again_and_is_stored_as_said(running_assistant):
    resident = Resident.talking_to(running_assistant)
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


def report(assistant, opening, answers):
    """Open with `opening`, say no to danger, answer by slot; return (resident, stored case)."""
    resident = Resident.talking_to(assistant)
    resident.say(opening)
    reference = resident.answer_until_done({"in_danger": "No", **answers})
    assert reference, resident.render()
    return resident, stored_case(assistant, reference)


def test_a_full_named_report_records_who_they_are(running_assistant):
    _, case = report(
        running_assistant,
        "The man at number 7 keeps shouting abuse at me on the stairs",
        {"anonymous": "Give my details", "reporter_name": "Sam Jones",
         "contact_phone": "07700 900123", "tenancy_reference": "4123456789",
         "contact_preference": "text me after 6pm"},
    )  # fmt: skip
    assert case.reporter.anonymous is False
    assert case.reporter.name == "Sam Jones"
    assert case.reporter.phone == "+447700900123"
    assert case.reporter.tenancy_reference == "4123456789"
    assert case.reporter.preferred_contact == "sms"


def test_an_anonymous_report_keeps_no_contact_details(running_assistant):
    _, case = report(running_assistant, "people are dealing drugs from the flat below mine",
                     {"anonymous": "Stay anonymous"})  # fmt: skip
    assert case.reporter.anonymous is True
    assert case.reporter.phone is None and case.reporter.name is None
    assert case.category == "drugs" and case.priority == 2


def test_an_excluded_topic_is_explained_and_recorded_as_a_contact(running_assistant):
    resident = Resident.talking_to(running_assistant)
    resident.say("there is japanese knotweed growing in next door's garden")
    replies = resident.says("No")
    assert "knotweed" in replies.lower() or "plant" in replies.lower()
    resident.say("No, that's all")
    reference = resident.reference()
    assert reference, resident.render()
    case = stored_case(running_assistant, reference)
    assert case.scope == "excluded" and case.exclusion_reason == "invasive_plants"


def test_an_excluded_topic_with_threats_is_escalated_not_excluded(running_assistant):
    resident = Resident.talking_to(running_assistant)
    resident.say("kids playing football on the green by my house")
    resident.say("No")
    assert resident.asked() == "excluded_more"
    resident.say("they threw stones at my window and said they would get me")
    reference = resident.answer_until_done({"anonymous": "Stay anonymous"})
    case = stored_case(running_assistant, reference)
    assert case.scope != "excluded"
    assert case.priority == 1


def test_a_hate_crime_with_police_consent_is_priority_one_and_consent_is_recorded(
    running_assistant,
):
    _, case = report(
        running_assistant,
        "my neighbour keeps shouting go back to your own country at me and my kids",
        {"hate_motivation": "Race", "police_consent": "Yes", "anonymous": "Stay anonymous"},
    )
    assert case.scope == "hate_crime" and case.priority == 1
    assert case.hate_crime.strands == ["race"]
    assert case.hate_crime.consent_to_report_to_police is True


def test_mate_crime_reported_by_a_support_worker_is_recorded_on_their_behalf(running_assistant):
    _, case = report(
        running_assistant,
        "I'm a support worker. The man I support has autism and his new friends keep "
        "borrowing money and never pay it back, and they eat all his food",
        {"reporter_role": "For someone else", "anonymous": "Stay anonymous"},
    )
    assert case.scope == "mate_crime"
    assert case.reporter.role == "on_behalf"
    assert case.priority == 1


def test_domestic_abuse_gives_the_helplines_at_once_and_priority_one(running_assistant):
    resident = Resident.talking_to(running_assistant)
    resident.say("hi")
    resident.say("No")
    replies = resident.says("my partner hits me and takes all my money")
    assert "01772 435865" in replies
    reference = resident.answer_until_done({"anonymous": "Stay anonymous"})
    case = stored_case(running_assistant, reference)
    assert case.category == "domestic_abuse" and case.priority == 1


def test_danger_mid_report_interrupts_with_999_and_the_report_can_carry_on(running_assistant):
    resident = Resident.talking_to(running_assistant)
    resident.say("hi")
    resident.say("No")
    resident.say("my neighbour has been banging on my walls for weeks")
    assert resident.asked() is not None
    assert "999" in resident.says("he's kicking my door in right now")
    slots = resident.slots()
    assert slots["in_danger"] is True and slots["requested_slot"] is None
    resident.say("carry on")
    assert resident.asked() not in (None, "in_danger", "description")
    reference = resident.answer_until_done({"anonymous": "Stay anonymous"})
    assert stored_case(running_assistant, reference).risk.immediate_danger is True


def test_danger_mentioned_only_in_the_past_does_not_interrupt(running_assistant):
    resident = Resident.talking_to(running_assistant)
    resident.say("hi")
    resident.say("No")
    replies = resident.says("last year he threatened me but now it's just loud music at night")
    assert "999" not in replies
    assert resident.asked() is not None


def test_cancelling_sends_nothing(running_assistant):
    resident = Resident.talking_to(running_assistant)
    resident.say("hi")
    resident.say("No")
    resident.say("someone keeps leaving rubbish bags by the bins")
    assert "Nothing has been sent" in resident.says("cancel")
    assert resident.reference() is None
    assert resident.asked() is None


def test_a_further_incident_is_added_to_an_existing_case(running_assistant):
    _, case = report(running_assistant, "the lads upstairs have parties every weekend until 4am",
                     {"anonymous": "Give my details", "reporter_name": "Alex",
                      "contact_phone": "07700 900456"})  # fmt: skip
    resident = Resident.talking_to(running_assistant)
    resident.say(f"it happened again, my reference is {case.reference}")
    if resident.asked() == "case_reference":
        resident.say(case.reference)
    assert resident.asked() == "case_identity"
    resident.say("07700 900456")
    resident.say("another party with music until 5am")
    replies = resident.says("last night")
    assert case.reference in replies
    assert len(stored_case(running_assistant, case.reference).incidents) == 2
