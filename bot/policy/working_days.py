"""When a response is due, counted in working days from the time of a report.

The rule, in full:

1. Working days are the weekdays the organisation opens, minus bank holidays (from the
   `holidays` library, with the country and subdivision named in the policy).
2. The clock starts at the time of the report if the office is open then; otherwise
   (evenings, before opening, weekends, bank holidays) at the next opening time.
3. A response within N working days is due at closing time on the Nth working day after the
   day the clock starts.

So a report at 17:00 on a Friday, one working day: due at Monday's close (Tuesday's if Monday
is a bank holiday). A report on Saturday: the clock starts at Monday's opening and one working
day is due at Tuesday's close, the same as a report made during Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.policy.model import Policy
from bot.policy.wording import day_text

_SEARCH_LIMIT = 366  # a policy must open at least once a year; stops a runaway search


@dataclass(frozen=True)
class DueDate:
    """When a response is due, and how to say so to a resident."""

    at: datetime
    text: str
    clock_starts: datetime | None = None


def is_working_day(day: date, policy: Policy) -> bool:
    """True if the organisation is open on `day` (an open weekday that is not a bank holiday)."""
    organisation = policy.organisation
    return organisation.opening_hours.on(day).is_open and not (
        organisation.bank_holidays.is_holiday(day)
    )


def next_working_day(day: date, policy: Policy) -> date:
    """The first working day strictly after `day`."""
    for offset in range(1, _SEARCH_LIMIT + 1):
        candidate = day + timedelta(days=offset)
        if is_working_day(candidate, policy):
            return candidate
    raise ValueError("the policy has no working day within a year")


def clock_start(reported_at: datetime, policy: Policy) -> datetime:
    """When the response clock starts: the report time if open then, else the next opening."""
    local = _local(reported_at, policy)
    hours = policy.organisation.opening_hours.on(local.date())
    if is_working_day(local.date(), policy):
        if hours.opens <= local.time() < hours.closes:
            return local
        if local.time() < hours.opens:
            return _at(local.date(), hours.opens, policy)
    day = next_working_day(local.date(), policy)
    return _at(day, policy.organisation.opening_hours.on(day).opens, policy)


def response_due(reported_at: datetime, working_days: int, policy: Policy) -> DueDate:
    """Close of business on the `working_days`th working day after the clock starts."""
    if working_days < 1:
        raise ValueError("working_days must be at least 1")
    start = clock_start(reported_at, policy)
    day = start.date()
    for _ in range(working_days):
        day = next_working_day(day, policy)
    due = _at(day, policy.organisation.opening_hours.on(day).closes, policy)
    with_year = day.year != _local(reported_at, policy).year
    return DueDate(at=due, text=f"by the end of {day_text(day, with_year)}", clock_starts=start)


def _local(moment: datetime, policy: Policy) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("reported_at must be timezone-aware")
    return moment.astimezone(policy.organisation.tz)


def _at(day: date, clock: time | None, policy: Policy) -> datetime:
    return datetime.combine(day, clock, tzinfo=policy.organisation.tz)
