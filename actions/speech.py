"""Send the responses a service chose, with their policy values."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk.executor import CollectingDispatcher

from bot.conversation.answers import Say


def say_all(dispatcher: CollectingDispatcher, messages: Iterable[Say]) -> None:
    for message in messages:
        dispatcher.utter_message(response=message.response, **message.values)
