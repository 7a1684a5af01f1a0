"""PNG plots for docs/benchmarks.md, drawn with matplotlib's Agg backend (no display needed)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # the backend must be chosen first

FIGURE_DPI = 110
COLOURS = {"assistant": "#1f6fb2", "baseline": "#c0c0c0"}


def label_text(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "danger" if value else "no danger"
    return str(value).replace("_", " ")


def confusion(path: Path, title: str, systems: dict[str, dict]) -> Path:
    """Side-by-side confusion matrices (rows truth, columns prediction) for each system."""
    names = list(systems)
    size = len(next(iter(systems.values()))["labels"])
    cell = 0.42 if size > 6 else 0.9
    fig, axes = plt.subplots(1, len(names), figsize=(2 + 2 * size * cell, 1.6 + size * cell))
    axes = axes if len(names) > 1 else [axes]
    for ax, name in zip(axes, names, strict=True):
        labels = [label_text(v) for v in systems[name]["labels"]]
        matrix = systems[name]["matrix"]
        peak = max((max(row) for row in matrix), default=1) or 1
        ax.imshow(matrix, cmap="Blues", vmin=0, vmax=peak)
        for i, row in enumerate(matrix):
            for j, count in enumerate(row):
                if count:
                    ax.text(
                        j,
                        i,
                        str(count),
                        ha="center",
                        va="center",
                        fontsize=7 if size > 6 else 9,
                        color="white" if count > peak / 2 else "black",
                    )
        ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=7)
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        ax.set_xlabel("predicted")
        ax.set_ylabel("expected")
        ax.set_title(name)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=FIGURE_DPI)
    plt.close(fig)
    return path


def quality_bars(path: Path, figures: dict[str, dict[str, float | None]], names: dict[str, str]):
    """Grouped bars of the headline quality figures, assistant vs baseline."""
    keys = [k for k in names if any(figures[s].get(k) is not None for s in figures)]
    fig, ax = plt.subplots(figsize=(9, 3.8))
    width = 0.8 / len(figures)
    for i, (system, values) in enumerate(figures.items()):
        xs = [x + i * width for x in range(len(keys))]
        heights = [values.get(k) or 0 for k in keys]
        bars = ax.bar(xs, heights, width, label=system, color=COLOURS.get(system))
        for bar, key in zip(bars, keys, strict=True):
            value = values.get(key)
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                bar.get_height() + 0.01,
                "n/a" if value is None else f"{value:.2f}",
                ha="center",
                fontsize=7,
            )
    ax.set_xticks(
        [x + width * (len(figures) - 1) / 2 for x in range(len(keys))],
        [names[k].replace(" ", "\n", 1) for k in keys],
        fontsize=8,
    )
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("share (1 = perfect)")
    ax.set_title("Held-out openings: the assistant vs a TF-IDF + logistic regression baseline")
    ax.legend(loc="upper right", fontsize=8, ncol=len(figures))
    fig.tight_layout()
    fig.savefig(path, dpi=FIGURE_DPI)
    plt.close(fig)
    return path


def latency(path: Path, levels: Sequence) -> Path:
    """Latency percentiles per concurrency level (log scale), with throughput on the right."""
    fig, ax = plt.subplots(figsize=(7.5, 4))
    xs = [str(level.concurrency) for level in levels]
    for q, style in ((50, "o-"), (95, "s-"), (99, "^-")):
        ax.plot(xs, [(level.percentile(q) or 0) * 1000 for level in levels], style, label=f"p{q}")
    ax.plot(xs, [max(level.latencies, default=0) * 1000 for level in levels], "x--", label="max")
    ax.set_yscale("log")
    ax.set_xlabel("concurrent residents")
    ax.set_ylabel("webhook latency per message (ms, log)")
    ax.grid(True, which="both", alpha=0.3)
    other = ax.twinx()
    other.bar(xs, [level.throughput or 0 for level in levels], alpha=0.15, color="green")
    other.set_ylabel("throughput (messages/s, bars)")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title("REST webhook latency with the real Rasa and action servers")
    fig.tight_layout()
    fig.savefig(path, dpi=FIGURE_DPI)
    plt.close(fig)
    return path


def memory(path: Path, timeline: Sequence[tuple[float, str, int]], phases: Sequence) -> Path:
    """Resident memory of each server over the run, with the phases shaded."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    for name in sorted({n for _, n, _ in timeline}):
        points = [(t, kib / 1024) for t, n, kib in timeline if n == name]
        ax.plot([t for t, _ in points], [m for _, m in points], label=name)
    for i, (label, start, end) in enumerate(phases):
        ax.axvspan(start, end, alpha=0.08 if i % 2 else 0.16, color="grey")
        ax.text(
            (start + end) / 2,
            0.98,
            label,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=7,
            rotation=90,
        )
    ax.set_xlabel("seconds since the servers were up")
    ax.set_ylabel("resident memory (MiB)")
    ax.set_ylim(bottom=0)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Server memory (VmRSS of each process group)")
    fig.tight_layout()
    fig.savefig(path, dpi=FIGURE_DPI)
    plt.close(fig)
    return path


def turns(path: Path, runs: Sequence) -> Path:
    """Resident turns per scripted scenario, coloured by whether the stored case matched."""
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.3 * len(runs)))
    names = [r.name.replace("_", " ") for r in runs]
    colours = ["#2e8b57" if r.matches else "#f0ad4e" if r.reference else "#9e9e9e" for r in runs]
    ax.barh(names, [r.turns for r in runs], color=colours)
    ax.invert_yaxis()
    ax.set_xlabel(
        "resident messages (green: case as expected; orange: case differs; grey: no case)"
    )
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=FIGURE_DPI)
    plt.close(fig)
    return path
