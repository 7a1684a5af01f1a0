"""Rasa's REST channel, minus its two leaks: message text in logs and other channels' senders."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import json_error, read_json_object
from bot.channels.turns import OnNewMessage

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_SENDER_CHARS = 128


class PrivateRestInput(RestInput):
    """POST /webhooks/rest/webhook `{"sender", "message"}`, answered like Rasa's REST channel.

    Differences from Rasa's: failures are logged without the message text; a sender id with
    a ":" is refused, because those name other channels' conversations (`sms:+44…`); the
    body cannot claim another input channel; there is no streaming.
    """

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        bp = Blueprint("private_rest_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            data, problem = read_json_object(request, MAX_BODY_BYTES, require_json_type=False)
            if problem == "too_large":
                return json_error(413, f"the request is larger than {MAX_BODY_BYTES} bytes")
            if problem or data is None:
                return json_error(400, 'the body must be a JSON object like '
                                       '{"sender": "u1", "message": "hi"}')  # fmt: skip
            sender, text = data.get("sender"), data.get("message")
            if not isinstance(sender, str) or not sender or len(sender) > MAX_SENDER_CHARS:
                return json_error(400, "sender must be a non-empty string")
            if ":" in sender:
                return json_error(400, "sender must not contain ':'")
            if not isinstance(text, str):
                return json_error(400, "message must be a string")
            metadata: Any = data.get("metadata")
            if metadata is not None and not isinstance(metadata, dict):
                return json_error(400, "metadata must be an object")
            collector = CollectingOutputChannel()
            message = UserMessage(
                text, collector, sender, input_channel=self.name(), metadata=metadata
            )
            try:
                await on_new_message(message)
            except (asyncio.CancelledError, asyncio.TimeoutError):
                logger.error("rest.message.timeout")
            except Exception as error:
                # Like Rasa's REST channel, answer with what was said so far; log no text.
                logger.error("rest.message.failed: %s", type(error).__name__)
            return response.json(collector.messages)

        return bp
