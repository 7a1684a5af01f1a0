"""Reading free text against the phrases held in the policy data."""

from __future__ import annotations

from typing import Any

import pytest

from bot.policy import classify_text


def test_loud_music_is_noise(policy: Any) -> None:
    signals = classify_text("my neighbour plays loud music every night", policy)
    assert signals.categories == ("noise",)
    assert signals.exclusions == ()
    assert signals.evidence("category", "noise") == "loud"


def test_everyday_sounds_are_the_normal_living_noise_exclusion(policy: Any) -> None:
    signals = classify_text("the couple next door have normal arguments and hoover at 8pm", policy)
    assert signals.exclusions == ("normal_living_noise",)
    assert signals.categories == ()


def test_children_playing_and_threats_are_both_found(policy: Any) -> None:
    signals = classify_text(
        "kids playing football on the green keep throwing stones at my window and threatened me",
        policy,
    )
    assert signals.exclusions == ("children_playing",)
    assert signals.aggravating_factors == ("threats", "missiles")


def test_an_xl_bully_is_a_dangerous_dog_not_bullying(policy: Any) -> None:
    signals = classify_text("an XL bully attacked my dog", policy)
    assert signals.categories == ("dangerous_dogs",)
    assert signals.aggravating_factors == ()  # "attacked" belongs to the dog phrase


def test_a_phrase_inside_an_exclusion_does_not_count_as_a_category(policy: Any) -> None:
    signals = classify_text("smell of weed from next door", policy)
    assert signals.exclusions == ("cannabis_smell",)
    assert "environmental" not in signals.categories


def test_an_exclusion_never_swallows_an_aggravating_factor(policy: Any) -> None:
    signals = classify_text("he parked in my bay with a knife", policy)
    assert signals.exclusions == ("parking_bays",)
    assert signals.aggravating_factors == ("weapons",)


def test_a_negated_threat_is_not_a_threat(policy: Any) -> None:
    signals = classify_text("he didn't threaten me but his music is loud", policy)
    assert signals.aggravating_factors == ()
    assert signals.categories == ("noise",)


def test_explicit_hate_words_name_a_strand(policy: Any) -> None:
    assert classify_text("he called me a paki", policy).hate_strands == ("race",)
    assert classify_text("they are homophobic to us", policy).hate_strands == (
        "sexual_orientation",
    )


def test_an_identity_word_alone_is_not_hate(policy: Any) -> None:
    assert classify_text("my muslim neighbour is noisy", policy).hate_strands == ()


def test_an_identity_word_just_after_a_hostile_word_is_hate(policy: Any) -> None:
    signals = classify_text("they shout abuse at me because I'm gay", policy)
    assert signals.hate_strands == ("sexual_orientation",)


def test_an_identity_word_in_another_sentence_is_not_hate(policy: Any) -> None:
    assert classify_text("They shout at me. I am gay.", policy).hate_strands == ()


@pytest.mark.parametrize(
    ("text", "strand"),
    [
        ("they pulled off my hijab", "religion"),
        ("they mock my son because he is autistic", "disability"),
        ("they keep calling me a tranny", "transgender_identity"),
        ("he said go back to your own country", "race"),
    ],
)
def test_each_strand_can_be_recognised(policy: Any, text: str, strand: str) -> None:
    assert strand in classify_text(text, policy).hate_strands


def test_a_swastika_is_antisemitic_and_racist(policy: Any) -> None:
    assert classify_text("someone sprayed a swastika", policy).hate_strands == ("race", "religion")


def test_mate_crime_signs_and_a_befriending_relationship_are_found(policy: Any) -> None:
    signals = classify_text(
        "my new friends keep borrowing money and never pay it back and eat all my food", policy
    )
    assert signals.mate_crime_signs == ("money_not_returned", "home_used")
    assert signals.mate_crime_relationship


def test_risk_statements_in_the_text_are_found(policy: Any) -> None:
    signals = classify_text("loud music all night, I don't feel safe in my own home", policy)
    assert signals.risk_factors == ("feels_unsafe",)


def test_danger_right_now_is_flagged(policy: Any) -> None:
    assert classify_text("he is outside my door now with a knife", policy).immediate_danger
    assert not classify_text("there was a knife fight last year", policy).immediate_danger


def test_offensive_wording_is_found_for_the_graffiti_promise(policy: Any) -> None:
    assert classify_text("rude graffiti on my fence", policy).promises == (
        "offensive_graffiti_removal",
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("constant harrassment from next door", "harassment"),
        ("grafitti on the bin store", "graffiti"),
        ("NEIGHBOUR'S DOG BARKING", "dogs"),
        ("they’re dealing weed", "drugs"),
        ("fly-tipping behind the flats", "environmental"),
    ],
)
def test_typos_capitals_curly_apostrophes_and_hyphens_are_handled(
    policy: Any, text: str, category: str
) -> None:
    assert category in classify_text(text, policy).categories


def test_a_one_letter_typo_in_a_long_word_still_matches(policy: Any) -> None:
    assert classify_text("japanese knotwed by the fence", policy).exclusions == ("invasive_plants",)


def test_empty_text_finds_nothing(policy: Any) -> None:
    signals = classify_text("", policy)
    assert signals.categories == signals.exclusions == signals.aggravating_factors == ()
    assert not signals.immediate_danger
