"""Start, watch and stop the assistant's processes (action server, Rasa server, bridges)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot.config import PROJECT_ROOT, Settings


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    health_url: str | None = None


@dataclass
class Assistant:
    """The running servers; stop() ends every one of them."""

    settings: Settings
    processes: list[Process] = field(default_factory=list)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.rasa_port}"

    @property
    def database_url(self) -> str:
        return self.settings.database_url

    def stop(self) -> None:
        for process in reversed(self.processes):
            terminate(process.popen)
        self.processes.clear()

    def first_exited(self) -> Process | None:
        return next((p for p in self.processes if p.popen.poll() is not None), None)


def executable(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def write_endpoints(settings: Settings) -> Path:
    """Endpoints for this run: the action server URL and, if configured, Redis stores."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    lines = ["action_endpoint:", f'  url: "{settings.action_endpoint}"']
    if settings.redis_url:
        # Conversations survive a restart and several Rasa workers can share them.
        redis = urlsplit(settings.redis_url)
        where = [
            f"  url: {redis.hostname or '127.0.0.1'}",
            f"  port: {redis.port or 6379}",
            f"  db: {(redis.path or '/0').strip('/') or 0}",
        ]
        lines += ["tracker_store:", "  type: redis", *where, "lock_store:", "  type: redis", *where]
    path = settings.var_dir / "endpoints.yml"
    path.write_text("\n".join(lines) + "\n")
    return path


def child_environment(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": settings.database_url,
            "ASB_VAR_DIR": str(settings.var_dir),
            "OUTBOX_DIR": str(settings.outbox_dir),
            "POLICY_FILE": str(settings.policy_file),
            "RASA_PORT": str(settings.rasa_port),
            "ACTIONS_PORT": str(settings.actions_port),
            "ACTION_ENDPOINT_URL": settings.action_endpoint,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(PROJECT_ROOT),
            "RASA_API_TOKEN": settings.rasa_api_token,
        }
    )
    secrets_for_channels = {
        "TWILIO_AUTH_TOKEN": settings.twilio_auth_token,
        "TWILIO_WEBHOOK_URL": settings.twilio_webhook_url,
        "TELEGRAM_BOT_TOKEN": settings.telegram_bot_token,
    }
    for name, value in secrets_for_channels.items():
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    return env


def start(
    settings: Settings, model: Path, *, quiet: bool = False, telegram: bool = False
) -> Assistant:
    """Start the action server and the Rasa server and wait until both answer."""
    env = child_environment(settings)
    output = subprocess.DEVNULL if quiet else None
    assistant = Assistant(settings)
    try:
        actions = subprocess.Popen(
            [executable("rasa"), "run", "actions", "--actions", "actions",
             "--port", str(settings.actions_port)],
            cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output, start_new_session=True,
        )  # fmt: skip
        assistant.processes.append(
            Process("action server", actions, f"http://127.0.0.1:{settings.actions_port}/health")
        )
        rasa = subprocess.Popen(
            [sys.executable, "-m", "bot.rasa_server", "run", "--model", str(model),
             "--enable-api",
             "--interface", settings.rasa_host, "--port", str(settings.rasa_port),
             "--auth-token", settings.rasa_api_token,
             "--cors", "*", "--credentials", "credentials.yml",
             "--endpoints", str(write_endpoints(settings))],
            cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output, start_new_session=True,
        )  # fmt: skip
        assistant.processes.append(
            Process("Rasa server", rasa, f"http://127.0.0.1:{settings.rasa_port}/")
        )
        if telegram:
            bridge = subprocess.Popen(
                [sys.executable, "-m", "bot.channels.telegram_bridge"],
                cwd=PROJECT_ROOT, env=env, stdout=output, stderr=output, start_new_session=True,
            )  # fmt: skip
            assistant.processes.append(Process("Telegram bridge", bridge))
        for process in assistant.processes:
            if process.health_url:
                wait_until_healthy(process)
    except BaseException:
        assistant.stop()
        raise
    return assistant


def wait_until_healthy(process: Process, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise RuntimeError(
                f"The {process.name} stopped while starting (exit code "
                f"{process.popen.returncode}); see its output above."
            )
        try:
            with urllib.request.urlopen(process.health_url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"The {process.name} did not answer {process.health_url} in {timeout:.0f} s")


def terminate(popen: subprocess.Popen, grace: float = 10.0) -> None:
    if popen.poll() is not None:
        return
    try:
        os.killpg(popen.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        popen.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(popen.pid, signal.SIGKILL)
        popen.wait()
