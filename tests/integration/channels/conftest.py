"""Fixtures for the channel integration tests: real blueprints in a real Sanic app on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.channels.sms import TwilioSmsInput
from bot.channels.telegram import TelegramBridgeInput
from bot.channels.webchat import WebChatInput
from tests.integration.channels.channel_server import RunningChannels, serve_channels

TWILIO_TOKEN = "test-twilio-auth-token"
TELEGRAM_TOKEN = "123456:TEST-telegram-token"


@pytest.fixture
def sms_channel() -> TwilioSmsInput:
    return TwilioSmsInput(auth_token=TWILIO_TOKEN)


@pytest.fixture
async def channels(sms_channel: TwilioSmsInput) -> AsyncIterator[RunningChannels]:
    inputs = [WebChatInput(), sms_channel, TelegramBridgeInput(bot_token=TELEGRAM_TOKEN)]
    async with serve_channels(inputs) as running:
        yield running


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client
