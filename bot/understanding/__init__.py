"""Rule-based understanding of what residents type: danger, report details, dates, form answers.

Importing this package is cheap: spaCy and dateparser load on first use, not at import time.
"""

from bot.understanding import danger, when
from bot.understanding.answers import (
    EmailCheck,
    PhoneCheck,
    clean_text,
    is_command,
    is_skip,
    parse_email,
    parse_phone,
    parse_yes_no,
)
from bot.understanding.danger import DangerSignal, detect_danger, is_plea_for_help
from bot.understanding.details import FREQUENCIES, Details, extract_details
from bot.understanding.when import WhenSpan, WhenText, find_when, parse_when

__all__ = [
    "FREQUENCIES",
    "DangerSignal",
    "Details",
    "EmailCheck",
    "PhoneCheck",
    "WhenSpan",
    "WhenText",
    "clean_text",
    "detect_danger",
    "extract_details",
    "find_when",
    "is_command",
    "is_plea_for_help",
    "is_skip",
    "parse_email",
    "parse_phone",
    "parse_when",
    "parse_yes_no",
    "warm_up",
]


def warm_up() -> None:
    """Load spaCy and dateparser now, e.g. when the action server starts (takes a few seconds)."""
    danger.warm_up()
    when.warm_up()
