"""Normalised forms of the contact details a resident can prove a case with."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D")
_TENANCY_NOISE = re.compile(r"[\s\-./]")


def normalise_phone(text: str | None) -> str | None:
    """Digits only, with a UK `+44`/`0044` prefix turned back into a leading 0."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    digits = _NON_DIGITS.sub("", raw)
    if raw.startswith("+44") or digits.startswith("0044"):
        digits = "0" + digits[4 if digits.startswith("0044") else 2 :].lstrip("0")
    return digits or None


def normalise_email(text: str | None) -> str | None:
    """Trimmed and lower-cased (mailbox names are case-insensitive in practice)."""
    if not text or not text.strip():
        return None
    return text.strip().lower()


def normalise_tenancy_reference(text: str | None) -> str | None:
    """Upper-cased with spaces, hyphens, dots and slashes removed."""
    if not text or not text.strip():
        return None
    return _TENANCY_NOISE.sub("", text).upper() or None
