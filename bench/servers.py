"""The real assistant (action server + Rasa server) on free local ports, throwaway database."""

from __future__ import annotations

import dataclasses
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_settings(var_dir: Path):
    """Settings like tests/conftest.py: a fresh SQLite database and free ports, no Redis."""
    from bot.config import get_settings

    actions_port = free_port()
    return dataclasses.replace(
        get_settings(),
        var_dir=var_dir,
        database_url=f"sqlite:///{var_dir / 'cases.db'}",
        outbox_dir=var_dir / "outbox",
        rasa_host="127.0.0.1",
        rasa_port=free_port(),
        actions_port=actions_port,
        action_endpoint=f"http://127.0.0.1:{actions_port}/webhook",
        redis_url=None,
    )


def api_token(assistant) -> str | None:
    """The token the Rasa HTTP API (tracker, /model/parse) wants, if the servers use one."""
    return getattr(assistant.settings, "rasa_api_token", None) or None


@contextmanager
def _output_to(log: Path) -> Iterator[None]:
    """Point this process's stdout and stderr at `log` while the servers start, so they
    inherit it and their output is kept for diagnosis instead of flooding the progress."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log.open("ab") as target:
        os.dup2(target.fileno(), 1)
        os.dup2(target.fileno(), 2)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


@contextmanager
def running_assistant(model: Path, var_dir: Path) -> Iterator[object]:
    """Start both servers (waiting until they answer) and stop them however the block ends.

    Their output goes to `var_dir/servers.log`, whose end is shown if they fail to start.
    """
    from bot import processes
    from bot.cases import CaseService

    var_dir.mkdir(parents=True, exist_ok=True)
    settings = bench_settings(var_dir)
    CaseService.from_settings(settings).upgrade_schema()
    log = var_dir / "servers.log"
    try:
        with _output_to(log):
            assistant = processes.start(settings, model, quiet=False)
    except Exception as error:
        raise RuntimeError(f"the servers did not start: {error}\n{tail(log)}") from error
    try:
        yield assistant
    finally:
        assistant.stop()
