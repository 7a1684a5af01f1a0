"""An NLU component that combines the trained classifier with rule-based danger cues."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.ranking import demote, promote, top_intent

DANGER_INTENT = "report_danger"
DANGER_CUES_KEY = "danger_cues"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DangerOverride(GraphComponent, IntentClassifier):
    """Raises `report_danger` when the rules see present danger; demotes it when they see only
    past or negated danger.

    Recall comes first: if the rules see nothing either way, the classifier's own
    `report_danger` prediction stands.
    """

    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": DANGER_INTENT}

    def __init__(self, config: dict[str, Any]) -> None:
        self.intent = config.get("intent", DANGER_INTENT)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DangerOverride:
        from bot.understanding import warm_up

        warm_up()  # load spaCy with the model, not on a resident's first message
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        from bot.understanding import detect_danger

        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue  # payloads such as "/restart" are not the resident's words
            signal = detect_danger(text)
            message.set(DANGER_CUES_KEY, list(signal.cues), add_to_output=True)
            intent = top_intent(message)
            if signal.present and intent != self.intent:
                promote(message, self.intent)
            elif not signal.present and signal.negated_or_past and intent == self.intent:
                demote(message, self.intent)
        return messages
