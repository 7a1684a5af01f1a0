"""Units of work: one atomic operation on the case store that rolls back unless committed."""

from __future__ import annotations

import abc
import logging
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.cases.errors import CaseStoreUnavailable, Conflict
from bot.cases.repository import CaseRepository, SqlAlchemyCaseRepository

logger = logging.getLogger(__name__)


class AbstractUnitOfWork(abc.ABC):
    """Use as `with uow: ...; uow.commit()`; leaving the block without commit rolls back.

    Storage errors surface as `Conflict` (a uniqueness or version check failed) or
    `CaseStoreUnavailable` (anything else), so the service layer never sees driver errors.
    """

    cases: CaseRepository

    def __enter__(self) -> AbstractUnitOfWork:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None:
        """Make everything done in this unit of work permanent."""

    @abc.abstractmethod
    def rollback(self) -> None:
        """Discard everything not yet committed (a no-op after commit)."""


def _translate(error: SQLAlchemyError) -> Exception:
    if isinstance(error, IntegrityError):
        return Conflict("a uniqueness check failed")
    # Class name only: driver messages can echo connection details.
    return CaseStoreUnavailable(f"the case database is unavailable ({type(error).__name__})")


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """A unit of work over one SQLAlchemy session; a new session on every `with`.

    Takes an engine, or a function returning one so that engine set-up errors surface as
    `CaseStoreUnavailable` like any other outage.
    """

    def __init__(self, engine: Engine | Callable[[], Engine]) -> None:
        self._engine = engine
        self.session: Session | None = None

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        try:
            engine = self._engine if isinstance(self._engine, Engine) else self._engine()
        except SQLAlchemyError as error:
            raise _translate(error) from error
        self.session = Session(engine, future=True, expire_on_commit=False)
        self.cases = SqlAlchemyCaseRepository(self.session)
        return super().__enter__()

    def __exit__(self, exc_type, exc, traceback) -> None:
        try:
            super().__exit__(exc_type, exc, traceback)
        finally:
            self._close()
        if isinstance(exc, SQLAlchemyError):
            raise _translate(exc) from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except SQLAlchemyError as error:
            raise _translate(error) from error

    def rollback(self) -> None:
        try:
            self.session.rollback()
        except SQLAlchemyError as error:
            # The connection is already gone, so there is nothing left to roll back.
            logger.debug("rollback failed (%s)", type(error).__name__)

    def _close(self) -> None:
        try:
            self.session.close()
        except SQLAlchemyError as error:
            logger.debug("closing the session failed (%s)", type(error).__name__)
