"""Question wording that depends on the policy data."""

from __future__ import annotations

from typing import Any

from bot.policy.wording import join_or, number_words

# The categories offered as buttons: the most reported ones, few enough for an SMS menu. Anything
# else the resident can describe in their own words.
CATEGORY_BUTTONS = (
    "noise",
    "harassment",
    "violence",
    "hate_crime",
    "criminal_damage",
    "drugs",
    "youth_nuisance",
    "dogs",
    "domestic_abuse",
)


def tenancy_reference_hint(policy: Any) -> str:
    """E.g. "It has nine or 10 digits and starts with 4 or 5." from the policy's format."""
    rule = policy.tenancy_reference
    lengths = join_or([number_words(n) for n in rule.lengths])
    return f"It has {lengths} digits and starts with {join_or(list(rule.starts_with))}."
