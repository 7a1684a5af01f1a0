"""A small in-process key-value store whose entries expire and whose size is bounded."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ExpiringStore(Generic[K, V]):
    """Keeps at most `max_entries` entries, each for `ttl_seconds` after it was last set.

    Per process and lost on restart: good enough for conversational hints (which buttons a
    number refers to), never for anything that must survive.
    """

    def __init__(
        self,
        ttl_seconds: float,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl_seconds
        self._max = max_entries
        self._clock = clock
        self._entries: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def set(self, key: K, value: V) -> None:
        """Store `value` under `key`, evicting the oldest entries beyond the size bound."""
        self._entries.pop(key, None)
        self._entries[key] = (self._clock() + self._ttl, value)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    def get(self, key: K) -> V | None:
        """The live value under `key`, or None."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires <= self._clock():
            del self._entries[key]
            return None
        return value

    def pop(self, key: K) -> V | None:
        """Remove and return the live value under `key`, or None."""
        value = self.get(key)
        self._entries.pop(key, None)
        return value

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._entries)
