"""The case store: triaged ASB, hate crime and mate crime reports that are never lost.

Actions need only this package's top level::

    from bot.cases import CaseDraft, CaseService, Incident, Reporter

`CaseService` (and the SQLAlchemy it needs) is imported on first use, not with the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.cases.errors import (
    CaseNotFound,
    CaseNotStored,
    CaseStoreError,
    CaseStoreUnavailable,
    Conflict,
    InvalidReference,
    InvalidReport,
)
from bot.cases.model import (
    AuditEntry,
    Case,
    CaseDraft,
    Consents,
    Evidence,
    HateCrimeDetails,
    Incident,
    Perpetrator,
    Reporter,
    ReportHistory,
    ReportSummary,
    Risk,
    Signpost,
    Witness,
)
from bot.cases.references import generate_reference, is_valid_reference, validate_reference

if TYPE_CHECKING:
    from bot.cases.operations import AddIncidentResult, DrainResult, Submission
    from bot.cases.service import CaseService

_LAZY = {
    "CaseService": "bot.cases.service",
    "Submission": "bot.cases.operations",
    "AddIncidentResult": "bot.cases.operations",
    "DrainResult": "bot.cases.operations",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AddIncidentResult",
    "AuditEntry",
    "Case",
    "CaseDraft",
    "CaseNotFound",
    "CaseNotStored",
    "CaseService",
    "CaseStoreError",
    "CaseStoreUnavailable",
    "Conflict",
    "Consents",
    "DrainResult",
    "Evidence",
    "HateCrimeDetails",
    "Incident",
    "InvalidReference",
    "InvalidReport",
    "Perpetrator",
    "ReportHistory",
    "ReportSummary",
    "Reporter",
    "Risk",
    "Signpost",
    "Submission",
    "Witness",
    "generate_reference",
    "is_valid_reference",
    "validate_reference",
]
