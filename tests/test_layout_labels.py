"""Every label and column header of ../shared/spec/layouts.md ("What varies") reads right.

Each case writes one ordinary small table — the shape every office shares —
with one thing changed to what some office writes: a header label's alias
(value to its right, ``label：value`` in one cell, or the value in the row
below), an indicator column's header, a block label in the first column, a
一级 written with its score or its outline number, an amount in 元 or as text.
The table is read from a ``.txt`` file as a reviewer gives it, and what the
changed cell says must come back where it belongs, with nothing left unplaced.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from workbook_builders import save_workbook

from xlperf.model import Department, Project
from xlperf.sources import read_department
from xlperf.validation.engine import validate

NAME, DEPARTMENT, UNIT = "职业技能提升培训", "某县人力资源和社会保障局", "某县就业服务中心"
TERM, GOAL, MID = "2023年1月-2023年12月", "全年培训500人次，合格率不低于90%", "三年培训1500人次"
# The ordinary header block: one field a line, the label left of its value.
HEADER = {
    "name": ("项目名称", NAME),
    "competent_department": ("主管部门", DEPARTMENT),
    "implementing_unit": ("实施单位", UNIT),
    "attribute": ("项目属性", "一年期项目"),
    "term": ("项目期限", TERM),
    "amount": ("项目年度金额", "10"),
    "goal": ("年度总体绩效目标", GOAL),
}
COLUMNS = ["一级指标", "二级指标", "三级指标", "指标值"]
ROWS = [["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["效益指标", "社会效益指标", "就业率", "≥60%"],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
NAMES = ["培训人次", "就业率", "学员满意度"]
CONTAINERS = ("txt", "xlsx")


def header_lines(changed: dict[str, list[str]] | None = None) -> list[str]:
    """The header block's lines, a field's line replaced by ``changed[field]`` (lines)."""
    lines: list[str] = []
    for field, (label, value) in HEADER.items():
        lines += (changed or {}).get(field, [f"{label}\t{value}"])
    return lines


def write(tmp_path: Path, header: list[str], columns: list[str] = COLUMNS,
          rows: list[list[str]] = ROWS, above: list[str] = (),
          container: str = "txt") -> Department:
    """The table as a text copied from a page (tab-separated lines), or as the office's
    own workbook (a cell per tab, numbers stored as numbers)."""
    lines = [*above, *header, "\t".join(columns), *("\t".join(row) for row in rows)]
    if container == "xlsx":
        grid = [[_cell(text) for text in line.split("\t")] for line in lines]
        return read_department(save_workbook(tmp_path / "申报表.xlsx", {"绩效目标表": grid}))
    source = tmp_path / "申报表.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_department(source)


def _cell(text: str) -> str | float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def only_project(department: Department) -> Project:
    """The one project, read whole: its three indicators and no row left unplaced."""
    (project,) = department.projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.notes == []
    return project


def placed(label: str, value: str, placement: str) -> list[str]:
    """A label and its value as offices write them: side by side, in one cell, or the
    value in the row below the label."""
    return {"right": [f"{label}\t{value}"], "colon": [f"{label}：{value}"],
            "below": [label, value]}[placement]


# --- header labels --------------------------------------------------------------------

LABELS = {
    "name": ["项目名称", "项目支出名称", "项目(名称)", "预算项目名称", "项目(政策)名称", "项目名",
             "转移支付（项目）名称", "专项名称", "专项资金名称", "资金名称", "项目（专项）名称",
             "专项（项目）名称"],
    "competent_department": ["主管部门", "主管部门及代码", "主管部门及编码", "项目主管部门",
                             "预算部门", "项目主管单位", "一级预算单位", "中央主管部门"],
    "implementing_unit": ["实施单位", "项目执行单位", "预算单位", "单位名称", "实施主体",
                          "项目承担单位", "预算单位名称", "项目单位", "资金使用单位",
                          "用款单位", "申报单位", "使用单位"],
    "attribute": ["项目属性"],
    "term": ["项目期限", "项目期", "项目起止时间", "项目支出实施期", "实施期", "项目周期",
             "执行期限", "项目起止年限"],
    "amount": ["项目年度金额", "年度资金总额", "当年资金总额", "年度资金申请总额", "项目资金总额",
               "年度本级预算金额", "预算数", "全年预算数", "本年预算", "年度预算", "项目预算",
               "本年度金额", "年度预算资金", "年度申请金额", "预算安排数", "项目预算数",
               "当年预算", "预算资金", "本年度拟安排资金", "2024年预算数", "2024年度预算",
               "项目年度资金", "项目年度预算"],
    "goal": ["年度总体绩效目标", "年度总体目标", "年度目标", "本年度绩效目标", "绩效目标",
             "年初设定目标", "项目年度绩效目标", "本年度总体目标", "年度总目标",
             "整体目标", "项目目标", "项目总体目标", "项目年度目标", "项目绩效目标"],
}
LABEL_CASES = [(field, label, placement) for field, labels in LABELS.items()
               for label in labels for placement in ("right", "colon", "below")]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("field", "label", "placement"), LABEL_CASES,
                         ids=[f"{f}-{label}-{p}" for f, label, p in LABEL_CASES])
def test_each_header_label_gives_its_field(field: str, label: str, placement: str,
                                           container: str, tmp_path: Path) -> None:
    value = HEADER[field][1]
    project = only_project(write(tmp_path, header_lines({field: placed(label, value,
                                                                       placement)}),
                                 container=container))
    read = getattr(project, field)
    assert read == (float(value) if field == "amount" else value)
    for other, (_, other_value) in HEADER.items():  # the rest of the block unchanged
        if other != field:
            assert getattr(project, other) == (
                float(other_value) if other == "amount" else other_value)


ATTRIBUTES = ["一年期", "多年期", "经常性", "上年延续性项目", "新增项目", "基础建设、修缮类",
              "一年期项目", "经常性项目"]


@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_each_attribute_value_is_read_as_written(attribute: str, tmp_path: Path) -> None:
    project = only_project(write(tmp_path, header_lines(
        {"attribute": [f"项目属性\t{attribute}"]})))
    assert project.attribute == attribute


# --- amounts ----------------------------------------------------------------------------

AMOUNTS = [  # (lines above the table, the amount line, 万元 read)
    ([], "项目年度金额\t10", 10.0),
    ([], "项目年度金额\t1,200", 1200.0),
    ([], "项目年度金额\t1,200.50", 1200.5),
    (["单位：元"], "项目年度金额\t100000", 10.0),
    (["金额单位：元"], "项目年度金额\t100,000.00", 10.0),
    (["金额单位:元"], "预算数\t1,234,500.00", 123.45),
    ([], "项目年度金额(元)\t100000", 10.0),
    ([], "项目年度金额（万元）\t10", 10.0),
    ([], "项目年度金额\t250万", 250.0),
    ([], "项目年度金额\t10000万元", 10000.0),
    ([], "项目年度金额\t854万(其中：财政拨款800万，自筹54万)", 854.0),
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("above", "line", "amount"), AMOUNTS,
                         ids=[line.split("\t")[-1] + ("/" + above[0] if above else "")
                              for above, line, _ in AMOUNTS])
def test_each_way_of_writing_the_amount_gives_it_in_wan_yuan(
        above: list[str], line: str, amount: float, container: str, tmp_path: Path) -> None:
    project = only_project(write(tmp_path, header_lines({"amount": [line]}), above=above,
                                 container=container))
    assert project.amount == pytest.approx(amount)


FUNDS_BLOCKS = {
    "项目资金": ["项目资金(万元)\t年度资金总额\t10", "\t其中：财政拨款\t8", "\t其他资金\t2"],
    "项目资金-browser": ["项目资金（万元）\t年度资金总额\t10", "其中：财政拨款\t8", "其他资金\t2"],
    "资金情况": ["资金情况(万元)\t年度资金总额:\t10", "其中：财政拨款\t8", "其他资金\t2"],
    "资金情况-当年": ["资金情况（万元）\t当年资金总额\t10", "其中：财政拨款\t8", "其他资金\t2"],
    "资金情况-元": ["资金情况（元）\t年度资金总额:\t100000", "其中：财政拨款\t80000",
                 "其他资金\t20000"],
    "项目资金-元-千分位": ["项目资金(元)\t年度资金总额\t100,000.00", "\t其中：财政拨款\t80,000.00",
                      "\t其他资金\t20,000.00"],
    "单位元-项目资金": ["金额单位：元", "项目资金\t年度资金总额\t100,000",
                   "\t其中：财政拨款\t80,000", "\t其他资金\t20,000"],
}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("block", list(FUNDS_BLOCKS))
def test_a_funds_block_gives_the_amount_and_its_sources(block: str, container: str,
                                                        tmp_path: Path) -> None:
    project = only_project(write(tmp_path, header_lines({"amount": FUNDS_BLOCKS[block]}),
                                 container=container))
    assert project.amount == 10.0
    assert (project.funds.fiscal, project.funds.other) == (8.0, 2.0)


# --- the 总体目标 block -----------------------------------------------------------------

GOAL_BLOCKS = [(mid, annual) for mid in ("中期目标", "长期目标", "实施期绩效目标", "实施期总目标")
               for annual in ("年度目标", "年度总体目标", "本年度绩效目标", "年度绩效目标")]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("mid", "annual"), GOAL_BLOCKS)
def test_a_goal_block_keeps_the_mid_term_goal_beside_the_annual_one(
        mid: str, annual: str, container: str, tmp_path: Path) -> None:
    block = [f"总体目标\t{mid}\t{annual}", f"\t{MID}\t{GOAL}"]
    project = only_project(write(tmp_path, header_lines({"goal": block}), container=container))
    assert (project.mid_term_goal, project.goal) == (MID, GOAL)


@pytest.mark.parametrize(("mid", "annual"), GOAL_BLOCKS[:4])
def test_a_goal_block_copied_from_a_browser_keeps_both_goals(
        mid: str, annual: str, tmp_path: Path) -> None:
    """A browser copy leaves the merged 总体目标 cell out of the row of values."""
    block = [f"总体目标\t{mid}\t{annual}", f"{MID}\t{GOAL}"]
    project = only_project(write(tmp_path, header_lines({"goal": block})))
    assert (project.mid_term_goal, project.goal) == (MID, GOAL)


# The 2015 central form's 总体目标 label merged over the goal's own cells, or beside one goal
# (no 中期/年度 split): the text right of it is the annual goal. Before 2026-12-03 (session
# 7) it was dropped without a note and rule H001 said the form had no goal.
GROUP_GOALS = {
    "same row": [f"总体目标\t{GOAL}"],
    "label merged over two cells": [f"总体目标\t\t{GOAL}"],
    "年度目标 centred on the line above": ["\t年度目标", f"总体目标\t{GOAL}"],
    "wrapped by a PDF": ["\t年度目标", "总体目标\t全年培训500人次，", "\t合格率不低于90%"],
}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("shape", list(GROUP_GOALS))
def test_a_text_right_of_the_goal_group_label_is_the_annual_goal(
        shape: str, container: str, tmp_path: Path) -> None:
    department = write(tmp_path, header_lines({"goal": GROUP_GOALS[shape]}),
                       container=container)
    project = only_project(department)
    expected = "全年培训500人次，\n合格率不低于90%" if shape == "wrapped by a PDF" else GOAL
    assert (project.goal, project.mid_term_goal) == (expected, "")
    assert "H001" not in {finding.rule for finding in validate([department])}


def test_a_goal_beside_a_merged_goal_group_label_on_a_sheet_is_read(tmp_path: Path) -> None:
    """总体目标 merged over A:B, the goal merged over C:E (the central form's sheet)."""
    rows = [[label, None, value] for label, value in
            (("项目名称", NAME), ("主管部门", DEPARTMENT), ("实施单位", UNIT),
             ("项目属性", "一年期项目"), ("项目期限", TERM), ("项目年度金额", 10),
             ("总体目标", GOAL))]
    rows += [[None, *COLUMNS], *([None, *row] for row in ROWS)]
    merges = [f"A{n}:B{n}" for n in range(1, 8)] + [f"C{n}:E{n}" for n in range(1, 8)]
    department = read_department(save_workbook(tmp_path / "申报表.xlsx", {"表1": rows},
                                               merges={"表1": merges}))
    project = only_project(department)
    assert (project.name, project.goal, project.amount) == (NAME, GOAL, 10.0)


# The 2015 central form's two halves side by side: the mid-term funds and goal left, the
# year's right, each goal over several lines (目标1：… 目标2：…). Before 2026-12-03 (session 7)
# the fiscal and other funds were both halves' sums and only each goal's first line was
# read (the others were reading notes).
HALVES = {
    "pdf": ["项目资金（万元）\t中期资金总额：\t30\t年度资金总额：\t10",
            "\t其中：财政拨款\t28\t其中：财政拨款\t8", "\t其他资金\t2\t其他资金\t2",
            "总体目标\t中期目标（2023年－2025年）\t\t年度目标\t",
            f"\t目标1：{MID}\t\t目标1：{GOAL}\t", "\t目标2：三年就业率60%\t\t目标2：就业率60%\t"],
    "browser": ["项目资金（万元）\t中期资金总额：\t30\t年度资金总额：\t10",
                "其中：财政拨款\t28\t其中：财政拨款\t8", "其他资金\t2\t其他资金\t2",
                "总体目标\t中期目标（2023年－2025年）\t年度目标",
                f"目标1：{MID}\t目标1：{GOAL}", "目标2：三年就业率60%\t目标2：就业率60%"],
}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("copy", list(HALVES))
def test_the_mid_term_half_is_kept_apart_from_the_years(copy: str, container: str,
                                                        tmp_path: Path) -> None:
    if container == "xlsx" and copy == "browser":
        pytest.skip("a sheet keeps its cells where they are")
    project = only_project(write(tmp_path, header_lines({"amount": HALVES[copy][:3],
                                                         "goal": HALVES[copy][3:]}),
                                 container=container))
    assert project.amount == 10.0
    assert (project.funds.total, project.funds.fiscal, project.funds.other) == (10.0, 8.0, 2.0)
    assert project.goal == f"目标1：{GOAL}\n目标2：就业率60%"
    assert project.mid_term_goal == f"目标1：{MID}\n目标2：三年就业率60%"


# The transfer payment's 区域绩效目标表: the funds block's headers name both totals over the
# columns (实施期资金总额 | 年度资金总额), each source's row below has both numbers. Before
# 2026-12-04 the first number after a row's label was taken: the amount was the whole
# term's (30), and the year's numbers were reading notes.
BY_COLUMN = {
    "pdf": ["资金情况（万元）\t\t实施期资金总额\t年度资金总额", "\t年度资金总额\t30\t10",
            "\t其中：中央补助\t28\t8", "\t其他资金\t2\t2"],
    "browser": ["资金情况（万元）\t实施期资金总额\t年度资金总额", "年度资金总额\t30\t10",
                "其中：中央补助\t28\t8", "其他资金\t2\t2"],
}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("copy", list(BY_COLUMN))
def test_a_funds_block_by_column_gives_the_years_amount(copy: str, container: str,
                                                        tmp_path: Path) -> None:
    if container == "xlsx" and copy == "browser":
        pytest.skip("a sheet keeps its cells where they are")
    project = only_project(write(tmp_path, header_lines({"amount": BY_COLUMN[copy]}),
                                 container=container))
    assert project.amount == 10.0
    assert (project.funds.total, project.funds.fiscal, project.funds.other) == (10.0, 8.0, 2.0)


def test_the_halves_on_a_sheet_with_merged_cells_keep_the_years_funds(tmp_path: Path) -> None:
    """The central form's sheet: 项目资金 merged down its three rows, each goal one cell."""
    top = [["项目名称", NAME], ["主管部门", DEPARTMENT, None, "实施单位", UNIT],
           ["项目属性", "一年期项目", None, "项目期限", TERM],
           ["项目资金（万元）", "中期资金总额：", 30, "年度资金总额：", 10],
           [None, "其中：财政拨款", 28, "其中：财政拨款", 8], [None, "其他资金", 2, "其他资金", 2],
           ["总体目标", "中期目标", None, "年度目标"], [None, MID, None, GOAL]]
    rows = [*top, [None, *COLUMNS], *([None, *row] for row in ROWS)]
    merges = ["B1:E1", "A4:A6", "A7:A8", "B7:C7", "D7:E7", "B8:C8", "D8:E8"]
    project = only_project(read_department(save_workbook(
        tmp_path / "申报表.xlsx", {"表1": rows}, merges={"表1": merges})))
    assert (project.amount, project.funds.fiscal, project.funds.other) == (10.0, 8.0, 2.0)
    assert (project.goal, project.mid_term_goal) == (GOAL, MID)


FUNDS_BELOW = {  # the funds block's labels on one row, their values on the next
    "pdf": ["项目资金（万元）\t年度资金总额\t其中：财政拨款\t其他资金", "\t10\t8\t2"],
    "browser": ["项目资金（万元）\t年度资金总额\t其中：财政拨款\t其他资金", "10\t8\t2"],
}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("copy", list(FUNDS_BELOW))
def test_funds_written_below_their_labels_are_read(copy: str, container: str,
                                                   tmp_path: Path) -> None:
    """Before 2026-12-03 (session 7) only the amount was read; 财政拨款 and 其他资金 were
    dropped without a note."""
    if container == "xlsx" and copy == "browser":
        pytest.skip("a sheet keeps its cells where they are")
    project = only_project(write(tmp_path, header_lines({"amount": FUNDS_BELOW[copy]}),
                                 container=container))
    assert (project.amount, project.funds.fiscal, project.funds.other) == (10.0, 8.0, 2.0)


# --- indicator columns ------------------------------------------------------------------

COLUMN_HEADERS = {
    "level1": ["一级指标", "一级指标名称"],
    "level2": ["二级指标", "二级指标(年度)", "二级指标名称"],
    "name": ["三级指标", "指标内容", "指标名称", "三级指标(年度)", "三级指标名称"],
    "value": ["指标值", "年度指标值", "指标值及单位", "指标值(包含数字及文字描述)",
              "当年预期实现值", "预期目标值", "指标目标值", "预期值", "年度预期值", "年初目标值",
              "年初指标值"],
}
HEADER_CASES = [(role, text) for role, texts in COLUMN_HEADERS.items() for text in texts]
POSITION = {"level1": 0, "level2": 1, "name": 2, "value": 3}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("role", "text"), HEADER_CASES,
                         ids=[f"{r}-{t}" for r, t in HEADER_CASES])
