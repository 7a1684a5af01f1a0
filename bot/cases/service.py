"""`CaseService`: the one object the Rasa actions and the CLI use to reach the case store.

Every method is synchronous (blocking I/O) and safe to call from many threads; database
failures surface as `CaseStoreUnavailable`, except in `submit`, which parks the case instead.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.cases import operations
from bot.cases.errors import CaseStoreUnavailable
from bot.cases.model import Case, CaseDraft, Incident, ReportSummary
from bot.cases.operations import (
    AddIncidentResult,
    CaseReviewRule,
    Clock,
    DrainResult,
    Submission,
    utc_now,
)
from bot.cases.outbox import Outbox
from bot.cases.references import generate_reference
from bot.cases.unit_of_work import AbstractUnitOfWork

if TYPE_CHECKING:
    from datetime import datetime

    from bot.cases.memory import InMemoryStore
    from bot.config import Settings

logger = logging.getLogger(__name__)


class CaseService:
    """The case store behind one facade: `CaseService(database_url, outbox_dir)`.

    Constructing it touches nothing; the engine is created on first use, once per process.
    """

    def __init__(
        self,
        database_url: str | None = None,
        outbox_dir: str | os.PathLike | None = None,
        *,
        uow_factory: Callable[[], AbstractUnitOfWork] | None = None,
        clock: Clock = utc_now,
        new_reference: Callable[[], str] = generate_reference,
    ) -> None:
        if uow_factory is None:
            if not database_url:
                raise ValueError("CaseService needs a database_url or a uow_factory")
            uow_factory = self._sql_unit_of_work
        self.database_url = database_url
        self.outbox = Outbox(outbox_dir) if outbox_dir is not None else None
        self.store: InMemoryStore | None = None  # set by `in_memory` only
        self._uow_factory = uow_factory
        self._clock = clock
        self._new_reference = new_reference

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> CaseService:
        """The service for `DATABASE_URL` and `OUTBOX_DIR` (see bot/config.py)."""
        if settings is None:
            from bot.config import get_settings

            settings = get_settings()
        return cls(settings.database_url, settings.outbox_dir)

    @classmethod
    def in_memory(
        cls,
        outbox_dir: str | os.PathLike | None = None,
        *,
        store: InMemoryStore | None = None,
        clock: Clock = utc_now,
    ) -> CaseService:
        """A service over an in-memory store, for tests (`service.store.unavailable = True`)."""
        from bot.cases.memory import InMemoryStore, InMemoryUnitOfWork

        store = store if store is not None else InMemoryStore()
        service = cls(
            uow_factory=lambda: InMemoryUnitOfWork(store), outbox_dir=outbox_dir, clock=clock
        )
        service.store = store
        return service

    def _sql_unit_of_work(self) -> AbstractUnitOfWork:
        from bot.cases.database import get_engine
        from bot.cases.unit_of_work import SqlAlchemyUnitOfWork

        # The engine is looked up inside the unit of work, so even a bad URL fails as an outage.
        return SqlAlchemyUnitOfWork(lambda: get_engine(self.database_url))

    # Writing -------------------------------------------------------------------------------

    def submit(self, draft: CaseDraft, idempotency_key: str) -> Submission:
        """Store `draft` once per key and return the reference to give the resident.

        Raises InvalidReport for a draft that breaks the contract, and CaseNotStored only if
        both the database and the outbox failed (then tell the resident to phone).
        """
        return operations.submit(
            draft,
            idempotency_key,
            uow=self._uow_factory(),
            outbox=self.outbox,
            clock=self._clock,
            new_reference=self._new_reference,
        )

    def add_incident(
        self,
        reference: str,
        identity: str,
        incident: Incident,
        *,
        case_review: CaseReviewRule | None = None,
        idempotency_key: str | None = None,
    ) -> AddIncidentResult:
        """Add a further incident to the case that `identity` (phone, email, tenancy) proves.

        Raises InvalidReference for a mistyped reference, CaseNotFound (same message whether
        or not the reference exists) for a wrong pairing, CaseStoreUnavailable on an outage.
        """
        return self._call(
            operations.add_incident,
            reference,
            identity,
            incident,
            clock=self._clock,
            case_review=case_review,
            idempotency_key=idempotency_key,
        )

    def set_status(self, reference: str, status: str, *, actor: str = "officer") -> Case:
        """Move a case to new, open or closed."""
        return self._call(
            operations.set_status,
            reference,
            status,
            actor=actor,
            clock=self._clock,
        )

    # Reading -------------------------------------------------------------------------------

    def get(self, reference: str) -> Case:
        """The case with this reference; CaseNotFound otherwise."""
        return self._call(operations.get_case, reference)

    def list_cases(
        self,
        *,
        status: str | None = None,
        priority: int | str | None = None,
        scope: str | None = None,
        overdue: bool = False,
        limit: int | None = None,
    ) -> list[Case]:
        """Cases newest first; `priority="none"` selects excluded (unprioritised) cases."""
        return self._call(
            operations.list_cases,
            status=status,
            priority=priority,
            scope=scope,
            overdue=overdue,
            limit=limit,
            clock=self._clock,
        )

    def earlier_reports(
        self,
        tenancy_reference: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        since: datetime | None = None,
    ) -> list[ReportSummary]:
        """The reporter's reports since `since` (default six months ago), newest first."""
        return self._call(
            operations.earlier_reports,
            tenancy_reference=tenancy_reference,
            phone=phone,
            email=email,
            since=since,
            clock=self._clock,
        )

    # Outbox and schema ----------------------------------------------------------------------

    def drain_outbox(self) -> DrainResult:
        """Move parked cases into the database and report how far that got."""
        if self.outbox is None:
            return DrainResult()
        return operations.drain_outbox(
            uow=self._uow_factory(), outbox=self.outbox, clock=self._clock
        )

    def retry_outbox(self) -> int:
        """Store parked cases; return how many; CaseStoreUnavailable if the database is down."""
        result = self.drain_outbox()
        if result.unavailable:
            raise CaseStoreUnavailable(
                f"the case database is unavailable; {result.remaining} case(s) remain parked"
            )
        return result.stored

    def pending_in_outbox(self) -> int:
        """How many cases are waiting in the outbox."""
        return self.outbox.count() if self.outbox is not None else 0

    def on_startup(self) -> int:
        """Call once when the action server starts: store anything parked; never raises."""
        try:
            result = self.drain_outbox()
        except Exception as error:
            # Start-up must go on; the next submit retries the drain.
            logger.warning("outbox drain at start-up failed (%s)", type(error).__name__)
            return 0
        if result.stored or result.remaining:
            logger.info(
                "start-up: %d parked case(s) stored, %d still parked",
                result.stored,
                result.remaining,
            )
        return result.stored

    def upgrade_schema(self) -> None:
        """Alembic upgrade to head (creates everything on an empty database)."""
        if self.database_url is None:
            return
        from bot.cases.database import upgrade_schema

        self._guard(lambda: upgrade_schema(self.database_url))

    def _call(self, function, *args, **kwargs):
        return self._guard(lambda: function(*args, uow=self._uow_factory(), **kwargs))

    @staticmethod
    def _guard(work):
        # Reads, updates and upgrades have no outbox: turn stray database errors into the one
        # type the actions catch.
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return work()
        except SQLAlchemyError as error:
            raise CaseStoreUnavailable(
                f"the case database is unavailable ({type(error).__name__})"
            ) from error
