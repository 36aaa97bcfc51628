"""``xlperf add-project``: a new project sheet, listed in 项目清单, readable by every viewer."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.sources.text.reader import read_text
from xlperf.sources.workbook.reader import read_workbook
from xlperf.writers.workbook import layout
from xlperf.writers.workbook.writer import write_department, write_template

SEED = Path(__file__).parent / "data" / "seed_notice.txt"
NEW_NAME = "办公设备购置"


@pytest.fixture()
def seed_book(tmp_path: Path) -> Path:
    path = tmp_path / "政府办.xlsx"
    write_department(read_text(SEED), path)
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_add_project_lists_the_new_sheet(seed_book: Path) -> None:
    result = run("add-project", str(seed_book), "--name", NEW_NAME)
    assert result.exit_code == 0, result.output
    assert "项目08" in result.output
    department = read_workbook(seed_book)
    assert [p.name for p in department.projects][-1] == NEW_NAME
    assert len(department.projects) == 8
    # What a viewer that never calculates (python-calamine, pandas, a phone) shows.
    listing = python_calamine.CalamineWorkbook.from_path(str(seed_book)) \
        .get_sheet_by_name(layout.PROJECT_LIST_SHEET).to_python()
    assert listing[8][1:] == [NEW_NAME, "", "项目08"]
    assert listing[9][0] == "合计" and listing[9][2] == pytest.approx(194.4)
    new = openpyxl.load_workbook(seed_book)["项目08"]
    assert [str(c.sqref) for c in new.conditional_formatting] == ["D27"]  # the red 合计


def test_the_new_amount_is_counted_in_the_list_total(seed_book: Path) -> None:
    assert run("add-project", str(seed_book)).exit_code == 0
    book = openpyxl.load_workbook(seed_book)
    book["项目08"]["D8"] = 5.6  # 项目年度金额
    book.save(seed_book)  # as a user's spreadsheet program saves it (values recalculated)
    from xlperf.writers.workbook.cached import formula_values

    values = formula_values(openpyxl.load_workbook(seed_book))
    assert values[layout.PROJECT_LIST_SHEET]["C10"] == pytest.approx(200.0)


def test_every_formula_after_adding_carries_a_value(tmp_path: Path) -> None:
    path = tmp_path / "模板.xlsx"
    write_template(path)
    assert run("add-project", str(path), "-n", NEW_NAME).exit_code == 0
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet"):
                part = package.read(name)
                cells = re.findall(rb"<c [^>]*><f>[^<]*</f><v>([^<]*)</v>", part)
                assert len(cells) == part.count(b"<f>"), name


@pytest.mark.parametrize(("content", "words"), [
    (None, "找不到工作簿"),
    (b"not a workbook", "不是 Excel 工作簿"),
])
def test_bad_workbook_is_named_with_exit_2(tmp_path: Path, content: bytes | None,
                                           words: str) -> None:
    path = tmp_path / "部门.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = run("add-project", str(path))
    assert result.exit_code == 2
    assert words in result.output and "部门.xlsx" in result.output
    if content is not None:
        assert path.read_bytes() == content  # nothing lost


def test_a_workbook_without_project_sheets_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    before = path.read_bytes()
    result = run("add-project", str(path))
    assert result.exit_code == 2 and "项目01" in result.output
    assert path.read_bytes() == before


def test_a_workbook_in_the_older_header_layout_gets_its_own_cells_blanked(
        tmp_path: Path) -> None:
    """An older xlperf wrote 项目年度金额 in D6 and the goal in B7: those are emptied and the
    name typed in B3, without writing into the merged cells of the current layout."""
    from workbook_builders import SEED_LIKE_INDICATORS, project_sheet_rows, save_workbook

    path = save_workbook(tmp_path / "旧版.xlsx",
                         {"项目01": project_sheet_rows(SEED_LIKE_INDICATORS, amount=10)})
    book = openpyxl.load_workbook(path)
    book["项目01"].merge_cells("B7:D9")  # the goal, merged as the older writer did
    book.save(path)
    result = run("add-project", str(path), "--name", NEW_NAME)
    assert result.exit_code == 0, result.output
    new = openpyxl.load_workbook(path)["项目02"]
    assert new["B3"].value == NEW_NAME
    assert new["D6"].value is None and new["B7"].value is None and new["D5"].value is None
    assert new["D4"].value == "石嘴山市人民政府办公室"  # 实施单位 kept, as 主管部门
