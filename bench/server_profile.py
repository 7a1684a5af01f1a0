"""Where the servers spend their CPU under load: py-spy samples of the running processes.

py-spy attaches from outside (no code changes, little overhead); when it is not installed or
not permitted (ptrace), this step is skipped and the report says so.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_RATE = 50  # per second: enough for shares of a few percent, light on a 2-core machine

# What a sample was doing: the rule matching the frame nearest the top of its stack (so the
# REST channel at the bottom of every request does not claim the work done above it).
COMPONENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("checking action server responses (jsonschema)", ("_validate_action_result", "jsonschema/")),
    ("NLU model inference (TensorFlow)", ("tensorflow/", "keras/")),
    ("our code (bot/, actions/)", (" (bot/", " (actions/", " (service.py", " (answers.py")),
    ("tracker store (serialising conversations)", ("rasa/core/tracker_store.py",)),
    ("action server HTTP calls (client side)", ("aiohttp/", "rasa/utils/endpoints.py")),
    ("case database (SQLAlchemy)", ("sqlalchemy/",)),
    ("dialogue policies", ("rasa/core/policies/",)),
    ("Rasa graph runner", ("rasa/engine/", "dask/")),
    ("event lookup (all_subclasses)", ("all_subclasses",)),
    ("action server framework (rasa_sdk)", ("rasa_sdk/",)),
    ("HTTP server (sanic)", ("sanic/",)),
)
OTHER = "other"
IDLE_LEAF = "serve (sanic/server/runners.py"  # the event loop itself: waiting for work


@dataclass
class ServerProfile:
    name: str
    samples: int = 0
    idle: int = 0
    components: Counter = field(default_factory=Counter)
    own: Counter = field(default_factory=Counter)
    error: str | None = None

    @property
    def busy(self) -> int:
        return self.samples - self.idle


def py_spy() -> str | None:
    found = Path(sys.executable).with_name("py-spy")
    return str(found) if found.exists() else shutil.which("py-spy")


def component(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, needles in COMPONENTS:
            if any(needle in f" {frame}" for needle in needles):
                return name
    return OTHER


def summarise(name: str, raw: str) -> ServerProfile:
    """Fold py-spy's collapsed stacks ("frame;frame;frame count" per line)."""
    profile = ServerProfile(name)
    for line in raw.splitlines():
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = stack.split(";")
        profile.samples += n
        if frames[-1].startswith(IDLE_LEAF):
            profile.idle += n
            continue
        profile.components[component(frames)] += n
        profile.own[frames[-1]] += n
    return profile


@contextmanager
def sampling(servers: dict[str, int], work_dir: Path) -> Iterator[list[ServerProfile]]:
    """Sample each server process while the block runs; the list fills in when it ends."""
    profiles: list[ServerProfile] = []
    tool = py_spy()
    if tool is None:
        profiles += [ServerProfile(n, error="py-spy is not installed") for n in servers]
        yield profiles
        return
    work_dir.mkdir(parents=True, exist_ok=True)
    running = {}
    for name, pid in servers.items():
        out = work_dir / f"py-spy-{pid}.txt"
        log = (work_dir / f"py-spy-{pid}.log").open("w")
        command = [tool, "record", "--pid", str(pid), "--rate", str(SAMPLE_RATE), "--format",
                   "raw", "--output", str(out), "--nonblocking", "--duration", "900"]  # fmt: skip
        running[name] = (subprocess.Popen(command, stdout=log, stderr=log), out, log)
    try:
        yield profiles
    finally:
        for popen, _, _ in running.values():
            popen.send_signal(signal.SIGINT)  # py-spy writes its output when interrupted
        for name, (popen, out, log) in running.items():
            try:
                popen.wait(60)
            except subprocess.TimeoutExpired:
                popen.kill()
                popen.wait()
            log.close()
            if out.exists() and out.stat().st_size:
                profiles.append(summarise(name, out.read_text(errors="replace")))
            else:
                reason = Path(log.name).read_text(errors="replace").strip().splitlines()
                profiles.append(ServerProfile(name, error=(reason or ["no samples"])[-1][:200]))
