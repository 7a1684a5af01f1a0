"""Write docs/benchmarks.md and its PNG plots from one run's measurements."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from bench import metrics, plots, results
from bench.run import Run

FINDINGS = Path(__file__).resolve().parent / "findings.md"
QUALITY_NAMES = {
    "danger_recall": "Danger recall",
    "danger_precision": "Danger precision",
    "scope_accuracy": "Scope accuracy",
    "scope_macro_f1": "Scope macro-F1",
    "category_accuracy": "Category accuracy",
    "exclusion_accuracy": "Exclusion reason accuracy",
    "priority_accuracy": "Priority accuracy",
}


def fmt(value, digits: int = 2, unit: str = "") -> str:
    if value is None:
        return "n/a"
    text = f"{value:.{digits}f}" if isinstance(value, float) else str(value)
    return f"{text} {unit}".rstrip()


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.0f}"


def table(header: Sequence[str], rows: Iterable[Sequence], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _link(path: Path, out: Path) -> str:
    return path.relative_to(out.parent).as_posix()


def write(run: Run, out: Path) -> Path:
    """Draw the plots into `<out without .md>/`, save the headline figures, write the markdown."""
    assets = out.with_suffix("")
    assets.mkdir(parents=True, exist_ok=True)
    for old in assets.glob("*.png"):
        old.unlink()
    previous = results.load(assets / "results.json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # matplotlib 3.5 trips over newer pyparsing names
        images = draw(run, assets)
    sections = [
        header(run),
        summary(run, previous),
        quality_section(run, images, out),
        conversation_section(run, images, out),
        speed_section(run, images, out),
        memory_section(run, images, out),
        training_section(run),
        profiling_section(run, assets, out),
        findings_section(),
        method_section(run),
    ]
    out.write_text("\n\n".join(s for s in sections if s).rstrip() + "\n")
    results.save(
        assets / "results.json",
        run.headline(),
        {
            "date": run.started_at,
            "command": run.command,
            "model": run.model.name if run.model else "",
        },
    )
    return out


def draw(run: Run, assets: Path) -> dict[str, Path]:
    images: dict[str, Path] = {}
    if run.quality:
        q = run.quality
        images["quality"] = plots.quality_bars(assets / "quality.png", q.figures, QUALITY_NAMES)
        for dim, title in (
            ("danger", "Danger"),
            ("scope", "Scope"),
            ("priority", "Priority"),
            ("category", "Category (openings that belong to a category)"),
        ):
            images[f"confusion-{dim}"] = plots.confusion(
                assets / f"confusion-{dim}.png",
                f"{title}: rows expected, columns predicted",
                {system: q.matrices[system][dim] for system in q.matrices},
            )
    if run.conversation and run.conversation.runs:
        images["turns"] = plots.turns(assets / "turns.png", run.conversation.runs)
    if run.levels:
        images["latency"] = plots.latency(assets / "latency.png", run.levels)
    if run.memory and run.memory.timeline:
        images["memory"] = plots.memory(assets / "memory.png", run.memory.timeline, run.phases)
    return images


def header(run: Run) -> str:
    machine = table(["", ""], run.machine.items(), "ll")
    steps = table(["Step", "Seconds"], ((k, f"{v:.0f}") for k, v in run.steps.items()))
    quick = (
        "\n\n> **Quick run** (`--quick`): a subset of the data; not the committed figures."
        if run.quick
        else ""
    )
    return f"""# Benchmarks

Written by `make bench` (`{run.command}`) on **{run.started_at}**; do not edit by hand, rerun
it. It took **{run.total_seconds / 60:.1f} minutes** on the machine below. The model measured was
`{run.model.name if run.model else "none"}`.{quick}

Benchmarks report figures; they are not tests. `make test` keeps only coarse quality floors
(tests/nlu/floor.py).

## Machine

{machine}

<details><summary>How long each step of this run took</summary>

{steps}

</details>"""


def summary(run: Run, previous) -> str:
    now = run.headline()
    before, meta = previous if previous else ({}, {})
    rows = []
    for figure in results.FIGURES:
        if figure.key not in now and figure.key not in before:
            continue
        value = now.get(figure.key)
        digits = 3 if not figure.unit else 1
        if figure.unit in ("ms", "MiB", "s") and isinstance(value, float):
            digits = 0 if abs(value) >= 10 else (1 if abs(value) >= 1 else 2)
        rows.append(
            [
                figure.label,
                fmt(now.get(figure.key), digits, figure.unit),
                fmt(before.get(figure.key), digits, figure.unit),
                results.change(figure, now.get(figure.key), before.get(figure.key)),
            ]
        )
    when = meta.get("date", "no earlier run") if previous else "no earlier run"
    return f"""## Summary

