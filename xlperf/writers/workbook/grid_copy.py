"""An .xlsx copy of a workbook xlperf can read but not edit in place (.xls, .xlsb, .ods).

``xlperf validate --annotate`` marks findings in a copy of the user's file;
openpyxl writes only .xlsx, so for the other formats the copy is rebuilt from
the cells calamine read: every sheet's values at their addresses (so a
finding's ``项目01!C11`` is the same cell in the copy) and its merged cells.
Formats, widths and formulas of the original are not carried over — the
command says so when it writes the copy.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from xlperf.sources.grid import Grid, address, column_letter
from xlperf.writers.workbook.styles import set_text

if TYPE_CHECKING:
    from openpyxl import Workbook

# Values a cell holds as they are (calamine gives dates as datetime objects).
_KEPT = (bool, int, float, datetime.datetime, datetime.date, datetime.time, datetime.timedelta)


def workbook_of_grids(grids: list[Grid]) -> Workbook:
    """A workbook holding ``grids``: one sheet each, values where they were read."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for grid in grids:
        sheet = workbook.create_sheet(grid.sheet or "Sheet")
        for row, cells in enumerate(grid.rows):
            for column, value in enumerate(cells):
                if value == "" or value is None:
                    continue
                cell = sheet.cell(row + 1, column + 1)
                if isinstance(value, str):
                    set_text(cell, value)  # text stays text, never a formula
                elif isinstance(value, _KEPT):
                    cell.value = value
                else:
                    set_text(cell, str(value))
        for (top, left), (bottom, right) in grid.merged:
            if (top, left) != (bottom, right):
                sheet.merge_cells(f"{address(top, left)}:{address(bottom, right)}")
        _fit_columns(sheet, grid)
        sheet.sheet_properties.pageSetUpPr.fitToPage = True  # printed one page wide
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    return workbook


def _fit_columns(sheet, grid: Grid) -> None:
    """Columns as wide as their text (a CJK character counts two), within reason, and
    long text wrapped: the original's widths are not in the cells calamine reads."""
    from openpyxl.styles import Alignment

    widths: dict[int, int] = {}
    for cells in grid.rows:
        for column, value in enumerate(cells):
            if value != "" and value is not None:
                widths[column] = max(widths.get(column, 0), _display_width(str(value)))
    wrap = Alignment(wrap_text=True, vertical="center")
    for column, width in widths.items():
        letter = column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width, 4) + 2, _WIDEST)
        if width > _WIDEST:
            for (cell,) in sheet.iter_rows(min_col=column + 1, max_col=column + 1):
                cell.alignment = wrap


_WIDEST = 50  # characters: wider text wraps


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
