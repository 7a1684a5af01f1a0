"""Case references a resident can read out on the phone, e.g. `ASB-7KQ9-M2XH`.

Eight characters from a 29-symbol alphabet with no look-alikes (no 0/O, 1/I/L, U or Z): seven
random ones from `secrets` (about 34 bits, so references are neither sequential nor guessable)
and a check character. The check makes the weighted sum of all eight values, weights 1..8,
divisible by 29; because 29 is prime this catches every single wrong character and every
swap of two characters before any database look-up.
"""

from __future__ import annotations

import re
import secrets

from bot.cases.errors import InvalidReference

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXY"
PREFIX = "ASB"
_BODY_LENGTH = 8
_VALUES = {symbol: value for value, symbol in enumerate(ALPHABET)}
_MODULUS = len(ALPHABET)
_SEPARATORS = re.compile(r"[\s\-_.]+")


def _check_symbol(body: str) -> str:
    total = sum(weight * _VALUES[symbol] for weight, symbol in enumerate(body, start=1))
    # Solve total + 8 * c ≡ 0 (mod 29) for the check value c.
    inverse = pow(_BODY_LENGTH, -1, _MODULUS)
    return ALPHABET[(-total * inverse) % _MODULUS]


def _format(body: str) -> str:
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def generate_reference() -> str:
    """A new random reference in canonical form."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(_BODY_LENGTH - 1))
    return _format(body + _check_symbol(body))


def validate_reference(text: str) -> str:
    """Return the canonical form of `text`, ignoring case, spaces, hyphens and the prefix."""
    if not isinstance(text, str):
        raise InvalidReference("A reference must be text.")
    compact = _SEPARATORS.sub("", text).upper()
    if len(compact) == len(PREFIX) + _BODY_LENGTH and compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != _BODY_LENGTH:
        raise InvalidReference("A reference has eight characters after ASB, e.g. ASB-7KQ9-M2XH.")
    if any(symbol not in _VALUES for symbol in compact):
        raise InvalidReference("That reference contains characters we never use.")
    if _check_symbol(compact[:-1]) != compact[-1]:
        raise InvalidReference("That reference does not check out; a character may be wrong.")
    return _format(compact)


def is_valid_reference(text: str) -> bool:
    """True when `text` is a well-formed reference (it may still not exist)."""
    try:
        validate_reference(text)
    except InvalidReference:
        return False
    return True
