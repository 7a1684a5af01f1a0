"""Plain-text rendering shared by the channels: markup stripping, choices, splitting."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SMS_PART_LIMIT = 320
TELEGRAM_TEXT_LIMIT = 4096
# Longer lists read better one per line than as one long sentence.
INLINE_CHOICES_MAX = 4

_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NUMBER_REPLY = re.compile(r"^\s*(?:no\.?\s*)?(\d{1,3})\s*[.)]?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Choice:
    """One button offered to the resident."""

    title: str
    payload: str


@dataclass(frozen=True)
class PlainMessage:
    """A bot message reduced to what every channel can show: text and choices."""

    text: str
    choices: tuple[Choice, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The message as sent to the web chat page and the Telegram bridge."""
        data: dict[str, Any] = {"text": self.text}
        if self.choices:
            data["buttons"] = [{"title": c.title, "payload": c.payload} for c in self.choices]
        return data


def strip_markup(text: str) -> str:
    """Turn the light Markdown used in responses into plain text."""
    text = _LINK.sub(lambda m: m[2] if m[1] == m[2] else f"{m[1]} ({m[2]})", text)
    text = _BOLD.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _CODE.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", text).strip()


def choices_from_buttons(buttons: Iterable[Mapping[str, Any]] | None) -> tuple[Choice, ...]:
    """Rasa button dicts as choices; a button without a payload sends its title."""
    choices = []
    for button in buttons or ():
        title = strip_markup(str(button.get("title") or "")).strip()
        payload = str(button.get("payload") or title).strip()
        if title or payload:
            choices.append(Choice(title=title or payload, payload=payload))
    return tuple(choices)


def plain_messages(messages: Iterable[Mapping[str, Any]]) -> list[PlainMessage]:
    """Reduce collected Rasa bot messages to plain text and choices, dropping empty ones."""
    result = []
    for message in messages:
        parts = []
        if message.get("text"):
            parts.append(strip_markup(str(message["text"])))
        if message.get("image"):
            parts.append(str(message["image"]))
        choices = choices_from_buttons(message.get("buttons") or message.get("quick_replies"))
        text = "\n\n".join(part for part in parts if part)
        if text or choices:
            result.append(PlainMessage(text=text, choices=choices))
    return result


def numbered_choices(choices: Sequence[Choice]) -> str:
    """Choices as a reply-with-a-number prompt, e.g. "Reply 1 for Yes or 2 for No."."""
    if not choices:
        return ""
    if len(choices) > INLINE_CHOICES_MAX:
        lines = [f"{number} {choice.title}" for number, choice in enumerate(choices, start=1)]
        return "Reply with a number:\n" + "\n".join(lines)
    options = [
        _inline_option(number, choice.title) for number, choice in enumerate(choices, start=1)
    ]
    if len(options) == 1:
        return f"Reply {options[0]}."
    return f"Reply {', '.join(options[:-1])} or {options[-1]}."


def _inline_option(number: int, title: str) -> str:
    # "1 for For myself" reads badly: a title that starts with "For" supplies its own.
    if title[:4].casefold() == "for ":
        return f"{number} {title[0].lower()}{title[1:]}"
    return f"{number} for {title}"


def listed_choices(choices: Sequence[Choice]) -> str:
    """Choices that cannot be answered by number (an earlier set in the same turn)."""
    return "Options: " + ", ".join(choice.title for choice in choices) + "."


@dataclass(frozen=True)
class PlainTurn:
    """Everything the bot said in one turn as one text, plus the choices a number selects."""

    text: str
    choices: tuple[Choice, ...]


def numbered_turn(messages: Sequence[PlainMessage]) -> PlainTurn:
    """Join a turn's messages; only the last set of buttons is numbered (a number means one)."""
    last_with_choices = max(
        (index for index, message in enumerate(messages) if message.choices), default=None
    )
    blocks = []
    for index, message in enumerate(messages):
        if message.text:
            blocks.append(message.text)
        if message.choices:
            if index == last_with_choices:
                blocks.append(numbered_choices(message.choices))
            else:
                blocks.append(listed_choices(message.choices))
    choices = messages[last_with_choices].choices if last_with_choices is not None else ()
    return PlainTurn(text="\n\n".join(blocks), choices=choices)


def match_choice(reply: str, choices: Sequence[Choice]) -> str | None:
    """The payload a reply selects: its number ("1", "1.", "2)") or exact title; else None."""
    if not choices or not reply:
        return None
    number = _NUMBER_REPLY.match(reply)
    if number:
        index = int(number[1])
        return choices[index - 1].payload if 1 <= index <= len(choices) else None
    wanted = " ".join(reply.split()).casefold().rstrip(".!")
    for choice in choices:
        if " ".join(choice.title.split()).casefold() == wanted:
            return choice.payload
    return None


def as_typed_text(text: str) -> str:
    """Typed text never reaches Rasa as an intent payload (a leading "/" would make it one)."""
    return text.lstrip().lstrip("/").strip()


def _pack(pieces: Iterable[str], separator: str, limit: int) -> list[str]:
    """Greedily join pieces (each already within limit) into chunks within limit."""
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                chunks.append(current)
            current = piece
    if current:
        chunks.append(current)
    return chunks


def _split_words(text: str, limit: int) -> list[str]:
    words = []
    for word in text.split():
        # A single "word" longer than a part (a long URL) is cut; nothing else is.
        words.extend(word[i : i + limit] for i in range(0, len(word), limit))
    return _pack(words, " ", limit)


def _split_sentences(paragraph: str, limit: int) -> list[str]:
    pieces = []
    for sentence in _SENTENCE_END.split(paragraph):
        pieces.extend([sentence] if len(sentence) <= limit else _split_words(sentence, limit))
    return _pack(pieces, " ", limit)


def split_text(text: str, limit: int) -> list[str]:
    """Split text into parts of at most `limit` characters at paragraph, sentence or word ends."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    pieces = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        pieces.extend(
            [paragraph] if len(paragraph) <= limit else _split_sentences(paragraph, limit)
        )
    return _pack(pieces, "\n\n", limit)


def split_numbered(text: str, limit: int) -> list[str]:
    """Split like `split_text`, marking parts " (1/3)" when there is more than one."""
    parts = split_text(text, limit)
    reserve = 0
    # The marker's width depends on the part count, which depends on the marker's width.
    while len(parts) > 1:
        needed = len(f" ({len(parts)}/{len(parts)})")
        if needed <= reserve:
            break
        reserve = needed
        parts = split_text(text, limit - reserve)
    if len(parts) <= 1:
        return parts
    return [f"{part} ({number}/{len(parts)})" for number, part in enumerate(parts, start=1)]
