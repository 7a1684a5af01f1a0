"""Small wording helpers for resident-facing text."""

from __future__ import annotations

from datetime import date

from bot.policy.wording import clock_text, day_text, join_or, number_words, plural


def test_small_numbers_are_words_and_large_ones_digits() -> None:
    assert [number_words(n) for n in (1, 9, 10, 21)] == ["one", "nine", "ten", "21"]


def test_lists_are_joined_with_or() -> None:
    assert [join_or([]), join_or(["a"]), join_or(["a", "b"]), join_or(["a", "b", "c"])] == [
        "",
        "a",
        "a or b",
        "a, b or c",
    ]


def test_plurals() -> None:
    assert (plural(1, "digit"), plural(8, "digit")) == ("1 digit", "8 digits")


def test_dates_read_like_a_letter() -> None:
    assert day_text(date(2026, 11, 24)) == "Tuesday 24 November"
    assert day_text(date(2027, 1, 4), with_year=True) == "Monday 4 January 2027"


def test_clock_times_read_like_speech() -> None:
    assert [clock_text(8, 0), clock_text(16, 30), clock_text(12, 0), clock_text(0, 5)] == [
        "8am",
        "4:30pm",
        "12pm",
        "12:05am",
    ]
