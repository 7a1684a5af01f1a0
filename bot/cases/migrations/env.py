"""Alembic environment for the case store.

`bot.cases.database.upgrade_schema` passes an open connection in `config.attributes`; the
`alembic` command line falls back to `sqlalchemy.url` from the ini file, then to
`DATABASE_URL`/settings, so production and tests run exactly the same migrations.
"""

from __future__ import annotations

from alembic import context

from bot.cases.tables import metadata

config = context.config


def _database_url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from bot.config import get_settings

    return get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(
        url=_database_url(),
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_with(connection) -> None:
    # Batch mode lets later migrations alter SQLite tables (it cannot ALTER most things).
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    from bot.cases.database import ensure_sqlite_directory, get_engine

    url = _database_url()
    ensure_sqlite_directory(url)
    with get_engine(url).begin() as connection:
        _run_with(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
