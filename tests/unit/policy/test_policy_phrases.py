"""The phrase language used by the policy data to read what residents write."""

from __future__ import annotations

import pytest

from bot.policy.phrases import Phrase, is_negated, normalise_word, tokenize

NEGATIONS = frozenset({"not", "no", "didnt", "dont"})
BREAKS = frozenset({"stop", "just"})


def finds(phrase: str, text: str, *, gap: int = 3, fuzzy: int = 0) -> list[str]:
    tokens = tokenize(text, frozenset({"but"}))
    return [
        " ".join(tokens.words[s:e]) for s, e in Phrase.from_yaml(phrase).find(tokens, gap, fuzzy)
    ]


def test_text_is_lower_cased_and_apostrophes_dropped() -> None:
    assert tokenize("Next door’s DOG won't stop").words == ("next", "doors", "dog", "wont", "stop")


def test_a_word_matches_its_plurals() -> None:
    assert finds("party", "they have parties") == ["parties"]
    assert finds("bin", "the bins are full") == ["bins"]
    assert finds("knife", "he had knives") == []  # irregular plurals are listed explicitly


def test_a_star_matches_any_word_starting_with_the_prefix() -> None:
    assert finds("threat*", "he threatened me") == ["threatened"]


def test_alternatives_match_any_one_word() -> None:
    assert finds("pit|pitt bull*", "a pitt bull next door") == ["pitt bull"]


def test_a_gap_allows_a_few_words_in_between() -> None:
    assert finds("deal* ... drug*", "they are dealing class a drugs") == ["dealing class a drugs"]
    assert finds("deal* ... drug*", "dealing with my sister and her drugs", gap=3) == []


def test_a_phrase_never_matches_across_a_sentence_break() -> None:
    assert finds("loud ... music", "It is loud. Music is fine") == []
    assert finds("loud music", "It is loud\nmusic") == []


def test_decimal_times_do_not_break_sentences() -> None:
    assert finds("music ... night", "music at 11.30 at night") == ["music at 1130 at night"]


def test_long_words_match_one_missing_extra_or_swapped_letter_when_fuzzy_is_on() -> None:
    assert finds("knotweed", "japanese knotwed", fuzzy=8) == ["knotwed"]
    assert finds("knotweed", "japanese knotweeed", fuzzy=8) == ["knotweeed"]
    assert finds("knotweed", "japanese konttweed", fuzzy=8) == []
    assert finds("knotweed", "japanese knotwed", fuzzy=0) == []


def test_fuzzy_matching_ignores_a_replaced_letter_so_real_words_do_not_collide() -> None:
    assert finds("shooting", "constant shouting", fuzzy=8) == []


def test_a_negation_just_before_a_phrase_cancels_it() -> None:
    tokens = tokenize("he didnt hit me", frozenset())
    assert is_negated(tokens, 2, NEGATIONS, BREAKS, 2)


def test_a_negation_in_an_earlier_clause_does_not_cancel() -> None:
    tokens = tokenize("he did not shout, he threatened me", frozenset())
    assert not is_negated(tokens, 5, NEGATIONS, BREAKS, 2)


def test_a_break_word_stops_the_negation_look_back() -> None:
    tokens = tokenize("they dont stop shouting", frozenset())
    assert not is_negated(tokens, 3, NEGATIONS, BREAKS, 2)


def test_words_are_normalised_like_the_text() -> None:
    assert normalise_word("Don’t") == "dont"


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("... loud", "'...' must sit between two words"),
        ("loud ...", "'...' must sit between two words"),
        ("loud ... ... music", "'...' must sit between two words"),
        ("loud||music", "empty alternative"),
        ("ab*", "too short a prefix"),
        ("fly-tip", "must be letters or digits"),
        ("", "non-empty text"),
    ],
)
def test_malformed_phrases_are_rejected_with_a_reason(phrase: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Phrase.from_yaml(phrase)
