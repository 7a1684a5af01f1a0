"""Run Rasa's own command line with one measured speed-up: `python -m bot.rasa_server run ...`.

Why: profiling under load (docs/benchmarks.md) showed about 40% of the Rasa server's CPU going
to `RemoteAction._validate_action_result`, which calls `jsonschema.validate` for every custom
action response. That call first checks the constant response schema against its metaschema and
builds a new validator each time. Here the validator is built once; responses are checked
against the same schema and fail with the same error and message as before.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    return validators.validator_for(schema)(schema)


def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result`, with the schema's validator prepared once."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from "
            f"the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = validate_action_result


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
