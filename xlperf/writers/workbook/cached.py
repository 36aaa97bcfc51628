"""Cached values for the formulas xlperf writes, so viewers that never calculate show totals.

A spreadsheet program stores, beside each formula, the value it last
calculated (``<v>`` in the sheet XML); phone previews, mail viewers,
python-calamine and pandas show that value and never calculate. openpyxl
writes formulas with an empty ``<v>``, so those viewers showed 项目清单 and
every 合计 blank. This module works out the values of the few formula shapes
xlperf writes and ``package.py`` writes them into the saved sheets:

- ``SUM(D10:INDEX(D:D,ROW()-1))`` — a column from a header to the row above;
- ``SUM(C2:C8)`` — a plain range (older xlperf workbooks);
- ``IF('项目01'!B3="","",'项目01'!B3)`` — a cell shown elsewhere, blank as blank.

A formula of another shape (one a user typed) keeps the value it had when the
workbook was opened, if the caller knows it (``previous``); otherwise its ``<v>``
stays empty, as openpyxl wrote it, and a spreadsheet program calculates it on
opening.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape
from typing import Any

from openpyxl.utils import column_index_from_string, range_boundaries

Value = float | int | str
_REF = r"(?:(?:'((?:[^']|'')+)'|([^\s'!(),=:]+))!)?\$?([A-Z]{1,3})\$?(\d+)"
_SUM_TO_ABOVE = re.compile(
    rf"^=SUM\({_REF}:INDEX\(\$?([A-Z]{{1,3}}):\$?([A-Z]{{1,3}}),ROW\(\)-1\)\)$")
_SUM_RANGE = re.compile(rf"^=SUM\({_REF}:\$?([A-Z]{{1,3}})\$?(\d+)\)$")
_SHOWN = re.compile(rf'^=IF\({_REF}="","",{_REF}\)$')
MAX_DEPTH = 20  # formulas referring to formulas: 项目清单's 合计 → its amounts → a sheet


def formula_values(workbook: Any,
                   previous: Callable[[str, str, str], Value | None] | None = None
                   ) -> dict[str, dict[str, Value]]:
    """The value of every formula cell xlperf can work out: {sheet title: {cell: value}}.

    ``previous(sheet, cell, formula)`` answers for formulas of other shapes.
    """
    values: dict[str, dict[str, Value]] = {}
    for ws in workbook.worksheets:
        for cell in _formula_cells(ws):
            value = _evaluate(workbook, ws.title, cell.row, cell.value, 0)
            if value is None and previous is not None:
                value = previous(ws.title, cell.coordinate, cell.value)
            if value is not None:
                values.setdefault(ws.title, {})[cell.coordinate] = value
    return values


def _formula_cells(ws: Any) -> Iterator[Any]:
    """The sheet's formula cells; only the cells it holds are visited (``iter_rows`` would
    create every empty cell of the used range)."""
    for cell in list(ws._cells.values()):
        if cell.data_type == "f" and isinstance(cell.value, str):
            yield cell


def _evaluate(workbook: Any, sheet: str, row: int, formula: str, depth: int) -> Value | None:
    if depth > MAX_DEPTH:
        return None
    if match := _SUM_TO_ABOVE.match(formula):
        quoted, bare, column, first, start, end = match.groups()
        if not (column == start == end):
            return None
        return _sum(workbook, _sheet(sheet, quoted, bare), column, int(first), column,
                    row - 1, depth)
    if match := _SUM_RANGE.match(formula):
        quoted, bare, column, first, last_column, last = match.groups()
        return _sum(workbook, _sheet(sheet, quoted, bare), column, int(first), last_column,
                    int(last), depth)
    if match := _SHOWN.match(formula):
        groups = match.groups()
        if groups[:4] != groups[4:]:
            return None
        quoted, bare, column, number = groups[:4]
        value = _value(workbook, _sheet(sheet, quoted, bare), f"{column}{number}", depth)
        return "" if value is None or value == "" else value
    return None


def _sheet(current: str, quoted: str | None, bare: str | None) -> str:
    if quoted is not None:
        return quoted.replace("''", "'")
    return bare or current


def _sum(workbook: Any, sheet: str, first_column: str, first: int, last_column: str,
         last: int, depth: int) -> float | None:
    if sheet not in workbook.sheetnames:
        return None
    ws = workbook[sheet]
    low, high = column_index_from_string(first_column), column_index_from_string(last_column)
    total = 0.0
    for row in range(first, last + 1):
        for column in range(low, high + 1):
            value = _cell_value(workbook, ws, row, column, depth)
            if isinstance(value, int | float) and not isinstance(value, bool):
                total += value
    return int(total) if total.is_integer() else round(total, 10)


def _value(workbook: Any, sheet: str, address: str, depth: int) -> Value | None:
    if sheet not in workbook.sheetnames:
        return None
    ws = workbook[sheet]
    min_col, min_row, _, _ = range_boundaries(address)
    return _cell_value(workbook, ws, min_row, min_col, depth)


def _cell_value(workbook: Any, ws: Any, row: int, column: int, depth: int) -> Any:
    cell = ws._cells.get((row, column))  # no empty cells created while reading
    if cell is None:
        return None
    value = cell.value
    if cell.data_type == "f" and isinstance(value, str):
        return _evaluate(workbook, ws.title, row, value, depth + 1)
    return value


# --- writing the values into a saved sheet ---------------------------------------------------

_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3}\d+)"([^>]*)><f>(.*?)</f><v\s*/>|'
                           rb'<c r="([A-Z]{1,3}\d+)"([^>]*)><f>(.*?)</f><v></v>', re.S)


def with_values(part: bytes, values: dict[str, Value]) -> bytes:
    """A sheet part as openpyxl wrote it (``<f>…</f><v></v>``) with ``values`` cached."""
    if not values:
        return part

    def cached(match: re.Match[bytes]) -> bytes:
        ref, attributes, formula = (match.group(1, 2, 3) if match.group(1)
                                    else match.group(4, 5, 6))
        value = values.get(ref.decode())
        if value is None:
            return match.group(0)
        attributes = re.sub(rb'\s+t="[^"]*"', b"", attributes)
        if isinstance(value, str):
            attributes += b' t="str"'
            text = escape(value, quote=False)
        else:
            text = repr(float(value)) if isinstance(value, float) else str(value)
            text = text.removesuffix(".0")
        return (b'<c r="' + ref + b'"' + attributes + b"><f>" + formula + b"</f><v>"
                + text.encode("utf-8") + b"</v>")

    return _FORMULA_CELL.sub(cached, part)
