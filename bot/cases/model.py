"""The case domain model: plain dataclasses that know nothing of storage.

A `CaseDraft` is what the actions hand over (the resident's report plus the triage the policy
computed); a `Case` is a stored draft with a reference, timestamps, a status and an audit trail.
Every change to a case goes through a method here, which appends an `AuditEntry`.
"""

from __future__ import annotations

import copy
import dataclasses
import hmac
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.cases.errors import InvalidReport
from bot.cases.identity import normalise_email, normalise_phone, normalise_tenancy_reference

# Fixed keys from docs/contracts.md, shared with the rest of the assistant.
from bot.contracts import (
    CATEGORIES,
    CHANNELS,
    EXCLUSIONS,
    HATE_CRIME_STRANDS,
    PRIORITIES,
    SCOPES,
)

# Keys owned by the case store.
STATUSES = ("new", "open", "closed")
REPORTER_ROLES = frozenset({"victim", "witness", "on_behalf"})
CONTACT_METHODS = frozenset({"phone", "sms", "email", "letter"})
INCIDENT_SOURCES = frozenset({"report", "follow_up"})


# Values that survive JSON unchanged.
_PLAIN = (str, bool, int, float, type(None))


def _is_iso_moment(text: str) -> bool:
    if not isinstance(text, str):
        return False
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_aware(moment: datetime) -> bool:
    return (
        isinstance(moment, datetime)
        and moment.tzinfo is not None
        and moment.utcoffset() is not None
    )


@dataclass(kw_only=True)
class Reporter:
    """Who made the report; an anonymous reporter gives no name or contact details."""

    role: str = "victim"
    anonymous: bool = False
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    tenancy_reference: str | None = None
    preferred_contact: str | None = None
    safe_times: str | None = None
    on_behalf_of: str | None = None

    def problems(self) -> list[str]:
        found = []
        if self.role not in REPORTER_ROLES:
            found.append(f"reporter.role must be one of {sorted(REPORTER_ROLES)}")
        if self.preferred_contact is not None and self.preferred_contact not in CONTACT_METHODS:
            found.append(f"reporter.preferred_contact must be one of {sorted(CONTACT_METHODS)}")
        if self.anonymous:
            named = [
                name
                for name in ("name", "phone", "email", "tenancy_reference")
                if getattr(self, name)
            ]
            found.extend(f"reporter.{name} must be empty when anonymous" for name in named)
        return found

    @property
    def phone_key(self) -> str | None:
        return None if self.anonymous else normalise_phone(self.phone)

    @property
    def email_key(self) -> str | None:
        return None if self.anonymous else normalise_email(self.email)

    @property
    def tenancy_key(self) -> str | None:
        return None if self.anonymous else normalise_tenancy_reference(self.tenancy_reference)


@dataclass(kw_only=True)
class Perpetrator:
    """A person causing the behaviour, named or described."""

    known: bool | None = None
    name: str | None = None
    address: str | None = None
    description: str | None = None


@dataclass(kw_only=True)
class Incident:
    """One incident or run of incidents; dates are ISO 8601 dates or date-times as text.

    `original_words` keeps the dates as the resident said them ("every night since Easter").
    `recorded_at` and `source` are set by the store; `idempotency_key` is the store's digest of
    the key a follow-up was submitted with, so a retried follow-up is not recorded twice.
    """

    what_happened: str | None = None
    first_occurred: str | None = None
    last_occurred: str | None = None
    original_words: str | None = None
    frequency: str | None = None
    ongoing: bool | None = None
    location: str | None = None
    recorded_at: datetime | None = None
    source: str = "report"
    idempotency_key: str | None = None

    def __post_init__(self) -> None:
        # Accept date and datetime objects too, storing them as the ISO text they stand for.
        for name in ("first_occurred", "last_occurred"):
            value = getattr(self, name)
            if isinstance(value, (date, datetime)):
                setattr(self, name, value.isoformat())

    def problems(self, prefix: str = "incident") -> list[str]:
        found = []
        for name in ("first_occurred", "last_occurred"):
            value = getattr(self, name)
            if value is not None and not _is_iso_moment(value):
                found.append(f"{prefix}.{name} must be an ISO 8601 date or date-time")
        if self.recorded_at is not None and not _is_aware(self.recorded_at):
            found.append(f"{prefix}.recorded_at must be timezone-aware")
        if self.source not in INCIDENT_SOURCES:
            found.append(f"{prefix}.source must be one of {sorted(INCIDENT_SOURCES)}")
        content = (self.what_happened, self.first_occurred, self.last_occurred)
        if not any((*content, self.original_words, self.frequency, self.location)):
            found.append(f"{prefix} is empty")
        return found


@dataclass(kw_only=True)
class Witness:
    """Someone else who saw or heard what happened."""

    name: str | None = None
    contact: str | None = None
    notes: str | None = None


