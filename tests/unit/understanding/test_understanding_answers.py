"""Form answers: yes/no, skip, phone, email and free text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understanding.answers import (
    TRUNCATION_MARKER,
    EmailCheck,
    PhoneCheck,
    clean_text,
    is_command,
    is_skip,
    parse_email,
    parse_phone,
    parse_yes_no,
)


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes!", "yeah", "yep", "y", "ok", "OK.", "sure", "correct", "👍", "👍🏽", "✅", "aye",
     "yes please", "Yes, he lives at number 12", "of course", "that's right", "  YES  "],
)  # fmt: skip
def test_yes_like_answers_are_true(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    ["no", "No.", "nope", "nah", "n", "not really", "👎", "❌", "no thanks",
     "no, it only happened once", "definitely not", "I don't think so"],
)  # fmt: skip
def test_no_like_answers_are_false(text: str) -> None:
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["maybe", "not sure", "hello", "", "   ", "🙂🙃", "yes and no"])
def test_unclear_answers_are_none(text: str) -> None:
    assert parse_yes_no(text) is None


@pytest.mark.parametrize(
    "text",
    ["skip", "Skip", "I don't know", "dunno", "idk", "I'd rather not say", "prefer not to say",
     "not sure", "n/a", "N/A", "pass", "no idea", "Dunno, sorry", "I'd rather not say thanks"],
)  # fmt: skip
def test_skip_and_dont_know_answers_are_skips(text: str) -> None:
    assert is_skip(text)


@pytest.mark.parametrize(
    "text", ["I don't know who it is", "yes", "no", "the man at number 12", "passing cars", ""]
)
def test_real_answers_are_not_skips(text: str) -> None:
    assert not is_skip(text)


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("+44 7700 900123", "+447700900123"),
        ("07700900123", "+447700900123"),
        ("07700 900 123", "+447700900123"),
        ("0161 496 0000", "+441614960000"),
        ("020 7946 0000", "+442079460000"),
        ("my number is 07700 900123 thanks", "+447700900123"),
        ("+1 202 555 0143", "+12025550143"),
    ],
)
def test_uk_mobile_and_landline_numbers_are_valid(text: str, e164: str) -> None:
    assert parse_phone(text) == PhoneCheck(valid=True, e164=e164, reason=None)


@pytest.mark.parametrize("text", ["12345", "hello", "", "0770090", "077009001234567", "999"])
def test_invalid_numbers_get_a_polite_reason(text: str) -> None:
    check = parse_phone(text)
    assert not check.valid
    assert check.e164 is None
    assert check.reason
    assert "please" in check.reason.lower() or "sorry" in check.reason.lower()


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("jo@example.com", "jo@example.com"),
        ("  Jo.Bloggs@Example.COM ", "Jo.Bloggs@example.com"),
        ("it's jo@example.com thanks", "jo@example.com"),
    ],
)
def test_valid_emails_are_normalised_without_network(text: str, normalised: str) -> None:
    assert parse_email(text) == EmailCheck(valid=True, normalised=normalised, reason=None)


@pytest.mark.parametrize("text", ["bad@", "no email", "", "a@b", "jo@@example.com"])
def test_invalid_emails_get_a_polite_reason(text: str) -> None:
    check = parse_email(text)
    assert not check.valid
    assert check.normalised is None
    assert check.reason


def test_clean_text_strips_tags_but_keeps_the_words() -> None:
    assert clean_text("<b>He</b> shouted <i>again</i>") == "He shouted again"


def test_clean_text_drops_scripts_and_escaped_markup() -> None:
    assert clean_text("<script>alert(1)</script>noise") == "noise"
    assert "<" not in clean_text("&lt;img src=x onerror=alert(1)&gt;hello")


def test_clean_text_keeps_emoji_and_drops_control_and_bidi_characters() -> None:
    assert clean_text("scared 😢\x00\x07 \u202eplease 👨‍👩‍👧") == "scared 😢 please 👨‍👩‍👧"


def test_clean_text_normalises_whitespace_but_keeps_paragraphs() -> None:
    assert clean_text("  a \t b\r\n\r\n\r\n\r\nc  ") == "a b\n\nc"


def test_clean_text_keeps_less_than_signs_that_are_not_tags() -> None:
    assert clean_text("I <3 my flat, 5 < 6") == "I <3 my flat, 5 < 6"


def test_clean_text_truncates_with_a_marker() -> None:
    cleaned = clean_text("word " * 1000, max_len=100)
    assert len(cleaned) <= 100
    assert cleaned.endswith(TRUNCATION_MARKER)


@pytest.mark.parametrize("text", ["", "   ", "\x00", None])
def test_clean_text_of_nothing_is_empty(text: str | None) -> None:
    assert clean_text(text) == ""  # type: ignore[arg-type]


def test_clean_text_copes_with_a_huge_paste() -> None:
    assert len(clean_text("<p>" + "x" * 5_000_000 + "</p>")) <= 2000


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000), st.integers(min_value=0, max_value=3000))
def test_clean_text_never_raises_and_respects_the_limit(text: str, max_len: int) -> None:
    cleaned = clean_text(text, max_len=max_len)
    assert len(cleaned) <= max_len
    assert "\x00" not in cleaned


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_form_parsers_never_raise(text: str) -> None:
    assert parse_yes_no(text) in {True, False, None}
    assert isinstance(is_skip(text), bool)
    assert isinstance(parse_phone(text), PhoneCheck)
    assert isinstance(parse_email(text), EmailCheck)


@pytest.mark.parametrize(
    "text",
    ["stop", "cancel", "Stop please", "forget it", "I want to stop", "can you cancel it",
     "actually forget the whole thing", "dont worry about it ill leave it", "never mind"],
)  # fmt: skip
def test_whole_message_cancel_commands_are_recognised(text):
    assert is_command(text, "cancel")


@pytest.mark.parametrize(
    "text",
    ["start again", "can we start over", "restart", "restart the report", "let me start again",
     "go back to the beginning", "can we do it from the start again"],
)  # fmt: skip
def test_whole_message_restart_commands_are_recognised(text):
    assert is_command(text, "restart")


@pytest.mark.parametrize(
    "text",
    ["beginning of september", "stop it he keeps banging", "start", "they wont stop",
     "it started again last night", "please stop them", "the start of the month"],
)  # fmt: skip
def test_answers_that_resemble_commands_are_not_commands(text):
    assert not is_command(text, "cancel") and not is_command(text, "restart")
