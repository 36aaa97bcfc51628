"""One project sheet in the seed's layout (see ``layout.py`` for the picture).

Everything a finance officer needs while typing lives in the sheet itself:
drop-downs for the indicator levels and 项目属性, number checks on 金额 and
绩效值, and a live ``=SUM`` of the weights that turns red when it misses the
required total — formulas, validations and conditional formats only, so it
works in Excel, WPS and LibreOffice without Python.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from openpyxl.formatting.rule import FormulaRule
from openpyxl.worksheet.datavalidation import DataValidation

from xlperf.model import Indicator, Project
from xlperf.sources.workbook import layout, styles
from xlperf.sources.workbook.styles import set_number_or_text, set_text

# Column widths (Excel units ≈ one Latin digit; a Chinese character takes two).
COLUMN_WIDTHS = {"A": 14, "B": 20, "C": 56, "D": 12, "E": 18}
LINE_HEIGHT = 15.0  # points per wrapped line at 11 pt
TEMPLATE_ROWS_PER_LEVEL2 = 2  # room under each 二级 in a blank template
TEMPLATE_EXTRA_ROWS = 10  # unlabelled rows below them
DEFAULT_REQUIRED_TOTAL = 100
# The workbook-level name of 部门信息's 权重合计要求 cell (written by writer.py).
REQUIRED_TOTAL_NAME = "权重合计要求"


@dataclass(frozen=True)
class Lists:
    """Where the hidden ``_lists`` sheet keeps each drop-down's choices."""

    level1: str
    level2: str
    attributes: str


@dataclass(frozen=True)
class Row:
    level1: str
    level2: str
    indicator: Indicator | None = None


def framework_rows(framework) -> list[Row]:
    """The blank template's indicator rows: every 二级 of the framework, with room under it."""
    rows = [Row(first.label, second.label)
            for first in framework.level1
            for second in first.children
            for _ in range(TEMPLATE_ROWS_PER_LEVEL2)]
    return rows + [Row("", "")] * TEMPLATE_EXTRA_ROWS


def project_rows(project: Project) -> list[Row]:
    rows = [Row(item.level1, item.level2, item) for item in project.indicators]
    return rows or [Row("", "")]  # keep the SUM range valid for a project without rows


def write_project_sheet(ws, project: Project, rows: list[Row], lists: Lists,
                        *, fit_rows: bool) -> str:
    """Fill ``ws`` with ``project``; return the address of its weight total (``D31``)."""
    has_values = any(r.indicator is not None and r.indicator.value for r in rows)
    last_col = "E" if has_values else "D"
    first = layout.FIRST_INDICATOR_ROW
    last = first + len(rows) - 1
    total_row = last + 1

    _set_columns(ws)
    _write_title(ws, last_col)
    _write_header(ws, project, last_col, fit_rows)
    _write_indicator_header(ws, last_col)
    for offset, row in enumerate(rows):
        _write_indicator(ws, first + offset, row, last_col, fit_rows)
    _merge_levels(ws, rows, first)
    total_cell = _write_total(ws, total_row, first, last, last_col)
    _add_validations(ws, lists, first, last)
    _add_total_alert(ws, total_cell, first, last)
    _set_print(ws, last_col, total_row)
    return total_cell


def _set_columns(ws) -> None:
    for letter, width in COLUMN_WIDTHS.items():
        ws.column_dimensions[letter].width = width


def _write_title(ws, last_col: str) -> None:
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"].value = layout.TABLE_TITLE
    ws["A1"].font = styles.TITLE
    ws["A1"].alignment = styles.CENTER
    ws.row_dimensions[1].height = 30
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"].value = layout.UNIT_LABEL
    ws["A2"].font = styles.BODY
    ws["A2"].alignment = styles.RIGHT


