"""Read a resident's free-text description against the phrases held in the policy data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.policy.model import Policy
from bot.policy.phrases import Phrase, Tokens, is_negated, tokenize

CATEGORY = "category"
EXCLUSION = "exclusion"
AGGRAVATING = "aggravating_factor"
RISK = "risk_factor"
EMERGENCY = "emergency"
HATE_EXPLICIT = "hate_explicit"
HATE_IDENTITY = "hate_identity"
HOSTILITY = "hostility"
MATE_SIGN = "mate_crime_sign"
RELATIONSHIP = "relationship"
PROMISE = "promise"


@dataclass(frozen=True)
class Hit:
    """One phrase from the policy found in the text."""

    kind: str
    key: str
    phrase: str
    start: int
    end: int
    words: str


@dataclass(frozen=True)
class TextSignals:
    """Everything the policy phrases found in a description, keys in policy order."""

    categories: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    aggravating_factors: tuple[str, ...] = ()
    hate_strands: tuple[str, ...] = ()
    mate_crime_signs: tuple[str, ...] = ()
    mate_crime_relationship: bool = False
    risk_factors: tuple[str, ...] = ()
    promises: tuple[str, ...] = ()
    immediate_danger: bool = False
    hits: tuple[Hit, ...] = ()

    def evidence(self, kind: str, key: str) -> str | None:
        """The words that matched first for `kind`/`key`, to quote back in reasons."""
        for hit in self.hits:
            if hit.kind == kind and hit.key == key:
                return hit.words
        return None


def classify_text(text: str, policy: Policy) -> TextSignals:
    """Find categories, exclusions, aggravating factors, hate and mate-crime signs in `text`."""
    matching = policy.matching
    tokens = tokenize(text or "", frozenset(matching.clause_breaks))
    negations = frozenset(matching.negations)
    breaks = frozenset(matching.negation_breaks)
    hits: list[Hit] = []

    def scan(kind: str, key: str, phrases: Iterable[Phrase]) -> None:
        for phrase in phrases:
            for start, end in phrase.find(tokens, matching.max_gap, matching.fuzzy_min_length):
                if is_negated(tokens, start, negations, breaks, matching.negation_window):
                    continue
                words = " ".join(tokens.words[start:end])
                hits.append(Hit(kind, key, phrase.text, start, end, words))

    for category in policy.categories:
        scan(CATEGORY, category.key, category.patterns)
    for exclusion in policy.exclusions:
        scan(EXCLUSION, exclusion.key, exclusion.patterns)
    for factor in policy.aggravating_factors:
        scan(AGGRAVATING, factor.key, factor.patterns)
    for risk in policy.risk_factors:
        scan(RISK, risk.key, risk.patterns)
    scan(EMERGENCY, EMERGENCY, policy.emergency.patterns)
    hate = policy.hate_crime
    for strand in hate.strands:
        scan(HATE_EXPLICIT, strand.key, strand.explicit)
        scan(HATE_IDENTITY, strand.key, strand.identity)
    scan(HOSTILITY, HOSTILITY, hate.hostility)
    for sign in policy.mate_crime.signs:
        scan(MATE_SIGN, sign.key, sign.patterns)
    scan(RELATIONSHIP, RELATIONSHIP, policy.mate_crime.relationship)
    for promise in policy.promises:
        scan(PROMISE, promise.key, promise.patterns)

    kept = sorted(_drop_swallowed(hits), key=lambda h: (h.start, h.end))
    strands = _hate_strands(kept, tokens, hate.proximity_words)

    def found(kind: str, keys: Iterable[str]) -> tuple[str, ...]:
        present = {h.key for h in kept if h.kind == kind}
        return tuple(k for k in keys if k in present)

    return TextSignals(
        categories=found(CATEGORY, (c.key for c in policy.categories)),
        exclusions=found(EXCLUSION, (e.key for e in policy.exclusions)),
        aggravating_factors=found(AGGRAVATING, (a.key for a in policy.aggravating_factors)),
        hate_strands=tuple(s.key for s in hate.strands if s.key in strands),
        mate_crime_signs=found(MATE_SIGN, (s.key for s in policy.mate_crime.signs)),
        mate_crime_relationship=any(h.kind == RELATIONSHIP for h in kept),
        risk_factors=found(RISK, (r.key for r in policy.risk_factors)),
        promises=found(PROMISE, (p.key for p in policy.promises)),
        immediate_danger=any(h.kind == EMERGENCY for h in kept),
        hits=tuple(kept),
    )


def _drop_swallowed(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer category or exclusion phrase ("XL bully" is not bullying).

    Aggravating factors are only swallowed by categories ("dog attacked" is about a dog), never
    by exclusions: escalation beats exclusion. Hate, mate-crime and danger signs always stay.
    """

    def swallowed(hit: Hit, by: Hit) -> bool:
        if by.kind not in (CATEGORY, EXCLUSION) or (by.kind, by.key) == (hit.kind, hit.key):
            return False
        inside = by.start <= hit.start and hit.end <= by.end
        if not inside or by.end - by.start <= hit.end - hit.start:
            return False
        return hit.kind in (CATEGORY, RISK) or (hit.kind == AGGRAVATING and by.kind == CATEGORY)

    return [hit for hit in hits if not any(swallowed(hit, other) for other in hits)]


def _hate_strands(hits: list[Hit], tokens: Tokens, proximity: int) -> set[str]:
    """Strands named by explicit hate words, or by identity words just after hostile words."""
    strands = {h.key for h in hits if h.kind == HATE_EXPLICIT}
    hostile = [h for h in hits if h.kind == HOSTILITY]
    for identity in (h for h in hits if h.kind == HATE_IDENTITY):
        for hostility in hostile:
            same_sentence = tokens.sentences[hostility.start] == tokens.sentences[identity.start]
            gap = identity.start - hostility.end
            if same_sentence and 0 <= gap <= proximity:
                strands.add(identity.key)
                break
    return strands
