"""Shared fixtures for the triage policy engine tests."""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[3]
# pytest's default import mode puts this folder, not the project root, on sys.path.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures" / "policies"
SOURCES = FIXTURES / "sources"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="session")
def policy() -> Any:
    """The Progress Housing policy shipped in bot/policy/data."""
    from bot.policy import load_policy

    return load_policy()


@pytest.fixture(scope="session")
def council() -> Any:
    """The second, illustrative organisation profile."""
    from bot.policy import load_policy

    return load_policy(FIXTURES / "council_example.yml")


@pytest.fixture(scope="session")
def _policy_data() -> Any:
    from bot.policy.loader import DEFAULT_POLICY_FILE, parse_yaml

    return parse_yaml(DEFAULT_POLICY_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def policy_data(_policy_data: Any) -> Any:
    """A fresh, mutable copy of the raw Progress Housing policy data."""
    return copy.deepcopy(_policy_data)


@pytest.fixture(scope="session")
def at() -> Callable[..., datetime]:
    """Make a Europe/London datetime: at(2026, 11, 20, 17, 0)."""

    def make(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
        return datetime(year, month, day, hour, minute, tzinfo=LONDON)

    return make


@pytest.fixture(scope="session")
def monday_10am(at: Callable[..., datetime]) -> datetime:
    """Monday 23 November 2026, 10am: an ordinary working morning."""
    return at(2026, 11, 23, 10)
