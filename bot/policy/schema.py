"""Build frozen dataclasses from parsed YAML, naming the dotted key path of every problem.

Supported field types: str, int, bool, float, `X | None`, `tuple[X, ...]`, `Literal[...]`,
nested dataclasses, and classes with a `from_yaml(value)` classmethod (which raise ValueError).
A field with a default is an optional key; every other field is a required key.
After an object is built its optional `check()` method may raise `FieldProblem`.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Any, Literal, TypeVar, Union

from bot.policy.errors import FieldProblem, PolicyError

T = TypeVar("T")

_NAMES = {str: "text", int: "a whole number", bool: "true or false", float: "a number"}


def build(cls: type[T], data: Any, path: str = "") -> T:
    """Return `cls` built from `data`, or raise PolicyError listing every problem found."""
    return _build(cls, data, path)


def join(path: str, key: str) -> str:
    """Join a dotted key path and a key (`key` may itself be `a.b` or `[3].c`)."""
    if not path:
        return key
    return f"{path}{key}" if key.startswith("[") else f"{path}.{key}"


def _where(path: str) -> str:
    return path or "(top level)"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _build(tp: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return _build_optional(tp, value, path)
    if origin is Literal:
        allowed = typing.get_args(tp)
        if value not in allowed:
            options = ", ".join(repr(a) for a in allowed)
            raise PolicyError(f"{_where(path)}: must be one of {options}, got {_describe(value)}")
        return value
    if origin is tuple:
        return _build_tuple(tp, value, path)
    if hasattr(tp, "from_yaml"):
        try:
            return tp.from_yaml(value)
        except ValueError as error:
            raise PolicyError(f"{_where(path)}: {error}") from None
    if dataclasses.is_dataclass(tp):
        return _build_dataclass(tp, value, path)
    if tp in _NAMES:
        return _build_scalar(tp, value, path)
    raise TypeError(f"schema cannot build {tp!r}")  # a programming error, not a data error


def _build_optional(tp: Any, value: Any, path: str) -> Any:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if value is None:
        return None
    if len(args) != 1:
        raise TypeError(f"schema only supports `X | None` unions, not {tp!r}")
    return _build(args[0], value, path)


def _build_tuple(tp: Any, value: Any, path: str) -> tuple[Any, ...]:
    args = typing.get_args(tp)
    if len(args) != 2 or args[1] is not Ellipsis:
        raise TypeError(f"schema only supports tuple[X, ...], not {tp!r}")
    item = args[0]
    if isinstance(value, str) and (item is str or hasattr(item, "from_yaml")):
        value = [value]  # a single quote or phrase may be written without list brackets
    if not isinstance(value, list):
        raise PolicyError(f"{_where(path)}: expected a list, got {_describe(value)}")
    items, problems = [], []
    for index, element in enumerate(value):
        try:
            items.append(_build(item, element, f"{path}[{index}]"))
        except PolicyError as error:
            problems.extend(error.problems)
    if problems:
        raise PolicyError(problems)
    return tuple(items)


def _build_scalar(tp: type, value: Any, path: str) -> Any:
    ok = isinstance(value, tp) and not (tp is not bool and isinstance(value, bool))
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not ok:
        raise PolicyError(f"{_where(path)}: expected {_NAMES[tp]}, got {_describe(value)}")
    if tp is str and not value.strip():
        raise PolicyError(f"{_where(path)}: must not be empty")
    return value


def _build_dataclass(cls: type, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise PolicyError(f"{_where(path)}: expected a mapping of keys, got {_describe(value)}")
    fields = [f for f in dataclasses.fields(cls) if f.init]
    names = [f.name for f in fields]
    hints = typing.get_type_hints(cls)
    problems: list[str] = []
    for key in value:
        if key not in names:
            close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(f"{join(path, str(key))}: unknown key{hint}")
    kwargs: dict[str, Any] = {}
    for field in fields:
        required = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        if field.name not in value:
            if required:
                problems.append(f"{join(path, field.name)}: missing key")
            continue
        try:
            where = join(path, field.name)
            kwargs[field.name] = _build(hints[field.name], value[field.name], where)
        except PolicyError as error:
            problems.extend(error.problems)
    if problems:
        raise PolicyError(problems)
    obj = cls(**kwargs)
    check = getattr(obj, "check", None)
    if callable(check):
        try:
            check()
        except FieldProblem as problem:
            raise PolicyError(f"{join(path, problem.key)}: {problem}") from None
    return obj