def _write_header(ws, project: Project, last_col: str, fit_rows: bool) -> None:
    """Rows 3-9: label cells left of ``HEADER_CELLS``; the wide values merged to the right."""
    widen = {"name": 3, "implementing_unit": 4, "term": 5, "amount": 6}
    for key, address in layout.HEADER_CELLS.items():
        value_cell = ws[address]
        label_cell = ws.cell(row=value_cell.row, column=value_cell.column - 1)
        label_cell.value = layout.HEADER_LABELS[key]
        label_cell.font = styles.BOLD
        label_cell.fill = styles.LABEL_FILL
        label_cell.alignment = styles.CENTER
        if key == "amount":
            set_number_or_text(value_cell, project.amount, styles.AMOUNT_FORMAT)
            value_cell.alignment = styles.WRAP
        else:
            set_text(value_cell, getattr(project, key))
            value_cell.alignment = styles.WRAP_TOP if key == "goal" else styles.WRAP
        value_cell.font = styles.BODY
        if key in widen and value_cell.column_letter != last_col:
            ws.merge_cells(f"{address}:{last_col}{widen[key]}")
    ws.merge_cells("A7:A9")
    ws.merge_cells(f"B7:{last_col}9")
    _border(ws, 3, 9, last_col)
    if fit_rows:
        _fit_header_rows(ws, project, last_col)


def _fit_header_rows(ws, project: Project, last_col: str) -> None:
    """Heights for the header rows: merged and narrow cells do not grow by themselves."""
    wide = _width("B", last_col)
    ws.row_dimensions[3].height = fit_height(project.name, wide)
    right = _width("D", last_col)
    pairs = {4: ("competent_department", "implementing_unit"), 5: ("attribute", "term"),
             6: ("division", "amount")}
    for row, (left_key, right_key) in pairs.items():
        left = str(getattr(project, left_key) or "")
        other = getattr(project, right_key)
        ws.row_dimensions[row].height = max(fit_height(left, COLUMN_WIDTHS["B"]),
                                            fit_height(str(other or ""), right))
    per_row = max(fit_height(project.goal, wide), 3 * LINE_HEIGHT) / 3
    for row in (7, 8, 9):
        ws.row_dimensions[row].height = per_row


def _write_indicator_header(ws, last_col: str) -> None:
    row = layout.INDICATOR_HEADER_ROW
    for key, letter in layout.COLUMNS.items():
        cell = ws[f"{letter}{row}"]
        cell.value = layout.COLUMN_LABELS[key]
        cell.font = styles.BOLD
        cell.fill = styles.HEADER_FILL
        cell.alignment = styles.CENTER
    _border(ws, row, row, last_col)


def _write_indicator(ws, row_number: int, row: Row, last_col: str, fit_rows: bool) -> None:
    cols = layout.COLUMNS
    set_text(ws[f"{cols['level1']}{row_number}"], row.level1)
    set_text(ws[f"{cols['level2']}{row_number}"], row.level2)
    item = row.indicator
    if item is not None:
        set_text(ws[f"{cols['name']}{row_number}"], item.name)
        set_number_or_text(ws[f"{cols['weight']}{row_number}"], item.weight, styles.WEIGHT_FORMAT)
        set_text(ws[f"{cols['value']}{row_number}"], item.value)
        if fit_rows:
            ws.row_dimensions[row_number].height = fit_height(item.name, COLUMN_WIDTHS["C"])
    for key, letter in cols.items():
        cell = ws[f"{letter}{row_number}"]
        cell.font = styles.BODY
        cell.alignment = styles.WRAP if key in ("name", "value") else styles.CENTER
    _border(ws, row_number, row_number, last_col)


def _merge_levels(ws, rows: list[Row], first: int) -> None:
    """Merge each run of equal 一级 (and of equal 一级+二级) cells, as the published table does."""
    for letter, key in ((layout.COLUMNS["level1"], lambda r: (r.level1,)),
                        (layout.COLUMNS["level2"], lambda r: (r.level1, r.level2))):
        start = 0
        for end in range(1, len(rows) + 1):
            if end < len(rows) and key(rows[end]) == key(rows[start]):
                continue
            if end - start > 1 and key(rows[start])[-1]:
                ws.merge_cells(f"{letter}{first + start}:{letter}{first + end - 1}")
            start = end


