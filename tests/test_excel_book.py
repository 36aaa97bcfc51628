"""The ribbon's Python side on a real xlwings Book (remote engine) and on openpyxl.

xlwings' remote engine builds a genuine ``xw.Book`` from the JSON a client
(Office.js, VBA) would send and records every change as a JSON action, so the
test sees exactly what Excel would be asked to do. The book here is made from
the values of a real department workbook (the seed, written by the workbook
writer and read back with calamine, as Excel would show them).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import openpyxl
import pytest
from xlwings_remote import ensure_remote_engine, remote_book

import xlperf.excel
from xlperf.excel.book import add_project, clear_marks, validate
from xlperf.excel.openpyxl_book import OpenpyxlBook
from xlperf.reports.marks import (
    MARKS_SHEET,
    NOTE_TITLE,
    REPORT_HEADER,
    SEVERITY_FILLS,
)
from xlperf.sources.text.reader import read_text
from xlperf.writers.workbook.writer import write_department

xw = pytest.importorskip("xlwings")
DATA = Path(__file__).parent / "data"
LAST_PROJECT = "自治区党政专用通信网二级网运行维护费"


@pytest.fixture(scope="module", autouse=True)
def _remote_engine() -> None:
    ensure_remote_engine()


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "政府办.xlsx"
    write_department(read_text(DATA / "seed_notice.txt"), path)
    return path


def press(book: Any, button: Any) -> None:
    """Run a button's entry point with ``book`` as the calling workbook (as RunPython would)."""
    book.set_mock_caller()
    try:
        button()
    finally:
        del xw.Book._mock_caller


def actions(book: Any, func: str) -> list[dict[str, Any]]:
    return [a for a in book.json()["actions"] if a["func"] == func]


def sheet_at(book: Any, action: dict[str, Any]) -> str:
    return book.sheets[action["sheet_position"]].name


def cell_of(action: dict[str, Any]) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(action['start_column'] + 1)}{action['start_row'] + 1}"


def key(finding: Any) -> tuple:
    return finding.rule, finding.severity, finding.project, finding.sheet, finding.cell


# 校验 on a real xlwings Book.


def test_validate_marks_the_seed_errors_on_the_xlwings_book(seed_workbook: Path) -> None:
    book = remote_book(seed_workbook)
    findings = validate(book)
    errors = [f for f in findings if f.severity == "error"]
    assert {f.rule for f in errors} == {"C001", "W001"}
    assert {f.project for f in errors} == {LAST_PROJECT}

    fills = {(sheet_at(book, a), cell_of(a)): a["args"][0] for a in actions(book, "setRangeColor")}
    for finding in errors:
        if finding.cell:
            assert fills[(finding.sheet, finding.cell)] == "#" + SEVERITY_FILLS["error"].lower()
    notes = {(sheet_at(book, a), a["args"][0].replace("$", "")): a["args"][1]
             for a in actions(book, "addNote")}
    for finding in findings:
        if finding.cell:
            text = notes[(finding.sheet, finding.cell)]
            assert text.startswith(NOTE_TITLE) and finding.message in text


def test_validate_writes_the_report_sheet_and_a_summary(seed_workbook: Path) -> None:
    book = remote_book(seed_workbook)
    findings = validate(book)
    added = [a["args"][1] for a in actions(book, "addSheet")]
    assert added == ["校验结果", MARKS_SHEET]
    report = next(a for a in actions(book, "setValues") if sheet_at(book, a) == "校验结果")
    rows = report["values"]
    assert [v.lstrip("'") for v in rows[0]] == list(REPORT_HEADER)
    assert len(rows) == 1 + len(findings)
    assert {row[1].lstrip("'") for row in rows[1:]} == {f.rule for f in findings}
    links = [a["args"][0] for a in actions(book, "addHyperlink")]
    assert "#'项目07'!" in " ".join(links)
    hidden = actions(book, "setSheetVisibility")
    assert [sheet_at(book, a) for a in hidden] == [MARKS_SHEET]
    summary = actions(book, "alert")[0]["args"][0]
    errors = sum(f.severity == "error" for f in findings)
    assert summary.startswith("校验完成：7 个项目") and f"错误 {errors} 个" in summary