Every headline figure, with the previous run's (kept in `docs/benchmarks/results.json`) so a
change that made things worse shows. Previous run: {when}.

{table(["Figure", "This run", "Previous run", "Change"], rows, "lrrl")}"""


def quality_section(run: Run, images: dict[str, Path], out: Path) -> str:
    q = run.quality
    if q is None:
        return "## Quality\n\nNot measured in this run."
    n = len(q.openings)
    danger = sum(o.danger for o in q.openings)
    hard = sum(o.hard for o in q.openings)
    in_category = sum(o.scope != "excluded" for o in q.openings)
    rows = [
        [label, fmt(q.figures["assistant"].get(key), 3), fmt(q.figures["baseline"].get(key), 3)]
        for key, label in QUALITY_NAMES.items()
    ]
    hard_rows = [
        [
            label,
            fmt(q.hard_figures["assistant"].get(key), 3),
            fmt(q.hard_figures["baseline"].get(key), 3),
        ]
        for key, label in QUALITY_NAMES.items()
    ]
    misses = q.misses("assistant")
    alarms = q.false_alarms("assistant")
    miss_list = (
        "\n".join(
            f"- \u201c{o.text}\u201d ({o.category}{'; ' + o.note if o.note else ''})"
            for o in misses
        )
        or "- none"
    )
    alarm_list = (
        "\n".join(
            f"- \u201c{o.text}\u201d ({o.category}{'; ' + o.note if o.note else ''})"
            for o in alarms
        )
        or "- none"
    )
    scope_tables = "\n\n".join(
        f"**{system}** (rows expected, columns predicted)\n\n"
        + matrix_table(q.matrices[system]["scope"])
        for system in q.matrices
    )
    danger_tables = "\n\n".join(
        f"**{system}**\n\n" + matrix_table(q.matrices[system]["danger"]) for system in q.matrices
    )
    sizes = ", ".join(f"{v} {k}" for k, v in q.baseline_sizes.items())
    return f"""## Quality

The held-out set is `bench/data/openings.yml`: **{n} opening messages** written the way
residents write (typos, text-speak, no punctuation), never used for training; {danger} are in
danger and {hard} are marked hard. Each is labelled with danger yes/no, scope, category and
priority.

- **Assistant**: danger is the trained NLU's intent (`report_danger` after the DangerOverride
  rules), asked of the running Rasa server; scope, category and priority are the policy
  engine's triage of the opening as the report's description
  (`bot.conversation.triage_slots.triage_slots`).
- **Baseline**: TF-IDF (word 1-2 grams) + logistic regression trained with scikit-learn on the
  same `nlu/` data ({sizes}). Danger = predicted intent `report_danger`; category = a second
  classifier trained on `report_problem` examples labelled by their `behaviour_type` entity,
  plus the excluded-topics file labelled `excluded`; scope from the category
  (hate_crime, mate_crime and excluded are their own scopes, else in_scope); priority = the
  policy's priority for the category, none when excluded.
- Category accuracy counts the {in_category} openings that belong to a category; an opening the
  system wrongly excludes counts as wrong. Exclusion reason accuracy is over the
  {n - in_category} excluded openings (the baseline has no exclusion reasons). Recall matters
  most: a missed danger message is a resident not told to call 999.

{table(["Figure", "Assistant", "Baseline"], rows)}

![Quality figures]({_link(images["quality"], out)})

### Hard cases only ({hard} openings)

{table(["Figure", "Assistant", "Baseline"], hard_rows)}

### Confusion matrices

Danger:

{danger_tables}

Scope:

{scope_tables}

![Danger confusion]({_link(images["confusion-danger"], out)})

![Scope confusion]({_link(images["confusion-scope"], out)})

![Priority confusion]({_link(images["confusion-priority"], out)})

![Category confusion]({_link(images["confusion-category"], out)})

### Danger messages the assistant missed: {len(misses)} of {danger}

The baseline missed {len(q.misses("baseline"))}.

