"""Actions run as the action server runs them, against a real SQLite case store in tmp."""

from __future__ import annotations

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.config import PROJECT_ROOT, get_settings
from bot.conversation.service import reporting


@pytest.fixture(scope="session")
def domain():
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())


@pytest.fixture(autouse=True)
def case_store(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cases.db'}")
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()
    reporting.cache_clear()
    reporting().cases.upgrade_schema()
    yield reporting().cases
    get_settings.cache_clear()
    reporting.cache_clear()


def make_tracker(slots=None, text="", intent="inform", entities=None, channel="rest",
                 active_loop=None, sender="tester"):  # fmt: skip
    return Tracker.from_dict(
        {
            "sender_id": sender,
            "slots": dict(slots or {}),
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 1.0},
                "entities": entities or [],
            },
            "events": [{"event": "user", "text": text, "input_channel": channel,
                        "parse_data": {"intent": {"name": intent}}}],
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_input_channel": channel,
        }
    )  # fmt: skip


@pytest.fixture
def tracker():
    return make_tracker


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


def said(dispatcher):
    """Each message as its response name or its text."""
    return [m.get("response") or m.get("text") for m in dispatcher.messages]
