"""Train the Rasa model only when what it is built from has changed."""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
import time
from pathlib import Path

from bot.config import PROJECT_ROOT

log = logging.getLogger(__name__)

MODELS_DIR = PROJECT_ROOT / "models"
# Everything a trained model depends on, including the custom NLU component's code, which
# Rasa's own fingerprint does not cover.
TRAINING_INPUTS = ("config.yml", "domain.yml", "nlu", "stories", "bot/nlu", "bot/understanding")


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for name in TRAINING_INPUTS:
        path = root / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
            )
    return found


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    """A short hash of every training input's path and content."""
    digest = hashlib.sha256()
    for path in _files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path(root: Path = PROJECT_ROOT) -> Path:
    """Where the model for the current training inputs lives (it may not exist yet)."""
    return root / "models" / f"asb-{fingerprint(root)}.tar.gz"


LAST_MODEL_FILE = PROJECT_ROOT / "var" / "last-model"


def train_command(out_dir: Path, name: str) -> list[str]:
    """The `rasa train` command for the project's data, writing `<out_dir>/<name>.tar.gz`."""
    return [
        str(Path(sys.executable).with_name("rasa")),
        "train",
        "--data",
        "nlu",
        "stories",
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--out",
        str(out_dir),
        "--fixed-model-name",
        name,
        "--force",
    ]


def train_if_needed(root: Path = PROJECT_ROOT, *, force: bool = False) -> Path:
    """Return the model for the current inputs, training it first if there is none.

    The path is also written to var/last-model, so later steps use exactly this model even if a
    training input is edited meanwhile.
    """
    target = model_path(root)
    if target.exists() and not force:
        print(f"Model is up to date: {target.relative_to(root)} (no training needed)", flush=True)
        _remember(target)
        return target
    print("Training the model (data or config changed since the last model)...", flush=True)
    started = time.monotonic()
    command = train_command(Path("models"), target.name.removesuffix(".tar.gz"))
    subprocess.run(command, cwd=root, check=True)
    if not target.exists():
        raise RuntimeError(f"rasa train finished but {target} was not written")
    print(f"Trained in {time.monotonic() - started:.0f} s: {target.relative_to(root)}", flush=True)
    _remove_stale_models(target)
    _remember(target)
    return target


def _remember(model: Path) -> None:
    LAST_MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    LAST_MODEL_FILE.write_text(f"{model}\n")


def _remove_stale_models(keep: Path, keep_count: int = 3) -> None:
    """Keep the newest few models so the folder does not grow without end."""
    models = sorted(keep.parent.glob("asb-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    for old in models[:-keep_count]:
        if old != keep:
            old.unlink(missing_ok=True)
