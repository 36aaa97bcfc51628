"""A group row above a header with its columns twice says which side is the year's;
the upper row of a header written on two rows gives it the columns it lacks.

The indicator header is cached per row; the row above it is consulted only when
some role appears twice or it is a row of column labels (``columns.indicator_header``).
These tests guard that short cut: the same header row, read once without and once with
a group row above it, gives each table its own sides. And a header on two rows
(绩效指标 over 一级/二级/三级 with 绩效值 merged down beside them; 一级指标 merged down
beside 中期指标 | 年度指标) is read as one header, in a workbook, in a PDF copy that keeps
the merged cells as empty ones and in a browser copy that leaves them out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from workbook_builders import save_workbook

from xlperf.reader import read_tables
from xlperf.sources import read_department
from xlperf.sources.grid import Grid
from xlperf.sources.text.reader import parse_text
from xlperf.validation.engine import validate

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
ROW = ["产出指标", "数量指标", "培训人次", "≥100人次", "数量指标", "覆盖乡镇", "≥12个"]


def _table(name: str, group: list[str] | None) -> Grid:
    rows = [["项目名称", name, "", "", "", "", ""]]
    if group is not None:
        rows.append(group)
    rows += [HEADER, ROW]
    return Grid(name, rows)


def _sides(projects) -> list[tuple[list[str], list[str]]]:
    return [([i.name for i in p.indicators], [i.name for i in p.long_term_indicators])
            for p in projects]


def test_group_row_puts_the_year_on_the_left_even_after_the_same_header_without_one():
    """Without a group row the left columns are the long term (every form seen); a group
    row 年度指标 | 长期指标 over the same header makes the left ones the year's."""
    plain = _table("无分组行", None)
    grouped = _table("有分组行", ["", "年度指标", "", "", "长期指标", "", ""])
    reading = read_tables([plain, grouped])
    assert _sides(reading.projects) == [
        (["覆盖乡镇"], ["培训人次"]),  # no group row: left long term, right the year
        (["培训人次"], ["覆盖乡镇"]),  # the group row says the year is on the left
    ]


def test_group_row_read_first_does_not_decide_a_later_table_without_one():
    grouped = _table("有分组行", ["", "年度指标", "", "", "长期指标", "", ""])
    plain = _table("无分组行", None)
    reading = read_tables([grouped, plain])
    assert _sides(reading.projects) == [(["培训人次"], ["覆盖乡镇"]),
                                        (["覆盖乡镇"], ["培训人次"])]


# --- a header on two rows ----------------------------------------------------------------

TOP = [["项目名称", "学生资助专项经费", "", ""],
       ["主管部门", "某区教育局", "实施单位", "某区教育局"],
       ["项目年度金额", 200, "", ""],
       ["年度总体绩效目标", "落实家庭经济困难学生资助政策", "", ""]]
WEIGHTED = [["1-产出指标", "11-数量指标", "资助学生不少于3000人次", 30],
            ["", "", "资助资金按学期及时发放", 20],
            ["", "14-成本指标", "资助资金不超过200万元", 10],
            ["2-效益指标", "22-社会效益", "家庭经济困难学生无因贫失学", 30],
            ["3-满意度指标", "31-服务对象满意度", "受助学生满意度≥90%", 10]]
WEIGHTED_READ = [("1-产出指标", "11-数量指标", "资助学生不少于3000人次", 30.0),
                 ("1-产出指标", "11-数量指标", "资助资金按学期及时发放", 20.0),
                 ("1-产出指标", "14-成本指标", "资助资金不超过200万元", 10.0),
                 ("2-效益指标", "22-社会效益", "家庭经济困难学生无因贫失学", 30.0),
                 ("3-满意度指标", "31-服务对象满意度", "受助学生满意度≥90%", 10.0)]
FALSE_ALARMS = {"R003", "S001", "S002", "C001", "C003", "W001"}


def _text(rows: list[list[object]]) -> str:
    return "".join("\t".join(str(cell) for cell in row) + "\n" for row in rows)


def _weighted(department) -> list[tuple[str, str, str, float | None]]:
    (project,) = department.projects
    assert project.notes == []
    assert "weight" in (project.columns or ())
    assert {f.rule for f in validate([department])} & FALSE_ALARMS == set()
    return [(i.level1, i.level2, i.name, i.weight) for i in project.indicators]


