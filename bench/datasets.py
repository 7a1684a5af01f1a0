"""The held-out data in bench/data/: labelled opening messages and scripted residents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Opening:
    """A resident's first message with the answers a good call handler would give."""

    text: str
    danger: bool
    scope: str
    category: str
    priority: int | None
    note: str = ""

    @property
    def hard(self) -> bool:
        return self.note.startswith("HARD")


@dataclass(frozen=True)
class Scenario:
    """A scripted resident: an opening message, answers by slot name and the expected case."""

    name: str
    opening: str
    answers: dict[str, str] = field(default_factory=dict)
    expect: dict[str, object] = field(default_factory=dict)


def load_openings(path: Path = DATA_DIR / "openings.yml") -> list[Opening]:
    rows = yaml.safe_load(path.read_text())["openings"]
    return [
        Opening(
            text=row["text"],
            danger=bool(row["danger"]),
            scope=row["scope"],
            category=row["category"],
            priority=row.get("priority"),
            note=row.get("note") or "",
        )
        for row in rows
    ]


def load_scenarios(path: Path = DATA_DIR / "scenarios.yml") -> list[Scenario]:
    rows = yaml.safe_load(path.read_text())["scenarios"]
    return [
        Scenario(
            name=row["name"],
            opening=row["opening"],
            answers={slot: str(text) for slot, text in (row.get("answers") or {}).items()},
            expect=dict(row.get("expect") or {}),
        )
        for row in rows
    ]
