"""Response dates in working days, skipping weekends and England and Wales bank holidays.

Policy sentences checked: "one of our community safety officers will contact you within five
working days (or one working day for domestic abuse, hate crime, violence or threats of
violence)" and "Lines are open between 8am and 6pm, Monday to Friday".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.policy import response_due
from bot.policy.working_days import clock_start, is_working_day, next_working_day

LONDON = ZoneInfo("Europe/London")
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")  # checked independently of policy
CLOSE = time(18, 0)

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
moments = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2035, 12, 31),
    timezones=st.sampled_from([LONDON, timezone.utc, ZoneInfo("America/New_York")]),
)


def working(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


# -- examples -------------------------------------------------------------------------------


def test_one_working_day_after_friday_5pm_is_the_close_of_monday(policy: Any, at: Callable) -> None:
    due = response_due(at(2026, 11, 20, 17), 1, policy)
    assert due.at == datetime(2026, 11, 23, 18, 0, tzinfo=LONDON)
    assert due.text == "by the end of Monday 23 November"


def test_one_working_day_after_friday_5pm_skips_a_bank_holiday_monday(
    policy: Any, at: Callable
) -> None:
    due = response_due(at(2026, 5, 1, 17), 1, policy)  # Monday 4 May 2026 is the May Day holiday
    assert due.at.date() == date(2026, 5, 5)
    assert due.text == "by the end of Tuesday 5 May"


def test_a_report_during_monday_is_due_at_tuesday_close(policy: Any, at: Callable) -> None:
    due = response_due(at(2026, 11, 23, 10), 1, policy)
    assert due.at == datetime(2026, 11, 24, 18, 0, tzinfo=LONDON)
    assert due.text == "by the end of Tuesday 24 November"


def test_a_saturday_report_starts_the_clock_at_monday_opening(policy: Any, at: Callable) -> None:
    due = response_due(at(2026, 11, 21, 14), 1, policy)
    assert due.clock_starts == datetime(2026, 11, 23, 8, 0, tzinfo=LONDON)
    assert due.text == "by the end of Tuesday 24 November"


def test_an_evening_report_starts_the_clock_at_the_next_opening(policy: Any, at: Callable) -> None:
    assert clock_start(at(2026, 11, 23, 18, 0), policy) == at(2026, 11, 24, 8, 0)
    assert clock_start(at(2026, 11, 23, 17, 59), policy) == at(2026, 11, 23, 17, 59)


def test_an_early_morning_report_starts_the_clock_at_that_days_opening(
    policy: Any, at: Callable
) -> None:
    assert clock_start(at(2026, 11, 23, 6, 30), policy) == at(2026, 11, 23, 8, 0)
    assert (
        response_due(at(2026, 11, 23, 6, 30), 1, policy).text == "by the end of Tuesday 24 November"
    )


def test_five_working_days_from_a_monday_is_the_next_monday(policy: Any, at: Callable) -> None:
    assert response_due(at(2026, 11, 23, 10), 5, policy).text == "by the end of Monday 30 November"


def test_christmas_eve_2025_skips_christmas_boxing_day_and_the_weekend(
    policy: Any, at: Callable
) -> None:
    assert response_due(at(2025, 12, 24, 10), 1, policy).at.date() == date(2025, 12, 29)


def test_christmas_2026_skips_boxing_day_observed_on_monday(policy: Any, at: Callable) -> None:
    # 26 December 2026 is a Saturday, so the bank holiday moves to Monday 28 December.
    assert response_due(at(2026, 12, 24, 10), 1, policy).at.date() == date(2026, 12, 29)


def test_easter_2026_skips_good_friday_and_easter_monday(policy: Any, at: Callable) -> None:
    assert response_due(at(2026, 4, 2, 10), 1, policy).text == "by the end of Tuesday 7 April"


def test_a_good_friday_report_starts_the_clock_on_the_tuesday(policy: Any, at: Callable) -> None:
    due = response_due(at(2026, 4, 3, 10), 1, policy)
    assert due.clock_starts == at(2026, 4, 7, 8, 0)
    assert due.at.date() == date(2026, 4, 8)


def test_the_year_is_added_when_the_due_date_falls_in_the_next_year(
    policy: Any, at: Callable
) -> None:
    # Friday 1 January 2027 is New Year's Day, so the next working day is Monday.
    due = response_due(at(2026, 12, 31, 10), 1, policy)
    assert due.text == "by the end of Monday 4 January 2027"


def test_a_due_time_in_summer_time_is_6pm_london_time(policy: Any, at: Callable) -> None:
    due = response_due(at(2026, 3, 27, 17), 1, policy)  # clocks go forward on Sunday 29 March
    assert due.at == datetime(2026, 3, 30, 18, 0, tzinfo=LONDON)
    assert due.at.utcoffset() == timedelta(hours=1)


def test_a_report_in_utc_is_read_in_london_time(policy: Any) -> None:
    # 17:30 UTC in July is 18:30 in London: after closing, so the clock starts next morning.
    due = response_due(datetime(2026, 7, 13, 17, 30, tzinfo=timezone.utc), 1, policy)
    assert due.clock_starts == datetime(2026, 7, 14, 8, 0, tzinfo=LONDON)


def test_a_naive_datetime_is_refused(policy: Any) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        response_due(datetime(2026, 11, 23, 10), 1, policy)


def test_zero_working_days_is_refused(policy: Any, at: Callable) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        response_due(at(2026, 11, 23), 0, policy)


def test_bank_holidays_are_not_working_days(policy: Any) -> None:
    assert not is_working_day(date(2026, 8, 31), policy)  # Late Summer Bank Holiday
    assert is_working_day(date(2026, 9, 1), policy)
    assert next_working_day(date(2026, 8, 28), policy) == date(2026, 9, 1)


# -- properties -----------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(reported=moments, days=st.integers(min_value=1, max_value=10))
def test_the_due_date_is_never_a_weekend_or_bank_holiday(
    policy: Any, reported: datetime, days: int
) -> None:
    due = response_due(reported, days, policy)
    assert working(due.at.date())
    assert due.at.timetz().replace(tzinfo=None) == CLOSE
    assert due.at.tzinfo == LONDON


@PROPERTY_SETTINGS
@given(reported=moments, days=st.integers(min_value=1, max_value=10))
def test_the_due_date_is_exactly_n_working_days_after_the_clock_starts(
    policy: Any, reported: datetime, days: int
) -> None:
    due = response_due(reported, days, policy)
    start = due.clock_starts
    assert start >= reported
    assert working(start.date())
    assert time(8, 0) <= start.timetz().replace(tzinfo=None) < CLOSE
    between = [
        start.date() + timedelta(days=n) for n in range(1, (due.at.date() - start.date()).days + 1)
    ]
    assert sum(working(d) for d in between) == days


@PROPERTY_SETTINGS
@given(friday=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_one_working_day_after_friday_5pm_is_the_next_working_days_close(
    policy: Any, friday: date
) -> None:
    friday += timedelta(days=(4 - friday.weekday()) % 7)
    if not working(friday):
        return  # e.g. Good Friday: covered by its own example
    due = response_due(datetime.combine(friday, time(17), tzinfo=LONDON), 1, policy)
    monday = friday + timedelta(days=3)
    expected = monday if working(monday) else monday + timedelta(days=1)
    while not working(expected):
        expected += timedelta(days=1)
    assert due.at == datetime.combine(expected, CLOSE, tzinfo=LONDON)


@PROPERTY_SETTINGS
@given(first=moments, later_by=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)))
def test_a_later_report_is_never_due_earlier(
    policy: Any, first: datetime, later_by: timedelta
) -> None:
    assert response_due(first, 1, policy).at <= response_due(first + later_by, 1, policy).at


@PROPERTY_SETTINGS
@given(reported=moments, days=st.integers(min_value=1, max_value=9))
def test_one_more_working_day_is_always_later(policy: Any, reported: datetime, days: int) -> None:
    assert response_due(reported, days, policy).at < response_due(reported, days + 1, policy).at
