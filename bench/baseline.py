"""A plain baseline: TF-IDF + logistic regression trained on the same NLU data as the assistant.

Danger is its intent classifier predicting `report_danger`. Category is a second classifier
trained on the `report_problem` examples labelled by their `behaviour_type` entity value, plus
the excluded-topics examples labelled `excluded`. Scope and priority follow from the category
the simple way: hate_crime, mate_crime and excluded are scopes of their own, everything else is
in_scope; priority is the policy's priority for the category, and none when excluded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.config import PROJECT_ROOT

DANGER_INTENT = "report_danger"
EXCLUDED = "excluded"
NLU_DIR = PROJECT_ROOT / "nlu"
EXCLUDED_TOPICS = NLU_DIR / "report_problem_excluded_topics.yml"


@dataclass(frozen=True)
class Prediction:
    danger: bool
    scope: str
    category: str
    priority: int | None


def _pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    # Word unigrams and bigrams with default regularisation: deliberately nothing clever.
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(max_iter=2000),
    )


def training_sets(nlu_dir: Path = NLU_DIR, excluded_file: Path = EXCLUDED_TOPICS):
    """(intent texts, intents), (category texts, categories) from the Rasa NLU files."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples = load_data(str(nlu_dir)).intent_examples
    excluded = {m.get("text") for m in load_data(str(excluded_file)).intent_examples}
    intents = ([m.get("text") for m in examples], [m.get("intent") for m in examples])
    texts, categories = [], []
    for message in examples:
        text = message.get("text")
        if text in excluded:
            texts.append(text)
            categories.append(EXCLUDED)
            continue
        if message.get("intent") != "report_problem":
            continue
        values = [
            e["value"] for e in message.get("entities") or [] if e.get("entity") == "behaviour_type"
        ]
        if values:
            texts.append(text)
            categories.append(values[0])
    return intents, (texts, categories)


def scope_of(category: str) -> str:
    if category in ("hate_crime", "mate_crime", EXCLUDED):
        return category
    return "in_scope"


class Baseline:
    """Both classifiers, trained at construction (a second or two)."""

    def __init__(self, policy, nlu_dir: Path = NLU_DIR, excluded_file: Path = EXCLUDED_TOPICS):
        (intent_texts, intents), (category_texts, categories) = training_sets(
            nlu_dir, excluded_file
        )
        self.policy = policy
        self.intent_model = _pipeline().fit(intent_texts, intents)
        self.category_model = _pipeline().fit(category_texts, categories)
        self.sizes = {
            "intent examples": len(intent_texts),
            "category examples": len(category_texts),
        }

    def priority_of(self, category: str) -> int | None:
        return None if category == EXCLUDED else self.policy.category(category).priority

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        intents = self.intent_model.predict(list(texts))
        categories = self.category_model.predict(list(texts))
        return [
            Prediction(
                danger=intent == DANGER_INTENT,
                scope=scope_of(category),
                category=category,
                priority=self.priority_of(category),
            )
            for intent, category in zip(intents, categories, strict=True)
        ]
