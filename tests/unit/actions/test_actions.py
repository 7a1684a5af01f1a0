"""Every custom action, run with CollectingDispatcher and Tracker.from_dict."""

from __future__ import annotations

import asyncio

from rasa_sdk.events import ActiveLoop, AllSlotsReset, SlotSet

from actions.ask_questions import (
    ActionAskBehaviourType,
    ActionAskConfirmReport,
    ActionAskPoliceConsent,
    ActionAskTenancyReference,
)
from actions.cancel_report import ActionCancelReport
from actions.emergency import ActionEmergency
from actions.explain_why import ActionExplainWhy
from actions.finish_report import ActionFinishReport
from actions.session_start import ActionSessionStart
from actions.start_report import ActionStartReport
from tests.unit.actions.conftest import said


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


CONFIRMED = {
    "in_danger": False,
    "description": "The man at number 3 shouts abuse at me on the stairs every day",
    "behaviour_type": "harassment",
    "perpetrator_known": True,
    "perpetrator_details": "the man at number 3",
    "location": "the stairs",
    "anonymous": False,
    "reporter_name": "Sam",
    "contact_phone": "+447700900123",
    "confirm_report": True,
    "report_id": "r1",
}


def test_session_start_puts_the_policy_numbers_in_slots(dispatcher, tracker, domain):
    events = slot_events(run(ActionSessionStart(), dispatcher, tracker(), domain))
    assert events["emergency_number"] == "999"
    assert events["org_phone"] == "0333 320 4555"


def test_starting_a_report_keeps_a_narrative_opener_aside_until_safety_is_checked(
    dispatcher, tracker, domain
):
    opener = "someone keeps kicking the bins over outside my flat every night"
    events = slot_events(run(ActionStartReport(), dispatcher,
                             tracker(text=opener, intent="report_problem"), domain))  # fmt: skip
    assert events["opening"] == opener
    assert "description" not in events
    assert events["report_id"]


def test_a_generic_opener_is_not_kept_as_a_description(dispatcher, tracker, domain):
    events = slot_events(run(ActionStartReport(), dispatcher,
                             tracker(text="I want to report ASB", intent="report_problem"),
                             domain))  # fmt: skip
    assert events["opening"] is None


def test_resuming_a_paused_report_uses_the_story_told_at_the_start(dispatcher, tracker, domain):
    slots = {"report_id": "r1", "paused": True, "in_danger": True, "opening": "bins on fire"}
    events = slot_events(
        run(
            ActionStartReport(),
            dispatcher,
            tracker(slots, text="carry on", intent="continue_report"),
            domain,
        )
    )
    assert events == {"paused": False, "description": "bins on fire"}


def test_emergency_gives_999_and_pauses_the_form(dispatcher, tracker, domain):
    events = run(ActionEmergency(), dispatcher,
                 tracker(text="he's at my door with a knife", intent="report_danger",
                         active_loop="report_form"), domain)  # fmt: skip
    assert said(dispatcher) == ["utter_emergency"]
    assert slot_events(events)["in_danger"] is True
    assert ActiveLoop(None) in events


def test_emergency_with_domestic_abuse_gives_the_helplines_too(dispatcher, tracker, domain):
    run(
        ActionEmergency(),
        dispatcher,
        tracker(text="my husband is hitting me right now", intent="report_danger"),
        domain,
    )
    assert said(dispatcher) == ["utter_emergency", "utter_domestic_abuse_helplines"]
    assert "01772 435865" in dispatcher.messages[1]["domestic_abuse_helplines"]


