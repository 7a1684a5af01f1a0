"""The Telegram bridge (real python-telegram-bot against a fake Bot API) and its Rasa channel."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from bot.channels.bridge_auth import BRIDGE_TOKEN_HEADER, bridge_token
from bot.channels.telegram import TelegramBridgeInput
from bot.channels.telegram_bridge import (
    CHOSEN_MARK,
    EXPIRED,
    FAILED,
    LIBRARY_LOGGERS,
    PRIVATE_ONLY,
    TEXT_ONLY,
    TelegramBridge,
    WebhookOptions,
    build_application,
    quiet_library_loggers,
    start,
    stop,
)
from tests.integration.channels.channel_server import (
    DANGER_QUESTION,
    RunningChannels,
    serve_channels,
)
from tests.integration.channels.conftest import TELEGRAM_TOKEN
from tests.integration.channels.fake_telegram_api import FakeTelegramApi, serve_fake_telegram

CHAT = 777001
OTHER_CHAT = 777002
SECRET = "webhook-secret_123"


# The Rasa side on its own ---------------------------------------------------------------


async def post_bridge(http, running, body: dict, token: str | None) -> httpx.Response:
    headers = {BRIDGE_TOKEN_HEADER: token} if token is not None else {}
    return await http.post(running.endpoint("telegram"), json=body, headers=headers)


@pytest.mark.parametrize("token", [None, "", "wrong", bridge_token("123456:other")])
async def test_rasa_channel_refuses_anyone_but_the_bridge(channels, http, token) -> None:
    answer = await post_bridge(http, channels, {"sender": "1", "message": "hello"}, token)
    assert answer.status_code == 403
    assert channels.agent.received == []


async def test_rasa_channel_answers_the_bridge(channels, http) -> None:
    body = {"sender": str(CHAT), "message": "hello"}
    answer = await post_bridge(http, channels, body, bridge_token(TELEGRAM_TOKEN))
    assert answer.status_code == 200
    assert answer.json()[0]["text"] == DANGER_QUESTION
    received = channels.agent.received[-1]
    assert received.sender_id == f"telegram:{CHAT}"
    assert received.input_channel == "telegram"
    assert received.output_channel.name() == "telegram"


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "telegram:1", "message": "hi"},
        {"sender": "abc", "message": "hi"},
        {"sender": 5, "message": "hi"},
        {"sender": "5", "message": ""},
        {"sender": "5"},
    ],
)
async def test_rasa_channel_validates_the_body(channels, http, body) -> None:
    answer = await post_bridge(http, channels, body, bridge_token(TELEGRAM_TOKEN))
    assert answer.status_code == 400
    assert channels.agent.received == []


async def test_rasa_channel_without_a_bot_token_refuses_all(http) -> None:
    async with serve_channels([TelegramBridgeInput(bot_token=None)]) as running:
        answer = await post_bridge(http, running, {"sender": "1", "message": "hi"}, "")
        assert answer.status_code == 403


# The bridge, long polling ---------------------------------------------------------------


@dataclass
class BridgeRun:
    api: FakeTelegramApi
    rasa: RunningChannels
    bridge: TelegramBridge


@pytest.fixture
async def polling(channels: RunningChannels) -> AsyncIterator[BridgeRun]:
    async with serve_fake_telegram(TELEGRAM_TOKEN) as api:
        application, bridge = build_application(TELEGRAM_TOKEN, channels.url, api.base_url)
        await start(application, poll_timeout=1)
        try:
            yield BridgeRun(api, channels, bridge)
        finally:
            await stop(application, bridge)


def keyboard(message: dict) -> list[tuple[str, str]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [(button["text"], button["callback_data"]) for row in rows for button in row]


async def test_start_greets_and_buttons_become_an_inline_keyboard(polling: BridgeRun) -> None:
    polling.api.says(CHAT, "/start")
    (question,) = await polling.api.wait_for_sent(CHAT, 1)
    assert polling.rasa.agent.received[-1].text == "Hello"
    assert question["text"] == DANGER_QUESTION
    assert keyboard(question) == [("Yes", "/affirm"), ("No", "/deny")]
    send_calls = polling.api.called("sendMessage")
    assert all("parse_mode" not in call for call in send_calls)
    assert polling.api.called("sendChatAction")


async def test_a_tap_sends_the_payload_and_shows_the_choice(polling: BridgeRun) -> None:
    polling.api.says(CHAT, "hello")
    (question,) = await polling.api.wait_for_sent(CHAT, 1)
    polling.api.taps(CHAT, question, "/deny")
    await polling.api.wait_for_sent(CHAT, 2)
    assert polling.rasa.agent.received[-1].text == "/deny"
    assert polling.api.called("answerCallbackQuery")
    (edit,) = polling.api.called("editMessageText")
    assert edit["text"] == f"{DANGER_QUESTION}\n\n{CHOSEN_MARK} No"
    assert "reply_markup" not in edit


async def test_long_payloads_travel_by_short_id(polling: BridgeRun) -> None:
    polling.api.says(CHAT, "longpayload")
    (pick,) = await polling.api.wait_for_sent(CHAT, 1)
    ((_title, data),) = keyboard(pick)
    assert data.startswith("~") and len(data.encode()) <= 64
    polling.api.taps(CHAT, pick, data)
    await polling.api.wait_for_sent(CHAT, 2)
    assert polling.rasa.agent.received[-1].text == '/inform{"category": "' + "x" * 80 + '"}'


async def test_an_old_or_forged_tap_sends_only_the_buttons_words(polling: BridgeRun) -> None:
    polling.api.says(CHAT, "hello")
    (question,) = await polling.api.wait_for_sent(CHAT, 1)
    polling.api.says(CHAT, "something else")
    await polling.api.wait_for_sent(CHAT, 2)
    # The keyboard on the first message is no longer the latest: its words are sent instead.
    polling.api.taps(CHAT, question, "/affirm")
    await polling.api.wait_for_sent(CHAT, 3)
    assert polling.rasa.agent.received[-1].text == "Yes"
    # Data that no button of that message carries is not sent at all.
    polling.api.taps(CHAT, question, "/restart")
    sent = await polling.api.wait_for_sent(CHAT, 4)
    assert sent[-1]["text"] == EXPIRED
    assert polling.rasa.agent.received[-1].text == "Yes"


async def test_text_is_never_an_intent_or_markup(polling: BridgeRun) -> None:
    polling.api.says(CHAT, "/affirm")
    await polling.api.wait_for_sent(CHAT, 1)
    assert polling.rasa.agent.received[-1].text == "affirm"
    polling.api.says(CHAT, "html")
    sent = await polling.api.wait_for_sent(CHAT, 2)
    assert sent[-1]["text"] == "<b>bold</b> & <img src=x onerror=alert(1)>"
    polling.api.says(CHAT, "markup")
    sent = await polling.api.wait_for_sent(CHAT, 3)
    assert sent[-1]["text"] == "Thanks. See our policy (https://ex.org/p)."


async def test_chats_are_kept_apart_and_each_continues(polling: BridgeRun) -> None:
    polling.api.says(CHAT, "mine")
    await polling.api.wait_for_sent(CHAT, 1)
    polling.api.says(OTHER_CHAT, "theirs")
    await polling.api.wait_for_sent(OTHER_CHAT, 1)
    polling.api.says(CHAT, "again")
    polling.api.says(OTHER_CHAT, "again")
    mine = await polling.api.wait_for_sent(CHAT, 2)
    theirs = await polling.api.wait_for_sent(OTHER_CHAT, 2)
    assert mine[-1]["text"] == "So far you said: mine | again"
    assert theirs[-1]["text"] == "So far you said: theirs | again"


async def test_non_text_and_group_messages(polling: BridgeRun) -> None:
    polling.api.queue(polling.api.location_update(CHAT))
    (reply,) = await polling.api.wait_for_sent(CHAT, 1)
    assert reply["text"] == TEXT_ONLY
    polling.api.says(-100123, "my neighbour is shouting", chat_type="group")
    (group_reply,) = await polling.api.wait_for_sent(-100123, 1)
    assert group_reply["text"] == PRIVATE_ONLY
    assert polling.rasa.agent.received == []


@pytest.fixture
def bridge_logging():
    """The bridge process's log configuration, undone afterwards."""
    levels = {name: logging.getLogger(name).level for name in LIBRARY_LOGGERS}
    quiet_library_loggers()
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


