"""Case references: readable, checkable, random."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cases.errors import InvalidReference
from bot.cases.references import (
    ALPHABET,
    generate_reference,
    is_valid_reference,
    validate_reference,
)

FORMAT = re.compile(r"^ASB-[23456789ABCDEFGHJKMNPQRSTVWXY]{4}-[23456789ABCDEFGHJKMNPQRSTVWXY]{4}$")


def _body(reference: str) -> str:
    return reference.replace("ASB-", "").replace("-", "")


def _format(body: str) -> str:
    return f"ASB-{body[:4]}-{body[4:]}"


def test_alphabet_has_no_look_alikes_and_prime_size():
    assert not set("01OILUZ") & set(ALPHABET)
    assert len(ALPHABET) == len(set(ALPHABET)) == 29


def test_generated_references_have_the_readable_format_and_validate():
    for _ in range(500):
        reference = generate_reference()
        assert FORMAT.match(reference), reference
        assert validate_reference(reference) == reference


def test_references_are_random_not_sequential():
    references = [generate_reference() for _ in range(5000)]
    assert len(set(references)) == len(references)
    # Consecutive references share no common prefix beyond chance.
    shared = sum(a[:6] == b[:6] for a, b in itertools.pairwise(references))
    assert shared < 50


@pytest.mark.parametrize(
    "typed",
    ["asb-{a}-{b}", "ASB {a} {b}", "asb{a}{b}", "{a}-{b}", " {a} {b} ", "ASB_{a}.{b}"],
)
def test_validation_normalises_case_spaces_hyphens_and_prefix(typed):
    reference = generate_reference()
    body = _body(reference)
    text = typed.format(a=body[:4].lower(), b=body[4:])
    assert validate_reference(text) == reference


def test_every_single_character_error_is_caught():
    for _ in range(50):
        body = _body(generate_reference())
        for position in range(8):
            for symbol in ALPHABET:
                if symbol != body[position]:
                    wrong = body[:position] + symbol + body[position + 1 :]
                    assert not is_valid_reference(_format(wrong))


def test_every_swap_of_two_characters_is_caught():
    for _ in range(200):
        body = _body(generate_reference())
        for i in range(8):
            for j in range(i + 1, 8):
                if body[i] != body[j]:
                    swapped = list(body)
                    swapped[i], swapped[j] = swapped[j], swapped[i]
                    assert not is_valid_reference(_format("".join(swapped)))


@pytest.mark.parametrize(
    "text", ["", "ASB-", "ASB-7KQ9-M2X", "ASB-7KQ9-M2XHH", "ASB-7KQ0-M2XH", "ASB-7KQI-M2XH"]
)
def test_malformed_references_are_rejected(text):
    with pytest.raises(InvalidReference):
        validate_reference(text)


def test_non_text_is_rejected():
    with pytest.raises(InvalidReference):
        validate_reference(None)  # type: ignore[arg-type]


@given(st.text(max_size=20))
def test_validation_never_crashes_on_arbitrary_text(text):
    try:
        canonical = validate_reference(text)
    except InvalidReference:
        return
    assert FORMAT.match(canonical)
