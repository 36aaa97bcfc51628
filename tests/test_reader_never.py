"""What the reader must never do (docs/layouts.md, last section), one case each.

Each table is small and written the way the real forms write it (a browser
copy: merged cells only in their first row). The indicator rows are always the
same three, so a test names exactly what it adds around them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from workbook_builders import save_workbook

from xlperf.cli import cli
from xlperf.model.framework import level_score, parse_label
from xlperf.sources import read_department
from xlperf.sources.text.reader import parse_text
from xlperf.validation.engine import validate

HEADER = "一级指标\t二级指标\t三级指标\t指标值\n"
ROWS = ("产出指标\t数量指标\t培训人次\t≥500人次\n"
        "效益指标\t社会效益指标\t就业率\t≥60%\n"
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\n")
NAMES = ["培训人次", "就业率", "学员满意度"]


def table(above: str = "", below: str = "") -> str:
    return f"项目名称\t技能培训\n{above}{HEADER}{ROWS}{below}"


def indicators(text: str) -> list[tuple[str, str, str]]:
    (project,) = parse_text(text).projects
    return [(i.level1, i.level2, i.name) for i in project.indicators]


def names(text: str) -> list[str]:
    """The indicators' names; the rows around them must not even be left as notes."""
    (project,) = parse_text(text).projects
    assert project.notes == []
    return [i.name for i in project.indicators]


def test_an_unknown_header_label_is_not_an_indicator_nor_carried_as_a_level() -> None:
    text = table(above="主管部门及编码\t[101]某局\n项目负责人姓名\t张三\n绩效目标类别\t常规\n")
    department = parse_text(text)
    (project,) = department.projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.indicators[0].level1 == "产出指标"
    assert project.competent_department == "[101]某局"
    assert [(n.text, n.part) for n in project.notes] == [("绩效目标类别 | 常规", "header")]


def test_the_funds_block_is_not_indicators_and_gives_the_amount() -> None:
    text = table(above="项目资金(万元)\t年度资金总额\t金额(万元)\n(一)财政拨款小计\t4.00\n"
                       "1、一般公共预算\t4.00\n(二)自有资金小计\t0.00\n(三)其他收入\t0.00\n")
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.amount == 4.0  # not "金额(万元)", a column header, and not 8 (a part twice)
    assert (project.funds.fiscal, project.funds.other) == (4.0, 0.0)


def test_a_goal_heading_is_not_an_indicator_and_its_value_is_below() -> None:
    text = table(above="总体目标\t中期目标\t年度目标\n三年培训 1500 人次\t全年培训 500 人次\n")
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == NAMES
    assert (project.mid_term_goal, project.goal) == ("三年培训 1500 人次", "全年培训 500 人次")


def test_total_placeholder_reviewer_and_signer_rows_are_not_indicators() -> None:
    text = table(below="……\n总分\t100\n财政部门审核意见\t\n"
                       "填表人: 宋云花 联系电话:16607326331 填报日期:\n")
    assert names(text) == NAMES
    for stop in ("合计\t100\n", "财政部门审核意见\t同意\n", "填表人：张三\n"):
        # The table ends there; a row after it that reads like an indicator is kept as a
        # note (with its line), neither read as an indicator nor dropped.
        after = stop + "效益指标\t生态效益指标\t绿化面积\t10亩\n"
        (project,) = parse_text(table(below=after)).projects
        assert [i.name for i in project.indicators] == NAMES
        assert [(n.row, n.reason) for n in project.notes] == [
            (7, "在表格结束行之后，未作为指标读取")]


def test_a_placeholder_row_inside_the_table_is_skipped_not_read() -> None:
    text = table().replace("效益指标", "……\n效益指标", 1)
    assert names(text) == NAMES


def test_a_cost_breakdown_above_the_indicators_is_kept_apart() -> None:
    text = table(above="项目预算成本构成\t金额\t测算依据\n保安服务费\t191\t依据招标文件\n"
                       "保洁服务费\t99\t依据招标文件\n合计\t290\n")
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.cost_lines == [("保安服务费", 191.0), ("保洁服务费", 99.0), ("合计", 290.0)]
    assert project.amount == 290.0  # the form states no other amount


@pytest.mark.parametrize("above", [
    "2024年度部门预算公开\n",  # a budget disclosure's title: no department
    "目录\n一、部门主要职责\n二、项目支出绩效目标表\n",
    "一、部门主要职责\n",
    "某县2024年部门预算项目支出绩效目标公开\n",
])
def test_a_disclosure_title_or_its_contents_line_is_never_the_department(above: str) -> None:
    department = parse_text(above + "\n" + table())
    assert department.name == ""
    assert names(above + "\n" + table()) == NAMES


def test_the_department_line_above_a_disclosure_title_is_still_read() -> None:
    text = "某县教育局\n2024年度部门预算公开\n\n" + table()
    assert parse_text(text).name == "某县教育局"


def test_a_title_is_never_a_value() -> None:
    text = "2023年项目支出绩效目标申报表\n填报单位:(盖章) 单位:万元\n" + table()
    department = parse_text(text)
    assert department.name == "" and department.projects[0].name == "技能培训"
    assert names(text) == NAMES


def test_a_row_it_cannot_place_is_reported_with_its_line_not_guessed() -> None:
    lone = "计划邀请正副处级领导职务或各级调研员的老师授课"
    text = table().replace("效益指标", f"{lone}\n效益指标", 1)
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == NAMES
    (note,) = project.notes
    assert (note.text, note.row) == (lone, 4)


def test_cells_right_of_a_sheets_table_are_reported_with_their_cell(tmp_path: Path) -> None:
    """Cells with no header above them, right of the table (见附件 | 另有说明), are a note with
    their own cell; the intact indicator row beside them is read (before 2026-12-03, session
    8, the whole row was the note and the indicator was lost)."""
    rows = [["项目名称", "技能培训"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次"],
            ["效益指标", "社会效益指标", "就业率", "≥60%", "见附件", "另有说明"]]
    (project,) = read_department(save_workbook(tmp_path / "wide.xlsx", {"表1": rows})).projects
    assert [i.name for i in project.indicators] == ["培训人次", "就业率"]
    (note,) = project.notes
    assert (note.text, note.sheet, note.cell, note.row) == ("见附件 | 另有说明", "表1", "E4", 4)


def test_a_stray_cell_beside_a_merged_levels_row_keeps_the_levels(tmp_path: Path) -> None:
    """A ``TRUE`` typed right of the first row of a merged 产出指标 made that row a note, and
    the rows below lost their 一级/二级 (S001, S002, C001 on a table that is right)."""
    rows = [["项目名称", "技能培训"], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥500人次", True],
            [None, None, "培训班次", "≥10期"],
            ["效益指标", "社会效益指标", "就业率", "≥60%"]]
    book = save_workbook(tmp_path / "stray.xlsx", {"表1": rows}, merges={"表1": ["A3:A4",
                                                                              "B3:B4"]})
    (project,) = read_department(book).projects
    assert [(i.level1, i.level2, i.name) for i in project.indicators] == [
        ("产出指标", "数量指标", "培训人次"), ("产出指标", "数量指标", "培训班次"),
        ("效益指标", "社会效益指标", "就业率")]
    assert [(n.text, n.cell) for n in project.notes] == [("TRUE", "E3")]


def test_import_names_the_rows_it_could_not_place(tmp_path: Path) -> None:
    source = tmp_path / "申报表.txt"
    source.write_text(table().replace("效益指标", "说明文字一段，不是指标\n效益指标", 1),
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 0
    assert "3 条指标" in result.output and "1 行未能识别" in result.output
    assert "未识别 第 4 行" in result.output and "说明文字一段" in result.output


# --- a budget system's flat list (one row per indicator, the project in its first columns) ---

FLAT_HEADER = ("序号\t项目编码\t项目名称\t单位名称\t项目类别\t预算数（万元）\t年度绩效目标"
               "\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\t指标方向性\n")
FLAT_FIRST = ("1\t5107232300001\t村级组织运转经费\t某某镇人民政府\t一般性项目\t220"
              "\t保障11个村办公运转\t产出指标\t数量指标\t保障村数量\t=\t11\t个\t20\t正向指标\n")
# A browser copy leaves the merged project cells out of every row but the project's first.
FLAT_REST = ("产出指标\t质量指标\t办公经费保障率\t≥\t100\t%\t20\t正向指标\n"
             "产出指标\t成本指标\t补助标准\t≤\t2\t万元/村\t20\t反向指标\n"
             "效益指标\t社会效益指标\t基层服务能力\t定性\t有所提升\t\t20\t正向指标\n"
             "满意度指标\t服务对象满意度指标\t群众满意度\t≥\t90\t%\t20\t正向指标\n")


def test_a_flat_list_row_that_lost_its_merged_project_cells_is_its_projects_indicator() -> None:
    """Before 2026-12-03 each such row was read in place: its 三级 became a 项目名称 (with a
    weight for 预算数), and 4 of 5 indicators were lost without a note."""
    (project,) = parse_text(FLAT_HEADER + FLAT_FIRST + FLAT_REST).projects
    assert (project.name, project.amount, project.implementing_unit) == (
        "村级组织运转经费", 220.0, "某某镇人民政府")
    assert [(i.level2, i.name, i.value, i.weight) for i in project.indicators] == [
        ("数量指标", "保障村数量", "=11个", 20.0), ("质量指标", "办公经费保障率", "≥100%", 20.0),
        ("成本指标", "补助标准", "≤2万元/村", 20.0),
        ("社会效益指标", "基层服务能力", "有所提升", 20.0),
        ("服务对象满意度指标", "群众满意度", "≥90%", 20.0)]
    assert [n.reason for n in project.notes if "列不属于" not in n.reason] == []


def test_a_flat_list_row_that_cannot_be_aligned_is_a_note_never_a_project() -> None:
    text = FLAT_HEADER + FLAT_FIRST + "产出指标\t质量指标\t办公经费保障率\t≥\t100\t产出指标\t20\n"
    department = parse_text(text)
    assert [p.name for p in department.projects] == ["村级组织运转经费"]
    (project,) = department.projects
    assert [i.name for i in project.indicators] == ["保障村数量"]
    assert [n.row for n in project.notes if "列不属于" not in n.reason] == [3]


FLAT = ("单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值"
        "\t度量单位\t权重\n")
TRAINING = "某局\t技能培训\t100,000.00\t全年培训500人次\t产出指标\t数量指标\t培训人次"


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_flat_lists_indicator_type_is_not_a_comparator_nor_part_of_the_value(
        container: str, tmp_path: Path) -> None:
    """指标性质 holding 定量/定性: before, a text was refused (no row fitted) and a workbook
    read “定量≥100%”; the comparator is in the cells that hold ≥ ≤ =."""
    rows = [line.split("\t") for line in (
        "金额单位：元", FLAT.rstrip("\n"),
        "某局\t技能培训\t100,000.00\t全年培训500人次\t产出指标\t数量指标\t培训人次\t定量\t≥500\t人次\t60",
        "\t\t\t\t效益指标\t社会效益指标\t就业情况\t定性\t明显改善\t\t40")]
    project = _flat_project(rows, container, tmp_path)
    assert [(i.comparator, i.target, i.value) for i in project.indicators] == [
        ("≥", "500", "≥500人次"), ("定性", "明显改善", "明显改善")]


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_type_column_beside_a_symbol_and_a_direction_column_reads_each(
        container: str, tmp_path: Path) -> None:
    """指标类型 | 计算符号 | … | 指标方向 (正向/反向): before, a text was refused and a workbook
    lost ≥ and read “正向指标95%” (two comparator columns taken for two sides); its import
    exited 2."""
    header = ("单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标类型"
              "\t计算符号\t指标值\t计量单位\t权重\t指标方向")
    rows = [line.split("\t") for line in (
        "金额单位：元", header,
        "某局\t技能培训\t100,000.00\t全年培训500人次\t产出指标\t数量指标\t培训人次\t定量\t≥\t500"
        "\t人次\t60\t正向指标",
        "\t\t\t\t效益指标\t社会效益指标\t就业情况\t定性\t\t明显改善\t\t40\t正向指标")]
    project = _flat_project(rows, container, tmp_path)
    assert [(i.comparator, i.value, i.direction) for i in project.indicators] == [
        ("≥", "≥500人次", "正向"), ("定性", "明显改善", "正向")]
    assert project.notes == []
    source = tmp_path / f"list.{container}"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.output


def _flat_project(rows: list[list[str]], container: str, tmp_path: Path):
    source = tmp_path / f"list.{container}"
    if container == "txt":
        source.write_text("\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")
    else:
        save_workbook(source, {"Sheet1": [[cell or None for cell in row] for row in rows]},
                      merges={"Sheet1": [f"{c}3:{c}4" for c in "ABCD"]})
    (project,) = read_department(source).projects
    return project


def test_one_project_name_under_two_units_is_two_projects(tmp_path: Path) -> None:
    """A flat list's project is (单位名称, 项目名称): before, the two were one project with
    both tables' indicators (W001 200) — and rule H004 does not call them a duplicate."""
    text = ("金额单位：元\n" + FLAT
            + "301001-某镇政府\t办公经费\t100,000.00\t保障运转\t产出指标\t数量指标\t保障人数"
              "\t=\t10\t人\t100\n"
            + "301002-某镇中心\t办公经费\t50,000.00\t保障运转\t产出指标\t数量指标\t保障人数"
              "\t=\t5\t人\t100\n")
    projects = parse_text(text).projects
    assert [(p.implementing_unit, p.name, p.amount, len(p.indicators)) for p in projects] == [
        ("301001-某镇政府", "办公经费", 10.0, 1), ("301002-某镇中心", "办公经费", 5.0, 1)]
    source = tmp_path / "list.txt"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(source)])
    assert "H004" not in result.output and "W001" not in result.output


