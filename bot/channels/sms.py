"""The SMS input channel for Twilio: signed webhooks in, plain numbered-choice TwiML out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse

from bot.channels.memory import ExpiringStore
from bot.channels.rendering import (
    SMS_PART_LIMIT,
    Choice,
    as_typed_text,
    match_choice,
    numbered_turn,
    split_numbered,
)
from bot.channels.turns import OnNewMessage, TurnFailed, run_turn

logger = logging.getLogger(__name__)

# Twilio's own opt-out words, plus EXIT: each ends the conversation at once.
EXIT_KEYWORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "exit"})
RESTART_PAYLOAD = "/restart"
FIRST_MESSAGE_NOTE = "You can delete this text thread at any time."
GOODBYE = (
    "Conversation ended. Any report you had not finished has not been sent. "
    "You can delete this text thread now. Text us any time to start again."
)
TEXT_ONLY = "Sorry, this service can only read text. Please reply in words or with a number."
FAILED = "Sorry, something went wrong on our side. Please try again in a few minutes."
# Twilio gives up on a webhook after 15 s; past this the replies go out through the REST API.
DEFAULT_REPLY_DEADLINE = 10.0
CHOICES_TTL = 24 * 3600
SEEN_TTL = 7 * 24 * 3600
MESSAGE_SID_TTL = 24 * 3600
_KEYWORD_CLEAN = re.compile(r"[^a-z]")


def is_exit_keyword(text: str) -> bool:
    """Whether the whole message is one of the words that end the conversation."""
    return _KEYWORD_CLEAN.sub("", text.casefold()) in EXIT_KEYWORDS and len(text) <= 20


def twiml(parts: list[str]) -> HTTPResponse:
    """A TwiML response sending each part as its own SMS (the library escapes XML)."""
    from twilio.twiml.messaging_response import MessagingResponse

    reply = MessagingResponse()
    for part in parts:
        reply.message(part)
    return response.text(str(reply), content_type="text/xml; charset=utf-8")


def _plain(status: int, text: str) -> HTTPResponse:
    return response.text(text, status=status)


def twilio_form(request: Request) -> RequestParameters:
    """The posted form with blank fields kept: Twilio signs `Body=` too (a picture alone)."""
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return RequestParameters()
    try:
        fields = parse_qs(request.body.decode("utf-8"), keep_blank_values=True)
    except (UnicodeDecodeError, ValueError):
        return RequestParameters()
    return RequestParameters(fields)


class SmsSender:
    """Sends SMS through the Twilio REST API from a worker thread (the client is blocking)."""

    def __init__(self, account_sid: str, auth_token: str, client: Any = None) -> None:
        if client is None:
            from twilio.rest import Client

            client = Client(account_sid, auth_token)
        self._client = client

    async def send(self, to: str, from_: str, parts: list[str]) -> None:
        """Send the parts in order; failures are logged by class name only."""
        for part in parts:
            try:
                await asyncio.to_thread(self._client.messages.create, to=to, from_=from_, body=part)
            except Exception as error:
                logger.error("sms.rest.send_failed: %s", type(error).__name__)
                return


class TwilioSmsInput(InputChannel):
    """Receives Twilio SMS webhooks at POST /webhooks/sms/webhook.

    Per-sender state (the buttons a number refers to, whether the sender has been told they
    can delete the thread, message ids already handled) lives in this process's memory: it
    is lost on restart and not shared between Sanic workers, which Rasa runs one of unless
    a Redis lock store is configured.
    """

    @classmethod
    def name(cls) -> str:
        return "sms"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        from bot.config import get_settings

        credentials = credentials or {}
        settings = get_settings()
        return cls(
            auth_token=credentials.get("auth_token") or settings.twilio_auth_token,
            webhook_url=credentials.get("webhook_url") or settings.twilio_webhook_url,
            account_sid=credentials.get("account_sid") or settings.twilio_account_sid,
        )

    def __init__(
        self,
        auth_token: str | None,
        webhook_url: str | None = None,
        account_sid: str | None = None,
        reply_deadline: float = DEFAULT_REPLY_DEADLINE,
        sender_factory: Callable[[], SmsSender] | None = None,
    ) -> None:
        self.auth_token = auth_token
        self.webhook_url = webhook_url
        self.reply_deadline = reply_deadline
        if sender_factory is None and account_sid and auth_token:
            sender_factory = partial(SmsSender, account_sid, auth_token)
        self._sender_factory = sender_factory
        self._sender: SmsSender | None = None
        self._choices: ExpiringStore[str, tuple[Choice, ...]] = ExpiringStore(CHOICES_TTL)
        self._seen: ExpiringStore[str, bool] = ExpiringStore(SEEN_TTL)
        self._handled: ExpiringStore[str, bool] = ExpiringStore(MESSAGE_SID_TTL)
        self._background: set[asyncio.Task] = set()
        if not auth_token:
            logger.warning("sms: no Twilio auth token configured; every SMS will be refused")

    def _signature_valid(self, request: Request, form: RequestParameters) -> bool:
        """Whether X-Twilio-Signature signs this request's URL and form with our token."""
        from twilio.request_validator import RequestValidator

        signature = request.headers.get("X-Twilio-Signature")
        if not self.auth_token or not signature:
            return False
        # Behind a proxy the request URL is not the one Twilio signed: configure it.
        url = self.webhook_url or request.url
        return RequestValidator(self.auth_token).validate(url, form, signature)

    def _render(self, sender_id: str, replies: list) -> list[str]:
        """The SMS parts for a turn, remembering which payload each number stands for."""
        turn = numbered_turn(replies)
        if turn.choices:
            self._choices.set(sender_id, turn.choices)
        else:
            self._choices.pop(sender_id)
        text = turn.text
        if sender_id not in self._seen:
            text = f"{FIRST_MESSAGE_NOTE}\n\n{text}" if text else FIRST_MESSAGE_NOTE
        self._seen.set(sender_id, True)
        return split_numbered(text, SMS_PART_LIMIT)

    async def _end_conversation(self, on_new_message: OnNewMessage, sender_id: str) -> None:
        """Forget this sender here and restart their Rasa conversation, discarding its replies."""
        self._choices.pop(sender_id)
        self._seen.pop(sender_id)
        # A failed restart is logged by run_turn; the resident still gets the goodbye.
        with contextlib.suppress(TurnFailed):
            await run_turn(on_new_message, RESTART_PAYLOAD, sender_id, self.name())

    async def _reply_later(self, turn: asyncio.Future, sender_id: str, to: str, from_: str) -> None:
        """Send a slow turn's replies through the REST API once Rasa has answered."""
        try:
            replies = await turn
        except TurnFailed:
            replies = None
        parts = self._render(sender_id, replies) if replies is not None else [FAILED]
        if parts and self._sender is not None:
            await self._sender.send(to, from_, parts)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        bp = Blueprint("sms_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            form = twilio_form(request)
            if not self._signature_valid(request, form):
                logger.warning("sms.webhook.refused: missing or invalid signature")
                return _plain(403, "Forbidden")
            number = (form.get("From") or "").strip()
            body = form.get("Body")
            if not number or body is None:
                return _plain(400, "From and Body are required")
            sender_id = f"{self.name()}:{number}"
            message_sid = form.get("MessageSid")
            if message_sid:
                if message_sid in self._handled:
                    return twiml([])
                self._handled.set(message_sid, True)
            body = body.strip()
            if not body:
                if (form.get("NumMedia") or "0").strip() not in ("", "0"):
                    return twiml([TEXT_ONLY])
                return _plain(400, "Body is empty")
            if is_exit_keyword(body):
                await self._end_conversation(on_new_message, sender_id)
                return twiml([GOODBYE])
            text = match_choice(body, self._choices.get(sender_id) or ()) or as_typed_text(body)
            if not text:
                return twiml([TEXT_ONLY])
            our_number = form.get("To") or ""
            return await self._answer(on_new_message, sender_id, text, number, our_number)

        return bp

    async def _answer(
        self,
        on_new_message: OnNewMessage,
        sender_id: str,
        text: str,
        number: str,
        our_number: str,
    ) -> HTTPResponse:
        turn = asyncio.ensure_future(run_turn(on_new_message, text, sender_id, self.name()))
        if self._sender_factory is not None:
            done, _ = await asyncio.wait({turn}, timeout=self.reply_deadline)
            if not done:
                if self._sender is None:
                    self._sender = self._sender_factory()
                task = asyncio.ensure_future(self._reply_later(turn, sender_id, number, our_number))
                # Keep a reference: the event loop holds tasks only weakly.
                self._background.add(task)
                task.add_done_callback(self._background.discard)
                return twiml([])
        try:
            replies = await turn
        except TurnFailed:
            return twiml([FAILED])
        return twiml(self._render(sender_id, replies))
