"""The package's public surface, and that importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bot.understanding as understanding

ROOT = Path(__file__).resolve().parents[3]


def test_the_public_names_are_re_exported() -> None:
    for name in understanding.__all__:
        assert hasattr(understanding, name), name


def test_importing_the_package_loads_neither_spacy_nor_dateparser() -> None:
    code = (
        "import sys, bot.understanding\n"
        "heavy = [m for m in ('spacy', 'dateparser', 'thinc') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_warm_up_loads_everything_and_can_run_twice() -> None:
    understanding.warm_up()
    understanding.warm_up()
    assert understanding.detect_danger("help").present
