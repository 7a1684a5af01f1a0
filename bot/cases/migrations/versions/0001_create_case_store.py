"""Create the case store: cases, incidents, audit events and reference aliases.

Revision ID: 0001
Revises:
Create Date: 2025-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("category", sa.String(40), nullable=True),
        sa.Column("exclusion_reason", sa.String(40), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=True),
        sa.Column("response_due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("impact", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("reporter_role", sa.String(20), nullable=False),
        sa.Column("reporter_phone", sa.String(64), nullable=True),
        sa.Column("reporter_email", sa.String(320), nullable=True),
        sa.Column("reporter_tenancy", sa.String(64), nullable=True),
        sa.Column("case_review_eligible", sa.Boolean(), nullable=False),
        sa.Column("reporter", sa.JSON(), nullable=False),
        sa.Column("perpetrators", sa.JSON(), nullable=False),
        sa.Column("witnesses", sa.JSON(), nullable=False),
        sa.Column("risk", sa.JSON(), nullable=False),
        sa.Column("hate_crime", sa.JSON(), nullable=True),
        sa.Column("consents", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("signposts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint("reference", name="uq_cases_reference"),
        sa.UniqueConstraint("idempotency_key", name="uq_cases_idempotency_key"),
    )
    for column in (
        "created_at",
        "status",
        "scope",
        "priority",
        "response_due",
        "reporter_phone",
        "reporter_email",
        "reporter_tenancy",
    ):
        op.create_index(f"ix_cases_{column}", "cases", [column])

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("first_occurred", sa.String(40), nullable=True),
        sa.Column("last_occurred", sa.String(40), nullable=True),
        sa.Column("original_words", sa.Text(), nullable=True),
        sa.Column("frequency", sa.Text(), nullable=True),
        sa.Column("ongoing", sa.Boolean(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("what_happened", sa.Text(), nullable=True),
        sa.Column("idempotency_key", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_incidents_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.UniqueConstraint("case_id", "position", name="uq_incidents_case_id_position"),
        sa.UniqueConstraint("idempotency_key", name="uq_incidents_idempotency_key"),
    )
    op.create_index("ix_incidents_case_id", "incidents", ["case_id"])

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_audit_events_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
    )
    op.create_index("ix_audit_events_case_id", "audit_events", ["case_id"])

    op.create_table(
        "case_aliases",
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_case_aliases_case_id_cases", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("reference", name="pk_case_aliases"),
    )
    op.create_index("ix_case_aliases_case_id", "case_aliases", ["case_id"])


def downgrade() -> None:
    op.drop_table("case_aliases")
    op.drop_table("audit_events")
    op.drop_table("incidents")
    op.drop_table("cases")