def test_each_indicator_column_header_gives_its_column(role: str, text: str, container: str,
                                                       tmp_path: Path) -> None:
    columns = list(COLUMNS)
    columns[POSITION[role]] = text
    project = only_project(write(tmp_path, header_lines(), columns=columns,
                                 container=container))
    assert [(i.level1, i.level2, i.name, i.value) for i in project.indicators] == [
        tuple(row) for row in ROWS]


# A column beside the four: its header, the cell each row has under it, and what every
# indicator must hold then (kept as the form writes it: ≥, 定性, 正向).
EXTRA_COLUMNS = [
    ("指标性质", "≥", {"comparator": "≥"}),
    ("指标性质", "≤", {"comparator": "≤"}),
    ("指标方向", "≥", {"comparator": "≥"}),
    ("指标方向", "=", {"comparator": "="}),
    ("指标方向", "定性", {"comparator": "定性"}),
    ("指标方向性", "正向", {"direction": "正向"}),
    ("指标方向性", "反向", {"direction": "反向"}),
    ("计量单位", "人次", {"unit": "人次"}),
    ("度量单位", "人次", {"unit": "人次"}),
    ("绩效值", "20", {"weight": 20.0}),
    ("权重", "20", {"weight": 20.0}),
    ("分值", "20", {"weight": 20.0}),
    ("指标分值", "20", {"weight": 20.0}),
    ("绩效标准", "计划标准", {"standard": "计划标准"}),
    ("绩效标准", "行业标准", {"standard": "行业标准"}),
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("text", "cell", "expected"), EXTRA_COLUMNS,
                         ids=[f"{t}-{c}" for t, c, _ in EXTRA_COLUMNS])