def _write_total(ws, total_row: int, first: int, last: int, last_col: str) -> str:
    weight = layout.COLUMNS["weight"]
    ws.merge_cells(f"A{total_row}:C{total_row}")
    ws[f"A{total_row}"].value = layout.TOTAL_LABEL
    ws[f"A{total_row}"].font = styles.BOLD
    ws[f"A{total_row}"].alignment = styles.CENTER
    total = ws[f"{weight}{total_row}"]
    total.value = f"=SUM({weight}{first}:{weight}{last})"
    total.font = styles.BOLD
    total.alignment = styles.CENTER
    _border(ws, total_row, total_row, last_col)
    return total.coordinate


def _add_validations(ws, lists: Lists, first: int, last: int) -> None:
    cols = layout.COLUMNS
    pick = "请从下拉列表中选择；不在列表中的写法会在校验时被指出。"
    level1 = DataValidation(type="list", formula1=lists.level1, allow_blank=True,
                            errorStyle="warning", error=pick, errorTitle="一级指标")
    level1.add(f"{cols['level1']}{first}:{cols['level1']}{last}")
    level2 = DataValidation(type="list", formula1=lists.level2, allow_blank=True,
                            errorStyle="warning", error=pick, errorTitle="二级指标")
    level2.add(f"{cols['level2']}{first}:{cols['level2']}{last}")
    attribute = DataValidation(type="list", formula1=lists.attributes, allow_blank=True,
                               errorStyle="warning", error=pick, errorTitle="项目属性")
    attribute.add(layout.HEADER_CELLS["attribute"])
    amount = _non_negative("项目年度金额", "请填写数字，单位万元，如 12.5")
    amount.add(layout.HEADER_CELLS["amount"])
    weight = _non_negative("绩效值", "请填写分值（不小于 0 的数字）；各项合计应等于权重合计要求")
    weight.add(f"{cols['weight']}{first}:{cols['weight']}{last}")
    for item in (level1, level2, attribute, amount, weight):
        ws.add_data_validation(item)


def _non_negative(title: str, message: str) -> DataValidation:
    return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                          allow_blank=True, showErrorMessage=True, errorStyle="stop",
                          errorTitle=title, error=message, promptTitle=title, prompt=message,
                          showInputMessage=True)


def _add_total_alert(ws, total_cell: str, first: int, last: int) -> None:
    """Red total once weights are typed and they miss 部门信息's 权重合计要求 (default 100)."""
    weight = layout.COLUMNS["weight"]
    weights = f"${weight}${first}:${weight}${last}"
    absolute = f"${total_cell[0]}${total_cell[1:]}"
    required = (f"IF(ISNUMBER({REQUIRED_TOTAL_NAME}),{REQUIRED_TOTAL_NAME},"
                f"{DEFAULT_REQUIRED_TOTAL})")
    formula = f"AND(COUNT({weights})>0,ROUND({absolute}-{required},6)<>0)"
    rule = FormulaRule(formula=[formula], fill=styles.ALERT_FILL, font=styles.ALERT_FONT)
    ws.conditional_formatting.add(total_cell, rule)


def _set_print(ws, last_col: str, total_row: int) -> None:
    ws.freeze_panes = f"A{layout.FIRST_INDICATOR_ROW}"
    header = layout.INDICATOR_HEADER_ROW
    ws.print_title_rows = f"{header}:{header}"
    ws.print_area = f"A1:{last_col}{total_row}"
    setup_page(ws)


def setup_page(ws) -> None:
    """A4 portrait, as wide as the page, as many pages tall as needed, numbered."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _border(ws, top: int, bottom: int, last_col: str) -> None:
    for row in ws[f"A{top}:{last_col}{bottom}"]:
        for cell in row:
            cell.border = styles.THIN_BORDER


def _width(first_col: str, last_col: str) -> float:
    letters = "ABCDE"
    span = letters[letters.index(first_col): letters.index(last_col) + 1]
    return sum(COLUMN_WIDTHS[c] for c in span)


def fit_height(text: str | None, width: float) -> float:
    """Row height for ``text`` wrapped in ``width`` (merged cells never grow by themselves)."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text or "")
    lines = max(1, math.ceil(units / max(width - 2, 1)))
    return lines * LINE_HEIGHT