def test_behaviour_type_is_asked_with_category_buttons(dispatcher, tracker, domain):
    run(ActionAskBehaviourType(), dispatcher, tracker(), domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert "Noise nuisance" in titles and len(titles) <= 10


def test_police_consent_quotes_the_policys_offer(dispatcher, tracker, domain):
    from bot.conversation.service import reporting

    run(ActionAskPoliceConsent(), dispatcher, tracker(), domain)
    assert reporting().policy.hate_crime.police_report_offer in dispatcher.messages[0]["text"]


def test_tenancy_reference_question_gives_the_format_from_policy(dispatcher, tracker, domain):
    run(ActionAskTenancyReference(), dispatcher, tracker(), domain)
    assert "starts with 4 or 5" in dispatcher.messages[0]["text"]


def test_the_read_back_shows_what_will_be_recorded(dispatcher, tracker, domain):
    run(ActionAskConfirmReport(), dispatcher, tracker(CONFIRMED), domain)
    text = dispatcher.messages[0]["text"]
    assert "the stairs" in text and "+447700900123" in text


def test_the_read_back_over_sms_repeats_no_story_names_or_numbers(dispatcher, tracker, domain):
    run(ActionAskConfirmReport(), dispatcher, tracker(CONFIRMED, channel="sms"), domain)
    text = dispatcher.messages[0]["text"]
    assert "the stairs" in text
    for private in ("+447700900123", "Sam", "number 3", "shouts abuse"):
        assert private not in text


def test_a_confirmed_report_is_recorded_and_the_reference_given(
    dispatcher, tracker, domain, case_store
):
    from bot.conversation.service import reporting

    slots = {**CONFIRMED, "triage": None}
    events = run(ActionFinishReport(), dispatcher, tracker(slots), domain)
    reference = slot_events(events)["reference"]
    case = case_store.get(reference)
    assert case.category == "harassment"
    assert case.reporter.phone == "+447700900123"
    assert case.channel == "rest"
    assert said(dispatcher)[0] == "utter_report_submitted"
    assert dispatcher.messages[0]["reference"] == reference
    assert (
        reporting().policy.priority(case.priority).resident_wording
        in dispatcher.messages[0]["priority_sentence"]
    )


def test_recording_twice_gives_one_case_and_the_same_reference(
    dispatcher, tracker, domain, case_store
):
    first = slot_events(run(ActionFinishReport(), dispatcher, tracker(CONFIRMED), domain))
    again = slot_events(run(ActionFinishReport(), dispatcher, tracker(CONFIRMED), domain))
    assert first["reference"] == again["reference"]
    assert len(case_store.list_cases()) == 1


def test_a_paused_report_is_not_recorded(dispatcher, tracker, domain, case_store):
    events = run(ActionFinishReport(), dispatcher, tracker({**CONFIRMED, "paused": True}), domain)
    assert events == [] and dispatcher.messages == []
    assert case_store.list_cases() == []


def test_an_excluded_report_with_nothing_more_is_recorded_as_a_contact(
    dispatcher, tracker, domain, case_store
):
    from bot.conversation.answers import interpret
    from bot.conversation.service import reporting

    told = interpret("description", "kids playing football on the green", {},
                     reporting().context()).updates  # fmt: skip
    slots = {**told, "in_danger": False, "excluded_more": False, "report_id": "x"}
    reference = slot_events(run(ActionFinishReport(), dispatcher, tracker(slots), domain))[
        "reference"
    ]
    case = case_store.get(reference)
    assert case.scope == "excluded" and case.exclusion_reason == "children_playing"
    assert case.priority is None
    assert said(dispatcher) == ["utter_excluded_recorded"]


def test_cancel_says_nothing_was_sent_and_forgets_the_report(dispatcher, tracker, domain):
    events = run(
        ActionCancelReport(),
        dispatcher,
        tracker({"description": "x", "emergency_number": "999"}),
        domain,
    )
    assert said(dispatcher) == ["utter_cancelled"]
    assert AllSlotsReset() in events
    assert SlotSet("emergency_number", "999") in events


def test_why_explains_the_question_being_asked(dispatcher, tracker, domain):
    run(ActionExplainWhy(), dispatcher, tracker({"requested_slot": "contact_phone"}), domain)
    assert said(dispatcher) == ["utter_why_contact_phone"]


def test_why_outside_a_question_gives_the_general_reason(dispatcher, tracker, domain):
    run(ActionExplainWhy(), dispatcher, tracker({}), domain)
    assert said(dispatcher) == ["utter_why_generic"]
