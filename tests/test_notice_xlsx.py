"""The attachment workbook: the seed's tables, merged cells, and text that stays text."""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from notice_support import clean_seed, seed

from xlperf.notice.content import build_notice
from xlperf.notice.xlsx_writer import sheet_names, write_xlsx

HOSTILE = ("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "attachment.xlsx"
    write_xlsx(build_notice(seed()), path)
    return openpyxl.load_workbook(path)


def _values(sheet) -> list:
    return [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_one_sheet_per_project_after_the_contents(workbook) -> None:
    department = seed()
    assert workbook.sheetnames[0] == "目录"
    assert len(workbook.sheetnames) == 1 + len(department.projects)
    contents = _values(workbook["目录"])
    for project in department.projects:
        assert project.name in contents
    assert sum(p.amount for p in department.projects) in contents  # the total


def test_project_sheet_keeps_values_and_merges_level_cells(workbook) -> None:
    project = seed().projects[0]
    sheet = workbook.worksheets[1]
    values = _values(sheet)
    assert project.name in values and project.goal in values
    assert [i.name for i in project.indicators] == [v for v in values
                                                    if v in {i.name for i in project.indicators}]
    assert project.amount in values  # a number, not text
    outputs = sum(1 for i in project.indicators if i.level1 == "1-产出指标")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    first = next(c.row for c in sheet["A"] if c.value == "1-产出指标")
    assert f"A{first}:A{first + outputs - 1}" in merged


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_looks_like_a_formula_stays_text(text: str, tmp_path: Path) -> None:
    department = copy.deepcopy(clean_seed())
    department.projects[0].name = text
    department.projects[0].indicators[0].name = text
    path = tmp_path / "hostile.xlsx"
    write_xlsx(build_notice(department), path)
    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if c.value == text]
    assert len(cells) >= 3  # 目录, project name, indicator
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)


def test_attachment_text_is_stored_as_utf8(tmp_path: Path) -> None:
    """As Excel stores it: the characters themselves, not openpyxl's ``&#NNNNN;``."""
    path = tmp_path / "attachment.xlsx"
    write_xlsx(build_notice(seed()), path)
    with zipfile.ZipFile(path) as package:
        sheets = b"".join(package.read(n) for n in package.namelist()
                          if n.startswith("xl/worksheets/"))
    assert seed().projects[0].name.encode("utf-8") in sheets
    assert not re.search(rb"&#[0-9]{3,};", sheets)


def test_sheet_names_are_legal_unique_and_short() -> None:
    names = sheet_names(["a/b:c*?[d]", "a/b:c*?[d]", "很长" * 30, "'"])
    assert len(set(names)) == 4
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_draft_workbook_is_marked_on_every_sheet(tmp_path: Path) -> None:
    path = tmp_path / "draft.xlsx"
    write_xlsx(build_notice(seed(), draft=True), path)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        assert "草稿" in str(sheet["A1"].value)
        assert "草稿" in sheet.oddHeader.center.text
