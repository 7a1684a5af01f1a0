"""Exceptions the case store raises; messages never carry personal data."""

from __future__ import annotations


class CaseStoreError(RuntimeError):
    """Base class for every case store failure."""


class InvalidReport(CaseStoreError, ValueError):
    """A draft or incident breaks the case contract (a programming error in the caller)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class InvalidReference(CaseStoreError, ValueError):
    """Text that cannot be a case reference (wrong length, characters or check character)."""


class CaseNotFound(CaseStoreError, LookupError):
    """No case matches; deliberately silent on whether the reference exists."""


class CaseStoreUnavailable(CaseStoreError):
    """The database could not be reached or refused the operation."""


class Conflict(CaseStoreError):
    """A uniqueness or version check failed because another writer got there first."""


class CaseNotStored(CaseStoreError):
    """Neither the database nor the outbox accepted the case: tell the resident to phone."""
