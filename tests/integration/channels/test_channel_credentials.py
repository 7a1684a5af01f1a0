"""Our credentials.yml entries build the right channels when Rasa reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.channels.rest import PrivateRestInput
from bot.channels.sms import TwilioSmsInput
from bot.channels.telegram import TelegramBridgeInput
from bot.channels.webchat import WebChatInput
from bot.config import PROJECT_ROOT, get_settings

# The block docs/channels.md asks for: no values, every setting comes from bot/config.py.
RECOMMENDED = """\
bot.channels.rest.PrivateRestInput:
bot.channels.webchat.WebChatInput:
bot.channels.sms.TwilioSmsInput:
bot.channels.telegram.TelegramBridgeInput:
"""
OUR_CHANNELS = {
    "bot.channels.rest.PrivateRestInput": PrivateRestInput,
    "bot.channels.webchat.WebChatInput": WebChatInput,
    "bot.channels.sms.TwilioSmsInput": TwilioSmsInput,
    "bot.channels.telegram.TelegramBridgeInput": TelegramBridgeInput,
}
ENV = ("TWILIO_AUTH_TOKEN", "TWILIO_WEBHOOK_URL", "TWILIO_ACCOUNT_SID", "TELEGRAM_BOT_TOKEN")


@pytest.fixture
def environment(monkeypatch):
    """A clean environment for settings, read afresh (and forgotten again afterwards)."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("bot.config._load_dotenv", lambda: None)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def channels_from(path: Path) -> dict[str, object]:
    from rasa.core.run import create_http_input_channels

    return {channel.name(): channel for channel in create_http_input_channels(None, str(path))}


def test_recommended_block_builds_every_channel(tmp_path, environment) -> None:
    environment.setenv("TWILIO_AUTH_TOKEN", "twilio-secret")
    environment.setenv("TWILIO_WEBHOOK_URL", "https://asb.example.org/webhooks/sms/webhook")
    environment.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(RECOMMENDED)
    channels = channels_from(credentials)
    assert set(channels) == {"rest", "webchat", "sms", "telegram"}
    sms = channels["sms"]
    assert isinstance(sms, TwilioSmsInput)
    assert sms.auth_token == "twilio-secret"
    assert sms.webhook_url == "https://asb.example.org/webhooks/sms/webhook"
    assert isinstance(channels["telegram"], TelegramBridgeInput)
    assert isinstance(channels["webchat"], WebChatInput)
    assert isinstance(channels["rest"], PrivateRestInput)


def test_recommended_block_works_with_nothing_configured(tmp_path, environment) -> None:
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(RECOMMENDED)
    channels = channels_from(credentials)
    assert channels["sms"].auth_token is None  # so every SMS is refused


def test_explicit_values_override_settings(tmp_path, environment) -> None:
    environment.setenv("TWILIO_AUTH_TOKEN", "from-environment")
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(
        'bot.channels.sms.TwilioSmsInput:\n  auth_token: "explicit"\n'
        '  webhook_url: "https://x.example/sms"\n'
    )
    sms = channels_from(credentials)["sms"]
    assert sms.auth_token == "explicit"
    assert sms.webhook_url == "https://x.example/sms"


def test_project_credentials_file_lists_our_channels(environment) -> None:
    path = PROJECT_ROOT / "credentials.yml"
    text = path.read_text()
    missing = [name for name in OUR_CHANNELS if name not in text]
    if missing:
        pytest.skip(f"credentials.yml does not list {missing} yet (see docs/channels.md)")
    channels = channels_from(path)
    for name, cls in OUR_CHANNELS.items():
        assert isinstance(channels[cls.name()], cls), name
