"""The Telegram bridge process: python-telegram-bot in, Rasa's `telegram` channel behind it.

Run with `python -m bot.channels.telegram_bridge`. It long-polls Telegram by default (no
public URL needed); with TELEGRAM_WEBHOOK_URL set it serves a webhook that refuses requests
without Telegram's secret token header (TELEGRAM_SECRET_TOKEN).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import re
import sys
import weakref
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import httpx
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels.bridge_auth import BRIDGE_TOKEN_HEADER, bridge_token
from bot.channels.callback_data import callback_data_for
from bot.channels.memory import ExpiringStore
from bot.channels.rendering import (
    TELEGRAM_TEXT_LIMIT,
    PlainMessage,
    as_typed_text,
    plain_messages,
    split_text,
)

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
RASA_PATH = "/webhooks/telegram/webhook"
RASA_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
GREETING = "Hello"
CHOOSE = "Please choose:"
CHOSEN_MARK = "✓"
FAILED = (
    "Sorry, something went wrong on our side. Please try again in a few minutes. "
    "If you are in danger now, call 999."
)
TEXT_ONLY = "Sorry, I can only read text messages. Please type your answer."
PRIVATE_ONLY = "For your privacy I only talk in private chats. Please message me directly."
EXPIRED = "That choice has expired. Please type your answer instead."
OFFERED_TTL = 24 * 3600
SECRET_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class TelegramBridge:
    """Forwards each private text or button tap to Rasa and sends Rasa's replies back."""

    def __init__(self, rasa_url: str, bot_token: str) -> None:
        self._endpoint = rasa_url.rstrip("/") + RASA_PATH
        self._headers = {BRIDGE_TOKEN_HEADER: bridge_token(bot_token) or ""}
        self._client: httpx.AsyncClient | None = None
        # Per chat: callback data of the latest buttons offered -> payload.
        self._offered: ExpiringStore[int, dict[str, str]] = ExpiringStore(OFFERED_TTL)
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def _lock(self, chat_id: int) -> asyncio.Lock:
        """One turn at a time per chat, so replies keep the order of the messages."""
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat_id] = lock
        return lock

    async def wait_for_rasa(self, _: Application | None = None, timeout: float = 300) -> bool:
        """Wait until the Rasa server answers, so early messages do not meet an apology."""
        health = self._endpoint.rsplit("/", 1)[0] + "/"
        deadline = asyncio.get_running_loop().time() + timeout
        logged = False
        async with httpx.AsyncClient(timeout=5) as client:
            while True:
                try:
                    if (await client.get(health)).status_code == 200:
                        return True
                except httpx.HTTPError:
                    pass
                if asyncio.get_running_loop().time() > deadline:
                    logger.warning("Telegram bridge: Rasa is not answering; starting anyway")
                    return False
                if not logged:
                    logger.info("Telegram bridge: waiting for the Rasa server")
                    logged = True
                await asyncio.sleep(1)

    async def close(self) -> None:
        """Close the HTTP client to Rasa."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _ask_rasa(self, chat_id: int, text: str) -> list[PlainMessage] | None:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=RASA_TIMEOUT)
        try:
            answer = await self._client.post(
                self._endpoint,
                json={"sender": str(chat_id), "message": text},
                headers=self._headers,
            )
            answer.raise_for_status()
            data = answer.json()
        except (httpx.HTTPError, ValueError) as error:
            logger.error("telegram.bridge.rasa_failed: %s", type(error).__name__)
            return None
        if not isinstance(data, list):
            return None
        return plain_messages(item for item in data if isinstance(item, dict))

    async def _send_replies(
        self, chat_id: int, replies: list[PlainMessage], context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        offered: dict[str, str] = {}
        for reply in replies:
            keyboard = None
            if reply.choices:
                rows = []
                for choice in reply.choices:
                    data = callback_data_for(choice.payload)
                    offered[data] = choice.payload
                    rows.append([InlineKeyboardButton(choice.title, callback_data=data)])
                keyboard = InlineKeyboardMarkup(rows)
            parts = split_text(reply.text, TELEGRAM_TEXT_LIMIT) or [CHOOSE]
            for index, part in enumerate(parts):
                markup = keyboard if index == len(parts) - 1 else None
                # No parse_mode: the text is shown exactly as written, never as markup.
                await context.bot.send_message(chat_id=chat_id, text=part, reply_markup=markup)
        if offered:
            self._offered.set(chat_id, offered)
        else:
            self._offered.pop(chat_id)

    async def _converse(self, chat_id: int, text: str, context: ContextTypes.DEFAULT_TYPE) -> None:
        with contextlib.suppress(TelegramError):  # Only a courtesy; the reply matters.
            await context.bot.send_chat_action(chat_id=chat_id, action=ChatAction.TYPING)
        replies = await self._ask_rasa(chat_id, text)
        if replies is None:
            await context.bot.send_message(chat_id=chat_id, text=FAILED)
            return
        await self._send_replies(chat_id, replies, context)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A typed message from a private chat."""
        message = update.message
        if message is None or message.text is None:
            return
        async with self._lock(message.chat_id):
            text = message.text.strip()
            # Telegram sends /start when someone opens the bot; treat it as a greeting.
            text = GREETING if text.split()[:1] == ["/start"] else as_typed_text(text)
            if not text:
                await context.bot.send_message(chat_id=message.chat_id, text=TEXT_ONLY)
                return
            await self._converse(message.chat_id, text, context)

    async def on_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A tap on one of our inline buttons: sends that button's payload."""
        query = update.callback_query
        chat = update.effective_chat
        if query is None or chat is None:
            return
        async with self._lock(chat.id):
            with contextlib.suppress(TelegramError):  # Too old to answer: carry on regardless.
                await query.answer()
            if chat.type != ChatType.PRIVATE or not query.data:
                return
            title = _button_title(query.message, query.data)
            payload = (self._offered.get(chat.id) or {}).get(query.data)
            if payload is None and title:
                # An older or unknown button: send its words, never an unvetted payload.
                payload = as_typed_text(title)
            text = getattr(query.message, "text", None)
            if title and text:
                # Shows what was chosen and removes the keyboard so it cannot be re-sent.
                with contextlib.suppress(TelegramError):
                    await query.edit_message_text(f"{text}\n\n{CHOSEN_MARK} {title}")
            if not payload:
                await context.bot.send_message(chat_id=chat.id, text=EXPIRED)
                return
            await self._converse(chat.id, payload, context)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Anything but text, or any message outside a private chat."""
        chat = update.effective_chat
        if chat is None or update.message is None:
            return
        reply = TEXT_ONLY if chat.type == ChatType.PRIVATE else PRIVATE_ONLY
        await context.bot.send_message(chat_id=chat.id, text=reply)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log a failed update by exception class only (its text could quote the resident)."""
        logger.error("telegram.bridge.update_failed: %s", type(context.error).__name__)


