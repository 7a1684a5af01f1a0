"""Whether a resident can ask for an ASB Case Review (formerly the Community Trigger).

Counting, in full:

- Only reports made within the rule's window count: from the same date and time `months`
  calendar months before `now`, up to `now` (later-dated reports are ignored).
- `own_reports` are the resident's reports, one `PriorReport` per separate incident. Pass the
  report being made now as well if it should count; reports with the same `reported_at` are
  counted once (the same incident logged twice).
- `own_incidents` rules count all of those; `own_hate_incidents` rules count the hate ones.
- `community_reports` rules count people: `similar_reports_by_others` plus the resident if
  they have reported within the window themselves.
- Any one rule met is enough; rules are tried in policy order and the first met is returned.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.policy.model import CaseReviewRule, Policy
from bot.policy.wording import number_words


@dataclass(frozen=True)
class PriorReport:
    """A report the resident made before (or the one being made now)."""

    reported_at: datetime
    category: str | None = None
    hate: bool = False


@dataclass(frozen=True)
class CaseReviewResult:
    """Whether an ASB Case Review can be requested, and why (in plain English)."""

    eligible: bool
    reason: str
    rule: str | None


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (31 Aug less 6 months: 28/29 Feb)."""
    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def case_review_eligibility(
    own_reports: Sequence[PriorReport],
    now: datetime,
    policy: Policy,
    similar_reports_by_others: int = 0,
) -> CaseReviewResult:
    """Check every ASB Case Review rule in the policy against the resident's reports."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if any(r.reported_at.tzinfo is None for r in own_reports):
        raise ValueError("every PriorReport.reported_at must be timezone-aware")
    if similar_reports_by_others < 0:
        raise ValueError("similar_reports_by_others cannot be negative")
    review = policy.case_review
    progress = []
    for rule in review.rules:
        count = _count(rule, own_reports, now, similar_reports_by_others)
        if count >= rule.count:
            reason = (
                f"You can ask for an ASB Case Review: {_describe(rule)}, and we count {count}. "
                f"{review.condition}"
            )
            return CaseReviewResult(True, reason, rule.key)
        progress.append(f"{_describe(rule)} (so far: {count})")
    reason = (
        "You cannot ask for an ASB Case Review yet. You can ask when "
        + "; or when ".join(progress)
        + f". {review.condition}"
    )
    return CaseReviewResult(False, reason, None)


def _count(rule: CaseReviewRule, reports: Sequence[PriorReport], now: datetime, others: int) -> int:
    since = months_before(now, rule.months)
    recent = {r.reported_at: r for r in reports if since <= r.reported_at <= now}
    if rule.kind == "own_incidents":
        return len(recent)
    if rule.kind == "own_hate_incidents":
        return sum(1 for r in recent.values() if r.hate)
    return others + (1 if recent else 0)


def _describe(rule: CaseReviewRule) -> str:
    """Plain-English threshold, e.g. "you have reported three separate incidents in ..."."""
    n, months = rule.count, f"{number_words(rule.months)} months"
    if rule.kind == "own_incidents":
        things = "separate incident" if n == 1 else "separate incidents"
        return f"you have reported {number_words(n)} {things} in the last {months}"
    if rule.kind == "own_hate_incidents":
        things = "hate incident" if n == 1 else "hate incidents"
        amount = "one" if n == 1 else number_words(n)
        return f"you have reported {amount} {things} in the last {months}"
    return (
        f"{number_words(n)} people in your community (you included) have reported similar "
        f"incidents in the last {months}"
    )
