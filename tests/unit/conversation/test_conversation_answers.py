"""Reading each answer: the value kept, what is said back, and every bad-input path."""

import pytest

from bot.conversation.answers import interpret
from bot.conversation.plan import SKIPPED

RICH = (
    "My neighbour John at number 12 has been playing loud music every night since March, "
    "it's making me anxious and I can't sleep"
)


def responses(outcome):
    return [say.response for say in outcome.say]


def test_yes_to_danger_pauses_the_report_with_the_999_message(ctx):
    outcome = interpret("in_danger", "yes", {}, ctx)
    assert outcome.updates["in_danger"] is True
    assert outcome.updates["paused"] is True
    assert responses(outcome) == ["utter_emergency"]


def test_a_danger_message_in_answer_to_the_danger_question_counts_as_yes(ctx):
    outcome = interpret("in_danger", "he's outside with a knife", {}, ctx)
    assert outcome.updates["in_danger"] is True


def test_no_to_danger_then_reads_the_story_they_opened_with(ctx):
    outcome = interpret("in_danger", "no", {"opening": RICH}, ctx)
    assert outcome.updates["in_danger"] is False
    assert outcome.updates["description"] == RICH
    assert outcome.updates["behaviour_type"] == "noise"
    assert outcome.updates["frequency"] == "nightly"
    assert outcome.updates["impact"] == "it's making me anxious and I can't sleep"
    assert "utter_acknowledge_details" in responses(outcome)


def test_an_unclear_answer_to_the_danger_question_asks_again(ctx):
    outcome = interpret("in_danger", "purple", {}, ctx)
    assert outcome.updates["in_danger"] is None


def test_a_description_that_only_says_they_want_to_report_asks_for_more(ctx):
    outcome = interpret("description", "I want to report ASB", {}, ctx)
    assert outcome.updates["description"] is None
    assert responses(outcome) == ["utter_description_needed"]


def test_an_excluded_topic_is_explained_kindly_with_where_to_go(ctx, policy):
    outcome = interpret("description", "kids playing football on the green", {}, ctx)
    assert outcome.updates["triage"]["scope"] == "excluded"
    say = outcome.say[0]
    assert say.response == "utter_excluded"
    assert say.values["explanation"] == policy.exclusion("children_playing").explanation
    assert "Policy:" not in say.values["explanation"]


def test_more_to_an_excluded_topic_escalates_it(ctx):
    slots = {"description": "kids playing football on the green",
             "triage": {"scope": "excluded"}}  # fmt: skip
    outcome = interpret("excluded_more", "they threw stones at my window and threatened me",
                        slots, ctx)  # fmt: skip
    assert outcome.updates["excluded_more"] is True
    assert outcome.updates["triage"]["scope"] != "excluded"
    assert outcome.updates["triage"]["priority"] == 1
    assert "utter_escalated" in responses(outcome)


def test_nothing_more_to_an_excluded_topic_ends_the_questions(ctx):
    outcome = interpret("excluded_more", "no", {"triage": {"scope": "excluded"}}, ctx)
    assert outcome.updates == {"excluded_more": False}


def test_domestic_abuse_gets_the_helplines_at_once(ctx):
    outcome = interpret("description", "my partner hits me and controls my money", {}, ctx)
    assert outcome.updates["triage"]["category"] == "domestic_abuse"
    helplines = next(s for s in outcome.say if s.response == "utter_domestic_abuse_helplines")
    assert "01772 435865" in helplines.values["domestic_abuse_helplines"]
    assert "0808 2000 247" in helplines.values["domestic_abuse_helplines"]
    assert "0808 801 0327" in helplines.values["domestic_abuse_helplines"]


def test_a_category_button_title_maps_to_its_key(ctx, policy):
    label = policy.category("drugs").label
    assert interpret("behaviour_type", label, {}, ctx).updates["behaviour_type"] == "drugs"


def test_an_unrecognised_behaviour_type_is_asked_again(ctx):
    outcome = interpret("behaviour_type", "zzzz qqq", {}, ctx)
    assert outcome.updates["behaviour_type"] is None
    assert responses(outcome) == ["utter_invalid_answer"]


@pytest.mark.parametrize("words", ["skip", "I don't know", "I'd rather not say"])
def test_most_questions_can_be_skipped(ctx, words):
    assert interpret("location", words, {}, ctx).updates == {"location": SKIPPED}
    assert interpret("feels_safe", words, {}, ctx).updates == {"feels_safe": SKIPPED}


def test_a_date_is_kept_in_the_residents_words_and_as_an_iso_date(ctx):
    started = interpret("started", "3/10", {}, ctx).updates["started"]
    assert started["original"] == "3/10"
    assert started["iso_date"] == "2026-10-03"  # read the British way


def test_an_unparseable_date_is_asked_again_politely(ctx):
    outcome = interpret("started", "purple monkey dishwasher", {}, ctx)
    assert outcome.updates["started"] is None
    assert "couldn't work out that date" in outcome.say[0].values["problem"]


def test_a_valid_uk_phone_number_is_stored_in_international_form(ctx):
    outcome = interpret("contact_phone", "07700 900123", {}, ctx)
    assert outcome.updates["contact_phone"] == "+447700900123"


