"""The engine: one batch in, findings out — located, ordered, configured, and never crashing."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlperf.errors import InputError
from xlperf.model import Department, Indicator, Project, ReadingNote
from xlperf.validation.config import Config
from xlperf.validation.engine import validate
from xlperf.validation.rules import Example, Row
from xlperf.validation.rules.examples import GOOD_ROWS, build

GOOD = Example("合格")


def _department(example: Example = GOOD, **fields) -> Department:
    department, _ = build(example)
    for key, value in fields.items():
        setattr(department, key, value)
    return department


def _codes(findings) -> list[str]:
    return sorted({f.rule for f in findings})


def _project(name: str, rows: tuple[Row, ...] = GOOD_ROWS, **header) -> Project:
    project = Project(name=name, competent_department="某局", implementing_unit="某局",
                      attribute="0101-一年期项目", term="1年", amount=10.0,
                      goal="全年开展专项督查不少于 50 次，推动重点任务按期完成", **header)
    project.indicators = [Indicator(r.level1, r.level2, r.name, weight=r.weight, value=r.value,
                                    not_applicable=r.name == "本指标不适用") for r in rows]
    return project


# --- indicator names written another way ---------------------------------------------------


def test_an_amount_of_zero_is_reported_once_not_also_as_costs_above_it() -> None:
    """Before, 项目年度金额 0 was H002 and K001 (成本…超过项目年度金额 0 万元): one defect."""
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目")])
    department.projects[0].amount = 0.0
    assert _codes(validate([department])) == ["H002"]


def test_an_event_count_whose_value_is_wu_is_a_target_of_zero() -> None:
    """安全事故 | 无 says no accident (as 0起 does); 无 for anything else stays Q001."""
    rows = list(GOOD_ROWS)
    rows[5] = Row("2-效益指标", "22-社会效益", "安全责任事故", 30.0, "无")
    project = _project("甲项目", tuple(rows))
    assert validate([Department(name="某局", source="a.xlsx", projects=[project])]) == []
    rows[5] = Row("2-效益指标", "22-社会效益", "群众生活条件", 30.0, "无")
    project = _project("甲项目", tuple(rows))
    assert _codes(validate([Department(name="某局", source="a.xlsx", projects=[project])])) \
        == ["Q001"]



def test_level_names_with_or_without_the_zhibiao_suffix_are_the_same_indicator() -> None:
    """The central form writes 社会效益指标 and 服务对象满意度指标, some tables 产出 for
    产出指标: the same 一级/二级 as the framework's, with their kinds (C001, C003 see them)."""
    rows = (
        Row("产出", "数量指标", "全年督查不少于 50 次", 30.0),
        Row("产出指标", "质量指标", "督查问题整改率达到 95%", 20.0),
        Row("产出指标", "时效", "11 月底前全部办结", 10.0),
        Row("产出指标", "成本指标", "车辆租赁费不高于 8 万元", 10.0),
        Row("效益指标", "社会效益指标", "群众对督查工作知晓率达到 90%", 20.0),
        Row("满意度指标", "服务对象满意度指标", "服务对象满意度不低于 90%", 10.0),
    )
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目", rows)])
    assert validate([department]) == []


@pytest.mark.parametrize("level1, level2", [
    ("满意度指标", "满意度指标"),  # the standard form, its one 二级 named like the 一级
    ("满意度指标", "满意度"),
    ("效益指标", "满意度指标"),  # the 2015 central form
    ("项目效益指标", "满意度指标"),  # the older provincial form
    ("项目效益指标", "社会公众满意度指标"),
])
def test_a_satisfaction_second_level_named_shortly_is_the_satisfaction_indicator(
        level1: str, level2: str) -> None:
    """Offices shorten 服务对象满意度指标 / 社会公众或服务对象满意度指标 to 满意度指标
    (a real 广元 table: 满意度指标 / 满意度指标 / 群众幸福感): the framework's satisfaction
    二级, no S002."""
    first = "项目完成指标" if level1 == "项目效益指标" else "产出指标"
    effect = "项目效益指标" if level1 == "项目效益指标" else "效益指标"
    rows = (
        Row(first, "数量指标", "全年督查不少于 50 次", 30.0),
        Row(first, "质量指标", "督查问题整改率达到 95%", 20.0),
        Row(first, "时效指标", "11 月底前全部办结", 10.0),
        Row(first, "成本指标", "车辆租赁费不高于 8 万元", 10.0),
        Row(effect, "社会效益指标", "群众对督查工作知晓率达到 90%", 20.0),
        Row(level1, level2, "服务对象满意度不低于 90%", 10.0),
    )
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目", rows)])
    assert "S002" not in _codes(validate([department]))


