"""Small helpers for resident-facing wording: numbers in words, lists, dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

# fmt: off
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
# fmt: on


def number_words(n: int) -> str:
    """Write small numbers as words (plain English style), larger ones as digits."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def join_or(items: Sequence[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 digit`, `8 digits`."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def day_text(day: date, with_year: bool = False) -> str:
    """`Tuesday 24 November` (and the year when asked)."""
    text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if with_year else text


def clock_text(hour: int, minute: int) -> str:
    """`8am`, `4:30pm`, `12pm`."""
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"
