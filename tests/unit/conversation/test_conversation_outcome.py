"""What the resident is told after recording: all numbers and promises from the policy."""

from datetime import datetime, timezone

from bot.conversation.outcome import finish_messages, next_opening
from bot.conversation.service import Submitted

SATURDAY_NIGHT = datetime(2026, 11, 21, 23, 10, tzinfo=timezone.utc)
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def submitted(**changes):
    values = dict(
        reference="ASB-7KQ9-M2XH",
        scope="in_scope",
        stored=True,
        priority=1,
        due_text="by the end of Tuesday 24 November",
        case_review_eligible=False,
    )
    return Submitted(**{**values, **changes})  # fmt: skip


def test_the_reference_and_the_policys_response_time_are_given(policy):
    message = finish_messages(submitted(), {}, policy, MONDAY_MORNING)[0]
    assert message.values["reference"] == "ASB-7KQ9-M2XH"
    assert policy.priority(1).resident_wording in message.values["priority_sentence"]
    assert "Tuesday 24 November" in message.values["priority_sentence"]


def test_out_of_hours_the_resident_is_told_when_the_office_opens(policy):
    message = finish_messages(submitted(), {}, policy, SATURDAY_NIGHT)[0]
    assert "Monday 23 November at 8am" in message.values["next_steps"]


def test_in_hours_nothing_is_said_about_opening_times(policy):
    assert next_opening(policy, MONDAY_MORNING) is None


def test_christmas_out_of_hours_skips_the_bank_holidays(policy):
    christmas_eve = datetime(2026, 12, 24, 19, 0, tzinfo=timezone.utc)
    assert next_opening(policy, christmas_eve) == "Tuesday 29 December at 8am"


def test_offensive_graffiti_gets_the_24_hour_promise_quoted_from_policy(policy):
    promise = next(p.text for p in policy.promises if p.key == "offensive_graffiti_removal")
    slots = {"triage": {"promises": [promise]}}
    message = finish_messages(submitted(priority=2), slots, policy, MONDAY_MORNING)[0]
    assert promise in message.values["next_steps"]


def test_a_hate_crime_with_consent_confirms_the_police_report_offer(policy):
    slots = {"police_consent": True}
    message = finish_messages(submitted(scope="hate_crime"), slots, policy, MONDAY_MORNING)[0]
    assert policy.hate_crime.police_report_offer in message.values["next_steps"]


def test_the_asb_case_review_right_is_explained_when_it_applies(policy):
    messages = finish_messages(submitted(case_review_eligible=True), {}, policy, MONDAY_MORNING)
    assert [m.response for m in messages] == [
        "utter_report_submitted",
        "utter_case_review_right",
        "utter_add_incidents_later",
    ]


def test_an_excluded_contact_gets_its_reference_and_where_to_go(policy):
    slots = {"triage": {"exclusion": "invasive_plants", "signposts": []}}
    message = finish_messages(submitted(scope="excluded", priority=None), slots, policy)[0]
    assert message.response == "utter_excluded_recorded"
    assert policy.exclusion("invasive_plants").where_to_go in message.values["where_instead"]
