"""The end-to-end tests' resident reads SMS choices the way the channel writes them."""

from __future__ import annotations

from bot.channels.rendering import Choice, numbered_choices, split_numbered
from tests.integration.channels.report_driver import Resident, sms_options


def choices(*titles: str) -> tuple[Choice, ...]:
    return tuple(Choice(title, title) for title in titles)


def test_reads_inline_choices_back() -> None:
    for titles in (
        ("Yes",),
        ("Yes", "No"),
        ("Yes, there's more", "No, that's all", "Not sure"),
        ("For myself", "For someone else", "I saw it happen"),
    ):
        assert sms_options("Question?\n\n" + numbered_choices(choices(*titles))) == list(titles)


def test_reads_listed_choices_back_even_from_a_numbered_part() -> None:
    titles = ("Just once", "Every day", "Every night", "A few times a week", "Every week")
    text = "How often does it happen? " * 14 + "\n\n" + numbered_choices(choices(*titles))
    parts = split_numbered(text, 320)
    assert len(parts) > 1
    assert sms_options(parts[-1]) == list(titles)


def test_no_choices() -> None:
    assert sms_options("Where does it happen?") == []


def test_resident_answers() -> None:
    resident = Resident()
    assert (
        resident.answer("Are you or anyone else in immediate danger right now?", ["Yes", "No"])
        == "No"
    )
    assert resident.answer("Is there more to it?", ["Yes, there's more", "No, that's all"]) == (
        "No, that's all"
    )
    assert resident.answer("How often?", ["Now and then", "Just once"]) == "Now and then"
    assert resident.answer("Do you know who?", ["Yes", "Not sure", "No"]) == "No"
    assert resident.answer("Where does it happen?", []) == "skip"
    assert resident.answer("Here is what I'll record: ... Is this right?", []) == "Yes"
    resident.heard("Thank you. Your reference is ASB-AB12-CD34.")
    assert resident.reference() == "ASB-AB12-CD34"
