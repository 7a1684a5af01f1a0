"""Nothing lost: the database really goes away during a submit, then comes back."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.cases.cli import main
from bot.cases.database import dispose_engine, upgrade_schema
from bot.cases.errors import CaseStoreUnavailable
from bot.cases.examples import example_draft
from bot.cases.references import validate_reference
from bot.cases.service import CaseService


@pytest.fixture
def sqlite_setup(tmp_path):
    """(url, database directory) for a migrated SQLite database."""
    directory = tmp_path / "db"
    url = f"sqlite:///{directory / 'cases.db'}"
    upgrade_schema(url)
    yield url, directory
    dispose_engine(url)


def _take_away(directory: Path) -> Path:
    away = directory.with_name(directory.name + "-away")
    directory.rename(away)
    return away


def test_sqlite_outage_during_submit_then_exactly_once(sqlite_setup, tmp_path, count_cases):
    url, directory = sqlite_setup
    service = CaseService(url, tmp_path / "outbox")
    before = service.submit(example_draft(), "conversation-0:1")
    away = _take_away(directory)

    parked = service.submit(example_draft(), "conversation-1:1")
    assert not parked.stored
    assert validate_reference(parked.reference) == parked.reference
    assert service.submit(example_draft(), "conversation-1:1").reference == parked.reference
    with pytest.raises(CaseStoreUnavailable):
        service.get(before.reference)
    with pytest.raises(CaseStoreUnavailable):
        service.retry_outbox()
    assert service.pending_in_outbox() == 1

    away.rename(directory)
    assert service.retry_outbox() == 1
    assert count_cases(url, parked.reference) == 1
    assert count_cases(url) == 2
    again = service.submit(example_draft(), "conversation-1:1")
    assert again.reference == parked.reference and again.stored and again.duplicate
    assert count_cases(url) == 2


def test_sqlite_next_submit_and_start_up_drain(sqlite_setup, tmp_path, count_cases):
    url, directory = sqlite_setup
    service = CaseService(url, tmp_path / "outbox")
    away = _take_away(directory)
    first = service.submit(example_draft(), "a")
    second = service.submit(example_draft(), "b")
    assert not first.stored and not second.stored
    away.rename(directory)

    # Recovery on the next submit, from another conversation.
    third = service.submit(example_draft(), "c")
    assert third.stored
    assert service.pending_in_outbox() == 0
    for reference in (first.reference, second.reference, third.reference):
        assert count_cases(url, reference) == 1

    # Recovery at start-up, in a fresh process-like service.
    away = _take_away(directory)
    fourth = service.submit(example_draft(), "d")
    away.rename(directory)
    assert CaseService(url, tmp_path / "outbox").on_startup() == 1
    assert count_cases(url, fourth.reference) == 1 and count_cases(url) == 4


def test_cli_retry_outbox_after_an_outage(sqlite_setup, tmp_path, count_cases, capsys):
    url, directory = sqlite_setup
    outbox = tmp_path / "outbox"
    away = _take_away(directory)
    parked = CaseService(url, outbox).submit(example_draft(), "a")
    arguments = ["--database-url", url, "--outbox-dir", str(outbox), "retry-outbox"]
    assert main(arguments) == 1
    assert "unavailable" in capsys.readouterr().err
    away.rename(directory)
    assert main(arguments) == 0
    assert "1 parked case(s) stored; 0 still in the outbox" in capsys.readouterr().out
    assert count_cases(url, parked.reference) == 1


def test_unreachable_postgres_parks_within_seconds(tmp_path):
    closed = "postgresql+psycopg2://postgres@127.0.0.1:1/test"
    service = CaseService(closed, tmp_path / "outbox")
    started = time.monotonic()
    submission = service.submit(example_draft(), "a")
    assert not submission.stored
    assert time.monotonic() - started < 10
    dispose_engine(closed)


@pytest.mark.postgres
def test_postgres_outage_during_submit_then_exactly_once(
    postgres_behind_proxy, tmp_path, count_cases
):
    url, direct_url, proxy = postgres_behind_proxy
    service = CaseService(url, tmp_path / "outbox")
    before = service.submit(example_draft(), "conversation-0:1")
    assert before.stored

    proxy.stop()  # the server vanishes, pooled connections included
    parked = service.submit(example_draft(), "conversation-1:1")
    assert not parked.stored
    # A double tap while the server is still away: same reference, still one parked file.
    barrier = threading.Barrier(5)

    def retry(_):
        barrier.wait()
        return service.submit(example_draft(), "conversation-1:1").reference

    with ThreadPoolExecutor(max_workers=5) as pool:
        assert set(pool.map(retry, range(5))) == {parked.reference}
    assert service.pending_in_outbox() == 1

    proxy.start()  # the server is back
    after = service.submit(example_draft(), "conversation-1:1")
    assert after.reference == parked.reference and after.stored
    assert service.pending_in_outbox() == 0
    assert count_cases(direct_url, parked.reference) == 1
    assert count_cases(direct_url) == 2
    assert service.get(parked.reference).audit[-1].action == "stored_from_outbox"


def test_concurrent_drains_store_each_parked_case_once(database_url, tmp_path, count_cases):
    # Park while the schema is missing (every insert fails), then upgrade and drain twice.
    outbox = tmp_path / "outbox"
    service = CaseService(database_url, outbox)
    if make_url(database_url).get_backend_name() == "sqlite":
        Path(make_url(database_url).database).parent.mkdir(parents=True, exist_ok=True)
    parked = [service.submit(example_draft(), f"k{i}") for i in range(6)]
    assert not any(submission.stored for submission in parked)
    upgrade_schema(database_url)
    barrier = threading.Barrier(4)

    def drain(_):
        barrier.wait()
        return CaseService(database_url, outbox).drain_outbox().stored

    with ThreadPoolExecutor(max_workers=4) as pool:
        stored = sum(pool.map(drain, range(4)))
    assert stored >= 6
    assert count_cases(database_url) == 6
    for submission in parked:
        assert count_cases(database_url, submission.reference) == 1


def test_upgrading_an_unreachable_database_is_a_clear_error(tmp_path):
    closed = "postgresql+psycopg2://postgres@127.0.0.1:1/test"
    with pytest.raises(CaseStoreUnavailable) as raised:
        CaseService(closed, tmp_path / "outbox").upgrade_schema()
    assert isinstance(raised.value, RuntimeError)  # `python -m bot migrate` reports these
    dispose_engine(closed)
