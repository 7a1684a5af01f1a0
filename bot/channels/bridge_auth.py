"""The shared secret that lets only our Telegram bridge post messages into Rasa."""

from __future__ import annotations

import hashlib
import hmac

BRIDGE_TOKEN_HEADER = "X-Bridge-Token"
_CONTEXT = b"asb-assistant telegram bridge v1"


def bridge_token(bot_token: str | None) -> str | None:
    """Derived from the bot token, so both processes agree without another secret to manage."""
    if not bot_token:
        return None
    return hmac.new(bot_token.encode("utf-8"), _CONTEXT, hashlib.sha256).hexdigest()
