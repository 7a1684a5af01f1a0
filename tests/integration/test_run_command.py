"""`make run` (python -m bot run): it starts everything, answers, and stops everything."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from bot.config import PROJECT_ROOT
from tests.conftest import free_port, trained_model

pytestmark = pytest.mark.servers


def port_is_open(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
    except httpx.TransportError:
        return False
    return True


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_run_serves_the_danger_question_and_a_stop_signal_ends_every_process(tmp_path, stop_signal):
    if trained_model() is None:
        pytest.skip("no trained model for the current data: run `make train` (make test does)")
    rasa_port, actions_port = free_port(), free_port()
    env = {**os.environ, "ASB_VAR_DIR": str(tmp_path), "RASA_PORT": str(rasa_port),
           "ACTIONS_PORT": str(actions_port), "DATABASE_URL": f"sqlite:///{tmp_path}/cases.db",
           "OUTBOX_DIR": str(tmp_path / "outbox"), "ACTION_ENDPOINT_URL": "",
           "TELEGRAM_BOT_TOKEN": ""}  # fmt: skip
    run = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = run.stdout.readline()
            if not line:
                break
            output.append(line)
            if "The assistant is running" in line:
                break
        assert "no training needed" in "".join(output), "an unchanged model must not retrain"
        assert port_is_open(rasa_port) and port_is_open(actions_port), "".join(output[-20:])
        reply = httpx.post(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
                           content=b'{"sender":"u1","message":"hi"}', timeout=60)  # fmt: skip
        assert "immediate danger" in reply.text

        run.send_signal(stop_signal)
        run.wait(timeout=60)
        assert not port_is_open(rasa_port) and not port_is_open(actions_port)
    finally:
        if run.poll() is None:
            # SIGTERM lets the supervisor stop its servers; SIGKILL would orphan them.
            run.terminate()
            try:
                run.wait(timeout=60)
            except subprocess.TimeoutExpired:
                run.kill()
