"""The CaseService facade: construction, settings, and a light import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cases import CaseService as LazyCaseService
from bot.cases.service import CaseService
from bot.config import load_settings

REPO = Path(__file__).resolve().parents[3]


def test_the_package_exports_the_service_lazily():
    assert LazyCaseService is CaseService


def test_importing_the_package_and_model_does_not_import_sqlalchemy():
    code = (
        "import sys, bot.cases, bot.cases.model, bot.cases.examples; "
        "print('sqlalchemy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "False"


def test_from_settings_uses_database_url_and_outbox_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path / "parked"))
    service = CaseService.from_settings(load_settings())
    assert service.database_url == f"sqlite:///{tmp_path / 'x.db'}"
    assert service.outbox.directory == tmp_path / "parked"
    assert not (tmp_path / "x.db").exists()  # constructing touches nothing


def test_a_url_or_a_unit_of_work_is_required():
    with pytest.raises(ValueError):
        CaseService()
