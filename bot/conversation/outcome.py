"""What the resident is told once a report or a further incident is recorded."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from bot.conversation.answers import Say, exclusion_values
from bot.conversation.draft import answered


def finish_messages(
    submitted: Any, slots: Mapping[str, Any], policy: Any, now: datetime | None = None
) -> list[Say]:
    """The reference, when they will hear from us, what happens next, and their rights."""
    triage = slots.get("triage") or {}
    if submitted.scope == "excluded":
        where = exclusion_values(triage, policy)["where_instead"]
        return [Say("utter_excluded_recorded", {"reference": submitted.reference,
                                                "where_instead": where})]  # fmt: skip
    messages = [
        Say(
            "utter_report_submitted",
            {
                "reference": submitted.reference,
                "priority_sentence": priority_sentence(submitted, policy),
                "next_steps": next_steps(submitted, slots, policy, now),
            },
        )
    ]
    if submitted.case_review_eligible:
        review = policy.case_review
        messages.append(Say("utter_case_review_right", {
            "case_review": f"You may be able to ask for an ASB Case Review. {review.condition} "
                           f"{review.more_information}"}))  # fmt: skip
    messages.append(Say("utter_add_incidents_later", {"reference": submitted.reference}))
    return messages


def priority_sentence(submitted: Any, policy: Any) -> str:
    if submitted.priority is None:
        return ""
    wording = policy.priority(submitted.priority).resident_wording
    return f"{wording} That is {submitted.due_text}." if submitted.due_text else wording


def next_steps(submitted: Any, slots: Mapping[str, Any], policy: Any, now=None) -> str:
    """Promises that apply to this report, quoted from the policy, and out-of-hours timing."""
    triage = slots.get("triage") or {}
    parts = list(triage.get("promises") or [])
    if submitted.scope == "hate_crime" and answered(slots, "police_consent") is True:
        parts.append(policy.hate_crime.police_report_offer)
    opening = next_opening(policy, now)
    if opening is not None:
        parts.append(f"Our office is closed just now, so we will pick this up when we open, "
                     f"{opening}.")  # fmt: skip
    return " ".join(parts)


def next_opening(policy: Any, now: datetime | None = None) -> str | None:
    """When the office next opens, in words ("Monday 23 November at 8am"), or None if open now."""
    from bot.policy.wording import clock_text, day_text
    from bot.policy.working_days import clock_start

    now = now or datetime.now(timezone.utc)
    starts = clock_start(now, policy)
    if starts <= now.astimezone(starts.tzinfo):
        return None
    return f"{day_text(starts.date())} at {clock_text(starts.hour, starts.minute)}"


def incident_messages(added: Any, policy: Any) -> list[Say]:
    if not added.found:
        return [Say("utter_incident_not_found")]
    if not added.stored:
        return [Say("utter_submit_failed")]
    review = ""
    if added.case_review_eligible:
        review = f"You may be able to ask for an ASB Case Review. {policy.case_review.condition}"
    return [Say("utter_incident_added", {"reference": added.reference, "case_review": review})]