def _button_title(message: Any, data: str) -> str | None:
    """The title of the button carrying `data` in the message the tap came from."""
    markup = getattr(message, "reply_markup", None)
    for row in getattr(markup, "inline_keyboard", None) or ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return None


def build_application(
    bot_token: str, rasa_url: str, base_url: str | None = None
) -> tuple[Application, TelegramBridge]:
    """The python-telegram-bot application with the bridge's handlers."""
    builder = Application.builder().token(bot_token).concurrent_updates(True)
    if base_url:
        builder = builder.base_url(base_url)
    bridge = TelegramBridge(rasa_url, bot_token)

    async def shutdown(_: Application) -> None:
        await bridge.close()

    # post_init runs before polling or the webhook starts (run_polling / run_webhook only).
    application = builder.post_init(bridge.wait_for_rasa).post_shutdown(shutdown).build()
    private = filters.ChatType.PRIVATE
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & private, bridge.on_text)
    )
    application.add_handler(CallbackQueryHandler(bridge.on_tap))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, bridge.on_other))
    application.add_error_handler(bridge.on_error)
    return application, bridge


@dataclass(frozen=True)
class WebhookOptions:
    """Where the webhook listens locally, and what Telegram is told to call."""

    webhook_url: str
    secret_token: str
    listen: str = "127.0.0.1"
    port: int = 8443

    @property
    def url_path(self) -> str:
        return urlparse(self.webhook_url).path.lstrip("/")


async def start(
    application: Application, webhook: WebhookOptions | None = None, poll_timeout: float = 10
) -> None:
    """Start receiving updates inside a running event loop (used by tests and embedders)."""
    await application.initialize()
    await application.start()
    if webhook is None:
        await application.updater.start_polling(
            timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
        )
    else:
        await application.updater.start_webhook(
            listen=webhook.listen,
            port=webhook.port,
            url_path=webhook.url_path,
            webhook_url=webhook.webhook_url,
            secret_token=webhook.secret_token,
            allowed_updates=ALLOWED_UPDATES,
        )


async def stop(application: Application, bridge: TelegramBridge) -> None:
    """Stop what `start` started."""
    if application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    await bridge.close()


# httpx logs every request URL at INFO, and Bot API URLs contain the bot token;
# python-telegram-bot logs every call's parameters (message text, chat ids) at DEBUG.
LIBRARY_LOGGERS = ("httpx", "httpcore", "telegram")


def quiet_library_loggers() -> None:
    """Keep tokens, chat ids and message text out of the logs whatever the log level."""
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1", help="webhook mode: local address")
    parser.add_argument("--port", type=int, default=8443, help="webhook mode: local port")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the bridge until interrupted; returns the process exit code."""
    from bot.config import get_settings

    args = _parse_args(argv)
    settings = get_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(message)s")
    quiet_library_loggers()
    if not settings.telegram_bot_token:
        print("TELEGRAM_BOT_TOKEN is not set: the Telegram bridge is not started.")
        return 2
    application, _ = build_application(
        settings.telegram_bot_token, settings.rasa_url, settings.telegram_api_base_url
    )
    if not settings.telegram_webhook_url:
        logger.info("Telegram bridge: long polling, forwarding to %s", settings.rasa_url)
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
        return 0
    secret = settings.telegram_secret_token or ""
    if not SECRET_TOKEN_PATTERN.match(secret):
        print(
            "TELEGRAM_WEBHOOK_URL is set, so TELEGRAM_SECRET_TOKEN must be set too "
            "(1-256 characters: letters, digits, _ and -)."
        )
        return 2
    options = WebhookOptions(settings.telegram_webhook_url, secret, args.listen, args.port)
    logger.info("Telegram bridge: webhook on %s:%s", options.listen, options.port)
    application.run_webhook(
        listen=options.listen,
        port=options.port,
        url_path=options.url_path,
        webhook_url=options.webhook_url,
        secret_token=options.secret_token,
        allowed_updates=ALLOWED_UPDATES,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