def test_outline_numbers_before_level_names_are_not_codes() -> None:
    """一、产出指标 / （一）数量指标: the table's outline, matched by name (no S001/S002)."""
    rows = tuple(Row(f"{outline1}{r.level1.split('-')[1]}", f"{outline2}{r.level2.split('-')[1]}",
                     r.name, r.weight)
                 for r, outline1, outline2 in zip(GOOD_ROWS, ["一、"] * 4 + ["二、"] * 2 + ["三、"],
                                                  ["（一）", "（二）", "(三)", "（四）", "（一）",
                                                   "（二）", "（一）"], strict=True))
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目", rows)])
    assert validate([department]) == []


def test_a_level_name_that_differs_in_more_than_the_suffix_is_still_unknown() -> None:
    rows = (*GOOD_ROWS[:5], Row("2-效益指标", "社会效果指标", "群众知晓率达到 90%", 30.0),
            GOOD_ROWS[6])
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目", rows)])
    assert _codes(validate([department])) == ["S002"]


@pytest.mark.parametrize("term", ["1年", "一年", "一年期", "12个月", "2025年", "2025年度",
                                  "2025年1月-2025年12月", "2025.1-2025.12", "2025.01-2025.12",
                                  "2025年1月1日至2025年12月31日", "2025年1月至12月",
                                  "2024年7月-2025年6月", "2025-01-01至2025-12-31",
                                  "2025.01.01-2025.12.31", "2025.1.1—2025.12.31",
                                  "2025年1月1日起至2025年12月31日止", "当年", "2025年全年",
                                  "1年（2025年）", "2025年3月-2025年12月", "2025年1-12月",
                                  "2025/01/01-2025/12/31", "2025.1.1-2025.12.31"])
def test_one_year_terms_written_many_ways_fit_a_one_year_project(term: str) -> None:
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目")])
    department.projects[0].term = term
    assert validate([department]) == []


@pytest.mark.parametrize("term", ["3年", "2025-2027年", "2025年1月-2026年12月", "长期",
                                  "2025-01-01至2026-12-31", "3年（2025-2027年）",
                                  "2025-01-01至2027-12-31"])
def test_longer_or_unreadable_terms_do_not_fit_a_one_year_project(term: str) -> None:
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目")])
    department.projects[0].term = term
    assert _codes(validate([department])) == ["H003"]


@pytest.mark.parametrize("placeholder", ["无", "/", "不适用", "该项不适用", "本项目不涉及"])
def test_other_ways_of_writing_not_applicable_leave_no_applicable_effect(placeholder: str) -> None:
    """A 效益 row that only says 无 or 不适用 is not an effect the project promises: C001."""
    rows = (
        Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 40.0),
        Row("1-产出指标", "14-成本指标", "车辆租赁费不高于 8 万元", 50.0),
        Row("2-效益指标", "22-社会效益", placeholder, None),
        Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度不低于 90%", 10.0),
    )
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目", rows)])
    assert _codes(validate([department])) == ["C001"]


def test_a_weight_on_a_not_applicable_row_is_reported_with_what_the_row_says() -> None:
    rows = list(GOOD_ROWS)
    rows[4] = Row("2-效益指标", "21-经济效益", "无", 5.0)
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目", rows)])
    (finding,) = validate([department])
    assert (finding.rule, finding.message) == ("W003", "不适用的行（无）权重为 5，应为 0 或留空")


