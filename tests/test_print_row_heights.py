"""Wrapped rows get the height their text needs, so printed sheets never overprint.

LibreOffice prints a row at the height the file gives it: without one, a wrapped
message in 校验结果 or a long project name in the notice workbook's 目录 prints
over the next row (seen in the PDF of both before this was fixed).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from notice_support import seed

from xlperf.notice.content import build_notice
from xlperf.notice.xlsx_writer import write_xlsx
from xlperf.reports.annotate import annotate_workbook
from xlperf.validation.findings import Finding

SHORT = "短"
LONG = "指标“" + "推动市政府工作报告重点任务落实" * 8 + "”没有可衡量的目标值"
LONG_PROJECT = "各项业务经费（含政府总值班室、保密档案管理、政策解读及日常工作经费）" * 2


def _workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = "项目01"
    workbook.save(path)
    return path


def _report_heights(tmp_path: Path, findings: list[Finding]) -> list[float | None]:
    target = tmp_path / "标注.xlsx"
    annotate_workbook(_workbook(tmp_path / "部门.xlsx"), target, findings)
    report = openpyxl.load_workbook(target)["校验结果"]
    return [report.row_dimensions[row].height for row in range(2, report.max_row + 1)]


def test_report_rows_grow_with_the_message(tmp_path: Path) -> None:
    short, long = _report_heights(tmp_path, [
        Finding("Q001", "warning", SHORT, "项目甲", "项目01", "C11"),
        Finding("Q001", "warning", LONG, "项目甲", "项目01", "C12"),
    ])
    assert short is not None and long is not None
    assert long >= 3 * short  # 130 characters in a 56-wide column: several lines


def test_report_rows_grow_with_the_advice_and_the_project_name(tmp_path: Path) -> None:
    plain, advised, named = _report_heights(tmp_path, [
        Finding("Q001", "warning", SHORT, "项目甲", "项目01", "C11"),
        Finding("Q001", "warning", SHORT, "项目甲", "项目01", "C12", fix=LONG),
        Finding("Q001", "warning", SHORT, LONG_PROJECT, "项目01", "C13"),
    ])
    assert advised > plain and named > plain


def test_report_wraps_long_project_names_instead_of_cutting_them(tmp_path: Path) -> None:
    target = tmp_path / "标注.xlsx"
    annotate_workbook(_workbook(tmp_path / "部门.xlsx"), target,
                      [Finding("Q001", "warning", SHORT, LONG_PROJECT, "项目01", "C11")])
    report = openpyxl.load_workbook(target)["校验结果"]
    header = [cell.value for cell in report[1]]
    for label in ("项目", "说明", "修改建议"):
        assert report.cell(2, header.index(label) + 1).alignment.wrap_text, label


def test_contents_rows_grow_with_the_project_name(tmp_path: Path) -> None:
    department = seed()
    department.projects[1].name = LONG_PROJECT
    path = tmp_path / "附件.xlsx"
    write_xlsx(build_notice(department), path)
    contents = openpyxl.load_workbook(path)["目录"]
    rows = {contents.cell(row, 2).value: row for row in range(1, contents.max_row + 1)}
    short_row, long_row = rows[department.projects[0].name], rows[LONG_PROJECT]
    short = contents.row_dimensions[short_row].height
    long = contents.row_dimensions[long_row].height
    assert short is not None and long is not None and long > short
    assert contents.cell(long_row, 2).alignment.wrap_text
