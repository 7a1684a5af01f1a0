"""The faster action-response check accepts and rejects exactly what Rasa's own check does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot.rasa_server import validate_action_result

VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]},
    {},
]
INVALID = [
    {"events": [{"no_event_key": 1}]},
    {"events": "not a list"},
    {"responses": [{"text": "hi"}], "events": [{"event": 3}]},
]


@pytest.mark.parametrize("result", VALID)
def test_a_valid_response_passes_as_with_rasas_check(result):
    jsonschema.validate(result, RemoteAction.action_response_format_spec())
    assert validate_action_result(None, result) is True


@pytest.mark.parametrize("result", INVALID)
def test_an_invalid_response_fails_with_the_same_error_as_rasas_check(result):
    with pytest.raises(jsonschema.ValidationError) as rasas:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        validate_action_result(None, result)
    assert ours.value.message.startswith(rasas.value.message)
    assert "Failed to validate Action server response" in ours.value.message
