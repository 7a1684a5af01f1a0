"""The generic validator names the dotted key path of every problem."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pytest

from bot.policy.errors import FieldProblem, PolicyError
from bot.policy.schema import build, join


@dataclass(frozen=True)
class Leaf:
    name: str
    level: int
    urgent: bool = False


@dataclass(frozen=True)
class Checked:
    low: int
    high: int

    def check(self) -> None:
        if self.high < self.low:
            raise FieldProblem("high", "must not be below low")


@dataclass(frozen=True)
class Tree:
    title: str
    leaves: tuple[Leaf, ...]
    kind: Literal["a", "b"] = "a"
    tags: tuple[str, ...] = ()
    note: str | None = None
    range: Checked | None = None


def test_a_valid_mapping_builds_nested_frozen_dataclasses() -> None:
    tree = build(Tree, {"title": "t", "leaves": [{"name": "x", "level": 1}], "kind": "b"})
    assert tree == Tree("t", (Leaf("x", 1),), "b")


def test_a_misspelled_key_is_named_with_its_path_and_a_suggestion() -> None:
    with pytest.raises(PolicyError) as error:
        build(
            Tree, {"title": "t", "leaves": [{"name": "x", "level": 1}, {"name": "y", "levle": 2}]}
        )
    assert "leaves[1].levle: unknown key (did you mean 'level'?)" in error.value.problems
    assert "leaves[1].level: missing key" in error.value.problems


def test_a_missing_key_is_named_with_its_path() -> None:
    with pytest.raises(PolicyError, match=r"^title: missing key$"):
        build(Tree, {"leaves": []})


def test_a_wrong_type_is_named_with_what_was_expected() -> None:
    with pytest.raises(PolicyError, match=r"leaves\[0\]\.level: expected a whole number"):
        build(Tree, {"title": "t", "leaves": [{"name": "x", "level": "one"}]})


def test_true_is_not_accepted_as_a_number() -> None:
    with pytest.raises(PolicyError, match="expected a whole number, got true/false"):
        build(Leaf, {"name": "x", "level": True})


def test_empty_text_is_rejected() -> None:
    with pytest.raises(PolicyError, match="title: must not be empty"):
        build(Tree, {"title": "  ", "leaves": []})


def test_a_literal_lists_the_allowed_values() -> None:
    with pytest.raises(PolicyError, match=r"kind: must be one of 'a', 'b'"):
        build(Tree, {"title": "t", "leaves": [], "kind": "c"})


def test_a_single_string_is_accepted_where_a_list_of_strings_is_expected() -> None:
    assert build(Tree, {"title": "t", "leaves": [], "tags": "one"}).tags == ("one",)


def test_a_list_is_required_for_a_list_of_mappings() -> None:
    with pytest.raises(PolicyError, match="leaves: expected a list, got a mapping"):
        build(Tree, {"title": "t", "leaves": {"name": "x"}})


def test_a_check_hook_problem_is_named_under_its_object() -> None:
    with pytest.raises(PolicyError, match=r"range\.high: must not be below low"):
        build(Tree, {"title": "t", "leaves": [], "range": {"low": 5, "high": 1}})


def test_every_problem_is_reported_not_only_the_first() -> None:
    with pytest.raises(PolicyError) as error:
        build(Tree, {"leaves": [{"name": 1, "level": 1}], "colour": "red"})
    assert len(error.value.problems) == 3


def test_the_top_level_must_be_a_mapping() -> None:
    with pytest.raises(PolicyError, match=r"\(top level\): expected a mapping"):
        build(Tree, ["not", "a", "mapping"])


def test_paths_join_keys_and_list_indexes() -> None:
    assert join("", "a") == "a"
    assert join("a", "b") == "a.b"
    assert join("a", "[2].c") == "a[2].c"