def test_each_further_indicator_column_is_read_into_its_field(
        text: str, cell: str, expected: dict, container: str, tmp_path: Path) -> None:
    rows = [[*row, cell] for row in ROWS]
    project = only_project(write(tmp_path, header_lines(), columns=[*COLUMNS, text],
                                 rows=rows, container=container))
    for item in project.indicators:
        assert {key: getattr(item, key) for key in expected} == expected
    assert [i.level2 for i in project.indicators] == [row[1] for row in ROWS]


@pytest.mark.parametrize("weight_header",
                         ["权重", "分值", "绩效值", "权重%", "标准分值", "权重(%)"])
def test_a_weight_column_with_a_total_row_reads_the_weights(weight_header: str,
                                                            tmp_path: Path) -> None:
    rows = [[*row, w] for row, w in zip(ROWS, ("40", "30", "30"), strict=True)]
    rows.append(["合计", "", "", "", "100"])
    project = only_project(write(tmp_path, header_lines(), columns=[*COLUMNS, weight_header],
                                 rows=rows))
    assert [i.weight for i in project.indicators] == [40.0, 30.0, 30.0]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("extra", "position"), [("考核方式", 4), ("数据来源", 4), ("序号", 0),
                                                 ("责任科室", 2)])
def test_a_column_the_vocabulary_lacks_is_left_out_and_every_indicator_read(
        extra: str, position: int, container: str, tmp_path: Path) -> None:
    """Offices add columns of their own (考核方式, 数据来源, 序号 …): the table is still read,
    every indicator with its 指标值, the extra column's cells go into none of them, and one
    note names the column with its header cell, so leaving it out is not silent (before,
    each row with such a cell was a note, and a table filled throughout was refused)."""
    columns = [*COLUMNS]
    columns.insert(position, extra)
    cell = (lambda n: str(n)) if extra == "序号" else (lambda n: f"抽查记录{n}")
    rows = [[*row[:position], cell(n), *row[position:]] for n, row in enumerate(ROWS, 1)]
    (project,) = write(tmp_path, header_lines(), columns=columns, rows=rows,
                       container=container).projects
    header_row = len(HEADER) + 1
    assert [(note.text, note.row, note.cell) for note in project.notes] == [
        (extra, header_row, f"{'ABCDE'[position]}{header_row}" if container == "xlsx" else None)]
    assert "不属于绩效目标表" in project.notes[0].reason
    assert [i.name for i in project.indicators] == NAMES
    assert [i.value for i in project.indicators] == [row[3] for row in ROWS]
    assert [i.level2 for i in project.indicators] == [row[1] for row in ROWS]
    assert project.columns == ("level1", "level2", "name", "value")


