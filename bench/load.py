"""Load generator: N concurrent scripted residents, each completing a short report over REST.

Residents answer instantly (no think time), so this is a stress test: only the webhook POSTs
are timed; the tracker GET that finds the next question is not.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx

from bench import metrics

REFERENCE = re.compile(r"ASB-[0-9A-Z]{4}-[0-9A-Z]{4}")
MAX_TURNS = 40
MAX_SAME_QUESTION = 3

# Short everyday reports that are in scope and not dangerous, so every resident files a case.
DESCRIPTIONS = (
    "someone keeps smashing the glass in the communal door of our block",
    "the people upstairs play loud music until 3am most nights",
    "kids keep kicking footballs at my windows and swearing at me",
    "there is rubbish dumped behind the garages again, mattresses and bin bags",
    "the dog next door barks all day when they are at work",
    "people are dealing drugs from the flat opposite, cars coming and going all night",
)
# What the load residents answer, by the slot being asked; anything else gets "skip".
ANSWERS = {
    "in_danger": "No",
    "anonymous": "Stay anonymous",
    "confirm_report": "Yes",
    "excluded_more": "No",
}


@dataclass
class LevelResult:
    """One concurrency level: every webhook latency, errors, and the references given."""

    concurrency: int
    residents: int
    latencies: list[float] = field(default_factory=list)
    tracker_latencies: list[float] = field(default_factory=list)  # the untimed lookups, apart
    errors: int = 0
    error_kinds: Counter = field(default_factory=Counter)
    references: list[str] = field(default_factory=list)
    incomplete: int = 0
    wall_seconds: float = 0.0
    confirmed: int = 0
    missing: list[str] = field(default_factory=list)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # per server, over the level

    @property
    def messages(self) -> int:
        return len(self.latencies)

    @property
    def throughput(self) -> float | None:
        return self.messages / self.wall_seconds if self.wall_seconds else None

    def cpu_ms_per_message(self, server: str) -> float | None:
        seconds = self.cpu_seconds.get(server)
        return seconds / self.messages * 1000 if seconds is not None and self.messages else None

    def percentile(self, q: float) -> float | None:
        return metrics.percentile(self.latencies, q)

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] += 1


class _Failed(Exception):
    """A request failed; the resident stops (its conversation state is unknown)."""


async def _post(client: httpx.AsyncClient, url: str, sender: str, text: str, result):
    started = time.perf_counter()
    try:
        response = await client.post(
            f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
        )
    except httpx.HTTPError as error:
        result.error(type(error).__name__)
        raise _Failed from error
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        result.error(f"HTTP {response.status_code}")
        raise _Failed
    result.latencies.append(elapsed)
    return response.json()


async def _asked(client: httpx.AsyncClient, url: str, sender: str, result, token) -> str | None:
    started = time.perf_counter()
    try:
        # include_events=NONE keeps the lookup cheap: only slots, no event history.
        response = await client.get(
            f"{url}/conversations/{sender}/tracker",
            params={"include_events": "NONE", **({"token": token} if token else {})},
        )
    except httpx.HTTPError as error:
        result.error(f"tracker {type(error).__name__}")
        raise _Failed from error
    if response.status_code != 200:
        result.error(f"tracker HTTP {response.status_code}")
        raise _Failed
    result.tracker_latencies.append(time.perf_counter() - started)
    return (response.json().get("slots") or {}).get("requested_slot")


async def resident(
    client: httpx.AsyncClient, url: str, description: str, result, token: str | None = None
) -> str | None:
    """ "hi", then answer each question until a reference is given; returns the reference."""
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    asked_count: Counter = Counter()
    text = "hi"
    try:
        for _ in range(MAX_TURNS):
            replies = await _post(client, url, sender, text, result)
            for reply in replies:
                if found := REFERENCE.search(reply.get("text") or ""):
                    return found.group(0)
            slot = await _asked(client, url, sender, result, token)
            if slot is None:
                return None
            asked_count[slot] += 1
            if asked_count[slot] > MAX_SAME_QUESTION:
                return None
            text = description if slot == "description" else ANSWERS.get(slot, "skip")
    except _Failed:
        return None
    return None


async def run_level(
    url: str, concurrency: int, residents: int, token: str | None = None
) -> LevelResult:
    """`residents` residents, at most `concurrency` of them talking at once."""
    result = LevelResult(concurrency, residents)
    limits = httpx.Limits(max_connections=concurrency * 2 + 4, max_keepalive_connections=None)
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(i: int) -> None:
            async with gate:
                description = DESCRIPTIONS[i % len(DESCRIPTIONS)]
                reference = await resident(client, url, description, result, token)
            if reference:
                result.references.append(reference)
            else:
                result.incomplete += 1

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(residents)))
        result.wall_seconds = time.perf_counter() - started
    return result


def confirm_cases(result: LevelResult, database_url: str) -> None:
    """Check every reference the residents were given is a stored case."""
    from bot.cases import CaseService
    from bot.cases.errors import CaseStoreError

    cases = CaseService(database_url, outbox_dir=None)
    for reference in result.references:
        try:
            cases.get(reference)
            result.confirmed += 1
        except CaseStoreError:  # not found, unreadable or invalid: not confirmed
            result.missing.append(reference)


def warm_up(url: str, token: str | None = None) -> None:
    """One untimed resident, so no level pays for first-use costs in the servers."""
    asyncio.run(run_level(url, 1, 1, token))


def run_level_and_confirm(
    url: str,
    database_url: str,
    concurrency: int,
    residents: int,
    token: str | None = None,
    servers: dict[str, int] | None = None,
) -> LevelResult:
    """One level, then check its cases are stored, printing a one-line summary; `servers`
    (name: process group leader) have their CPU time over the level recorded."""
    from bench.resources import cpu_seconds

    servers = servers or {}
    before = {name: cpu_seconds(pid) for name, pid in servers.items()}
    result = asyncio.run(run_level(url, concurrency, residents, token))
    result.cpu_seconds = {name: cpu_seconds(pid) - before[name] for name, pid in servers.items()}
    confirm_cases(result, database_url)
    p50, p95 = result.percentile(50) or 0, result.percentile(95) or 0
    print(
        f"  {concurrency} concurrent: {result.messages} messages in {result.wall_seconds:.1f} s "
        f"({result.throughput or 0:.1f}/s), p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"errors {result.errors}, cases confirmed {result.confirmed}/{residents}",
        flush=True,
    )
    return result
