"""An NLU component that lets destructive commands through only when the words are a command."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.ranking import demote, top_intent

GUARDED = ("cancel", "restart")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandGuard(GraphComponent, IntentClassifier):
    """Demotes `cancel` and `restart` unless the message is that command.

    Both throw a report away, and `restart` overrides every rule and form in Rasa, so a form
    answer the classifier merely finds similar ("beginning of September" for "begin again")
    must never trigger them.
    """

    @classmethod
    def required_components(cls) -> list[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CommandGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        from bot.understanding import is_command

        for message in messages:
            text = message.get(TEXT) or ""
            intent = top_intent(message)
            if intent in GUARDED and not text.startswith("/") and not is_command(text, intent):
                demote(message, intent)
        return messages
