"""The question plan: only what is still missing, and only what applies."""

from bot.conversation.plan import QUESTION_SLOTS, SKIPPED, applicable_questions, next_question


def test_the_danger_question_always_comes_first():
    assert next_question({}) == "in_danger"


def test_answered_and_skipped_questions_are_not_asked_again():
    slots = {"in_danger": False, "description": "loud music", "behaviour_type": SKIPPED}
    assert next_question(slots) == "perpetrator_known"


def test_details_about_the_perpetrator_are_asked_only_when_they_are_known():
    assert "perpetrator_details" not in applicable_questions({"perpetrator_known": False})
    assert "contact_perpetrator_consent" not in applicable_questions({"perpetrator_known": False})
    assert "perpetrator_details" in applicable_questions({"perpetrator_known": True})


def test_police_consent_is_asked_only_for_a_hate_incident():
    assert "police_consent" not in applicable_questions({"hate_motivation": []})
    assert "police_consent" in applicable_questions({"hate_motivation": ["race"]})
    assert "police_consent" in applicable_questions({"triage": {"scope": "hate_crime"}})


def test_an_anonymous_resident_is_not_asked_who_they_are():
    questions = applicable_questions({"anonymous": True})
    for personal in ("reporter_name", "contact_phone", "contact_email", "tenancy_reference"):
        assert personal not in questions


def test_email_is_asked_only_when_no_phone_number_was_given():
    assert "contact_email" not in applicable_questions({"anonymous": False, "contact_phone": "+44"})
    assert "contact_email" in applicable_questions({"anonymous": False, "contact_phone": SKIPPED})


def test_an_excluded_report_asks_whether_there_is_more_to_it():
    slots = {"in_danger": False, "description": "kids", "triage": {"scope": "excluded"}}
    assert next_question(slots) == "excluded_more"


def test_an_excluded_report_with_nothing_more_ends_without_the_other_questions():
    slots = {"in_danger": False, "description": "kids", "triage": {"scope": "excluded"},
             "excluded_more": False}  # fmt: skip
    assert next_question(slots) is None


def test_a_paused_report_asks_nothing_until_it_is_resumed():
    assert next_question({"paused": True}) is None


def test_a_one_off_incident_is_not_asked_when_it_last_happened():
    assert "last_incident" not in applicable_questions({"frequency": "once"})


def test_the_read_back_is_always_the_last_question():
    assert QUESTION_SLOTS[-1] == "confirm_report"
    assert applicable_questions({})[-1] == "confirm_report"
