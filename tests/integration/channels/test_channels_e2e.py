"""Whole reports over SMS and Telegram against the real assistant (Rasa + actions + database)."""

from __future__ import annotations

import asyncio
import secrets
import time

import httpx
import pytest

from bot.channels.sms import FIRST_MESSAGE_NOTE
from bot.channels.telegram_bridge import build_application, start, stop
from tests.integration.channels.assistant import running_assistant, setting, stored_channel
from tests.integration.channels.fake_telegram_api import serve_fake_telegram
from tests.integration.channels.report_driver import MAX_TURNS, Resident, sms_options
from tests.integration.channels.twilio_signing import post_sms, sms_form, twiml_messages

pytestmark = pytest.mark.servers


@pytest.fixture
def assistant(request: pytest.FixtureRequest) -> object:
    return running_assistant(request)


async def test_full_report_by_sms(assistant) -> None:
    token = setting(assistant, "twilio_auth_token")
    if not token:
        pytest.skip("the servers were started without TWILIO_AUTH_TOKEN: SMS cannot be signed")
    url = f"{assistant.rasa_url}/webhooks/sms/webhook"
    signed_url = setting(assistant, "twilio_webhook_url") or url
    resident = Resident()
    number = f"+4477009{secrets.randbelow(100_000):05d}"
    message = "Hello"
    async with httpx.AsyncClient(timeout=60) as http:
        for turn in range(MAX_TURNS):
            resident.said(message)
            answer = await post_sms(http, url, sms_form(message, number), token, signed_url)
            assert answer.status_code == 200, f"SMS refused ({answer.status_code}) on turn {turn}"
            parts = twiml_messages(answer)
            assert all(len(part) <= 320 for part in parts)
            assert all("**" not in part and "](" not in part for part in parts)
            text = "\n\n".join(parts)
            resident.heard(text)
            if turn == 0:
                assert text.startswith(FIRST_MESSAGE_NOTE)
            if resident.reference():
                break
            options = sms_options(parts[-1]) if parts else []
            choice = resident.answer(text, options)
            # Choices are answered by number, as a resident would on a basic phone.
            message = str(options.index(choice) + 1) if choice in options else choice
    reference = resident.reference()
    assert reference, "no reference after a whole SMS report:\n" + resident.render()
    assert stored_channel(assistant, reference) == "sms"


async def test_full_report_by_telegram(assistant) -> None:
    token = setting(assistant, "telegram_bot_token")
    if not token:
        pytest.skip("the servers were started without TELEGRAM_BOT_TOKEN: the bridge is refused")
    chat_id = 880001
    resident = Resident()
    async with serve_fake_telegram(token) as api:
        application, bridge = build_application(token, assistant.rasa_url, api.base_url)
        await start(application, poll_timeout=1)
        try:
            api.says(chat_id, "/start")
            seen = 0
            for _ in range(MAX_TURNS):
                sent = await _turn_sent(api, chat_id, seen)
                new, seen = sent[seen:], len(sent)
                for message in new:
                    resident.heard(message["text"])
                if resident.reference():
                    break
                last = new[-1]
                buttons = [
                    (button["text"], button["callback_data"])
                    for row in last.get("reply_markup", {}).get("inline_keyboard", [])
                    for button in row
                ]
                titles = [title for title, _ in buttons]
                choice = resident.answer("\n".join(m["text"] for m in new), titles)
                resident.said(choice)
                if choice in titles:
                    api.taps(chat_id, last, dict(buttons)[choice])
                else:
                    api.says(chat_id, choice)
        finally:
            await stop(application, bridge)
    reference = resident.reference()
    assert reference, "no reference after a whole Telegram report:\n" + resident.render()
    assert stored_channel(assistant, reference) == "telegram"


async def _turn_sent(api, chat_id: int, seen: int, quiet: float = 0.4) -> list[dict]:
    """All messages sent once a new turn's replies have stopped arriving."""
    await api.wait_until(lambda: len(api.sent(chat_id)) > seen, timeout=60)
    # Rasa answers a turn in one response, which the bridge sends out within milliseconds.
    count, since = len(api.sent(chat_id)), time.monotonic()
    while time.monotonic() - since < quiet:
        await asyncio.sleep(0.05)
        if len(api.sent(chat_id)) != count:
            count, since = len(api.sent(chat_id)), time.monotonic()
    return api.sent(chat_id)
