"""The review rules of issue 15 beyond their catalogue examples: what they leave alone (the
false alarms a reviewer would not accept), what the reader keeps for them, and how the
configuration selects them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.model import Department, Indicator, Project
from xlperf.sources.text.reader import parse_text
from xlperf.validation.config import Config
from xlperf.validation.engine import validate
from xlperf.validation.rules import Row
from xlperf.validation.rules.examples import GOOD_ROWS

SEED = Path(__file__).parent / "data" / "seed_notice.txt"
SATISFACTION = Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度不低于 90%", 10.0)


def _project(name: str, rows: tuple[Row, ...] = GOOD_ROWS, **header) -> Project:
    fields = {"competent_department": "某局", "implementing_unit": "某局",
              "attribute": "0101-一年期项目", "term": "1年", "amount": 10.0,
              "goal": "全年开展专项督查不少于 50 次，推动重点任务按期完成", **header}
    project = Project(name=name, **fields)
    project.indicators = [
        Indicator(r.level1, r.level2, r.name, weight=r.weight, value=r.value, unit=r.unit,
                  not_applicable=r.name == "本指标不适用", row=line)
        for line, r in enumerate(rows, start=10)]
    return project


def _codes(*projects: Project, config: Config | None = None) -> list[str]:
    department = Department(name="某局", year=2024, source="a.xlsx", projects=list(projects))
    return sorted({f.rule for f in validate([department], config)})


def _with(rows: tuple[Row, ...], index: int, row: Row) -> tuple[Row, ...]:
    return (*rows[:index], row, *rows[index + 1:])


# --- X: across projects ---------------------------------------------------------------------

def test_projects_may_set_different_rates_and_satisfaction_targets() -> None:
    """Percentages, satisfaction and deadlines differ between projects by design: not X001."""
    other = _with(_with(GOOD_ROWS, 1, Row("1-产出指标", "12-质量指标", "督查问题整改率达到 90%",
                                          20.0)),
                  6, Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度不低于 85%", 10.0))
    other = _with(other, 2, Row("1-产出指标", "13-时效指标", "12 月底前全部办结", 10.0))
    other = _with(other, 3, Row("1-产出指标", "14-成本指标", "会议费不高于 8 万元", 10.0))
    first = _project("甲项目", _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标",
                                                       "培训学员 200 人", 20.0)))
    assert _codes(first, _project("乙项目", other)) == []


def test_a_subject_of_a_few_characters_is_not_one_fact() -> None:
    """培训 3 期 and 培训 5 期 in two projects: too short a subject to be the same fact."""
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "培训 3 期", 20.0))
    other = _with((*GOOD_ROWS[:6], SATISFACTION), 0,
                  Row("1-产出指标", "11-数量指标", "培训 5 期", 20.0))
    other = _with(other, 3, Row("1-产出指标", "14-成本指标", "场地费不高于 8 万元", 10.0))
    other = _with(other, 1, Row("1-产出指标", "12-质量指标", "学员结业率达到 95%", 20.0))
    other = _with(other, 5, Row("2-效益指标", "22-社会效益", "学员技能合格率达到 90%", 30.0))
    assert _codes(_project("甲项目", rows), _project("乙项目", other)) == []


def test_the_same_fact_with_the_same_number_is_no_conflict_and_spacing_does_not_count() -> None:
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "全市政务新媒体 228 个", 20.0))
    other = _with(_distinct_rows(), 0,
                  Row("1-产出指标", "11-数量指标", "全市政务新媒体228个", 30.0))
    assert _codes(_project("甲项目", rows), _project("乙项目", other)) == []
    other = _with(other, 0, Row("1-产出指标", "11-数量指标", "全市政务新媒体230个", 30.0))
    assert _codes(_project("甲项目", rows), _project("乙项目", other)) == ["X001"]


def test_shared_satisfaction_and_department_wide_indicators_are_not_a_copied_table() -> None:
    """Four projects sharing satisfaction rows is normal; so is a row every project has."""
    common = (Row("1-产出指标", "13-时效指标", "资金 11 月底前支付到位", 10.0),
              Row("1-产出指标", "12-质量指标", "资金使用合规率达到 100%", 20.0),
              Row("2-效益指标", "22-社会效益", "群众对政策知晓率达到 90%", 30.0))
    projects = []
    for index in range(7):  # the three common rows are in more than 5 projects
        own = (Row("1-产出指标", "11-数量指标", f"第 {index} 项工作完成 {index + 1} 次", 20.0),
               Row("1-产出指标", "14-成本指标", f"第 {index} 项工作经费不高于 8 万元", 10.0),
               SATISFACTION)
        projects.append(_project(f"项目{index}", (*own[:1], *common, *own[1:])))
    assert "X002" not in _codes(*projects)
    assert "X002" in _codes(*projects[:2])  # two projects alone: the same three rows copied


def test_one_project_entered_twice_is_h004_not_the_x_rules() -> None:
    assert _codes(_project("甲项目"), _project("甲项目")) == ["H004"]


def _distinct_rows() -> tuple[Row, ...]:
    return (Row("1-产出指标", "11-数量指标", "维护政府网站 5 个", 30.0),
            Row("1-产出指标", "12-质量指标", "网站全年安全运行率达到 99%", 20.0),
            Row("1-产出指标", "13-时效指标", "信息发布 1 个工作日内完成", 10.0),
            Row("1-产出指标", "14-成本指标", "网站技术运维费不高于 2 万元", 10.0),
            Row("2-效益指标", "22-社会效益", "政务信息主动公开率达到 100%", 20.0),
            Row("3-满意度指标", "31-服务对象满意度", "网站用户满意度不低于 90%", 10.0))


# --- single-table rules ---------------------------------------------------------------------

def test_a_unit_outside_the_vocabulary_is_still_a_unit() -> None:
    """≥800 批次 has its unit, though 批次 is not among the units the reader knows."""
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "定量检测批次", 20.0, "≥800 批次"))
    assert _codes(_project("甲项目", rows)) == []
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "定量检测批次", 20.0, "≥800"))
    assert _codes(_project("甲项目", rows)) == ["Q005"]


def test_a_bare_man_in_a_name_is_not_a_satisfaction_indicator() -> None:
    """建设人民满意的服务型政府 under 可持续影响 says 满意, not 满意度 (the seed has it)."""
    rows = _with(GOOD_ROWS, 5, Row("2-效益指标", "22-社会效益",
                                   "建设人民满意的服务型政府，知晓率达到 90%", 30.0))
    assert _codes(_project("甲项目", rows)) == []


def test_one_satisfaction_rate_is_enough() -> None:
    """A project with a satisfaction rate may add a qualitative satisfaction row (Q001's)."""
    rows = (*GOOD_ROWS[:6], SATISFACTION._replace(weight=5.0),
            Row("3-满意度指标", "31-服务对象满意度", "群众幸福感明显提升", 5.0))
    assert _codes(_project("甲项目", rows)) == ["Q001"]


def test_a_garbled_amount_is_reported_once_as_h005() -> None:
    assert _codes(_project("甲项目", amount="854万854万")) == ["H005"]
    assert _codes(_project("甲项目", amount="待定")) == ["H002"]


def test_the_declared_split_is_checked_against_the_configured_policy() -> None:
    rows = tuple(r._replace(level1=r.level1 + "(60分)") if r.level1 == "1-产出指标" else r
                 for r in GOOD_ROWS)
    policy = Config(policy={"产出": 50.0, "效益": 30.0, "满意度": 10.0})
    department = Department(name="某局", year=2024, source="a.xlsx",
                            projects=[_project("甲项目", rows)])
    messages = [f.message for f in validate([department], policy) if f.rule == "W006"]
    assert messages == ["一级指标“1-产出指标(60分)”标注 60 分，一级指标权重方案为 50 分"]
    assert _codes(_project("甲项目", rows)) == []  # no policy: 60 is what its rows add up to


# --- what the reader keeps for them -----------------------------------------------------------

TABLE = """2024年项目支出绩效目标表
项目名称\t网站运维
主管部门\t某局\t实施单位\t某局
项目属性\t0101-一年期项目\t项目期限\t1年
项目年度金额\t662.98
年度总体绩效目标\t全年保障网站安全运行，信息发布及时
项目预算成本构成\t金额\t测算依据
技术运维费\t300.5\t合同
内容维护费\t362.38\t合同
合计\t662.98
一级指标\t二级指标\t三级指标\t指标值\t分值
产出指标\t数量指标\t维护网站\t5 个\t30
\t质量指标\t网站安全运行率\t≥99%\t20
\t时效指标\t信息发布时限\t1 个工作日内\t10
\t成本指标\t运维费\t≤662.98 万元\t10
效益指标\t社会效益指标\t政务信息公开率\t≥95%\t20
满意度指标\t服务对象满意度指标\t用户满意度\t≥90%\t10
总分\t90
注：各地请根据实际情况调整指标
"""


def test_a_published_table_s_breakdown_total_and_template_note_are_checked() -> None:
    department = parse_text(TABLE, source="a.txt")
    findings = {f.rule: f for f in validate([department])}
    assert sorted(findings) == ["K004", "T004", "W007"]
    assert findings["K004"].message == "成本构成各项之和为 662.88 万元，合计行为 662.98 万元"
    assert findings["W007"].message == "合计行写的总分为 90，各指标分值之和为 100"
    assert findings["T004"].row == 19 and "各地请根据实际情况" in findings["T004"].message


def _with_breakdown(lines: str) -> str:
    start = TABLE.index("项目预算成本构成")
    end = TABLE.index("一级指标")
    return TABLE[:start] + "项目预算成本构成\t金额\t测算依据\n" + lines + TABLE[end:]


def test_a_breakdown_with_sub_items_adds_up_its_outer_lines() -> None:
    """一、商品和服务支出 40 over 1.委托业务费 37 and 2.印刷费 3: the sub-items were counted
    again (K004 “各项之和为 96，合计行为 48” on a breakdown that adds up)."""
    right = ("一、商品和服务支出\t600\n1.技术运维费\t300.5\n2.内容维护费\t299.5\n"
             "二、资本性支出\t62.98\n1.设备购置\t62.98\n合计\t662.98\n")
    assert "K004" not in {f.rule for f in validate([parse_text(_with_breakdown(right))])}
    wrong = right.replace("二、资本性支出\t62.98", "二、资本性支出\t60")
    (k004,) = [f for f in validate([parse_text(_with_breakdown(wrong))]) if f.rule == "K004"]
    assert k004.message == "成本构成各项之和为 660 万元，合计行为 662.98 万元"


# --- configuration and listing ---------------------------------------------------------------

def test_the_x_family_can_be_selected_or_ignored(tmp_path: Path) -> None:
    (tmp_path / "xlperf.toml").write_text('select = ["X"]\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["validate", str(SEED), "--config", str(tmp_path / "xlperf.toml"),
                                 "--format", "json"])
    assert '"X001"' in result.output and '"Q001"' not in result.output
    result = runner.invoke(cli, ["validate", str(SEED), "--ignore", "X", "--format", "json"])
    assert '"X001"' not in result.output and '"Q001"' in result.output


