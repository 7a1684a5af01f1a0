"""Database tables for cases: indexed scalar columns, JSON for nested parts, child tables.

The schema itself is created by the Alembic migrations in `bot/cases/migrations/`; this
metadata is what the repository queries and what migration tests compare against.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(16), nullable=False, unique=True),
    Column("idempotency_key", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False, index=True),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("scope", String(20), nullable=False, index=True),
    Column("category", String(40)),
    Column("exclusion_reason", String(40)),
    Column("priority", Integer, index=True),
    Column("response_due", UTCDateTime, index=True),
    Column("description", Text, nullable=False),
    Column("impact", Text),
    Column("anonymous", Boolean, nullable=False),
    Column("reporter_role", String(20), nullable=False),
    # Normalised contact details, only for look-ups; the reporter JSON keeps what was said.
    Column("reporter_phone", String(64), index=True),
    Column("reporter_email", String(320), index=True),
    Column("reporter_tenancy", String(64), index=True),
    Column("case_review_eligible", Boolean, nullable=False),
    Column("reporter", JSON, nullable=False),
    Column("perpetrators", JSON, nullable=False),
    Column("witnesses", JSON, nullable=False),
    Column("risk", JSON, nullable=False),
    Column("hate_crime", JSON(none_as_null=True)),
    Column("consents", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("signposts", JSON, nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("position", Integer, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("source", String(20), nullable=False),
    Column("first_occurred", String(40)),
    Column("last_occurred", String(40)),
    Column("original_words", Text),
    Column("frequency", Text),
    Column("ongoing", Boolean),
    Column("location", Text),
    Column("what_happened", Text),
    Column("idempotency_key", String(64), unique=True),
    UniqueConstraint("case_id", "position", name="uq_incidents_case_id_position"),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("at", UTCDateTime, nullable=False),
    Column("action", String(40), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("actor", String(40), nullable=False),
)

case_aliases = Table(
    "case_aliases",
    metadata,
    Column("reference", String(16), primary_key=True),
    Column(
        "case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("created_at", UTCDateTime, nullable=False),
)
