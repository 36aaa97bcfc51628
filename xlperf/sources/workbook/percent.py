"""Numbers a workbook shows as percentages: 0.9 in a cell formatted ``0%`` is read ``90%``.

Typing ``90%`` into Excel or WPS stores 0.9 with a percent number format;
calamine gives the value without its format, so the reader saw ``0.9``: a
target ``0.9`` (Q005 “没有写单位”, Q007 “不是满意度比率”) and weights of
``0.2`` adding up to 1 (W001). The reader reads what the user sees, so each
numeric cell with a percent format becomes the text Excel shows (``90%``,
``12.5%`` for ``0.0%``); the weight reader takes ``20%`` as 20.

The same holds for a number format that writes text around the number (``"≥"0%`` shows
0.95 as ``≥95%``, ``0"处"`` 10 as ``10处``, ``#,##0.00"元"`` an amount with its unit): the
cell is read as that text (before, ``10`` — Q005 “没有写单位” — and ``95%`` without its
``≥``). A format whose only text is 分 (``0"分"`` on a weight) changes nothing the reader
needs and leaves the number as it is.

Only .xlsx/.xlsm carry the formats where this can look for them (their
``xl/styles.xml`` and each sheet's ``s=`` attributes, found by a byte search
like the formula scan's); a workbook without a percent style or a quoted or
escaped text in a format costs one search of its styles part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.etree import ElementTree

from xlperf.sources.grid import column_index
from xlperf.sources.workbook.checks import Package
from xlperf.sources.workbook.formulas import _local

_STYLES = "xl/styles.xml"
_BUILT_IN = {9: 0, 10: 2}  # Excel's own percent formats: 0%, 0.00%
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text and colours, not the format
_DECIMALS = re.compile(r"\.([0#?]+)")
# A format's first section: literal text, the number (0, 0.0, #,##0.00, with %), text.
_PIECE = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|([#0?,.%]+)|(.)')
_NUMBER = re.compile(r"[#0?]*,?[#0?]*(?:\.[#0?]+)?%?")
# A weight's own unit, a currency sign, a space: the number alone is what the reader needs.
_UNCHANGED = frozenset("分¥￥$€ ")
_PLAIN_LITERALS = frozenset(" -+()$")  # what Excel writes around a number unquoted


@dataclass(frozen=True)
class Shown:
    """How a number format shows a number: text before and after it, its decimals,
    thousands separators, a percentage."""

    decimals: int
    percent: bool = False
    prefix: str = ""
    suffix: str = ""
    thousands: bool = False


def percent_cells(package: Package, sheets: list[str]) -> dict[str, dict[tuple[int, int], Shown]]:
    """For each named sheet: (row, column) from 0 → how it is shown, for numeric cells whose
    number format is a percentage or writes text around the number."""
    if _STYLES not in package.members:
        return {}
    styles = _percent_styles(package.read(_STYLES))
    if not styles:
        return {}
    cell = re.compile(rb'<c\s[^>]*?\bs="(' + b"|".join(str(s).encode() for s in styles)
                      + rb')"[^>]*>')
    found: dict[str, dict[tuple[int, int], Shown]] = {}
    for sheet in sheets:
        member = package.sheets.get(sheet)
        if member is None or member not in package.members:
            continue
        cells = _cells(package.read(member), cell, styles)
        if cells:
            found[sheet] = cells
    return found


def shown(value: float, how: Shown) -> str:
    """The text Excel shows for ``value`` in a format shown as ``how``."""
    number = Decimal(repr(value)) * (100 if how.percent else 1)
    number = number.quantize(Decimal(1).scaleb(-how.decimals), rounding=ROUND_HALF_UP)
    text = f"{number:,}" if how.thousands else f"{number}"
    return f"{how.prefix}{text}{'%' if how.percent else ''}{how.suffix}"


def _percent_styles(data: bytes) -> dict[int, Shown]:
    """Cell style index (the ``s=`` of a cell) → how it shows a number, for styles showing a
    percentage or text around the number."""
    if b"%" not in data and b'numFmtId="9"' not in data and b'numFmtId="10"' not in data \
            and b"&quot;" not in data and b"\\" not in data:
        return {}
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:  # a damaged styles part: the values as calamine gives them
        return {}
    formats = {number: Shown(decimals, percent=True) for number, decimals in _BUILT_IN.items()}
    for element in root.iter():
        if _local(element.tag) == "numFmt":
            how = _format_shown(element.get("formatCode", ""))
            if how is not None and element.get("numFmtId", "").isdigit():
                formats[int(element.get("numFmtId", ""))] = how
    cell_formats = next((e for e in root if _local(e.tag) == "cellXfs"), None)
    if cell_formats is None:
        return {}
    return {index: formats[number] for index, xf in enumerate(cell_formats)
            if (number := _number(xf.get("numFmtId"))) in formats}


def _format_shown(code: str) -> Shown | None:
    """How a format shows a number when it is a percentage or writes text around one
    (``"≥"0%``, ``0"处"``, ``#,##0.00"元"``); None for any other (a plain number, a date,
    a condition, or one whose only text is 分)."""
    pieces = _PIECE.findall(_first_section(code))
    before: list[str] = []
    after: list[str] = []
    number = None
    for quoted, escaped, bracket, digits, other in pieces:
        if bracket:
            if not re.fullmatch(r"\[[A-Za-z]+\d*\]", bracket):  # a colour is fine; [>=90] not
                return None
            continue
        literal = quoted or escaped or (other if other and (other in _PLAIN_LITERALS
                                                            or not other.isascii()) else None)
        if digits:
            if number is not None or not _NUMBER.fullmatch(digits):
                return None
            number = digits
        elif literal is not None:
            (before if number is None else after).append(literal)
        elif other:
            return None  # a date (yyyy), a fraction, text (@): not a number with text
    if number is None or not any(ch in number for ch in "0#?"):
        return None
    prefix, suffix = "".join(before), "".join(after)
    percent = number.endswith("%")
    if not percent and set(prefix + suffix) <= _UNCHANGED:
        return None  # a plain number (or 10分, ¥1,234.00): it stays a number
    places = _DECIMALS.search(number)
    return Shown(len(places.group(1)) if places else 0, percent, prefix, suffix, "," in number)


def _first_section(code: str) -> str:
    """The format's section for positive numbers (``;`` outside quotes ends it)."""
    inside = False
    for index, ch in enumerate(code):
        if ch == '"':
            inside = not inside
        elif ch == ";" and not inside:
            return code[:index]
    return code


def _cells(data: bytes, cell: re.Pattern[bytes], styles: dict[int, Shown]
           ) -> dict[tuple[int, int], Shown]:
    """The numeric cells of a sheet's XML with one of ``styles``."""
    found: dict[tuple[int, int], Shown] = {}
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
