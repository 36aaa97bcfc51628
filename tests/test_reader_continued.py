"""A table continued on the next page, its name, header block or indicator header repeated
(a browser's <thead>, a spreadsheet's print titles): one project, read on, and a repeated
header that says something else is kept as a reading note (docs/layouts.md).

Small grids in two sources: a text (lines, no cells) and a sheet (cells), so the rule is
seen to be the reader's, not a container's.
"""

from __future__ import annotations

from xlperf.reader import read_tables
from xlperf.sources.grid import Grid
from xlperf.sources.text.reader import parse_text

HEADER = "项目名称\t技能培训\n主管部门\t某局\t实施单位\t某中心\n年度总体绩效目标\t培训学员500人次\n"
COLUMNS = "一级指标\t二级指标\t三级指标\t指标值\n"
FIRST_PAGE = ("产出指标\t数量指标\t培训人次\t≥500人次\n"
              "\t质量指标\t合格率\t≥90%\n")
# The next page: the rows go on under the merged 一级/二级 cells cut at the break.
NEXT_PAGE = ("\t\t结业率\t≥80%\n"
             "效益指标\t社会效益指标\t就业率\t≥60%\n")
READ = [("产出指标", "数量指标", "培训人次"), ("产出指标", "质量指标", "合格率"),
        ("产出指标", "质量指标", "结业率"), ("效益指标", "社会效益指标", "就业率")]


def _levels(project) -> list[tuple[str, str, str]]:
    return [(i.level1, i.level2, i.name) for i in project.indicators]


def test_the_header_block_repeated_on_the_next_page_continues_the_project() -> None:
    text = HEADER + COLUMNS + FIRST_PAGE + HEADER + COLUMNS + NEXT_PAGE
    (project,) = parse_text(text).projects
    assert _levels(project) == READ
    assert project.notes == []
    assert (project.competent_department, project.goal) == ("某局", "培训学员500人次")


def test_only_the_name_repeated_continues_the_project_and_its_rows() -> None:
    text = HEADER + COLUMNS + FIRST_PAGE + "项目名称\t技能培训\n" + NEXT_PAGE
    (project,) = parse_text(text).projects
    assert _levels(project) == READ
    assert project.notes == []


def test_the_indicator_header_repeated_carries_the_merged_levels_on() -> None:
    text = HEADER + COLUMNS + FIRST_PAGE + COLUMNS + NEXT_PAGE
    (project,) = parse_text(text).projects
    assert _levels(project) == READ


def test_a_repeated_name_spaced_differently_is_the_same_project() -> None:
    text = HEADER + COLUMNS + FIRST_PAGE + "项目名称\t技能 培训\n" + NEXT_PAGE
    assert len(parse_text(text).projects) == 1


def test_another_name_starts_the_next_project() -> None:
    other = HEADER.replace("技能培训", "职业培训")
    department = parse_text(HEADER + COLUMNS + FIRST_PAGE + other + COLUMNS + NEXT_PAGE)
    assert [p.name for p in department.projects] == ["技能培训", "职业培训"]
    assert [len(p.indicators) for p in department.projects] == [2, 2]


def test_a_repeated_header_that_differs_is_a_reading_note_on_its_line() -> None:
    repeated = HEADER.replace("主管部门\t某局", "主管部门\t另一局")
    text = HEADER + COLUMNS + FIRST_PAGE + repeated + COLUMNS + NEXT_PAGE
    (project,) = parse_text(text).projects
    assert _levels(project) == READ
    assert project.competent_department == "某局"  # the first page's, as read
    (note,) = project.notes
    assert note.text == "主管部门：另一局"
    assert "首页为：某局" in note.reason
    assert note.row == 8  # the line of the repeated 主管部门 (1-based)
    assert note.part == "header"


def test_a_repeated_goal_that_differs_is_a_reading_note() -> None:
    repeated = HEADER.replace("培训学员500人次", "培训学员600人次")
    (project,) = parse_text(HEADER + COLUMNS + FIRST_PAGE + repeated + COLUMNS
                            + NEXT_PAGE).projects
    assert project.goal == "培训学员500人次"
    assert [n.text for n in project.notes] == ["年度总体绩效目标：培训学员600人次"]


def _sheet(text: str) -> Grid:
    return Grid("项目01", [line.split("\t") for line in text.splitlines()])


def test_on_a_sheet_the_note_names_the_cell_of_the_differing_value() -> None:
    repeated = HEADER.replace("实施单位\t某中心", "实施单位\t另一中心")
    (project,) = read_tables([_sheet(HEADER + COLUMNS + FIRST_PAGE + repeated + COLUMNS
                                     + NEXT_PAGE)]).projects
    assert _levels(project) == READ
    (note,) = project.notes
    assert (note.sheet, note.cell, note.text) == ("项目01", "D8", "实施单位：另一中心")


def test_a_header_row_not_placed_on_the_first_page_is_noted_once_not_read_on_the_next() -> None:
    header = HEADER + "绩效目标类别\t常规\n"
    (project,) = parse_text(header + COLUMNS + FIRST_PAGE + header + COLUMNS
                            + NEXT_PAGE).projects
    assert _levels(project) == READ
    assert [(n.text, n.part, n.row) for n in project.notes] == [
        ("绩效目标类别 | 常规", "header", 4)]