def test_comparator_value_and_unit_in_their_own_columns_make_one_value(tmp_path: Path) -> None:
    columns = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    rows = [[*row[:3], "≥", number, unit] for row, number, unit in
            zip(ROWS, ("500", "60", "90"), ("人次", "%", "%"), strict=True)]
    project = only_project(write(tmp_path, header_lines(), columns=columns, rows=rows))
    assert [i.value for i in project.indicators] == ["≥500人次", "≥60%", "≥90%"]
    assert [i.target for i in project.indicators] == ["500", "60", "90"]


@pytest.mark.parametrize("container", CONTAINERS)
def test_a_comparator_under_zhibiao_fangxiang_beside_the_type_is_the_comparator(
        container: str, tmp_path: Path) -> None:
    """指标方向 holding ≥ ≤ = beside 指标性质 holding 定量/定性: the symbol is the row's
    comparator, not a direction. Before, the value lost it (`500人次`, direction `≥`)."""
    columns = ["一级指标", "二级指标", "三级指标", "指标方向", "指标值", "计量单位", "指标性质"]
    rows = [[*ROWS[0][:3], "≥", "500", "人次", "定量"],
            [*ROWS[1][:3], "≤", "60", "%", "定量"],
            [*ROWS[2][:3], "定性", "较高", "", "定性"]]
    project = only_project(write(tmp_path, header_lines(), columns=columns, rows=rows,
                                 container=container))
    assert [i.value for i in project.indicators] == ["≥500人次", "≤60%", "较高"]
    assert [i.comparator for i in project.indicators] == ["≥", "≤", "定性"]
    assert [i.direction for i in project.indicators] == [None, None, None]


