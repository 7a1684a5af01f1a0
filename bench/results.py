"""Headline figures as one flat record, kept beside the plots so the next run can compare."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str = ""
    higher_is_better: bool | None = True  # None: neither better nor worse (the run's length)
    noise: float = 0.0  # relative change that run-to-run noise alone can cause on this machine


# Timing and memory vary between runs of unchanged code on a shared 2-core machine; quality
# figures and turns are deterministic for a given model.
SPEED_NOISE, MEMORY_NOISE = 0.15, 0.05
# fmt: off
QUALITY = ("danger_recall", "danger_precision", "scope_accuracy", "scope_macro_f1",
           "category_accuracy", "priority_accuracy")
LEVELS = (1, 10, 50)

FIGURES: tuple[Figure, ...] = (
    *(Figure(f"{name}.{system}", f"{name.replace('_', ' ')} ({system})")
      for name in QUALITY for system in ("assistant", "baseline")),
    Figure("exclusion_accuracy.assistant", "exclusion reason accuracy (assistant)"),
    Figure("turns_median", "turns to a report, median", "turns", False),
    Figure("turns_max", "turns to a report, max", "turns", False),
    Figure("submitted_share", "scripted reports submitted"),
    Figure("clean_share", "scripted reports with no re-ask or unwanted danger pause"),
    Figure("case_match_share", "stored case matches scenario"),
    *(Figure(f"latency_p{q}_ms.c{c}", f"latency p{q} at {c} concurrent", "ms", False, SPEED_NOISE)
      for c in LEVELS for q in (50, 95, 99)),
    *(Figure(f"errors.c{c}", f"errors at {c} concurrent", "", False) for c in LEVELS),
    Figure("throughput.c50", "throughput at 50 concurrent", "messages/s", True, SPEED_NOISE),
    Figure("cpu_ms_per_message.rasa.c50", "CPU per message at 50, Rasa server", "ms", False,
           SPEED_NOISE),
    Figure("cpu_ms_per_message.actions.c50", "CPU per message at 50, action server", "ms",
           False, SPEED_NOISE),
    Figure("peak_rss_mib.rasa", "peak memory, Rasa server", "MiB", False, MEMORY_NOISE),
    Figure("peak_rss_mib.actions", "peak memory, action server", "MiB", False, MEMORY_NOISE),
    Figure("training_seconds.from_scratch", "training from scratch", "s", False, SPEED_NOISE),
    Figure("training_seconds.unchanged", "training, unchanged inputs", "s", False, 1.0),
    Figure("bench_seconds", "make bench total", "s", None),
)
# fmt: on


def save(path: Path, headline: dict[str, float | None], meta: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "headline": headline}, indent=2, sort_keys=True))


def load(path: Path) -> tuple[dict[str, float | None], dict[str, str]] | None:
    """The previous run's figures, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads(path.read_text())
        return data["headline"], data.get("meta", {})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def change(figure: Figure, now: float | None, before: float | None) -> str:
    """How this run differs from the previous one, and whether that is better or worse."""
    if now is None or before is None:
        return ""
    if now == before:
        return "same"
    relative = (now - before) / abs(before) if before else float("inf")
    text = f"{now - before:+.3g}" if not figure.unit else f"{relative:+.0%}"
    if figure.higher_is_better is None:
        return text
    if abs(relative) <= figure.noise:
        return f"{text} (within noise)"
    better = (now > before) == figure.higher_is_better
    return f"{text} ({'better' if better else 'worse'})"