def test_a_flat_lists_amount_without_a_unit_is_read_in_yuan_and_said_so(tmp_path: Path) -> None:
    """No 单位 line and 预算数 without a unit: the budget system's 元 (before, 2,200,000.00
    was read as 2 200 000 万元 without a word); rule T001 names the cell."""
    text = FLAT + ("某局\t技能培训\t2,200,000.00\t全年培训500人次\t产出指标\t数量指标\t培训人次\t≥"
                   "\t500\t人次\t100\n")
    source = tmp_path / "list.txt"
    source.write_text(text, encoding="utf-8")
    department = read_department(source)
    assert department.projects[0].amount == 220.0
    result = CliRunner().invoke(cli, ["validate", str(source)])
    assert "T001 第 2 行" in result.output and "按预算系统导出的“元”换算为万元" in result.output
    assert parse_text("单位：万元\n" + text.replace("2,200,000.00", "220")).projects[0].amount \
        == 220.0


def test_a_flat_lists_total_row_under_the_amount_is_not_a_score_total() -> None:
    """合计 | | 3,767,889.00: the amounts' total; before, rule W007 compared it with the
    scores (“合计行写的总分为 3.76789e+06”)."""
    text = ("金额单位：元\n" + FLAT
            + TRAINING + "\t≥\t500\t人次\t100\n合计\t\t100,000.00\n")
    (project,) = parse_text(text).projects
    assert project.stated_total is None and len(project.indicators) == 1


# The 云南 budget-system export (部门预算公开): one column 单位名称、项目名称 holding a unit on
# a row of its own, then its projects; the goal in 项目年度绩效目标; 指标内容 a description.
YUNNAN_HEADER = ["单位名称、项目名称", "项目年度绩效目标", "一级指标", "二级指标", "三级指标",
                 "指标性质", "指标值", "度量单位", "指标属性", "指标内容"]
