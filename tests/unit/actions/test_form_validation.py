"""The report form's validation action and the incident actions, as Rasa calls them."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.incident import ActionAddIncident, ActionStartIncident, ValidateIncidentForm
from actions.validate_report_form import ValidateReportForm
from tests.unit.actions.conftest import said


def form_tracker(form, slot, value, slots=None, text=None):
    """The tracker as Rasa sends it after the resident answered `slot` with `value`."""
    text = value if text is None else text
    return Tracker.from_dict(
        {
            "sender_id": "tester",
            "slots": {**(slots or {}), slot: value, "requested_slot": slot},
            "latest_message": {"text": text, "intent": {"name": "inform"}, "entities": []},
            "events": [
                {"event": "user", "text": text, "parse_data": {"intent": {"name": "inform"}}},
                {"event": "slot", "name": slot, "value": value},
            ],
            "active_loop": {"name": form},
        }
    )


def validate(action, slot, value, domain, slots=None):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, form_tracker(action.form_name(), slot, value,
                                                             slots), domain))  # fmt: skip
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}, dispatcher


def test_a_valid_answer_is_kept_and_the_next_question_requested(domain):
    slots, _ = validate(ValidateReportForm(), "location", "the car park", domain,
                        {"in_danger": False, "description": "x", "behaviour_type": "noise",
                         "perpetrator_known": False})  # fmt: skip
    assert slots["location"] == "the car park"
    assert slots["requested_slot"] == "started"


def test_an_invalid_phone_number_is_rejected_with_a_reason_and_asked_again(domain):
    slots, dispatcher = validate(ValidateReportForm(), "contact_phone", "123", domain,
                                 {"anonymous": False})  # fmt: skip
    assert slots["contact_phone"] is None
    assert said(dispatcher) == ["utter_invalid_answer"]


def test_an_invalid_tenancy_reference_is_rejected_and_asked_again(domain):
    slots, dispatcher = validate(ValidateReportForm(), "tenancy_reference", "61234567", domain,
                                 {"anonymous": False})  # fmt: skip
    assert slots["tenancy_reference"] is None
    assert said(dispatcher) == ["utter_invalid_answer"]


def test_an_unparseable_date_is_rejected_and_asked_again(domain):
    slots, dispatcher = validate(ValidateReportForm(), "started", "blue elephants", domain)
    assert slots["started"] is None
    assert said(dispatcher) == ["utter_invalid_answer"]


def test_yes_to_danger_ends_the_form_for_now(domain):
    slots, dispatcher = validate(ValidateReportForm(), "in_danger", "yes", domain)
    assert slots["in_danger"] is True and slots["paused"] is True
    assert slots["requested_slot"] is None
    assert said(dispatcher) == ["utter_emergency"]


def test_confirming_the_read_back_completes_the_form(domain):
    slots, _ = validate(
        ValidateReportForm(),
        "confirm_report",
        "yes",
        domain,
        {"in_danger": False, "description": "x", "anonymous": True},
    )
    assert slots["confirm_report"] is True


def test_adding_an_incident_picks_up_a_reference_from_the_message(dispatcher, tracker, domain):
    events = asyncio.run(ActionStartIncident().run(
        dispatcher,
        tracker(text="it happened again ASB-7KQ9-M2XH", intent="add_incident",
                entities=[{"entity": "case_reference", "value": "ASB-7KQ9-M2XH"}]),
        domain))  # fmt: skip
    assert {"event": "slot", "name": "case_reference", "value": "ASB-7KQ9-M2XH",
            "timestamp": None} in events  # fmt: skip


def test_a_mistyped_case_reference_is_rejected_before_any_lookup(domain):
    slots, dispatcher = validate(ValidateIncidentForm(), "case_reference", "ASB-7KQ9-M2XX",
                                 domain)  # fmt: skip
    assert slots["case_reference"] is None
    assert said(dispatcher) == ["utter_invalid_answer"]


def test_a_further_incident_is_added_to_the_residents_case(dispatcher, tracker, domain,
                                                           case_store):  # fmt: skip
    from actions.finish_report import ActionFinishReport
    from tests.unit.actions.test_actions import CONFIRMED

    events = asyncio.run(ActionFinishReport().run(CollectingDispatcher(), tracker(CONFIRMED),
                                                  domain))  # fmt: skip
    reference = next(e["value"] for e in events if e["name"] == "reference")
    slots = {"case_reference": reference, "case_identity": "07700 900123",
             "incident_description": "shouting again", "report_id": "i1",
             "incident_when": {"original": "last night", "iso_date": "2026-11-20"}}  # fmt: skip
    asyncio.run(ActionAddIncident().run(dispatcher, tracker(slots), domain))
    assert said(dispatcher) == ["utter_incident_added"]
    assert len(case_store.get(reference).incidents) == 2


def test_a_further_incident_with_the_wrong_contact_detail_is_not_added(
    dispatcher, tracker, domain, case_store
):
    from actions.finish_report import ActionFinishReport
    from tests.unit.actions.test_actions import CONFIRMED

    events = asyncio.run(ActionFinishReport().run(CollectingDispatcher(), tracker(CONFIRMED),
                                                  domain))  # fmt: skip
    reference = next(e["value"] for e in events if e["name"] == "reference")
    slots = {
        "case_reference": reference,
        "case_identity": "07700 900999",
        "incident_description": "shouting again",
        "report_id": "i2",
    }
    asyncio.run(ActionAddIncident().run(dispatcher, tracker(slots), domain))
    assert said(dispatcher) == ["utter_incident_not_found"]
    assert len(case_store.get(reference).incidents) == 1
