"""Where the time goes in our own code: the action server's hot path and the danger rules.

Runs in-process (no servers): the scripted residents' reports are answered and submitted
through `ReportingService` (what every form validation and the finish action call) against a
throwaway SQLite case database, and `detect_danger` (what DangerOverride runs on every message
in the Rasa server) over the held-out openings. Uses pyinstrument when installed, else cProfile.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench import metrics
from bench.datasets import Opening, Scenario
from bot.config import PROJECT_ROOT

DEFAULT_ANSWERS = {
    "in_danger": "No",
    "confirm_report": "Yes",
    "anonymous": "Stay anonymous",
    "excluded_more": "No",
}
MAX_QUESTIONS = 60


@dataclass
class Hotspot:
    function: str
    where: str
    seconds: float


@dataclass
class Profile:
    """One profiled workload: call timings and the functions that cost the most."""

    name: str
    tool: str
    seconds: float
    calls: dict[str, list[float]] = field(default_factory=dict)
    own: list[Hotspot] = field(default_factory=list)
    inclusive: list[Hotspot] = field(default_factory=list)
    text: str = ""

    def stats(self, name: str) -> dict[str, float | int | None]:
        values = self.calls.get(name, [])
        return {
            "calls": len(values),
            "mean_ms": sum(values) / len(values) * 1000 if values else None,
            "p95_ms": (metrics.percentile(values, 95) or 0) * 1000 if values else None,
            "max_ms": max(values) * 1000 if values else None,
        }


class _Timer:
    """Collects wall time per named call."""

    def __init__(self) -> None:
        self.calls: dict[str, list[float]] = defaultdict(list)

    def __call__(self, name: str, function: Callable, *args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            self.calls[name].append(time.perf_counter() - started)


def scripted_report(service, scenario: Scenario, timer: _Timer, index: int) -> str | None:
    """Answer every question the plan asks, as the form would, then submit; the reference."""
    from bot.conversation.plan import next_question
    from bot.conversation.read_back import read_back

    slots: dict = {}
    answers = {**scenario.answers, "description": scenario.opening}
    for _ in range(MAX_QUESTIONS):
        slot = next_question(slots)
        if slot is None:
            break
        if slot == "confirm_report":
            timer("read_back", read_back, slots, "rest")
        text = answers.get(slot) or DEFAULT_ANSWERS.get(slot, "skip")
        outcome = timer(f"answer:{slot}", service.answer, slot, text, slots)
        timer.calls["ReportingService.answer"].append(timer.calls[f"answer:{slot}"][-1])
        if outcome.updates.get(slot) is None and slot in outcome.updates:
            # Re-asked: answer "skip" next time so the report still completes.
            answers[slot] = "skip"
        slots.update(outcome.updates)
    else:
        return None
    if slots.get("confirm_report") is True or (slots.get("triage") or {}).get("scope") == (
        "excluded"
    ):
        submitted = timer(
            "ReportingService.submit", service.submit, slots, f"profile-{index}", "rest"
        )
        return submitted.reference
    return None


def _where(path: str | None, line: int | None) -> str:
    if not path:
        return ""
    short = path
    for root in (str(PROJECT_ROOT) + "/", "site-packages/"):
        if root in short:
            short = short.split(root, 1)[1]
    return f"{short}:{line}" if line else short


def _is_ours(path: str | None) -> bool:
    return bool(path) and any(f"{PROJECT_ROOT}/{part}/" in path for part in ("bot", "actions"))


def hotspots(root, top: int = 12) -> tuple[list[Hotspot], list[Hotspot]]:
    """(functions by own time, our functions by inclusive time) from a pyinstrument frame tree."""
    own: dict[tuple, float] = defaultdict(float)
    inclusive: dict[tuple, float] = defaultdict(float)

    def walk(frame, active: frozenset) -> None:
        if frame.function == "[self]" or frame.is_synthetic:
            return
        key = (frame.function, _where(frame.file_path, frame.line_no))
        own[key] += frame.total_self_time
        if _is_ours(frame.file_path) and key not in active:
            inclusive[key] += frame.time  # outermost call only, so recursion counts once
        for child in frame.children:
            walk(child, active | {key})

    walk(root, frozenset())
    rank = sorted(own.items(), key=lambda kv: -kv[1])[:top]
    rank_in = sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]
    return (
        [Hotspot(f, w, s) for (f, w), s in rank],
        [Hotspot(f, w, s) for (f, w), s in rank_in],
    )


def _profiled(name: str, work: Callable[[_Timer], None]) -> Profile:
    timer = _Timer()
    try:
        from pyinstrument import Profiler
    except ImportError:
        return _cprofiled(name, work, timer)
    import pyinstrument

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    started = time.perf_counter()
    profiler.start()
    work(timer)
    session = profiler.stop()
    profile = Profile(
        name,
        f"pyinstrument {pyinstrument.__version__}",
        time.perf_counter() - started,
        dict(timer.calls),
    )
    root = session.root_frame()
    if root is not None:
        profile.own, profile.inclusive = hotspots(root)
    profile.text = profiler.output_text(unicode=False, color=False, short_mode=False)
    return profile


def _cprofiled(name: str, work: Callable[[_Timer], None], timer: _Timer) -> Profile:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(work, timer)
    profile = Profile(name, "cProfile", time.perf_counter() - started, dict(timer.calls))
    stats = pstats.Stats(profiler)
    rows = [
        ((fn, _where(path, line)), tt, ct)
        for (path, line, fn), (_, _, tt, ct, _) in stats.stats.items()
    ]
    profile.own = [Hotspot(f, w, tt) for (f, w), tt, _ in sorted(rows, key=lambda r: -r[1])[:12]]
    ours = [r for r in rows if _is_ours(str(PROJECT_ROOT / r[0][1]))]
    profile.inclusive = [
        Hotspot(f, w, ct) for (f, w), _, ct in sorted(ours, key=lambda r: -r[2])[:12]
    ]
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
    profile.text = text.getvalue()
    return profile


def profile_actions(scenarios: Sequence[Scenario], settings, rounds: int = 2) -> list[Profile]:
    """Cold (first report in a fresh process-like service) and warm profiles of the reports."""
    from bot.cases import CaseService
    from bot.conversation.service import ReportingService

    CaseService.from_settings(settings).upgrade_schema()
    service = ReportingService(settings)

    def cold(timer: _Timer) -> None:
        scripted_report(service, scenarios[0], timer, 0)

    def warm(timer: _Timer) -> None:
        for round_ in range(rounds):
            for i, scenario in enumerate(scenarios):
                scripted_report(service, scenario, timer, (round_ + 1) * 1000 + i)

    return [
        _profiled("first report in a new action server (cold)", cold),
        _profiled(f"{rounds} x {len(scenarios)} scripted reports (warm)", warm),
    ]


def profile_danger(openings: Sequence[Opening]) -> Profile:
    """The danger rules the Rasa server runs on every message (DangerOverride)."""
    from bot.understanding import detect_danger

    timer = _Timer()
    timer("detect_danger (first call)", detect_danger, "hello")

    def work(t: _Timer) -> None:
        for opening in openings:
            t("detect_danger", detect_danger, opening.text)

    profile = _profiled(f"detect_danger over {len(openings)} openings (warm)", work)
    profile.calls["detect_danger (first call)"] = timer.calls["detect_danger (first call)"]
    return profile


def run(scenarios, openings, var_dir: Path, base_settings) -> list[Profile]:
    settings = dataclasses.replace(
        base_settings,
        database_url=f"sqlite:///{var_dir / 'profile.db'}",
        outbox_dir=var_dir / "profile-outbox",
        var_dir=var_dir,
    )
    var_dir.mkdir(parents=True, exist_ok=True)
    return [*profile_actions(scenarios, settings), profile_danger(openings)]


@contextmanager
def _patched_classify_text(wrap: Callable[[Callable], Callable]):
    """Swap `classify_text` everywhere the conversation looks it up, in this process only."""
    import importlib

    # By name: the package attribute `bot.policy.triage` is the function, not the module.
    modules = [importlib.import_module(name)
               for name in ("bot.policy", "bot.policy.classify", "bot.policy.triage")]  # fmt: skip
    original = modules[1].classify_text
    replacement = wrap(original)
    for module in modules:
        module.classify_text = replacement
    try:
        yield replacement
    finally:
        for module in modules:
            module.classify_text = original


def _reports_ms(service, scenarios: Sequence[Scenario], start: int) -> float:
    """Mean wall time of one scripted report, answered and submitted."""
    timer = _Timer()
    started = time.perf_counter()
    for i, scenario in enumerate(scenarios):
        scripted_report(service, scenario, timer, start + i)
    return (time.perf_counter() - started) / len(scenarios) * 1000


def classify_experiment(scenarios: Sequence[Scenario], settings) -> dict:
    """What-if: the policy's text classification memoised per text (a fix suggested for
    bot/policy), measured in-process against the same scripted reports."""
    from bot.cases import CaseService
    from bot.conversation.service import ReportingService

    CaseService.from_settings(settings).upgrade_schema()
    service = ReportingService(settings)
    _reports_ms(service, scenarios[:1], 90_000)  # warm-up: policy, spaCy, dateparser
    calls: list[str] = []

    def counting(original):
        def classify_text(text, policy):
            calls.append(text)
            return original(text, policy)

        return classify_text

    def memoised(original):
        cache: dict[tuple[str, int], object] = {}

        def classify_text(text, policy):
            key = (text, id(policy))
            if key not in cache:
                cache[key] = original(text, policy)
            return cache[key]

        return classify_text

    with _patched_classify_text(counting):
        before = _reports_ms(service, scenarios, 91_000)
    with _patched_classify_text(memoised):
        after = _reports_ms(service, scenarios, 92_000)
    per_report = len(calls) / len(scenarios)
    distinct = len(set(calls)) / len(scenarios)
    return {
        "name": "the policy's text classification memoised per text (action server)",
        "where": "`bot/policy/classify.py` `classify_text`, called by `triage` and `answers`",
        "finding": f"each scripted report calls it {per_report:.1f} times on {distinct:.1f} "
        "distinct texts: the same description is scanned again for every answer that re-triages",
        "measure": "ms per scripted report (all answers + submit), in-process",
        "before": before,
        "after": after,
    }


def action_response(scenario: Scenario, settings) -> dict:
    """A realistic action server response: the slot events of answering the description."""
    from bot.conversation.service import ReportingService

    outcome = ReportingService(settings).answer("description", scenario.opening, {})
    events = [{"event": "slot", "timestamp": None, "name": k, "value": v}
              for k, v in outcome.updates.items()]  # fmt: skip
    return {"events": events, "responses": [{"text": "Thank you for telling me."}]}


def validation_experiment(scenarios: Sequence[Scenario], settings, calls: int = 40) -> dict:
    """What-if: the Rasa server checking action responses with one prepared validator instead
    of `jsonschema.validate`, which re-checks the schema itself on every call."""
    from jsonschema import exceptions, validate, validators
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    response = action_response(scenarios[0], settings)
    validate(response, spec)  # first use builds jsonschema's caches; time the steady state
    started = time.perf_counter()
    for _ in range(calls):
        validate(response, spec)
    before = (time.perf_counter() - started) / calls * 1000
    checker = validators.validator_for(spec)
    checker.check_schema(spec)
    prepared = checker(spec)
    started = time.perf_counter()
    for _ in range(calls):
        if exceptions.best_match(prepared.iter_errors(response)) is not None:
            raise AssertionError("the sample action response should be valid")
    after = (time.perf_counter() - started) / calls * 1000
    return {
        "name": "action responses checked with a prepared validator (Rasa server)",
        "where": "Rasa's `RemoteAction._validate_action_result` "
        "(rasa/core/actions/action.py) calls `jsonschema.validate` for every custom action",
        "finding": "`jsonschema.validate` runs `check_schema` (the schema against the draft "
        "2020-12 metaschema) on every call before validating the response",
        "measure": "ms per custom action call in the Rasa server, in-process",
        "before": before,
        "after": after,
    }


def sample_events(turns: int = 20) -> list[dict]:
    """A serialised conversation like a report's: per turn, the answer, the form, slots, a reply."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    events = []
    for i in range(turns):
        events += [
            UserUttered(f"answer {i}", {"name": "inform", "confidence": 0.9}).as_dict(),
            ActionExecuted("validate_report_form").as_dict(),
            SlotSet("location", f"answer {i}").as_dict(),
            SlotSet("requested_slot", "started").as_dict(),
            BotUttered("When did it start?").as_dict(),
            ActionExecuted("action_listen").as_dict(),
        ]
    return events