@pytest.mark.parametrize("text", ["无障碍设施改造 5 处", "适龄儿童入学率达到 100%"])
def test_indicators_that_merely_start_like_a_placeholder_apply(text: str) -> None:
    rows = (*GOOD_ROWS[:5], Row("2-效益指标", "22-社会效益", text, 30.0), GOOD_ROWS[6])
    department = Department(name="某局", source="a.xlsx", projects=[_project("甲项目", rows)])
    assert validate([department]) == []


# --- where findings point -------------------------------------------------------------------


def test_w001_points_at_the_total_cell_else_the_last_weight_cell() -> None:
    failing = Example("合计 95", change={0: Row("1-产出指标", "11-数量指标", "督查 50 次", 15.0)})
    department = _department(failing)
    (finding,) = validate([department])
    assert (finding.sheet, finding.cell) == ("项目01", "D18")
    department.projects[0].total_cell = None
    (finding,) = validate([department])
    assert finding.cell == "D17"


def test_text_departments_have_sheets_but_no_cells() -> None:
    department = Department(name="某局", year=2024, source="notice.txt",
                            projects=[_project("甲项目", sheet="项目01")])
    department.projects[0].indicators[0].weight = 15.0
    (finding,) = validate([department])
    assert (finding.file, finding.sheet, finding.cell, finding.project) == (
        "notice.txt", "项目01", None, "甲项目")


def test_findings_are_ordered_by_file_project_row_and_rule() -> None:
    rows = list(GOOD_ROWS)
    rows[1] = Row("1-产出指标", "12-质量指标", "做好督查工作保障", 20.0)  # Q001 on row 12
    rows[0] = Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 25.0)  # W001 at the end
    first = _department(Example("甲", rows=tuple(rows), project={"goal": "工作保障"}))
    first.source = "a.xlsx"
    second = _department(Example("乙", project={"term": "3年"}))
    second.source = "b.xlsx"
    findings = validate([first, second])
    assert [(f.file, f.rule) for f in findings] == [
        ("a.xlsx", "C004"), ("a.xlsx", "Q001"), ("a.xlsx", "W001"), ("b.xlsx", "H003")]


def test_department_level_findings_have_no_project() -> None:
    department = _department(declared_total=25.0, declared_total_cell="B8")
    (finding,) = validate([department])
    assert (finding.rule, finding.project, finding.sheet, finding.cell) == (
        "K003", None, "部门信息", "B8")
    assert finding.message == "部门项目合计为 25 万元，各项目年度金额之和为 10 万元"


def test_duplicate_project_is_reported_on_the_second_one() -> None:
    department = _department(Example("双", twin=True))
    (finding,) = validate([department])
    assert (finding.rule, finding.sheet, finding.cell) == ("H004", "项目02", "B3")


# --- rule behaviour beyond the catalogue examples ---------------------------------------------


@pytest.mark.parametrize("placeholder", ["/", "—", "无", "0", None, ""])
def test_not_applicable_rows_may_carry_a_placeholder(placeholder: object) -> None:
    rows = list(GOOD_ROWS)
    rows[4] = Row("2-效益指标", "21-经济效益", "本指标不适用", placeholder)
    assert validate([_department(Example("x", rows=tuple(rows)))]) == []


def test_an_unreadable_weight_is_w002_and_suppresses_w001() -> None:
    rows = list(GOOD_ROWS)
    rows[0] = Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", "约20分")
    assert _codes(validate([_department(Example("x", rows=tuple(rows)))])) == ["W002"]


@pytest.mark.parametrize(("weight", "codes"), [
    (-5.0, ["W001", "W002"]), (150.0, ["W001", "W002"]), (math.inf, ["W001", "W002"]),
    (19.995, []), (19.9, ["W001"]),
])
def test_weights_outside_the_range(weight: float, codes: list[str]) -> None:
    rows = list(GOOD_ROWS)
    rows[0] = Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", weight)
    assert _codes(validate([_department(Example("x", rows=tuple(rows)))])) == codes


def test_required_total_comes_from_the_department_settings() -> None:
    department = _department()
    department.settings = {"required_total": "10"}
    findings = validate([department])
    assert "W001" in _codes(findings) and "W002" in _codes(findings)
    (w001,) = [f for f in findings if f.rule == "W001"]
    assert w001.message == "权重合计为 100，应为 10"