def test_a_direction_under_zhibiao_fangxiang_beside_the_comparator_stays_the_direction(
        tmp_path: Path) -> None:
    columns = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "指标方向"]
    rows = [[*row[:3], "≥", number, unit, "正向"] for row, number, unit in
            zip(ROWS, ("500", "60", "90"), ("人次", "%", "%"), strict=True)]
    project = only_project(write(tmp_path, header_lines(), columns=columns, rows=rows))
    assert [i.value for i in project.indicators] == ["≥500人次", "≥60%", "≥90%"]
    assert [i.direction for i in project.indicators] == ["正向"] * 3


# --- a block label in the first column ----------------------------------------------------

BLOCKS = [(label, copy) for label in ("绩效指标", "本年度绩效指标", "年度绩效指标")
          for copy in ("every row", "pdf", "browser")]


@pytest.mark.parametrize(("label", "copy"), BLOCKS, ids=[f"{b}-{c}" for b, c in BLOCKS])
def test_a_block_label_left_of_the_indicator_rows_is_not_read(label: str, copy: str,
                                                              tmp_path: Path) -> None:
    """Merged down the rows: repeated in each (some exports), empty below its first
    row (a PDF copy), or left out of every later row (a browser copy)."""
    rows = []
    for index, row in enumerate(ROWS):
        if copy == "every row" or index == 0:
            rows.append([label, *row])
        else:
            rows.append(["", *row] if copy == "pdf" else list(row))
    project = only_project(write(tmp_path, header_lines(), columns=[label, *COLUMNS],
                                 rows=rows))
    assert [(i.level1, i.level2, i.value) for i in project.indicators] == [
        (row[0], row[1], row[3]) for row in ROWS]


