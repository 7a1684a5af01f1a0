"""Errors raised while loading a policy file."""

from __future__ import annotations


class PolicyError(ValueError):
    """A policy file is missing, unreadable or malformed; the message names the dotted key path."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems: tuple[str, ...] = (
            (problems,) if isinstance(problems, str) else tuple(problems)
        )
        super().__init__("\n".join(self.problems))


class FieldProblem(ValueError):
    """Raised by a policy object's `check()` hook to blame one of its keys (a dotted path)."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)
