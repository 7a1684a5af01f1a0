"""Running one resident message through Rasa and collecting the replies, without logging text."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.rendering import PlainMessage, plain_messages

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class TurnFailed(Exception):
    """Rasa could not handle the message; the cause is logged by class name only."""


class NamedCollector(CollectingOutputChannel):
    """Collects replies under the input channel's name, so `channel:` response variants apply."""

    def __init__(self, channel_name: str) -> None:
        super().__init__()
        self._channel_name = channel_name

    def name(self) -> str:  # type: ignore[override]
        # Rasa picks channel-specific response variants by the output channel's name.
        return self._channel_name


async def run_turn(
    on_new_message: OnNewMessage,
    text: str,
    sender_id: str,
    channel_name: str,
    metadata: dict[str, Any] | None = None,
) -> list[PlainMessage]:
    """Send `text` from `sender_id` on `channel_name` to Rasa and return its replies."""
    collector = NamedCollector(channel_name)
    message = UserMessage(text, collector, sender_id, input_channel=channel_name, metadata=metadata)
    try:
        await on_new_message(message)
    except Exception as error:
        # Exception messages can quote the resident's words, so only the class is logged.
        logger.error("%s.turn.failed: %s", channel_name, type(error).__name__)
        raise TurnFailed(type(error).__name__) from None
    return plain_messages(collector.messages)
