"""A description of the machine the benchmarks ran on, so figures can be compared fairly."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path


def _first(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key) and ":" in line:
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _os_name() -> str:
    pretty = None
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                pretty = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return f"{pretty or platform.system()} (kernel {platform.release()})"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe() -> dict[str, str]:
    """CPU, cores, RAM, OS and the versions that matter for the figures."""
    ram_kib = _first("/proc/meminfo", "MemTotal")
    ram = f"{int(ram_kib.split()[0]) / 1024 / 1024:.1f} GiB" if ram_kib else "unknown"
    return {
        "CPU": _first("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "Cores available": str(len(os.sched_getaffinity(0))),
        "RAM": ram,
        "OS": _os_name(),
        "Python": sys.version.split()[0],
        "Rasa": _version("rasa"),
        "Rasa SDK": _version("rasa-sdk"),
        "scikit-learn": _version("scikit-learn"),
        "Load average at start (1, 5, 15 min)": load_average(),
    }


def load_average() -> str:
    """Other work on the machine skews the speed figures, so the report shows how busy it was."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"
