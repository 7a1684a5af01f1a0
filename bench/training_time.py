"""Training time: `rasa train` from scratch (empty cache, temp output) and with unchanged inputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.training import train_command


@dataclass
class TrainingTimes:
    from_scratch_seconds: float | None = None
    unchanged_seconds: float | None = None
    note: str = ""


def _run_logged(command: list[str], log: Path, env: dict[str, str] | None = None) -> float:
    started = time.monotonic()
    with log.open("w") as output:
        completed = subprocess.run(
            command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    elapsed = time.monotonic() - started
    if completed.returncode != 0:
        tail = "\n".join(log.read_text().splitlines()[-30:])
        raise RuntimeError(f"{' '.join(command[:3])} failed (see {log}):\n{tail}")
    return elapsed


def time_from_scratch(work_dir: Path) -> tuple[float, Path]:
    """Train into `work_dir` with an empty Rasa cache, so nothing is reused from earlier runs."""
    from bot.training import fingerprint

    work_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, RASA_CACHE_DIRECTORY=str(work_dir / "cache"))
    name = f"asb-{fingerprint()}"
    seconds = _run_logged(train_command(work_dir, name), work_dir / "train.log", env)
    model = work_dir / f"{name}.tar.gz"
    if not model.exists():
        raise RuntimeError(f"rasa train finished but {model} was not written")
    return seconds, model


def adopt(model: Path) -> Path | None:
    """Keep a from-scratch model as the project's model when none exists for these inputs yet
    (saves a second training); only if the inputs still have the fingerprint it was named by."""
    from bot.training import model_path

    target = model_path()
    if target.exists() or target.name != model.name:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(model, target.with_suffix(".part"))
    os.replace(target.with_suffix(".part"), target)  # never a half-written model under its name
    return target


def time_unchanged(work_dir: Path) -> float:
    """`python -m bot train` when the model for the current inputs already exists."""
    work_dir.mkdir(parents=True, exist_ok=True)
    log = work_dir / "unchanged.log"
    seconds = _run_logged([sys.executable, "-m", "bot", "train"], log)
    if "up to date" not in log.read_text():
        raise RuntimeError(f"`python -m bot train` retrained although nothing changed (see {log})")
    return seconds
