"""A number a workbook shows as a percentage is read as the user sees it.

Typing 90% into Excel or WPS stores 0.9 with a percent format. Before, the reader took the
bare value: targets read "0.9" (Q005 and Q007 false alarms) and percent-formatted weights
0.2 … added up to 1 (a W001 error on a table that is right).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from xlperf.sources import read_department
from xlperf.validation.engine import validate

ROWS = [("产出指标", "数量指标", "培训人次", "≥500人次", 0.4),
        ("效益指标", "社会效益指标", "就业率", 0.6, 0.3),
        ("满意度指标", "服务对象满意度指标", "学员满意度", 0.925, 0.3)]


def _table(rows: list) -> tuple[openpyxl.Workbook, object]:
    """A workbook with one goal table of ``rows`` under its header (indicators from row 4)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "技能培训"
    sheet.append(["项目名称", "技能培训"])
    sheet.append(["项目年度金额", 10])
    sheet.append(["一级指标", "二级指标", "三级指标", "指标值", "权重"])
    for row in rows:
        sheet.append(row)
    return book, sheet


def _workbook(path: Path, value_format: str = "0%", weight_format: str = "0%") -> Path:
    book, sheet = _table(ROWS)
    for line in range(4, 7):
        sheet[f"D{line}"].number_format = value_format
        sheet[f"E{line}"].number_format = weight_format
    book.save(path)
    return path


def test_percent_formatted_targets_read_as_shown(tmp_path: Path) -> None:
    department = read_department(_workbook(tmp_path / "a.xlsx", value_format="0.0%"))
    values = [i.value for i in department.projects[0].indicators]
    assert values == ["≥500人次", "60.0%", "92.5%"]
    codes = {f.rule for f in validate([department])}
    assert not codes & {"Q005", "Q007", "Q002"}


def test_percent_formatted_weights_add_up_as_shown(tmp_path: Path) -> None:
    department = read_department(_workbook(tmp_path / "b.xlsx"))
    assert [i.weight for i in department.projects[0].indicators] == [40.0, 30.0, 30.0]
    findings = validate([department])
    assert not [f for f in findings if f.rule in ("W001", "W002")]
    assert [(f.sheet, f.cell) for f in findings if f.rule == "T001"] == [
        ("技能培训", "E4"), ("技能培训", "E5"), ("技能培训", "E6")]


def test_numbers_in_other_formats_stay_numbers(tmp_path: Path) -> None:
    department = read_department(_workbook(tmp_path / "c.xlsx", value_format="0.00",
                                           weight_format="General"))
    indicators = department.projects[0].indicators
    assert [i.value for i in indicators][1:] == ["0.6", "0.925"]
    assert [i.weight for i in indicators] == [0.4, 0.3, 0.3]


def _formatted(path: Path, formats: dict[str, tuple[object, str]]) -> Path:
    """A table whose value cells hold numbers shown through ``formats`` (cell → value and
    its number format), weights 0"分"."""
    book, sheet = _table([[*row[:3], None, row[4] * 100] for row in ROWS])
    for where, (value, number_format) in formats.items():
        sheet[where] = value
        sheet[where].number_format = number_format
    for line in range(4, 7):
        sheet[f"E{line}"].number_format = '0"分"'
    book.save(path)
    return path


def test_numbers_shown_with_text_around_them_read_as_shown(tmp_path: Path) -> None:
    """``0"人次"`` showed 500 as 500人次 and ``"≥"0%`` 0.6 as ≥60%: before 2026-12-03
    (session 8) they read ``500`` (Q005 没有写单位) and ``60%`` (the ≥ lost)."""
    path = _formatted(tmp_path / "d.xlsx", {"D4": (500, '#,##0"人次"'), "D5": (0.6, '"≥"0%'),
                                            "D6": (0.925, "\\≥0.0%"), "B2": (100000, '0"元"')})
    department = read_department(path)
    (project,) = department.projects
    assert [i.value for i in project.indicators] == ["500人次", "≥60%", "≥92.5%"]
    assert [i.weight for i in project.indicators] == [40.0, 30.0, 30.0]  # 0"分": numbers
    assert project.amount == 10.0  # 100000 shown 100000元
    codes = {f.rule for f in validate([department])}
    assert not codes & {"Q005", "Q007", "W001", "W002"}


def test_plain_dates_and_currency_formats_stay_as_they_are(tmp_path: Path) -> None:
    path = _formatted(tmp_path / "e.xlsx", {"D4": (500, "#,##0"), "D5": (0.6, "0.00"),
                                            "B2": (10, "¥#,##0.00")})
    (project,) = read_department(path).projects
    assert [i.value for i in project.indicators][:2] == ["500", "0.6"]
    assert project.amount == 10.0