def test_settings_of_one_department_do_not_leak_into_another() -> None:
    vague = Example("x", change={1: Row("1-产出指标", "12-质量指标", "做好督查工作保障", 20.0)})
    quiet, loud = _department(vague), _department(vague)
    quiet.settings = {"忽略规则": "Q001"}
    loud.source = "loud.xlsx"
    findings = validate([quiet, loud])
    assert [(f.rule, f.file) for f in findings] == [("Q001", "loud.xlsx")]


def test_config_select_ignore_and_severity() -> None:
    example = Example("x", change={1: Row("1-产出指标", "12-质量指标", "做好督查工作保障", 15.0)})
    department = _department(example)
    assert _codes(validate([department])) == ["Q001", "W001"]
    assert _codes(validate([department], Config(ignore=frozenset({"Q"})))) == ["W001"]
    assert _codes(validate([department], Config(select=frozenset({"Q001"})))) == ["Q001"]
    findings = validate([department], Config(severity={"Q001": "error"}))
    assert {f.rule: f.severity for f in findings} == {"Q001": "error", "W001": "error"}


def test_policy_w005_only_when_configured() -> None:
    department = _department()
    assert validate([department]) == []
    (finding,) = validate([department], Config(policy={"产出": 50, "效益": 30, "满意度": 20}))
    assert finding.rule == "W005" and finding.severity == "info"
    assert finding.message == ("一级指标权重为 产出 60 / 效益 30 / 满意度 10，"
                               "方案为 产出 50 / 效益 30 / 满意度 20")


def test_unknown_policy_level_in_settings_names_the_file_and_sheet() -> None:
    department = _department()
    department.settings = {"policy": "投入 50 / 效益 50"}
    with pytest.raises(InputError) as raised:
        validate([department])
    assert raised.value.file == department.source
    assert raised.value.sheet == "部门信息"
    assert "投入" in raised.value.message


def test_cost_first_level_framework() -> None:
    rows = (
        Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 30.0),
        Row("2-效益指标", "22-社会效益", "群众知晓率达到 90%", 30.0),
        Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度不低于 90%", 20.0),
        Row("4-成本指标", "41-经济成本", "车辆租赁费不高于 8 万元", 20.0),
    )
    department = _department(Example("x", rows=rows))
    assert _codes(validate([department], Config(framework="cost-first-level"))) == []
    assert "S001" in _codes(validate([department], Config(framework="standard")))
    # Not configured: the table is checked against the framework its own names fit.
    assert _codes(validate([department])) == []


def test_satisfaction_ceiling_and_complaint_rates_are_not_q004() -> None:
    rows = list(GOOD_ROWS)
    rows[6] = Row("3-满意度指标", "31-服务对象满意度", "群众投诉率不高于 5%", 10.0)
    assert validate([_department(Example("x", rows=tuple(rows)))]) == []
    rows[6] = Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度达到 70%", 10.0)
    assert _codes(validate([_department(Example("x", rows=tuple(rows)))])) == ["Q004"]


def test_growth_above_100_percent_is_plausible() -> None:
    rows = list(GOOD_ROWS)
    rows[5] = Row("2-效益指标", "21-经济效益", "带动农户收入同比增长 150%", 30.0)
    assert validate([_department(Example("x", rows=tuple(rows)))]) == []


def test_k001_counts_totals_not_rates() -> None:
    rows = list(GOOD_ROWS)
    rows[3] = Row("1-产出指标", "14-成本指标", "印刷每本 3 元，全年 2000 本", 10.0)
    assert validate([_department(Example("x", rows=tuple(rows)))]) == []
    rows[3] = Row("1-产出指标", "14-成本指标", "全年印刷费 150000 元", 10.0)
    (finding,) = validate([_department(Example("x", rows=tuple(rows)))])
    assert finding.rule == "K001"
    assert finding.message == "成本指标所列金额合计 15 万元，超过项目年度金额 10 万元"


@pytest.mark.parametrize("name", ["人均培训成本", "生均公用经费", "每公里建设成本", "户均补助标准",
                                  "亩均建设成本", "补助单价"])