def test_each_report_row_shows_its_findings_colour_on_the_xlwings_book(
    seed_workbook: Path,
) -> None:
    """The 级别 cell of every row of 校验结果 is filled with its finding's colour (the rows
    of one severity in a run may be filled with one call), and no other cell there is."""
    book = remote_book(seed_workbook)
    findings = validate(book)
    shown: dict[str, str] = {}
    for action in actions(book, "setRangeColor"):
        if sheet_at(book, action) != "校验结果":
            continue
        assert action["start_column"] == 0 and action["column_count"] == 1
        for row in range(action["start_row"], action["start_row"] + action["row_count"]):
            shown[f"A{row + 1}"] = action["args"][0]
    assert shown == {f"A{row}": "#" + SEVERITY_FILLS[f.status].lower()
                     for row, f in enumerate(findings, start=2)}


def test_openpyxl_set_fill_fills_every_cell_of_a_block(seed_workbook: Path) -> None:
    book = OpenpyxlBook.open(seed_workbook)
    book.set_fill("项目01", "A2:B3", "FFC7CE")
    assert {book.fill_of("项目01", c) for c in ("A2", "A3", "B2", "B3")} == {"FFC7CE"}
    assert book.fill_of("项目01", "C2") != "FFC7CE" and book.fill_of("项目01", "A4") != "FFC7CE"
    book.set_fill("项目01", "A2:B3", None)
    assert {book.fill_of("项目01", c) for c in ("A2", "A3", "B2", "B3")} == {None}


def test_the_excel_marks_keep_the_users_note_under_ours_and_give_it_back(
    seed_workbook: Path,
) -> None:
    """The marks Excel desktop gets (``execute_marks``, here on a port that reads notes and
    fills): a cell's own note stays readable under xlperf's, and clearing restores it."""
    from xlperf.excel.port import execute_clear, execute_marks
    from xlperf.reports.marks import NOTE_PREVIOUS

    book = OpenpyxlBook.open(seed_workbook)
    findings = validate(OpenpyxlBook.open(seed_workbook))
    marked = next(f for f in findings if f.severity == "error" and f.cell)
    book.set_note(marked.sheet, marked.cell, "请财务科核实")
    book.set_fill(marked.sheet, marked.cell, "00B050")
    execute_marks(book, findings)
    note = book.note_of(marked.sheet, marked.cell)
    assert note.startswith(NOTE_TITLE) and marked.message in note
    assert note.endswith(f"{NOTE_PREVIOUS}\n请财务科核实")
    assert book.fill_of(marked.sheet, marked.cell) == SEVERITY_FILLS["error"]
    assert execute_clear(book) == len({(f.sheet, f.cell) for f in findings if f.cell})
    assert book.note_of(marked.sheet, marked.cell) == "请财务科核实"
    assert book.fill_of(marked.sheet, marked.cell) == "00B050"


def test_user_text_is_written_as_text(seed_workbook: Path) -> None:
    book = remote_book(seed_workbook)
    validate(book)
    for action in actions(book, "setValues"):
        for row in action["values"]:
            for value in row:
                assert not (isinstance(value, str) and value.startswith("=")), value


def test_the_buttons_entry_point_uses_the_calling_book(seed_workbook: Path) -> None:
    book = remote_book(seed_workbook)
    press(book, xlperf.excel.on_validate)
    assert [a["args"][1] for a in actions(book, "addSheet")] == ["校验结果", MARKS_SHEET]


def test_a_workbook_without_projects_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "空.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "随便写点什么"
    workbook.save(empty)
    book = remote_book(empty)
    press(book, xlperf.excel.on_validate)
    message = actions(book, "alert")[0]["args"][0]
    assert "没有找到项目工作表" in message
    assert not actions(book, "addSheet")