@contextmanager
def _cached_event_lookup():
    """`Event.resolve_by_type` remembering each type name's class, in this process only."""
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    found: dict[str, type] = {}

    def resolve_by_type(type_name, default=None):
        cls = found.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)
    try:
        yield
    finally:
        Event.resolve_by_type = staticmethod(original)


def event_lookup_experiment(calls: int = 20) -> dict:
    """What-if: Rasa looking up event classes by name in a dict instead of walking every
    subclass of `Event` for each event it reads back from the tracker store."""
    from rasa.shared.core.events import deserialise_events

    events = sample_events()

    def timed() -> float:
        deserialise_events(events)
        started = time.perf_counter()
        for _ in range(calls):
            deserialise_events(events)
        return (time.perf_counter() - started) / calls * 1000

    before = timed()
    with _cached_event_lookup():
        after = timed()
    return {
        "name": "event classes looked up by name once (Rasa server)",
        "where": "Rasa's `Event.resolve_by_type` (rasa/shared/core/events.py), used for every "
        "event of every conversation read back from the tracker store",
        "finding": "it calls `all_subclasses(Event)` (a recursive walk with `inspect.isabstract`) "
        "for each event, so each message costs more the longer the conversation",
        "measure": f"ms to read back a {len(events)}-event conversation, in-process",
        "before": before,
        "after": after,
    }


def experiments(scenarios: Sequence[Scenario], settings) -> list[dict]:
    return [
        classify_experiment(scenarios, settings),
        validation_experiment(scenarios, settings),
        event_lookup_experiment(),
    ]
