"""docs/policy.md is generated from the policy data and must stay in step with it."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from bot.policy.docs import _cell, main, render_markdown

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "policies"

REGENERATE = ".venv/bin/python -m bot.policy.docs > docs/policy.md"


def test_the_committed_docs_match_the_policy_data(policy: Any) -> None:
    committed = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    assert committed == render_markdown(policy), f"docs/policy.md is out of date: run {REGENERATE}"


def test_the_docs_have_tables_for_categories_exclusions_priorities_and_signposts(
    policy: Any,
) -> None:
    markdown = render_markdown(policy)
    for heading in ("## Categories", "## Exclusions", "## Priority levels", "## Signposts"):
        assert heading in markdown
    for category in policy.categories:
        assert f"| `{category.key}` | {category.label} |" in markdown
    for exclusion in policy.exclusions:
        assert exclusion.where_to_go.split()[0] in markdown


def test_the_docs_do_not_reproduce_the_hate_word_lists(policy: Any) -> None:
    assert "paki" not in render_markdown(policy).lower()


def test_a_pipe_or_new_line_in_the_data_does_not_break_a_table() -> None:
    assert _cell("a|b\nc") == "a\\|b c"


def test_the_command_prints_the_docs_for_another_policy_file() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main([str(FIXTURES / "council_example.yml")]) == 0
    assert out.getvalue().startswith("# Triage policy: Example Borough Council")
