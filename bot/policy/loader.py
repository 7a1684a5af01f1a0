"""Load and validate a policy file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.policy.errors import PolicyError
from bot.policy.model import Policy
from bot.policy.schema import build

DEFAULT_POLICY_FILE = Path(__file__).resolve().parent / "data" / "progress_housing.yml"

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"


class _StrictLoader(yaml.SafeLoader):
    """A safe YAML loader that rejects duplicate keys and reads values the way editors expect.

    Plain YAML 1.1 turns `no`/`yes`/`on`/`off` into booleans and `18:00` into 1080; a policy
    editor means text, so only true/false are booleans and sexagesimal numbers are text.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (line {line})", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _INT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    _INT,
    re.compile(r"^(?:[-+]?0|[-+]?[1-9][0-9_]*)$"),
    list("-+0123456789"),
)


def load_policy(path: str | Path | None = None) -> Policy:
    """Load, validate and return the policy in `path` (default: the Progress Housing policy).

    Raises PolicyError naming the dotted key path of every problem. Callers cache the result.
    """
    file = Path(path) if path is not None else DEFAULT_POLICY_FILE
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(f"{file}: cannot read policy file ({error.strerror})") from None
    return parse_policy(text, origin=str(file))


def parse_policy(text: str, origin: str = "<policy>") -> Policy:
    """Validate policy YAML held in a string (`origin` names it in error messages)."""
    return policy_from_data(parse_yaml(text, origin), origin)


def parse_yaml(text: str, origin: str = "<policy>") -> Any:
    """Parse policy YAML without validating it (for editing tools and tests)."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: builds no objects
    except yaml.YAMLError as error:
        raise PolicyError(f"{origin}: not valid YAML: {error}") from None


def policy_from_data(data: Any, origin: str = "<policy>") -> Policy:
    """Validate already-parsed policy data (a mapping) and build the Policy."""
    try:
        return build(Policy, data)
    except PolicyError as error:
        header = f"{origin}: invalid policy ({len(error.problems)} problem(s))"
        raise PolicyError([header, *error.problems]) from None