{miss_list}

### False alarms: flagged as danger by the assistant but not in danger: {len(alarms)}

The baseline raised {len(q.false_alarms("baseline"))}.

{alarm_list}"""


def matrix_table(data: dict) -> str:
    labels = [plots.label_text(v) for v in data["labels"]]
    rows = [[labels[i], *row] for i, row in enumerate(data["matrix"])]
    return table(["expected \\ predicted", *labels], rows)


def quoted(pairs: Sequence[str]) -> str:
    """ "slot: answer" items as `slot`: “answer”."""
    items = []
    for pair in pairs:
        slot, _, answer = pair.partition(": ")
        items.append(f"`{slot}`: \u201c{answer}\u201d")
    return "; ".join(items)


def conversation_section(run: Run, images: dict[str, Path], out: Path) -> str:
    c = run.conversation
    if c is None:
        return "## Conversation efficiency\n\nNot measured in this run."

    def expected(r, name):
        value = r.expected.get(name)
        got = r.stored.get(name) if r.reference else None
        return fmt(got) if got == value else f"**{fmt(got)}** (expected {fmt(value)})"

    rows = [
        [r.name, r.turns, r.reference or "none", expected(r, "scope"), expected(r, "category"),
         expected(r, "priority"), "yes" if r.matches else "**no**",
         quoted(r.interruptions), quoted(r.reasked), r.error or ""]
        for r in c.runs
    ]  # fmt: skip
    fields = ", ".join(
        f"{name} {fmt(c.field_share(name), 2)}" for name in ("scope", "category", "priority")
    )
    figures = table(["Figure", "Value"], [
        ["Reports submitted", f"{len(c.completed)} of {len(c.runs)}"],
        ["Submitted with no question asked again and no unwanted danger pause",
         f"{sum(r.clean for r in c.runs)} of {len(c.runs)}"],
        ["Turns to a submitted report, median", fmt(c.turns_median, 1)],
        ["Turns to a submitted report, max", fmt(c.turns_max)],
        ["Stored case matches expected scope, category and priority", fmt(c.match_share, 2)],
        ["Unwanted danger pauses (resumed with \u201ccarry on\u201d)",
         sum(len(r.interruptions) for r in c.runs)],
        ["Questions asked again after an answer (then answered \u201cskip\u201d)",
         sum(len(r.reasked) for r in c.runs)],
    ])  # fmt: skip
    scenarios = table(
        ["Scenario", "Turns", "Reference", "Scope", "Category", "Priority", "Match",
         "Danger pause after", "Asked again after", "Error"], rows, "lrllllllll",
    )  # fmt: skip
    return f"""## Conversation efficiency

{len(c.runs)} scripted residents (`bench/data/scenarios.yml`) talk to the running assistant
over the REST webhook, each with a fresh sender id: the opening message, then the scenario's
answer to whichever question the assistant asks (read from the tracker API; "skip" for a
question the scenario has no answer for). A turn is one resident message, the opening and any
recovery included. When things go wrong the resident does what a real one would, so every
scenario still gets to a stored case: a question asked again straight after an answer (not
understood) is answered "skip", as the assistant invites; a report paused by a danger
interruption (none of these residents is in danger) is resumed with "carry on". Both are
counted and listed below, because each is a turn a real resident should not need.

{figures}

By field: {fields}.

{scenarios}

![Turns per scenario]({_link(images["turns"], out)})"""


def speed_section(run: Run, images: dict[str, Path], out: Path) -> str:
    if not run.levels:
        return "## Speed\n\nNot measured in this run."

    def cpu(lv, name):
        return fmt(lv.cpu_ms_per_message(name), 0)

    rows = [
        [
            lv.concurrency,
            lv.residents,
            lv.messages,
            ms(lv.percentile(50)),
            ms(lv.percentile(95)),
            ms(lv.percentile(99)),
            ms(max(lv.latencies, default=None)),
            lv.errors,
            lv.incomplete,
            f"{lv.confirmed}/{len(lv.references)}",
            fmt(lv.throughput, 1),
            f"{lv.wall_seconds:.1f}",
            cpu(lv, "Rasa server"),
            cpu(lv, "action server"),
        ]
        for lv in run.levels
    ]
    errors = "; ".join(
        f"{lv.concurrency}: " + ", ".join(f"{k} x{v}" for k, v in lv.error_kinds.items())
        for lv in run.levels
        if lv.error_kinds
    )
    top = run.levels[-1]
    header = ["Concurrent", "Residents", "Messages", "p50 ms", "p95 ms", "p99 ms", "max ms",
              "Errors", "Incomplete", "Cases confirmed", "Messages/s", "Seconds",
              "Rasa CPU ms/msg", "Actions CPU ms/msg"]  # fmt: skip
    latency_table = table(header, rows)
    p50_get = metrics.percentile(top.tracker_latencies, 50)
    return f"""## Speed

