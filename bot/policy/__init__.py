"""Triage policy engine: what kind of ASB report this is, how urgent, and where to get help.

Pure Python: no database, no network, no Rasa. The rules live as data in a YAML policy file
(`bot/policy/data/progress_housing.yml` by default); `load_policy()` validates it. Callers
load the policy once and pass it to every function.
"""

from bot.policy.case_review import (
    CaseReviewResult,
    PriorReport,
    case_review_eligibility,
)
from bot.policy.classify import TextSignals, classify_text
from bot.policy.errors import PolicyError
from bot.policy.loader import DEFAULT_POLICY_FILE, load_policy, parse_policy
from bot.policy.model import (
    Category,
    Exclusion,
    Helpline,
    Policy,
    Priority,
    Promise,
    Signpost,
)
from bot.policy.tenancy import TenancyCheck, check_tenancy_reference
from bot.policy.triage import Report, Triage, triage
from bot.policy.working_days import DueDate, response_due

__all__ = [
    "DEFAULT_POLICY_FILE",
    "CaseReviewResult",
    "Category",
    "DueDate",
    "Exclusion",
    "Helpline",
    "Policy",
    "PolicyError",
    "PriorReport",
    "Priority",
    "Promise",
    "Report",
    "Signpost",
    "TenancyCheck",
    "TextSignals",
    "Triage",
    "case_review_eligibility",
    "check_tenancy_reference",
    "classify_text",
    "load_policy",
    "parse_policy",
    "response_due",
    "triage",
]
