"""Settings for every process, read once from the environment and an optional `.env` file."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VAR_DIR = PROJECT_ROOT / "var"
DEFAULT_POLICY_FILE = PROJECT_ROOT / "bot" / "policy" / "data" / "progress_housing.yml"


# Made once per process, so every settings object in it (the cache may be cleared) agrees.
_RUN_API_TOKEN = secrets.token_urlsafe(24)


def _load_dotenv() -> None:
    """Load `.env` from the project root without overriding variables already set."""
    env_file = PROJECT_ROOT / ".env"
    if env_file.is_file():
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise ValueError(f"{name} must be a port number, got {raw!r}") from error
    if not 0 < value < 65536:
        raise ValueError(f"{name} must be between 1 and 65535, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with zero-setup defaults (SQLite under `var/`)."""

    var_dir: Path
    database_url: str
    outbox_dir: Path
    policy_file: Path
    rasa_host: str
    rasa_port: int
    actions_port: int
    action_endpoint: str
    rasa_url: str
    log_level: str
    rasa_api_token: str = field(default="", repr=False)
    redis_url: str | None = None
    twilio_auth_token: str | None = field(default=None, repr=False)
    twilio_account_sid: str | None = field(default=None, repr=False)
    twilio_webhook_url: str | None = None
    telegram_bot_token: str | None = field(default=None, repr=False)
    telegram_webhook_url: str | None = None
    telegram_secret_token: str | None = field(default=None, repr=False)
    telegram_api_base_url: str | None = None


def load_settings() -> Settings:
    """Build settings from the environment (after `.env`); raise ValueError on bad values."""
    _load_dotenv()
    env = os.environ
    var_dir = Path(env.get("ASB_VAR_DIR") or DEFAULT_VAR_DIR)
    rasa_port = _port("RASA_PORT", 5005)
    actions_port = _port("ACTIONS_PORT", 5055)
    return Settings(
        var_dir=var_dir,
        database_url=env.get("DATABASE_URL") or f"sqlite:///{var_dir / 'cases.db'}",
        outbox_dir=Path(env.get("OUTBOX_DIR") or var_dir / "outbox"),
        policy_file=Path(env.get("POLICY_FILE") or DEFAULT_POLICY_FILE),
        rasa_host=env.get("RASA_HOST") or "127.0.0.1",
        rasa_port=rasa_port,
        actions_port=actions_port,
        action_endpoint=env.get("ACTION_ENDPOINT_URL")
        or f"http://127.0.0.1:{actions_port}/webhook",
        rasa_url=env.get("RASA_URL") or f"http://127.0.0.1:{rasa_port}",
        log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
        # The HTTP API exposes whole conversations (and SMS sender ids are phone numbers), so it
        # always needs a token; without one configured, each run makes its own.
        rasa_api_token=env.get("RASA_API_TOKEN") or _RUN_API_TOKEN,
        redis_url=env.get("REDIS_URL") or None,
        twilio_auth_token=env.get("TWILIO_AUTH_TOKEN") or None,
        twilio_account_sid=env.get("TWILIO_ACCOUNT_SID") or None,
        twilio_webhook_url=env.get("TWILIO_WEBHOOK_URL") or None,
        telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN") or None,
        telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
        telegram_secret_token=env.get("TELEGRAM_SECRET_TOKEN") or None,
        telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read on first use (never at import time)."""
    return load_settings()
