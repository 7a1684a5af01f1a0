"""The scripted resident's recovery rules, against a fake assistant (no servers)."""

from __future__ import annotations

from bench.conversation import RESUME, SKIP, ScenarioRun, converse
from bench.datasets import Scenario


class FakeResident:
    """Replays a script: for each message, the slots the tracker shows afterwards."""

    def __init__(self, script: list[dict]) -> None:
        self.script = script
        self.said: list[str] = []
        self.current: dict = {}
        self.ref: str | None = None

    def say(self, text: str) -> None:
        self.said.append(text)
        step = self.script[len(self.said) - 1]
        self.current = step.get("slots", {})
        self.ref = step.get("reference")

    def slots(self) -> dict:
        return self.current

    def reference(self) -> str | None:
        return self.ref


def asking(slot: str) -> dict:
    return {"slots": {"requested_slot": slot}}


def scenario(**answers: str) -> Scenario:
    return Scenario("s", "my neighbour plays loud music", answers, {})


def test_answers_come_from_the_scenario_then_the_defaults_then_skip():
    resident = FakeResident([asking("in_danger"), asking("location"), asking("confirm_report"),
                             {"reference": "ASB-AAAA-BBBB"}])  # fmt: skip
    run = ScenarioRun("s", 0, None, {})
    converse(resident, scenario(in_danger="no"), run)
    assert resident.said == ["my neighbour plays loud music", "no", SKIP, "Yes"]
    assert run.reference == "ASB-AAAA-BBBB"
    assert run.clean


def test_a_question_asked_again_is_answered_skip_and_counted():
    resident = FakeResident([asking("feels_safe"), asking("feels_safe"), asking("confirm_report"),
                             {"reference": "ASB-AAAA-BBBB"}])  # fmt: skip
    run = ScenarioRun("s", 0, None, {})
    converse(resident, scenario(feels_safe="not at home"), run)
    assert resident.said[1:] == ["not at home", SKIP, "Yes"]
    assert run.reasked == ["feels_safe: not at home"]
    assert not run.clean


def test_an_unwanted_danger_pause_is_resumed_and_that_answer_is_not_given_again():
    paused = {"slots": {"requested_slot": None, "paused": True}}
    resident = FakeResident([asking("impact"), paused, asking("impact"), asking("confirm_report"),
                             {"reference": "ASB-AAAA-BBBB"}])  # fmt: skip
    run = ScenarioRun("s", 0, None, {})
    converse(resident, scenario(impact="i feel sick"), run)
    assert resident.said[1:] == ["i feel sick", RESUME, SKIP, "Yes"]
    assert run.interruptions == ["impact: i feel sick"]
    assert run.reference


def test_a_question_that_skip_does_not_get_past_is_an_error():
    resident = FakeResident([asking("contact_phone")] * 3)
    run = ScenarioRun("s", 0, None, {})
    converse(resident, scenario(contact_phone="no thanks"), run)
    assert run.error == "the assistant keeps asking contact_phone, even after 'skip'"
    assert run.reference is None