def test_after_a_table_title_the_same_name_is_another_table_for_rule_h004() -> None:
    title = "部门项目支出预算绩效目标表\n单位：万元\n"
    table = title + HEADER + COLUMNS + FIRST_PAGE
    department = parse_text(table + table)
    assert [p.name for p in department.projects] == ["技能培训", "技能培训"]
    assert [len(p.indicators) for p in department.projects] == [2, 2]


TITLE = "部门项目支出预算绩效目标表\n单位：万元\n"


def test_after_the_title_repeated_the_same_name_and_rows_without_a_first_level_go_on() -> None:
    """A page that repeats the title, the 单位 line, the name and the indicator header, its
    rows continuing the last 一级/二级: the same table (before 2026-12-03, two projects of
    the same name, the second with rows of no 一级, and rule H004)."""
    text = TITLE + HEADER + COLUMNS + FIRST_PAGE + TITLE + "项目名称\t技能培训\n" + COLUMNS \
        + NEXT_PAGE
    (project,) = parse_text(text).projects
    assert _levels(project) == READ
    assert project.notes == []


def test_after_the_title_repeated_a_page_starting_at_the_next_first_level_goes_on() -> None:
    """The page broke between 产出指标 and 效益指标: a 一级 the table has not had yet."""
    page = "效益指标\t社会效益指标\t就业率\t≥60%\n\t经济效益指标\t增收\t≥10%\n"
    (project,) = read_tables([_sheet(TITLE + HEADER + COLUMNS + FIRST_PAGE + TITLE
                                     + "项目名称\t技能培训\n" + COLUMNS + page)]).projects
    assert [i.level1 for i in project.indicators] == ["产出指标"] * 2 + ["效益指标"] * 2


def test_values_below_their_labels_repeated_then_the_rows_go_on() -> None:
    """A row of labels with its values in the row below (年度总体绩效目标 | 项目年度金额),
    repeated as it was, and the indicator rows right after it (no indicator header)."""
    header = "项目名称\t技能培训\n年度总体绩效目标\t项目年度金额\n培训学员500人次\t12\n"
    (project,) = parse_text(header + COLUMNS + FIRST_PAGE + header + NEXT_PAGE).projects
    assert _levels(project) == READ
    assert (project.goal, project.amount, project.notes) == ("培训学员500人次", 12.0, [])


def test_a_repeated_funds_block_that_differs_is_a_reading_note() -> None:
    def funds(fiscal: str) -> str:
        return ("项目名称\t技能培训\n项目资金(万元)\t年度资金总额\t金额(万元)\n"
                f"(一)财政拨款小计\t{fiscal}\n(二)自有资金小计\t0.00\n")
    (project,) = parse_text(funds("4.00") + COLUMNS + FIRST_PAGE + funds("5.00") + COLUMNS
                            + NEXT_PAGE).projects
    assert _levels(project) == READ
    assert project.amount == 4.0
    assert [(n.text, n.reason) for n in project.notes] == [
        ("资金来源：财政拨款 5、其他资金 0",
         "续页重复的表头与首页不同，未读取（首页为：财政拨款 4、其他资金 0）")]


def test_the_same_table_twice_without_a_title_is_two_tables_for_rule_h004() -> None:
    """The rows after the repeated header begin the table again (its first indicator once
    more): not a page of the first table but another one under the same name."""
    table = HEADER + "绩效目标类别\t常规\n" + COLUMNS + FIRST_PAGE
    department = parse_text(table + table)
    assert [p.name for p in department.projects] == ["技能培训", "技能培训"]
    assert [len(p.indicators) for p in department.projects] == [2, 2]
    assert [[n.row for n in p.notes] for p in department.projects] == [[4], [11]]
    assert department.projects[1].goal == "培训学员500人次"


FLAT = "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标值\t权重\n"


def test_a_flat_lists_goal_cut_at_a_page_break_is_joined_back() -> None:
    """A PDF of a budget-system list: the merged 年度目标 cell is cut at the page break,
    its end in the first row of the next page (name and amount left empty there)."""
    text = ("金额单位:元\n" + FLAT
            + "某局\t技能培训\t100,000.00\t完成30个行政村人居环境整治，村庄环境\t产出指标\t数量指标"
              "\t整治村数\t≥30个\t60\n"
            + "\t\t\t明显改善\t效益指标\t社会效益指标\t村庄环境\t明显改善\t40\n"
            + "某局\t档案加工\t50,000.00\t完成档案数字化\t产出指标\t数量指标\t加工页数"
              "\t≥1万页\t100\n")
    department = parse_text(text)
    assert [(p.name, p.goal, len(p.indicators)) for p in department.projects] == [
        ("技能培训", "完成30个行政村人居环境整治，村庄环境明显改善", 2),
        ("档案加工", "完成档案数字化", 1)]
    assert all(p.notes == [] for p in department.projects)


def test_a_flat_list_repeating_its_goal_on_every_row_keeps_it_once() -> None:
    text = (FLAT
            + "某局\t技能培训\t10\t全年培训500人次\t产出指标\t数量指标\t培训人次\t≥500人次\t60\n"
            "某局\t技能培训\t10\t全年培训500人次\t效益指标\t社会效益指标\t就业率\t≥60%\t40\n")
    (project,) = parse_text(text).projects
    assert project.goal == "全年培训500人次" and len(project.indicators) == 2
