"""Rewrite a parsed message's intent ranking: raise one intent to the top, or set one aside."""

from __future__ import annotations

from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message

FALLBACK_INTENT = "nlu_fallback"


def top_intent(message: Message) -> str | None:
    return (message.get(INTENT) or {}).get(INTENT_NAME_KEY)


def promote(message: Message, intent: str) -> None:
    """Make `intent` the prediction, with full confidence."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    top = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)


def demote(message: Message, intent: str) -> None:
    """Set `intent` aside: the next-best real intent becomes the prediction."""
    ranking = [
        r
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get("name") not in (intent, FALLBACK_INTENT)
    ]
    if not ranking:
        return
    message.set(INTENT, dict(ranking[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