# (长期 block, 年度 block) in either order, as a browser copies them, as a PDF does, as a sheet
STACKED = [(first, copy, container) for first in ("long_term", "annual")
           for copy, container in (("browser", "txt"), ("pdf", "txt"), ("sheet", "xlsx"))]
LONG_VALUES = ["≥1500人次", "≥65%", "≥92%"]


@pytest.mark.parametrize(("first", "copy", "container"), STACKED,
                         ids=[f"{f}-first-{c}" for f, c, _ in STACKED])
def test_a_stacked_long_term_block_gives_the_long_term_indicators(
        first: str, copy: str, container: str, tmp_path: Path) -> None:
    """A 长期绩效指标 block of rows above (or below) the 年度绩效指标 block, each under its
    own header: the long-term rows are ``long_term_indicators``, as the 长期/年度 column
    pairs give them. Before, they were dropped without a note."""
    def block(label: str, values: list[str]) -> list[list[str]]:
        rows = [[label, *COLUMNS]]
        for index, row in enumerate(ROWS):
            cells = [*row[:3], values[index]]
            lead = [label] if copy == "sheet" and index == 0 else (
                [""] if copy in ("pdf", "sheet") else [])
            rows.append(lead + cells)
        return rows

    long_term = block("长期绩效指标", LONG_VALUES)
    annual = block("年度绩效指标", [row[3] for row in ROWS])
    rows = long_term + annual if first == "long_term" else annual + long_term
    project = only_project(write(tmp_path, header_lines(), columns=rows[0], rows=rows[1:],
                                 container=container))
    assert [(i.level1, i.level2, i.name, i.value) for i in project.indicators] == [
        tuple(row) for row in ROWS]
    assert [(i.level1, i.level2, i.name, i.value) for i in project.long_term_indicators] == [
        (*row[:3], value) for row, value in zip(ROWS, LONG_VALUES, strict=True)]


# --- 一级 as offices write it ---------------------------------------------------------------

