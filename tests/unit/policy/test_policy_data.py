"""The Progress Housing policy data traces to the published pages and keeps the contracts.

The two pages are copied in tests/fixtures/policies/sources/ (seeds 000 and 001).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.contracts import CATEGORIES, EXCLUSIONS
from bot.policy.model import SMS_LIMIT

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "policies" / "sources"

CONTRACT_CATEGORIES = CATEGORIES
CONTRACT_EXCLUSIONS = EXCLUSIONS
CONTRACT_STRANDS = {"race", "religion", "disability", "sexual_orientation", "transgender_identity"}


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.replace("•", " ").split())


@pytest.fixture(scope="module")
def published() -> str:
    pages = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
    assert len(pages) == 2
    return normalise("\n".join(pages))


def sources_in(obj: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (path, quote) for every `source` quote anywhere in the policy tree."""
    if dataclasses.is_dataclass(obj):
        for field in dataclasses.fields(obj):
            value = getattr(obj, field.name)
            where = f"{path}.{field.name}" if path else field.name
            if field.name == "source":
                for quote in value:
                    yield where, quote
            else:
                yield from sources_in(value, where)
    elif isinstance(obj, tuple):
        for index, item in enumerate(obj):
            yield from sources_in(item, f"{path}[{index}]")


def test_every_rule_quotes_a_sentence_that_appears_word_for_word_in_the_pages(
    policy: Any, published: str
) -> None:
    quotes = list(sources_in(policy))
    assert len(quotes) > 150
    missing = [(path, q) for path, q in quotes if normalise(q) not in published]
    assert missing == []


def test_every_rule_has_at_least_one_source(policy: Any) -> None:
    for section in (
        policy.categories,
        policy.exclusions,
        policy.aggravating_factors,
        policy.risk_factors,
        policy.signposts,
        policy.helplines,
        policy.priorities,
        policy.promises,
        policy.case_review.rules,
        policy.decisions,
    ):
        for item in section:
            assert item.source, getattr(item, "key", item)


def test_every_helpline_number_and_published_wording_is_quoted_exactly(
    policy: Any, published: str
) -> None:
    for helpline in policy.helplines:
        assert helpline.number in published
        assert normalise(helpline.published) in published or all(
            normalise(part) in published for part in re.split(r"(?<=\.) ", helpline.published)
        )
        for extra in (helpline.text_number, helpline.hours, helpline.email, helpline.website):
            assert extra is None or normalise(extra) in published


def test_the_emergency_numbers_are_as_published(policy: Any, published: str) -> None:
    """Landlord: "please call 999 now", "call 101", "Crimestoppers at 0800 555 111"."""
    emergency = policy.emergency
    assert (emergency.number, emergency.non_emergency, emergency.crimestoppers) == (
        "999",
        "101",
        "0800 555 111",
    )
    for text in (
        emergency.when,
        emergency.crime_in_progress,
        emergency.non_emergency_text,
        emergency.crimestoppers_text,
    ):
        assert normalise(text) in published


def test_the_organisation_profile_is_as_published(policy: Any, published: str) -> None:
    """Landlord: "call us on 0333 320 4555. Lines are open between 8am and 6pm, Monday to
    Friday"."""
    org = policy.organisation
    assert org.phone == "0333 320 4555"
    assert normalise(org.phone_text) in published
    assert normalise(org.online_response_text) in published
    assert org.online_response_days == 5
    assert [str(getattr(org.opening_hours, d).opens) for d in ("monday", "friday")] == [
        "08:00:00",
        "08:00:00",
    ]
    assert org.opening_hours.saturday.opens is None
    assert (org.timezone, org.bank_holidays.country, org.bank_holidays.subdivision) == (
        "Europe/London",
        "GB",
        "ENG",
    )


def test_promises_and_signposts_quoting_the_landlord_are_word_for_word(
    policy: Any, published: str
) -> None:
    for promise in policy.promises:
        assert normalise(promise.text) in published
    for key in ("police_101", "crimestoppers", "police_report_offer", "emergency_999"):
        assert normalise(policy.signpost(key).text) in published


def test_the_contract_keys_are_all_present(policy: Any) -> None:
    """docs/contracts.md fixes the category, exclusion and strand keys."""
    assert {c.key for c in policy.categories} == CONTRACT_CATEGORIES
    assert {e.key for e in policy.exclusions} == CONTRACT_EXCLUSIONS
    assert {s.key for s in policy.hate_crime.strands} == CONTRACT_STRANDS
    assert {p.level for p in policy.priorities} == {1, 2}


def test_resident_wording_for_exclusions_fits_an_sms(policy: Any) -> None:
    for exclusion in policy.exclusions:
        assert len(exclusion.explanation) < SMS_LIMIT
        assert len(exclusion.where_to_go) < SMS_LIMIT


def test_hate_and_mate_crime_sections_list_every_published_strand_type_and_sign(
    policy: Any,
) -> None:
    """Landlord: hate crime types and mate crime signs as bulleted on the page."""
    assert len(policy.hate_crime.types) == 9
    assert len(policy.mate_crime.signs) == 10