def test_xlperf_rules_lists_the_new_families() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    for code in ("X001", "X002", "X003", "T004", "Q007", "K004", "W007", "H005", "S005"):
        assert code in result.output


def test_targets_to_reach_may_differ_between_projects_facts_may_not() -> None:
    """不少于 2 次 and 不少于 4 次 are two goals; 2 个 and 4 个 are one fact told twice."""
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "全年开展业务培训不少于 2 次",
                                   20.0))
    other = _with(_distinct_rows(), 0,
                  Row("1-产出指标", "11-数量指标", "全年开展业务培训不少于 4 次", 30.0))
    assert _codes(_project("甲项目", rows), _project("乙项目", other)) == []
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "全市培训基地 2 个", 20.0))
    other = _with(other, 0, Row("1-产出指标", "11-数量指标", "全市培训基地 4 个", 30.0))
    assert _codes(_project("甲项目", rows), _project("乙项目", other)) == ["X001"]


def test_a_unit_in_brackets_after_the_name_is_the_value_s_unit() -> None:
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "督查次数（次）", 20.0, "50"))
    assert _codes(_project("甲项目", rows)) == []
    rows = _with(GOOD_ROWS, 0, Row("1-产出指标", "11-数量指标", "督查次数", 20.0, "50"))
    assert _codes(_project("甲项目", rows)) == ["Q005"]