def test_a_weight_column_merged_down_beside_a_block_label_is_read_in_a_workbook(
        tmp_path: Path) -> None:
    """绩效指标 merged over A:C, 绩效值 merged down over both header rows, 一级指标 | 二级指标 |
    三级指标 under them: the weights are read. Before, the weight column was lost, most rows
    were R003 notes and the others garbage (二级 = a 三级, name = a weight)."""
    rows = [*TOP, ["绩效指标", "", "", "绩效值"], ["一级指标", "二级指标", "三级指标", ""],
            *WEIGHTED]
    path = save_workbook(tmp_path / "two_rows.xlsx", {"项目1": rows},
                         merges={"项目1": ["A5:C5", "D5:D6"]})
    assert _weighted(read_department(path)) == WEIGHTED_READ


def test_a_weight_column_merged_down_is_read_in_a_pdf_copy() -> None:
    """The PDF copy keeps the merged cells as empty ones (``绩效指标⇥⇥⇥绩效值``). Before, the
    text was refused (找到了指标表头…但其下没有一行能作为指标读取, exit 2)."""
    rows = [*TOP, ["绩效指标", "", "", "绩效值"], ["一级指标", "二级指标", "三级指标", ""],
            *WEIGHTED]
    assert _weighted(parse_text(_text(rows))) == WEIGHTED_READ


def test_a_weight_column_merged_down_is_read_in_a_browser_copy() -> None:
    """A browser copy keeps a merged cell in its first row only: ``绩效指标⇥绩效值`` over
    ``一级指标⇥二级指标⇥三级指标``, the rows below losing their merged 一级/二级 cells."""
    rows = [*TOP, ["绩效指标", "绩效值"], ["一级指标", "二级指标", "三级指标"],
            WEIGHTED[0], WEIGHTED[1][2:], WEIGHTED[2][1:], *WEIGHTED[3:]]
    assert _weighted(parse_text(_text(rows))) == WEIGHTED_READ


def test_an_upper_row_that_does_not_fit_over_the_header_adds_no_column(tmp_path: Path) -> None:
    """绩效值 standing over the 三级指标 column on a sheet cannot be a column of its own: the
    two rows are not combined (never guessed) and the header is read as it is, as before."""
    rows = [*TOP, ["绩效指标", "", "绩效值", ""], ["一级指标", "二级指标", "三级指标", ""],
            *WEIGHTED]
    path = save_workbook(tmp_path / "misfit.xlsx", {"项目1": rows})
    (project,) = read_department(path).projects
    assert "weight" not in (project.columns or ())
    assert all(i.weight is None for i in project.indicators)


GROUP_FUNDS = [["项目名称", "高标准农田建设", "", "", "", "", "", ""],
               ["项目资金（万元）", "年度资金总额：", 1200, "", "", "", "", ""],
               ["总体目标", "中期目标（2021年-2023年）", "", "", "年度目标", "", "", ""],
               ["", "三年新建高标准农田3万亩", "", "", "2021年新建高标准农田1万亩", "", "", ""]]
GROUP_HEADER = [["绩效指标", "一级指标", "中期指标", "", "", "年度指标", "", ""],
                ["", "", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]]
GROUP_ROWS = [["", "产出指标", "数量指标", "新建高标准农田面积", "3万亩", "数量指标",
               "新建高标准农田面积", "1万亩"],
              ["", "", "质量指标", "工程验收合格率", "100%", "质量指标", "工程验收合格率",
               "100%"],
              ["", "效益指标", "经济效益指标", "亩均粮食产能提高", "≥100斤", "经济效益指标",
               "亩均粮食产能提高", "≥100斤"],
              ["", "满意度指标", "服务对象满意度指标", "项目区农户满意度", "≥90%",
               "服务对象满意度指标", "项目区农户满意度", "≥90%"]]
GROUP_READ = [("产出指标", "数量指标", "新建高标准农田面积", "1万亩"),
              ("产出指标", "质量指标", "工程验收合格率", "100%"),
              ("效益指标", "经济效益指标", "亩均粮食产能提高", "≥100斤"),
              ("满意度指标", "服务对象满意度指标", "项目区农户满意度", "≥90%")]


def _grouped(department) -> tuple[list[tuple], list[tuple]]:
    (project,) = department.projects
    assert project.notes == []
    assert {f.rule for f in validate([department])} & FALSE_ALARMS == set()
    return ([(i.level1, i.level2, i.name, i.value) for i in project.indicators],
            [(i.level1, i.name, i.value) for i in project.long_term_indicators])


