"""In-memory repository and unit of work: fakes for unit tests (here and in the actions).

They keep the same promises as the SQL versions: nothing is visible to others until commit,
duplicate references or idempotency keys raise `Conflict` at commit, stale saves raise
`Conflict`, and `store.unavailable = True` makes every operation raise `CaseStoreUnavailable`.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field
from datetime import datetime

from bot.cases.errors import CaseStoreUnavailable, Conflict
from bot.cases.model import Case, ReportSummary
from bot.cases.repository import CaseFilter, CaseRepository
from bot.cases.unit_of_work import AbstractUnitOfWork


@dataclass
class InMemoryStore:
    """The committed state shared by every unit of work, like a database."""

    cases: dict[str, Case] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    unavailable: bool = False
    commits: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def check_available(self) -> None:
        if self.unavailable:
            raise CaseStoreUnavailable("the in-memory store is switched off")

    def reference_for(self, reference: str) -> str | None:
        if reference in self.cases:
            return reference
        return self.aliases.get(reference)


class InMemoryCaseRepository(CaseRepository):
    """Reads committed state; writes wait in `pending` until the unit of work commits."""

    def __init__(self, store: InMemoryStore) -> None:
        self.store = store
        self.pending: list[tuple] = []

    def add(self, case: Case) -> None:
        self.store.check_available()
        self.pending.append(("add", copy.deepcopy(case)))

    def get(self, reference: str) -> Case | None:
        self.store.check_available()
        with self.store.lock:
            canonical = self.store.reference_for(reference)
            return copy.deepcopy(self.store.cases[canonical]) if canonical else None

    def reference_for_key(self, idempotency_key: str) -> str | None:
        self.store.check_available()
        with self.store.lock:
            for case in self.store.cases.values():
                if case.idempotency_key == idempotency_key:
                    return case.reference
        return None

    def save(self, case: Case) -> None:
        self.store.check_available()
        expected_version = case.version
        case.version += 1
        self.pending.append(("save", copy.deepcopy(case), expected_version))

    def add_alias(self, case: Case, reference: str, at: datetime) -> None:
        self.store.check_available()
        self.pending.append(("alias", case.reference, reference))

    def list(self, criteria: CaseFilter) -> list[Case]:
        self.store.check_available()
        with self.store.lock:
            found = [copy.deepcopy(case) for case in self.store.cases.values()]
        found = [case for case in found if _matches(case, criteria)]
        found.sort(key=lambda case: case.created_at, reverse=True)
        return found[: criteria.limit] if criteria.limit is not None else found

    def summaries(
        self,
        *,
        tenancy_key: str | None,
        phone_key: str | None,
        email_key: str | None,
        since: datetime,
        exclude_reference: str | None = None,
    ) -> list[ReportSummary]:
        self.store.check_available()
        wanted = [
            (attribute, key)
            for attribute, key in (
                ("tenancy_key", tenancy_key),
                ("phone_key", phone_key),
                ("email_key", email_key),
            )
            if key
        ]
        with self.store.lock:
            cases = list(self.store.cases.values())
        found = [
            case
            for case in cases
            if case.created_at >= since
            and case.reference != exclude_reference
            and any(getattr(case.reporter, attribute) == key for attribute, key in wanted)
        ]
        found.sort(key=lambda case: case.created_at, reverse=True)
        return [
            ReportSummary(
                reference=case.reference,
                created_at=case.created_at,
                scope=case.scope,
                category=case.category,
                priority=case.priority,
                status=case.status,
                incident_count=len(case.incidents),
                case_review_eligible=case.case_review_eligible,
            )
            for case in found
        ]

    def apply(self) -> None:
        """Apply pending writes to the store all-or-nothing (caller holds the store lock)."""
        cases = dict(self.store.cases)
        aliases = dict(self.store.aliases)
        for operation, *arguments in self.pending:
            if operation == "add":
                (case,) = arguments
                taken = case.reference in cases or case.reference in aliases
                if taken or any(c.idempotency_key == case.idempotency_key for c in cases.values()):
                    raise Conflict("a uniqueness check failed")
                cases[case.reference] = case
            elif operation == "save":
                case, expected_version = arguments
                if cases[case.reference].version != expected_version:
                    raise Conflict("the case changed while it was being updated")
                cases[case.reference] = case
            else:
                canonical, reference = arguments
                if reference in cases or reference in aliases:
                    raise Conflict("a uniqueness check failed")
                aliases[reference] = canonical
        incident_keys = [
            incident.idempotency_key
            for case in cases.values()
            for incident in case.incidents
            if incident.idempotency_key
        ]
        if len(incident_keys) != len(set(incident_keys)):
            raise Conflict("a uniqueness check failed")
        self.store.cases, self.store.aliases = cases, aliases


def _matches(case: Case, criteria: CaseFilter) -> bool:
    if criteria.status is not None and case.status != criteria.status:
        return False
    if criteria.scope is not None and case.scope != criteria.scope:
        return False
    if criteria.priority == "none" and case.priority is not None:
        return False
    if criteria.priority not in (None, "none") and case.priority != int(criteria.priority):
        return False
    return criteria.overdue_at is None or case.is_overdue(criteria.overdue_at)


class InMemoryUnitOfWork(AbstractUnitOfWork):
    """A unit of work over an `InMemoryStore`; share one store between units like a database."""

    def __init__(self, store: InMemoryStore | None = None) -> None:
        self.store = store if store is not None else InMemoryStore()
        self.committed = False

    def __enter__(self) -> InMemoryUnitOfWork:
        self.cases = InMemoryCaseRepository(self.store)
        self.committed = False
        return super().__enter__()

    def commit(self) -> None:
        self.store.check_available()
        with self.store.lock:
            self.cases.apply()
            self.store.commits += 1
        self.cases.pending.clear()
        self.committed = True

    def rollback(self) -> None:
        self.cases.pending.clear()
