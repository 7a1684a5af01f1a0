"""A second organisation profile proves nothing in the engine is hard-coded.

tests/fixtures/policies/council_example.yml: open 9am-5pm Monday to Thursday and 9am-4:30pm
Friday; level two is ten working days; eight-digit customer references starting 1 or 2; the
council's single ASB Case Review rule ("at least three qualifying incidents ... within six
months"); two risk answers needed to raise a level; no "criminal activity" category, because
the council does not investigate "criminal offences (which are not Environmental Crime)".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.policy import (
    PriorReport,
    Report,
    case_review_eligibility,
    check_tenancy_reference,
    response_due,
    triage,
)
from bot.policy.docs import render_markdown

LONDON = ZoneInfo("Europe/London")


def test_the_council_profile_loads_with_its_own_name_and_phone(council: Any) -> None:
    assert (council.organisation.name, council.organisation.phone) == (
        "Example Borough Council",
        "01632 960123",
    )


def test_a_friday_445pm_report_is_in_hours_for_the_landlord_but_not_the_council(
    policy: Any, council: Any, at: Callable
) -> None:
    friday = at(2026, 11, 20, 16, 45)
    assert response_due(friday, 1, policy).at == datetime(2026, 11, 23, 18, 0, tzinfo=LONDON)
    council_due = response_due(friday, 1, council)
    assert council_due.clock_starts == datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
    assert council_due.at == datetime(2026, 11, 24, 17, 0, tzinfo=LONDON)


def test_the_councils_friday_closes_at_half_past_four(council: Any, at: Callable) -> None:
    assert response_due(at(2026, 11, 19, 10), 1, council).at == datetime(
        2026, 11, 20, 16, 30, tzinfo=LONDON
    )


def test_level_two_is_ten_working_days_for_the_council(
    policy: Any, council: Any, at: Callable
) -> None:
    report = Report("loud music every night", reported_at=at(2026, 11, 23, 10))
    assert triage(report, policy).response_due.text == "by the end of Monday 30 November"
    assert triage(report, council).response_due.text == "by the end of Monday 7 December"


def test_one_hate_incident_qualifies_for_the_landlord_but_not_the_council(
    policy: Any, council: Any, at: Callable
) -> None:
    reports = [PriorReport(at(2026, 10, 1), "hate_crime", hate=True)]
    now = at(2026, 11, 23)
    assert case_review_eligibility(reports, now, policy).eligible
    council_result = case_review_eligibility(reports, now, council)
    assert not council_result.eligible
    assert "hate" not in council_result.reason
    assert council_result.reason.endswith(
        "A case that is being actively dealt with is not appropriate for an ASB Case Review."
    )


def test_five_community_reports_do_not_qualify_under_the_councils_single_rule(
    council: Any, at: Callable
) -> None:
    assert not case_review_eligibility([], at(2026, 11, 23), council, 5).eligible


def test_three_qualifying_incidents_qualify_for_the_council(council: Any, at: Callable) -> None:
    reports = [PriorReport(at(2026, m, 1)) for m in (9, 10, 11)]
    result = case_review_eligibility(reports, at(2026, 11, 23), council)
    assert (result.eligible, result.rule) == (True, "qualifying_incidents")


def test_the_reference_format_follows_the_profile(policy: Any, council: Any) -> None:
    assert check_tenancy_reference("12345678", council).valid
    assert not check_tenancy_reference("12345678", policy).valid
    assert check_tenancy_reference("412345678", council).reason == (
        "A customer reference has eight digits and starts with 1 or 2 — that one has 9 digits."
    )


def test_criminal_activity_is_asb_for_the_landlord_but_excluded_by_the_council(
    policy: Any, council: Any, monday_10am: datetime
) -> None:
    report = Report("they sell stolen goods from the flat", reported_at=monday_10am)
    assert triage(report, policy).category == "criminal_activity"
    council_result = triage(report, council)
    assert (council_result.scope, council_result.exclusion) == (
        "excluded",
        "non_environmental_crime",
    )


def test_the_council_needs_two_risk_answers_to_raise_the_level(
    council: Any, monday_10am: datetime
) -> None:
    one = Report("loud music", feels_safe=False, reported_at=monday_10am)
    two = Report("loud music", feels_safe=False, vulnerable_household=True, reported_at=monday_10am)
    assert triage(one, council).priority == 2
    assert triage(two, council).priority == 1


def test_signposts_come_from_the_profile(council: Any, monday_10am: datetime) -> None:
    result = triage(Report("loud music", reported_at=monday_10am), council)
    assert [s.key for s in result.signposts] == ["environmental_health", "restorative_justice"]
    assert result.signposts[0].contact == "01632 960124"


def test_the_docs_render_for_the_council_profile(council: Any) -> None:
    markdown = render_markdown(council, "tests/fixtures/policies/council_example.yml")
    assert "Friday 9am–4:30pm" in markdown
    assert "ten working days" in markdown
