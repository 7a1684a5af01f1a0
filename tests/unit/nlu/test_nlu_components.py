"""The custom NLU components: the classifier's guesses checked against rule-based cues."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.command_guard import CommandGuard
from bot.nlu.danger_override import DangerOverride


def parsed(text: str, *ranking: tuple[str, float]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message(data={TEXT: text, INTENT: dict(entries[0]), INTENT_RANKING_KEY: entries})


def intent(message: Message) -> str:
    return message.get(INTENT)["name"]


def test_present_danger_cues_raise_danger_whatever_the_classifier_said():
    message = parsed("he's at my door with a knife", ("inform", 0.9), ("report_danger", 0.1))
    DangerOverride({}).process([message])
    assert intent(message) == "report_danger"
    assert message.get(INTENT)["confidence"] == 1.0


def test_danger_only_in_the_past_is_set_aside():
    message = parsed("last year he threatened me", ("report_danger", 0.8), ("report_problem", 0.2))
    DangerOverride({}).process([message])
    assert intent(message) == "report_problem"


def test_the_classifiers_danger_stands_when_the_cues_say_nothing_either_way():
    message = parsed("something bad", ("report_danger", 0.7), ("inform", 0.3))
    DangerOverride({}).process([message])
    assert intent(message) == "report_danger"


@pytest.mark.parametrize("text", ["beginning of september", "start of the month"])
def test_an_answer_that_resembles_restart_does_not_restart(text):
    message = parsed(text, ("restart", 0.55), ("inform", 0.4))
    CommandGuard().process([message])
    assert intent(message) == "inform"


@pytest.mark.parametrize(("text", "command"), [("start again", "restart"), ("stop", "cancel")])
def test_a_real_command_passes_the_guard(text, command):
    message = parsed(text, (command, 0.9), ("inform", 0.1))
    CommandGuard().process([message])
    assert intent(message) == command


def test_a_long_answer_containing_stop_is_not_a_cancel():
    message = parsed("stop it he keeps banging on the wall", ("cancel", 0.6), ("inform", 0.4))
    CommandGuard().process([message])
    assert intent(message) == "inform"
