"""Check a tenancy reference against the format in the policy."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.policy.model import Policy
from bot.policy.wording import join_or, number_words, plural

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―]+")  # spaces and hyphens/dashes people type or paste
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class TenancyCheck:
    """Whether a tenancy reference is valid; the cleaned reference or a plain-English reason."""

    valid: bool
    normalised: str | None
    reason: str | None


def describe_format(policy: Policy) -> str:
    """E.g. "nine or ten digits and starts with 4 or 5"."""
    spec = policy.tenancy_reference
    lengths = join_or([number_words(n) for n in sorted(spec.lengths)])
    digits = "digit" if spec.lengths == (1,) else "digits"
    if not spec.starts_with:
        return f"{lengths} {digits}"
    return f"{lengths} {digits} and starts with {join_or(list(spec.starts_with))}"


def check_tenancy_reference(text: str, policy: Policy) -> TenancyCheck:
    """Strip spaces and hyphens, then check length and first digit."""
    spec = policy.tenancy_reference
    label = spec.label
    article = "An" if label[:1].lower() in "aeiou" else "A"
    rule = f"{article} {label} has {describe_format(policy)}"
    cleaned = _SEPARATORS.sub("", text or "")
    if not cleaned:
        return TenancyCheck(False, None, f"Please type your {label}. {rule}.")
    if not _DIGITS.fullmatch(cleaned):
        return TenancyCheck(
            False, None, f"{rule} — that one has letters or other characters in it."
        )
    if len(cleaned) not in spec.lengths:
        return TenancyCheck(False, None, f"{rule} — that one has {plural(len(cleaned), 'digit')}.")
    if spec.starts_with and not cleaned.startswith(spec.starts_with):
        return TenancyCheck(False, None, f"{rule} — that one starts with {cleaned[0]}.")
    return TenancyCheck(True, cleaned, None)