YUNNAN_ROWS = [
    ["某区民政局"],
    ["困难群众救助", "保障低保对象基本生活", "产出指标", "数量指标", "低保保障人数", "≥", "3200",
     "人", "定量指标", "反映保障人数"],
    ["", "", "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥", "90", "%", "定量指标",
     "反映满意程度"],
    ["某区养老服务中心"],
    ["社区养老服务补贴", "提升老年人生活质量", "产出指标", "数量指标", "高龄津贴发放人数", "≥",
     "5600", "人", "定量指标", "反映发放人数"],
]


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_the_yunnan_export_reads_a_project_per_name_under_its_unit(container: str,
                                                                  tmp_path: Path) -> None:
    """Before 2026-12-03 (session 7) 单位名称、项目名称 was no column: both projects were one
    named '' (H001, H002), 指标内容 was a second 三级 read as the 长期/年度 pair (every name
    the description, the real 三级 in long_term_indicators) and the goal was not read."""
    rows = [["单位名称：某区民政局", "", "", "", "", "", "", "", "", "单位：万元"],
            YUNNAN_HEADER, *YUNNAN_ROWS]
    source = tmp_path / f"list.{container}"
    if container == "txt":  # a browser copy: the merged cells only in their first row
        source.write_text("\n".join("\t".join(row).strip("\t") for row in rows) + "\n",
                          encoding="utf-8")
    else:
        save_workbook(source, {"Sheet1": [[cell or None for cell in row] for row in rows]},
                      merges={"Sheet1": ["A4:A5", "B4:B5"]})
    department = read_department(source)
    assert [(p.name, p.implementing_unit, p.goal, p.layout) for p in department.projects] == [
        ("困难群众救助", "某区民政局", "保障低保对象基本生活", "flat_list"),
        ("社区养老服务补贴", "某区养老服务中心", "提升老年人生活质量", "flat_list")]
    first, second = department.projects
    assert [(i.level1, i.level2, i.name, i.value) for i in first.indicators] == [
        ("产出指标", "数量指标", "低保保障人数", "≥3200人"),
        ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%")]
    assert [i.name for i in second.indicators] == ["高龄津贴发放人数"]
    assert first.long_term_indicators == [] == second.long_term_indicators
    assert first.notes == [] == second.notes
    assert [(n.text, n.row) for n in department.notes] == [("指标属性", 2), ("指标内容", 2)]
    assert all("不属于绩效目标表" in n.reason for n in department.notes)
    result = CliRunner().invoke(cli, ["validate", str(source)])
    assert "H001" not in result.output
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.output


def test_the_lines_above_a_flat_list_are_no_project_and_give_its_unit() -> None:
    """`主管部门：…` / `单位名称：…` over a flat list whose rows name no unit: before
    2026-12-03 (session 7) they were a project named '' (H001, H002) whenever it held a
    note, and were lost otherwise; they are its projects' 主管部门 and 实施单位."""
    text = ("主管部门：某市民政局\n单位名称：某区民政局\n"
            "项目名称\t年度目标\t一级指标\t二级指标\t三级指标\t指标值\t考核方式\n"
            "困难群众救助\t保障基本生活\t产出指标\t数量指标\t低保保障人数\t≥3200人\t抽查\n")
    department = parse_text(text)
    assert [(p.name, p.competent_department, p.implementing_unit, len(p.indicators))
            for p in department.projects] == [("困难群众救助", "某市民政局", "某区民政局", 1)]
    assert [n.text for n in department.notes] == ["考核方式"]
    # Every row naming its own unit: the line's gives way, and says so where it stood.
    rows = [YUNNAN_HEADER, *YUNNAN_ROWS[:3]]
    department = parse_text("单位名称：某市民政局\n" + "\n".join("\t".join(r) for r in rows))
    assert [(p.name, p.implementing_unit) for p in department.projects] == [
        ("困难群众救助", "某区民政局")]
    assert [(n.text, n.row) for n in department.notes if "清单之上" in n.reason] == [
        ("某市民政局", 1)]


# --- header-block rows are never carried down as levels -------------------------------------


def test_a_funds_block_or_goal_heading_is_never_carried_down_as_a_level() -> None:
    """The 项目资金 and 总体目标 cells are merged down their block: a browser copy leaves
    them in the first row only, and the indicator rows must not inherit them."""
    text = table(above="项目资金(万元)\t年度资金总额\t10\n其中：财政拨款\t10\n其他资金\t\n"
                       "总体目标\t中期目标\t年度目标\n三年培训 1500 人次\t全年培训 500 人次\n")
    (project,) = parse_text(text).projects
    assert indicators(text) == [("产出指标", "数量指标", "培训人次"),
                                ("效益指标", "社会效益指标", "就业率"),
                                ("满意度指标", "服务对象满意度指标", "学员满意度")]
    assert project.notes == [] and project.amount == 10.0


@pytest.mark.parametrize("title", ["关于下达2023年衔接推进乡村振兴补助资金的通知",
                                   "关于公开2023年部门预算项目绩效目标的说明",
                                   "2023年项目支出绩效目标申报表", "绩效目标表"])
def test_a_notice_or_form_title_is_never_the_department_nor_a_field(title: str) -> None:
    department = parse_text(f"{title}\n" + table())
    (project,) = department.projects
    assert department.name == "" and project.competent_department == ""
    assert project.name == "技能培训" and names(f"{title}\n" + table()) == NAMES



@pytest.mark.parametrize("above", ["项目支出预算名称\t技能培训\n",
                                   "项目负责单位\t某某中心\t联系人\t张三\n"])
def test_cells_above_the_first_table_are_a_note_never_the_department(above: str) -> None:
    """A label the vocabulary lacks above the first one it knows: its row is neither a
    notice line (the department, the signer) nor dropped — it is a note with its line."""
    department = parse_text(f"{above}主管部门\t某局\n" + table())
    assert department.name == "" and department.signing_body == ""
    assert [(note.row, note.text) for note in department.notes] == [
        (1, above.strip("\n").replace("\t", " | "))]
    assert [i.name for i in department.projects[0].indicators] == NAMES

# --- rows after the table ---------------------------------------------------------------------

SIGNATURES = [  # the rows provincial and transfer 申报表 have under the table
    "财政部门审核意见\t\n填表人\t张三\t联系电话\t13800000000\n",
    "财政部门审核意见\n填表人: 张三 联系电话:13800000000 填报日期: 单位负责人签字:\n",
    "财政部门审核意见\t同意\n联系电话\t13800000000\n",
    "主管部门审核意见\t\n填报人\t李四\t填报日期\t2023年1月10日\n",
]


@pytest.mark.parametrize("below", SIGNATURES)
def test_the_reviewers_and_signers_rows_are_not_indicators_nor_notes(below: str) -> None:
    assert names(table(below=below)) == NAMES


@pytest.mark.parametrize("below", SIGNATURES)
def test_the_reviewers_and_signers_rows_on_a_sheet_are_not_indicators(below: str,
                                                                     tmp_path: Path) -> None:
    rows = [line.split("\t") for line in table(below=below).splitlines()]
    book = save_workbook(tmp_path / "申报表.xlsx", {"表1": rows})
    (project,) = read_department(book).projects
    assert [i.name for i in project.indicators] == NAMES and project.notes == []


def test_the_next_tables_top_after_the_signers_rows_starts_the_next_project() -> None:
    """Two 申报表 one after the other: the second's title and 填报单位/单位 line follow the
    first's 填表人 row; neither is an indicator of the first, nor a note."""
    one = ("2023年项目支出绩效目标申报表\n填报单位:(盖章)\t\t\t\t单位:万元\n" + table(
        below="财政部门审核意见\n填表人\t张三\t联系电话\t13800000000\n"))
    department = parse_text(one + one.replace("技能培训", "就业补贴"))
    assert [p.name for p in department.projects] == ["技能培训", "就业补贴"]
    for project in department.projects:
        assert [i.name for i in project.indicators] == NAMES and project.notes == []


@pytest.mark.parametrize("below", ["附件：1.项目测算明细\n", "2023年1月10日\n",
                                   "根据《预算法》有关规定，现将绩效目标公开如下。\n"])
def test_an_attachment_a_date_or_a_notice_sentence_ends_the_rows(below: str) -> None:
    after = below + "效益指标\t生态效益指标\t绿化面积\t10亩\n"
    (project,) = parse_text(table(below=after)).projects
    assert [i.name for i in project.indicators] == NAMES
    assert [n.reason for n in project.notes] == ["在表格结束行之后，未作为指标读取"]


def test_a_template_note_inside_the_table_is_kept_for_t004_not_read() -> None:
    note = "注：各地请根据实际情况设置具体指标，指标值须量化"
    text = table().replace("效益指标", f"{note}\n效益指标", 1)
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == NAMES and project.notes == []
    assert [(n.text, n.row) for n in project.template_notes] == [(note, 4)]


def test_a_row_of_levels_only_carries_them_down_and_is_not_an_indicator() -> None:
    text = table().replace("效益指标\t社会效益指标", "效益指标\t经济效益指标\n社会效益指标", 1)
    assert names(text) == NAMES
    assert indicators(text)[1] == ("效益指标", "社会效益指标", "就业率")


# --- never dropped in import --------------------------------------------------------------------


def test_import_keeps_every_indicator_of_a_browser_copy_with_merged_levels(
        tmp_path: Path) -> None:
    """The issue's case: the text reader found 16 rows, the workbook import wrote kept 1.
    A browser copy leaves merged 一级/二级 out of later rows; all of them reach the book."""
    rows = "".join(f"{'产出指标' + chr(9) + '数量指标' + chr(9) if n == 0 else ''}"
                   f"培训班{n}期\t≥{n + 1}期\n" for n in range(16))
    source = tmp_path / "申报表.txt"
    source.write_text(f"项目名称\t技能培训\n{HEADER}{rows}", encoding="utf-8")
    workbook = tmp_path / "部门.xlsx"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    assert "16 条指标" in result.output and "每一行都已识别" in result.output
    (project,) = read_department(workbook).projects
    assert [i.name for i in project.indicators] == [f"培训班{n}期" for n in range(16)]
    assert {(i.level1, i.level2) for i in project.indicators} == {("产出指标", "数量指标")}


def test_a_template_note_under_the_goal_is_not_part_of_the_goal() -> None:
    note = "注：年度目标请根据实际情况填写"
    text = table(above=f"年度总体目标\t全年培训 500 人次\n{note}\n")
    (project,) = parse_text(text).projects
    assert project.goal == "全年培训 500 人次"
    assert [n.text for n in project.template_notes] == [note]
    assert names(text) == NAMES


def test_rows_after_a_template_note_between_two_first_levels_are_read() -> None:
    """A browser copy of a 绩效指标 block with the note left between 产出 and 效益: the
    rows after it lost their merged cells, and are indicators all the same."""
    note = "注：各地请根据实际情况设置具体指标，指标值须量化"
    text = ("项目名称\t技能培训\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
            "产出指标\t数量指标\t培训人次\t≥500人次\n"
            f"{note}\n效益指标\t社会效益指标\t就业率\t≥60%\n"
            "结业人数\t≥400人\n满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\n")
    (project,) = parse_text(text).projects
    assert [(i.level2, i.name) for i in project.indicators] == [
        ("数量指标", "培训人次"), ("社会效益指标", "就业率"), ("社会效益指标", "结业人数"),
        ("服务对象满意度指标", "学员满意度")]
    assert project.notes == [] and [n.text for n in project.template_notes] == [note]


def test_a_note_after_the_table_still_keeps_its_lines_out_of_the_indicators() -> None:
    """The note's further lines after the table are not indicators (they do not start
    with a 一级/二级)."""
    text = table(below="注：1.指标值须量化\n2.绩效标准\t计划标准\n")
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == NAMES


@pytest.mark.parametrize("line", ["填报单位（盖章）：某厅\t\t单位：元",
                                  "填报单位（盖章）：某厅\t\t\t金额单位：元",
                                  "填报单位：某厅\t单位:元",
                                  # other names of the filling unit (before 2026-12-03,
                                  # session 8: a department note, R003, and 元 not read)
                                  "编制单位：某厅\t\t金额单位：元", "填表单位：某厅\t单位：元",
                                  "报送单位：某厅\t单位：元"])
def test_the_unit_beside_the_filling_unit_is_the_tables_unit(line: str, tmp_path: Path) -> None:
    """单位：元 on the 填报单位 line was skipped with it: 8 500 000 元 read as 万元."""
    text = (f"某省项目支出绩效目标申报表\n{line}\n项目名称\t技能培训\n"
            f"项目资金\t年度资金总额\t8,500,000.00\n其中：财政拨款\t8,500,000.00\n"
            f"{HEADER}{ROWS}")
    (project,) = parse_text(text).projects
    assert (project.amount, project.funds.fiscal) == (850.0, 850.0)
    path = save_workbook(tmp_path / "unit.xlsx", {"表": [
        row.split("\t") for row in text.splitlines()]})
    department = read_department(path)
    (project,) = department.projects
    assert (project.amount, department.notes, project.notes) == (850.0, [], [])


@pytest.mark.parametrize("signers", ["填报单位（盖章）：\t\t填报人：\t联系电话：",
                                     "填报单位：\t某镇人民政府\t填报人：李明\t联系电话：139",
                                     "（盖章）\t\t\t2024年3月1日"])
def test_the_filling_units_row_under_the_table_is_no_indicator(signers: str,
                                                              tmp_path: Path) -> None:
    """A 衔接资金 form ends with the filling unit's row; it was read as an indicator
    (``填报人：`` under 满意度指标) and ``import`` then refused its own workbook."""
    assert names(table(below=signers + "\n")) == NAMES
    path = save_workbook(tmp_path / "signers.xlsx", {"表": [
        row.split("\t") for row in table(below=signers + "\n").splitlines()]})
    (project,) = read_department(path).projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.notes == []


def test_a_field_given_twice_with_another_value_keeps_the_second_as_a_note() -> None:
    """A field given twice with two values: the second was skipped with a line in the
    trace only; now a header note says which value was kept."""
    text = "项目名称\t技能培训\n实施单位\t某中心\n项目执行单位\t某站\n" + HEADER + ROWS
    (project,) = parse_text(text).projects
    assert project.implementing_unit == "某中心"
    assert [(n.text, n.reason, n.row) for n in project.notes] == [
        ("某站", "实施单位已读取为“某中心”，此处的值未读取", 3)]
    same = "项目名称\t技能培训\n实施单位\t某中心\n实施单位\t某中心\n" + HEADER + ROWS
    assert parse_text(same).projects[0].notes == []


def test_the_unit_above_the_project_name_gives_way_to_the_tables_own() -> None:
    """单位名称：某厅 on the form's top line is the unit filling in the form; the table's
    实施单位 was reduced to a note and the filling unit kept as the implementing unit."""
    text = "单位名称：某厅\t金额单位：万元\n项目名称\t技能培训\n实施单位\t某中心\n" + HEADER + ROWS
    (project,) = parse_text(text).projects
    assert project.implementing_unit == "某中心"
    assert [(n.text, n.row) for n in project.notes] == [("某厅", 1)]
    alone = "单位名称：某厅\n项目名称\t技能培训\n" + HEADER + ROWS
    assert parse_text(alone).projects[0].implementing_unit == "某厅"


@pytest.mark.parametrize("footer", ["- 1 -", "第1页", "第 1 页/共 2 页", "—2—"])
@pytest.mark.parametrize("column", [0, 2])
def test_a_page_footer_inside_a_table_is_no_indicator(footer: str, column: int,
                                                       tmp_path: Path) -> None:
    """A workbook converted from a PDF keeps its page footers: ``第1页`` became an indicator
    (its 一级/二级 carried down), ``- 1 -`` in the 三级 column too."""
    lines = table().splitlines()
    lines.insert(3, "\t" * column + footer)
    assert names("\n".join(lines) + "\n") == NAMES
    path = save_workbook(tmp_path / "footer.xlsx", {"表": [
        [cell or None for cell in line.split("\t")] for line in lines]})
    (project,) = read_department(path).projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.notes == []



# --- a self-evaluation (绩效自评表, 财预〔2020〕10号): column headers are never values -------

SCORED_HEADER = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
SCORED_ROWS = ("产出指标\t数量指标\t培训人次\t≥500人次\t520人次\t50\t50\n"
               "效益指标\t社会效益指标\t就业率\t≥60%\t62%\t40\t40\n"
               "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t93%\t10\t10\n")


def self_evaluation(above: str = "", rows: str = SCORED_ROWS) -> str:
    return f"项目支出绩效自评表\n项目名称\t技能培训\n{above}{SCORED_HEADER}{rows}总分\t100\t100\n"


def test_a_goal_column_header_is_never_the_goal_and_what_was_done_is_a_note() -> None:
    """年度总体目标 | 预期目标 | 实际完成情况, the texts below: before 2026-12-03 the goal
    read was 预期目标 and the real goal a note."""
    text = self_evaluation("年度总体目标\t预期目标\t实际完成情况\n全年培训500人次\t培训520人次\n")
    (project,) = parse_text(text).projects
    assert project.goal == "全年培训500人次"
    assert [(n.text, n.part, n.row) for n in project.notes] == [
        ("实际完成情况：培训520人次", "header", 4)]
    assert [i.name for i in project.indicators] == NAMES


def test_on_a_sheet_the_goal_is_under_its_column_header(tmp_path: Path) -> None:
    rows = [["项目支出绩效自评表"], ["项目名称", "技能培训"],
            ["年度总体目标", "预期目标", None, None, "实际完成情况"],
            [None, "全年培训500人次", None, None, "培训520人次"],
            *[line.split("\t") for line in (SCORED_HEADER + SCORED_ROWS).splitlines()]]
    (project,) = read_department(save_workbook(tmp_path / "自评.xlsx", {"表1": rows})).projects
    assert project.goal == "全年培训500人次"
    assert [(n.text, n.cell) for n in project.notes] == [("实际完成情况：培训520人次", "E4")]


@pytest.mark.parametrize(("funds", "amount"), [
    ("项目资金（万元）\t预算数\t执行数\t执行率\t分值\t得分\n200\t188\t94%\t10\t9.4\n", 200.0),
    # a browser copy: the merged 项目资金 cell left out of the rows below it
    ("项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
     "年度资金总额\t80\t100\t96\t10\t96%\t9.6\n其中：财政拨款\t80\t100\t96\t—\t—\t—\n", 100.0),
    ("项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
     "年度资金总额\t30\t35\t29.1\t10\t97%\t9.7\n", 35.0),
    # 广东/浙江: the year's budget after adjustment, and what was spent (2026-12-03, s8)
    ("项目资金（万元）\t\t年初预算数\t调整后预算数\t实际支出数\t分值\t执行率\t得分\n"
     "年度资金总额\t80\t100\t96\t10\t96%\t9.6\n其中：财政拨款\t80\t100\t96\t—\t—\t—\n", 100.0),
])
def test_a_funds_column_header_is_never_the_amount(funds: str, amount: float) -> None:
    """The amount is the 全年预算数 (else 预算数, else 年初预算数) below its header: before
    2026-12-03 it was the text 执行数, or the 年初预算数 beside the label."""
    (project,) = parse_text(self_evaluation(funds + "年度总体目标\t全年培训500人次\n")).projects
    assert project.amount == amount
    assert project.goal == "全年培训500人次"
    assert project.notes == []
    if project.funds is not None:
        assert project.funds.fiscal == amount


def test_on_a_sheet_the_amount_is_under_the_budget_column(tmp_path: Path) -> None:
    rows = [["项目支出绩效自评表"], ["项目名称", "技能培训"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率"],
            [None, "年度资金总额", 80, 100, 96, 10, "96%"],
            *[line.split("\t") for line in (SCORED_HEADER + SCORED_ROWS).splitlines()]]
    (project,) = read_department(save_workbook(tmp_path / "自评.xlsx", {"表1": rows})).projects
    assert (project.amount, project.cells["amount"]) == (100.0, "D4")


def test_a_first_levels_subtotal_row_is_not_an_indicator() -> None:
    """产出指标 | | | | | 50 | 49: a row of levels, its 分值 kept with the 一级 as
    产出指标(50分) keeps it (before 2026-12-03: an indicator with no name, weight 50)."""
    rows = ("产出指标\t\t\t\t\t50\t49\n\t数量指标\t培训人次\t≥500人次\t520人次\t50\t49\n"
            "效益指标\t\t\t\t\t40\t40\n\t社会效益指标\t就业率\t≥60%\t62%\t40\t40\n"
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t93%\t10\t10\n")
    (project,) = parse_text(self_evaluation(rows=rows)).projects
    assert [(i.level1, i.name, i.weight) for i in project.indicators] == [
        ("产出指标(50分)", "培训人次", 50.0), ("效益指标(40分)", "就业率", 40.0),
        ("满意度指标", "学员满意度", 10.0)]
    assert project.notes == []


def test_a_first_levels_subtotal_row_of_a_goal_table_is_not_an_indicator() -> None:
    """The same in the seed's plain form (its fast path)."""
    text = ("项目名称\t技能培训\n一级指标\t二级指标\t三级指标\t绩效值\n1-产出指标\t\t\t60\n"
            "\t11-数量指标\t培训人次≥500人次\t60\n2-效益指标\t22-社会效益\t就业率≥60%\t40\n")
    (project,) = parse_text(text).projects
    assert [(i.level1, i.name) for i in project.indicators] == [
        ("1-产出指标(60分)", "培训人次≥500人次"), ("2-效益指标", "就业率≥60%")]


@pytest.mark.parametrize("level1", ["产出指标50分", "产出指标 50分", "产出指标（50）",
                                    "产出指标：50分", "产出指标（50分）"])
def test_a_first_level_with_its_score_written_any_way_is_that_first_level(level1: str) -> None:
    """A text copy's 一级 cell with its score (before 2026-12-03, without brackets the 一级
    was lost: the rows got 一级 '')."""
    rows = (f"{level1}\t数量指标\t培训人次\t≥500人次\t520人次\t30\t30\n"
            "质量指标\t合格率\t≥90%\t95%\t20\t20\n"  # a browser copy: merged cells left out
            "效益指标\t社会效益指标\t就业率\t≥60%\t62%\t40\t40\n"
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t93%\t10\t10\n")
    text = self_evaluation(rows=rows).replace(SCORED_HEADER, "绩效指标\t" + SCORED_HEADER)
    (project,) = parse_text(text).projects
    levels = [(parse_label(i.level1)[1], level_score(i.level1)) for i in project.indicators]
    assert levels[0] == ("产出指标", 50.0)
    assert [name for name, _ in levels] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert [i.name for i in project.indicators] == ["培训人次", "合格率", "就业率", "学员满意度"]


GOAL_LINES = ("年度总体目标\t预期目标\t实际完成情况\n"
              "目标1：全年培训500人次\t培训520人次\n目标2：就业率60%\t就业率62%\n")


def test_a_self_evaluations_further_goal_lines_are_the_goal_and_notes() -> None:
    """年度总体目标 over several rows, 目标1/目标2 each with what was done beside it:
    before 2026-12-03 (session 8) only the first line was the goal, each further line an
    unplaced header row (R003 “表头中未识别的行”) and the goal incomplete."""
    (project,) = parse_text(self_evaluation(GOAL_LINES)).projects
    assert project.goal == "目标1：全年培训500人次\n目标2：就业率60%"
    assert [(n.text, n.row) for n in project.notes] == [
        ("实际完成情况：培训520人次", 4), ("实际完成情况：就业率62%", 5)]
    assert all("实际完成情况" in n.reason for n in project.notes)
    assert [i.name for i in project.indicators] == NAMES


def test_on_a_sheet_the_further_goal_lines_are_under_their_column_headers(
        tmp_path: Path) -> None:
    rows = [["项目支出绩效自评表"], ["项目名称", "技能培训"],
            ["年度总体目标", "预期目标", None, "实际完成情况"],
            [None, "目标1：全年培训500人次", None, "培训520人次"],
            [None, "目标2：就业率60%", None, "就业率62%"],
            *[line.split("\t") for line in (SCORED_HEADER + SCORED_ROWS).splitlines()]]
    (project,) = read_department(save_workbook(tmp_path / "自评.xlsx", {"表1": rows})).projects
    assert project.goal == "目标1：全年培训500人次\n目标2：就业率60%"
    assert [(n.text, n.cell) for n in project.notes] == [
        ("实际完成情况：培训520人次", "D4"), ("实际完成情况：就业率62%", "D5")]


def test_a_budget_execution_row_among_the_indicators_is_a_note_not_an_indicator() -> None:
    """The 10号 form's 预算执行率 row put inside the indicator block (before 2026-12-03, an
    indicator with no levels)."""
    rows = "预算执行率\t\t\t100%\t98%\t10\t9.8\n" + SCORED_ROWS
    (project,) = parse_text(self_evaluation(rows=rows)).projects
    assert [i.name for i in project.indicators] == NAMES
    (note,) = project.notes
    assert (note.text, note.row) == ("预算执行率 | 100% | 98% | 10 | 9.8", 4)
    assert "预算执行率" in note.reason and "不是绩效指标" in note.reason

# --- the 2015 central form's 中期/年度 halves, where the reader cannot tell (2026-12-03) ---

GOALS_SIDE_BY_SIDE = ("总体目标\t中期目标\t年度目标\n"
                      "目标1：三年培训1500人次\t目标1：全年培训500人次\n")


def test_the_whole_transfer_forms_implementation_period_amount_is_not_the_years() -> None:
    """中央对地方专项转移支付整体绩效目标申报表: 实施期金额 beside 年度金额, and 专项实施期.
    Before 2026-12-03 (session 8) both were unknown: the amount was right, but 实施期金额,
    its number and the 专项实施期 row were three reading notes on every such table."""
    text = ("专项名称\t农田建设补助资金\n中央主管部门\t农业农村部\n专项实施期\t2024年-2026年\n"
            "资金情况（万元）\t实施期金额\t360000\t年度金额\t120000\n" + HEADER + ROWS)
    (project,) = parse_text(text).projects
    assert (project.amount, project.term) == (120000.0, "2024年-2026年")
    assert project.notes == []


def test_a_goal_line_that_could_be_either_goals_is_a_note_not_guessed() -> None:
    """A browser copy of 中期目标⇥年度目标 whose later line has one cell: it could be
    either goal's, so it is a reading note with its line, added to neither."""
    (project,) = parse_text(table(above=GOALS_SIDE_BY_SIDE + "目标2：合格率90%\n")).projects
    assert (project.mid_term_goal, project.goal) == ("目标1：三年培训1500人次",
                                                     "目标1：全年培训500人次")
    (note,) = project.notes
    assert (note.text, note.row, note.part) == ("目标2：合格率90%", 4, "header")
    assert "中期目标还是年度目标" in note.reason
    assert [i.name for i in project.indicators] == NAMES


def test_a_funds_line_that_could_be_either_halfs_is_a_note_not_guessed() -> None:
    """Under 中期资金总额 … 年度资金总额, a browser row with one 财政拨款 (the other half's
    cells left out) could be either half's: a note, and the year's fiscal part unread."""
    above = ("项目资金（万元）\t中期资金总额\t30\t年度资金总额\t10\n"
             "其中：财政拨款\t8\n其他资金\t2\t其他资金\t2\n")
    (project,) = parse_text(table(above=above)).projects
    assert (project.amount, project.funds.fiscal, project.funds.other) == (10.0, None, 2.0)
    (note,) = project.notes
    assert (note.text, note.row) == ("8", 3)
    assert "属于中期还是年度资金" in note.reason


def test_a_value_below_the_labels_with_no_label_above_it_is_a_note() -> None:
    """``项目资金⇥年度资金总额⇥其中：财政拨款`` then ``⇥10⇥8⇥2``: the 2 has no label
    (before 2026-12-03 such a cell was dropped without a note)."""
    above = "项目资金（万元）\t年度资金总额\t其中：财政拨款\n\t10\t8\t2\n"
    (project,) = parse_text(table(above=above)).projects
    assert (project.amount, project.funds.fiscal) == (10.0, 8.0)
    (note,) = project.notes
    assert (note.text, note.row) == ("2", 3)


def test_a_text_right_of_the_goal_group_beside_a_mid_term_goal_is_a_note() -> None:
    """``总体目标⇥<text>⇥中期目标⇥<text>``: the first text could be the mid-term's or
    the year's goal, so it is a note; the mid-term goal is read."""
    (project,) = parse_text(table(above="总体目标\t全年培训500人次\t中期目标\t三年1500人次\n")
                            ).projects
    assert (project.goal, project.mid_term_goal) == ("", "三年1500人次")
    (note,) = project.notes
    assert (note.text, note.row) == ("全年培训500人次", 2)



# --- a 三级 named like a 二级 (the 2015 central form) -----------------------------------------

CENTRAL_HEADER = "项目名称\t学生资助\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
# (二级, 三级, 指标值) of the 效益 rows: the 三级 repeats its 二级 without 指标.
CENTRAL_ROWS = [("社会效益指标", "社会效益", "显著"), ("可持续影响指标", "可持续影响", "长期"),
                ("经济效益指标", "经济效益", "本指标不适用"),
                ("社会公众或服务对象满意度指标", "服务对象满意度", "≥90%")]


def central_copy(copy: str) -> str:
    """The 2015 form as a browser copies it (merged 绩效指标/一级 cells left out of later
    rows) or as a PDF copy (those cells empty)."""
    lead = {"browser": ("", ""), "pdf": ("\t", "\t\t")}[copy]
    rows = [f"{lead[0]}产出指标\t数量指标\t资助学生人数\t≥500人"]
    for index, (second, third, value) in enumerate(CENTRAL_ROWS):
        first = "效益指标\t" if index == 0 else ""
        rows.append(f"{lead[0] if index == 0 else lead[1]}{first}{second}\t{third}\t{value}")
    return CENTRAL_HEADER + "\n".join(rows) + "\n"


@pytest.mark.parametrize("copy", ["browser", "pdf"])
def test_a_third_level_named_like_its_second_level_is_an_indicator_not_a_note(
        copy: str) -> None:
    """A browser copy's ``社会公众或服务对象满意度指标⇥服务对象满意度⇥≥90%`` is 二级 + 三级 +
    value, as the PDF copy and the workbook read it: before, each such row was a reading
    note (R003), the table lost its satisfaction (C003) and was checked against the
    standard framework."""
    department = parse_text(central_copy(copy))
    (project,) = department.projects
    assert project.notes == []
    assert [(i.level1, i.level2, i.name, i.value) for i in project.indicators] == [
        ("产出指标", "数量指标", "资助学生人数", "≥500人"),
        *(("效益指标", *row) for row in CENTRAL_ROWS)]
    assert project.framework == "central-2015"
    assert {f.rule for f in validate([department])} & {"R003", "C003", "S001", "S002"} == set()


def test_the_row_after_a_third_level_named_like_a_level_keeps_its_second_level() -> None:
    """The next row of the browser copy (``患者满意度⇥≥90%``) carries the satisfaction 二级
    down: before, the 二级 above the noted row was carried (社会效益指标, a false S005)."""
    department = parse_text(central_copy("browser") + "患者满意度\t≥90%\n")
    (project,) = department.projects
    assert project.indicators[-1].level2 == "社会公众或服务对象满意度指标"
    assert "S005" not in {f.rule for f in validate([department])}


def test_a_third_level_written_as_a_level_label_is_still_a_note() -> None:
    """Only a name without 指标 may be a 三级 that repeats a level: a row of two level
    labels and a value (``…满意度指标⇥社会效益指标⇥≥90%``) cannot be placed, and is noted."""
    text = CENTRAL_HEADER + ("产出指标\t数量指标\t资助学生人数\t≥500人\n"
                             "社会公众或服务对象满意度指标\t社会效益指标\t≥90%\n")
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == ["资助学生人数"]
    (note,) = project.notes
    assert note.row == 4


# --- a project list (项目清单 / 汇总表) before the goal tables --------------------------------

PROJECT_LIST = ("项目清单\n序号\t项目名称\t项目金额\t备注\n1\t技能培训\t200\t\n2\t就业补贴\t30\t\n"
                "合计\t\t230\t\n\n")


def goal_table(name: str, amount: str) -> str:
    return f"项目名称\t{name}\n项目年度金额\t{amount}\n{HEADER}{ROWS}"


def test_a_project_list_before_the_tables_is_the_departments_notes_never_a_project() -> None:
    """Before 2026-12-03 (session 7) the list was read as the first table's header: its
    amount was the column header 备注 (a false H002), the real 200 dropped as a repeat."""
    department = parse_text(PROJECT_LIST + goal_table("技能培训", "200")
                            + goal_table("就业补贴", "30"))
    assert [(p.name, p.amount) for p in department.projects] == [("技能培训", 200.0),
                                                                 ("就业补贴", 30.0)]
    assert all(p.notes == [] and [i.name for i in p.indicators] == NAMES
               for p in department.projects)
    assert [(note.row, note.text) for note in department.notes] == [
        (3, "1 | 技能培训 | 200"), (4, "2 | 就业补贴 | 30"), (5, "合计 | 230")]
    assert all("项目清单" in note.reason for note in department.notes)
    assert {f.rule for f in validate([department])} & {"H001", "H002", "H004"} == set()


def test_a_column_header_beside_a_label_is_never_its_value() -> None:
    """``项目金额⇥备注`` over ``200⇥`` (a table's header written as labels over values):
    the amount is the 200 below, not 备注."""
    (project,) = parse_text("项目名称\t项目金额\t备注\n技能培训\t200\t\n" + HEADER + ROWS).projects
    assert (project.name, project.amount, project.notes) == ("技能培训", 200.0, [])


SUMMARIES = [  # the 汇总表 sheet's header row, and the cells of each project's row after 序号
    (["序号", "项目名称", "金额（万元）"], [["技能培训", 200], ["就业补贴", 30]]),
    (["序号", "项目名称", "项目金额", "备注"], [["技能培训", 200], ["就业补贴", 30]]),
    (["序号", "项目名称", "年度资金总额"], [["技能培训", 200], ["就业补贴", "30.00"]]),
    (["序号", "项目名称", "实施单位", "年度资金总额", "年度目标"],
     [["技能培训", "某某中心", 200, "培训500人次"], ["就业补贴", "某某中心", 30, "补贴1000人"]]),
]


def summary_book(path: Path, header: list[str], records: list[list]) -> Path:
    rows = [["2024年部门项目支出绩效目标汇总表"], header,
            *([index, *cells] for index, cells in enumerate(records, start=1)),
            ["合计", None, 230]]
    sheets = {"汇总表": rows}
    for index, (name, amount) in enumerate([("技能培训", 200), ("就业补贴", 30)], start=1):
        sheets[f"表{index}"] = [line.split("\t") for line in
                               goal_table(name, str(amount)).splitlines()]
    return save_workbook(path, sheets)


@pytest.mark.parametrize(("header", "records"), SUMMARIES)
def test_a_summary_sheet_is_not_a_project(header: list[str], records: list[list],
                                         tmp_path: Path) -> None:
    """Before 2026-12-03 (session 7) the 汇总表 sheet was one project too many: the first
    project's name again (a false H004, and W001 / C001 on a table without indicators), or
    a project named '' with the amount 备注."""
    department = read_department(summary_book(tmp_path / "部门.xlsx", header, records))
    assert [(p.name, p.amount) for p in department.projects] == [("技能培训", 200.0),
                                                                 ("就业补贴", 30.0)]
    assert [(note.sheet, note.cell) for note in department.notes] == [
        ("汇总表", "A3"), ("汇总表", "A4"), ("汇总表", "A5")]
    assert department.notes[0].text.startswith("1 | 技能培训 | ")
    found = {f.rule for f in validate([department])}
    assert found & {"H001", "H002", "H004", "W001", "C001"} == set()


def test_import_of_a_workbook_with_a_summary_sheet_writes_its_projects(tmp_path: Path) -> None:
    """Before, ``import`` refused it (exit 2): the project named '' with the amount 备注
    did not read back as it was written."""
    book = summary_book(tmp_path / "部门.xlsx", *SUMMARIES[1])
    result = CliRunner().invoke(cli, ["import", str(book), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.output
    assert "2 个项目" in result.output and "汇总表!A3" in result.output


def test_a_flat_lists_row_with_only_a_project_name_is_a_note() -> None:
    """The unit's own row in a flat list's 项目名称 column (某局, then its projects) became a
    project with no indicators, which was then dropped without a word."""
    text = ("项目名称\t年度目标\t一级指标\t二级指标\t三级指标\t指标值\n某局\n"
            "技能培训\t全年培训500人次\t产出指标\t数量指标\t培训人次\t≥500人次\n"
            "\t\t效益指标\t社会效益指标\t就业率\t≥60%\n")
    department = parse_text(text)
    assert [p.name for p in department.projects] == ["技能培训"]
    assert [(n.text, n.row) for n in department.notes] == [("某局", 2)]


INSTRUCTIONS = ["1.项目名称：按预算系统中的项目名称填写。",
                "2.项目年度金额：填写本年度预算安排数。",
                "3.一级指标、二级指标按指标框架填写；三级指标应细化、量化。"]


@pytest.mark.parametrize("heading", ["填表说明：", "填表说明", "说明：", "注："])
def test_the_forms_instructions_under_a_table_are_not_a_project(heading: str) -> None:
    """Before 2026-12-03 (session 8) ``1.项目名称：按预算系统…填写`` under the table was read as
    the next project's header: a project named by the instruction, with W001, C001 and an
    H002 on the amount ``填写本年度预算安排数``."""
    text = goal_table("技能培训", "200") + f"合计\t\n\n{heading}\n" + "\n".join(INSTRUCTIONS)
    department = parse_text(text + "\n")
    assert [(p.name, p.amount) for p in department.projects] == [("技能培训", 200.0)]
    (project,) = department.projects
    assert [i.name for i in project.indicators] == NAMES and project.notes == []
    assert {f.rule for f in validate([department])} & {"H001", "H002", "W001", "C001"} == set()


def test_a_table_right_after_a_note_is_still_read() -> None:
    """Only numbered lines (and wrapped ones naming no field) go on a note's instructions: the
    next table's 项目名称 right under ``注：…`` starts it."""
    text = (goal_table("技能培训", "200") + "合计\t\n注：1.本表金额单位为万元。\n"
            + goal_table("就业补贴", "30"))
    department = parse_text(text)
    assert [(p.name, p.amount) for p in department.projects] == [("技能培训", 200.0),
                                                                 ("就业补贴", 30.0)]
    assert all([i.name for i in p.indicators] == NAMES for p in department.projects)


@pytest.mark.parametrize("sheet", ["填表说明", "说明"])
def test_an_instructions_sheet_is_not_a_project(sheet: str, tmp_path: Path) -> None:
    """A 填表说明 sheet beside the project sheets — numbered lines, or 栏目 | 填写要求 pairs
    (项目名称 | 填写预算项目的全称) — was a project named by the instruction (W001, C001, H002)."""
    pairs = [["栏目", "填写要求"], ["项目名称", "填写预算项目的全称"],
             ["项目年度金额", "填写本年度预算安排数，单位万元"],
             ["一级指标", "包括产出指标、效益指标、满意度指标"]]
    rows = [["填表说明"], *([line] for line in INSTRUCTIONS)] if sheet == "填表说明" else pairs
    sheets = {sheet: rows, "技能培训": [line.split("\t") for line in
                                    goal_table("技能培训", "200").splitlines()]}
    department = read_department(save_workbook(tmp_path / "部门.xlsx", sheets))
    assert [(p.name, p.amount) for p in department.projects] == [("技能培训", 200.0)]
    assert department.notes == []
    assert {f.rule for f in validate([department])} & {"H002", "W001", "C001", "R003"} == set()


def header_row(row: str) -> str:
    return f"项目名称\t技能培训\n项目属性\t一年期项目\t{row}\n{HEADER}{ROWS}"


def test_cells_after_a_header_pair_are_never_dropped_unsaid() -> None:
    """Before 2026-12-03 (session 8) a row's cells that were neither a label nor a label's
    value (备用 | 某某 after 实施单位 | 某中心) were dropped without a word."""
    (project,) = parse_text(header_row("实施单位\t某中心\t备用\t某某")).projects
    assert project.implementing_unit == "某中心"
    assert [i.name for i in project.indicators] == NAMES
    assert [(n.text, n.part) for n in project.notes] == [("备用 | 某某", "header")]


@pytest.mark.parametrize(("cells", "term"), [
    ("2024年1月\t至\t2024年12月", "2024年1月至2024年12月"),
    ("2024-01-01\t-\t2024-12-31", "2024-01-01-2024-12-31"),
])
def test_a_term_in_two_cells_is_one_term(cells: str, term: str) -> None:
    """``项目期限⇥2024年1月⇥至⇥2024年12月``: the term was its first date, the rest dropped
    unsaid, and rule H003 called the one-year project's term not one year."""
    department = parse_text(header_row(f"项目期限\t{cells}"))
    (project,) = department.projects
    assert (project.term, project.notes) == (term, [])
    assert "H003" not in {f.rule for f in validate([department])}


def test_a_term_of_two_date_cells_in_a_workbook(tmp_path: Path) -> None:
    rows = [["项目名称", "技能培训"],
            ["项目属性", "一年期项目", "项目期限", datetime(2024, 1, 1), "至",
             datetime(2024, 12, 31)],
            *(line.split("\t") for line in (HEADER + ROWS).splitlines())]
    (project,) = read_department(save_workbook(tmp_path / "部门.xlsx", {"表": rows})).projects
    assert (project.term, project.notes) == ("2024-01-01至2024-12-31", [])


@pytest.mark.parametrize(("cells", "amount"), [("1234560\t元", 123.456), ("120.5\t万元", 120.5),
                                               ("1,234,560.00\t（元）", 123.456)])
def test_an_amount_with_its_unit_in_the_next_cell(cells: str, amount: float) -> None:
    """``项目年度金额⇥1234560⇥元``: the unit after the number is the amount's (before, dropped
    unsaid and 1 234 560 read as 万元)."""
    (project,) = parse_text(header_row(f"项目年度金额\t{cells}")).projects
    assert (project.amount, project.notes) == (amount, [])


def test_a_stacked_table_that_does_not_repeat_the_indicator_header() -> None:
    """Projects stacked on one sheet, the second without its own 一级指标 | 二级指标 … row:
    its rows were header notes, the project had no indicators (W001, C001, C003)."""
    second = goal_table("就业补贴", "30").replace(HEADER, "")
    department = parse_text(goal_table("技能培训", "200") + "\n" + second)
    assert [(p.name, p.amount) for p in department.projects] == [("技能培训", 200.0),
                                                                 ("就业补贴", 30.0)]
    for project in department.projects:
        assert [i.name for i in project.indicators] == NAMES and project.notes == []
        assert project.indicators[1].level1 == "效益指标"



@pytest.mark.parametrize("aligned", [True, False])
def test_a_drop_down_list_of_level_names_is_not_a_project(aligned: bool, tmp_path: Path) -> None:
    """A template's list sheet (一级指标 | 二级指标, then 产出指标 | 数量指标 …, often hidden)
    was a project named '' (H001, H002, C002, Q007). Its rows are one department note."""
    second = ["数量指标", "质量指标", "时效指标", "成本指标", "社会效益", "服务对象满意度"]
    first = (["产出指标"] * 4 + ["效益指标", "满意度指标"]) if aligned else \
        ["产出指标", "效益指标", "满意度指标", None, None, None]
    sheets = {"技能培训": [line.split("\t") for line in
                       goal_table("技能培训", "200").splitlines()],
              "下拉选项": [["一级指标", "二级指标"], *map(list, zip(first, second, strict=True))]}
    department = read_department(save_workbook(tmp_path / "部门.xlsx", sheets))
    assert [p.name for p in department.projects] == ["技能培训"]
    (note,) = department.notes
    assert (note.sheet, note.cell) == ("下拉选项", "B2") and "下拉选项" in note.reason
    assert [f.rule for f in validate([department]) if f.sheet == "下拉选项"] == ["R003"]


def test_a_level_label_wrapped_in_its_cell_is_no_repair(tmp_path: Path) -> None:
    """``产出\\n指标`` (Alt+Enter in a narrow column) is 产出指标; before 2026-12-03 (session 8)
    rule T001 said it had “修复多余的空格” in every such cell. A real space still is one."""
    rows = [["项目名称", "技能培训"], ["一级\n指标", "二级\n指标", "三级\n指标", "指标值"],
            ["产出\n指标", "数量\r\n指标", "培训人次", "≥500人次"],
            ["效益指标", "社会效益 指标", "就业率", "≥60%"]]
    department = read_department(save_workbook(tmp_path / "wrap.xlsx", {"表": rows}))
    (project,) = department.projects
    assert [(i.level1, i.level2) for i in project.indicators] == [
        ("产出指标", "数量指标"), ("效益指标", "社会效益指标")]
    assert [(n.kind, n.cell) for n in department.normalizations] == [("space", "B4")]


WEIGHTED = ("项目名称\t学生资助\n项目年度金额\t200\n一级指标\t二级指标\t三级指标\t绩效值\n"
            "1-产出指标\t11-数量指标\t资助学生不少于3000人次\t30\n"
            "\t13-时效指标\t资助资金按学期及时发放\t20\n"
            "2-效益指标\t22-社会效益\t保障学生顺利完成学业，确保无因贫失学辍学现象发生\t40\n"
            "3-满意度指标\t31-服务对象满意度\t受助学生满意度≥90%\t10\n")
CUT_ROWS = [
    # a 三级 wrapped once: the weight is on the line with the name's end
    ("2-效益指标\t22-社会效益\t保障学生顺利完成学业，确保无因贫失学辍学现象发生\t40",
     "2-效益指标\t22-社会效益\t保障学生顺利完成学业，确保\n无因贫失学辍学现象发生\t40"),
    # wrapped twice: a middle line with the name's middle alone
    ("2-效益指标\t22-社会效益\t保障学生顺利完成学业，确保无因贫失学辍学现象发生\t40",
     "2-效益指标\t22-社会效益\t保障学生顺利\n完成学业，确保无因贫失\n学辍学现象发生\t40"),
    # the merged 一级 left empty, its tab kept
    ("\t13-时效指标\t资助资金按学期及时发放\t20", "\t13-时效指标\t资助资金按学期\n及时发放\t20"),
    # a 二级 wrapped: the 三级 and the weight follow its end
    ("\t13-时效指标\t资助资金按学期及时发放\t20", "\t13-时效\n指标\t资助资金按学期及时发放\t20"),
]


@pytest.mark.parametrize(("row", "cut"), CUT_ROWS, ids=["once", "twice", "merged", "level2"])
def test_a_row_cut_where_a_cell_wrapped_is_one_indicator(row: str, cut: str) -> None:
    """A PDF's table extracted cell by cell keeps a wrapped cell's line breaks; written with
    tabs, the row runs over several lines. Before (2026-12-03, session 8) the first line was
    an indicator without its weight (W004) and the last one a second indicator named with the
    tail of the first (or, cut in the 二级, a note and the 二级 lost)."""
    department = parse_text(WEIGHTED.replace(row, cut))
    (project,) = department.projects
    expected = parse_text(WEIGHTED).projects[0]
    assert [(i.level1, i.level2, i.name, i.weight) for i in project.indicators] == [
        (i.level1, i.level2, i.name, i.weight) for i in expected.indicators]
    assert project.notes == []
    assert {f.rule for f in validate([department])} & {"W001", "W004", "R003"} == set()


VALUED = ("项目名称\t职业技能培训\n项目年度金额\t10\n一级指标\t二级指标\t三级指标\t指标值\n"
          "1-产出指标\t11-数量指标\t培训人次\t≥500人次\n"
          "3-满意度指标\t31-服务对象满意度\t受助学生满意度\t≥90%\n")


@pytest.mark.parametrize(("table", "last", "closing"), [
    (VALUED, "受助学生满意度\t≥90%", "主管部门审核意见\t同意"),
    (VALUED, "受助学生满意度\t≥90%", "填表人：张三\t联系电话：0951-1234567"),
    (VALUED, "受助学生满意度\t≥90%", "注：\t各地可根据实际情况设置指标"),
    (WEIGHTED, "受助学生满意度≥90%\t10", "合计\t100"),
], ids=["review", "filler", "note", "total"])
def test_a_cut_rows_tail_never_runs_into_the_rows_that_end_the_table(table: str, last: str,
                                                                     closing: str) -> None:
    """The last row cut inside its 三级 by a PDF copy that also dropped its empty value or
    weight cell: the rows that end the table never supply the missing cells. Before
    (2026-12-04), the 审核意见 row was glued on — an indicator named …的满意程度主管部门审核意见
    with the value 同意, the review row gone (and likewise 合计 with its 100 as the weight).
    The cut row reads as far as it goes; its tail is a note."""
    text = table.replace(last, "受助学生对资助\n的满意程度") + closing + "\n"
    (project,) = parse_text(text).projects
    assert project.indicators[-1].name == "受助学生对资助"
    assert (project.indicators[-1].value, project.indicators[-1].weight) == (None, None)
    assert [note.text for note in project.notes] == ["的满意程度"]


def test_a_line_alone_after_a_whole_row_is_a_note_never_joined_to_its_name() -> None:
    """A 三级 alone on the line after a row with its weight may be a wrapped cell's tail —
    or the next indicator whose 一级, 二级 and weight are merged with the row above (a 二级
    group's weight given once): nothing tells them apart, so it is a note with its line
    (R003), never glued into the name above (tried and dropped 2026-12-03, session 8)."""
    text = WEIGHTED.replace("确保无因贫失学辍学现象发生\t40", "确保\t40\n无因贫失学辍学现象发生")
    (project,) = parse_text(text).projects
    assert project.indicators[2].name == "保障学生顺利完成学业，确保"
    assert [(note.text, note.row) for note in project.notes] == [("无因贫失学辍学现象发生", 7)]
    merged_weight = WEIGHTED.replace("按学期及时发放\t20\n",
                                     "按学期及时发放\t20\n资助资金按时足额发放\n")
    (project,) = parse_text(merged_weight).projects
    assert project.indicators[1].name == "资助资金按学期及时发放"
    assert "资助资金按时足额发放" in [note.text for note in project.notes]


@pytest.mark.parametrize("line", ["\t\t督查通报\t", "\t\t\t≥95%"], ids=["name", "value"])
def test_a_line_that_kept_its_tabs_is_a_row_of_its_own(line: str) -> None:
    """xlperf's own text writes an indicator without a weight as ``⇥⇥督查通报⇥``: such a line
    (or one with a value and no 三级, rule S003) is never joined to the row above."""
    text = WEIGHTED.replace("现象发生\t40\n", f"现象发生\t40\n{line}\n")
    (project,) = parse_text(text).projects
    assert len(project.indicators) == 5
    assert project.indicators[2].name == "保障学生顺利完成学业，确保无因贫失学辍学现象发生"


@pytest.mark.parametrize("line", ["购置设施设备质量合格率", "\t\t购置设施设备质量合格率\t"],
                         ids=["browser", "pdf"])
def test_a_name_alone_in_a_form_without_weights_is_not_a_tail(line: str) -> None:
    """A 三级 whose value is merged with the row above: a browser copy leaves the value out,
    a PDF copy leaves it empty. In a form without weights nothing tells it from a wrapped
    三级's tail: it is read as before (a note, or an indicator without its value)."""
    text = table().replace("≥60%\n", f"≥60%\n{line}\n").replace("就业率", "校舍维修改造质量合格率")
    (project,) = parse_text(text).projects
    assert project.indicators[1].name == "校舍维修改造质量合格率"
    assert "购置设施设备质量合格率" in [i.name for i in project.indicators] + [
        n.text for n in project.notes]


@pytest.mark.parametrize("line", ["\t\t本指标不适用\t", "\t\t安全事故发生率下降\t5"])
def test_a_line_of_its_own_after_a_whole_row_is_not_a_tail(line: str) -> None:
    """A 本指标不适用 row, or one with its own weight, is an indicator as before; so is a line
    after a row that lacks its weight (W004 names it: which of the two is cut is unknown)."""
    text = WEIGHTED.replace("现象发生\t40\n", f"现象发生\t40\n{line}\n")
    (project,) = parse_text(text).projects
    assert len(project.indicators) == 5
    text = WEIGHTED.replace("现象发生\t40\n", "现象发生\t\n\t\t安全事故发生率下降\t\n")
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators][2:4] == [
        "保障学生顺利完成学业，确保无因贫失学辍学现象发生", "安全事故发生率下降"]


@pytest.mark.parametrize("line", ["某局", "某局办公室", "某局承担的其他各项工作任务的经费保障"],
                         ids=["unit", "signer", "wider_than_the_name"])
def test_a_line_of_the_page_under_the_table_is_no_tail(line: str) -> None:
    """The unit's name under the table, a signer above the date, a web page's footer: each
    stays a note (R003), never part of the last indicator's name."""
    text = WEIGHTED.replace("项目年度金额", "主管部门\t某局\n项目年度金额") + line + "\n"
    if line == "某局办公室":
        text += "2024年2月5日\n"
    (project,) = parse_text(text).projects
    assert project.indicators[-1].name == "受助学生满意度≥90%"
    assert [note.text for note in project.notes] == [line]


def test_a_flat_lists_row_cut_in_its_goal_and_its_name_is_one_row_each() -> None:
    """A budget-system export printed to PDF wraps the long 年度目标 and 三级 cells. Before
    (2026-12-03, session 8) the goal's tail was taken for a row of its own and each cut 三级
    was an indicator without a value or weight followed by one named with its tail."""
    text = ("单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t"
            "度量单位\t权重\n"
            "某局\t技能培训\t200000\t全年培训500人次，提升\n"
            "就业能力\t产出指标\t数量指标\t培训人次\t≥\t500\t人次\t30\n"
            "某局\t技能培训\t200000\t全年培训500人次，提升就业能力\t效益指标\t社会效益指标\t培训后就业率\n"
            "达到较高水平\t≥\t60\t%\t40\n"
            "某局\t技能培训\t200000\t全年培训500人次，提升就业能力\t满意度指标\t服务对象满意度指标\t"
            "学员满意度\t≥\t90\t%\t30\n")
    department = parse_text(text)
    (project,) = department.projects
    assert project.goal == "全年培训500人次，提升就业能力"
    assert [(i.name, i.value, i.weight) for i in project.indicators] == [
        ("培训人次", "≥500人次", 30.0), ("培训后就业率达到较高水平", "≥60%", 40.0),
        ("学员满意度", "≥90%", 30.0)]
    assert project.notes == [] and department.notes == []


@pytest.mark.parametrize("footer", [
    "主办：某局 电话：0955-1234567\n版权所有：某局\n",
    "版权所有：某局\n主办单位：某局 网站标识码：6405020001\n",
    "技术支持：某公司\n"])
def test_a_web_pages_footer_under_the_last_table_is_neither_an_indicator_nor_a_note(
        footer: str) -> None:
    """A table copied with the whole page ends in the site's footer. Before (2026-12-03,
    session 8) its first line was a note (R003, a false alarm on a table that is right)."""
    department = parse_text(table(below=footer))
    (project,) = department.projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.notes == [] and department.notes == []


def test_a_line_under_a_web_pages_table_is_never_a_cells_tail(tmp_path: Path) -> None:
    """A web page's, Word file's or PDF's table keeps a cell's wrapped lines in the cell: a
    text line under it is never joined to the last indicator (it stays a note); a line of
    the page's links is skipped."""
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>"
                   for line in WEIGHTED.splitlines())
    page = tmp_path / "公开.html"
    page.write_text(f"<html><body><table>{rows}</table><p>无因贫失学辍学</p><p>返回顶部</p>"
                    "</body></html>", encoding="utf-8")
    (project,) = read_department(page).projects
    assert project.indicators[-1].name == "受助学生满意度≥90%"
    assert [note.text for note in project.notes] == ["无因贫失学辍学"]


@pytest.mark.parametrize("links", ["【打印本页】【关闭窗口】", "[打印] [关闭]", "返回顶部"])
def test_a_web_pages_links_copied_with_the_table_are_skipped(links: str) -> None:
    """Before (2026-12-03, session 8) such a line under the table was a note (R003: 只有一段文字),
    a false alarm on a table that is right."""
    department = parse_text(table(below=f"{links}\n"))
    (project,) = department.projects
    assert [i.name for i in project.indicators] == NAMES
    assert project.notes == [] and department.notes == []


@pytest.mark.parametrize("container", ["txt", "html"])
def test_a_line_under_a_flat_list_is_no_project(container: str, tmp_path: Path) -> None:
    """A web page's line under a flat list whose first column is 项目名称 (`扫一扫在手机打开当前页`,
    a source, a date) fell in that column: before (2026-12-03, session 8) it was a project
    of its own without indicators (H001, H002, C001 …) — the last row only, as the rows in
    the middle were already notes."""
    rows = [["项目名称", "预算数（万元）", "一级指标", "二级指标", "三级指标", "指标值"],
            ["技能培训", "50", "产出指标", "数量指标", "培训人次", "≥500人次"],
            ["效益指标", "社会效益指标", "就业率", "≥60%"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]
    footer = "扫一扫在手机打开当前页"
    if container == "txt":
        path = tmp_path / "list.txt"
        path.write_text("\n".join("\t".join(r) for r in rows) + f"\n{footer}\n", encoding="utf-8")
    else:
        body = "".join("<tr>" + "".join(
            f'<td rowspan="3">{c}</td>' if n == 0 and i < 2 else f"<td>{c}</td>"
            for i, c in enumerate(r)) + "</tr>" for n, r in enumerate(rows[1:]))
        path = tmp_path / "list.html"
        path.write_text('<html><head><meta charset="utf-8"></head><body><table><tr>'
                        + "".join(f"<td>{c}</td>" for c in rows[0]) + f"</tr>{body}</table>"
                        f"<div>{footer}</div></body></html>", encoding="utf-8")
    department = read_department(path)
    assert [(p.name, p.amount) for p in department.projects] == [("技能培训", 50.0)]
    assert [i.name for i in department.projects[0].indicators] == NAMES
    assert [n.text for n in department.notes] == [footer]
# --- what a workbook hides, and the template's example left in (2026-12-03, session 8) --------

EXAMPLE_ROW = ["产出指标", "数量指标", "（示例）完成XX项工作", "XX项"]


def _sheet_rows(name: str = "技能培训", amount: str = "200") -> list[list]:
    return [line.split("\t") for line in goal_table(name, amount).splitlines()]


def _hiding(path: Path, sheet: str, *, rows: tuple[int, ...] = (), columns: str = "",
            state: str | None = None, group: bool = False) -> Path:
    """``path`` with the given 1-based rows, column letters or the whole sheet hidden."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for row in rows:
        if group:
            ws.row_dimensions.group(row, row, hidden=True, outline_level=1)
        else:
            ws.row_dimensions[row].hidden = True
    for letter in columns:
        ws.column_dimensions[letter].hidden = True
    if state:
        ws.sheet_state = state
    book.save(path)
    return path


def test_a_hidden_row_is_not_an_indicator_but_a_note(tmp_path: Path) -> None:
    """A template's example row hidden in the table (Excel does not show nor print it) was
    an indicator with W004 and T002; it is a note saying it is hidden."""
    rows = _sheet_rows()
    rows.insert(3, EXAMPLE_ROW)
    path = _hiding(save_workbook(tmp_path / "隐藏行.xlsx", {"技能培训": rows}), "技能培训",
                   rows=(4,))
    department = read_department(path)
    (project,) = department.projects
    assert [i.name for i in project.indicators] == NAMES
    (note,) = project.notes
    assert (note.cell, note.text) == ("A4", "产出指标 | 数量指标 | （示例）完成XX项工作 | XX项")
    assert "隐藏的行" in note.reason
    assert {f.rule for f in validate([department])} & {"W004", "T002", "S004"} == set()


def test_a_merged_level_whose_first_row_is_hidden_still_heads_the_rows_under_it(
        tmp_path: Path) -> None:
    """产出指标 merged down from a hidden example row shows in the visible rows below."""
    rows = _sheet_rows()
    rows.insert(3, EXAMPLE_ROW)
    rows[4][0] = None  # the merged 产出指标 is written in its first (hidden) row
    path = save_workbook(tmp_path / "合并.xlsx", {"技能培训": rows},
                         merges={"技能培训": ["A4:A5"]})
    department = read_department(_hiding(path, "技能培训", rows=(4,)))
    (project,) = department.projects
    assert [(i.level1, i.name) for i in project.indicators] == [
        ("产出指标", "培训人次"), ("效益指标", "就业率"), ("满意度指标", "学员满意度")]
    assert [n.text for n in project.notes] == ["数量指标 | （示例）完成XX项工作 | XX项"]


def test_a_hidden_column_is_one_note_and_no_part_of_the_rows(tmp_path: Path) -> None:
    rows = _sheet_rows()
    rows[2].append("指标编码")
    for index, row in enumerate(rows[3:], start=1):
        row.append(f"ZB{index:03d}")
    path = _hiding(save_workbook(tmp_path / "隐藏列.xlsx", {"技能培训": rows}), "技能培训",
                   columns="E")
    (project,) = read_department(path).projects
    assert [(i.name, i.value) for i in project.indicators] == [
        ("培训人次", "≥500人次"), ("就业率", "≥60%"), ("学员满意度", "≥90%")]
    (note,) = project.notes
    assert (note.cell, note.text) == ("E3", "指标编码 | ZB001 | ZB002 | ZB003")
    assert "隐藏的 E 列" in note.reason and "4 个单元格" in note.reason


def test_rows_of_a_collapsed_group_are_read(tmp_path: Path) -> None:
    """A collapsed outline group (its + shows the rows) is the table's content folded away."""
    path = _hiding(save_workbook(tmp_path / "分组.xlsx", {"技能培训": _sheet_rows()}),
                   "技能培训", rows=(4, 5), group=True)
    (project,) = read_department(path).projects
    assert [i.name for i in project.indicators] == NAMES and project.notes == []


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_one_note_not_a_project(state: str, tmp_path: Path) -> None:
    """A hidden sheet (the example filled in, a withdrawn project) was read as a project."""
    path = save_workbook(tmp_path / "隐藏表.xlsx", {"技能培训": _sheet_rows(),
                                                  "填报示例": _sheet_rows("XX单位培训经费", "10")})
    department = read_department(_hiding(path, "填报示例", state=state))
    assert [p.name for p in department.projects] == ["技能培训"]
    (note,) = department.notes
    assert (note.sheet, note.cell, note.text) == ("填报示例", "B1", "XX单位培训经费")
    assert "隐藏的工作表" in note.reason
    assert [f.rule for f in validate([department]) if f.sheet == "填报示例"] == ["R003"]


def test_a_workbook_whose_only_table_is_on_a_hidden_sheet_is_read(tmp_path: Path) -> None:
    path = save_workbook(tmp_path / "只有隐藏表.xlsx", {"封面": [["2024年项目支出绩效目标表"]],
                                                     "技能培训": _sheet_rows()})
    department = read_department(_hiding(path, "技能培训", state="hidden"))
    assert [p.name for p in department.projects] == ["技能培训"]


def test_the_templates_example_sheet_is_one_note_not_a_project(tmp_path: Path) -> None:
    """A sheet named 模板 whose project is XXXX项目 with （示例） rows was a project with some
    twenty warnings (T002, W004, S004); it is one note. A real project on a sheet still
    called 模板 is read."""
    example = _sheet_rows("XXXX项目", "")
    for row in example[3:]:
        row[2] = "（示例）XX指标"
    path = save_workbook(tmp_path / "示例.xlsx", {"技能培训": _sheet_rows(), "模板": example,
                                                "模板 (2)": _sheet_rows("就业补贴", "30")})
    department = read_department(path)
    assert [p.name for p in department.projects] == ["技能培训", "就业补贴"]
    (note,) = department.notes
    assert (note.sheet, note.text) == ("模板", "XXXX项目") and "填报示例" in note.reason
    assert [f.rule for f in validate([department]) if f.sheet == "模板"] == ["R003"]


def test_a_placeholder_of_more_than_two_xs_is_template_text() -> None:
    """``XXXX项目``, ``XXX局`` (a template's placeholder written longer) were no template text:
    no T003 on a project name left as the template wrote it."""
    department = parse_text(table().replace("技能培训", "XXXX项目"))
    assert [f.rule for f in validate([department]) if f.rule == "T003"] == ["T003"]


def test_a_hidden_cell_beside_the_project_name_is_the_projects_note(tmp_path: Path) -> None:
    """A hidden column's cell on the 项目名称 row is noted in that project, not the department;
    a hidden sheet too large to be a table refuses nothing."""
    rows = _sheet_rows()
    rows[0] += [None, None, "草稿：上年数"]
    huge = [["项目名称", "旧项目"], HEADER.strip().split("\t"),
            *([None, None, f"指标{n}", "1"] for n in range(6000))]
    path = save_workbook(tmp_path / "隐藏.xlsx", {"技能培训": rows, "旧表": huge})
    department = read_department(_hiding(_hiding(path, "技能培训", columns="E"), "旧表",
                                         state="hidden"))
    (project,) = department.projects
    assert [(n.cell, n.text) for n in project.notes] == [("E1", "草稿：上年数")]
    assert [(n.sheet, n.cell) for n in department.notes] == [("旧表", "A1")]


def test_a_caption_between_two_tables_on_a_sheet_is_no_indicator(tmp_path: Path) -> None:
    """`表2` under the first table, in the column of its block label (绩效指标, merged down
    the indicator rows): before 2026-12-03 (session 8) it was an indicator of the first
    table, its 一级/二级 carried down; a text copy already kept it as a note."""
    def one(name: str) -> list[list[object]]:
        return [["项目名称", name], ["绩效指标", *HEADER.strip().split("\t")],
                *[[None, *line.split("\t")] for line in ROWS.splitlines()]]
    rows = [*one("技能培训"), ["表2"], *one("就业服务")]
    department = read_department(save_workbook(tmp_path / "两表.xlsx", {"表": rows}))
    first, second = department.projects
    assert [i.name for i in first.indicators] == NAMES
    assert [i.name for i in second.indicators] == NAMES
    (note,) = first.notes
    assert (note.text, note.cell) == ("表2", "A6")


def test_a_caption_in_the_first_level_column_of_a_sheet_is_no_indicator(
        tmp_path: Path) -> None:
    """`表3：其他项目` alone in the 一级 column under the last table (no block label): a text
    that is no level, alone in a level column of a sheet, is no 三级 (before 2026-12-03,
    session 8, an indicator with the levels carried down)."""
    rows = [["项目名称", "技能培训"], HEADER.strip().split("\t"),
            *[line.split("\t") for line in ROWS.splitlines()], ["表3：其他项目"]]
    (project,) = read_department(save_workbook(tmp_path / "表.xlsx", {"表": rows})).projects
    assert [i.name for i in project.indicators] == NAMES
    assert [(n.text, n.cell) for n in project.notes] == [("表3：其他项目", "A6")]


@pytest.mark.parametrize("label", ["联农带农机制", "利益联结机制"])
def test_a_transfer_forms_closing_row_is_a_note_never_an_indicator(label: str) -> None:
    """A 衔接资金 form's ``联农带农机制 | 通过务工带动增收`` under its indicators: before
    (2026-12-03, session 8) an indicator carrying the last 一级/二级 (and a Q001)."""
    department = parse_text(table(below=f"{label}\t通过务工、分红带动脱贫户增收。\n"))
    (project,) = department.projects
    assert [i.name for i in project.indicators] == NAMES
    assert [note.text for note in project.notes] == [f"{label} | 通过务工、分红带动脱贫户增收。"]
    assert "不是绩效指标" in project.notes[0].reason


@pytest.mark.parametrize("unit", ["单位：万元", "金额单位：元", "（单位：万元）"])
@pytest.mark.parametrize("after", ["项目名称", "年度总体绩效目标"])
def test_a_unit_line_inside_the_header_is_never_part_of_a_field(unit: str, after: str) -> None:
    """``单位：万元`` on a line of its own between the header's rows (a page that sets it at
    the right of the first row, copied). Before (2026-12-04) it was taken for the rest of
    a wrapped name: the project was named 农村人居环境整治单位：万元 (or the goal got the line)."""
    rows = ["项目名称\t农村人居环境整治", "主管部门\t某县农业农村局",
            "年度总体绩效目标\t完成30个行政村人居环境整治", "项目年度金额\t120",
            "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t整治行政村数量\t30个"]
    at = next(i for i, row in enumerate(rows) if row.startswith(after)) + 1
    rows.insert(at, unit)
    (project,) = parse_text("\n".join(rows) + "\n").projects
    assert (project.name, project.goal) == ("农村人居环境整治", "完成30个行政村人居环境整治")
    assert project.amount == (120.0 if "万元" in unit else 0.012)
    assert project.notes == []


def test_labels_after_a_funds_line_on_its_row_end_the_funds_block() -> None:
    """A self-evaluation's funds block read by column (全年预算数 …), and a row holding its
    last line's label and then the goal's labels (其他资金 | 年度总体目标 | 年初设定目标 | …,
    as a copy that lost a line break gives it). Before (2026-12-04) the row was taken for
    a funds line: the goal's labels were passed over silently and the goal below it became
    a reading note."""
    source = next((Path(__file__).parent / "data" / "real_layouts").glob("10*[!w].txt"))
    lines = source.read_text(encoding="utf-8").split("\n")
    assert lines[6] == "其他资金"
    text = "\n".join([*lines[:6], f"其他资金\t{lines[7]}", *lines[8:]])
    (project,) = parse_text(text).projects
    assert project.goal.startswith("对农村地区供水计量设施设备进行改进")


@pytest.mark.parametrize("line", ["\t\t\t\t依据行业标准测算", "\t\t\t\t依据行业标准测算\t",
                                  "依据行业标准测算"], ids=["pdf", "pdf_tab", "browser"])
def test_a_row_of_a_standard_alone_is_a_note_never_passed_over(line: str) -> None:
    """A row whose only text stands under 绩效标准 (a standard's wrapped line, a block's
    caption) holds no indicator. Before (2026-12-04) it was placed, found to hold no 三级
    and no value, and dropped without a word, in reading and in import; and a line starting
    依据 or 按照 ended the table, the indicators below it lost (notes)."""
    text = ("项目名称\t职业技能培训\n项目年度金额\t10\n"
            "一级指标\t二级指标\t三级指标\t指标值\t绩效标准\n"
            "产出指标\t数量指标\t培训人次\t≥500人次\t计划标准\n"
            f"{line}\n"
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t行业标准\n")
    (project,) = parse_text(text).projects
    assert [i.name for i in project.indicators] == ["培训人次", "学员满意度"]
    assert [(note.text, note.row) for note in project.notes] == [("依据行业标准测算", 5)]
