"""`python -m bot.channels.telegram_bridge` as `make run` starts it: a real process."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from bot.config import PROJECT_ROOT
from tests.integration.channels.channel_server import DANGER_QUESTION
from tests.integration.channels.conftest import TELEGRAM_TOKEN
from tests.integration.channels.fake_telegram_api import serve_fake_telegram

CHAT = 990001


def bridge_environment(**settings: str) -> dict[str, str]:
    env = dict(os.environ)
    # Empty values win over any developer's .env (python-dotenv never overrides).
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN",
                 "TELEGRAM_API_BASE_URL"):  # fmt: skip
        env[name] = ""
    env.update(settings)
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    return env


async def run_bridge(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.channels.telegram_bridge",
        cwd=PROJECT_ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


async def test_without_a_token_it_says_so_and_stops() -> None:
    process = await run_bridge(bridge_environment())
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert b"TELEGRAM_BOT_TOKEN is not set" in output


async def test_webhook_mode_needs_the_secret_token() -> None:
    env = bridge_environment(
        TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL="https://asb.example.org/tg"
    )
    process = await run_bridge(env)
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert b"TELEGRAM_SECRET_TOKEN must be set" in output


async def test_bridge_waits_for_rasa_before_taking_messages(channels) -> None:
    from bot.channels.telegram_bridge import TelegramBridge

    assert await TelegramBridge(channels.url, TELEGRAM_TOKEN).wait_for_rasa(timeout=5)
    nobody = TelegramBridge("http://127.0.0.1:9", TELEGRAM_TOKEN)
    assert not await nobody.wait_for_rasa(timeout=0)


async def test_long_polling_process_answers_and_logs_nothing_personal(channels) -> None:
    async with serve_fake_telegram(TELEGRAM_TOKEN) as api:
        env = bridge_environment(
            TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN,
            TELEGRAM_API_BASE_URL=api.base_url,
            RASA_URL=channels.url,
            LOG_LEVEL="DEBUG",
        )
        process = await run_bridge(env)
        try:
            api.says(CHAT, "hello")
            (question,) = await api.wait_for_sent(CHAT, 1, timeout=60)
            assert question["text"] == DANGER_QUESTION
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGINT)
            output, _ = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, output.decode(errors="replace")
    log = output.decode(errors="replace")
    assert "long polling" in log
    for private in (TELEGRAM_TOKEN, str(CHAT), "hello", DANGER_QUESTION):
        assert private not in log, f"{private!r} appears in the bridge's log"
    assert channels.agent.received[-1].sender_id == f"telegram:{CHAT}"
