"""The policy tree: lookups, opening hours and integrity."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from bot.policy.model import DayHours


def test_lookups_find_rules_by_key(policy: Any) -> None:
    assert policy.category("noise").priority == 2
    assert policy.exclusion("cctv").label == "Home or business CCTV"
    assert policy.signpost("police_101").contact == "101"
    assert policy.helpline("mens_advice_line").number == "0808 801 0327"
    assert policy.priority(1).working_days == 1
    assert policy.strand("race").label == "Race"
    assert policy.aggravating_factor("threats").priority == 1
    assert policy.risk_factor("feels_unsafe").answer == "feels_safe"
    assert policy.mate_crime_sign("weight_loss").label == "Weight loss"


def test_an_unknown_key_raises_key_error(policy: Any) -> None:
    with pytest.raises(KeyError, match="no category 'noize'"):
        policy.category("noize")
    with pytest.raises(KeyError, match="no priority level 3"):
        policy.priority(3)


def test_opening_hours_are_read_per_weekday(policy: Any) -> None:
    hours = policy.organisation.opening_hours
    assert hours.on(date(2026, 11, 23)) == DayHours(time(8), time(18))  # a Monday
    assert not hours.on(date(2026, 11, 22)).is_open  # a Sunday


def test_bank_holidays_come_from_the_holidays_library(policy: Any) -> None:
    assert policy.organisation.bank_holidays.is_holiday(date(2026, 12, 28))  # Boxing Day observed
    assert not policy.organisation.bank_holidays.is_holiday(date(2026, 12, 29))


@pytest.mark.parametrize("text", ["8-6", "08:00 to 18:00", "25:00-26:00", "18:00-08:00", 800])
def test_malformed_opening_hours_are_refused(text: object) -> None:
    with pytest.raises(ValueError):
        DayHours.from_yaml(text)


def test_the_policy_is_immutable(policy: Any) -> None:
    with pytest.raises(AttributeError):
        policy.version = 2
