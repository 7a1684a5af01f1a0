"""The real PostgreSQL server for tests: found once per run, one fresh schema per use.

The server is named by TEST_POSTGRES_URL (default: 127.0.0.1:5432, database `test`, user
`postgres` then `root`, trust auth). Tests skip, saying why, only when none is reachable.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.cases.database import dispose_engine

DEFAULT_POSTGRES_URLS = (
    "postgresql+psycopg2://postgres@127.0.0.1:5432/test",
    "postgresql+psycopg2://root@127.0.0.1:5432/test",
)


def render(url) -> str:
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """A reachable PostgreSQL URL, or skip every PostgreSQL test saying why."""
    explicit = os.environ.get("TEST_POSTGRES_URL")
    candidates = (explicit,) if explicit else DEFAULT_POSTGRES_URLS
    failures = []
    for url in candidates:
        engine = create_engine(
            url, future=True, poolclass=NullPool, connect_args={"connect_timeout": 3}
        )
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return url
        except SQLAlchemyError as error:
            shown = make_url(url).render_as_string(hide_password=True)
            failures.append(f"{shown} ({type(error).__name__})")
        finally:
            engine.dispose()
    pytest.skip(
        "PostgreSQL case store tests skipped: no server reachable at "
        + ", ".join(failures)
        + "; set TEST_POSTGRES_URL to run them"
    )


@contextmanager
def postgres_schema(server_url: str) -> Iterator[str]:
    """A URL whose connections work in a fresh schema; the schema is dropped afterwards."""
    schema = f"asb_test_{secrets.token_hex(6)}"
    admin = create_engine(server_url, future=True, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = render(make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"}))
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
