"""ASB Case Review eligibility.

Landlord: "three times about separate incidents in the last six months", "Five people in the
local community have reported similar incidents ... in the last six months", "once about an
incident or crime motivated by hatred ... in the last six months". Council: "at least three
qualifying incidents of anti-social behaviour within six months".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from bot.policy import PriorReport, case_review_eligibility
from bot.policy.case_review import months_before


@pytest.fixture
def now(at: Callable) -> datetime:
    return at(2026, 11, 23, 12)


def test_three_separate_incidents_in_six_months_qualify(policy: Any, at: Callable, now) -> None:
    reports = [PriorReport(at(2026, 6, 1), "noise"), PriorReport(at(2026, 9, 1), "noise")]
    reports.append(PriorReport(at(2026, 11, 20), "harassment"))
    result = case_review_eligibility(reports, now, policy)
    assert (result.eligible, result.rule) == (True, "own_incidents")
    assert result.reason.startswith(
        "You can ask for an ASB Case Review: you have reported three separate incidents in the "
        "last six months, and we count 3."
    )


def test_two_incidents_do_not_qualify_and_the_reason_says_what_would(
    policy: Any, at: Callable, now
) -> None:
    result = case_review_eligibility(
        [PriorReport(at(2026, 9, 1)), PriorReport(at(2026, 11, 1))], now, policy
    )
    assert (result.eligible, result.rule) == (False, None)
    assert "you have reported three separate incidents in the last six months (so far: 2)" in (
        result.reason
    )
    assert result.reason.endswith(
        "An ASB Case Review is for when you feel no action has been taken."
    )


def test_an_incident_older_than_six_months_does_not_count(policy: Any, at: Callable, now) -> None:
    reports = [
        PriorReport(at(2026, 5, 22)),
        PriorReport(at(2026, 9, 1)),
        PriorReport(at(2026, 11, 1)),
    ]
    assert not case_review_eligibility(reports, now, policy).eligible


def test_an_incident_exactly_six_months_ago_counts(policy: Any, at: Callable, now) -> None:
    reports = [
        PriorReport(at(2026, 5, 23, 12)),
        PriorReport(at(2026, 9, 1)),
        PriorReport(at(2026, 11, 1)),
    ]
    assert case_review_eligibility(reports, now, policy).eligible


def test_the_same_incident_logged_twice_counts_once(policy: Any, at: Callable, now) -> None:
    same = at(2026, 10, 1)
    reports = [PriorReport(same), PriorReport(same), PriorReport(at(2026, 11, 1))]
    assert not case_review_eligibility(reports, now, policy).eligible


def test_reports_dated_after_now_are_ignored(policy: Any, at: Callable, now) -> None:
    reports = [
        PriorReport(at(2026, 10, 1)),
        PriorReport(at(2026, 11, 1)),
        PriorReport(at(2027, 1, 1)),
    ]
    assert not case_review_eligibility(reports, now, policy).eligible


def test_one_hate_incident_in_six_months_qualifies(policy: Any, at: Callable, now) -> None:
    result = case_review_eligibility([PriorReport(at(2026, 8, 1), "hate_crime", True)], now, policy)
    assert (result.eligible, result.rule) == (True, "hate_incident")
    assert "you have reported one hate incident in the last six months" in result.reason


def test_a_hate_incident_over_six_months_ago_does_not_qualify(
    policy: Any, at: Callable, now
) -> None:
    result = case_review_eligibility([PriorReport(at(2026, 4, 1), "hate_crime", True)], now, policy)
    assert not result.eligible


def test_five_people_reporting_similar_incidents_qualify(policy: Any, at: Callable, now) -> None:
    result = case_review_eligibility([PriorReport(at(2026, 11, 1))], now, policy, 4)
    assert (result.eligible, result.rule) == (True, "community_reports")


def test_five_other_people_qualify_even_if_the_resident_has_not_reported(policy: Any, now) -> None:
    assert case_review_eligibility([], now, policy, similar_reports_by_others=5).eligible


def test_four_people_do_not_qualify(policy: Any, now) -> None:
    assert not case_review_eligibility([], now, policy, similar_reports_by_others=4).eligible


def test_the_report_being_made_now_counts_when_the_caller_includes_it(
    policy: Any, at: Callable, now
) -> None:
    earlier = [PriorReport(at(2026, 9, 1)), PriorReport(at(2026, 10, 1))]
    assert not case_review_eligibility(earlier, now, policy).eligible
    assert case_review_eligibility([*earlier, PriorReport(now)], now, policy).eligible


def test_thresholds_come_from_the_policy_data(policy: Any, at: Callable, now) -> None:
    rules = tuple(
        dataclasses.replace(rule, count=4) if rule.key == "own_incidents" else rule
        for rule in policy.case_review.rules
    )
    stricter = dataclasses.replace(
        policy, case_review=dataclasses.replace(policy.case_review, rules=rules)
    )
    reports = [PriorReport(at(2026, m, 1)) for m in (8, 9, 10)]
    assert case_review_eligibility(reports, now, policy).eligible
    assert not case_review_eligibility(reports, now, stricter).eligible


def test_naive_datetimes_are_refused(policy: Any, now) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        case_review_eligibility([PriorReport(datetime(2026, 1, 1))], now, policy)
    with pytest.raises(ValueError, match="timezone-aware"):
        case_review_eligibility([], datetime(2026, 1, 1), policy)


def test_a_negative_count_of_other_reports_is_refused(policy: Any, now) -> None:
    with pytest.raises(ValueError, match="negative"):
        case_review_eligibility([], now, policy, -1)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ((2026, 11, 23), 6, (2026, 5, 23)),
        ((2026, 8, 31), 6, (2026, 2, 28)),
        ((2024, 8, 31), 6, (2024, 2, 29)),
        ((2026, 3, 15), 6, (2025, 9, 15)),
    ],
)
def test_six_months_before_is_counted_in_calendar_months(
    at: Callable, moment: tuple, months: int, expected: tuple
) -> None:
    assert months_before(at(*moment), months).date() == at(*expected).date()