A load generator (`bench/load.py`, asyncio + httpx) plays N residents at once against the real
Rasa server and action server (in-memory tracker store, SQLite case database, one process each,
as `make run` starts them). Each resident files a full short report: "hi", "No" to the danger
question, a description, then "skip" to every question except anonymity ("Stay anonymous") and
the read-back ("Yes"), about 15 messages. Residents answer instantly, with no think time, so
this is a stress test: a real resident takes tens of seconds per answer, so 50 instant residents
are the load of far more real ones. Only the webhook POSTs are timed; each is followed by an
untimed tracker GET to learn the next question. Level 1 runs its residents one after another.
After each level every reference given is looked up in the case database.

{latency_table}

Errors count non-200 responses and failed requests (must be zero){": " + errors if errors else ""}.
Incomplete counts residents who got no case reference. CPU ms/msg is each server's process
CPU time (user + system, from `/proc`) over the level divided by the messages sent: the Rasa
server is one process, so about 1000 / (its CPU ms per message) messages per second is the
most it can take, however many residents there are.

The tracker GET after each message (not in the latencies above) took {ms(p50_get)} ms at the
median at {top.concurrency} concurrent residents; the Rasa server's CPU figures include it, so
real traffic, which does not make it, costs the server somewhat less per message.

**Throughput at {top.concurrency} concurrent residents: {fmt(top.throughput, 1)} messages per
second** ({top.messages} messages in {top.wall_seconds:.1f} s, the whole level from first to
last message).

![Latency by concurrency]({_link(images["latency"], out)})"""


def memory_section(run: Run, images: dict[str, Path], out: Path) -> str:
    m = run.memory
    if m is None:
        return "## Memory\n\nNot measured in this run."
    rows = [
        [
            name,
            fmt(m.peak_kib[name] / 1024, 0, "MiB"),
            fmt(m.tree_rss_kib.get(name, 0) / 1024, 0, "MiB"),
            m.processes.get(name, 1),
        ]
        for name in m.peak_kib
    ]
    image = (
        f"\n\n![Memory over the run]({_link(images['memory'], out)})" if "memory" in images else ""
    )
    return f"""## Memory

Peak resident memory: the highest `VmHWM` (high-water mark) in `/proc/<pid>/status` of any
process in each server's process group, read every 0.5 s from start-up to the end of the load
test, and the highest summed `VmRSS` of the group.

{table(["Server", "Peak RSS (VmHWM)", "Peak group RSS", "Processes"], rows)}{image}"""


def training_section(run: Run) -> str:
    t = run.training
    note = f"\n\n{t.note}." if t.note else ""
    scratch, unchanged = fmt(t.from_scratch_seconds, 0), fmt(t.unchanged_seconds, 2)
    return f"""## Training time

| Training | Seconds |
| --- | ---: |
| From scratch (`rasa train` as `bot/training.py` runs it, empty cache) | {scratch} |
| Unchanged inputs (`python -m bot train`, the model exists) | {unchanged} |{note}"""


def profiling_section(run: Run, assets: Path, out: Path) -> str:
    if not run.profiles:
        return "## Profiling\n\nNot run."
    parts = [
        """## Profiling