GROUP_LONG = [("产出指标", "新建高标准农田面积", "3万亩"),
              ("产出指标", "工程验收合格率", "100%"),
              ("效益指标", "亩均粮食产能提高", "≥100斤"),
              ("满意度指标", "项目区农户满意度", "≥90%")]


def test_a_first_level_merged_down_beside_a_sides_group_row_is_read_in_a_workbook(
        tmp_path: Path) -> None:
    """一级指标 merged down over the group row (中期指标 | 年度指标) and the sub-header
    (二级指标 三级指标 指标值 ×2): every indicator has its 一级. Before, the annual ones had
    an empty 一级, rows with a 一级 were notes, and S001/C001/C003 were false alarms."""
    rows = [*GROUP_FUNDS, *GROUP_HEADER, *GROUP_ROWS]
    path = save_workbook(tmp_path / "group.xlsx", {"Sheet1": rows},
                         merges={"Sheet1": ["A5:A10", "B5:B6", "C5:E5", "F5:H5", "B7:B8"]})
    assert _grouped(read_department(path)) == (GROUP_READ, GROUP_LONG)


def test_a_first_level_merged_down_beside_a_sides_group_row_is_read_in_a_browser_copy() -> None:
    """The browser copy: ``绩效指标⇥一级指标⇥中期指标⇥年度指标`` over the six sub-headers,
    and rows that lost their merged 绩效指标 and 一级 cells."""
    rows = [*GROUP_FUNDS, [c for c in GROUP_HEADER[0] if c], GROUP_HEADER[1][2:],
            GROUP_ROWS[0][1:], GROUP_ROWS[1][2:], GROUP_ROWS[2][1:], GROUP_ROWS[3][1:]]
    assert _grouped(parse_text(_text(rows))) == (GROUP_READ, GROUP_LONG)


PAIR_HEADERS = {
    "group-row": [["一级指标", "中期指标", "年度指标"],
                  ["二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]],
    "marked": [["一级指标", "二级指标（长期）", "三级指标（长期）", "指标值（长期）",
                "二级指标（年度）", "三级指标（年度）", "指标值（年度）"]]}
PAIR_ROWS = [["产出指标", "数量指标", "培训人数", "≥3000人", "数量指标", "培训人数", "≥800人"],
             ["质量指标", "培训合格率", "≥95%", "质量指标", "培训合格率", "≥95%"]]
PAIR_END = [["效益指标", "社会效益指标", "农民增收", "≥10%", "社会效益指标", "农民增收", "≥5%"],
            ["满意度指标", "服务对象满意度指标", "农民满意度", "≥90%", "服务对象满意度指标",
             "农民满意度", "≥90%"]]


@pytest.mark.parametrize("header", PAIR_HEADERS)
@pytest.mark.parametrize("annual_cell", [True, False], ids=["both-sides", "long-side-only"])
def test_a_cost_second_level_that_lost_its_first_level_is_under_produce_on_each_side(
        header: str, annual_cell: bool) -> None:
    """A browser copy of 长期/年度 pairs with both 二级 columns merged down: a 成本指标 row
    under 产出指标 (its 一级 left out) starts the 二级 on both sides, or on the long-term
    side only (the year's 成本指标 began a row earlier). Before (2026-12-03, session 8)
    the first 成本指标 was read as a 一级 (cost as a first level: S001) when the year's
    side had its own 二级 cell, and given to the year's side when it had not, the
    long-term indicator keeping the 二级 above."""
    rows = [["项目名称", "高素质农民培育"], ["年度资金总额（万元）", "120"],
            *PAIR_HEADERS[header], *PAIR_ROWS]
    if annual_cell:
        rows.append(["成本指标", "培训总成本", "≤400万元", "成本指标", "培训总成本", "≤120万元"])
    else:
        rows[-1] = [*rows[-1][:3], "成本指标", "人均培训成本", "≤1500元"]
        rows.append(["成本指标", "培训总成本", "≤400万元", "培训总成本", "≤120万元"])
    department = parse_text(_text([*rows, *PAIR_END]))
    (project,) = department.projects
    annual = {i.name: (i.level1, i.level2) for i in project.indicators}
    long_term = {i.name: (i.level1, i.level2) for i in project.long_term_indicators}
    assert annual["培训总成本"] == ("产出指标", "成本指标")
    assert long_term["培训总成本"] == ("产出指标", "成本指标")
    assert annual["农民增收"] == long_term["农民增收"] == ("效益指标", "社会效益指标")
    assert "S001" not in {f.rule for f in validate([department])}
