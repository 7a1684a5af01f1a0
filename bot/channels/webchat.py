"""The web chat input channel: serves the chat page and answers its messages."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import NO_STORE_HEADERS, json_error, json_response, read_json_object
from bot.channels.turns import OnNewMessage, TurnFailed, run_turn

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_MESSAGE_CHARS = 4000
MAX_BODY_BYTES = 32 * 1024
# The page makes sender ids of 32 hex digits; no ":" so they never collide with other channels.
SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

_CONTENT_TYPES = {
    "chat.js": "text/javascript; charset=utf-8",
    "chat.css": "text/css; charset=utf-8",
}
PAGE_HEADERS = {
    **NO_STORE_HEADERS,
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

ERRORS = {
    "too_large": (413, "That message is too long. Please send it in shorter parts."),
    "not_json": (415, "Messages must be sent as JSON."),
    "malformed": (400, "That request could not be read. Please try again."),
    "bad_sender": (400, "This chat has lost its session. Please reload the page."),
    "empty": (400, "Please type a message before sending."),
    "too_long": (
        413,
        f"That message is too long. Please send it in parts of up to {MAX_MESSAGE_CHARS} "
        "characters.",
    ),
    "failed": (500, "Sorry, something went wrong on our side. Please try again."),
}


def _error(key: str) -> HTTPResponse:
    status, message = ERRORS[key]
    return json_error(status, message)


def _static_file(name: str, content_type: str) -> HTTPResponse:
    body = (STATIC_DIR / name).read_bytes()
    return response.raw(body, content_type=content_type, headers=dict(PAGE_HEADERS))


class WebChatInput(InputChannel):
    """Serves the chat page at GET /webhooks/webchat/ and its messages at POST .../webhook."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def _parse(self, request: Request) -> tuple[str, str] | str:
        """(sender id, message text) from the request, or the key of an error."""
        data, problem = read_json_object(request, MAX_BODY_BYTES)
        if problem or data is None:
            return problem or "malformed"
        sender = data.get("sender")
        if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
            return "bad_sender"
        message = data.get("message")
        if not isinstance(message, str):
            return "malformed"
        message = message.strip()
        if not message:
            return "empty"
        if len(message) > MAX_MESSAGE_CHARS:
            return "too_long"
        return f"{self.name()}:{sender}", message

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        bp = Blueprint("webchat_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):
                # The page loads its files by relative URL, which needs the trailing slash.
                return response.redirect(request.path + "/", headers=dict(NO_STORE_HEADERS))
            return _static_file("index.html", "text/html; charset=utf-8")

        @bp.route("/static/<filename>", methods=["GET"])
        async def static(request: Request, filename: str) -> HTTPResponse:
            content_type = _CONTENT_TYPES.get(filename)
            if content_type is None:
                return response.text("Not found", status=404, headers=dict(NO_STORE_HEADERS))
            return _static_file(filename, content_type)

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = self._parse(request)
            if isinstance(parsed, str):
                return _error(parsed)
            sender_id, text = parsed
            try:
                replies = await run_turn(on_new_message, text, sender_id, self.name())
            except (TurnFailed, asyncio.TimeoutError):
                return _error("failed")
            return json_response([reply.as_json() for reply in replies])

        return bp