async def test_rasa_failure_gets_an_apology_and_logs_nothing_personal(
    polling: BridgeRun, bridge_logging, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    polling.api.says(CHAT, "boom")
    (reply,) = await polling.api.wait_for_sent(CHAT, 1)
    assert reply["text"] == FAILED
    assert "boom" not in caplog.text
    assert str(CHAT) not in caplog.text
    assert TELEGRAM_TOKEN not in caplog.text


async def test_telegram_errors_are_logged_by_class_only(
    polling: BridgeRun, bridge_logging, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    polling.api.blocked.add(CHAT)
    polling.api.says(CHAT, "my private words")
    await polling.api.wait_until(lambda: "update_failed: Forbidden" in caplog.text)
    assert "my private words" not in caplog.text
    assert str(CHAT) not in caplog.text
    assert polling.rasa.agent.received[-1].text == "my private words"


async def test_bridge_with_the_wrong_token_is_refused_by_rasa() -> None:
    async with serve_channels([TelegramBridgeInput(bot_token="999:other")]) as rasa:
        async with serve_fake_telegram(TELEGRAM_TOKEN) as api:
            application, bridge = build_application(TELEGRAM_TOKEN, rasa.url, api.base_url)
            await start(application, poll_timeout=1)
            try:
                api.says(CHAT, "hello")
                (reply,) = await api.wait_for_sent(CHAT, 1)
            finally:
                await stop(application, bridge)
        assert reply["text"] == FAILED
        assert rasa.agent.received == []


# The bridge, webhook mode ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def webhook(channels: RunningChannels) -> AsyncIterator[tuple[BridgeRun, str]]:
    async with serve_fake_telegram(TELEGRAM_TOKEN) as api:
        application, bridge = build_application(TELEGRAM_TOKEN, channels.url, api.base_url)
        # Picked last, so no other server started here can be handed the same port.
        port = free_port()
        options = WebhookOptions(
            webhook_url="https://asb.example.org/telegram/hook",
            secret_token=SECRET,
            listen="127.0.0.1",
            port=port,
        )
        await start(application, webhook=options)
        try:
            yield BridgeRun(api, channels, bridge), f"http://127.0.0.1:{port}/telegram/hook"
        finally:
            await stop(application, bridge)


async def test_webhook_is_registered_with_the_secret_token(webhook) -> None:
    run, _ = webhook
    assert run.api.webhook is not None
    assert run.api.webhook["url"] == "https://asb.example.org/telegram/hook"
    assert run.api.webhook["secret_token"] == SECRET


@pytest.mark.parametrize("header", [None, "", "wrong-secret"])
async def test_webhook_without_the_secret_token_is_refused(webhook, http, header) -> None:
    run, url = webhook
    headers = {} if header is None else {"X-Telegram-Bot-Api-Secret-Token": header}
    update = run.api.text_update(CHAT, "hello")
    answer = await http.post(url, json=update, headers=headers)
    assert answer.status_code == 403
    assert run.rasa.agent.received == []
    assert run.api.sent() == []


async def test_webhook_with_the_secret_token_is_processed(webhook, http) -> None:
    run, url = webhook
    update = run.api.text_update(CHAT, "hello")
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    answer = await http.post(url, json=update, headers=headers)
    assert answer.status_code == 200
    (question,) = await run.api.wait_for_sent(CHAT, 1)
    assert question["text"] == DANGER_QUESTION
    assert run.rasa.agent.received[-1].sender_id == f"telegram:{CHAT}"
