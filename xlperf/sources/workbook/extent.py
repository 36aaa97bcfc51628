"""How far each worksheet reaches, read from its XML before calamine loads it.

calamine allocates a sheet as one rectangle from its first to its last cell
with a value: a 3 kB workbook with one cell at XFD1048576 asks for 512 GiB
and aborts the process (exit 134, no message), and the same cell at row
20 000 costs 10 GB. So before a sheet is loaded its extent is read from the
bytes:

- the common case is settled by one search: every cell element starts with
  an ``r`` within ZZ999 (what every spreadsheet program writes for a goal
  table), so the sheet spans at most 999 × 702 cells;
- otherwise the cell and row tags are walked as calamine walks them (cells
  without ``r`` count on from the previous one) and the farthest cell with a
  value is found.

A sheet beyond ``limits.MAX_SHEET_CELLS`` is not loaded. When it is a project
or 部门信息 sheet (its first rows mention 项目名称 or 部门名称, looked up in
the bytes and the shared strings) the workbook is refused with the far cell
named; any other sheet is skipped, as the reader never uses it.

A shared-string table that declares more strings than it can hold
(``uniqueCount="1000000000000000"``) makes calamine reserve memory for them
and abort the same way; ``check_shared_strings`` refuses it first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from xlperf import limits
from xlperf.errors import InputError
from xlperf.sources.grid import address
from xlperf.sources.workbook.checks import Package

SHARED_STRINGS = "xl/sharedStrings.xml"
# A cell element that does not start with an r within ZZ999: the exact walk is needed.
_UNUSUAL_CELL = re.compile(rb'<c(?! r="[A-Z]{1,2}[0-9]{1,3}")[\s>/]')
_FAST_ROWS, _FAST_COLUMNS = 999, 702
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)\b([^>]*)>")
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_R = re.compile(rb"""\br\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")
_UNIQUE_COUNT = re.compile(rb"""<(?:[\w.-]+:)?sst\b[^>]*\buniqueCount\s*=\s*["']\s*([0-9]+)""")
_ROW = re.compile(rb"<(?:[\w.-]+:)?row\b")
_SI_BLOCK = re.compile(rb"<(?:[\w.-]+:)?si\b[^>]*>(.*?)</(?:[\w.-]+:)?si>", re.DOTALL)
_MARKUP = re.compile(rb"<[^>]*>")
_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7});")
_STRING_CELL = re.compile(rb"""<(?:[\w.-]+:)?c\b[^>]*\bt\s*=\s*["']s["'][^>]*>\s*"""
                          rb"""<(?:[\w.-]+:)?v>\s*([0-9]+)\s*<""")


@dataclass(frozen=True)
class Extent:
    """The rectangle from A1 to a sheet's farthest cells with a value (1-based counts), and
    those cells: the lowest and the rightmost (one cell when it is both)."""

    rows: int
    columns: int
    far: tuple[str, ...] = ()

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def sheet_extent(data: bytes) -> Extent:
    """The extent of one worksheet part; ``Extent(999, 702)`` stands for "small" (at most)."""
    if b"<sheetData" in data and not _UNUSUAL_CELL.search(data):
        return Extent(_FAST_ROWS, _FAST_COLUMNS)
    return _walk(data)


def _walk(data: bytes) -> Extent:
    """calamine's positions: a row's ``r`` sets the row, its end moves to the next; a cell's
    ``r`` sets row and column, a cell without one takes the next column. Only cells with
    content count (calamine skips ``<c …/>``)."""
    row = column = 0
    last_row = last_column = -1
    lowest = rightmost = (0, 0)
    for match in _TAG.finditer(data):  # one tag at a time: a big sheet makes no big list
        closing, tag, attributes = match.groups()
        if closing:
            if tag == b"row":
                row, column = row + 1, 0
            continue
        if attributes.endswith(b"/"):
            continue  # <row …/> and <c …/>: calamine skips both
        where = _R.search(attributes)
        if tag == b"row":
            if where and where.group(2):
                row = int(where.group(2)) - 1
            continue
        if where and where.group(1) and where.group(2):
            row, column = int(where.group(2)) - 1, _column(where.group(1))
        if row > last_row:
            last_row, lowest = row, (row, column)
        if column > last_column:
            last_column, rightmost = column, (row, column)
        column += 1
    far = tuple(dict.fromkeys(address(*cell) for cell in (lowest, rightmost)))
    return Extent(last_row + 1, last_column + 1, far)


def _column(letters: bytes) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + letter - 64
    return index - 1


