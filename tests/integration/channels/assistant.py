"""Access to the lead's `running_assistant` fixture for channel end-to-end tests."""

from __future__ import annotations

import pytest


def running_assistant(request: pytest.FixtureRequest) -> object:
    """The real Rasa server + action server, or a skip naming what is missing."""
    try:
        return request.getfixturevalue("running_assistant")
    except pytest.FixtureLookupError:
        pytest.skip("no `running_assistant` fixture (tests/conftest.py) to start the servers")


def setting(assistant: object, name: str) -> str | None:
    """A setting the servers were started with (`running_assistant.settings.<name>`)."""
    return getattr(getattr(assistant, "settings", None), name, None)


def stored_channel(assistant: object, reference: str) -> str:
    """The channel recorded on the case with this reference, read from the case database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(assistant.database_url)  # type: ignore[attr-defined]
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT channel FROM cases WHERE reference = :reference"),
                {"reference": reference},
            ).first()
    finally:
        engine.dispose()
    assert row is not None, f"no case {reference} in the database"
    return row[0]
