"""Real goal tables as government pages publish them (tests/data/real_pages, session 9).

Each is read on the paths a reviewer meets: the browser copy of the page's table (.txt) and
the office's own workbook with its merged cells (.xlsx). What each table says is written here
by reading it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlperf.model.framework import level_score, parse_label
from xlperf.sources import read_department
from xlperf.sources.text.reader import parse_text
from xlperf.validation.engine import validate

DATA = Path(__file__).parent / "data" / "real_pages"


def project_of(path: Path):
    (project,) = read_department(path).projects
    return project


def rows(project) -> list[tuple[str, str, str, str | None]]:
    return [(i.level1, i.level2, i.name, i.value) for i in project.indicators]


def test_a_value_column_headed_年度数值_is_the_target() -> None:
    """临邑's 项目支出目标申报表 heads its target column 年度数值: before (2026-12-04, session 9)
    the column was unread (R003 “年度数值”列不属于绩效目标表) and every indicator had no value."""
    project = project_of(DATA / "01-linyi-fushu.xlsx")
    assert [(i.name, i.value) for i in project.indicators] == [
        ("小学就读人数", "<=6962人"), ("教学条件改善、办学水平提高", "=100%"),
        ("教育均衡化发展", "有效"), ("义务教育小学生均公用经费", "780元/生/年"),
        ("经费有效使用情况", "=100%"), ("教学质量提高、办学条件改善", "=100%"),
        ("安全情况", "有效"), ("学生受益情况", "=100%")]
    assert not any("年度数值" in note.text for note in project.notes)
    text = parse_text("项目名称\t小学教育公用经费\n一级\t二级\t三级\t年度数值\t备注\n"
                      "产出指标\t数量指标\t小学就读人数\t<=6962人\t\n")
    assert rows(text.projects[0]) == [("产出指标", "数量指标", "小学就读人数", "<=6962人")]


LINYI = [("产出值", "数量值", "小学就读人数", "<=6962人"),
         ("产出值", "质量值", "教学条件改善、办学水平提高", "=100%"),
         ("产出值", "时效值", "教育均衡化发展", "有效"),
         ("产出值", "成本值", "义务教育小学生均公用经费", "780元/生/年"),
         ("效益值", "经济效益值", "经费有效使用情况", "=100%"),
         ("效益值", "社会效益值", "教学质量提高、办学条件改善", "=100%"),
         ("效益值", "生态效益值", "安全情况", "有效"),
         ("效益值", "可持续影响值", "学生受益情况", "=100%")]


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_level_names_written_with_值_for_指标_are_the_frameworks_levels(suffix: str) -> None:
    """临邑's template writes 值 for 指标 in every level (产出值 / 数量值 …). Before (2026-12-04,
    session 9) they were no level: the browser copy's rows that left out the merged 产出值
    were misplaced (三级 read as 二级, every value lost), and every path had S001 and S002 on
    each row and C001 (no 效益指标) beside a 效益值 block."""
    department = read_department(DATA / f"01-linyi-fushu{suffix}")
    (project,) = department.projects
    assert rows(project) == LINYI
    rules = {f.rule for f in validate([department])}
    assert rules & {"S001", "S002", "C001", "C002"} == set()
    assert "C003" in rules  # the table has no 满意度 indicator: that finding is real


ANJU = [("产出指标", "质量指标", "指标1:食品安全监管人员培训", "已完成"),
        ("产出指标", "质量指标", "指标2:违法案件查办率", "100%"),
        ("产出指标", "质量指标", "指标3:食品经营环节风险分级", "100%"),
        ("产出指标", "质量指标", "指标4:开展食品安全宣传周等科普宣传活", "已完成"),
        ("产出指标", "质量指标", "指标5:进口冷链食品新冠肺炎疫情应急处置示范演练", "已完成"),
        ("产出指标", "质量指标", "指标6:食品安全投诉举报处置率", "100%"),
        ("产出指标", "时效指标", "指标1:食品监管专项工作整体完成时间", "2021年12月31日"),
        ("效益指标", "社会效益指标",
         "指标1:辖区内与补助资金相关的重大食品安全监管责任事故发生数", "0次"),
        ("效益指标", "社会效益指标", "指标2:辖区内公众食品安全科普知识素养", "逐步提高")]


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_a_self_evaluations_block_label_年度绩效指标完成情况_takes_no_cell(suffix: str) -> None:
    """安居区's 区域绩效目标自评表 has 年度绩效指标完成情况 left of 一级指标, merged down the rows.
    In the browser copy a row whose 年度指标值 and 实际完成指标值 are both 已完成 lost its 三级:
    before (2026-12-04, session 9) the 三级 went under that unknown column, 已完成 became the
    indicator's name and 逐步提高 another's (three indicators read wrong)."""
    assert rows(project_of(DATA / f"07-anju-shipin{suffix}")) == ANJU


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_the_block_label_under_a_merged_一级指标_header_is_not_a_cell_of_the_row(
        suffix: str) -> None:
    """忠县's 区域绩效目标表 merges 一级指标 over two columns; its first indicator row starts with
    绩效指标 (merged down) before 产出指标. Before (2026-12-04, session 9) that row could not be
    placed (a note), the indicator was lost and the next one had no 一级/二级 (S001, S002)."""
    project = project_of(DATA / f"05-zhongxian-shengzhu{suffix}")
    assert rows(project) == [("产出指标", "数量指标", "猪肉产量稳定率", "≥95%"),
                             ("产出指标", "数量指标", "能繁母猪稳定率", "90%")]
    assert [note.text for note in project.notes if "绩效指标" in note.text] == []


def test_a_unit_column_beside_a_value_that_carries_the_unit_is_not_written_twice() -> None:
    """单位 % beside 指标值 90%: before (2026-12-04, session 9) the value read 90%%."""
    text = parse_text("项目名称\t某资金\n一级指标\t二级指标\t三级指标\t单位\t指标值\n"
                      "产出指标\t数量指标\t能繁母猪稳定率\t%\t90%\n"
                      "产出指标\t数量指标\t新建保鲜库面积\t平方米\t3550\n")
    (project,) = text.projects
    assert [(i.value, i.unit) for i in project.indicators] == [("90%", "%"),
                                                               ("3550平方米", "平方米")]


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_a_一级_with_a_score_range_is_that_一级(suffix: str) -> None:
    """奉节's 审批表 writes each 一级 with the range its rows' scores may take: 成本指标(0-20)分.
    Before (2026-12-04, session 9) that was no 一级 of any framework (S001 on a right row)."""
    department = read_department(DATA / f"11-fengjie-yunwu{suffix}")
    (project,) = department.projects
    assert [(i.level1, i.level2, i.name, i.value, i.weight) for i in project.indicators] == [
        ("成本指标(0-20)分", "经济成本指标", "项目建设成本", "≤65万元", 10)]
    assert project.framework == "cost-first-level"
    assert "S001" not in {f.rule for f in validate([department])}
    assert parse_label("产出指标（40-50分）") == (None, "产出指标")
    assert level_score("成本指标(0-20)分") is None  # a range declares no score of its own
    assert parse_label("培训人数(0-20)") == (None, "培训人数(0-20)")  # a 三级 is never cut


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_a_三级_with_its_empty_cells_is_an_indicator_without_a_value(suffix: str) -> None:
    """遂宁经开区's 自评表 has rows with a 三级 and no value (``指标4.不合格产品处置率⇥⇥`` in the
    browser copy: the empty cells keep their tabs). Before (2026-12-04, session 9) the copy made
    each a note (只有一段文字) while the workbook read the indicator: three indicators lost."""
    (project,) = read_department(DATA / f"12-suining-jkq{suffix}").projects
    names = [i.name for i in project.indicators]
    assert len(names) == 19
    for name in ("指标4.不合格产品处置率", "指标2.药品抽验平均标准", "指标3.化妆品抽验平均标准"):
        assert project.indicators[names.index(name)].value is None
    assert not any(note.text.startswith("指标") for note in project.notes)


def test_a_lone_三级_line_without_the_tabs_stays_a_note() -> None:
    """Only a row whose cells reach the header's last column is taken: a line of text alone
    (a wrapped cell's tail) is still a note, never an indicator."""
    text = parse_text("项目名称\t某资金\n一级指标\t二级指标\t三级指标\t指标值\t全年实际值\n"
                      "产出指标\t数量指标\t药品抽验品种\t≥3\t4\n无因贫失学辍学现象发生\n")
    (project,) = text.projects
    assert [i.name for i in project.indicators] == ["药品抽验品种"]
    assert [note.text for note in project.notes] == ["无因贫失学辍学现象发生"]


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
@pytest.mark.parametrize(("stem", "amount", "goal"), [
    ("07-anju-shipin", 2.38, "目标1:深入开展食品风险隐患排查整治。\n目标2:加大违法行为打击力度。\n"
                             "目标3:加强基层监管人员监管业务培训。\n目标4:加大食品安全宣传力度。"),
    ("12-suining-jkq", 5.8, "目标1:完成两品一械抽检工作 目标2:加强两品一械企业监管力度 "
                            "目标3:加强培训,提高监管人员专业水平 目标4:加强两品一械科普宣传力度"),
])
def test_a_region_self_evaluations_header_gives_its_amount_and_goal(
        suffix: str, stem: str, amount: float, goal: str) -> None:
    """四川's 区域绩效目标自评表: 转移支付预算数(A) is the amount, the goal is under 预期目标 beside
    目标实际完成情况 (年度目标完成情况 the row's label), the section's score 20 beside it is no
    completion text. Before (2026-12-04, session 9) 安居's goal and 遂宁's goal and amount were
    not read (notes instead), and 联系人及电话 was a note."""
    (project,) = read_department(DATA / f"{stem}{suffix}").projects
    assert project.amount == amount
    assert project.goal == goal
    texts = [note.text for note in project.notes]
    assert not any("联系人及电话" in text or text.startswith("目标1") for text in texts)
    done = [text for text in texts if text.startswith("目标实际完成情况：")]
    assert done and all(text.startswith("目标实际完成情况：目标") for text in done)


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_a_一级_the_framework_lacks_is_read_in_its_column_not_the_block_labels(
        suffix: str) -> None:
    """大英's table writes its first 一级 as 项目决策 (no framework's name) under a header with a
    绩效指标 label column. In the browser copy the row leaves out that column's merged cell; a
    block column holds its label and nothing else, so 项目决策 is the row's 一级, as the workbook
    reads it. Before (2026-12-04, session 9) it went under 绩效指标 and three indicators had no
    一级 (S001 “（空）” on each)."""
    (project, *_) = read_department(DATA / f"13-daying-xiaofei{suffix}").projects
    assert [(i.level1, i.level2, i.name) for i in project.indicators[:3]] == [
        ("项目决策", "数量指标", "宣传次数"), ("项目决策", "质量指标", "创建质量"),
        ("项目决策", "时效指标", "全年")]


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
def test_项目总目标_beside_年度总体目标_is_the_mid_term_goal_never_the_annual_goal(
        suffix: str) -> None:
    """六团's 申报表: ``项目绩效目标 | 项目总目标 | 年度总体目标`` over the two goals. Before
    (2026-12-04, session 9) the label 项目总目标 was read as the annual goal (a column header
    taken for a value), C004 called it 过于笼统, and the project's whole-term goal was a note."""
    department = read_department(DATA / f"10-bingtuan-liutuan{suffix}")
    (project,) = department.projects
    assert project.goal == "2021年完成保鲜库钢构主体安装、封顶;完成消防水池土建工程。"
    assert project.mid_term_goal == "建设完成保鲜库1座,3550平方米;建设完成消防水池1座,419平方米。"
    assert "C004" not in {f.rule for f in validate([department])}
