"""Report particulars pulled from the resident's own words."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understanding.details import FREQUENCIES, Details, extract_details
from bot.understanding.when import WhenText

NOW = datetime(2026, 11, 21, 23, 10, tzinfo=ZoneInfo("Europe/London"))
KEY_EXAMPLE = (
    "My neighbour John at number 12 has been playing loud music every night since March, "
    "it's making me anxious and I can't sleep"
)


def test_the_key_example_is_read_exactly() -> None:
    details = extract_details(KEY_EXAMPLE, NOW)
    assert details.perpetrator == "John"
    assert details.perpetrator_known is True
    assert details.perpetrator_address == "number 12"
    assert details.started == WhenText(
        original="since March", iso_date="2026-03-01", iso_datetime=None, approximate=True
    )
    assert details.frequency == "nightly"
    assert details.ongoing is True
    assert details.impact == "it's making me anxious and I can't sleep"
    assert details.impact in KEY_EXAMPLE


def test_since_march_is_the_most_recent_march_not_in_the_future() -> None:
    spring = datetime(2027, 2, 1, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    assert extract_details(KEY_EXAMPLE, spring).started.iso_date == "2026-03-01"


def test_a_group_of_teenagers_is_an_unknown_perpetrator_with_a_description() -> None:
    details = extract_details(
        "A group of teenagers hang around the stairwell every evening shouting and smoking", NOW
    )
    assert details.perpetrator is None
    assert details.perpetrator_known is False
    assert details.perpetrator_description == "a group of teenagers"
    assert details.location == "the stairwell"
    assert details.frequency == "nightly"  # evenings count as nights (see module docstring)


def test_someone_dumping_rubbish_is_unknown() -> None:
    details = extract_details("Someone keeps dumping rubbish by the bins", NOW)
    assert details.perpetrator_known is False
    assert details.perpetrator_description == "someone"
    assert details.location == "by the bins"
    assert details.ongoing is True


def test_i_dont_know_who_wins_over_any_reference() -> None:
    details = extract_details("I don't know who it is, some lads from the estate", NOW)
    assert details.perpetrator_known is False
    assert details.perpetrator_description == "some lads"


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("The man at number 12 shouts at me", "the man at number 12"),
        ("my neighbour at number 12 is dealing drugs", "my neighbour at number 12"),
        ("my ex keeps turning up", "my ex"),
        ("My neighbour plays loud music", "my neighbour"),
        ("the people upstairs stamp around all night", "the people upstairs"),
        ("Mr Smith in flat 3 has been harassing me", "Mr Smith"),
        ("Sarah at number 4 keeps shouting", "Sarah"),
        ("There's a lad called Dave who deals drugs", "Dave"),
        ("his name is tom and he lives downstairs", "tom"),
    ],
)
def test_a_named_or_specific_person_is_a_known_perpetrator(text: str, perpetrator: str) -> None:
    details = extract_details(text, NOW)
    assert details.perpetrator == perpetrator
    assert details.perpetrator_known is True


@pytest.mark.parametrize(
    "text",
    [
        "My flat is noisy",
        "The noise is unbearable",
        "It happens every night",
        "Every night they shout",
        "Since March it has been awful",
        "Please help",
        "I live in a Council flat",
    ],
)
def test_sentence_initial_capitals_are_not_taken_for_names(text: str) -> None:
    details = extract_details(text, NOW)
    assert details.perpetrator is None or details.perpetrator[0].islower()


def test_family_members_who_are_victims_are_not_perpetrators() -> None:
    details = extract_details("They keep scaring my son when he comes home", NOW)
    assert details.perpetrator is None


def test_my_husband_and_i_are_the_victims_not_the_perpetrators() -> None:
    details = extract_details("My husband and I are kept awake by the people upstairs", NOW)
    assert details.perpetrator == "the people upstairs"
    assert details.perpetrator_address == "upstairs"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("the family at 12 Acacia Road have parties", "12 Acacia Road"),
        ("the lads in flat 3 are selling drugs", "flat 3"),
        ("I live at number 4 and the man at number 9 shouts at me", "number 9"),
        ("my neighbour at no. 7 is abusive", "no. 7"),
    ],
)
def test_the_perpetrators_address_is_kept_and_the_residents_own_is_not(
    text: str, address: str
) -> None:
    assert extract_details(text, NOW).perpetrator_address == address


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("they shout outside my flat", "outside my flat"),
        ("kids smoke in the stairwell", "in the stairwell"),
        ("they ride motorbikes on the green", "on the green"),
        ("youths gather at the bus stop", "at the bus stop"),
        ("someone set fire to a car in the car park", "in the car park"),
        ("rubbish is left in the communal garden", "in the communal garden"),
        ("there is rubbish everywhere, communal areas are filthy", "communal areas"),
    ],
)
def test_where_it_happens_is_kept_in_the_residents_words(text: str, location: str) -> None:
    assert extract_details(text, NOW).location == location


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("it happens every night", "nightly"),
        ("most nights they are at it", "nightly"),
        ("every day without fail", "daily"),
        ("all day every day", "daily"),
        ("all the time", "constantly"),
        ("they shout constantly", "constantly"),
        ("the dog barks 24/7", "constantly"),
        ("every weekend there is a party", "weekly"),
        ("a few times a week", "several_times_a_week"),
        ("once a week", "weekly"),
        ("about once a month", "monthly"),
        ("just once", "once"),
        ("it happened once", "once"),
        ("now and then", "occasionally"),
        ("sometimes late at night", "occasionally"),
    ],
)
def test_frequency_is_normalised(text: str, frequency: str) -> None:
    assert extract_details(text, NOW).frequency == frequency
    assert frequency in FREQUENCIES


def test_a_last_incident_is_read_from_yesterday_at_eleven() -> None:
    details = extract_details("Some lads were at the bus stop yesterday at 11pm", NOW)
    assert details.last_incident.iso_datetime == "2026-11-20T23:00:00+00:00"
    assert details.started is None


def test_a_start_and_a_last_incident_are_told_apart() -> None:
    details = extract_details("It started last Tuesday and this morning they were at it again", NOW)
    assert details.started.original == "last Tuesday"
    assert details.last_incident.original == "this morning"


def test_since_a_british_numeric_date_is_when_it_started() -> None:
    details = extract_details("It has been going on since 3/10 and last night was the worst", NOW)
    assert details.started.iso_date == "2026-10-03"
    assert details.last_incident.iso_date == "2026-11-20"


def test_for_three_weeks_is_when_it_started() -> None:
    details = extract_details("He has been harassing me for 3 weeks", NOW)
    assert details.started.iso_date == "2026-10-31"
    assert details.started.approximate
    assert details.ongoing is True


def test_something_that_stopped_is_not_ongoing() -> None:
    assert extract_details("He used to shout at me but he moved out", NOW).ongoing is False


def test_a_one_off_is_not_ongoing() -> None:
    assert extract_details("it happened once", NOW).ongoing is False


@pytest.mark.parametrize(
    ("text", "impact"),
    [
        ("The music is loud. I'm so stressed and depressed.", "I'm so stressed and depressed"),
        ("they shout every night and it's scaring my kids", "it's scaring my kids"),
        ("The dog barks 24/7 and it's affecting my health", "it's affecting my health"),
        ("I feel unsafe in my own home", "I feel unsafe in my own home"),
        ("we are kept awake every night", "we are kept awake every night"),
    ],
)
def test_impact_is_a_verbatim_clause_with_feeling_words(text: str, impact: str) -> None:
    details = extract_details(text, NOW)
    assert details.impact == impact
    assert impact in text


@pytest.mark.parametrize(
    ("text", "witnesses"),
    [
        ("He shouted at me. My wife saw it too", "My wife saw it too"),
        ("they smashed the window, the neighbour across saw everything",
         "the neighbour across saw everything"),
        ("my son was there too and heard everything", "my son was there too and heard everything"),
    ],
)  # fmt: skip
def test_witnesses_are_kept_verbatim(text: str, witnesses: str) -> None:
    assert extract_details(text, NOW).witnesses == witnesses


@pytest.mark.parametrize(
    "text",
    ["nobody saw it", "I saw him do it", "no one witnessed it", "he was there at 11pm"],
)
def test_the_resident_or_nobody_is_not_a_witness(text: str) -> None:
    assert extract_details(text, NOW).witnesses is None


def test_a_witness_is_not_mistaken_for_the_perpetrator() -> None:
    details = extract_details("Some kids broke the gate. The neighbour across saw it", NOW)
    assert details.perpetrator_known is False
    assert details.perpetrator_description == "some kids"


def test_empty_text_gives_empty_details() -> None:
    assert extract_details("", NOW) == Details()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_extract_details_never_raises_on_arbitrary_text(text: str) -> None:
    details = extract_details(text, NOW)
    assert isinstance(details, Details)
    if details.impact is not None:
        assert details.impact in text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["My", "neighbour", "John", "at", "number", "12", "every", "night", "since", "March",
             ",", "I'm", "scared", "the", "stairwell", "saw", "it", "3/10", "<b>", "\x00", "🙂",
             "someone", "don't", "know", "who", "flat", "3", "ago", "weeks", "for"]
        ),
        max_size=40,
    )
)  # fmt: skip
def test_report_shaped_word_salad_never_raises(words: list[str]) -> None:
    assert isinstance(extract_details(" ".join(words), NOW), Details)


def test_huge_and_hostile_input_never_raises() -> None:
    for text in ["\x00" * 1000, "my neighbour " * 20_000, "<script>alert(1)</script>",
                 "🙂" * 10_000, "\ud800 since March \udfff", "A" * 200_000]:  # fmt: skip
        assert isinstance(extract_details(text, NOW), Details)
