"""A durable local outbox for cases the database could not take at submit time.

One JSON file per idempotency key, holding the whole draft and the reference already given to
the resident. Files are written to a temporary name, fsynced, then hard-linked into place:
unlike `os.replace`, a link never overwrites, so when two attempts park the same submission at
once exactly one file wins and both answer with its reference. Files are removed only after
the database has committed the case. The files hold personal data, so they are owner-only.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.cases.model import CaseDraft
from bot.cases.serialisation import draft_from_data, draft_to_data, parse_datetime

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
_SUFFIX = ".json"
_QUARANTINE_SUFFIX = ".unreadable"


@dataclass(frozen=True, kw_only=True)
class ParkedCase:
    """A submission waiting in the outbox."""

    idempotency_key: str
    reference: str
    parked_at: datetime
    draft: CaseDraft


class Outbox:
    """The outbox directory; safe to use from many threads and processes at once."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = Path(directory)

    def _path(self, idempotency_key: str) -> Path:
        # Keys are hex digests already, so they are safe file names.
        return self.directory / f"{idempotency_key}{_SUFFIX}"

    def _files(self) -> list[Path]:
        try:
            entries = list(os.scandir(self.directory))
        except FileNotFoundError:
            return []
        except OSError as error:
            logger.error("the outbox directory cannot be read (%s)", type(error).__name__)
            return []
        return [
            Path(entry.path)
            for entry in entries
            if entry.name.endswith(_SUFFIX) and not entry.name.startswith(".")
        ]

    def is_empty(self) -> bool:
        return not self._files()

    def count(self) -> int:
        return len(self._files())

    def park(self, idempotency_key: str, reference: str, draft: CaseDraft, at: datetime) -> str:
        """Keep a submission durably; return the reference it is parked under.

        If this key is already parked, the earlier reference wins and is returned.
        """
        existing = self.get(idempotency_key)
        if existing is not None:
            return existing.reference
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        document = {
            "format": FORMAT_VERSION,
            "idempotency_key": idempotency_key,
            "reference": reference,
            "parked_at": at.isoformat(),
            "draft": draft_to_data(draft),
        }
        payload = json.dumps(document, ensure_ascii=False).encode("utf-8")
        final = self._path(idempotency_key)
        temporary = self.directory / f".{idempotency_key}.{uuid.uuid4().hex}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temporary, final)
            except FileExistsError:
                winner = self.get(idempotency_key)
                if winner is not None:
                    return winner.reference
                raise
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self._sync_directory()
        return reference

    def get(self, idempotency_key: str) -> ParkedCase | None:
        """The parked submission for this key, or None."""
        return self._read(self._path(idempotency_key))

    def pending(self) -> list[ParkedCase]:
        """Every readable parked submission, oldest first; unreadable files are set aside."""
        parked = [entry for path in self._files() if (entry := self._read(path)) is not None]
        return sorted(parked, key=lambda entry: entry.parked_at)

    def remove(self, idempotency_key: str) -> None:
        """Forget a parked submission once the database holds it (missing is fine)."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path(idempotency_key))
            self._sync_directory()

    def _read(self, path: Path) -> ParkedCase | None:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            return ParkedCase(
                idempotency_key=document["idempotency_key"],
                reference=document["reference"],
                parked_at=parse_datetime(document["parked_at"]),
                draft=draft_from_data(document["draft"]),
            )
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            logger.error("outbox file %s cannot be read (%s)", path.name, type(error).__name__)
            return None
        except (ValueError, KeyError, TypeError) as error:
            # Never delete what may be the only copy of a report: set it aside for a person.
            aside = path.with_name(path.name + _QUARANTINE_SUFFIX)
            with contextlib.suppress(OSError):
                os.replace(path, aside)
            logger.error(
                "outbox file %s is unreadable (%s); set aside", path.name, type(error).__name__
            )
            return None

    def unreadable(self) -> list[Path]:
        """Files set aside because they could not be read."""
        try:
            return sorted(self.directory.glob(f"*{_QUARANTINE_SUFFIX}"))
        except OSError:
            return []

    def _sync_directory(self) -> None:
        # Make the new or removed directory entry itself durable (POSIX only).
        if os.name != "posix":
            return
        descriptor = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
