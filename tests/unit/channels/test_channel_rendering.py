"""Plain-text rendering shared by the channels."""

from __future__ import annotations

import pytest

from bot.channels.rendering import (
    SMS_PART_LIMIT,
    Choice,
    PlainMessage,
    as_typed_text,
    choices_from_buttons,
    match_choice,
    numbered_choices,
    numbered_turn,
    plain_messages,
    split_numbered,
    split_text,
    strip_markup,
)

YES_NO = (Choice("Yes", "/affirm"), Choice("No", "/deny"))


@pytest.mark.parametrize(
    ("markup", "plain"),
    [
        ("**Thanks.** We have it.", "Thanks. We have it."),
        ("__Important__ and _quiet_ and *soft*", "Important and quiet and soft"),
        ("See [our policy](https://ex.org/p).", "See our policy (https://ex.org/p)."),
        ("[https://ex.org](https://ex.org)", "https://ex.org"),
        ("Use `ASB-1234-ABCD`", "Use ASB-1234-ABCD"),
        ("# Heading\nText", "Heading\nText"),
        ("a\n\n\n\nb  ", "a\n\nb"),
        ("snake_case_word and 3 * 4 * 5", "snake_case_word and 3 * 4 * 5"),
        ("<b>not markup</b> & more", "<b>not markup</b> & more"),
    ],
)
def test_strip_markup(markup: str, plain: str) -> None:
    assert strip_markup(markup) == plain


def test_numbered_choices_inline_for_few() -> None:
    assert numbered_choices(YES_NO) == "Reply 1 for Yes or 2 for No."
    three = (*YES_NO, Choice("Not sure", "/unsure"))
    assert numbered_choices(three) == "Reply 1 for Yes, 2 for No or 3 for Not sure."
    assert numbered_choices(YES_NO[:1]) == "Reply 1 for Yes."
    assert numbered_choices(()) == ""
    whose = (
        Choice("For myself", "me"),
        Choice("For someone else", "other"),
        Choice("I saw it", "w"),
    )
    assert numbered_choices(whose) == ("Reply 1 for myself, 2 for someone else or 3 for I saw it.")


def test_numbered_choices_listed_for_many() -> None:
    many = tuple(Choice(f"Option {n}", f"/o{n}") for n in range(1, 7))
    text = numbered_choices(many)
    assert text.splitlines()[0] == "Reply with a number:"
    assert text.splitlines()[1:] == [f"{n} Option {n}" for n in range(1, 7)]


@pytest.mark.parametrize("reply", ["1", " 1 ", "1.", "1)", "no. 1", "yes", "YES", "Yes."])
def test_match_choice_selects_first(reply: str) -> None:
    assert match_choice(reply, YES_NO) == "/affirm"


@pytest.mark.parametrize("reply", ["3", "0", "12", "yes please", "", "1 2"])
def test_match_choice_leaves_other_replies_alone(reply: str) -> None:
    assert match_choice(reply, YES_NO) is None


def test_match_choice_without_choices() -> None:
    assert match_choice("1", ()) is None


def test_choices_from_buttons_falls_back_to_title() -> None:
    choices = choices_from_buttons(
        [{"title": "**Noise**", "payload": "/noise"}, {"title": "Other"}, {}]
    )
    assert choices == (Choice("Noise", "/noise"), Choice("Other", "Other"))


def test_plain_messages_keeps_text_and_buttons_drops_empty() -> None:
    messages = plain_messages(
        [
            {"recipient_id": "x", "text": "**Hello**"},
            {"recipient_id": "x", "text": "Pick", "buttons": [{"title": "A", "payload": "/a"}]},
            {"recipient_id": "x", "custom": {"anything": 1}},
            {"recipient_id": "x", "image": "https://ex.org/i.png"},
        ]
    )
    assert messages == [
        PlainMessage("Hello"),
        PlainMessage("Pick", (Choice("A", "/a"),)),
        PlainMessage("https://ex.org/i.png"),
    ]
    assert messages[1].as_json() == {"text": "Pick", "buttons": [{"title": "A", "payload": "/a"}]}
    assert messages[0].as_json() == {"text": "Hello"}


def test_numbered_turn_numbers_only_the_last_set_of_choices() -> None:
    turn = numbered_turn(
        [
            PlainMessage("First", (Choice("A", "/a"), Choice("B", "/b"))),
            PlainMessage("Thanks."),
            PlainMessage("Danger?", YES_NO),
        ]
    )
    assert (
        turn.text == "First\n\nOptions: A, B.\n\nThanks.\n\nDanger?\n\nReply 1 for Yes or 2 for No."
    )
    assert turn.choices == YES_NO


def test_numbered_turn_without_choices() -> None:
    turn = numbered_turn([PlainMessage("Only text")])
    assert turn == numbered_turn([PlainMessage("Only text")])
    assert turn.choices == ()


def test_as_typed_text_never_starts_with_a_slash() -> None:
    assert as_typed_text("/restart") == "restart"
    assert as_typed_text("  //affirm ") == "affirm"
    assert as_typed_text("a/b") == "a/b"
    assert as_typed_text("/") == ""


def test_split_text_short_text_is_one_part() -> None:
    assert split_text("  Hello.  ", 320) == ["Hello."]
    assert split_text("   ", 320) == []


def test_split_text_prefers_paragraphs_then_sentences_then_words() -> None:
    paragraphs = "First paragraph here.\n\nSecond paragraph here."
    assert split_text(paragraphs, 30) == ["First paragraph here.", "Second paragraph here."]
    sentences = "One two three. Four five six. Seven eight nine."
    assert split_text(sentences, 30) == ["One two three. Four five six.", "Seven eight nine."]
    words = "alpha beta gamma delta epsilon zeta"
    assert split_text(words, 12) == ["alpha beta", "gamma delta", "epsilon zeta"]


def test_split_text_cuts_only_words_longer_than_a_part() -> None:
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_split_text_never_loses_words_or_exceeds_the_limit() -> None:
    text = " ".join(f"Sentence number {n} ends here." for n in range(60))
    parts = split_text(text, SMS_PART_LIMIT)
    assert all(len(part) <= SMS_PART_LIMIT for part in parts)
    assert " ".join(parts).split() == text.split()


def test_split_numbered_marks_parts_within_the_limit() -> None:
    text = " ".join(f"Sentence number {n} ends here." for n in range(60))
    parts = split_numbered(text, SMS_PART_LIMIT)
    assert len(parts) > 1
    assert all(len(part) <= SMS_PART_LIMIT for part in parts)
    assert parts[0].endswith(f" (1/{len(parts)})")
    assert parts[-1].endswith(f" ({len(parts)}/{len(parts)})")
    assert split_numbered("Short.", SMS_PART_LIMIT) == ["Short."]


def test_split_text_rejects_a_silly_limit() -> None:
    with pytest.raises(ValueError):
        split_text("x", 0)