@dataclass(kw_only=True)
class Risk:
    """Risk and vulnerability answers; None means not asked or not answered."""

    immediate_danger: bool | None = None
    violence_or_threats: bool | None = None
    feels_unsafe_at_home: bool | None = None
    vulnerable_household: bool | None = None
    health_affected: bool | None = None
    notes: str | None = None
    other: dict[str, str | bool | None] = field(default_factory=dict)


@dataclass(kw_only=True)
class HateCrimeDetails:
    """What a hate incident was motivated by and what the resident agreed to."""

    strands: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    consent_to_report_to_police: bool | None = None
    already_reported_to_police: bool | None = None
    police_reference: str | None = None

    def problems(self) -> list[str]:
        unknown = [strand for strand in self.strands if strand not in HATE_CRIME_STRANDS]
        return [f"hate_crime.strands has unknown keys {unknown}"] if unknown else []


@dataclass(kw_only=True)
class Consents:
    """What the resident agreed we may do; None means not asked."""

    contact_perpetrator: bool | None = None
    share_with_partners: bool | None = None


@dataclass(kw_only=True)
class Evidence:
    """Evidence the resident says they hold."""

    photos: bool | None = None
    video: bool | None = None
    recordings: bool | None = None
    diary: bool | None = None
    notes: str | None = None


@dataclass(kw_only=True)
class Signpost:
    """Advice or another service the assistant pointed the resident to."""

    key: str
    label: str
    text: str


@dataclass(kw_only=True)
class AuditEntry:
    """One change to a case: what changed (field names only, never values), when and by whom."""

    at: datetime
    action: str
    fields: list[str] = field(default_factory=list)
    actor: str = "assistant"


@dataclass(kw_only=True)
class CaseDraft:
    """A triaged report as the actions hand it over; the store adds reference and timestamps.

    `description` and `impact` are the resident's own words, kept verbatim. Triage (scope,
    category, priority, response_due, signposts, case_review_eligible) comes from the policy.
    Excluded reports set scope `excluded`, `exclusion_reason`, no priority and no due date.
    """

    channel: str
    scope: str
    description: str
    category: str | None = None
    exclusion_reason: str | None = None
    priority: int | None = None
    response_due: datetime | None = None
    reporter: Reporter = field(default_factory=Reporter)
    perpetrators: list[Perpetrator] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    witnesses: list[Witness] = field(default_factory=list)
    impact: str | None = None
    risk: Risk = field(default_factory=Risk)
    hate_crime: HateCrimeDetails | None = None
    consents: Consents = field(default_factory=Consents)
    evidence: Evidence = field(default_factory=Evidence)
    signposts: list[Signpost] = field(default_factory=list)
    case_review_eligible: bool = False

    @property
    def anonymous(self) -> bool:
        return self.reporter.anonymous

    def problems(self) -> list[str]:
        """Every way this draft breaks the contract, naming fields but never their values."""
        found = []
        if self.channel not in CHANNELS:
            found.append(f"channel must be one of {sorted(CHANNELS)}")
        if self.scope not in SCOPES:
            found.append(f"scope must be one of {sorted(SCOPES)}")
        if self.category is not None and self.category not in CATEGORIES:
            found.append("category is not a key from docs/contracts.md")
        if not isinstance(self.description, str) or not self.description.strip():
            found.append("description (the resident's own words) must not be empty")
        if self.response_due is not None and not _is_aware(self.response_due):
            found.append("response_due must be a timezone-aware datetime")
        if self.scope == "excluded":
            if self.exclusion_reason not in EXCLUSIONS:
                found.append("an excluded report needs exclusion_reason from docs/contracts.md")
            if self.priority is not None or self.response_due is not None:
                found.append("an excluded report has no priority and no response_due")
        elif self.scope in SCOPES:
            if self.exclusion_reason is not None:
                found.append("exclusion_reason is only for scope 'excluded'")
            if self.priority not in PRIORITIES:
                found.append("priority must be 1 or 2 unless the report is excluded")
            if self.response_due is None:
                found.append("response_due is required unless the report is excluded")
        found.extend(self.reporter.problems())
        if any(not isinstance(value, _PLAIN) for value in self.risk.other.values()):
            found.append("risk.other values must be text, numbers, booleans or None")
        if self.hate_crime is not None:
            found.extend(self.hate_crime.problems())
        for index, incident in enumerate(self.incidents):
            found.extend(incident.problems(f"incidents[{index}]"))
        return found

    def validate(self) -> None:
        """Raise InvalidReport listing every problem, if there are any."""
        problems = self.problems()
        if problems:
            raise InvalidReport(problems)


_DRAFT_FIELDS = tuple(f.name for f in dataclasses.fields(CaseDraft))


