"""Engines (one per database URL per process) and schema upgrades through Alembic."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool, StaticPool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Fail fast when PostgreSQL is unreachable so the outbox takes over within seconds.
POSTGRES_CONNECT_TIMEOUT_SECONDS = 3
# How long SQLite waits for another writer before reporting "database is locked".
SQLITE_BUSY_TIMEOUT_SECONDS = 15

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def get_engine(database_url: str) -> Engine:
    """The process-wide engine for `database_url`, created on first use."""
    with _engines_lock:
        engine = _engines.get(database_url)
        if engine is None:
            engine = _engines[database_url] = _create_engine(database_url)
        return engine


def dispose_engine(database_url: str) -> None:
    """Close and forget the engine for `database_url` (tests, shutdown)."""
    with _engines_lock:
        engine = _engines.pop(database_url, None)
    if engine is not None:
        engine.dispose()


def _create_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    # hide_parameters keeps personal data out of exception messages and therefore out of logs.
    options: dict = {"future": True, "hide_parameters": True}
    if url.get_backend_name() == "sqlite":
        in_memory = url.database in (None, "", ":memory:")
        options["connect_args"] = {
            "check_same_thread": False,
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        }
        # A fresh connection per use for files: a vanished database directory is noticed at
        # once instead of being hidden by a pooled handle to the old file.
        options["poolclass"] = StaticPool if in_memory else NullPool
        engine = create_engine(url, **options)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    connect_args = {}
    if url.get_driver_name() == "psycopg2" and "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_SECONDS
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        pool_timeout=10,
        connect_args=connect_args,
        **options,
    )


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL lets readers run while one thread writes; it persists in the database file.
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def ensure_sqlite_directory(database_url: str) -> None:
    """Create the directory of a SQLite file database (only when setting the schema up)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def alembic_config(connection=None):
    """An Alembic config for the case migrations, optionally bound to an open connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_schema(database_url: str, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (creating everything on an empty database)."""
    from alembic import command

    ensure_sqlite_directory(database_url)
    with get_engine(database_url).begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade_schema(database_url: str, revision: str = "base") -> None:
    """Take the schema down to `revision`; `base` drops every case table."""
    from alembic import command

    with get_engine(database_url).begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def current_revision(database_url: str) -> str | None:
    """The Alembic revision the database is at, or None when it has never been upgraded."""
    from alembic.runtime.migration import MigrationContext

    with get_engine(database_url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
