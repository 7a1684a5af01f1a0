"""Service-layer functions: each one use case, over a unit of work (and the outbox).

They know nothing of SQLAlchemy; storage failures arrive as `Conflict` or
`CaseStoreUnavailable`. Logs name references and counts only, never personal details.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from bot.cases.errors import (
    CaseNotFound,
    CaseNotStored,
    CaseStoreUnavailable,
    Conflict,
    InvalidReport,
)
from bot.cases.identity import normalise_email, normalise_phone, normalise_tenancy_reference
from bot.cases.model import Case, CaseDraft, Incident, ReportHistory, ReportSummary
from bot.cases.outbox import Outbox, ParkedCase
from bot.cases.references import generate_reference, validate_reference
from bot.cases.repository import CaseFilter
from bot.cases.unit_of_work import AbstractUnitOfWork

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
CaseReviewRule = Callable[[ReportHistory], bool]

_ATTEMPTS = 5
_UPDATE_ATTEMPTS = 12
NOT_FOUND_MESSAGE = "No case matches that reference and contact detail."


def _pause(attempt: int) -> None:
    time.sleep(random.uniform(0, min(0.2, 0.005 * 2**attempt)))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def key_digest(idempotency_key: str) -> str:
    """What is stored for an idempotency key: a digest, since on SMS it holds a phone number."""
    if not isinstance(idempotency_key, str) or not idempotency_key.strip():
        raise InvalidReport(["idempotency_key must be a non-empty string"])
    return hashlib.sha256(f"asb-case:{idempotency_key}".encode()).hexdigest()


def six_months_before(moment: datetime) -> datetime:
    """The same day and time six calendar months earlier (clamped to the month's end)."""
    month_index = moment.year * 12 + moment.month - 1 - 6
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class Submission:
    """What the resident is told: their reference, and whether the database already has it.

    `stored` False means the case is parked in the outbox and will be stored later; the
    reference is final either way. `duplicate` True means this repeated an earlier submission.
    """

    reference: str
    stored: bool
    duplicate: bool = False


@dataclass(frozen=True)
class AddIncidentResult:
    """The outcome of adding a further incident to a case."""

    reference: str
    incident: Incident
    incident_count: int
    case_review_eligible: bool
    case_review_changed: bool
    history: ReportHistory
    duplicate: bool = False


@dataclass(frozen=True)
class DrainResult:
    """How far emptying the outbox got."""

    stored: int = 0
    remaining: int = 0
    unavailable: bool = False
    failed: list[str] = field(default_factory=list)


def submit(
    draft: CaseDraft,
    idempotency_key: str,
    *,
    uow: AbstractUnitOfWork,
    outbox: Outbox | None,
    clock: Clock = utc_now,
    new_reference: Callable[[], str] = generate_reference,
) -> Submission:
    """Store a triaged report once per idempotency key; park it in the outbox if need be."""
    draft.validate()
    digest = key_digest(idempotency_key)
    database_up = True
    if outbox is not None and not outbox.is_empty():
        database_up = not drain_outbox(uow=uow, outbox=outbox, clock=clock).unavailable
        parked = outbox.get(digest)
        if parked is not None:
            logger.info("case %s is a repeat of a parked submission", parked.reference)
            return Submission(parked.reference, stored=False, duplicate=True)
    if database_up:
        try:
            return _store_new(draft, digest, uow=uow, clock=clock, new_reference=new_reference)
        except Exception as error:
            # Whatever went wrong, the report must survive: park it.
            logger.warning("storing a case failed (%s); parking it", type(error).__name__)
    return _park(draft, digest, outbox=outbox, clock=clock, new_reference=new_reference)


def _store_new(
    draft: CaseDraft,
    digest: str,
    *,
    uow: AbstractUnitOfWork,
    clock: Clock,
    new_reference: Callable[[], str],
) -> Submission:
    for _ in range(_ATTEMPTS):
        reference = new_reference()
        try:
            with uow:
                existing = uow.cases.reference_for_key(digest)
                if existing is not None:
                    logger.info("case %s submitted again; returning it", existing)
                    return Submission(existing, stored=True, duplicate=True)
                case = Case.from_draft(
                    draft, reference=reference, idempotency_key=digest, at=clock()
                )
                uow.cases.add(case)
                uow.commit()
        except Conflict:
            # Either a concurrent submission with this key won (the next pass returns its
            # reference) or, astronomically rarely, the reference was taken: try a new one.
            continue
        logger.info("case %s stored", reference)
        return Submission(reference, stored=True)
    raise Conflict("no reference could be allocated")


def _park(
    draft: CaseDraft,
    digest: str,
    *,
    outbox: Outbox | None,
    clock: Clock,
    new_reference: Callable[[], str],
) -> Submission:
    if outbox is None:
        raise CaseNotStored("the database is unavailable and there is no outbox")
    reference = new_reference()
    try:
        parked_reference = outbox.park(digest, reference, draft, clock())
    except OSError as error:
        logger.error("the outbox refused a case (%s); the case was not kept", type(error).__name__)
        raise CaseNotStored("neither the database nor the outbox could keep the case") from error
    logger.warning("case %s parked in the outbox", parked_reference)
    return Submission(parked_reference, stored=False, duplicate=parked_reference != reference)


def drain_outbox(*, uow: AbstractUnitOfWork, outbox: Outbox, clock: Clock = utc_now) -> DrainResult:
    """Move parked cases into the database, oldest first; stop at the first outage."""
    stored, failed = 0, []
    for entry in outbox.pending():
        try:
            store_parked(entry, uow=uow, clock=clock)
        except CaseStoreUnavailable:
            remaining = outbox.count()
            logger.warning("outbox drain stopped: database unavailable; %d parked", remaining)
            return DrainResult(stored, remaining, unavailable=True, failed=failed)
        except Exception as error:
            # One bad entry must not block the others; it stays parked for a person to see.
            logger.error("parked case %s not stored (%s)", entry.reference, type(error).__name__)
            failed.append(entry.reference)
            continue
        outbox.remove(entry.idempotency_key)
        stored += 1
        logger.info("parked case %s stored", entry.reference)
    return DrainResult(stored, outbox.count(), failed=failed)


def store_parked(entry: ParkedCase, *, uow: AbstractUnitOfWork, clock: Clock = utc_now) -> None:
    """Insert one parked case under the reference the resident was given, exactly once."""
    for _ in range(_ATTEMPTS):
        try:
            with uow:
                existing = uow.cases.reference_for_key(entry.idempotency_key)
                if existing is None:
                    case = Case.from_draft(
                        entry.draft,
                        reference=entry.reference,
                        idempotency_key=entry.idempotency_key,
                        at=entry.parked_at,
                    )
                    case.record("stored_from_outbox", [], at=clock(), actor="outbox")
                    uow.cases.add(case)
                elif existing != entry.reference:
                    _alias(uow, existing, entry.reference, clock())
                uow.commit()
            return
        except Conflict:
            continue  # A concurrent drain or submit got there first; look again.
    raise Conflict("the parked case could not be stored")


def _alias(uow: AbstractUnitOfWork, existing: str, reference: str, at: datetime) -> None:
    # The same submission was also stored directly (a retry raced an outage), so the resident
    # may hold either reference: keep both leading to the one case.
    case = uow.cases.get(existing)
    if reference in case.aliases:
        return
    if uow.cases.get(reference) is not None:
        raise Conflict("the parked reference belongs to another case")
    case.add_alias(reference, at=at, actor="outbox")
    uow.cases.save(case)
    uow.cases.add_alias(case, reference, at)
    logger.warning("case %s also answers to %s (duplicate submission)", existing, reference)


def add_incident(
    reference: str,
    identity: str,
    incident: Incident,
    *,
    uow: AbstractUnitOfWork,
    clock: Clock = utc_now,
    case_review: CaseReviewRule | None = None,
    idempotency_key: str | None = None,
) -> AddIncidentResult:
    """Append a dated incident to the case `identity` proves, then re-check ASB Case Review.

    `case_review`, when given, receives the case and the reporter's other reports in the six
    months before now and returns the new eligibility, which is stored in the same transaction.
    """
    canonical = validate_reference(reference)
    digest = key_digest(idempotency_key) if idempotency_key is not None else None
    for attempt in range(_UPDATE_ATTEMPTS):
        try:
            with uow:
                case = uow.cases.get(canonical)
                if case is None or not case.matches_identity(identity):
                    raise CaseNotFound(NOT_FOUND_MESSAGE)
                now = clock()
                since = six_months_before(now)
                history = ReportHistory(
                    case=case, earlier_reports=_earlier_for(uow, case, since), since=since
                )
                if digest is not None and case.has_incident_key(digest):
                    recorded = next(i for i in case.incidents if i.idempotency_key == digest)
                    return _incident_result(case, recorded, history, False, duplicate=True)
                added = case.add_incident(incident, at=now, idempotency_key=digest)
                changed = False
                if case_review is not None:
                    eligible = bool(case_review(history))
                    changed = case.set_case_review_eligible(eligible, at=now, actor="assistant")
                uow.cases.save(case)
                uow.commit()
        except Conflict:
            # Someone else updated the case meanwhile: reload and apply again, after a short
            # random pause so that several writers to one case do not collide in lockstep.
            _pause(attempt)
            continue
        logger.info("case %s: incident %d added", case.reference, len(case.incidents))
        return _incident_result(case, added, history, changed)
    raise Conflict("the case kept changing; the incident was not added")


def _incident_result(case, incident, history, changed, duplicate=False) -> AddIncidentResult:
    return AddIncidentResult(
        reference=case.reference,
        incident=incident,
        incident_count=len(case.incidents),
        case_review_eligible=case.case_review_eligible,
        case_review_changed=changed,
        history=history,
        duplicate=duplicate,
    )


def _earlier_for(uow: AbstractUnitOfWork, case: Case, since: datetime) -> list[ReportSummary]:
    return uow.cases.summaries(
        tenancy_key=case.reporter.tenancy_key,
        phone_key=case.reporter.phone_key,
        email_key=case.reporter.email_key,
        since=since,
        exclude_reference=case.reference,
    )


def earlier_reports(
    *,
    uow: AbstractUnitOfWork,
    tenancy_reference: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    since: datetime | None = None,
    clock: Clock = utc_now,
) -> list[ReportSummary]:
    """Reports made with any of these details since `since` (default: six months ago)."""
    keys = {
        "tenancy_key": normalise_tenancy_reference(tenancy_reference),
        "phone_key": normalise_phone(phone),
        "email_key": normalise_email(email),
    }
    if not any(keys.values()):
        return []
    with uow:
        return uow.cases.summaries(**keys, since=since or six_months_before(clock()))


def get_case(reference: str, *, uow: AbstractUnitOfWork) -> Case:
    """The case with this reference (or alias); CaseNotFound otherwise."""
    canonical = validate_reference(reference)
    with uow:
        case = uow.cases.get(canonical)
    if case is None:
        raise CaseNotFound(f"No case with reference {canonical}.")
    return case


def list_cases(
    *,
    uow: AbstractUnitOfWork,
    status: str | None = None,
    priority: int | str | None = None,
    scope: str | None = None,
    overdue: bool = False,
    limit: int | None = None,
    clock: Clock = utc_now,
) -> list[Case]:
    """Cases newest first; `overdue` keeps those past `response_due` and not closed."""
    criteria = CaseFilter(
        status=status,
        priority=priority,
        scope=scope,
        overdue_at=clock() if overdue else None,
        limit=limit,
    )
    with uow:
        return uow.cases.list(criteria)


def set_status(
    reference: str,
    status: str,
    *,
    uow: AbstractUnitOfWork,
    actor: str = "officer",
    clock: Clock = utc_now,
) -> Case:
    """Move a case to `status` (new, open or closed), recording who did it."""
    canonical = validate_reference(reference)
    for attempt in range(_UPDATE_ATTEMPTS):
        try:
            with uow:
                case = uow.cases.get(canonical)
                if case is None:
                    raise CaseNotFound(f"No case with reference {canonical}.")
                if case.set_status(status, at=clock(), actor=actor):
                    uow.cases.save(case)
                    uow.commit()
                    logger.info("case %s is now %s", case.reference, status)
            return case
        except Conflict:
            _pause(attempt)
            continue
    raise Conflict("the case kept changing; the status was not set")