@dataclass(kw_only=True)
class Case(CaseDraft):
    """A stored report: the draft plus identity, lifecycle and audit trail.

    `idempotency_key` is the store's digest of the key the submission was made with.
    `aliases` are extra references that lead to this case (see docs/cases.md, outbox races).
    `version` increases on every save so concurrent updates are detected, not lost.
    """

    reference: str
    idempotency_key: str
    created_at: datetime
    updated_at: datetime
    status: str = "new"
    audit: list[AuditEntry] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    version: int = 0

    @classmethod
    def from_draft(
        cls,
        draft: CaseDraft,
        *,
        reference: str,
        idempotency_key: str,
        at: datetime,
        actor: str = "assistant",
    ) -> Case:
        """A new case from a validated draft, reported at `at`."""
        content = {name: copy.deepcopy(getattr(draft, name)) for name in _DRAFT_FIELDS}
        case = cls(
            **content,
            reference=reference,
            idempotency_key=idempotency_key,
            created_at=at,
            updated_at=at,
        )
        for incident in case.incidents:
            incident.recorded_at = incident.recorded_at or at
        given = [name for name in _DRAFT_FIELDS if _has_value(getattr(draft, name))]
        case.audit.append(AuditEntry(at=at, action="created", fields=given, actor=actor))
        return case

    def draft(self) -> CaseDraft:
        """The report content alone, as a draft."""
        return CaseDraft(**{name: copy.deepcopy(getattr(self, name)) for name in _DRAFT_FIELDS})

    def record(self, action: str, fields: list[str], *, at: datetime, actor: str) -> None:
        """Append an audit entry and move `updated_at` on."""
        self.audit.append(AuditEntry(at=at, action=action, fields=list(fields), actor=actor))
        self.updated_at = max(self.updated_at, at)

    def add_incident(
        self,
        incident: Incident,
        *,
        at: datetime,
        idempotency_key: str | None = None,
        actor: str = "assistant",
    ) -> Incident:
        """Append a further dated incident (a diary entry) and return the stored copy."""
        added = dataclasses.replace(
            incident, recorded_at=at, source="follow_up", idempotency_key=idempotency_key
        )
        problems = added.problems()
        if problems:
            raise InvalidReport(problems)
        self.incidents.append(added)
        self.record("incident_added", ["incidents"], at=at, actor=actor)
        return added

    def has_incident_key(self, idempotency_key: str) -> bool:
        return any(incident.idempotency_key == idempotency_key for incident in self.incidents)

    def set_case_review_eligible(self, eligible: bool, *, at: datetime, actor: str) -> bool:
        """Record a new ASB Case Review eligibility; True when it changed."""
        if eligible == self.case_review_eligible:
            return False
        self.case_review_eligible = eligible
        self.record("case_review_eligibility_changed", ["case_review_eligible"], at=at, actor=actor)
        return True

    def set_status(self, status: str, *, at: datetime, actor: str) -> bool:
        """Move the case to `status`; True when it changed."""
        if status not in STATUSES:
            raise InvalidReport([f"status must be one of {list(STATUSES)}"])
        if status == self.status:
            return False
        self.status = status
        self.record("status_changed", ["status"], at=at, actor=actor)
        return True

    def add_alias(self, reference: str, *, at: datetime, actor: str) -> None:
        """Let another reference given out for the same submission lead here."""
        if reference != self.reference and reference not in self.aliases:
            self.aliases.append(reference)
            self.record("reference_alias_added", ["aliases"], at=at, actor=actor)

    def matches_identity(self, identity: str) -> bool:
        """True when `identity` is this case's phone, email or tenancy reference (normalised)."""
        if self.anonymous or not identity:
            return False
        candidates = (
            (normalise_phone(identity), self.reporter.phone_key),
            (normalise_email(identity), self.reporter.email_key),
            (normalise_tenancy_reference(identity), self.reporter.tenancy_key),
        )
        return any(
            given and stored and hmac.compare_digest(given, stored) for given, stored in candidates
        )

    def is_overdue(self, now: datetime) -> bool:
        return self.response_due is not None and self.response_due < now and self.status != "closed"


def _has_value(value: object) -> bool:
    if value is None or value is False or value in ("", [], {}):
        return False
    if dataclasses.is_dataclass(value):
        return any(_has_value(getattr(value, f.name)) for f in dataclasses.fields(value))
    return True


@dataclass(frozen=True, kw_only=True)
class ReportSummary:
    """An earlier report by the same reporter, enough for ASB Case Review triage."""

    reference: str
    created_at: datetime
    scope: str
    category: str | None
    priority: int | None
    status: str
    incident_count: int
    case_review_eligible: bool


@dataclass(frozen=True, kw_only=True)
class ReportHistory:
    """What an ASB Case Review rule needs: this case and the reporter's other recent reports."""

    case: Case
    earlier_reports: list[ReportSummary]
    since: datetime

    @property
    def report_count(self) -> int:
        """Separate reports in the window, counting this case."""
        return 1 + len(self.earlier_reports)
