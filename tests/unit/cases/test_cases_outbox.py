"""The durable outbox: atomic, owner-only, one file per submission."""

from __future__ import annotations

import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from bot.cases.examples import example_draft
from bot.cases.outbox import Outbox

NOW = datetime(2025, 11, 21, 10, 0, tzinfo=timezone.utc)


def test_park_then_read_back_everything(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    assert outbox.is_empty() and outbox.pending() == []
    draft = example_draft()
    assert outbox.park("k1", "ASB-AAAA-AAAA", draft, NOW) == "ASB-AAAA-AAAA"
    parked = outbox.get("k1")
    assert parked.reference == "ASB-AAAA-AAAA"
    assert parked.parked_at == NOW
    assert parked.draft == draft
    assert outbox.count() == 1 and not outbox.is_empty()


def test_parking_the_same_key_again_keeps_the_first_reference(tmp_path):
    outbox = Outbox(tmp_path)
    outbox.park("k1", "FIRST", example_draft(), NOW)
    assert outbox.park("k1", "SECOND", example_draft(), NOW) == "FIRST"
    assert outbox.count() == 1


def test_concurrent_parks_of_one_submission_agree_on_one_reference(tmp_path):
    outbox = Outbox(tmp_path)
    barrier = threading.Barrier(10)

    def park(index: int) -> str:
        barrier.wait()
        return outbox.park("same-key", f"REF-{index}", example_draft(), NOW)

    with ThreadPoolExecutor(max_workers=10) as pool:
        references = list(pool.map(park, range(10)))
    assert len(set(references)) == 1
    assert outbox.get("same-key").reference == references[0]
    assert sorted(os.listdir(tmp_path)) == ["same-key.json"]


def test_files_are_owner_only_and_no_temporary_files_remain(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    outbox.park("k1", "R", example_draft(), NOW)
    assert stat.S_IMODE(os.stat(tmp_path / "outbox").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "outbox" / "k1.json").st_mode) == 0o600
    assert os.listdir(tmp_path / "outbox") == ["k1.json"]


def test_pending_is_oldest_first_and_remove_forgets(tmp_path):
    outbox = Outbox(tmp_path)
    outbox.park("newer", "R2", example_draft(), NOW)
    outbox.park("older", "R1", example_draft(), NOW - timedelta(hours=1))
    assert [entry.reference for entry in outbox.pending()] == ["R1", "R2"]
    outbox.remove("older")
    outbox.remove("older")  # removing twice is fine (two drains raced)
    assert [entry.reference for entry in outbox.pending()] == ["R2"]


def test_unreadable_files_are_set_aside_not_deleted(tmp_path, caplog):
    outbox = Outbox(tmp_path)
    (tmp_path / "broken.json").write_text("{not json")
    outbox.park("k1", "R1", example_draft(), NOW)
    assert [entry.reference for entry in outbox.pending()] == ["R1"]
    assert [path.name for path in outbox.unreadable()] == ["broken.json.unreadable"]
    assert "broken.json" in caplog.text


def test_a_missing_directory_is_an_empty_outbox(tmp_path):
    outbox = Outbox(tmp_path / "never-created")
    assert outbox.is_empty() and outbox.get("k") is None and outbox.count() == 0
