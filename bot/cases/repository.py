"""Repositories: the collection-like seam between cases and their storage."""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from bot.cases import tables
from bot.cases.errors import Conflict
from bot.cases.model import (
    AuditEntry,
    Case,
    Consents,
    Evidence,
    HateCrimeDetails,
    Incident,
    Perpetrator,
    Reporter,
    ReportSummary,
    Risk,
    Signpost,
    Witness,
)
from bot.cases.serialisation import from_data, to_data


@dataclass(frozen=True, kw_only=True)
class CaseFilter:
    """Which cases `list` returns; `priority="none"` selects cases with no priority."""

    status: str | None = None
    priority: int | str | None = None
    scope: str | None = None
    overdue_at: datetime | None = None
    limit: int | None = None


class CaseRepository(abc.ABC):
    """Cases by reference; adding, saving and querying them."""

    @abc.abstractmethod
    def add(self, case: Case) -> None:
        """Store a new case (a duplicate reference or idempotency key raises Conflict)."""

    @abc.abstractmethod
    def get(self, reference: str) -> Case | None:
        """The case with this canonical reference or alias, or None."""

    @abc.abstractmethod
    def reference_for_key(self, idempotency_key: str) -> str | None:
        """The reference of the case submitted with this key digest, or None."""

    @abc.abstractmethod
    def save(self, case: Case) -> None:
        """Persist changes to a case obtained from `get` (a concurrent change raises Conflict)."""

    @abc.abstractmethod
    def add_alias(self, case: Case, reference: str, at: datetime) -> None:
        """Let `reference` also lead to `case`."""

    @abc.abstractmethod
    def list(self, criteria: CaseFilter) -> list[Case]:
        """Cases matching `criteria`, newest first."""

    @abc.abstractmethod
    def summaries(
        self,
        *,
        tenancy_key: str | None,
        phone_key: str | None,
        email_key: str | None,
        since: datetime,
        exclude_reference: str | None = None,
    ) -> list[ReportSummary]:
        """Reports since `since` made with any of these normalised details, newest first."""


_CHUNK = 500


@dataclass
class _Loaded:
    case_id: int
    incident_count: int
    audit_count: int


def _case_row(case: Case) -> dict[str, Any]:
    reporter = case.reporter
    return {
        "reference": case.reference,
        "idempotency_key": case.idempotency_key,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "version": case.version,
        "channel": case.channel,
        "status": case.status,
        "scope": case.scope,
        "category": case.category,
        "exclusion_reason": case.exclusion_reason,
        "priority": case.priority,
        "response_due": case.response_due,
        "description": case.description,
        "impact": case.impact,
        "anonymous": case.anonymous,
        "reporter_role": reporter.role,
        "reporter_phone": reporter.phone_key,
        "reporter_email": reporter.email_key,
        "reporter_tenancy": reporter.tenancy_key,
        "case_review_eligible": case.case_review_eligible,
        "reporter": to_data(reporter),
        "perpetrators": to_data(case.perpetrators),
        "witnesses": to_data(case.witnesses),
        "risk": to_data(case.risk),
        "hate_crime": to_data(case.hate_crime),
        "consents": to_data(case.consents),
        "evidence": to_data(case.evidence),
        "signposts": to_data(case.signposts),
    }


_INCIDENT_COLUMNS = (
    "recorded_at",
    "source",
    "first_occurred",
    "last_occurred",
    "original_words",
    "frequency",
    "ongoing",
    "location",
    "what_happened",
    "idempotency_key",
)


def _incident_row(case_id: int, position: int, incident: Incident) -> dict[str, Any]:
    row = {name: getattr(incident, name) for name in _INCIDENT_COLUMNS}
    return {**row, "case_id": case_id, "position": position}


def _audit_row(case_id: int, entry: AuditEntry) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "at": entry.at,
        "action": entry.action,
        "fields": list(entry.fields),
        "actor": entry.actor,
    }


def _case_from_rows(row, incident_rows, audit_rows, alias_rows) -> Case:
    hate_crime = row.hate_crime
    return Case(
        reference=row.reference,
        idempotency_key=row.idempotency_key,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        channel=row.channel,
        status=row.status,
        scope=row.scope,
        category=row.category,
        exclusion_reason=row.exclusion_reason,
        priority=row.priority,
        response_due=row.response_due,
        description=row.description,
        impact=row.impact,
        case_review_eligible=row.case_review_eligible,
        reporter=from_data(Reporter, row.reporter),
        perpetrators=[from_data(Perpetrator, item) for item in row.perpetrators],
        witnesses=[from_data(Witness, item) for item in row.witnesses],
        risk=from_data(Risk, row.risk),
        hate_crime=from_data(HateCrimeDetails, hate_crime) if hate_crime is not None else None,
        consents=from_data(Consents, row.consents),
        evidence=from_data(Evidence, row.evidence),
        signposts=[from_data(Signpost, item) for item in row.signposts],
        incidents=[
            Incident(**{name: getattr(item, name) for name in _INCIDENT_COLUMNS})
            for item in incident_rows
        ],
        audit=[
            AuditEntry(at=item.at, action=item.action, fields=list(item.fields), actor=item.actor)
            for item in audit_rows
        ],
        aliases=[item.reference for item in alias_rows],
    )