def test_k001_does_not_add_the_value_of_an_indicator_that_names_a_rate(name: str) -> None:
    """人均培训成本 | ≤1500元 (the 三级 names the rate, the 指标值 states it) was added to the
    project's total cost: K001 on a table that is right, before 2026-12-03 (session 8)."""
    rows = list(GOOD_ROWS)
    rows[3] = Row("1-产出指标", "14-成本指标", name, 10.0, "≤40万元")
    assert validate([_department(Example("x", rows=tuple(rows)))]) == []
    rows[3] = Row("1-产出指标", "14-成本指标", "培训总成本", 10.0, "≤40万元")
    assert _codes(validate([_department(Example("x", rows=tuple(rows)))])) == ["K001"]


def test_k002_needs_the_budget_year_and_a_one_year_project() -> None:
    late = Example("x", change={2: Row("1-产出指标", "13-时效指标", "2025年3月底前完成", 10.0)})
    assert _codes(validate([_department(late)])) == ["K002"]
    assert validate([_department(late, year=None)]) == []
    multi = Example("x", change=late.change, project={"attribute": "0102-多年期项目",
                                                      "term": "3年"})
    # A multi-year project's annual deadline after the budget year is K005's, not K002's.
    assert _codes(validate([_department(multi)])) == ["K005"]


def test_the_value_column_is_read_when_present() -> None:
    rows = list(GOOD_ROWS)
    rows[1] = Row("1-产出指标", "12-质量指标", "督查问题整改率", 20.0, value="≥95%")
    assert validate([_department(Example("x", rows=tuple(rows)))]) == []
    rows[1] = Row("1-产出指标", "12-质量指标", "督查问题整改率", 20.0, value="120%")
    assert _codes(validate([_department(Example("x", rows=tuple(rows)))])) == ["Q002"]


def test_glossary_words_make_a_target_measurable() -> None:
    rows = list(GOOD_ROWS)
    rows[1] = Row("1-产出指标", "12-质量指标", "经费支出合规", 20.0)
    department = _department(Example("x", rows=tuple(rows)))
    assert _codes(validate([department])) == ["Q001"]
    assert validate([department], Config(measurable_words=frozenset({"合规"}))) == []


# --- empty and odd input -------------------------------------------------------------------


def test_empty_batch_department_and_project() -> None:
    assert validate([]) == []
    assert validate([Department(name="空部门", source="empty.xlsx")]) == []
    empty = Department(name="某局", year=2024, projects=[Project(name="")], source="e.xlsx")
    codes = _codes(validate([empty]))
    assert codes == ["C001", "C002", "C003", "H001", "H002", "W001"]


def test_empty_department_with_a_declared_total() -> None:
    department = Department(name="某局", declared_total=5.0, declared_total_cell="B8")
    (finding,) = validate([department])
    assert finding.rule == "K003"


_PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}")  # a template field left unfilled
_CELL = st.one_of(
    st.none(), st.text(max_size=12), st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10**20, max_value=10**20), st.booleans(),
    st.sampled_from(["待定", "１０", " 10 ", "10万元", "-3", "1e308", "本指标不适用", "/", "—"]),
)
_LABEL = st.one_of(st.sampled_from(["1-产出指标", "2-效益指标", "3-满意度指标", "11-数量指标",
                                    "14-成本指标", "31-服务对象满意度", "", "９-其他"]),
                   st.text(max_size=8))


@st.composite
def _departments(draw) -> Department:
    projects = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        indicators = [
            Indicator(level1=draw(_LABEL), level2=draw(_LABEL), name=draw(_CELL),
                      weight=draw(_CELL), value=draw(st.one_of(st.none(), _CELL)),
                      not_applicable=draw(st.booleans()), cell=draw(st.one_of(st.none(),
                                                                              st.just("C11"))))
            for _ in range(draw(st.integers(min_value=0, max_value=6)))
        ]
        projects.append(Project(
            name=draw(st.text(max_size=6)), attribute=draw(_CELL), term=draw(_CELL),
            amount=draw(_CELL), goal=draw(_CELL), indicators=indicators,
            competent_department=draw(_CELL), implementing_unit=draw(_CELL)))
    return Department(name="随机部门", year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
                      projects=projects, declared_total=draw(_CELL),
                      declared_total_cell=draw(st.one_of(st.none(), st.just("B8"))),
                      source=draw(st.one_of(st.none(), st.just("x.xlsx"))))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_departments(), max_size=3))
