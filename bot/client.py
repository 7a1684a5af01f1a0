"""A scripted resident talking to a running assistant over the REST webhook.

Used by the integration tests and the benchmarks: answers are given by slot name (the dialogue
contract in docs/conversation.md), and the question being asked is read from Rasa's tracker API.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

REFERENCE = re.compile(r"ASB-[0-9A-Z]{4}-[0-9A-Z]{4}")

# What a resident who has nothing more to say answers, by question.
DEFAULT_ANSWERS = {"in_danger": "No", "confirm_report": "Yes", "anonymous": "Stay anonymous",
                   "excluded_more": "No"}  # fmt: skip


@dataclass
class Resident:
    """One conversation (one sender id) with the assistant."""

    rasa_url: str
    api_token: str | None = None  # Rasa's --auth-token, for the tracker API
    sender: str = field(default_factory=lambda: f"resident-{uuid.uuid4().hex[:12]}")
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=120))
    transcript: list[tuple[str, str]] = field(default_factory=list)
    turns: int = 0

    @classmethod
    def talking_to(cls, assistant) -> Resident:
        """A new resident talking to a running `bot.processes.Assistant`."""
        return cls(assistant.rasa_url, api_token=assistant.settings.rasa_api_token)

    def say(self, message: str) -> list[dict]:
        response = self.client.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": message},
        )
        response.raise_for_status()
        replies = response.json()
        self.turns += 1
        self.transcript.append(("resident", message))
        self.transcript += [("assistant", r.get("text", "")) for r in replies]
        return replies

    def says(self, message: str) -> str:
        """Send a message and return the assistant's replies as one text."""
        return "\n".join(r.get("text", "") for r in self.say(message))

    def tracker(self) -> dict:
        if self.api_token is None:
            from bot.config import get_settings

            self.api_token = get_settings().rasa_api_token
        response = self.client.get(
            f"{self.rasa_url}/conversations/{self.sender}/tracker",
            params={"token": self.api_token},
        )
        response.raise_for_status()
        return response.json()

    def slots(self) -> dict:
        return self.tracker().get("slots", {})

    def asked(self) -> str | None:
        """The question the assistant is waiting on, by slot name."""
        return self.slots().get("requested_slot")

    def reference(self) -> str | None:
        for who, text in reversed(self.transcript):
            if who == "assistant" and (found := REFERENCE.search(text)):
                return found.group(0)
        return None

    def answer_until_done(self, answers: Mapping[str, str], max_turns: int = 40) -> str | None:
        """Answer each question from `answers` (else 'skip') until a reference is given."""
        given: dict[str, int] = {}
        for _ in range(max_turns):
            if self.reference():
                return self.reference()
            slot = self.asked()
            if slot is None:
                return self.reference()
            given[slot] = given.get(slot, 0) + 1
            if given[slot] > 3:
                raise AssertionError(f"the assistant keeps asking {slot}:\n{self.render()}")
            self.say(answers.get(slot, DEFAULT_ANSWERS.get(slot, "skip")))
        raise AssertionError(f"no reference after {max_turns} turns:\n{self.render()}")

    def render(self) -> str:
        return "\n".join(f"{who:>9}: {text}" for who, text in self.transcript)
