"""Shared fixtures: the real assistant (Rasa server + action server) started once per run."""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def trained_model() -> Path | None:
    """The model `make test` trained (ASB_MODEL), or the one matching the current inputs."""
    from bot.training import model_path

    named = os.environ.get("ASB_MODEL")
    path = Path(named) if named else model_path()
    return path if path.exists() else None


@pytest.fixture(scope="session")
def running_assistant(tmp_path_factory) -> Iterator[object]:
    """The real servers on free ports, with a fresh SQLite case database."""
    from bot import processes
    from bot.cases import CaseService
    from bot.config import get_settings

    model = trained_model()
    if model is None:
        pytest.skip("no trained model for the current data: run `make train` (make test does)")
    var_dir = tmp_path_factory.mktemp("assistant")
    actions_port = free_port()
    settings = dataclasses.replace(
        get_settings(),
        var_dir=var_dir,
        database_url=f"sqlite:///{var_dir / 'cases.db'}",
        outbox_dir=var_dir / "outbox",
        rasa_port=free_port(),
        actions_port=actions_port,
        action_endpoint=f"http://127.0.0.1:{actions_port}/webhook",
        redis_url=None,
        # Test secrets, so the SMS and Telegram channels can be driven with signed requests.
        twilio_auth_token="test-twilio-auth-token",
        twilio_webhook_url=None,
        telegram_bot_token="123456:test-telegram-token",
    )
    CaseService.from_settings(settings).upgrade_schema()
    quiet = os.environ.get("ASB_SERVER_LOGS") != "1"
    assistant = processes.start(settings, model, quiet=quiet)
    try:
        yield assistant
    finally:
        assistant.stop()
