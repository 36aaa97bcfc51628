"""Pairing two years: projects by name (year, brackets, spacing, width aside), indicators by
subject; and the property that a department compared with itself reports nothing."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_published_text_writer import bare_departments, prose

from xlperf.model import Indicator, Project
from xlperf.review.engine import compare
from xlperf.review.pairing import indicator_key, is_continuing, loose_key
from xlperf.sources.text.reader import parse_text
from xlperf.validation.targets import subject
from xlperf.writers.text import format_text


@pytest.mark.parametrize(("last", "this"), [
    ("2023年度政务信息公开经费", "政务信息公开经费（2024年度）"),
    ("政务信息公开经费(2023年)", "政务信息公开经费（２０２４年）"),
    ("【2023】政务信息公开经费", "政务信息公开经费"),
    ("政务 信息公开 经费", "政务信息公开经费"),
    ("２０２３－２０２５年政务信息公开经费", "2024-2026年政务信息公开经费"),
])
def test_a_name_that_differs_only_in_year_brackets_spacing_or_width_is_one_project(
        last: str, this: str) -> None:
    assert loose_key(last) == loose_key(this)


def test_a_different_name_is_another_project() -> None:
    assert loose_key("政务信息公开经费") != loose_key("政务信息公开专项经费")
    assert loose_key("第20批次设备购置") != loose_key("第21批次设备购置")


def test_continuing_projects_are_marked_by_their_attribute() -> None:
    assert is_continuing(Project("甲", attribute="上年延续性项目"))
    assert is_continuing(Project("甲", attribute="0102-延续项目"))
    assert not is_continuing(Project("甲", attribute="0101-一年期项目"))


def test_the_subject_leaves_out_numbers_units_and_comparators_only() -> None:
    assert subject("全年督查不少于 50 次") == subject("全年督查30次") == "全年督查#"
    assert subject("满意度≥90%") == subject("满意度达到 85%以上")
    assert subject("全市政府网站 5 个") == subject("全市政府网站４个")
    assert subject("统一部署全市督查") == "统一部署全市督查"  # 一 inside a word stays
    assert subject("全年督查不少于 50 次") != subject("全年督办不少于 50 次")


def test_a_target_in_its_own_column_pairs_with_one_written_into_the_text() -> None:
    separate = Indicator("3-满意度指标", "31-服务对象满意度", "群众满意度", value="≥90%")
    together = Indicator("3-满意度指标", "31-服务对象满意度", "群众满意度 ≥ 95%")
    assert indicator_key(separate) == indicator_key(together)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bare_departments)
def test_a_department_compared_with_itself_reports_nothing(department) -> None:
    assert compare(department, copy.deepcopy(department))[1] == []
    assert compare(parse_text(format_text(department)), department)[1] == []


# A floor lowered or a ceiling raised: (一级, 二级, text with {n}, last year's n > this year's).
CHANGES = {
    "floor": ("1-产出指标", "11-数量指标", "全年督查不少于 {n} 次", True),
    "ceiling": ("1-产出指标", "14-成本指标", "车辆租赁费不高于 {n} 万元", False),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bare_departments, st.sampled_from(sorted(CHANGES)), st.data())
def test_one_target_lowered_reports_exactly_that(department, change, data) -> None:
    level1, level2, template, falls = CHANGES[change]
    project = data.draw(st.integers(0, len(department.projects) - 1))
    position = data.draw(st.integers(0, len(department.projects[project].indicators)))
    high = data.draw(st.integers(2, 10_000))
    low = data.draw(st.integers(1, high - 1))
    before, after = (high, low) if falls else (low, high)
    what = data.draw(prose(12))
    last, this = department, copy.deepcopy(department)
    for side, number in ((last, before), (this, after)):
        side.projects[project].indicators.insert(position, Indicator(
            level1, level2, f"{what}，{template.format(n=number)}", 10.0,
            sheet="项目01", cell=f"C{100 + position}"))
    findings = compare(last, this)[1]
    assert [(f.rule, f.cell) for f in findings] == [("Y001", f"C{100 + position}")]
    assert f"{before}" in findings[0].message and f"{after}" in findings[0].message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bare_departments, st.sampled_from([0.5, 1.3, 3.0]))
def test_every_table_copied_while_its_amount_changed_much_is_reported(department,
                                                                      factor) -> None:
    this = copy.deepcopy(department)
    for project in this.projects:
        if isinstance(project.amount, float):
            project.amount *= factor
    copied = [p.name for p in this.projects if isinstance(p.amount, float) and p.amount > 0
              and any(not i.not_applicable and i.name.strip() for i in p.indicators)]
    findings = compare(department, this)[1]
    assert {f.rule for f in findings} <= {"Y002"}
    assert sorted(f.project for f in findings) == sorted(copied)
