"""`python -m bench` (what `make bench` runs): measure the assistant, rewrite docs/benchmarks.md."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from pathlib import Path

from bot.config import PROJECT_ROOT

DEFAULT_OUT = PROJECT_ROOT / "docs" / "benchmarks.md"
QUICK_OUT = PROJECT_ROOT / "var" / "bench-quick" / "benchmarks.md"
# (concurrent residents, residents in total): level 1 runs several residents one after another
# so its percentiles rest on more than one conversation.
LOAD_PLAN = ((1, 5), (10, 10), (50, 50))
QUICK_LOAD_PLAN = ((1, 2), (10, 10))
PROFILED_LEVEL = (10, 20)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--model", type=Path, help="use this model instead of the current one")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small subset for development (writes var/bench-quick/)",
    )
    parser.add_argument(
        "--skip-training-time",
        action="store_true",
        help="do not time training (saves several minutes)",
    )
    parser.add_argument("--out", type=Path, help=f"markdown file (default {DEFAULT_OUT})")
    return parser.parse_args(argv)


class Clock:
    """Prints each step with the time since the start, and remembers how long steps took."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.steps: dict[str, float] = {}

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @contextmanager
    def step(self, name: str):
        minutes, seconds = divmod(int(self.elapsed()), 60)
        print(f"[{minutes:02d}:{seconds:02d}] {name}...", flush=True)
        began = time.monotonic()
        try:
            yield
        finally:
            self.steps[name] = time.monotonic() - began