The action server's hot path, profiled in-process (no servers, no HTTP): every scripted
resident's report answered question by question through `ReportingService.answer()` (what each
form validation calls) and recorded with `ReportingService.submit()` (what the finish action
calls) against a throwaway SQLite database, and `detect_danger()` (what the DangerOverride NLU
component runs on every message in the Rasa server) over the held-out openings."""
    ]
    for i, profile in enumerate(run.profiles):
        (assets / f"profile-{i + 1}.txt").write_text(profile.text)
        calls = sorted(profile.calls, key=lambda k: -sum(profile.calls[k]))
        call_rows = []
        for name in calls[:14]:
            s = profile.stats(name)
            call_rows.append(
                [
                    f"`{name}`",
                    s["calls"],
                    fmt(s["mean_ms"], 1),
                    fmt(s["p95_ms"], 1),
                    fmt(s["max_ms"], 1),
                ]
            )
        own = [
            [
                f"`{h.function}`",
                f"`{h.where}`",
                f"{h.seconds * 1000:.0f}",
                f"{h.seconds / profile.seconds:.0%}",
            ]
            for h in profile.own[:10]
        ]
        inclusive = [
            [
                f"`{h.function}`",
                f"`{h.where}`",
                f"{h.seconds * 1000:.0f}",
                f"{h.seconds / profile.seconds:.0%}",
            ]
            for h in profile.inclusive[:10]
        ]
        link = _link(assets / f"profile-{i + 1}.txt", out)
        parts.append(f"""### {profile.name}

{profile.tool}, {profile.seconds:.2f} s in all; the full call tree is in [{link}]({link}).

{table(["Call", "Calls", "Mean ms", "p95 ms", "Max ms"], call_rows)}

Top functions by own time:

{table(["Function", "Where", "ms", "Share"], own, "llrr")}

Our functions by inclusive time:

{table(["Function", "Where", "ms", "Share"], inclusive, "llrr")}""")
    parts.append(server_profiles_section(run))
    if run.experiments:
        rows = [
            [e["name"], e["where"], e["finding"], e["measure"], f"{e['before']:.2f}",
             f"{e['after']:.2f}", f"{e['before'] / e['after']:.1f}x" if e["after"] else ""]
            for e in run.experiments
        ]  # fmt: skip
        fixes = table(
            ["Fix", "Where", "Finding", "Measured", "Before", "After", "Speed-up"], rows, "llllrrr"
        )
        parts.append(f"""### Before and after: the fixes the profiles point to

Each fix measured in-process against the library or project code it replaces: the same work
done the slow way, then the fixed way (the measurement patches nothing outside this process).
Whether a fix is applied in the servers is said under "Findings and fixes" below.

{fixes}""")
    return "\n\n".join(parts)


def server_profiles_section(run: Run) -> str:
    profiles = [p for p in run.server_profiles if p.error is None and p.busy]
    skipped = [f"{p.name}: {p.error}" for p in run.server_profiles if p.error]
    level = run.profiled_level
    where = (
        f"{level.residents} residents, {level.concurrency} at a time, after the measured levels"
        if level
        else "a separate load level"
    )
    text = f"""### Where the servers' CPU goes under load (py-spy)

py-spy sampled both running servers ({where}, so the sampler does not disturb the latency
figures above) at 50 samples per second. A sample counts for the component of the frame
nearest the top of its stack; samples in the idle event loop are left out."""
    if skipped:
        text += "\n\nNot sampled: " + "; ".join(skipped) + "."
    for p in profiles:
        components = [
            [name, count, f"{count / p.busy:.0%}"] for name, count in p.components.most_common()
        ]
        own = [[f"`{frame}`", count, f"{count / p.busy:.0%}"] for frame, count in
               p.own.most_common(8)]  # fmt: skip
        cpu = level.cpu_ms_per_message(p.name) if level else None
        component_table = table(["Component", "Samples", "Share of busy"], components)
        own_table = table(["Function (file:line)", "Samples", "Share of busy"], own)
        text += f"""

**{p.name}**: {p.samples} samples, {p.busy} busy ({p.busy / p.samples:.0%}); {fmt(cpu, 0)} ms
of CPU per message over this level.

{component_table}

Top functions by own samples:

{own_table}"""
    return text


def findings_section() -> str:
    if not FINDINGS.exists():
        return ""
    return FINDINGS.read_text().strip()


def method_section(run: Run) -> str:
    problems = "\n".join(f"- {p}" for p in run.problems)
    problems = f"\n\n### Problems in this run\n\n{problems}" if problems else ""
    return f"""## How to reproduce

`make bench` (or `.venv/bin/python -m bench`; `--model PATH` to measure a given model,
`--skip-training-time`, `--quick` for a small development run written to var/bench-quick/).
The code is in `bench/`; the held-out data in `bench/data/`. The plots and the figures of the
last run are in `docs/benchmarks/`.{problems}"""