def loadable_sheets(package: Package, names: list[str], scan_rows: int,
                    labels: Iterable[str]) -> list[str]:
    """``names`` without the sheets too large to load, which the reader never uses.

    Raises ``InputError`` for a workbook with more sheets than a department
    has, and (naming the sheet and its far cell) for a sheet too large to load
    whose first ``scan_rows`` rows mention one of ``labels``.
    """
    if len(names) > limits.MAX_SHEETS:
        raise InputError(f"工作簿有 {len(names)} 张工作表，超过上限 {limits.MAX_SHEETS}"
                         f"（每个项目一张，一个部门至多 {limits.MAX_PROJECTS} 个项目）；"
                         "请确认这是一个部门的工作簿，多个部门请分别保存")
    if package.kind != "xlsx":  # .xls/.xlsb/.ods keep their cells in other structures
        return names
    parts = package.sheets
    loadable = []
    for name in names:
        member = parts.get(name)
        if member is not None and member in package.members:
            data = package.read(member)
            extent = sheet_extent(data)
            if extent.cells > limits.MAX_SHEET_CELLS:
                if _mentions(package, _head(data, scan_rows), labels):
                    raise too_large(extent, name)
                continue
        loadable.append(name)
    return loadable


def too_large(extent: Extent, sheet: str) -> InputError:
    one = len(extent.far) == 1
    cells = "这个单元格" if one else f"单元格 {' 和 '.join(extent.far)} "
    return InputError(
        f"{cells}中的内容使表格范围扩大到 {extent.rows} 行 × {extent.columns} 列，"
        f"远超一张绩效目标表（读取上限 {limits.MAX_SHEET_CELLS // 10000} 万个单元格）；"
        "请删除其中误填的内容（或选中表格以外多余的行和列后删除）并保存后再试",
        sheet=sheet, cell=extent.far[0] if one else None)


def workbook_cells(package: Package) -> int:
    """Cell elements in every worksheet (for the annotated copy's limit), counted without
    building anything: a million-row sheet is counted in its own bytes."""
    total = 0
    for member in package.sheets.values():
        if member in package.members:
            data = package.read(member)
            if b"<sheetData" in data:
                total += data.count(b"<c ") + data.count(b"<c>")
            else:  # namespace prefixes (<x:c>)
                total += sum(1 for _ in _CELL_START.finditer(data))
    return total


def _head(data: bytes, rows: int) -> bytes:
    """The sheet's bytes before its ``rows + 1``-th row element (the rows the reader scans)."""
    after = next(islice(_ROW.finditer(data), rows, None), None)
    return data if after is None else data[:after.start()]


def _mentions(package: Package, head: bytes, labels: Iterable[str]) -> bool:
    """Whether ``head`` holds one of ``labels``, inline or as a shared string (also one split
    into rich-text runs)."""
    wanted = [label.encode("utf-8") for label in labels]
    if any(label in _characters(head) for label in wanted):
        return True
    if SHARED_STRINGS not in package.members:
        return False
    indices = {int(index) for index in _STRING_CELL.findall(head)}
    if not indices:
        return False
    for index, block in enumerate(_SI_BLOCK.findall(package.read(SHARED_STRINGS))):
        if index in indices and any(label in _characters(_MARKUP.sub(b"", block))
                                    for label in wanted):
            return True
    return False


def _characters(part: bytes) -> bytes:
    """XML character references (``&#39033;``, ``&#x9879;``, as openpyxl writes Chinese) as
    UTF-8, so that a label is found however it was written."""
    return _REFERENCE.sub(_character, part) if b"&#" in part else part


def _character(match: re.Match[bytes]) -> bytes:
    code = match.group(1)
    try:
        return chr(int(code[1:], 16) if code[:1] in b"xX" else int(code)).encode("utf-8")
    except (ValueError, OverflowError):
        return match.group(0)


def check_shared_strings(package: Package, where: str) -> None:
    """Refuse a shared-string table that declares more strings than its bytes can hold."""
    info = package.members.get(SHARED_STRINGS)
    if info is None:
        return
    declared = _UNIQUE_COUNT.search(package.head(SHARED_STRINGS))
    # Each string takes at least ``<si/>``: more than a fifth of the bytes cannot be true.
    if declared and int(declared.group(1)) > info.file_size // 5:
        raise InputError(f"工作簿的共享字符串表声明了 {int(declared.group(1))} 个字符串，"
                         "与其内容不符，文件已损坏或是恶意文件，已拒绝读取；"
                         "请在 Excel 中打开并另存后再试", file=where)
