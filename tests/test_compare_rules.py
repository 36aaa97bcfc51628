"""The Y family (``xlperf compare``): each rule proven by its own failing and passing pair."""

from __future__ import annotations

from dataclasses import replace

import pytest

from xlperf.review.engine import compare
from xlperf.review.examples import build_pair
from xlperf.review.rules import RULES, CompareRule
from xlperf.validation.config import Config, config_from_dict
from xlperf.validation.rules import CODES
from xlperf.validation.rules.examples import GOOD_ROWS, Row

BY_CODE = {rule.code: rule for rule in RULES}


def _codes(rule: CompareRule, which: str, config: Config | None = None) -> list[str]:
    last, this = build_pair(getattr(rule, which))
    return sorted({finding.rule for finding in compare(last, this, config)[1]})


def test_the_family_is_y001_to_y007_with_its_severities() -> None:
    assert {rule.code: rule.severity for rule in RULES} == {
        "Y001": "warning", "Y002": "warning", "Y003": "warning", "Y004": "info",
        "Y005": "info", "Y006": "info", "Y007": "warning"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_failing_example_raises_exactly_its_rule(rule: CompareRule) -> None:
    assert _codes(rule, "fails") == [rule.code]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_passing_example_raises_nothing(rule: CompareRule) -> None:
    assert _codes(rule, "passes") == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_failing_example_is_documented_and_points_into_this_year(rule: CompareRule) -> None:
    assert rule.title and rule.basis and rule.fix and rule.fails.note and rule.passes.note
    last, this = build_pair(rule.fails)
    (finding,) = compare(last, this)[1]
    assert finding.severity == rule.severity and finding.file == this.source
    assert "{" not in finding.message
    if rule.level == "department":
        assert finding.project is None and finding.cell is None
    else:
        assert finding.cell and finding.project in {p.name for p in this.projects}


def test_a_lowered_floor_names_both_numbers_both_cells_and_the_money() -> None:
    last, this = build_pair(BY_CODE["Y001"].fails)
    (finding,) = compare(last, this)[1]
    assert (finding.sheet, finding.cell) == ("项目01", "C11")
    assert "50 次 → 30 次" in finding.message and "降低 40%" in finding.message
    assert "上年 项目01!C11" in finding.message and "10 万元 → 10 万元（持平）" in finding.message


def _lowered(last_row: Row, this_row: Row, last_amount: float = 10.0,
             this_amount: float = 10.0) -> list[str]:
    last, this = build_pair(BY_CODE["Y001"].passes)  # any pair; rows and amounts set below
    for department, row, amount in ((last, last_row, last_amount), (this, this_row, this_amount)):
        project = department.projects[0]
        project.amount = amount
        kept = project.indicators[0]
        project.indicators[0] = replace(kept, level1=row.level1, level2=row.level2,
                                        name=row.name, value=row.value)
        for index, good in enumerate(GOOD_ROWS[1:], start=1):
            project.indicators[index] = replace(project.indicators[index], name=good.name)
    return [f.message for f in compare(last, this)[1] if f.rule == "Y001"]


def test_a_satisfaction_rate_down_is_lowered() -> None:
    (message,) = _lowered(Row("3-满意度指标", "31-服务对象满意度", "群众满意度达到 95%", 10.0),
                          Row("3-满意度指标", "31-服务对象满意度", "群众满意度达到 90%", 10.0))
    assert "95% → 90%" in message


def test_a_cost_ceiling_up_is_lowered_unless_the_money_rose_as_much() -> None:
    last = Row("1-产出指标", "14-成本指标", "印刷费不高于 2 万元", 10.0)
    this = Row("1-产出指标", "14-成本指标", "印刷费不高于 3 万元", 10.0)
    (message,) = _lowered(last, this)
    assert "上限 2 万元 → 3 万元（提高 50%）" in message
    assert _lowered(last, this, last_amount=10.0, this_amount=15.0) == []


def test_a_ceiling_in_yuan_compares_with_one_in_wan_yuan() -> None:
    last = Row("1-产出指标", "14-成本指标", "印刷费不高于 20000 元", 10.0)
    assert _lowered(last, Row("1-产出指标", "14-成本指标", "印刷费不高于 2 万元", 10.0)) == []
    assert _lowered(last, Row("1-产出指标", "14-成本指标", "印刷费不高于 3 万元", 10.0))


def test_a_raised_target_or_a_different_unit_is_not_lowered() -> None:
    row = Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 20.0)
    assert _lowered(row, row._replace(name="全年督查不少于 60 次")) == []
    assert _lowered(row, row._replace(name="全年督查不少于 30 天")) == []


def test_the_copied_threshold_is_set_in_xlperf_toml() -> None:
    rule = BY_CODE["Y002"]  # amount 10 → 15 (+50%)
    assert _codes(rule, "fails", config_from_dict({"compare": {"copied_amount_change": 60}})) \
        == []
    assert _codes(rule, "passes", config_from_dict({"compare": {"copied_amount_change": 5}})) \
        == ["Y002"]


def test_xlperf_toml_selects_ignores_and_grades_y_codes() -> None:
    assert {"Y001", "Y007"} <= set(CODES)
    rule = BY_CODE["Y001"]
    assert _codes(rule, "fails", config_from_dict({"ignore": ["Y"]})) == []
    assert _codes(rule, "fails", config_from_dict({"select": ["Y001"]})) == ["Y001"]
    last, this = build_pair(rule.fails)
    (finding,) = compare(last, this, config_from_dict({"severity": {"Y001": "error"}}))[1]
    assert finding.severity == "error"


def test_a_count_of_what_is_better_lower_is_not_read_as_a_floor() -> None:
    last = Row("1-产出指标", "12-质量指标", "督查文稿差错率 2%", 20.0)
    assert _lowered(last, last._replace(name="督查文稿差错率 1%")) == []
    floor = Row("1-产出指标", "12-质量指标", "督查文稿合格率 98%", 20.0)
    assert _lowered(floor, floor._replace(name="督查文稿合格率 90%"))


def test_a_later_deadline_in_the_budget_year_is_relaxed() -> None:
    last = Row("1-产出指标", "13-时效指标", "11 月底前全部办结", 10.0)
    (message,) = _lowered(last, last._replace(name="12 月底前全部办结"))
    assert "时限 11 月底前 → 12 月底前（推迟 1 个月）" in message
    assert _lowered(last, last._replace(name="10 月底前全部办结")) == []
    assert _lowered(last, last._replace(name="12 月底前全部办结"), this_amount=8.0) == []


def test_the_same_date_in_each_budget_year_is_not_later() -> None:
    last = Row("1-产出指标", "13-时效指标", "2023年11月底前全部办结", 10.0)  # examples: 2023
    assert _lowered(last, last._replace(name="2024年11月底前全部办结")) == []
    (message,) = _lowered(last, last._replace(name="2025年3月底前全部办结"))
    assert "推迟 4 个月" in message


def test_a_timeliness_rate_down_is_lowered() -> None:
    last = Row("1-产出指标", "13-时效指标", "资金拨付 12 月底前 100% 到位", 10.0)
    (message,) = _lowered(last, last._replace(name="资金拨付 12 月底前 90% 到位"))
    assert "100% → 90%" in message
