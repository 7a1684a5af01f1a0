"""Decide what kind of report this is, how urgent it is, and what help to point to.

The order of decisions, each reason quoting the policy sentence it applies:

1. Hate crime (any hate strand, chosen or found in the text) and mate crime (enough signs)
   set the scope; they also beat any exclusion.
2. An exclusion applies only if nothing escalates the report: no aggravating factor (threats,
   violence, weapons...), no hate or mate crime, and no category the exclusion yields to.
3. The category is the most urgent of those chosen, found in the text or implied by an
   aggravating factor (ties: the resident's choice, then policy order).
4. Aggravating factors and risk answers can raise the level; nothing ever lowers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.policy.classify import (
    AGGRAVATING,
    CATEGORY,
    EXCLUSION,
    HATE_EXPLICIT,
    HATE_IDENTITY,
    TextSignals,
    classify_text,
)
from bot.policy.model import (
    AggravatingFactor,
    Category,
    Exclusion,
    Helpline,
    Policy,
    Promise,
    RiskFactor,
    Signpost,
)
from bot.policy.wording import clock_text, day_text, number_words
from bot.policy.working_days import DueDate, response_due

UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class Report:
    """What the resident told us."""

    description: str = ""
    behaviour_type: str | None = None
    hate_motivation: tuple[str, ...] = ()
    feels_safe: bool | None = None
    vulnerable_household: bool | None = None
    health_affected: bool | None = None
    targeted_repeatedly: bool | None = None
    reported_at: datetime | None = None
    on_behalf_of_someone: bool = False


@dataclass(frozen=True)
class Triage:
    """The decision about one report."""

    scope: str
    category: str | None
    category_label: str | None
    exclusion: str | None
    priority: int | None
    urgent: bool
    reasons: tuple[str, ...]
    signposts: tuple[Signpost, ...]
    response_due: DueDate | None
    helplines: tuple[Helpline, ...]
    emergency: bool = False
    priority_label: str | None = None
    exclusion_label: str | None = None
    other_categories: tuple[str, ...] = ()
    hate_strands: tuple[str, ...] = ()
    mate_crime_signs: tuple[str, ...] = ()
    aggravating_factors: tuple[str, ...] = ()
    risk_factors: tuple[str, ...] = ()
    promises: tuple[Promise, ...] = ()
    signals: TextSignals = field(default_factory=TextSignals, repr=False, compare=False)


def triage(report: Report, policy: Policy) -> Triage:
    """Triage one report against the policy (raises ValueError on keys the policy lacks)."""
    reported_at = report.reported_at or datetime.now(policy.organisation.tz)
    if reported_at.tzinfo is None or reported_at.utcoffset() is None:
        raise ValueError("reported_at must be timezone-aware")
    picked, picked_exclusion = _picked(report.behaviour_type, policy)
    _check_strands(report.hate_motivation, policy)
    signals = classify_text(report.description, policy)
    return _Decision(report, policy, signals, picked, picked_exclusion, reported_at).decide()


def _picked(behaviour_type: str | None, policy: Policy) -> tuple[Category | None, Exclusion | None]:
    if behaviour_type is None:
        return None, None
    for category in policy.categories:
        if category.key == behaviour_type:
            return category, None
    for exclusion in policy.exclusions:
        if exclusion.key == behaviour_type:
            return None, exclusion
    known = ", ".join([c.key for c in policy.categories] + [e.key for e in policy.exclusions])
    raise ValueError(f"unknown behaviour_type {behaviour_type!r}; expected one of: {known}")


def _check_strands(strands: tuple[str, ...], policy: Policy) -> None:
    known = {s.key for s in policy.hate_crime.strands} | {UNSPECIFIED}
    for strand in strands:
        if strand not in known:
            raise ValueError(f"unknown hate_motivation {strand!r}; expected one of {sorted(known)}")


def _quote(source: tuple[str, ...]) -> str:
    return f"Policy: “{source[0]}”"


class _Decision:
    """The working state of one triage (kept private: `triage()` is the interface)."""

    def __init__(
        self,
        report: Report,
        policy: Policy,
        signals: TextSignals,
        picked: Category | None,
        picked_exclusion: Exclusion | None,
        reported_at: datetime,
    ) -> None:
        self.report, self.policy, self.signals = report, policy, signals
        self.picked, self.picked_exclusion = picked, picked_exclusion
        self.reported_at = reported_at
        self.reasons: list[str] = []
        self.text_categories = [policy.category(k) for k in signals.categories]
        self.aggravators = [policy.aggravating_factor(k) for k in signals.aggravating_factors]
        self.risks = self._risk_factors()
        self.strands = self._strands()
        self.is_hate = bool(self.strands) or self._mentions(policy.hate_crime.category)
        self.is_mate = self._mentions(policy.mate_crime.category) or self._mate_signs_add_up()

    # -- gathering -------------------------------------------------------------------------

    def _mentions(self, key: str) -> bool:
        chosen = self.picked is not None and self.picked.key == key
        return chosen or key in self.signals.categories

    def _strands(self) -> tuple[str, ...]:
        chosen = [s for s in self.report.hate_motivation if s != UNSPECIFIED]
        found = [s for s in self.signals.hate_strands if s not in chosen]
        strands = tuple(chosen + found)
        if not strands and UNSPECIFIED in self.report.hate_motivation:
            return (UNSPECIFIED,)
        return strands

    def _mate_signs_add_up(self) -> bool:
        rules = self.policy.mate_crime
        count = len(self.signals.mate_crime_signs)
        if count == 0:
            return False
        needed = rules.min_signs
        if self.signals.mate_crime_relationship:
            needed = min(needed, rules.min_signs_with_relationship)
        if self.report.on_behalf_of_someone:
            needed = min(needed, rules.min_signs_on_behalf)
        return count >= needed

    def _risk_factors(self) -> list[RiskFactor]:
        found = []
        for risk in self.policy.risk_factors:
            answered = getattr(self.report, risk.answer) is risk.triggers_on
            if answered or risk.key in self.signals.risk_factors:
                found.append(risk)
        return found

    # -- deciding --------------------------------------------------------------------------

    def decide(self) -> Triage:
        exclusion = None if self._escalated() else self._exclusion()
        if exclusion is not None:
            return self._excluded(exclusion)
        return self._in_scope()

    def _escalated(self) -> bool:
        return bool(self.is_hate or self.is_mate or self.aggravators)

    def _exclusion(self) -> Exclusion | None:
        candidates = [self.policy.exclusion(k) for k in self.signals.exclusions]
        if self.picked_exclusion is not None and self.picked_exclusion not in candidates:
            candidates.insert(0, self.picked_exclusion)
        beaten = False
        for exclusion in candidates:
            beyond = [c for c in self.text_categories if c.key in exclusion.yields_to]
            if beyond:
                beaten = True
                evidence = self.signals.evidence(CATEGORY, beyond[0].key)
                self.reasons.append(
                    f"{exclusion.label} on its own is not something we treat as ASB, but you "
                    f"also mentioned {beyond[0].label.lower()} (“{evidence}”), so we do."
                )
        # ASB found alongside one excluded topic is still ASB, whatever else is mentioned.
        return None if beaten or not candidates else candidates[0]

    def _excluded(self, exclusion: Exclusion) -> Triage:
        policy = self.policy
        if self.picked is not None:
            self.reasons.append(
                f"You chose {self.picked.label.lower()}, but what you describe sounds like "
                f"{exclusion.label.lower()}."
            )
        evidence = self.signals.evidence(EXCLUSION, exclusion.key)
        heard = f" (you mentioned “{evidence}”)" if evidence else ""
        self.reasons.append(
            f"{exclusion.label}{heard}. {exclusion.explanation} {_quote(exclusion.source)}"
        )
        self.reasons.append(f"Where to go instead: {exclusion.where_to_go}")
        keys = list(exclusion.signposts)
        for risk in self.risks:
            self.reasons.append(f"{risk.label}: we have noted this. {_quote(risk.source)}")
            keys.extend(risk.signposts)
        emergency = self.signals.immediate_danger
        if emergency:
            keys.insert(0, policy.emergency.signpost)
            self.reasons.insert(0, f"This may be an emergency: {policy.emergency.when}")
        return Triage(
            scope="excluded",
            category=None,
            category_label=None,
            exclusion=exclusion.key,
            priority=None,
            urgent=emergency,
            reasons=tuple(self.reasons),
            signposts=self._signposts(keys, None),
            response_due=None,
            helplines=(),
            emergency=emergency,
            exclusion_label=exclusion.label,
            risk_factors=tuple(r.key for r in self.risks),
            signals=self.signals,
        )

    def _in_scope(self) -> Triage:
        policy = self.policy
        if self.is_hate:
            scope, primary = "hate_crime", policy.category(policy.hate_crime.category)
        elif self.is_mate:
            scope, primary = "mate_crime", policy.category(policy.mate_crime.category)
        else:
            scope, primary = "in_scope", self._most_urgent()
        self._explain_exclusion_beaten()
        involved = self._involved(primary)
        if primary is None:
            level = policy.unclassified.priority
            self.reasons.append(
                f"{policy.unclassified.reason} {_quote(policy.unclassified.source)}"
            )
        else:
            level = primary.priority
            self._explain_category(primary)
        level = self._escalate(level)
        priority = policy.priority(level)
        self.reasons.append(
            f"{priority.label}: {priority.resident_wording} {_quote(priority.source)}"
        )
        due = response_due(self.reported_at, priority.working_days, policy)
        self._explain_clock(due)
        others = [c for c in involved if primary is None or c.key != primary.key]
        if others:
            labels = ", ".join(c.label.lower() for c in others)
            self.reasons.append(f"You also mentioned: {labels}.")
        emergency = self.signals.immediate_danger
        if emergency:
            self.reasons.insert(0, f"This may be an emergency: {policy.emergency.when}")
        return Triage(
            scope=scope,
            category=primary.key if primary else None,
            category_label=primary.label if primary else None,
            exclusion=None,
            priority=level,
            urgent=priority.urgent or emergency,
            reasons=tuple(self.reasons),
            signposts=self._signposts(self._signpost_keys(primary, scope, emergency), level),
            response_due=due,
            helplines=self._helplines(primary, involved),
            emergency=emergency,
            priority_label=priority.label,
            other_categories=tuple(c.key for c in others),
            hate_strands=self.strands if self.is_hate else (),
            mate_crime_signs=self.signals.mate_crime_signs,
            aggravating_factors=tuple(a.key for a in self.aggravators),
            risk_factors=tuple(r.key for r in self.risks),
            promises=self._promises(involved),
            signals=self.signals,
        )

    def _most_urgent(self) -> Category | None:
        candidates = self._involved(None)
        if not candidates:
            return None
        order = {c.key: i for i, c in enumerate(self.policy.categories)}

        def rank(category: Category) -> tuple[int, int, int]:
            chosen = 0 if self.picked is not None and category.key == self.picked.key else 1
            return (self._level_of(category), chosen, order[category.key])

        return min(candidates, key=rank)

    def _level_of(self, category: Category) -> int:
        """A category's level, raised by any aggravating factor that implies it."""
        levels = [category.priority]
        levels += [
            a.priority for a in self.aggravators if a.category == category.key and a.priority
        ]
        return min(levels)

    def _involved(self, primary: Category | None) -> list[Category]:
        """Every category in play: the primary, the choice, the text, the aggravating factors."""
        found: list[Category] = [primary] if primary is not None else []
        if self.picked is not None:
            found.append(self.picked)
        found.extend(self.text_categories)
        found.extend(self.policy.category(a.category) for a in self.aggravators)
        unique: dict[str, Category] = {}
        for category in found:
            unique.setdefault(category.key, category)
        return list(unique.values())

    # -- explaining ------------------------------------------------------------------------

    def _explain_exclusion_beaten(self) -> None:
        excluded = [self.policy.exclusion(k) for k in self.signals.exclusions]
        if self.picked_exclusion is not None and self.picked_exclusion not in excluded:
            excluded.insert(0, self.picked_exclusion)
        if not excluded or not self._escalated():
            return
        what = []
        if self.is_hate:
            what.append("hate crime")
        if self.is_mate:
            what.append("signs of mate crime")
        what.extend(a.label.lower() for a in self.aggravators)
        for exclusion in excluded:
            because = " and ".join(what)
            self.reasons.append(
                f"{exclusion.label} on its own is not something we treat as ASB, but {because} "
                f"changes that. {_quote(self.policy.escalation.beats_exclusions)}"
            )

    def _explain_category(self, primary: Category) -> None:
        policy = self.policy
        if self.is_hate:
            labels = [policy.strand(s).label.lower() for s in self.strands if s != UNSPECIFIED] or [
                "motivation not specified"
            ]
            evidence = self._hate_evidence()
            heard = f": you mentioned “{evidence}”" if evidence else ""
            self.reasons.append(
                f"Hate crime ({', '.join(labels)}){heard}. {_quote(policy.hate_crime.source)}"
            )
        elif self.is_mate:
            signs = [policy.mate_crime_sign(s).label.lower() for s in self.signals.mate_crime_signs]
            listed = f" Signs: {'; '.join(signs)}." if signs else ""
            self.reasons.append(f"Mate crime.{listed} {_quote(policy.mate_crime.source)}")
            if self.report.on_behalf_of_someone:
                self.reasons.append(policy.mate_crime.on_behalf_note)
        elif self.picked is not None and primary.key == self.picked.key:
            self.reasons.append(
                f"You told us this is about {primary.label.lower()}. {_quote(primary.source)}"
            )
        else:
            # When only an aggravating factor points here, its own reason quotes the words.
            evidence = self.signals.evidence(CATEGORY, primary.key)
            heard = f": you mentioned “{evidence}”" if evidence else ""
            self.reasons.append(f"{primary.label}{heard}. {_quote(primary.source)}")

    def _hate_evidence(self) -> str | None:
        for hit in self.signals.hits:
            if hit.kind in (HATE_EXPLICIT, HATE_IDENTITY) and hit.key in self.strands:
                return hit.words
        return self.signals.evidence(CATEGORY, self.policy.hate_crime.category)

    def _escalate(self, level: int) -> int:
        for factor in self.aggravators:
            self._explain_aggravator(factor)
            if factor.priority is not None and factor.priority < level:
                level = factor.priority
        needed = self.policy.escalation.risk_factors_needed
        raise_to = min((r.raises_to for r in self.risks), default=level)
        for risk in self.risks:
            if len(self.risks) >= needed and risk.raises_to < level:
                to = number_words(risk.raises_to)
                self.reasons.append(
                    f"{risk.label}: this raises the priority to level {to}. {_quote(risk.source)}"
                )
            else:
                self.reasons.append(f"{risk.label}: we have noted this. {_quote(risk.source)}")
        if len(self.risks) >= needed and raise_to < level:
            level = raise_to
        return level

    def _explain_aggravator(self, factor: AggravatingFactor) -> None:
        evidence = self.signals.evidence(AGGRAVATING, factor.key)
        self.reasons.append(f"{factor.label}: you mentioned “{evidence}”. {_quote(factor.source)}")

    def _explain_clock(self, due: DueDate) -> None:
        start = due.clock_starts
        if start is None or start == self.reported_at:
            return
        local = self.reported_at.astimezone(self.policy.organisation.tz)
        if start > local:
            self.reasons.append(
                "You contacted us outside our opening hours, so the response time starts at "
                f"{clock_text(start.hour, start.minute)} on {day_text(start.date())}."
            )

    # -- help to show ----------------------------------------------------------------------

    def _signpost_keys(self, primary: Category | None, scope: str, emergency: bool) -> list[str]:
        keys = [self.policy.emergency.signpost] if emergency else []
        if primary is not None:
            keys.extend(primary.signposts)
        if scope == "hate_crime":
            keys.extend(self.policy.hate_crime.signposts)
        if self.is_mate:
            keys.extend(self.policy.mate_crime.signposts)
        for risk in self.risks:
            keys.extend(risk.signposts)
        return keys

    def _signposts(self, keys: list[str], level: int | None) -> tuple[Signpost, ...]:
        shown: dict[str, Signpost] = {}
        for key in keys:
            if key in shown:
                continue
            signpost = self.policy.signpost(key)
            if level is not None and level in signpost.withheld_at_levels:
                continue
            shown[key] = signpost
        return tuple(shown.values())

    def _helplines(
        self, primary: Category | None, involved: list[Category]
    ) -> tuple[Helpline, ...]:
        keys: list[str] = []
        for category in ([primary] if primary else []) + involved:
            keys.extend(k for k in category.helplines if k not in keys)
        return tuple(self.policy.helpline(k) for k in keys)

    def _promises(self, involved: list[Category]) -> tuple[Promise, ...]:
        keys = {c.key for c in involved}
        kept = []
        for promise in self.policy.promises:
            if promise.categories and not keys & set(promise.categories):
                continue
            wording_needed = bool(promise.patterns)
            said = promise.key in self.signals.promises or (promise.hate_counts and self.is_hate)
            if not wording_needed or said:
                kept.append(promise)
        return tuple(kept)
