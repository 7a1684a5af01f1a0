"""Command line: `python -m bot train|run|shell|migrate` (the Makefile's targets call these)."""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time

from bot.config import PROJECT_ROOT, get_settings


def migrate() -> None:
    """Bring the case database to the newest schema and deliver any cases left in the outbox."""
    from bot.cases import CaseService

    service = CaseService.from_settings(get_settings())
    service.upgrade_schema()
    delivered = service.retry_outbox()
    if delivered:
        print(f"Delivered {delivered} case(s) that were waiting in the outbox.", flush=True)


def train(force: bool = False) -> None:
    from bot.training import train_if_needed

    train_if_needed(force=force)


def _stop_on_termination() -> None:
    """SIGTERM and SIGHUP stop the servers as Ctrl-C does (they run in their own sessions)."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), interrupt)


def run() -> int:
    from bot import processes
    from bot.training import train_if_needed

    _stop_on_termination()
    settings = get_settings()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    migrate()
    model = train_if_needed()
    telegram = bool(settings.telegram_bot_token)
    print("Starting the action server and the Rasa server (this takes about a minute)...",
          flush=True)  # fmt: skip
    assistant = processes.start(settings, model, telegram=telegram)
    url = f"http://localhost:{settings.rasa_port}"
    telegram_state = "bridge running" if telegram else "skipped (TELEGRAM_BOT_TOKEN not set)"
    print(
        "\nThe assistant is running. Press Ctrl-C to stop it.\n"
        f"  Web chat:       {url}/webhooks/webchat/\n"
        f"  REST webhook:   {url}/webhooks/rest/webhook\n"
        f"  SMS (Twilio):   {url}/webhooks/sms/webhook\n"
        f"  Telegram:       {telegram_state}\n"
        f"  Cases database: {_safe_url(settings.database_url)}\n"
        f'Try: curl -s {url}/webhooks/rest/webhook -d \'{{"sender":"u1","message":"hi"}}\'\n',
        flush=True,
    )
    try:
        while (stopped := assistant.first_exited()) is None:
            time.sleep(1)
        print(f"The {stopped.name} stopped unexpectedly; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
        return 0
    finally:
        assistant.stop()


def shell() -> int:
    from bot import processes
    from bot.training import train_if_needed

    _stop_on_termination()
    settings = get_settings()
    migrate()
    model = train_if_needed()
    env = processes.child_environment(settings)
    actions = subprocess.Popen(
        [processes.executable("rasa"), "run", "actions",
         "--actions", "actions", "--port", str(settings.actions_port)],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        processes.wait_until_healthy(
            processes.Process("action server", actions,
                              f"http://127.0.0.1:{settings.actions_port}/health")
        )  # fmt: skip
        return subprocess.call(
            [processes.executable("rasa"), "shell", "--model", str(model),
             "--endpoints", str(processes.write_endpoints(settings))],
            cwd=PROJECT_ROOT, env=env,
        )  # fmt: skip
    finally:
        processes.terminate(actions)


def _safe_url(url: str) -> str:
    """The database URL without any password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the case database and drain the outbox")
    train_parser = sub.add_parser("train", help="train the model if its inputs changed")
    train_parser.add_argument("--force", action="store_true", help="train even if up to date")
    sub.add_parser("run", help="start every server and wait for Ctrl-C")
    sub.add_parser("shell", help="talk to the assistant in this terminal")
    args = parser.parse_args(argv)
    try:
        if args.command == "migrate":
            migrate()
        elif args.command == "train":
            train(args.force)
        elif args.command == "run":
            return run()
        elif args.command == "shell":
            return shell()
    except (ValueError, RuntimeError, TimeoutError, subprocess.CalledProcessError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
