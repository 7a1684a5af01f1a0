"""A patient resident for end-to-end reports: recognises each question and answers it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REFERENCE = re.compile(r"ASB-[0-9A-Z]{4}-[0-9A-Z]{4}")
MAX_TURNS = 40
DESCRIPTION = (
    "My neighbour in the flat above plays very loud music every night until 3am "
    "and bangs on my door and shouts at me when I ask them to stop."
)
_INLINE = re.compile(r"(\d+) (for .+?)(?=, \d+ for | or \d+ for |\.$)")
_LISTED = re.compile(r"^(\d+) (.+)$", re.MULTILINE)


@dataclass
class Resident:
    """Chooses what to say next from the bot's latest words and the choices offered."""

    transcript: list[tuple[str, str]] = field(default_factory=list)

    def heard(self, text: str) -> None:
        self.transcript.append(("bot", text))

    def said(self, text: str) -> None:
        self.transcript.append(("resident", text))

    def reference(self) -> str | None:
        for who, text in reversed(self.transcript):
            if who == "bot" and (found := REFERENCE.search(text)):
                return found.group(0)
        return None

    def render(self) -> str:
        return "\n".join(f"{who:>8}: {text}" for who, text in self.transcript)

    def answer(self, text: str, options: list[str]) -> str:
        """The reply to the bot's latest message `text` offering `options` (titles)."""
        lower = text.lower()

        def option(*starts: str) -> str | None:
            """The first option whose first words are one of `starts` ("No, that's all")."""
            for start in starts:
                for title in options:
                    words = re.sub(r"[^\w' ]", " ", title.lower()).split()
                    if words[: len(start.split())] == start.split():
                        return title
            return None

        if "danger" in lower and "?" in lower:
            return option("no") or "No"
        if "is this right" in lower or "confirm" in lower or "say 'yes' to send" in lower:
            return option("yes") or "Yes"
        if (
            "in your own words what has been happening" in lower
            or "what has been going on" in lower
        ):
            return DESCRIPTION
        if "for yourself" in lower:
            return option("for myself") or "For myself"
        if "contact details" in lower:
            return option("stay anonymous") or "Stay anonymous"
        if options:
            return option("no", "stay anonymous", "skip", "not sure") or options[0]
        return "skip"


def sms_options(text: str) -> list[str]:
    """Titles of the numbered choices in an SMS, in number order."""
    listed = text.split("Reply with a number:\n", 1)
    if len(listed) == 2:
        return [title.split(" (")[0] for _, title in _LISTED.findall(listed[1])]
    inline = text.rsplit("Reply ", 1)
    if len(inline) == 2:
        found = _INLINE.findall(inline[1].split(" (")[0].strip())
        return [_title_from_inline(words) for _, words in found]
    return []


def _title_from_inline(words: str) -> str:
    """Undo `numbered_choices`: "for Yes" -> "Yes", "for myself" -> "For myself"."""
    rest = words[len("for ") :]
    return "F" + words[1:] if rest[:1].islower() else rest
