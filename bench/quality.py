"""The job itself: the assistant and the baseline side by side on the held-out opening messages.

The assistant's danger decision is its trained NLU (intent `report_danger` after the
DangerOverride component), asked over the running Rasa server's /model/parse; its scope,
category and priority are the policy engine's triage of the opening as the report description.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx

from bench import metrics
from bench.baseline import EXCLUDED, Baseline
from bench.datasets import Opening

DANGER_INTENT = "report_danger"
UNCLASSIFIED = "unclassified"
SCOPES = ("in_scope", "hate_crime", "mate_crime", "excluded")
PRIORITIES = (1, 2, None)
SYSTEMS = ("assistant", "baseline")


@dataclass(frozen=True)
class Guess:
    """One system's answer for one opening, in the held-out set's terms."""

    danger: bool
    scope: str
    category: str  # a category key, `excluded` or `unclassified`
    exclusion: str | None
    priority: int | None


@dataclass
class QualityResult:
    openings: list[Opening]
    guesses: dict[str, list[Guess]]
    figures: dict[str, dict[str, float | None]] = field(default_factory=dict)
    hard_figures: dict[str, dict[str, float | None]] = field(default_factory=dict)
    matrices: dict[str, dict[str, dict]] = field(default_factory=dict)
    intents: list[str] = field(default_factory=list)
    baseline_sizes: dict[str, int] = field(default_factory=dict)

    def misses(self, system: str = "assistant") -> list[Opening]:
        """Openings in danger that the system did not flag."""
        return [
            o
            for o, g in zip(self.openings, self.guesses[system], strict=True)
            if o.danger and not g.danger
        ]

    def false_alarms(self, system: str = "assistant") -> list[Opening]:
        return [
            o
            for o, g in zip(self.openings, self.guesses[system], strict=True)
            if g.danger and not o.danger
        ]


def remote_intent(
    rasa_url: str, client: httpx.Client, token: str | None = None
) -> Callable[[str], str]:
    """The intent the running Rasa server's NLU gives a text."""
    params = {"token": token} if token else {}

    def parse(text: str) -> str:
        response = client.post(f"{rasa_url}/model/parse", json={"text": text}, params=params)
        response.raise_for_status()
        return (response.json().get("intent") or {}).get("name") or ""

    return parse


def assistant_guesses(
    openings: Sequence[Opening], intent_of: Callable[[str], str], policy, now: datetime
) -> tuple[list[Guess], list[str]]:
    from bot.conversation.triage_slots import triage_slots

    guesses, intents = [], []
    for opening in openings:
        intent = intent_of(opening.text)
        triage = triage_slots({"description": opening.text}, policy, now)
        excluded = triage["scope"] == "excluded"
        category = EXCLUDED if excluded else triage["category"] or UNCLASSIFIED
        guesses.append(
            Guess(
                danger=intent == DANGER_INTENT,
                scope=triage["scope"],
                category=category,
                exclusion=triage["exclusion"],
                priority=triage["priority"],
            )
        )
        intents.append(intent)
    return guesses, intents


def baseline_guesses(openings: Sequence[Opening], baseline: Baseline) -> list[Guess]:
    return [
        Guess(
            danger=p.danger, scope=p.scope, category=p.category, exclusion=None, priority=p.priority
        )
        for p in baseline.predict([o.text for o in openings])
    ]


def figures(openings: Sequence[Opening], guesses: Sequence[Guess]) -> dict[str, float | None]:
    """Every headline quality figure for one system.

    Category accuracy is over openings that belong to a category (not excluded ones, whose
    label is the exclusion reason); exclusion accuracy is over the excluded ones.
    """
    in_category = [(o, g) for o, g in zip(openings, guesses, strict=True) if o.scope != "excluded"]
    excluded = [(o, g) for o, g in zip(openings, guesses, strict=True) if o.scope == "excluded"]
    has_exclusions = any(g.exclusion for g in guesses)
    return {
        "danger_recall": metrics.recall([o.danger for o in openings], [g.danger for g in guesses]),
        "danger_precision": metrics.precision(
            [o.danger for o in openings], [g.danger for g in guesses]
        ),
        "scope_accuracy": metrics.accuracy([o.scope for o in openings], [g.scope for g in guesses]),
        "scope_macro_f1": metrics.macro_f1(
            [o.scope for o in openings], [g.scope for g in guesses], SCOPES
        ),
        "category_accuracy": metrics.accuracy(
            [o.category for o, _ in in_category], [g.category for _, g in in_category]
        ),
        "exclusion_accuracy": metrics.accuracy(
            [o.category for o, _ in excluded], [g.exclusion for _, g in excluded]
        )
        if has_exclusions
        else None,
        "priority_accuracy": metrics.accuracy(
            [o.priority for o in openings], [g.priority for g in guesses]
        ),
    }


def matrices(openings: Sequence[Opening], guesses: Sequence[Guess]) -> dict[str, dict]:
    """Confusion matrices (labels, rows = truth, columns = prediction) for each dimension."""
    danger_labels = [True, False]
    in_category = [(o, g) for o, g in zip(openings, guesses, strict=True) if o.scope != "excluded"]
    category_truth = [o.category for o, _ in in_category]
    category_guess = [g.category for _, g in in_category]
    category_labels = metrics.ordered_labels(category_truth + category_guess)
    dims = {
        "danger": ([o.danger for o in openings], [g.danger for g in guesses], danger_labels),
        "scope": ([o.scope for o in openings], [g.scope for g in guesses], list(SCOPES)),
        "category": (category_truth, category_guess, category_labels),
        "priority": (
            [o.priority for o in openings],
            [g.priority for g in guesses],
            list(PRIORITIES),
        ),
    }
    return {
        name: {"labels": labels, "matrix": metrics.confusion_matrix(truth, guess, labels)}
        for name, (truth, guess, labels) in dims.items()
    }


def evaluate(
    openings: Sequence[Opening],
    intent_of: Callable[[str], str],
    policy,
    baseline: Baseline,
    now: datetime | None = None,
) -> QualityResult:
    """Run both systems over the openings and compute every figure."""
    now = now or datetime.now(timezone.utc)
    assistant, intents = assistant_guesses(openings, intent_of, policy, now)
    result = QualityResult(
        openings=list(openings),
        guesses={"assistant": assistant, "baseline": baseline_guesses(openings, baseline)},
        intents=intents,
        baseline_sizes=dict(baseline.sizes),
    )
    hard = [i for i, o in enumerate(openings) if o.hard]
    for system in SYSTEMS:
        guesses = result.guesses[system]
        result.figures[system] = figures(openings, guesses)
        result.hard_figures[system] = figures(
            [openings[i] for i in hard], [guesses[i] for i in hard]
        )
        result.matrices[system] = matrices(openings, guesses)
    return result
