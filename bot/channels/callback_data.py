"""Fitting button payloads into Telegram's 64-byte callback data."""

from __future__ import annotations

import base64
import hashlib

MAX_CALLBACK_BYTES = 64
SHORT_PREFIX = "~"


def callback_data_for(payload: str) -> str:
    """The payload itself when it fits, else a short stable id (`~` and 22 characters)."""
    if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES and not payload.startswith(SHORT_PREFIX):
        return payload
    digest = hashlib.sha256(payload.encode("utf-8")).digest()
    return SHORT_PREFIX + base64.urlsafe_b64encode(digest).decode("ascii")[:22]
