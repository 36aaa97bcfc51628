"""Reading the 部门信息 sheet of xlperf's workbooks: label | value rows, found by label text.

依据文件 takes one document per row: the first row carries the label, the
following rows may repeat it or leave it blank (both read as more documents);
any other label ends the list. A year or date that cannot be read is an
``InputError`` naming the cell, since the notice cannot be dated without it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from xlperf.errors import InputError
from xlperf.model import Department
from xlperf.model.info_fields import DEPARTMENT_FIELDS, SETTING_FIELDS
from xlperf.model.text import parse_number
from xlperf.model.vocabulary import bare_key
from xlperf.sources.grid import Grid, address, is_blank

FIELDS = {bare_key(f.label)[0]: f for f in (*DEPARTMENT_FIELDS, *SETTING_FIELDS)}
SETTING_KEYS = frozenset(f.key for f in SETTING_FIELDS)
NAME_KEY = bare_key(DEPARTMENT_FIELDS[0].label)[0]
LABEL_ROWS = 60  # 部门名称 must appear within these rows
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_RANGE = (25569, 73051)  # 1970-01-01 … 2099-12-31 as Excel day numbers


def is_info_sheet(grid: Grid) -> bool:
    """A sheet with a 部门名称 label in its first columns."""
    return _label_column(grid) is not None


def _label_column(grid: Grid) -> int | None:
    for row in grid.rows[:LABEL_ROWS]:
        for column, raw in enumerate(row[:3]):
            if isinstance(raw, str) and bare_key(raw)[0] == NAME_KEY:
                return column
    return None


def read_info(grid: Grid, department: Department) -> None:
    """Fill ``department``'s notice fields and settings from ``grid``."""
    label_column = _label_column(grid)
    if label_column is None:
        return
    current = None
    for row in range(len(grid.rows)):
        raw_label = grid.raw(row, label_column)
        field = FIELDS.get(bare_key(raw_label)[0]) if isinstance(raw_label, str) else None
        if field is None:
            continuing = (current == "legal_basis" and is_blank(raw_label))
            if continuing and (text := grid.text(row, label_column + 1)):
                department.legal_basis.append(text)
            current = "legal_basis" if continuing else None
            continue
        current = field.key
        _read_field(grid, department, field.key, row, label_column + 1)


def _read_field(grid: Grid, department: Department, key: str, row: int, column: int) -> None:
    raw = grid.raw(row, column)
    where = address(row, column)
    if key == "year":
        department.year = _year(raw, grid.sheet, where)
    elif key == "published":
        department.published = _date(raw, grid.sheet, where)
    elif key == "declared_total":
        department.declared_total, repairs = parse_number(raw)
        grid.note(repairs, raw, row, column, None)
        department.declared_total_cell = where
    elif key == "legal_basis":
        if text := grid.text(row, column):
            department.legal_basis.append(text)
    elif key in SETTING_KEYS:
        if text := grid.text(row, column):
            department.settings[key] = text
    else:
        setattr(department, key, grid.text(row, column))


def _year(raw: object, sheet: str, where: str) -> int | None:
    if is_blank(raw):
        return None
    number, _ = parse_number(raw.removesuffix("年") if isinstance(raw, str) else raw)
    if isinstance(number, float) and number.is_integer() and 1900 <= number <= 2200:
        return int(number)
    raise InputError(f"预算年度“{raw}”不是年份，请填写四位数年份，如 2024", sheet=sheet, cell=where)


def _date(raw: object, sheet: str, where: str) -> date | None:
    if is_blank(raw):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int | float) and _SERIAL_RANGE[0] <= raw <= _SERIAL_RANGE[1]:
        return _EXCEL_EPOCH + timedelta(days=int(raw))
    if isinstance(raw, str):
        match = _DATE.match(unicodedata.normalize("NFKC", raw).strip())
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
    raise InputError(f"公开日期“{raw}”无法识别，请填写日期，如 2024-02-05", sheet=sheet, cell=where)