# The openpyxl adapter: the command line's path, the same findings.


def test_openpyxl_adapter_finds_what_the_xlwings_book_finds(seed_workbook: Path) -> None:
    from_excel = validate(remote_book(seed_workbook))
    from_file = validate(OpenpyxlBook.open(seed_workbook))
    assert sorted(map(key, from_excel)) == sorted(map(key, from_file))


def test_openpyxl_marks_replace_instead_of_piling_up(seed_workbook: Path, tmp_path: Path) -> None:
    book = OpenpyxlBook.open(seed_workbook)
    findings = validate(book)
    validate(book)
    target = tmp_path / "marked.xlsx"
    book.save(target)
    marked = openpyxl.load_workbook(target)
    assert marked.sheetnames.count("校验结果") == 1
    cell = next(f for f in findings if f.severity == "error" and f.cell)
    note = marked[cell.sheet][cell.cell].comment.text
    assert note.count(NOTE_TITLE) == 1
    assert clear_marks(book) > 0
    book.save(target)
    cleared = openpyxl.load_workbook(target)
    original = openpyxl.load_workbook(seed_workbook)
    assert cleared.sheetnames == original.sheetnames
    assert cleared[cell.sheet][cell.cell].comment is None
    look = [(c.fill.fill_type, c.fill.fgColor.rgb)
            for c in (cleared[cell.sheet][cell.cell], original[cell.sheet][cell.cell])]
    assert look[0] == look[1]


# 清除标记 on the xlwings book, through the record both adapters share.


def test_clear_on_the_xlwings_book_restores_recorded_cells(seed_workbook: Path,
                                                          tmp_path: Path) -> None:
    marked_file = tmp_path / "marked.xlsx"
    book = OpenpyxlBook.open(seed_workbook)
    findings = validate(book)
    book.save(marked_file)
    remote = remote_book(marked_file)
    restored = clear_marks(remote)
    marked_cells = {(f.sheet, f.cell) for f in findings if f.cell}
    assert restored == len(marked_cells)
    cleared = {(sheet_at(remote, a), cell_of(a)) for a in actions(remote, "setRangeColor")}
    assert cleared == marked_cells
    unnoted = {(sheet_at(remote, a), a["args"][0].replace("$", ""))
               for a in actions(remote, "deleteNote")}
    assert unnoted == marked_cells
    deleted = [a["sheet_position"] for a in actions(remote, "sheetDelete")]
    assert len(deleted) == 2  # 校验结果 and the record


# 新增项目.


def test_add_project_on_openpyxl_copies_the_layout_blank(seed_workbook: Path,
                                                         tmp_path: Path) -> None:
    book = OpenpyxlBook.open(seed_workbook)
    assert add_project(book) == "项目08"
    target = tmp_path / "added.xlsx"
    book.save(target)
    result = openpyxl.load_workbook(target)
    assert result.sheetnames.index("项目08") == result.sheetnames.index("项目07") + 1
    new, first = result["项目08"], result["项目01"]
    assert {str(r) for r in new.merged_cells.ranges} == {str(r) for r in first.merged_cells.ranges}
    assert len(new.data_validations.dataValidation) == len(first.data_validations.dataValidation)
    for ref in ("B3", "B6", "B8", "D8", "B9", "C11", "D11"):
        assert new[ref].value is None, ref
    assert new["B4"].value == first["B4"].value  # 主管部门 kept
    assert new["A11"].value == first["A11"].value == "1-产出指标"
    listing = result["项目清单"]
    assert listing["B9"].value == "=IF('项目08'!B3=\"\",\"\",'项目08'!B3)"
    assert listing["D9"].hyperlink.location == "'项目08'!A1"
    assert listing["A10"].value == "合计"
    assert listing["C10"].value == "=SUM(C1:INDEX(C:C,ROW()-1))"
    assert [str(c.sqref) for c in new.conditional_formatting] == ["D27"]  # the red 合计
    assert "A10:B10" in {str(r) for r in listing.merged_cells.ranges}


