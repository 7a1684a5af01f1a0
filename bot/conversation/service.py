"""The one object the actions talk to: the policy and the case store, built once per process."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property, lru_cache
from typing import Any

from bot.config import Settings, get_settings
from bot.conversation.answers import Context, Outcome, interpret
from bot.conversation.draft import answered, build_draft
from bot.conversation.triage_slots import triage_slots

log = logging.getLogger(__name__)

CASE_REVIEW_WINDOW = timedelta(days=183)


@dataclass(frozen=True)
class Submitted:
    """What the resident is told after a report is recorded."""

    reference: str
    scope: str
    stored: bool
    priority: int | None
    due_text: str | None
    case_review_eligible: bool


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class ReportingService:
    """Interprets answers, triages and records reports, using the policy data and case store."""

    def __init__(self, settings: Settings, policy: Any = None, cases: Any = None) -> None:
        self.settings = settings
        if policy is not None:
            self.__dict__["policy"] = policy
        if cases is not None:
            self.__dict__["cases"] = cases

    @cached_property
    def policy(self):
        from bot.policy import load_policy

        return load_policy(self.settings.policy_file)

    @cached_property
    def cases(self):
        from bot.cases import CaseService

        service = CaseService.from_settings(self.settings)
        service.on_startup()  # deliver anything parked while this process was down
        return service

    def context(self, now: datetime | None = None) -> Context:
        return Context(policy=self.policy, now=now or utc_now())

    def answer(self, slot: str, value: Any, slots: Mapping[str, Any], now=None) -> Outcome:
        return interpret(slot, value, slots, self.context(now))

    def submit(
        self, slots: Mapping[str, Any], sender_id: str, channel: str, now: datetime | None = None
    ) -> Submitted:
        """Triage the finished report afresh, record it once, and say what happens next."""
        now = now or utc_now()
        triage = triage_slots(slots, self.policy, now)
        eligible = self.case_review_eligible(slots, triage, now)
        final = {**slots, "triage": triage, "case_review_eligible": eligible}
        draft = build_draft(final, channel_name(channel), now)
        key = f"{sender_id}:{slots.get('report_id') or 'report'}"
        submission = self.cases.submit(draft, idempotency_key=key)
        log.info("report recorded reference=%s stored=%s", submission.reference, submission.stored)
        return Submitted(
            reference=submission.reference,
            scope=triage["scope"],
            stored=submission.stored,
            priority=triage["priority"],
            due_text=triage["response_due_text"],
            case_review_eligible=eligible,
        )

    def case_review_eligible(
        self, slots: Mapping[str, Any], triage: Mapping[str, Any], now: datetime
    ) -> bool:
        """Whether this report, with the resident's earlier ones, meets the ASB Case Review."""
        from bot.policy import PriorReport, case_review_eligibility

        if triage["scope"] == "excluded":
            return False
        earlier = []
        if answered(slots, "anonymous") is False:
            try:
                earlier = self.cases.earlier_reports(
                    tenancy_reference=answered(slots, "tenancy_reference"),
                    phone=answered(slots, "contact_phone"),
                    email=answered(slots, "contact_email"),
                    since=now - CASE_REVIEW_WINDOW,
                )
            except Exception:  # the review is a bonus; never lose a report over it
                log.warning("earlier reports unavailable; case review not evaluated")
        reports = [
            PriorReport(reported_at=r.created_at, category=r.category, hate=r.scope == "hate_crime")
            for r in earlier
        ]
        reports.append(
            PriorReport(reported_at=now, category=triage["category"],
                        hate=triage["scope"] == "hate_crime")
        )  # fmt: skip
        return case_review_eligibility(reports, now, self.policy).eligible

    def add_incident(
        self, reference: str, identity: str, slots: Mapping[str, Any], sender_id: str
    ) -> AddedIncident:
        """Append the resident's further incident to their case and re-check the Case Review."""
        from bot.cases.errors import CaseNotFound, CaseStoreUnavailable, InvalidReference
        from bot.cases.model import Incident

        when = slots.get("incident_when") if isinstance(slots.get("incident_when"), Mapping) else {}
        incident = Incident(
            what_happened=slots.get("incident_description"),
            first_occurred=when.get("iso_date"),
            last_occurred=when.get("iso_date"),
            original_words=when.get("original"),
        )
        try:
            result = self.cases.add_incident(
                reference, identity, incident,
                case_review=self._case_review_rule,
                idempotency_key=f"{sender_id}:{slots.get('report_id') or 'incident'}",
            )  # fmt: skip
        except (CaseNotFound, InvalidReference):
            return AddedIncident(reference, found=False, case_review_eligible=False)
        except CaseStoreUnavailable:
            return AddedIncident(reference, found=True, stored=False, case_review_eligible=False)
        return AddedIncident(result.reference, found=True,
                             case_review_eligible=result.case_review_eligible)  # fmt: skip

    def _case_review_rule(self, history) -> bool:
        """ASB Case Review over the case's own incidents and the reporter's other reports."""
        from bot.policy import PriorReport, case_review_eligibility

        case = history.case
        hate = case.scope == "hate_crime"
        reports = [
            PriorReport(reported_at=i.recorded_at or case.created_at, category=case.category,
                        hate=hate)
            for i in case.incidents
        ] + [
            PriorReport(reported_at=r.created_at, category=r.category, hate=r.scope == "hate_crime")
            for r in history.earlier_reports
        ]  # fmt: skip
        return case_review_eligibility(reports, utc_now(), self.policy).eligible


@dataclass(frozen=True)
class AddedIncident:
    reference: str
    found: bool
    case_review_eligible: bool
    stored: bool = True


def channel_name(input_channel: str | None) -> str:
    """The case's channel from Rasa's input channel name (`cmdline` is the terminal shell)."""
    if input_channel in ("rest", "webchat", "sms", "telegram"):
        return input_channel
    if input_channel == "cmdline":
        return "shell"
    return "rest"


@lru_cache(maxsize=1)
def reporting() -> ReportingService:
    """The process-wide service (the policy is loaded once, on first use)."""
    from bot.understanding import warm_up

    warm_up()  # spaCy and dateparser load once here, not inside a resident's answer
    return ReportingService(get_settings())