def quiet_libraries() -> None:
    """Keep the progress readable: no telemetry, no TensorFlow chatter, no deprecation noise."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
        warnings.filterwarnings("ignore", category=category)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    quiet_libraries()
    from bench import report
    from bench.datasets import load_openings, load_scenarios
    from bench.machine import describe, load_average
    from bench.run import Run

    out = (args.out or (QUICK_OUT if args.quick else DEFAULT_OUT)).resolve()
    clock = Clock()
    shown = ["python", "-m", "bench", *(argv if argv is not None else sys.argv[1:])]
    run = Run(
        command=shlex.join(shown),
        started_at=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        machine=describe(),
        quick=args.quick,
    )
    openings, scenarios = load_openings(), load_scenarios()
    if args.quick:
        openings, scenarios = openings[::5], scenarios[:3]
    work = Path(tempfile.mkdtemp(prefix="asb-bench-"))
    try:
        run.model = prepare_model(args, run, clock, work)
        measure(run, clock, openings, scenarios, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    run.machine["Load average at end (1, 5, 15 min)"] = load_average()
    run.steps = clock.steps
    run.total_seconds = clock.elapsed()
    with clock.step(
        f"Writing {out.relative_to(PROJECT_ROOT) if out.is_relative_to(PROJECT_ROOT) else out}"
    ):
        report.write(run, out)
    print(f"Done in {clock.elapsed() / 60:.1f} min: {out}", flush=True)
    for problem in run.problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if run.problems else 0


def prepare_model(args, run, clock: Clock, work: Path) -> Path:
    """Time training when asked, and return the model to measure (training it if needed)."""
    from bench import training_time
    from bot.training import model_path, train_if_needed

    skip = args.skip_training_time or args.quick
    if skip:
        run.training.note = "not measured in this run (--skip-training-time or --quick)"
    else:
        with clock.step("Training from scratch (empty cache, temporary output)"):
            seconds, scratch = training_time.time_from_scratch(work / "train")
            run.training.from_scratch_seconds = seconds
            if args.model is None and training_time.adopt(scratch):
                print("  (kept as the model for the current inputs: no second training)")
    if args.model is not None:
        model = args.model.resolve()
        if not model.exists():
            raise SystemExit(f"--model {model} does not exist")
    else:
        with clock.step("Model for the current inputs (train_if_needed)"):
            model = train_if_needed()
    if not skip:
        if model_path().exists():
            with clock.step("Training with unchanged inputs (python -m bot train)"):
                run.training.unchanged_seconds = training_time.time_unchanged(work / "train")
        else:
            run.training.note = "unchanged-inputs time not measured: no model for these inputs"
    return model


def measure(run, clock: Clock, openings, scenarios, work: Path) -> None:
    """Everything that needs the running servers, then the in-process profiles."""
    import httpx

    from bench import conversation, load, profiling, quality, server_profile
    from bench.baseline import Baseline
    from bench.resources import MemorySampler
    from bench.servers import api_token, bench_settings, running_assistant
    from bot.policy import load_policy

    policy = load_policy()
    with clock.step("Training the baseline (TF-IDF + logistic regression)"):
        baseline = Baseline(policy)
    with ExitStack() as stack:
        with clock.step(f"Starting the Rasa server and action server ({run.model.name})"):
            assistant = stack.enter_context(running_assistant(run.model, work / "assistant"))
        pids = {p.name: p.popen.pid for p in assistant.processes}
        sampler = stack.enter_context(MemorySampler(pids))
        run.memory = sampler.result
        token = api_token(assistant)
        phase = _phases(run, sampler)
        with (
            clock.step(f"Quality on {len(openings)} held-out openings"),
            phase("quality"),
            httpx.Client(timeout=60) as client,
        ):
            intent_of = quality.remote_intent(assistant.rasa_url, client, token)
            run.quality = quality.evaluate(openings, intent_of, policy, baseline)
        with clock.step(f"Conversation: {len(scenarios)} scripted residents"), phase("scenarios"):
            run.conversation = conversation.run_scenarios(
                scenarios, assistant.rasa_url, assistant.database_url, token
            )
        plan = QUICK_LOAD_PLAN if run.quick else LOAD_PLAN
        load.warm_up(assistant.rasa_url, token)
        for concurrency, residents in plan:
            step = f"Load: {residents} residents, {concurrency} at a time"
            with clock.step(step), phase(f"load x{concurrency}"):
                run.levels.append(
                    load.run_level_and_confirm(
                        assistant.rasa_url, assistant.database_url, concurrency, residents, token,
                        servers=pids,
                    )
                )  # fmt: skip
        # A separate level under py-spy, so the sampler cannot disturb the figures above.
        concurrency, residents = PROFILED_LEVEL
        step = f"Server profiles (py-spy) over {residents} more residents, {concurrency} at a time"
        with (
            clock.step(step),
            phase("py-spy"),
            server_profile.sampling(pids, work / "py-spy") as run.server_profiles,
        ):
            run.profiled_level = load.run_level_and_confirm(
                assistant.rasa_url, assistant.database_url, concurrency, residents, token,
                servers=pids,
            )  # fmt: skip
        if stopped := assistant.first_exited():
            run.problems.append(f"the {stopped.name} stopped during the benchmark")
    with clock.step("Profiling the action server's hot path in-process"):
        try:
            run.profiles = profiling.run(
                scenarios, openings, work / "profile", bench_settings(work / "profile")
            )
            run.experiments = profiling.experiments(scenarios, bench_settings(work / "profile"))
        except Exception:  # profiling is a bonus; keep every figure measured so far
            run.problems.append("profiling failed:\n" + traceback.format_exc(limit=3))
    for level in [*run.levels, *([run.profiled_level] if run.profiled_level else [])]:
        if level.errors or level.incomplete or level.missing:
            run.problems.append(
                f"load at {level.concurrency} concurrent: {level.errors} errors, "
                f"{level.incomplete} incomplete reports, {len(level.missing)} cases not found"
            )


def _phases(run, sampler):
    @contextmanager
    def phase(name: str):
        began = sampler.now()
        try:
            yield
        finally:
            run.phases.append((name, began, sampler.now()))

    return phase


if __name__ == "__main__":
    sys.exit(main())