class SqlAlchemyCaseRepository(CaseRepository):
    """Cases in SQL tables through a SQLAlchemy session (SQLite or PostgreSQL)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._loaded: dict[str, _Loaded] = {}

    def add(self, case: Case) -> None:
        result = self.session.execute(insert(tables.cases).values(**_case_row(case)))
        case_id = result.inserted_primary_key[0]
        self._insert_children(case_id, case, _Loaded(case_id, 0, 0))
        self._loaded[case.reference] = _Loaded(case_id, len(case.incidents), len(case.audit))

    def _insert_children(self, case_id: int, case: Case, loaded: _Loaded) -> None:
        new_incidents = [
            _incident_row(case_id, position, incident)
            for position, incident in enumerate(case.incidents)
            if position >= loaded.incident_count
        ]
        if new_incidents:
            self.session.execute(insert(tables.incidents), new_incidents)
        new_audit = [_audit_row(case_id, entry) for entry in case.audit[loaded.audit_count :]]
        if new_audit:
            self.session.execute(insert(tables.audit_events), new_audit)

    def get(self, reference: str) -> Case | None:
        cases = tables.cases
        row = self.session.execute(select(cases).where(cases.c.reference == reference)).first()
        if row is None:
            aliased = (
                select(cases)
                .join(tables.case_aliases, tables.case_aliases.c.case_id == cases.c.id)
                .where(tables.case_aliases.c.reference == reference)
            )
            row = self.session.execute(aliased).first()
        if row is None:
            return None
        return self._load([row])[0]

    def reference_for_key(self, idempotency_key: str) -> str | None:
        cases = tables.cases
        query = select(cases.c.reference).where(cases.c.idempotency_key == idempotency_key)
        return self.session.execute(query).scalar_one_or_none()

    def save(self, case: Case) -> None:
        loaded = self._loaded[case.reference]
        cases = tables.cases
        row = _case_row(case)
        row["version"] = case.version + 1
        result = self.session.execute(
            update(cases)
            .where(and_(cases.c.id == loaded.case_id, cases.c.version == case.version))
            .values(**row)
        )
        if result.rowcount != 1:
            raise Conflict("the case changed while it was being updated")
        case.version += 1
        self._insert_children(loaded.case_id, case, loaded)
        loaded.incident_count = len(case.incidents)
        loaded.audit_count = len(case.audit)

    def add_alias(self, case: Case, reference: str, at: datetime) -> None:
        loaded = self._loaded[case.reference]
        self.session.execute(
            insert(tables.case_aliases).values(
                reference=reference, case_id=loaded.case_id, created_at=at
            )
        )

    def list(self, criteria: CaseFilter) -> list[Case]:
        cases = tables.cases
        query = select(cases).order_by(cases.c.created_at.desc(), cases.c.id.desc())
        if criteria.status is not None:
            query = query.where(cases.c.status == criteria.status)
        if criteria.scope is not None:
            query = query.where(cases.c.scope == criteria.scope)
        if criteria.priority == "none":
            query = query.where(cases.c.priority.is_(None))
        elif criteria.priority is not None:
            query = query.where(cases.c.priority == int(criteria.priority))
        if criteria.overdue_at is not None:
            query = query.where(
                and_(cases.c.response_due < criteria.overdue_at, cases.c.status != "closed")
            )
        if criteria.limit is not None:
            query = query.limit(criteria.limit)
        return self._load(self.session.execute(query).all())

    def summaries(
        self,
        *,
        tenancy_key: str | None,
        phone_key: str | None,
        email_key: str | None,
        since: datetime,
        exclude_reference: str | None = None,
    ) -> list[ReportSummary]:
        cases = tables.cases
        matches = [
            column == key
            for column, key in (
                (cases.c.reporter_tenancy, tenancy_key),
                (cases.c.reporter_phone, phone_key),
                (cases.c.reporter_email, email_key),
            )
            if key
        ]
        if not matches:
            return []
        incident_count = (
            select(func.count(tables.incidents.c.id))
            .where(tables.incidents.c.case_id == cases.c.id)
            .scalar_subquery()
        )
        query = (
            select(
                cases.c.reference,
                cases.c.created_at,
                cases.c.scope,
                cases.c.category,
                cases.c.priority,
                cases.c.status,
                cases.c.case_review_eligible,
                incident_count.label("incident_count"),
            )
            .where(and_(or_(*matches), cases.c.created_at >= since))
            .order_by(cases.c.created_at.desc(), cases.c.id.desc())
        )
        if exclude_reference is not None:
            query = query.where(cases.c.reference != exclude_reference)
        return [ReportSummary(**row._asdict()) for row in self.session.execute(query)]

    def _load(self, rows) -> list[Case]:
        """Whole cases for these `cases` rows, fetching children in one query per table."""
        if not rows:
            return []
        ids = [row.id for row in rows]
        incidents, audit, aliases = tables.incidents, tables.audit_events, tables.case_aliases
        children: dict[str, dict[int, list]] = {}
        for name, table, order in (
            ("incidents", incidents, incidents.c.position),
            ("audit", audit, audit.c.id),
            ("aliases", aliases, aliases.c.created_at),
        ):
            grouped: dict[int, list] = {case_id: [] for case_id in ids}
            # Chunked so a large export stays under SQLite's bound-parameter limit.
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                query = select(table).where(table.c.case_id.in_(chunk)).order_by(order)
                for child in self.session.execute(query):
                    grouped[child.case_id].append(child)
            children[name] = grouped
        loaded_cases = []
        for row in rows:
            case = _case_from_rows(
                row,
                children["incidents"][row.id],
                children["audit"][row.id],
                children["aliases"][row.id],
            )
            self._loaded[case.reference] = _Loaded(row.id, len(case.incidents), len(case.audit))
            loaded_cases.append(case)
        return loaded_cases
