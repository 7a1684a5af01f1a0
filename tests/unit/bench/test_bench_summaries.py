"""Pure pieces of the benchmark around the metrics: comparisons, profiles, scenario outcomes."""

from __future__ import annotations

from bench import results
from bench.baseline import scope_of
from bench.conversation import ScenarioRun, last_exchange
from bench.server_profile import component, summarise


def test_baseline_scope_follows_its_category():
    assert scope_of("hate_crime") == "hate_crime"
    assert scope_of("mate_crime") == "mate_crime"
    assert scope_of("excluded") == "excluded"
    assert scope_of("noise") == "in_scope"


def test_change_says_better_or_worse_by_the_figures_direction():
    recall = results.Figure("danger_recall.assistant", "danger recall")
    latency = results.Figure("latency_p50_ms.c1", "p50", "ms", higher_is_better=False)
    assert results.change(recall, 0.95, 0.90).endswith("(better)")
    assert results.change(latency, 120.0, 100.0).endswith("(worse)")
    assert results.change(latency, 100.0, 100.0) == "same"
    assert results.change(latency, 100.0, None) == ""


def test_a_speed_change_inside_the_noise_band_is_not_called_better_or_worse():
    latency = results.Figure("latency_p50_ms.c1", "p50", "ms", False, noise=0.15)
    assert results.change(latency, 110.0, 100.0) == "+10% (within noise)"
    assert results.change(latency, 130.0, 100.0) == "+30% (worse)"


def test_results_round_trip_and_a_missing_file_is_no_previous_run(tmp_path):
    path = tmp_path / "results.json"
    assert results.load(path) is None
    results.save(path, {"danger_recall.assistant": 0.9}, {"date": "today"})
    assert results.load(path) == ({"danger_recall.assistant": 0.9}, {"date": "today"})


def test_a_scenario_matches_only_with_a_reference_and_every_field_equal():
    expected = {"scope": "in_scope", "category": "noise", "priority": 2}
    run = ScenarioRun("s", 12, "ASB-AAAA-BBBB", expected, dict(expected))
    assert run.matches
    run.stored["priority"] = 1
    assert not run.matches
    assert not ScenarioRun("s", 12, None, expected, dict(expected)).matches


def test_last_exchange_quotes_the_last_message_and_the_replies_to_it():
    transcript = [("resident", "hi"), ("assistant", "Are you in danger?"),
                  ("resident", "no"), ("assistant", "Tell me"), ("assistant", "more")]  # fmt: skip
    assert last_exchange(transcript) == "\u201cno\u201d \u2192 \u201cTell me / more\u201d"
    assert last_exchange([]) == "nothing was said"


def test_a_sample_belongs_to_the_component_nearest_the_top_of_its_stack():
    stack = [
        "receive (bot/channels/rest.py:63)",
        "_run_action (rasa/core/processor.py:982)",
        "_validate_action_result (rasa/core/actions/action.py:704)",
        "iter_errors (jsonschema/validators.py:301)",
    ]
    assert component(stack) == "checking action server responses (jsonschema)"
    assert component(stack[:2]) == "our code (bot/, actions/)"
    assert component(["main (somewhere.py:1)"]) == "other"


def test_py_spy_output_is_folded_into_components_own_time_and_idle():
    raw = (
        "main (rasa:8);serve (sanic/server/runners.py:155) 5\n"
        "main (rasa:8);predict (tensorflow/python/eager/execute.py:52) 3\n"
        "main (rasa:8);process (bot/nlu/danger_override.py:60) 2\n"
    )
    profile = summarise("Rasa server", raw)
    assert (profile.samples, profile.idle, profile.busy) == (10, 5, 5)
    assert profile.components["NLU model inference (TensorFlow)"] == 3
    assert profile.own["process (bot/nlu/danger_override.py:60)"] == 2
