"""Normalising the contact details a resident proves a case with."""

from __future__ import annotations

import pytest

from bot.cases.identity import normalise_email, normalise_phone, normalise_tenancy_reference


@pytest.mark.parametrize(
    "text",
    [
        "07700 900123",
        "07700-900-123",
        "+44 7700 900123",
        "+44 (0)7700 900123",
        "0044 7700 900123",
    ],
)
def test_uk_phone_numbers_normalise_to_one_form(text):
    assert normalise_phone(text) == "07700900123"


@pytest.mark.parametrize("text", [None, "", "   "])
def test_blank_details_normalise_to_none(text):
    assert normalise_phone(text) is None
    assert normalise_email(text) is None
    assert normalise_tenancy_reference(text) is None


def test_email_is_trimmed_and_lower_cased():
    assert normalise_email("  Alex@Example.ORG ") == "alex@example.org"


def test_tenancy_reference_drops_spaces_and_hyphens():
    assert normalise_tenancy_reference("4123 456-789") == "4123456789"
