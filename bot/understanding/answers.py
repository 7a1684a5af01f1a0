"""Small parsers for form answers: yes/no, skip, phone number, email address, free text."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "EmailCheck",
    "PhoneCheck",
    "clean_text",
    "is_skip",
    "parse_email",
    "parse_phone",
    "parse_yes_no",
]

TRUNCATION_MARKER = " … [truncated]"

# --------------------------------------------------------------------------------------------
# Yes / no / skip
# --------------------------------------------------------------------------------------------

_YES = {
    "yes", "yeah", "yea", "yep", "yup", "ya", "yah", "ye", "yes please", "yeh", "yh", "y", "ok",
    "okay", "k", "kk", "sure", "correct", "right", "true", "aye", "definitely", "absolutely",
    "of course", "certainly", "indeed", "affirmative", "that's right", "thats right",
    "that is right", "that's correct", "it is", "i do", "i am", "i have", "please do",
    "go ahead", "sounds good", "fine", "alright", "all right", "no problem", "no worries",
    "yess", "yesss", "yas", "course",
}  # fmt: skip
_NO = {
    "no", "nope", "nah", "na", "n", "not really", "no thanks", "no thank you", "negative",
    "incorrect", "wrong", "never", "not at all", "false", "nay", "no way", "i don't", "i dont",
    "i'm not", "im not", "it isn't", "it's not", "i haven't", "not yet", "no it isn't",
    "don't", "dont", "no need", "noo", "nooo", "certainly not", "definitely not",
    "absolutely not", "of course not", "i don't think so", "i dont think so", "not that i know of",
}  # fmt: skip
_YES_EMOJI = {
    "👍",
    "✅",
    "✔",
    "✔️",
    "👌",
    "🙂",
    "😊",
    "🆗",
    "☑",
    "☑️",
    "👍🏻",
    "👍🏼",
    "👍🏽",
    "👍🏾",
    "👍🏿",
}
_NO_EMOJI = {"👎", "❌", "✖", "✖️", "🚫", "🙅", "👎🏻", "👎🏼", "👎🏽", "👎🏾", "👎🏿", "⛔"}
_UNSURE = re.compile(r"\b(?:not sure|unsure|maybe|perhaps|don'?t know|dunno|idk|possibly|kind of|"
                     r"sort of|yes and no|depends)\b")  # fmt: skip
_TRAILING = re.compile(r"[\s.!,;:?]+$")
_FILLER = re.compile(r"^(?:um+|erm+|er+|uh+|well|oh|hmm+|ah+)[\s,]+")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").strip().lower()
    text = _FILLER.sub("", text)
    return _TRAILING.sub("", re.sub(r"\s+", " ", text))


def parse_yes_no(text: str) -> bool | None:
    """True for yes-like, False for no-like answers, None when unclear."""
    if not isinstance(text, str):
        return None
    raw = text.strip()[:200]
    if not raw:
        return None
    emoji = raw.replace("\ufe0f", "")
    if raw in _YES_EMOJI or emoji in _YES_EMOJI:
        return True
    if raw in _NO_EMOJI or emoji in _NO_EMOJI:
        return False
    answer = _norm(raw)
    if answer in _YES:
        return True
    if answer in _NO:
        return False
    if _UNSURE.search(answer):
        return None
    # "yes, he lives at number 12" / "no, it was only once": judge the first phrase.
    head = re.split(r"[,.!;:\-–—]| but | and ", answer, maxsplit=1)[0].strip()
    if head in _YES or head.split(" ")[0] in {"yes", "yeah", "yep", "yup", "yea", "aye"}:
        return True
    if head in _NO or head.split(" ")[0] in {"no", "nope", "nah"}:
        return False
    return None


_SKIP = {
    "skip", "skip it", "skip this", "skip that", "skip please", "please skip", "skip question",
    "i don't know", "i dont know", "don't know", "dont know", "do not know", "i do not know",
    "dunno", "idk", "no idea", "i have no idea", "i'd rather not say", "id rather not say",
    "rather not say", "i'd rather not", "rather not", "prefer not to say", "i prefer not to say",
    "i'd prefer not to say", "prefer not to", "not sure", "i'm not sure", "im not sure",
    "unsure", "n/a", "na", "n.a", "not applicable", "pass", "next", "no comment",
    "can't remember", "cant remember", "i can't remember", "i cant remember",
    "don't remember", "i don't remember", "not known", "unknown", "none of your business",
    "leave it blank", "leave blank", "-", "?", "??", "???", "nothing to add", "no answer",
    "can't say", "cant say", "i can't say", "don't want to say", "i don't want to say",
    "i'd rather not answer", "rather not answer",
}  # fmt: skip
_SKIP_TAIL = re.compile(r"(?:,?\s+(?:sorry|thanks|thank you|tbh|to be honest|honestly|really|"
                        r"mate|love|please))+$")  # fmt: skip


def is_skip(text: str) -> bool:
    """True when the resident wants to skip the question or does not know the answer."""
    if not isinstance(text, str):
        return False
    answer = _norm(text[:200])
    if text.strip() in {"-", "?", "??", "???"}:
        return True
    answer = _SKIP_TAIL.sub("", re.sub(r"^(?:sorry|um|erm|honestly)[\s,]+", "", answer)).strip()
    return answer in _SKIP


_COMMAND_LEAD = (
    r"(?:(?:please|just|ok|okay|no|actually|oh|um|erm|look|sorry|can you|could you|can we|"
    r"can i|i want to|i wanna|i'?d like to|let'?s|lets|let me|i'?ll|ill|we'?ll)[, ]+)*"
)
_COMMAND_TAIL = (
    r"(?:[, ]+(?:please|now|thanks|thank you|then|actually|sorry|for now|i'?ll leave it|"
    r"ill leave it))*"
)
_COMMANDS = {
    "cancel": re.compile(
        rf"^{_COMMAND_LEAD}(?:"
        r"(?:stop|cancel|quit|exit|end|forget|leave|drop|scrap|never ?mind|nevermind|"
        r"don'?t worry|dont worry)"
        r"(?: (?:it|this|that|all|everything|the lot|about it|the (?:whole )?(?:thing|report)|"
        r"my report|this report|the whole thing))?"
        r"|i (?:don'?t|dont|do not) want to (?:report|do this|carry on|continue|go on)"
        r"(?: (?:it|this))?(?: any ?more)?"
        r"|not now)"
        rf"{_COMMAND_TAIL}[.! ]*$",
        re.I,
    ),
    "restart": re.compile(
        rf"^{_COMMAND_LEAD}(?:"
        r"(?:start|begin)(?: it| this| the report| my report)? (?:again|over|afresh|from scratch|"
        r"from the (?:start|beginning))(?: again)?"
        r"|go back to the (?:start|beginning)"
        r"|(?:do|go through) (?:it|this|the report) (?:again )?from the (?:start|beginning)"
        r"(?: again)?"
        r"|restart(?: the report| this| it| my report)?|reset|(?:start )?a new report)"
        rf"{_COMMAND_TAIL}[?.! ]*$",
        re.I,
    ),
}


def is_command(text: str, command: str) -> bool:
    """True only when the whole message is that command ("stop", "start again"), not an answer
    that merely resembles it ("beginning of September")."""
    pattern = _COMMANDS.get(command)
    return bool(pattern and isinstance(text, str) and pattern.match(text.strip()[:80]))


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhoneCheck:
    """Result of reading a phone number: E.164 form when valid, a polite reason when not."""

    valid: bool
    e164: str | None = None
    reason: str | None = None


# Ofcom reserves 07700 900000-900999 for drama and examples; the phonenumbers metadata calls it
# unassigned, but staff test with it, so it is accepted as a UK mobile.
_OFCOM_DRAMA_MOBILE = re.compile(r"^\+447700900\d{3}$")
_EMERGENCY_NUMBERS = {"999", "112", "911"}
_PHONE_EXAMPLE = "for example 07700 900123 or +44 161 496 0000"


def parse_phone(text: str, region: str = "GB") -> PhoneCheck:
    """Check a UK (or international, with +) phone number typed by a resident."""
    import phonenumbers

    if not isinstance(text, str) or not text.strip():
        return PhoneCheck(False, None, f"Please type a phone number, {_PHONE_EXAMPLE}.")
    raw = text.strip()[:200]
    if not re.search(r"\d", raw):
        reason = "Sorry, that doesn't look like a phone number. Please type it with digits, "
        return PhoneCheck(False, None, reason + f"{_PHONE_EXAMPLE}.")
    if re.sub(r"\D", "", raw) in _EMERGENCY_NUMBERS:
        return PhoneCheck(
            False,
            None,
            "If you are in danger, please call 999 now. Otherwise, "
            f"please type your own phone number, {_PHONE_EXAMPLE}.",
        )
    candidates = [m.raw_string for m in phonenumbers.PhoneNumberMatcher(
        raw, region, leniency=phonenumbers.Leniency.POSSIBLE)] or [raw]  # fmt: skip
    reason = None
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            reason = (f"Sorry, I couldn't read that as a phone number. Please try again, "
                      f"{_PHONE_EXAMPLE}.")  # fmt: skip
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(number) or _OFCOM_DRAMA_MOBILE.match(e164):
            return PhoneCheck(True, e164, None)
        digits = re.sub(r"\D", "", candidate)
        if number.country_code == 44 and len(digits) < 10:
            reason = (
                "Sorry, that number seems to be missing some digits. UK numbers have 11 digits "
                f"starting with 0, {_PHONE_EXAMPLE}."
            )
        elif number.country_code == 44 and len(digits) > 12:
            reason = ("Sorry, that number seems to have too many digits. UK numbers have 11 digits "
                      f"starting with 0, {_PHONE_EXAMPLE}.")  # fmt: skip
        else:
            reason = (f"Sorry, that doesn't look like a number we can call. Please check it, "
                      f"{_PHONE_EXAMPLE}.")  # fmt: skip
    return PhoneCheck(False, None, reason)


# --------------------------------------------------------------------------------------------
# Email addresses
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailCheck:
    """Result of reading an email address: normalised form when valid, a polite reason when not."""

    valid: bool
    normalised: str | None = None
    reason: str | None = None


_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\],;:\"']*@[^\s<>()\[\],;:\"']*")


def parse_email(text: str) -> EmailCheck:
    """Check an email address offline (no DNS lookups: deliverability is not checked)."""
    from email_validator import EmailNotValidError, validate_email

    if not isinstance(text, str) or not text.strip():
        return EmailCheck(
            False, None, "Please type an email address, for example name@example.com."
        )
    raw = text.strip()[:320]
    found = _EMAIL_CANDIDATE.search(raw)
    if not found:
        return EmailCheck(False, None, "That doesn't look like an email address - it needs an @, "
                                       "for example name@example.com.")  # fmt: skip
    candidate = found.group(0).rstrip(".!?")
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as error:
        return EmailCheck(False, None, f"Sorry, that email address doesn't look right: {error} "
                                       "Please check it and try again.")  # fmt: skip
    except Exception:  # the validator can choke on exotic Unicode; never crash a conversation
        return EmailCheck(False, None, "Sorry, that email address doesn't look right. Please "
                                       "check it and try again.")  # fmt: skip
    return EmailCheck(True, result.normalized, None)


# --------------------------------------------------------------------------------------------
# Free text
# --------------------------------------------------------------------------------------------

_TAG_RE = re.compile(
    r"<(?:script|style)\b[^>]*>.*?</(?:script|style)\s*>|<[a-zA-Z/!?][^<>]{0,500}>", re.I | re.S
)
# Keep tab/newline; drop other controls, bidi overrides and zero-width characters except the
# joiner and variation selectors that emoji sequences need.
_KEEP_FORMAT = {"\u200d", "\ufe0f", "\ufe0e"}
_HSPACE_RE = re.compile(r"[^\S\n]+")
_NEWLINES_RE = re.compile(r"\n\s*\n(?:\s*\n)+")


def _drop_controls(text: str) -> str:
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\t":
            out.append(char)
        elif category == "Cc":
            out.append(" ")
        elif category in {"Cf", "Cs", "Co", "Cn"} and char not in _KEEP_FORMAT:
            continue
        else:
            out.append(char)
    return "".join(out)


def clean_text(text: str, max_len: int = 2000) -> str:
    """Make free text safe to store: no markup or control characters, tidy spaces, bounded size."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    max_len = max(0, int(max_len))
    # Cut early so that a pasted megabyte does not cost regex time; markup may shrink it a lot.
    text = text[: max(max_len * 8, 10_000)]
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text)
    text = _TAG_RE.sub(" ", text)  # entities such as &lt;b&gt; could have hidden tags
    text = _drop_controls(text)
    text = _HSPACE_RE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _NEWLINES_RE.sub("\n\n", text).strip()
    if len(text) <= max_len:
        return text
    if max_len <= len(TRUNCATION_MARKER):
        return text[:max_len]
    cut = text[: max_len - len(TRUNCATION_MARKER)]
    space = cut.rfind(" ")
    if space > len(cut) * 0.8:
        cut = cut[:space]
    return cut.rstrip() + TRUNCATION_MARKER