def test_validation_never_crashes_on_arbitrary_cell_values(departments: list[Department]) -> None:
    findings = validate(departments)
    for finding in findings:
        assert finding.severity in ("error", "warning", "info")
        assert finding.message and not _PLACEHOLDER.search(finding.message)


def test_a_batch_split_into_chunks_gives_the_same_findings(monkeypatch) -> None:
    from xlperf.validation import engine

    departments = []
    for index, change in enumerate(({}, {"term": "3年"}, {"amount": "待定"}, {"goal": "保障"})):
        department = _department(Example("x", project=change, twin=index == 3))
        department.source = f"{index}.xlsx"
        departments.append(department)
    whole = validate(departments)
    monkeypatch.setattr(engine, "CHUNK_ROWS", 10)
    assert validate(departments) == whole
    assert [(f.file, f.rule) for f in whole] == [
        ("1.xlsx", "H003"), ("2.xlsx", "H002"), ("3.xlsx", "C004"), ("3.xlsx", "H004"),
        ("3.xlsx", "C004")]


def test_a_note_left_out_on_purpose_says_so_in_its_own_words() -> None:
    """R003 wrapped every note in “这一行未能识别（…）”, also a column the reader understood
    and left out on purpose (“这一行未能识别（“考核方式”列不属于…未读取）”)."""
    department = _department()
    department.projects[0].notes = [
        ReadingNote("考核方式", "“考核方式”列不属于绩效目标表，该列各行内容未读取", cell="E8"),
        ReadingNote("说明文字", "无法确定各单元格属于哪一列", cell="A20")]
    messages = [f.message for f in validate([department]) if f.rule == "R003"]
    assert messages == ["“考核方式”列不属于绩效目标表，该列各行内容未读取：考核方式",
                        "这一行未能识别（无法确定各单元格属于哪一列），没有作为指标读取：说明文字"]


def test_a_form_without_an_amount_gets_no_h002() -> None:
    """A budget-system list with no 预算数 column has no amount to check: H002 said on every
    project that its 项目年度金额 was empty (rules ask only for what the form has)."""
    from xlperf.sources.text.reader import parse_text

    rows = ("产出指标\t数量指标\t培训人次\t≥\t500\t人次\t40\n"
            "效益指标\t社会效益指标\t就业率\t≥\t60\t%\t30\n"
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥\t90\t%\t30\n")
    header = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\n"
    without = parse_text("单位名称\t项目名称\t" + header.replace("\n", "") + "\n" + "".join(
        f"某局\t技能培训\t{row}" for row in rows.splitlines(keepends=True)))
    assert "H002" not in _codes(validate([without]))
    blank = parse_text("单位名称\t项目名称\t预算数\t" + header.replace("\n", "") + "\n" + "".join(
        f"某局\t技能培训\t\t{row}" for row in rows.splitlines(keepends=True)))
    assert "H002" in _codes(validate([blank]))


def test_a_social_or_ecological_cost_is_not_asked_for_an_amount() -> None:
    """社会成本 / 生态环境成本 (财预〔2021〕101号) are not money: Q003 asked each for an amount.
    The economic cost still is asked."""
    from xlperf.sources.text.reader import parse_text

    text = ("项目名称\t医疗救助\n项目年度金额\t100\n一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t救助人次\t≥500人次\n"
            "成本指标\t经济成本指标\t救助成本\t控制在预算内\n"
            "\t社会成本指标\t因病返贫致贫发生数\t0户\n"
            "\t生态环境成本指标\t医疗废弃物\t无新增\n"
            "效益指标\t社会效益指标\t困难群众负担减轻\t≥90%\n"
            "满意度指标\t服务对象满意度指标\t救助对象满意度\t≥90%\n")
    q003 = [f.message for f in validate([parse_text(text)]) if f.rule == "Q003"]
    assert q003 == ["成本指标“救助成本”没有写明金额"]
