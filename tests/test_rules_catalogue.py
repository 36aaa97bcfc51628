"""The catalogue: every rule of rules.md, each proven by its own failing and passing example."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlperf.validation.engine import validate
from xlperf.validation.rules import CATALOGUE, Rule
from xlperf.validation.rules.docs import render
from xlperf.validation.rules.examples import build

# The codes and default severities of ../shared/spec/rules.md.
SPEC = {
    "H001": "error", "H002": "error", "H003": "warning", "H004": "error",
    "S001": "error", "S002": "error", "S003": "error", "S004": "warning",
    "C001": "error", "C002": "warning", "C003": "warning", "C004": "warning",
    "W001": "error", "W002": "error", "W003": "error", "W004": "warning", "W005": "info",
    "Q001": "warning", "Q002": "error", "Q003": "warning", "Q004": "warning",
    "K001": "error", "K002": "warning", "K003": "error",
    "T001": "info",
}
# Codes added since (docs/rules.md): the reading family R, then the review rules of issue 15
# (single-table H005 S005 Q005–Q007 K004 K005 W006 W007 T002–T004, cross-project X).
ADDED = {"R001": "info", "R002": "info", "R003": "info"}
REVIEW = {"H005": "error", "S005": "warning", "Q005": "warning", "Q006": "warning",
          "Q007": "warning", "K004": "error", "K005": "warning", "W006": "warning",
          "W007": "error", "T002": "warning", "T003": "warning", "T004": "warning",
          "X001": "warning", "X002": "warning", "X003": "warning"}
DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def _codes(rule: Rule, which: str) -> list[str]:
    department, config = build(getattr(rule, which))
    return sorted({finding.rule for finding in validate([department], config)})


def test_the_catalogue_has_every_code_of_the_spec_with_its_severity() -> None:
    assert {rule.code: rule.severity for rule in CATALOGUE} == SPEC | ADDED | REVIEW


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_failing_example_raises_exactly_its_rule(rule: Rule) -> None:
    assert _codes(rule, "fails") == [rule.code]


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_passing_example_raises_nothing(rule: Rule) -> None:
    assert _codes(rule, "passes") == []


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_failing_example_points_at_a_cell_with_a_filled_message(rule: Rule) -> None:
    department, config = build(rule.fails)
    findings = validate([department], config)
    assert findings
    for finding in findings:
        assert finding.cell, finding
        assert finding.file == department.source
        assert finding.severity == rule.severity
        assert "{" not in finding.message and "（空）" not in finding.message[:2]
        if rule.level == "department":
            assert finding.project is None
        else:
            assert finding.project == department.projects[-1].name


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_every_rule_is_documented(rule: Rule) -> None:
    assert rule.title and rule.basis and rule.fix and rule.fails.note and rule.passes.note


def test_messages_name_the_numbers() -> None:
    by_code = {rule.code: rule for rule in CATALOGUE}
    department, config = build(by_code["W001"].fails)
    (finding,) = validate([department], config)
    assert finding.message == "权重合计为 95，应为 100"
    department, config = build(by_code["K001"].fails)
    (finding,) = validate([department], config)
    assert "12" in finding.message and "10" in finding.message


def test_committed_docs_are_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/rules.md is stale: run python -m xlperf.validation.rules.docs")
