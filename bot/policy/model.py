"""The policy as a tree of frozen dataclasses, one per section of the YAML policy file.

Every rule carries `source`: short quotes of the published policy sentences it comes from,
and optionally `note`: why we read the sources the way we do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import cached_property
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from bot.policy.errors import FieldProblem
from bot.policy.phrases import Phrase

Source = tuple[str, ...]
Scope = Literal["in_scope", "hate_crime", "mate_crime"]
Answer = Literal["feels_safe", "vulnerable_household", "health_affected", "targeted_repeatedly"]
RuleKind = Literal["own_incidents", "community_reports", "own_hate_incidents"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SMS_LIMIT = 300  # resident wording may be sent by SMS, so keep each piece to one short message
_HOURS = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")
_KEY = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class DayHours:
    """Opening hours for one weekday, written `"08:00-18:00"` or `closed`."""

    opens: time | None
    closes: time | None

    @classmethod
    def from_yaml(cls, value: object) -> DayHours:
        """Parse `"HH:MM-HH:MM"` or `closed`."""
        if value == "closed":
            return cls(None, None)
        match = _HOURS.fullmatch(value.strip()) if isinstance(value, str) else None
        if not match:
            raise ValueError(f"expected hours like '08:00-18:00' or closed, got {value!r}")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            opens, closes = time(h1, m1), time(h2, m2)
        except ValueError as error:
            raise ValueError(f"{value!r}: {error}") from None
        if closes <= opens:
            raise ValueError(f"{value!r}: closing time must be after opening time")
        return cls(opens, closes)

    @property
    def is_open(self) -> bool:
        return self.opens is not None


@dataclass(frozen=True)
class OpeningHours:
    """Opening hours for each day of the week (bank holidays are always closed)."""

    monday: DayHours
    tuesday: DayHours
    wednesday: DayHours
    thursday: DayHours
    friday: DayHours
    saturday: DayHours
    sunday: DayHours

    def on(self, day: date) -> DayHours:
        """Hours for the weekday of `day` (ignoring bank holidays)."""
        return getattr(self, WEEKDAYS[day.weekday()])

    def check(self) -> None:
        if not any(getattr(self, d).is_open for d in WEEKDAYS):
            raise FieldProblem("monday", "at least one weekday must have opening hours")


@dataclass(frozen=True)
class BankHolidays:
    """Which public holidays close the office, as codes for the `holidays` library."""

    country: str
    subdivision: str | None = None

    def check(self) -> None:
        try:
            holidays.country_holidays(self.country, subdiv=self.subdivision)
        except NotImplementedError as error:
            key = "country" if "not available" in str(error) else "subdivision"
            raise FieldProblem(key, f"not known to the holidays library ({error})") from None

    @cached_property
    def calendar(self) -> holidays.HolidayBase:
        """The holiday calendar (years are filled in on demand by the library)."""
        return holidays.country_holidays(self.country, subdiv=self.subdivision)

    def is_holiday(self, day: date) -> bool:
        return day in self.calendar


@dataclass(frozen=True)
class Organisation:
    """Who is deploying the assistant and when they are open."""

    key: str
    name: str
    phone: str
    phone_text: str
    opening_hours: OpeningHours
    timezone: str
    bank_holidays: BankHolidays
    online_response_days: int
    online_response_text: str
    out_of_hours: str
    source: Source
    address: str | None = None
    reporting_text: str | None = None
    note: str | None = None

    def check(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise FieldProblem("timezone", f"unknown time zone {self.timezone!r}") from None
        if self.online_response_days < 1:
            raise FieldProblem("online_response_days", "must be at least 1")

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Emergency:
    """The emergency and police routes, and the words that signal immediate danger."""

    number: str
    when: str
    crime_in_progress: str
    non_emergency: str
    non_emergency_text: str
    crimestoppers: str
    crimestoppers_text: str
    out_of_hours: str
    signpost: str
    patterns: tuple[Phrase, ...]
    source: Source


@dataclass(frozen=True)
class Helpline:
    """A helpline exactly as published."""

    key: str
    name: str
    number: str
    audience: str
    published: str
    source: Source
    text_number: str | None = None
    hours: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Signpost:
    """Somewhere to point the resident, with the wording to show."""

    key: str
    label: str
    contact: str
    text: str
    source: Source
    withheld_at_levels: tuple[int, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Priority:
    """A priority level and the response time that goes with it."""

    level: int
    label: str
    working_days: int
    urgent: bool
    resident_wording: str
    source: Source
    note: str | None = None

    def check(self) -> None:
        if self.level < 1:
            raise FieldProblem("level", "must be 1 or more")
        if self.working_days < 1:
            raise FieldProblem("working_days", "must be at least 1")


@dataclass(frozen=True)
class Unclassified:
    """What to do when we cannot tell which category a report belongs to."""

    priority: int
    reason: str
    source: Source


@dataclass(frozen=True)
class Category:
    """A kind of behaviour we deal with as ASB (or as hate or mate crime)."""

    key: str
    label: str
    scope: Scope
    priority: int
    examples: tuple[str, ...]
    patterns: tuple[Phrase, ...]
    signposts: tuple[str, ...]
    source: Source
    helplines: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Exclusion:
    """Something not investigated as ASB, with a kind explanation and where to go instead."""

    key: str
    label: str
    explanation: str
    where_to_go: str
    examples: tuple[str, ...]
    patterns: tuple[Phrase, ...]
    signposts: tuple[str, ...]
    source: Source
    yields_to: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class AggravatingFactor:
    """Something in a report that beats every exclusion and may force a priority level."""

    key: str
    label: str
    category: str
    patterns: tuple[Phrase, ...]
    source: Source
    priority: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class RiskFactor:
    """A risk answer (or words in the description) that can raise the priority level."""

    key: str
    label: str
    question: str
    answer: Answer
    triggers_on: bool
    raises_to: int
    source: Source
    patterns: tuple[Phrase, ...] = ()
    signposts: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Escalation:
    """How aggravating factors and risk answers combine."""

    beats_exclusions: Source
    risk_factors_needed: int
    source: Source
    note: str | None = None

    def check(self) -> None:
        if self.risk_factors_needed < 1:
            raise FieldProblem("risk_factors_needed", "must be at least 1")


@dataclass(frozen=True)
class HateStrand:
    """A protected characteristic: explicit hate words, and identity words needing hostility."""

    key: str
    label: str
    explicit: tuple[Phrase, ...]
    identity: tuple[Phrase, ...]
    source: Source


@dataclass(frozen=True)
class HateType:
    """A kind of hate crime as published (for recording and for the docs)."""

    key: str
    label: str
    source: Source


@dataclass(frozen=True)
class HateCrime:
    """Hate crime: strands, types, how to spot it and what we offer."""

    category: str
    strands: tuple[HateStrand, ...]
    types: tuple[HateType, ...]
    hostility: tuple[Phrase, ...]
    proximity_words: int
    police_report_offer: str
    signposts: tuple[str, ...]
    source: Source
    note: str | None = None


@dataclass(frozen=True)
class MateCrimeSign:
    """One published sign that somebody is being taken advantage of."""

    key: str
    label: str
    patterns: tuple[Phrase, ...]
    source: Source


@dataclass(frozen=True)
class MateCrime:
    """Mate crime: its signs, when they add up, and the safeguarding response."""

    category: str
    definition: str
    signs: tuple[MateCrimeSign, ...]
    relationship: tuple[Phrase, ...]
    min_signs: int
    min_signs_with_relationship: int
    min_signs_on_behalf: int
    safeguarding: str
    on_behalf_note: str
    signposts: tuple[str, ...]
    source: Source
    note: str | None = None


@dataclass(frozen=True)
class CaseReviewRule:
    """One ASB Case Review threshold: `count` within `months`."""

    key: str
    label: str
    kind: RuleKind
    count: int
    months: int
    source: Source

    def check(self) -> None:
        if self.count < 1:
            raise FieldProblem("count", "must be at least 1")
        if self.months < 1:
            raise FieldProblem("months", "must be at least 1")


@dataclass(frozen=True)
class CaseReview:
    """The ASB Case Review thresholds (any one rule is enough)."""

    rules: tuple[CaseReviewRule, ...]
    condition: str
    more_information: str
    source: Source
    note: str | None = None


@dataclass(frozen=True)
class TenancyReference:
    """The shape of a valid tenancy reference."""

    label: str
    lengths: tuple[int, ...]
    starts_with: tuple[str, ...]
    source: Source

    def check(self) -> None:
        if not self.lengths or any(n < 1 for n in self.lengths):
            raise FieldProblem("lengths", "must list one or more lengths of at least 1")
        for index, digit in enumerate(self.starts_with):
            if not re.fullmatch(r"[0-9]", digit):
                raise FieldProblem(f"starts_with[{index}]", f"must be one digit, got {digit!r}")


@dataclass(frozen=True)
class Promise:
    """Something the organisation has promised to do, and when it applies."""

    key: str
    label: str
    text: str
    source: Source
    categories: tuple[str, ...] = ()
    patterns: tuple[Phrase, ...] = ()
    hate_counts: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Matching:
    """Settings for reading free text (see `bot.policy.phrases`)."""

    negations: tuple[str, ...]
    negation_breaks: tuple[str, ...]
    negation_window: int
    clause_breaks: tuple[str, ...]
    max_gap: int
    fuzzy_min_length: int


@dataclass(frozen=True)
class Decision:
    """How we resolved a gap or a conflict between the published sources."""

    key: str
    title: str
    decision: str
    source: Source


@dataclass(frozen=True)
class SourceDocument:
    """A published page the rules are quoted from."""

    key: str
    title: str
    publisher: str


@dataclass(frozen=True)
class Policy:
    """The whole triage policy of one organisation."""

    version: int
    sources: tuple[SourceDocument, ...]
    organisation: Organisation
    emergency: Emergency
    helplines: tuple[Helpline, ...]
    signposts: tuple[Signpost, ...]
    priorities: tuple[Priority, ...]
    unclassified: Unclassified
    categories: tuple[Category, ...]
    exclusions: tuple[Exclusion, ...]
    aggravating_factors: tuple[AggravatingFactor, ...]
    risk_factors: tuple[RiskFactor, ...]
    escalation: Escalation
    hate_crime: HateCrime
    mate_crime: MateCrime
    case_review: CaseReview
    tenancy_reference: TenancyReference
    promises: tuple[Promise, ...]
    matching: Matching
    decisions: tuple[Decision, ...] = ()

    def category(self, key: str) -> Category:
        return _find(self.categories, key, "category")

    def exclusion(self, key: str) -> Exclusion:
        return _find(self.exclusions, key, "exclusion")

    def signpost(self, key: str) -> Signpost:
        return _find(self.signposts, key, "signpost")

    def helpline(self, key: str) -> Helpline:
        return _find(self.helplines, key, "helpline")

    def aggravating_factor(self, key: str) -> AggravatingFactor:
        return _find(self.aggravating_factors, key, "aggravating factor")

    def risk_factor(self, key: str) -> RiskFactor:
        return _find(self.risk_factors, key, "risk factor")

    def strand(self, key: str) -> HateStrand:
        return _find(self.hate_crime.strands, key, "hate crime strand")

    def mate_crime_sign(self, key: str) -> MateCrimeSign:
        return _find(self.mate_crime.signs, key, "mate crime sign")

    def priority(self, level: int) -> Priority:
        for priority in self.priorities:
            if priority.level == level:
                return priority
        raise KeyError(f"no priority level {level}")

    def check(self) -> None:
        """Check keys are unique and every cross-reference points at something that exists."""
        for problem in _integrity_problems(self):
            raise problem


class _Keyed(Protocol):
    key: str


def _find(items: Sequence[_Keyed], key: str, what: str) -> Any:
    for item in items:
        if item.key == key:
            return item
    raise KeyError(f"no {what} {key!r}")


def _integrity_problems(policy: Policy) -> Iterator[FieldProblem]:
    """Yield a FieldProblem for each broken rule of the policy as a whole (first one wins)."""
    keyed = {
        "categories": policy.categories,
        "exclusions": policy.exclusions,
        "signposts": policy.signposts,
        "helplines": policy.helplines,
        "aggravating_factors": policy.aggravating_factors,
        "risk_factors": policy.risk_factors,
        "promises": policy.promises,
        "decisions": policy.decisions,
        "sources": policy.sources,
        "hate_crime.strands": policy.hate_crime.strands,
        "hate_crime.types": policy.hate_crime.types,
        "mate_crime.signs": policy.mate_crime.signs,
        "case_review.rules": policy.case_review.rules,
    }
    for section, items in keyed.items():
        seen: set[str] = set()
        for index, item in enumerate(items):
            if not _KEY.fullmatch(item.key):
                yield FieldProblem(f"{section}[{index}].key", "use lower_snake_case letters")
            if item.key in seen:
                yield FieldProblem(f"{section}[{index}].key", f"duplicate key {item.key!r}")
            seen.add(item.key)
    clash = {c.key for c in policy.categories} & {e.key for e in policy.exclusions}
    if clash:
        yield FieldProblem("exclusions", f"keys also used by categories: {sorted(clash)}")

    levels = [p.level for p in policy.priorities]
    if len(set(levels)) != len(levels):
        yield FieldProblem("priorities", "each level must appear once")
    category_keys = {c.key for c in policy.categories}
    signpost_keys = {s.key for s in policy.signposts}
    helpline_keys = {h.key for h in policy.helplines}

    def refs(
        path: str, values: Sequence[str], known: set[str], what: str
    ) -> Iterator[FieldProblem]:
        for index, value in enumerate(values):
            if value not in known:
                yield FieldProblem(f"{path}[{index}]", f"unknown {what} {value!r}")

    def level(path: str, value: int | None) -> Iterator[FieldProblem]:
        if value is not None and value not in levels:
            yield FieldProblem(path, f"no priority level {value} in priorities")

    yield from level("unclassified.priority", policy.unclassified.priority)
    for i, category in enumerate(policy.categories):
        yield from level(f"categories[{i}].priority", category.priority)
        yield from refs(f"categories[{i}].signposts", category.signposts, signpost_keys, "signpost")
        yield from refs(f"categories[{i}].helplines", category.helplines, helpline_keys, "helpline")
    for i, exclusion in enumerate(policy.exclusions):
        path = f"exclusions[{i}]"
        yield from refs(f"{path}.signposts", exclusion.signposts, signpost_keys, "signpost")
        yield from refs(f"{path}.yields_to", exclusion.yields_to, category_keys, "category")
        for name in ("explanation", "where_to_go"):
            if len(getattr(exclusion, name)) >= SMS_LIMIT:
                yield FieldProblem(f"{path}.{name}", f"must be under {SMS_LIMIT} characters")
    for i, factor in enumerate(policy.aggravating_factors):
        yield from level(f"aggravating_factors[{i}].priority", factor.priority)
        if factor.category not in category_keys:
            yield FieldProblem(
                f"aggravating_factors[{i}].category", f"unknown category {factor.category!r}"
            )
    for i, risk in enumerate(policy.risk_factors):
        yield from level(f"risk_factors[{i}].raises_to", risk.raises_to)
        yield from refs(f"risk_factors[{i}].signposts", risk.signposts, signpost_keys, "signpost")
    for i, signpost in enumerate(policy.signposts):
        for j, value in enumerate(signpost.withheld_at_levels):
            yield from level(f"signposts[{i}].withheld_at_levels[{j}]", value)
    for i, promise in enumerate(policy.promises):
        yield from refs(f"promises[{i}].categories", promise.categories, category_keys, "category")
    if policy.emergency.signpost not in signpost_keys:
        yield FieldProblem("emergency.signpost", f"unknown signpost {policy.emergency.signpost!r}")
    yield from refs("hate_crime.signposts", policy.hate_crime.signposts, signpost_keys, "signpost")
    yield from refs("mate_crime.signposts", policy.mate_crime.signposts, signpost_keys, "signpost")
    for section, scope in (("hate_crime", "hate_crime"), ("mate_crime", "mate_crime")):
        key = getattr(policy, section).category
        matching = [c for c in policy.categories if c.key == key]
        if not matching:
            yield FieldProblem(f"{section}.category", f"unknown category {key!r}")
        elif matching[0].scope != scope:
            yield FieldProblem(f"{section}.category", f"category {key!r} must have scope {scope}")
    if not policy.case_review.rules:
        yield FieldProblem("case_review.rules", "list at least one rule")
