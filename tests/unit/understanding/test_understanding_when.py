"""British, past-tense date reading relative to a fixed "now" (Saturday 21 Nov 2026, 23:10)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understanding.when import WhenText, find_when, parse_when

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 21, 23, 10, tzinfo=LONDON)  # a Saturday night


@pytest.mark.parametrize(
    ("text", "iso_date", "approximate"),
    [
        ("yesterday", "2026-11-20", False),
        ("last night", "2026-11-20", False),
        ("last Tuesday", "2026-11-17", False),
        ("on Friday", "2026-11-20", False),
        ("last Saturday", "2026-11-14", False),
        ("this morning", "2026-11-21", False),
        ("since March", "2026-03-01", True),
        ("in December", "2025-12-01", True),
        ("3/10", "2026-10-03", False),
        ("03/10/2025", "2025-10-03", False),
        ("22/11", "2025-11-22", False),
        ("3rd of October", "2026-10-03", False),
        ("October 3rd", "2026-10-03", False),
        ("25 December", "2025-12-25", False),
        ("2025-10-03", "2025-10-03", False),
        ("two weeks ago", "2026-11-07", True),
        ("2 days ago", "2026-11-19", False),
        ("about a month ago", "2026-10-21", True),
        ("a couple of weeks ago", "2026-11-07", True),
        ("a fortnight ago", "2026-11-07", True),
        ("for 3 weeks", "2026-10-31", True),
        ("for the last six months", "2026-05-21", True),
        ("the other day", "2026-11-19", True),
        ("last weekend", "2026-11-14", True),
        ("on the 12th", "2026-11-12", False),
        ("since Christmas", "2025-12-25", False),
        ("since the summer", "2026-06-01", True),
        ("since 2024", "2024-01-01", True),
        ("last month", "2026-10-21", True),
    ],
)
def test_past_expressions_read_as_british_dates(
    text: str, iso_date: str, approximate: bool
) -> None:
    when = parse_when(text, NOW)
    assert when is not None
    assert (when.iso_date, when.approximate) == (iso_date, approximate)


def test_three_slash_ten_is_the_third_of_october_in_british_order() -> None:
    assert parse_when("3/10", NOW).iso_date == "2026-10-03"


def test_since_march_keeps_the_words_and_is_approximate() -> None:
    assert parse_when("since March", NOW) == WhenText(
        original="since March", iso_date="2026-03-01", iso_datetime=None, approximate=True
    )


def test_since_march_early_in_the_year_means_last_years_march() -> None:
    february = datetime(2027, 2, 10, 9, 0, tzinfo=LONDON)
    assert parse_when("since March", february).iso_date == "2026-03-01"


def test_a_day_and_time_gives_a_local_datetime() -> None:
    when = parse_when("on Friday at 11pm", NOW)
    assert when.iso_date == "2026-11-20"
    assert when.iso_datetime == "2026-11-20T23:00:00+00:00"
    assert when.time == "23:00"


def test_yesterday_at_eleven_pm_has_a_time() -> None:
    assert parse_when("yesterday at 11pm", NOW).iso_datetime == "2026-11-20T23:00:00+00:00"


def test_summer_dates_carry_british_summer_time() -> None:
    assert parse_when("on 3rd July at 9pm", NOW).iso_datetime == "2026-07-03T21:00:00+01:00"


def test_two_in_the_morning_last_night_is_after_midnight() -> None:
    assert parse_when("last night at 2am", NOW).iso_datetime == "2026-11-21T02:00:00+00:00"


def test_minutes_ago_gives_an_exact_time() -> None:
    assert parse_when("10 minutes ago", NOW).iso_datetime == "2026-11-21T23:00:00+00:00"


def test_a_recurring_phrase_has_no_date_but_keeps_the_time() -> None:
    when = parse_when("every night around 11", NOW)
    assert when.iso_date is None
    assert when.approximate
    assert when.time == "23:00"


def test_a_month_in_the_future_is_moved_back_a_year() -> None:
    assert parse_when("in December", NOW).iso_date == "2025-12-01"


def test_an_explicit_future_year_gives_no_date() -> None:
    when = parse_when("3 Oct 2027", NOW)
    assert when is not None
    assert when.iso_date is None


def test_a_time_later_today_means_yesterday() -> None:
    evening = datetime(2026, 11, 21, 20, 0, tzinfo=LONDON)
    assert parse_when("at 11pm", evening).iso_date == "2026-11-20"


def test_an_aware_now_in_utc_is_read_as_london_wall_time() -> None:
    from datetime import timezone

    just_after_midnight_bst = datetime(2026, 7, 3, 23, 30, tzinfo=timezone.utc)  # 00:30 on 4 July
    assert parse_when("last night", just_after_midnight_bst).iso_date == "2026-07-03"


def test_naive_now_gives_naive_datetimes() -> None:
    when = parse_when("yesterday at 11pm", datetime(2026, 11, 21, 23, 10))
    assert when.iso_datetime == "2026-11-20T23:00:00"


@pytest.mark.parametrize("text", ["dunno", "asdfgh qwerty", "", "   ", "24/7", "no", "🙂"])
def test_unreadable_answers_give_none(text: str) -> None:
    assert parse_when(text, NOW) is None


@pytest.mark.parametrize("text", ["ages ago", "for years", "a long time ago"])
def test_vague_times_keep_the_words_without_a_date(text: str) -> None:
    when = parse_when(text, NOW)
    assert when is not None
    assert when.iso_date is None
    assert when.approximate


def test_a_street_address_is_not_a_time() -> None:
    assert parse_when("he lives at 12 Acacia Road", NOW) is None


def test_find_when_gives_roles_for_start_and_last_incident() -> None:
    spans = find_when("It started in March and last night it happened again", NOW)
    assert [(s.role, s.when.original) for s in spans] == [
        ("start", "in March"),
        ("point", "last night"),
    ]


def test_find_when_marks_every_night_as_recurring_and_since_as_the_start() -> None:
    spans = find_when("loud music every night since March", NOW)
    assert [s.role for s in spans] == ["recurring", "since"]


def test_without_now_the_current_london_time_is_used() -> None:
    assert parse_when("yesterday") is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_parse_when_never_raises_on_arbitrary_text(text: str) -> None:
    result = parse_when(text, NOW)
    assert result is None or isinstance(result, WhenText)
    if result is not None and result.iso_date is not None:
        assert result.iso_date <= "2026-11-21"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["since ", "for ", "last ", "on the ", "", "about "]),
       st.integers(min_value=-5, max_value=99999), st.sampled_from(["", "/", "th ", " weeks ago"]),
       st.integers(min_value=0, max_value=99))  # fmt: skip
def test_number_heavy_phrases_never_raise_or_go_future(
    prefix: str, a: int, sep: str, b: int
) -> None:
    result = parse_when(f"{prefix}{a}{sep}{b}", NOW)
    if result is not None and result.iso_date is not None:
        assert result.iso_date <= "2026-11-21"


def test_huge_and_hostile_input_never_raises() -> None:
    for text in [
        "\x00" * 1000,
        "since " * 20_000,
        "<b>3/10</b>",
        "🙂" * 10_000,
        "\ud800 since March \udfff",
        "9" * 50_000,
    ]:
        parse_when(text, NOW)
