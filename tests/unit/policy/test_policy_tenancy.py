"""Tenancy reference checks.

Landlord: "you will need your nine or 10-digit tenancy reference number beginning with a ‘4’ or
‘5’."
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.policy import TenancyCheck, check_tenancy_reference
from bot.policy.tenancy import describe_format


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("412345678", "412345678"),
        ("5123456789", "5123456789"),
        ("412 345 678", "412345678"),
        ("512-345-6789", "5123456789"),
        (" 4123 45678 ", "412345678"),
        ("512–345–6789", "5123456789"),  # an en dash pasted from a letter
    ],
)
def test_nine_or_ten_digits_starting_with_4_or_5_are_valid(
    policy: Any, typed: str, normalised: str
) -> None:
    assert check_tenancy_reference(typed, policy) == TenancyCheck(True, normalised, None)


def test_the_wrong_length_says_how_many_digits_were_typed(policy: Any) -> None:
    result = check_tenancy_reference("41234567", policy)
    assert not result.valid
    assert result.normalised is None
    assert result.reason == (
        "A tenancy reference has nine or ten digits and starts with 4 or 5 — that one has 8 digits."
    )


def test_a_wrong_first_digit_is_explained(policy: Any) -> None:
    assert check_tenancy_reference("712345678", policy).reason == (
        "A tenancy reference has nine or ten digits and starts with 4 or 5 — that one starts "
        "with 7."
    )


def test_letters_are_explained(policy: Any) -> None:
    reason = check_tenancy_reference("4123A5678", policy).reason
    assert reason.endswith("that one has letters or other characters in it.")


def test_one_digit_is_singular(policy: Any) -> None:
    assert check_tenancy_reference("4", policy).reason.endswith("that one has 1 digit.")


@pytest.mark.parametrize("typed", ["", "   ", " - "])
def test_an_empty_reference_asks_for_one(policy: Any, typed: str) -> None:
    assert check_tenancy_reference(typed, policy).reason == (
        "Please type your tenancy reference. A tenancy reference has nine or ten digits and "
        "starts with 4 or 5."
    )


def test_the_format_is_described_from_the_data(policy: Any) -> None:
    assert describe_format(policy) == "nine or ten digits and starts with 4 or 5"