def test_add_project_on_the_xlwings_book(seed_workbook: Path) -> None:
    book = remote_book(seed_workbook)
    assert add_project(book) == "项目08"
    copy = actions(book, "copySheet")[0]
    assert sheet_at(book, copy) == "项目01" or copy["args"][:2] == ["After", 7]
    assert "项目08" in [s.name for s in book.sheets]
    inserted = actions(book, "rangeInsert")
    assert inserted and inserted[0]["args"][0] == "down"
    formulas = [v for a in actions(book, "setFormula") for row in a["values"] for v in row]
    assert "=IF('项目08'!B3=\"\",\"\",'项目08'!B3)" in formulas
    assert "=SUM(C1:INDEX(C:C,ROW()-1))" in formulas


def test_every_ribbon_entry_point_exists() -> None:
    for name in ("on_validate", "on_clear", "on_add_project", "on_notice", "on_help"):
        assert callable(getattr(xlperf.excel, name))


# 生成公告.


def test_render_notice_writes_a_draft_beside_the_workbook_when_there_are_errors(
    seed_workbook: Path, tmp_path: Path
) -> None:
    import shutil

    from xlperf.excel.book import render_notice

    workbook = tmp_path / "政府办.xlsx"
    shutil.copy(seed_workbook, workbook)
    book = OpenpyxlBook.open(workbook)
    result = render_notice(book)
    assert result.folder == tmp_path / "政府办-公告"
    assert result.draft and result.errors == 2  # the seed's C001 and W001
    written = [p.name for p in result.folder.rglob("*") if p.is_file()]
    assert any(name.endswith("-草稿.docx") for name in written)
    assert any(name.endswith("-草稿.txt") for name in written)
    assert "草稿" in book.messages[-1]
    again = render_notice(OpenpyxlBook.open(workbook))  # pressing the button again replaces
    assert sorted(p.name for p in again.folder.rglob("*") if p.is_file()) == sorted(written)


def test_render_notice_drafts_a_department_without_its_name_and_year(tmp_path: Path) -> None:
    from xlperf.excel.book import render_notice

    department = read_text(DATA / "seed_notice.txt")
    department.projects = department.projects[:-1]  # no error finding left
    department.name, department.year = "", None
    workbook = tmp_path / "无名.xlsx"
    write_department(department, workbook)
    book = OpenpyxlBook.open(workbook)
    result = render_notice(book)
    assert result.draft and result.errors == 0
    assert any(p.name.endswith("-草稿.txt") for p in result.folder.rglob("*"))
    assert "缺少部门名称、预算年度" in book.messages[-1]


def test_a_drafts_first_page_says_which_errors_made_it_one(seed_workbook: Path,
                                                          tmp_path: Path) -> None:
    import shutil

    from xlperf.excel.book import render_notice

    workbook = tmp_path / "政府办.xlsx"
    shutil.copy(seed_workbook, workbook)
    result = render_notice(OpenpyxlBook.open(workbook))
    text = next(result.folder.rglob("*-草稿.txt")).read_text(encoding="utf-8")
    reasons = [line for line in text.splitlines() if line.startswith("【草稿原因")]
    assert len(reasons) == 2  # the seed's C001 and W001, with where they are
    assert any("[C001]" in line and "项目07" in line for line in reasons)
    assert any("[W001]" in line for line in reasons)


needs_pdf_tools = pytest.mark.skipif(shutil.which("soffice") is None
                                     or shutil.which("fc-match") is None,
                                     reason="LibreOffice and fontconfig are needed")


