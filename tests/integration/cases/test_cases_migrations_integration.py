"""Alembic migrations: from empty, down to nothing, and up again; schema matches the model."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.cases.database import (
    current_revision,
    downgrade_schema,
    ensure_sqlite_directory,
    get_engine,
    upgrade_schema,
)
from bot.cases.examples import example_draft
from bot.cases.service import CaseService
from bot.cases.tables import metadata

CASE_TABLES = {"cases", "incidents", "audit_events", "case_aliases"}


def _tables(url: str) -> set[str]:
    with get_engine(url).connect() as connection:
        return set(inspect(connection).get_table_names())


def test_upgrade_downgrade_upgrade(database_url, tmp_path):
    ensure_sqlite_directory(database_url)
    assert not _tables(database_url) & CASE_TABLES
    upgrade_schema(database_url)
    assert current_revision(database_url) == "0001"
    assert _tables(database_url) >= CASE_TABLES

    downgrade_schema(database_url)
    assert not _tables(database_url) & CASE_TABLES
    assert current_revision(database_url) is None

    upgrade_schema(database_url)
    upgrade_schema(database_url)  # upgrading twice is harmless
    service = CaseService(database_url, tmp_path / "outbox")
    reference = service.submit(example_draft(), "after-migrations").reference
    assert service.get(reference).reference == reference


def test_the_migrated_schema_matches_the_table_definitions(migrated_url):
    with get_engine(migrated_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
