"""Rows and columns a sheet hides: what a reviewer does not see, nor prints, nor publishes.

An office hides the template's example row (``（示例）完成XX项工作``), a helper column of
codes, the rows of a collapsed group; calamine reads their cells like any other, so the
reader took a hidden example row for an indicator (W004, T002). The sheet's XML marks
them (``<row r="9" hidden="1">``, ``<col min="5" max="5" hidden="1"/>``); this module
finds them with a byte search like the formula scan's, and only in a sheet whose bytes
contain ``hidden`` at all: a workbook that hides nothing pays one ``in`` per sheet.

``hide`` then takes the hidden cells' contents out of the grid into ``Grid.hidden``
(the reader makes each a reading note, R003, where it stood): the table is read as it
prints. A merged cell whose first row or column is hidden still shows in the rest of its
range, so its value moves to the range's first visible cell.

Only .xlsx/.xlsm carry the marks where this looks for them; in .xls/.ods calamine does
not say which rows are hidden, and they are read as before.
"""

from __future__ import annotations

import re

from xlperf.sources.grid import Grid, is_blank
from xlperf.sources.workbook.checks import Package
from xlperf.sources.workbook.formulas import _attributes

_HIDDEN = re.compile(rb"""\shidden\s*=\s*["'](?:1|true)["']""")
_TAG_NAME = re.compile(rb"<(?:[\w.-]+:)?(row|col)\s")
_AUTO_FILTER = re.compile(rb"<(?:[\w.-]+:)?autoFilter[\s/>]")

Hidden = tuple[frozenset[int], frozenset[int]]  # rows, columns (0-based)


def hidden_parts(package: Package, sheets: list[str]) -> dict[str, Hidden]:
    """For each named sheet that hides something: its hidden rows and columns (0-based)."""
    found: dict[str, Hidden] = {}
    for sheet in sheets:
        member = package.sheets.get(sheet)
        if member is None or member not in package.members:
            continue
        data = package.read(member)
        if b"hidden" not in data:  # the common case: nothing hidden
            continue
        rows, columns = _hidden(data)
        if rows or columns:
            found[sheet] = (frozenset(rows), frozenset(columns))
    return found


def _hidden(data: bytes) -> tuple[set[int], set[int]]:
    """The rows and columns whose ``<row>``/``<col>`` tag says ``hidden="1"``.

    Not those of a collapsed group (``outlineLevel``: a ``+`` beside the sheet shows them),
    nor rows an AutoFilter hides (the filter's arrow shows them): both are the table's
    content folded away for a while, read as before.
    """
    rows: set[int] = set()
    columns: set[int] = set()
    filtered = _AUTO_FILTER.search(data) is not None
    for match in _HIDDEN.finditer(data):
        start = data.rfind(b"<", 0, match.start())
        name = _TAG_NAME.match(data, start) if start >= 0 else None
        if name is None:
            continue
        end = data.find(b">", match.end())
        attributes = _attributes(data[start:end if end >= 0 else len(data)])
        if attributes.get(b"outlineLevel", "0") not in ("", "0"):
            continue
        if name.group(1) == b"row":
            if filtered:
                continue
            number = attributes.get(b"r", "")
            if number.isdigit() and int(number) > 0:
                rows.add(int(number) - 1)
        else:
            first, last = attributes.get(b"min", ""), attributes.get(b"max", "")
            if first.isdigit() and last.isdigit() and int(first) > 0:
                columns.update(range(int(first) - 1, min(int(last), _MAX_COLUMNS)))
    return rows, columns


_MAX_COLUMNS = 16384  # Excel's last column: a <col> hiding all the unused ones right of a table


def hide(grid: Grid, rows: frozenset[int], columns: frozenset[int]) -> None:
    """Take the contents of hidden cells out of ``grid`` into ``grid.hidden``: a hidden row's
    filled cells at its row (``(column, value, "row")``), a hidden column's filled cells in
    the other rows at its first filled one (``(column, (value, …), "column")``); a merged
    cell keeps showing in its visible part (``_show_merged``)."""
    if not rows and not columns:
        return
    _show_merged(grid, rows, columns)
    hidden_columns = sorted(c for c in columns if c < grid.width)
    in_columns: dict[int, tuple[int, list]] = {}  # column → (its first filled row, values)
    for index, cells in enumerate(grid.rows):
        if index in rows:
            kept = [c for c, v in enumerate(cells) if not is_blank(v)]
            if kept:
                grid.hidden.setdefault(index, []).extend((c, cells[c], "row") for c in kept)
        else:
            kept = [c for c in hidden_columns if c < len(cells) and not is_blank(cells[c])]
            for column in kept:
                in_columns.setdefault(column, (index, []))[1].append(cells[column])
        for column in kept:
            cells[column] = ""
    for column, (row, values) in in_columns.items():
        grid.hidden.setdefault(row, []).append((column, tuple(values), "column"))
    grid.__dict__.pop("width", None)


def _show_merged(grid: Grid, rows: frozenset[int], columns: frozenset[int]) -> None:
    """A merged range whose top-left cell is hidden shows its value in its first visible
    cell: the value moves there, and the range starts there."""
    for at, ((top, left), (bottom, right)) in enumerate(grid.merged):
        if top not in rows and left not in columns:
            continue
        row = next((r for r in range(top, bottom + 1) if r not in rows), None)
        column = next((c for c in range(left, right + 1) if c not in columns), None)
        if row is None or column is None or top >= len(grid.rows) \
                or left >= len(grid.rows[top]):
            continue
        value = grid.rows[top][left]
        cells = grid.rows[row] if row < len(grid.rows) else None
        if cells is None:
            continue
        if column >= len(cells):
            cells.extend([""] * (column + 1 - len(cells)))
        cells[column], grid.rows[top][left] = value, ""
        grid.merged[at] = ((row, column), (bottom, right))