@needs_pdf_tools
def test_without_the_gbt_fonts_the_button_leaves_out_the_pdf_and_names_them(
    seed_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    from notice_support import GBT_FONTS, fontconfig_without

    from xlperf.excel.book import render_notice
    from xlperf.notice import gbt9704 as g

    names = [n for font in GBT_FONTS for n in (font, *g.FONT_FALLBACKS.get(font, ()))]
    monkeypatch.setenv("FONTCONFIG_FILE", str(fontconfig_without(tmp_path, names)))
    workbook = tmp_path / "政府办.xlsx"
    shutil.copy(seed_workbook, workbook)
    book = OpenpyxlBook.open(workbook)
    result = render_notice(book)
    assert not list(result.folder.rglob("*.pdf"))
    assert list(result.folder.rglob("*.docx"))  # the rest is written as before
    assert "未生成 PDF" in book.messages[-1] and "仿宋_GB2312" in book.messages[-1]


@needs_pdf_tools
def test_with_the_fonts_installed_the_button_writes_the_pdf_too(
    seed_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    import subprocess

    from xlperf.excel.book import render_notice
    from xlperf.notice import gbt9704 as g
    from xlperf.notice.fonts import notice_fonts

    for name in notice_fonts():  # every GB/T 9704 font "installed" as a declared stand-in:
        # the family fontconfig gives in its place (not any installed one: fc-list's first
        # family need not be the one fc-match substitutes)
        family = subprocess.run(["fc-match", "--format=%{family[0]}", name],
                                capture_output=True, text=True, check=False).stdout.strip()
        if not family:
            pytest.skip("no font installed at all")
        monkeypatch.setitem(g.FONT_FALLBACKS, name, (family,))
    workbook = tmp_path / "政府办.xlsx"
    shutil.copy(seed_workbook, workbook)
    book = OpenpyxlBook.open(workbook)
    result = render_notice(book)
    assert [p.suffix for p in result.folder.rglob("*.pdf")] == [".pdf"]
    assert "未生成 PDF" not in book.messages[-1]


def test_render_notice_asks_to_save_an_unsaved_book(seed_workbook: Path) -> None:
    book = remote_book(seed_workbook)  # a remote book has no folder, like an unsaved one
    press(book, xlperf.excel.on_notice)
    assert "请先保存工作簿" in actions(book, "alert")[0]["args"][0]


def test_validating_a_marked_book_again_replaces_the_marks(seed_workbook: Path,
                                                          tmp_path: Path) -> None:
    # What Excel sends on the second press: the book as the first press left it.
    marked_file = tmp_path / "marked.xlsx"
    book = OpenpyxlBook.open(seed_workbook)
    validate(book)
    book.save(marked_file)
    remote = remote_book(marked_file)
    validate(remote)
    names = [sheet.name for sheet in remote.sheets]
    assert names.count("校验结果") == 1 and names.count(MARKS_SHEET) == 1
    assert len(actions(remote, "sheetDelete")) == 2
    first_note = {a["args"][0] for a in actions(remote, "deleteNote")}
    added_note = {a["args"][0] for a in actions(remote, "addNote")}
    assert first_note == added_note  # each old note removed before its new one


def test_the_button_honours_xlperf_toml_beside_the_workbook(seed_workbook: Path,
                                                            tmp_path: Path) -> None:
    import shutil

    workbook = tmp_path / "政府办.xlsx"
    shutil.copy(seed_workbook, workbook)
    (tmp_path / "xlperf.toml").write_text('ignore = ["W001"]\n', encoding="utf-8")
    rules = {f.rule for f in validate(OpenpyxlBook.open(workbook))}
    assert "W001" not in rules and "C001" in rules


@pytest.mark.parametrize(("argv", "mode"), [(["-c"], "常驻进程"),
                                            (["-c", "--wb=a.xlsx", "--from_xl=1"], "每次点击")])
def test_help_names_the_python_the_config_file_and_whether_it_stays_warm(
    seed_workbook: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    argv: list[str], mode: str
) -> None:
    import sys

    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    book = remote_book(seed_workbook)
    press(book, xlperf.excel.on_help)
    text = actions(book, "alert")[0]["args"][0]
    assert sys.executable in text and mode in text
    assert str(tmp_path / ".xlperf" / "xlperf.conf") in text
