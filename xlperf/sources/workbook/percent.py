"""Numbers a workbook shows as percentages: 0.9 in a cell formatted ``0%`` is read ``90%``.

Typing ``90%`` into Excel or WPS stores 0.9 with a percent number format;
calamine gives the value without its format, so the reader saw ``0.9``: a
target ``0.9`` (Q005 “没有写单位”, Q007 “不是满意度比率”) and weights of
``0.2`` adding up to 1 (W001). The reader reads what the user sees, so each
numeric cell with a percent format becomes the text Excel shows (``90%``,
``12.5%`` for ``0.0%``); the weight reader takes ``20%`` as 20.

Only .xlsx/.xlsm carry the formats where this can look for them (their
``xl/styles.xml`` and each sheet's ``s=`` attributes, found by a byte search
like the formula scan's); a workbook without a percent style costs one
search of its styles part.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from xlperf.sources.grid import column_index
from xlperf.sources.workbook.checks import Package
from xlperf.sources.workbook.formulas import _local

_STYLES = "xl/styles.xml"
_BUILT_IN = {9: 0, 10: 2}  # Excel's own percent formats: 0%, 0.00%
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text and colours, not the format
_DECIMALS = re.compile(r"\.([0#?]+)")


def percent_cells(package: Package, sheets: list[str]) -> dict[str, dict[tuple[int, int], int]]:
    """For each named sheet: (row, column) from 0 → decimals, for numeric cells whose
    number format is a percentage."""
    if _STYLES not in package.members:
        return {}
    styles = _percent_styles(package.read(_STYLES))
    if not styles:
        return {}
    cell = re.compile(rb'<c\s[^>]*?\bs="(' + b"|".join(str(s).encode() for s in styles)
                      + rb')"[^>]*>')
    found: dict[str, dict[tuple[int, int], int]] = {}
    for sheet in sheets:
        member = package.sheets.get(sheet)
        if member is None or member not in package.members:
            continue
        cells = _cells(package.read(member), cell, styles)
        if cells:
            found[sheet] = cells
    return found


def shown(value: float, decimals: int) -> str:
    """The text Excel shows for ``value`` in a percent format with ``decimals`` places."""
    return f"{value * 100:.{decimals}f}%"


def _percent_styles(data: bytes) -> dict[int, int]:
    """Cell style index (the ``s=`` of a cell) → decimals, for styles showing a percentage."""
    if b"%" not in data and b'numFmtId="9"' not in data and b'numFmtId="10"' not in data:
        return {}
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:  # a damaged styles part: the values as calamine gives them
        return {}
    formats = dict(_BUILT_IN)
    for element in root.iter():
        if _local(element.tag) == "numFmt":
            decimals = _format_decimals(element.get("formatCode", ""))
            if decimals is not None and element.get("numFmtId", "").isdigit():
                formats[int(element.get("numFmtId", ""))] = decimals
    cell_formats = next((e for e in root if _local(e.tag) == "cellXfs"), None)
    if cell_formats is None:
        return {}
    return {index: formats[number] for index, xf in enumerate(cell_formats)
            if (number := _number(xf.get("numFmtId"))) in formats}


def _format_decimals(code: str) -> int | None:
    """Decimals of a number format that shows a percentage (``0.0%`` → 1), else None."""
    first = _QUOTED.sub("", code).split(";", 1)[0]  # the positive numbers' section
    if "%" not in first:
        return None
    places = _DECIMALS.search(first)
    return len(places.group(1)) if places else 0


def _cells(data: bytes, cell: re.Pattern[bytes], styles: dict[int, int]
           ) -> dict[tuple[int, int], int]:
    """The numeric cells of a sheet's XML with one of ``styles``."""
    found: dict[tuple[int, int], int] = {}
    for match in cell.finditer(data):
        tag = match.group(0)
        kind = _TYPE.search(tag)
        if kind is not None and kind.group(1) != b"n":  # text, a boolean, an error
            continue
        where = _ADDRESS.search(tag)
        if where is not None:
            row, column = int(where.group(2)) - 1, column_index(where.group(1).decode())
            found[(row, column)] = styles[int(match.group(1))]
    return found


_TYPE = re.compile(rb'\bt="(\w+)"')
_ADDRESS = re.compile(rb'\br="([A-Z]+)([0-9]+)"')


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None
