"""The Rasa side of the Telegram bridge: accepts messages only from our own bridge process."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.bridge_auth import BRIDGE_TOKEN_HEADER, bridge_token
from bot.channels.http import json_error, json_response, read_json_object, secrets_match
from bot.channels.turns import OnNewMessage, TurnFailed, run_turn

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 32 * 1024
MAX_MESSAGE_CHARS = 4096
CHAT_ID_PATTERN = re.compile(r"^-?\d{1,20}$")


class TelegramBridgeInput(InputChannel):
    """POST /webhooks/telegram/webhook `{"sender": chat_id, "message": text}` from the bridge.

    The bridge authenticates with the X-Bridge-Token header (an HMAC of the bot token); the
    conversation's sender id is `telegram:<chat_id>`.
    """

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        from bot.config import get_settings

        credentials = credentials or {}
        return cls(bot_token=credentials.get("bot_token") or get_settings().telegram_bot_token)

    def __init__(self, bot_token: str | None) -> None:
        self._expected_token = bridge_token(bot_token)
        if not bot_token:
            logger.info("telegram: no bot token configured; the bridge endpoint refuses all")

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        bp = Blueprint("telegram_bridge_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not secrets_match(request.headers.get(BRIDGE_TOKEN_HEADER), self._expected_token):
                logger.warning("telegram.webhook.refused: missing or wrong bridge token")
                return json_error(403, "Forbidden")
            data, problem = read_json_object(request, MAX_BODY_BYTES)
            if problem or data is None:
                return json_error(413 if problem == "too_large" else 400, "Bad request")
            chat_id, text = data.get("sender"), data.get("message")
            if not isinstance(chat_id, str) or not CHAT_ID_PATTERN.match(chat_id):
                return json_error(400, "sender must be a Telegram chat id")
            if not isinstance(text, str) or not text.strip():
                return json_error(400, "message must be non-empty text")
            if len(text) > MAX_MESSAGE_CHARS:
                return json_error(413, "message too long")
            sender_id = f"{self.name()}:{chat_id}"
            try:
                replies = await run_turn(on_new_message, text.strip(), sender_id, self.name())
            except (TurnFailed, asyncio.TimeoutError):
                return json_error(500, "The assistant could not handle this message")
            return json_response([reply.as_json() for reply in replies])

        return bp
