from datetime import datetime, timezone

import pytest

from bot.conversation.answers import Context
from bot.policy import load_policy


@pytest.fixture(scope="session")
def policy():
    return load_policy()


@pytest.fixture
def ctx(policy):
    # A Saturday night, out of hours: Saturday 21 November 2026, 23:10 UTC.
    return Context(policy=policy, now=datetime(2026, 11, 21, 23, 10, tzinfo=timezone.utc))