def test_an_invalid_phone_number_is_asked_again_with_the_reason(ctx):
    outcome = interpret("contact_phone", "12345", {}, ctx)
    assert outcome.updates["contact_phone"] is None
    assert outcome.say[0].response == "utter_invalid_answer"
    assert outcome.say[0].values["problem"]


def test_an_invalid_email_is_asked_again(ctx):
    outcome = interpret("contact_email", "not-an-email", {}, ctx)
    assert outcome.updates["contact_email"] is None


def test_an_invalid_tenancy_reference_is_asked_again_with_the_reason(ctx):
    outcome = interpret("tenancy_reference", "31234567", {}, ctx)
    assert outcome.updates["tenancy_reference"] is None
    assert "4 or 5" in outcome.say[0].values["problem"]


def test_a_valid_tenancy_reference_is_kept(ctx):
    assert interpret("tenancy_reference", "4123 45678", {}, ctx).updates == {
        "tenancy_reference": "412345678"
    }


def test_a_hate_strand_is_read_from_a_button_or_the_residents_words(ctx):
    assert interpret("hate_motivation", "Race", {}, ctx).updates["hate_motivation"] == ["race"]
    words = interpret("hate_motivation", "because I'm Muslim", {}, ctx)
    assert words.updates["hate_motivation"] == ["religion"]
    assert words.updates["triage"]["scope"] == "hate_crime"


def test_no_hate_motivation_is_an_empty_list(ctx):
    assert interpret("hate_motivation", "No", {}, ctx).updates["hate_motivation"] == []


def test_reporting_for_someone_else_is_recorded_as_on_behalf(ctx):
    outcome = interpret("reporter_role", "For someone else", {}, ctx)
    assert outcome.updates["reporter_role"] == "on_behalf"


def test_stay_anonymous_and_give_my_details_are_told_apart(ctx):
    assert interpret("anonymous", "Stay anonymous", {}, ctx).updates == {"anonymous": True}
    assert interpret("anonymous", "Give my details", {}, ctx).updates == {"anonymous": False}


def test_yes_at_the_read_back_confirms(ctx):
    assert interpret("confirm_report", "yes", {}, ctx).updates == {"confirm_report": True}


def test_a_correction_with_a_new_house_number_replaces_the_old_one(ctx):
    slots = {"perpetrator_details": "John, number 12"}
    outcome = interpret("confirm_report", "no, it was number 14", slots, ctx)
    assert outcome.updates == {"perpetrator_details": "John, number 14", "confirm_report": None}


def test_a_correction_naming_a_part_asks_that_question_again(ctx):
    outcome = interpret("confirm_report", "change the location", {"location": "stairs"}, ctx)
    assert outcome.updates == {"location": None, "confirm_report": None}


def test_a_correction_that_names_no_part_asks_which_part(ctx):
    outcome = interpret("confirm_report", "Change something", {}, ctx)
    assert responses(outcome) == ["utter_ask_which_part"]


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "😡😡😡", "<script>alert(1)</script>", "'; DROP TABLE cases; --",
     "x" * 100_000, "\x00\x01\x02", "{{ slots }}"],
)  # fmt: skip
def test_bad_input_never_crashes_any_question(ctx, bad):
    for slot in (
        "in_danger",
        "description",
        "location",
        "started",
        "contact_phone",
        "contact_email",
        "tenancy_reference",
        "confirm_report",
        "hate_motivation",
    ):
        outcome = interpret(slot, bad, {}, ctx)
        assert slot in outcome.updates


def test_huge_input_is_truncated_before_it_is_stored(ctx):
    outcome = interpret("location", "x" * 100_000, {}, ctx)
    assert len(outcome.updates["location"]) <= 2100


def test_a_present_danger_answer_to_any_question_pauses_with_999(ctx):
    outcome = interpret("location", "he's at my door with a knife right now", {}, ctx)
    assert outcome.updates == {"location": None, "in_danger": True, "paused": True}
    assert responses(outcome)[0] == "utter_emergency"


@pytest.mark.parametrize(
    ("slot", "answer"),
    [
        ("police_consent", "yes please report it to the police for me"),
        ("perpetrator_details", "two men he calls Jay and Ricky, dont know surnames"),
        ("feels_safe", "not really when theyre there"),
    ],
)
def test_ordinary_answers_that_mention_police_or_people_do_not_interrupt(ctx, slot, answer):
    assert "in_danger" not in interpret(slot, answer, {}, ctx).updates


def test_a_statement_about_the_household_answers_the_vulnerability_question(ctx):
    assert interpret("vulnerable_household", "my son is 9", {}, ctx).updates == {
        "vulnerable_household": True
    }


def test_a_leading_not_answers_a_yes_no_question_with_no(ctx):
    assert interpret("feels_safe", "not really when theyre there", {}, ctx).updates == {
        "feels_safe": False
    }


@pytest.mark.parametrize("slot", ["contact_phone", "contact_email", "tenancy_reference"])
def test_no_thanks_to_an_optional_detail_skips_it(ctx, slot):
    assert interpret(slot, "no thanks", {}, ctx).updates == {slot: SKIPPED}