LEVEL1 = [  # (产出, 效益, 满意度) as written
    ("产出指标(50分)", "效益指标(30分)", "满意度指标(10分)"),
    ("产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"),
    ("一、产出指标", "二、效益指标", "三、满意度指标"),
    ("1-产出指标", "2-效益指标", "3-满意度指标"),
    ("项目完成指标", "项目效益指标", "满意度指标"),
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("level1", LEVEL1, ids=[row[0] for row in LEVEL1])
def test_each_way_of_writing_the_first_level_is_read(level1: tuple[str, str, str],
                                                     container: str, tmp_path: Path) -> None:
    rows = [[written, *row[1:]] for written, row in zip(level1, ROWS, strict=True)]
    project = only_project(write(tmp_path, header_lines(), rows=rows, container=container))
    assert [(i.level1, i.level2, i.value) for i in project.indicators] == [
        (unicodedata.normalize("NFKC", written), row[1], row[3])  # （50分） as (50分)
        for written, row in zip(level1, ROWS, strict=True)]


# --- a two-level table's categories as offices write them ---------------------------------

TWO_LEVEL = ["一级指标", "二级指标", "绩效标准", "当年预期实现值"]
# (category as written without its number, 一级 it gives, 二级 it gives)
CATEGORIES = [("数量指标", "产出指标", "数量指标"), ("成本指标", "产出指标", "成本指标"),
              ("效益指标", "效益指标", ""), ("满意度指标", "满意度指标", "")]
ORDINALS = ["（{}）", "{}、", "{}.", "（{}）"]  # the last with Chinese numerals
CHINESE = "一二三四"
TWO_LEVEL_NAMES = ["培训人次", "就业率", "宣传场次", "学员满意度"]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def two_level(tmp_path: Path, categories: list[str], container: str) -> Department:
    rows = [[category, name, "计划标准", "≥90%"]
            for category, name in zip(categories, TWO_LEVEL_NAMES, strict=True)]
    return write(tmp_path, header_lines(), columns=TWO_LEVEL, rows=rows, container=container)


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("ordinal", ORDINALS, ids=["(1)", "1、", "1.", "(一)"])
def test_a_numbered_category_of_a_two_level_table_is_its_level(ordinal: str, container: str,
                                                                tmp_path: Path) -> None:
    """``1、数量指标`` / ``1.数量指标`` / ``（1）数量指标`` are numbered like ``（一）数量指标``:
    the number is the row's place, not a code. Before, the number was read as a code (S002
    for every 二级) or kept in the name (S001 for 效益指标 and 满意度指标)."""
    numerals = CHINESE if ordinal == ORDINALS[-1] else "1234"
    written = [ordinal.format(numerals[n]) + name for n, (name, _, _) in enumerate(CATEGORIES)]
    department = two_level(tmp_path, written, container)
    (project,) = department.projects
    levels = {i.name: (_nfkc(i.level1), _nfkc(i.level2)) for i in project.indicators}
    written = [_nfkc(label) for label in written]  # （一） may be read as (一) (T001)
    assert levels["培训人次"] == ("产出指标", written[0])
    assert levels["就业率"] == ("产出指标", written[1])
    assert levels["宣传场次"] == (written[2], "")
    assert levels["学员满意度"] == (written[3], "")
    assert {f.rule for f in validate([department])} & {"S001", "S002", "C002", "R003"} == set()


@pytest.mark.parametrize("container", CONTAINERS)
def test_the_cost_categories_of_a_two_level_table_are_second_levels_of_cost(
        container: str, tmp_path: Path) -> None:
    """经济成本指标 / 社会成本指标 / 生态环境成本指标 (财预〔2021〕101号) are 二级 of 成本指标,
    and the table is checked against the framework with cost as a 一级. Before, each was a
    一级 without 二级 (S001) and the table had no cost indicator (C002)."""
    written = ["数量指标", "经济成本指标", "社会效益指标", "服务对象满意度指标"]
    department = two_level(tmp_path, written, container)
    (project,) = department.projects
    levels = {i.name: (i.level1, i.level2) for i in project.indicators}
    assert levels["就业率"] == ("成本指标", "经济成本指标")
    assert project.framework == "cost-first-level"
    assert {f.rule for f in validate([department])} & {"S001", "S002", "C002", "R003"} == set()


@pytest.mark.parametrize("container", CONTAINERS)
def test_a_bare_cost_category_beside_the_2021_cost_categories_is_the_first_level(
        container: str, tmp_path: Path) -> None:
    """With 社会成本指标 in the same table, the table's framework has cost as a 一级: a
    category 成本指标 there is that 一级, not the standard framework's 二级 (S002)."""
    written = ["数量指标", "成本指标", "社会成本指标", "满意度指标"]
    department = two_level(tmp_path, written, container)
    (project,) = department.projects
    levels = {i.name: (i.level1, i.level2) for i in project.indicators}
    assert levels["就业率"] == ("成本指标", "")
    assert levels["宣传场次"] == ("成本指标", "社会成本指标")
    assert {f.rule for f in validate([department])} & {"S001", "S002", "R003"} == set()


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("columns", [["二级指标", "三级指标", "指标值"],
                                     ["指标类别", "指标名称", "指标值"]],
                         ids=["二级-三级", "指标类别"])
def test_a_two_level_table_under_other_headers_takes_its_first_level_from_the_framework(
        columns: list[str], container: str, tmp_path: Path) -> None:
    """二级指标 | 三级指标 | 指标值 without a 一级 column, and 指标类别 | 指标名称 | 指标值, are
    two-level tables. Before 2026-12-03 (session 7) the first read every 一级 empty (S001 on
    each row, C001) and the second was refused as a text without a table (a workbook: no
    indicator, every row a note)."""
    rows = [["数量指标", "培训人次", "≥500人次"], ["社会效益指标", "就业率", "≥60%"],
            ["服务对象满意度指标", "学员满意度", "≥90%"]]
    department = write(tmp_path, header_lines(), columns=columns, rows=rows,
                       container=container)
    project = only_project(department)
    assert [(i.level1, i.level2, i.value) for i in project.indicators] == [
        ("产出指标", "数量指标", "≥500人次"), ("效益指标", "社会效益指标", "≥60%"),
        ("满意度指标", "服务对象满意度指标", "≥90%")]
    assert project.layout == "two_level"
    assert {f.rule for f in validate([department])} & {"S001", "C001", "R003"} == set()


DESCRIPTIONS = ["指标内容", "指标解释", "指标说明", "指标属性"]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("description", DESCRIPTIONS)
def test_a_description_beside_the_third_level_is_a_column_no_field_reads(
        description: str, container: str, tmp_path: Path) -> None:
    """指标内容 / 指标解释 / 指标说明 beside 三级指标 describe the indicator (`反映培训规模`),
    指标属性 says 共性/个性: none is read, one note names the column. Before 2026-12-03 (session 7)
    指标内容 was a second 三级 column, the two read as a 长期/年度 pair (every name the
    description, the real 三级 a long-term indicator), and 指标解释 was read as 绩效标准."""
    rows = [[*row, f"反映{row[2]}情况"] for row in ROWS]
    (project,) = write(tmp_path, header_lines(), columns=[*COLUMNS, description], rows=rows,
                       container=container).projects
    assert [(i.name, i.value, i.standard) for i in project.indicators] == [
        (row[2], row[3], None) for row in ROWS]
    assert project.long_term_indicators == []
    assert [note.text for note in project.notes] == [description]
    assert "不属于绩效目标表" in project.notes[0].reason
    assert project.columns == ("level1", "level2", "name", "value")


# --- two fields on one row --------------------------------------------------------------

PAIRS = {
    "side by side": ["主管部门\t{d}\t实施单位\t{u}"],
    "label：value cells": ["主管部门：{d}\t实施单位：{u}"],
    "values below": ["主管部门\t实施单位", "{d}\t{u}"],
    "labels with codes": ["主管部门及代码\t{d}\t项目执行单位\t{u}"],
}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("pair", list(PAIRS))
def test_two_fields_on_one_row_are_both_read(pair: str, container: str,
                                             tmp_path: Path) -> None:
    lines = [line.format(d=DEPARTMENT, u=UNIT) for line in PAIRS[pair]]
    changed = {"competent_department": lines, "implementing_unit": []}
    project = only_project(write(tmp_path, header_lines(changed), container=container))
    assert (project.competent_department, project.implementing_unit) == (DEPARTMENT, UNIT)


@pytest.mark.parametrize("container", CONTAINERS)
def test_a_cost_breakdown_in_yuan_gives_the_amount_in_wan_yuan(container: str,
                                                               tmp_path: Path) -> None:
    """项目预算成本构成 | 金额（元）: its 合计 480,000.00 was read as 480 000 万元, no finding."""
    header = ["项目名称\t技能培训", "项目预算成本构成\t金额（元）\t测算依据",
              "评估服务费\t450,000.00\t1500人×300元", "宣传资料印制\t30,000.00\t询价",
              "合计\t480,000.00", f"年度总体绩效目标\t{GOAL}"]
    project = only_project(write(tmp_path, header, container=container))
    assert project.amount == 48.0
    assert project.cost_lines == [("评估服务费", 45.0), ("宣传资料印制", 3.0), ("合计", 48.0)]


@pytest.mark.parametrize("container", CONTAINERS)
def test_a_number_right_of_the_funds_group_label_is_a_note_not_lost(container: str,
                                                                   tmp_path: Path) -> None:
    """项目资金 ⇥ 120 does not say whether 120 is the year's amount or a total over the
    project's years: it was dropped without a word; now a note with its cell, and H002."""
    header = header_lines({"amount": ["项目资金\t120"]})
    (project,) = write(tmp_path, header, container=container).projects
    assert project.amount is None
    assert [(n.text, n.reason) for n in project.notes] == [
        ("120", "“项目资金”不说明是年度金额还是多年合计，其右的值未读取")]


@pytest.mark.parametrize("container", CONTAINERS)
def test_the_sub_items_of_fiscal_funds_without_their_line_are_the_fiscal_funds(
        container: str, tmp_path: Path) -> None:
    """其中：一般公共预算 | 政府性基金 with no 财政拨款 line (重庆): the parts were dropped as parts
    of a line that was not there; together they are the 财政拨款. Under a 财政拨款 line they
    stay parts of it."""
    header = header_lines({"amount": ["项目资金（万元）\t年度资金总额\t10",
                                      "其中：一般公共预算\t6", "政府性基金\t3", "其他资金\t1"]})
    funds = only_project(write(tmp_path, header, container=container)).funds
    assert (funds.total, funds.fiscal, funds.other) == (10.0, 9.0, 1.0)
    header = header_lines({"amount": ["项目资金（万元）\t年度资金总额\t10",
                                      "其中：财政拨款\t9", "一般公共预算\t6", "其他资金\t1"]})
    funds = only_project(write(tmp_path, header, container=container)).funds
    assert (funds.fiscal, funds.other) == (9.0, 1.0)
