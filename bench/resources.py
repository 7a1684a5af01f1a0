"""Peak resident memory of the servers, read from /proc while they run (Linux only)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


def status_kib(pid: int, key: str) -> int | None:
    """A `kB` figure such as VmHWM or VmRSS from /proc/<pid>/status; None if gone."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def process_group(leader: int) -> list[int]:
    """Every live process in the leader's process group (the servers start new sessions, so
    this is the server and anything it forked)."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name (field 2) may hold spaces; the fields after it are fixed.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == leader:
            found.append(int(entry.name))
    return found


@dataclass
class MemoryPeak:
    """Per server: the highest VmHWM per process and the highest summed VmRSS seen."""

    peak_kib: dict[str, int] = field(default_factory=dict)
    tree_rss_kib: dict[str, int] = field(default_factory=dict)
    processes: dict[str, int] = field(default_factory=dict)
    timeline: list[tuple[float, str, int]] = field(default_factory=list)


class MemorySampler:
    """Samples each server's process group every `interval` seconds in a background thread."""

    def __init__(self, servers: dict[str, int], interval: float = 0.5) -> None:
        self.servers = servers
        self.interval = interval
        self.result = MemoryPeak()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)
        self._started = time.monotonic()

    def now(self) -> float:
        """Seconds since sampling began (the timeline's clock)."""
        return time.monotonic() - self._started

    def sample(self) -> None:
        now = self.now()
        for name, leader in self.servers.items():
            pids = process_group(leader) or [leader]
            rss = sum(status_kib(pid, "VmRSS") or 0 for pid in pids)
            hwm = max((status_kib(pid, "VmHWM") or 0 for pid in pids), default=0)
            result = self.result
            result.peak_kib[name] = max(result.peak_kib.get(name, 0), hwm)
            result.tree_rss_kib[name] = max(result.tree_rss_kib.get(name, 0), rss)
            result.processes[name] = max(result.processes.get(name, 0), len(pids))
            result.timeline.append((now, name, rss))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> MemorySampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()  # VmHWM is a high-water mark, so a last read catches any peak missed


def cpu_seconds(leader: int) -> float:
    """User + system CPU time used so far by the leader's process group (live processes)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in process_group(leader) or [leader]:
        try:
            fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (stat fields 14 and 15)
    return total / ticks
