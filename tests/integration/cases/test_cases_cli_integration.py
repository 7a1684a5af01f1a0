"""The `python -m bot.cases` command line."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.cases.cli import main
from bot.cases.database import dispose_engine
from bot.cases.examples import example_draft, example_excluded_draft, example_hate_crime_draft
from bot.cases.references import generate_reference
from bot.cases.serialisation import EXPORT_KEYS

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def cli(service, migrated_url, tmp_path, capsys):
    def run(*arguments):
        code = main(
            ["--database-url", migrated_url, "--outbox-dir", str(tmp_path / "outbox"), *arguments]
        )
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def three_cases(service):
    past = datetime.now(timezone.utc) - timedelta(days=1)
    return [
        service.submit(example_draft(response_due=past), "a").reference,
        service.submit(example_hate_crime_draft(), "b").reference,
        service.submit(example_excluded_draft(), "c").reference,
    ]


def test_list_newest_first_with_filters(cli, three_cases):
    overdue, urgent, excluded = three_cases
    code, out, _ = cli("list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("REFERENCE")
    assert [line.split()[0] for line in lines[1:4]] == [excluded, urgent, overdue]
    assert "OVERDUE" in lines[3]
    assert lines[-1] == "3 case(s)"
    assert "Alex" not in out
    assert [line.split()[0] for line in cli("list", "--overdue")[1].splitlines()[1:-1]] == [overdue]
    assert [line.split()[0] for line in cli("list", "--priority", "1")[1].splitlines()[1:-1]] == [
        urgent
    ]
    assert excluded in cli("list", "--priority", "none")[1]
    assert cli("list", "--status", "closed")[1].strip() == "0 case(s)"


def test_show_a_case(cli, three_cases):
    code, out, _ = cli("show", three_cases[1].lower())
    assert code == 0
    assert f"Case {three_cases[1]}" in out
    assert "In the resident's words:" in out and "abuse about my religion" in out
    assert "strands: religion" in out
    assert "Audit trail:" in out


def test_export_json_and_csv(cli, three_cases, tmp_path):
    code, out, _ = cli("export", "--format", "json")
    records = json.loads(out)
    assert code == 0 and len(records) == 3
    assert [record["reference"] for record in records] == list(reversed(three_cases))
    assert all(list(record) == list(EXPORT_KEYS) for record in records)

    target = tmp_path / "cases.csv"
    code, _, err = cli("export", "--format", "csv", "--output", str(target))
    assert code == 0 and "3 case(s) written" in err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 3 and list(rows[0]) == list(EXPORT_KEYS)
    assert json.loads(rows[1]["hate_crime"])["strands"] == ["religion"]
    assert rows[0]["priority"] == "" and rows[0]["anonymous"] == "true"


def test_set_status(cli, three_cases):
    code, out, _ = cli("set-status", three_cases[0], "closed")
    assert code == 0 and out.strip() == f"{three_cases[0]} is closed."
    assert cli("list", "--overdue")[1].strip() == "0 case(s)"


def test_errors_are_one_line_with_exit_code_1(cli, three_cases):
    code, _, err = cli("show", generate_reference())
    assert code == 1 and err.startswith("error: No case with reference") and err.count("\n") == 1
    code, _, err = cli("show", "ASB-0000-0000")
    assert code == 1 and err.startswith("error:") and err.count("\n") == 1


def test_module_entry_point_reports_an_unreachable_database(tmp_path):
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cases",
            "--database-url",
            "postgresql+psycopg2://postgres@127.0.0.1:1/test",
            "--outbox-dir",
            str(tmp_path / "outbox"),
            "list",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error:") and "unavailable" in result.stderr
    assert result.stderr.count("\n") == 1


def test_upgrade_command_creates_the_schema(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh' / 'cases.db'}"
    assert main(["--database-url", url, "--outbox-dir", str(tmp_path / "o"), "upgrade"]) == 0
    assert capsys.readouterr().out.strip() == "Case database at revision 0001."
    assert main(["--database-url", url, "--outbox-dir", str(tmp_path / "o"), "list"]) == 0
    assert capsys.readouterr().out.strip() == "0 case(s)"
    dispose_engine(url)
