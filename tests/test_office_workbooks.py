"""The office's own workbook: a real layout's web page opened in a spreadsheet and saved.

An office that publishes its table as a web page keeps it as a workbook; a reviewer who
asks for the workbook gets the page's table with its merged cells — and with its numbers
as numbers (8,827,620.53 is the number 8827620.53, 95 the number 95), which the browser
copy and the page keep as text. Each real layout (data/real_layouts, data/layouts) is
rebuilt as its page (real_layout_pages.py), opened by LibreOffice Calc as a web page's
table and saved as .xlsx, then read: it must read to its expected.json, as the text does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from family_writers import converted_by_libreoffice, html_page, libreoffice
from real_layout_pages import rebuild
from test_real_layouts import DATA, FINDINGS, READABLE, check

from xlperf.sources import read_department
from xlperf.validation.engine import validate

IDS = [d[1] for d in READABLE]
pytestmark = pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("office")
    pages = []
    for source, key, _ in READABLE:
        page = rebuild(source, key)
        html = folder / f"{key}.html"
        html.write_bytes(html_page(page.table, page.before, page.after))
        pages.append(html)
    books = converted_by_libreoffice(pages, folder / "xlsx", "xlsx", "calc_HTML_WebQuery")
    return {key: book for (_, key, _), book in zip(READABLE, books, strict=True)}


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=IDS)
def test_the_offices_workbook_reads_as_the_table_says(workbooks, source: Path, key: str,
                                                      doc: dict) -> None:
    check(read_department(workbooks[key]), doc)


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=IDS)
def test_the_rules_find_in_the_offices_workbook_what_they_find_in_the_text(
        workbooks, source: Path, key: str, doc: dict) -> None:
    assert {f.rule for f in validate([read_department(workbooks[key])])} == FINDINGS[key]


def test_a_unit_total_line_in_the_workbook_is_no_project(workbooks) -> None:
    """The budget-system list's ``820-马踏镇部门 | 8,827,620.53`` (its amount merged across
    the row): the amount stands under 项目名称 as a number. Before, it became a project
    named 8827620.53 with no indicators (H-findings on a project that does not exist)."""
    department = read_department(workbooks["08"])
    assert [p.name for p in department.projects] == ["村组干部报酬", "基层组织活动经费"]
    assert [(note.cell, note.text) for note in department.notes] == [
        ("A5", "820-马踏镇部门 | 8827620.53")]
    noted = [f for f in validate([department]) if f.rule == "R003" and f.project is None]
    assert [f.cell for f in noted] == ["A5"]


def test_a_second_units_total_line_further_down_the_list_is_no_indicator(tmp_path) -> None:
    """A list of two units' projects: each unit's total line stands above its projects.
    The second (``821-某镇部门 | 1,000,000.00``, between the projects) read as an
    indicator named 821-某镇部门 with a weight of 1 000 000; it is a note on its line."""
    source = next((DATA / "real_layouts").glob("08*[!w].txt"))
    lines = source.read_text(encoding="utf-8").rstrip("\n").split("\n")
    second = ["821-某镇部门\t1,000,000.00",
              "821001-某镇人民政府\t道路养护\t1,000,000.00\t养护镇村道路\t产出指标\t数量指标"
              "\t养护道路长度\t≥\t10\t公里\t100\t正向指标"]
    text = tmp_path / "两个单位.txt"
    text.write_text("\n".join([*lines, *second]) + "\n", encoding="utf-8")
    department = read_department(text)
    names = [i.name for p in department.projects for i in p.indicators]
    assert "821-某镇部门" not in names
    road = department.projects[-1]
    assert (road.name, road.amount, road.implementing_unit) == ("道路养护", 100.0,
                                                               "821001-某镇人民政府")
    assert [i.name for i in road.indicators] == ["养护道路长度"]
    noted = [note for p in department.projects for note in p.notes] + department.notes
    assert sorted(note.row for note in noted) == [4, len(lines) + 1]


# The budget year each table's own title states (部门预算项目绩效目标申报表(2023年度), a
# (2020年度) line under 绩效目标表), by reading them; ningxia_values names its year only in
# the notice above the table (XX县农业农村局2019年项目支出绩效目标), which a text has and a
# sheet keeps as cells no notice is read from.
TITLE_YEARS = {"01": 2023, "03": 2020, "06": 2021, "08": 2023, "10": 2022,
               "ezhou_two_level": 2022, "long_term_pairs": 2020, "transfer": 2023,
               "ningxia_values": None}


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=IDS)
def test_the_budget_year_a_tables_title_states_is_read_from_the_workbook_too(
        workbooks, source: Path, key: str, doc: dict) -> None:
    """Before 2026-12-04 only a text's notice gave the year: a workbook's title line did
    not, so the rules that need it (K002, K005, H003) judged a text and the office's
    workbook of one table differently."""
    assert read_department(workbooks[key]).year == TITLE_YEARS[key]
    assert read_department(source).year == (2019 if key == "ningxia_values"
                                            else TITLE_YEARS[key])


def test_a_unit_total_line_is_never_the_rest_of_a_cut_row(tmp_path) -> None:
    """A flat list's row cut after its 项目名称 (its other cells on a later line) with the
    unit's total line between the two: the total line is no cell's rest. Before
    (2026-12-04) the join made the project 村组干部报酬820-马踏镇部门."""
    source = next((DATA / "real_layouts").glob("08*[!w].txt"))
    lines = source.read_text(encoding="utf-8").rstrip("\n").split("\n")
    first = lines[4].split("\t")
    cut = [lines[3].join(["\t".join(first[:2]) + "\n", "\n" + "\t".join(first[2:])])]
    text = tmp_path / "切开.txt"
    text.write_text("\n".join([*lines[:3], *cut, *lines[5:]]) + "\n", encoding="utf-8")
    department = read_department(text)
    assert [p.name for p in department.projects] == ["村组干部报酬", "基层组织活动经费"]
    notes = [*department.notes, *(n for p in department.projects for n in p.notes)]
    assert "820-马踏镇部门 | 8,827,620.53" in [n.text for n in notes]


@pytest.mark.parametrize(("title", "year"), [
    ("2023年项目支出绩效目标申报表", 2023), ("部门预算项目绩效目标申报表(2023年度)", 2023),
    ("2023—2025年项目中期绩效目标表", None), ("2023-2025年度项目绩效目标表", None)])
def test_a_title_naming_a_span_of_years_gives_no_budget_year(title: str, year: int | None,
                                                             tmp_path) -> None:
    """A mid-term table's title names its span, not the budget year: no year is taken from
    it (rules K002/H003 would judge its deadlines against one year of the span)."""
    text = tmp_path / "表.txt"
    text.write_text(f"{title}\n项目名称\t某项目\n项目年度金额\t10\n一级指标\t二级指标\t三级指标\t指标值\n"
                    "产出指标\t数量指标\t培训人次\t≥500人次\n", encoding="utf-8")
    assert read_department(text).year == year
