"""Efficiency of the conversation: scripted residents, turns to a submitted report, case match.

Each resident behaves as a real one would when things go wrong, so that every scenario still
measures turns and the stored case: a question asked again straight after an answer (not
understood) is answered "skip", as the assistant invites; a report paused by a danger
interruption the scenario did not call for is resumed with "carry on". Both are counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bench import metrics
from bench.datasets import Scenario

FIELDS = ("scope", "category", "priority")
SKIP = "skip"
RESUME = "carry on"
MAX_TURNS = 60
MAX_RESUMES = 3


@dataclass
class ScenarioRun:
    name: str
    turns: int
    reference: str | None
    expected: dict[str, object]
    stored: dict[str, object] = field(default_factory=dict)
    error: str | None = None
    reasked: list[str] = field(default_factory=list)  # "slot: answer" asked again after it
    interruptions: list[str] = field(default_factory=list)  # "slot: answer" that paused for danger

    @property
    def matches(self) -> bool:
        return bool(self.reference) and all(
            self.stored.get(name) == self.expected.get(name) for name in FIELDS
        )

    @property
    def clean(self) -> bool:
        """Submitted with no question asked again and no unwanted danger pause."""
        return bool(self.reference) and not self.reasked and not self.interruptions


@dataclass
class ConversationResult:
    runs: list[ScenarioRun]

    def _share(self, count: int) -> float | None:
        return count / len(self.runs) if self.runs else None

    @property
    def completed(self) -> list[ScenarioRun]:
        return [r for r in self.runs if r.reference]

    @property
    def turns_median(self) -> float | None:
        return metrics.median([r.turns for r in self.completed])

    @property
    def turns_max(self) -> int | None:
        return max((r.turns for r in self.completed), default=None)

    @property
    def submitted_share(self) -> float | None:
        return self._share(len(self.completed))

    @property
    def clean_share(self) -> float | None:
        return self._share(sum(r.clean for r in self.runs))

    @property
    def match_share(self) -> float | None:
        return self._share(sum(r.matches for r in self.runs))

    def field_share(self, name: str) -> float | None:
        return self._share(
            sum(bool(r.reference) and r.stored.get(name) == r.expected.get(name) for r in self.runs)
        )


def stored_fields(case) -> dict[str, object]:
    """The case's triage in the scenario file's terms (an exclusion reason is its category)."""
    return {
        "scope": case.scope,
        "category": case.category or case.exclusion_reason,
        "priority": case.priority,
    }


def converse(resident, scenario: Scenario, run: ScenarioRun) -> None:
    """The opening, then an answer to whatever is asked, until a reference is given."""
    from bot.client import DEFAULT_ANSWERS

    resident.say(scenario.opening)
    last_slot, last_answer, paused_on = None, None, None
    for _ in range(MAX_TURNS):
        if reference := resident.reference():
            run.reference = reference
            return
        slots = resident.slots()
        slot = slots.get("requested_slot")
        if slot is None:
            if slots.get("paused") and len(run.interruptions) < MAX_RESUMES:
                run.interruptions.append(
                    f"{last_slot or 'opening'}: {last_answer or scenario.opening}"
                )
                resident.say(RESUME)
                last_slot, last_answer, paused_on = None, RESUME, last_slot
                continue
            run.error = "the conversation ended without a case reference"
            return
        if slot == paused_on:
            # The answer that set off the danger pause would set it off again.
            answer, paused_on = SKIP, None
        elif slot == last_slot:
            if last_answer == SKIP:
                run.error = f"the assistant keeps asking {slot}, even after 'skip'"
                return
            run.reasked.append(f"{slot}: {last_answer}")
            answer = SKIP
        else:
            answer = scenario.answers.get(slot) or DEFAULT_ANSWERS.get(slot, SKIP)
        resident.say(answer)
        last_slot, last_answer = slot, answer
    run.error = f"no reference after {MAX_TURNS} turns"


def run_scenario(scenario: Scenario, rasa_url: str, cases, token: str | None) -> ScenarioRun:
    """One resident with a fresh sender id; failures are recorded, not raised."""
    from bot.client import Resident

    resident = Resident(rasa_url, api_token=token)
    run = ScenarioRun(scenario.name, 0, None, dict(scenario.expect))
    try:
        converse(resident, scenario, run)
        if run.reference:
            run.stored = stored_fields(cases.get(run.reference))
    except Exception as error:  # one broken scenario must not hide the others' figures
        run.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    finally:
        run.turns = resident.turns
        resident.client.close()
    if run.error:
        run.error += f"; last exchange: {last_exchange(resident.transcript)}"
    return run


def last_exchange(transcript: Sequence[tuple[str, str]]) -> str:
    """The resident's last message and the assistant's replies to it, for a failure report."""
    said = [i for i, (who, _) in enumerate(transcript) if who == "resident"]
    if not said:
        return "nothing was said"
    replies = " / ".join(text for who, text in transcript[said[-1] + 1 :] if who == "assistant")
    return f"\u201c{transcript[said[-1]][1]}\u201d \u2192 \u201c{replies[:160]}\u201d"


def run_scenarios(
    scenarios: Sequence[Scenario], rasa_url: str, database_url: str, token: str | None = None
) -> ConversationResult:
    from bot.cases import CaseService

    cases = CaseService(database_url, outbox_dir=None)
    runs = []
    for scenario in scenarios:
        run = run_scenario(scenario, rasa_url, cases, token)
        hiccups = len(run.reasked) + len(run.interruptions)
        print(
            f"  {run.name}: {run.turns} turns, {'match' if run.matches else 'MISMATCH'}"
            f"{f', {hiccups} hiccup(s)' if hiccups else ''}"
            f"{' - ' + run.error if run.error else ''}",
            flush=True,
        )
        runs.append(run)
    return ConversationResult(runs)
