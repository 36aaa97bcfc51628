"""The book port: what the Excel buttons need from a workbook, whatever holds it.

Two adapters implement it: ``XlwingsBook`` (a live ``xw.Book`` inside Excel)
and ``OpenpyxlBook`` (an openpyxl ``Workbook``, the same code path as
``xlperf validate --annotate``). The book-level functions in
``xlperf.excel.book`` speak only to this port, so a button pressed in Excel
and a command run on a file find the same problems.

Marks follow ``xlperf.reports.marks``: ``plan_marks`` turns findings into
fill / note / report-sheet actions, and every marked cell is recorded in the
very hidden ``_xlperf_marks`` sheet with its previous fill and note, so that
clearing restores the user's own formatting and either adapter can clear the
other's marks. ``execute_marks`` / ``execute_clear`` here carry out that
protocol on the port's primitives (the xlwings adapter uses them; the
openpyxl adapter hands the same actions to ``xlperf.reports.annotate``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from xlperf.model import Department
from xlperf.reports.marks import (
    LINK_COLUMN,
    MARKS_HEADER,
    MARKS_SHEET,
    SEVERITY_FILLS,
    Fill,
    Note,
    ReportSheet,
    is_xlperf_note,
    no_findings_row,
    note_with_previous,
    plan_marks,
)
from xlperf.validation.findings import Finding

_NO_FILL_XML = '<fill><patternFill patternType="none"/></fill>'
_RGB = re.compile(r'<fgColor\b[^>]*\brgb="(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})"')
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


class BookPort(Protocol):
    """The few things the buttons do to a workbook. Cells are A1 references; colours RRGGBB."""

    @property
    def name(self) -> str:
        """The workbook's file name (for messages and findings)."""

    @property
    def folder(self) -> Path | None:
        """The folder the workbook is saved in; None while it has never been saved."""

    def read_department(self) -> Department:
        """The department the book holds (``InputError`` when it holds none)."""

    def mark(self, findings: Sequence[Finding]) -> None:
        """Fill, note and report ``findings``, replacing any earlier marks."""

    def clear(self) -> int:
        """Remove xlperf's marks; returns how many cells were restored."""

    def sheet_names(self) -> list[str]:
        """Sheets in tab order, hidden ones included."""

    def read_values(self, sheet: str) -> list[list[Any]]:
        """The sheet's values from A1, row by row, ``""`` for an empty cell."""

    def write_values(self, sheet: str, cell: str, rows: Sequence[Sequence[Any]]) -> None:
        """Write a block whose top-left is ``cell``; strings stay text, None empties a cell."""

    def write_formula(self, sheet: str, cell: str, formula: str) -> None:
        """Write a formula xlperf composed (never user text)."""

    def fill_of(self, sheet: str, cell: str) -> str | None:
        """The cell's solid fill colour, None when it has none (or it cannot be read)."""

    def set_fill(self, sheet: str, cell: str, colour: str | None) -> None:
        """Fill the cell (or a block such as ``A2:A9``) with ``colour``; None removes the fill."""

    def note_of(self, sheet: str, cell: str) -> str | None:
        """The text of the cell's note (comment), None when there is none."""

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        """Replace the cell's note with ``text``; None removes it."""

    def anchor(self, sheet: str, cell: str) -> str:
        """The cell a user sees for ``cell``: the top-left cell of its merged range."""

    def add_sheet(self, name: str, *, hidden: bool = False) -> None:
        """Add an empty sheet after the last one (very hidden when ``hidden``)."""

    def copy_sheet(self, source: str, name: str, after: str) -> None:
        """Copy ``source`` (layout, formats, drop-downs) as ``name`` right after ``after``."""

    def insert_row(self, sheet: str, row: int) -> None:
        """Insert an empty row before ``row``, formatted like the row above."""

    def delete_sheet(self, name: str) -> None: ...

    def activate(self, sheet: str) -> None: ...

    def link(self, sheet: str, cell: str, location: str, text: str) -> None:
        """Make ``cell`` show ``text`` and link to ``location`` (``'项目01'!C11``) in the book."""

    def status(self, message: str) -> None:
        """Show a one-line message in the status bar ("" clears it), where there is one."""

    def alert(self, message: str) -> None:
        """Show a message box (adapters without a screen keep it in ``messages``)."""


# Reading the department from the live values.


def read_department(port: BookPort) -> Department:
    """The department in the book, read with the workbook reader's own parsing.

    Values come from the port (what the user sees, saved or not), so a button
    pressed after an edit checks the edit. Merged ranges are not passed: the
    reader only uses them for labels spread over several cells, which the
    template does not have.
    """
    from xlperf.sources.grid import Grid
    from xlperf.sources.workbook import reader

    grids = [Grid(sheet, [list(row) for row in port.read_values(sheet)])
             for sheet in port.sheet_names() if sheet != MARKS_SHEET]
    # Live values from Excel are always calculated: no formula scan of the saved file.
    return reader.department_from_grids(grids, port.name)


# Marks on the port's primitives.


def execute_marks(port: BookPort, findings: Iterable[Finding]) -> str:
    """Mark ``findings`` (after clearing earlier marks), recording what each cell had before.

    Returns the report sheet's name (``校验结果``, or ``校验结果 (2)`` when the user
    has a sheet of that name).
    """
    execute_clear(port)
    findings = list(findings)
    record: list[list[Any]] = [list(MARKS_HEADER)]
    title = ""
    # Asked once: in Excel each name is a call, and the cell marks add no sheet.
    sheets = set(port.sheet_names())
    anchored = [_anchored(port, sheets, f) for f in findings]
    notes: dict[tuple[str, str], str | None] = {}  # each filled cell's note, read for the record
    for action in plan_marks(anchored):
        if isinstance(action, Fill):
            _fill(port, sheets, action, record, notes)
        elif isinstance(action, Note) and _exists(sheets, action.sheet, action.cell):
            where = (action.sheet, action.cell)
            previous = notes[where] if where in notes else port.note_of(*where)
            port.set_note(action.sheet, action.cell, note_with_previous(action.text, previous))
        elif isinstance(action, ReportSheet):
            title = _free_title(port, action.title)
            _report(port, title, action)
            record.append(["report", title, None, None, None, None, None])
    port.add_sheet(MARKS_SHEET, hidden=True)
    port.write_values(MARKS_SHEET, "A1", record)
    return title


def _anchored(port: BookPort, sheets: set[str], finding: Finding) -> Finding:
    if not finding.sheet or not finding.cell or finding.sheet not in sheets:
        return finding
    cell = port.anchor(finding.sheet, finding.cell)
    if cell == finding.cell:
        return finding
    from dataclasses import replace

    return replace(finding, cell=cell)


def _exists(sheets: set[str], sheet: str, cell: str) -> bool:
    """A finding may name a sheet the user has since renamed, or a whole range."""
    return sheet in sheets and bool(_CELL.match(cell))


def _fill(port: BookPort, sheets: set[str], action: Fill, record: list[list[Any]],
          notes: dict[tuple[str, str], str | None]) -> None:
    """Fill the cell, recording its previous fill and note (kept in ``notes`` for its Note,
    which comes next: one read of the note, a call to Excel, instead of two)."""
    if not _exists(sheets, action.sheet, action.cell):
        return
    previous = port.fill_of(action.sheet, action.cell)
    note = notes[(action.sheet, action.cell)] = port.note_of(action.sheet, action.cell)
    record.append(["cell", action.sheet, action.cell, action.colour, fill_xml(previous),
                   note, None])
    port.set_fill(action.sheet, action.cell, action.colour)


def fill_xml(colour: str | None) -> str:
    """A previous fill in the record's format (the OOXML ``<fill>`` openpyxl reads back)."""
    if colour is None:
        return _NO_FILL_XML
    return f'<fill><patternFill patternType="solid"><fgColor rgb="FF{colour.upper()}"/>' \
           "</patternFill></fill>"


def colour_of_fill_xml(xml: str | None) -> str | None:
    """The RRGGBB a recorded fill had; None for no fill (or a theme colour, read as none)."""
    if not xml or 'patternType="solid"' not in xml:
        return None
    match = _RGB.search(xml)
    return match.group(1).upper() if match else None


def _report(port: BookPort, title: str, action: ReportSheet) -> None:
    port.add_sheet(title)
    rows = [list(action.header), *(list(row.values) for row in action.rows)]
    if not action.rows:
        rows.append(no_findings_row(len(action.header)))
    port.write_values(title, "A1", rows)
    colours = [SEVERITY_FILLS.get(row.severity, "FFFFFF") for row in action.rows]
    for first, last, colour in _runs(colours, start=2):
        port.set_fill(title, f"A{first}:A{last}", colour)
    for index, row in enumerate(action.rows, start=2):
        if row.link:
            port.link(title, f"{_column(LINK_COLUMN)}{index}", row.link, row.values[LINK_COLUMN])


def _runs(values: list[str], start: int) -> list[tuple[int, int, str]]:
    """(first row, last row, value) of each run of equal values, rows numbered from ``start``:
    the 级别 column filled a run at a time, one call to Excel instead of one per row."""
    runs: list[tuple[int, int, str]] = []
    for row, value in enumerate(values, start=start):
        if runs and runs[-1][2] == value and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row, value)
        else:
            runs.append((row, row, value))
    return runs


def _column(index: int) -> str:
    return chr(ord("A") + index)


def _free_title(port: BookPort, title: str) -> str:
    names = set(port.sheet_names())
    candidate, number = title, 2
    while candidate in names:
        candidate, number = f"{title} ({number})", number + 1
    return candidate


def execute_clear(port: BookPort) -> int:
    """Undo the recorded marks; returns how many cells were restored.

    A cell the user refilled since keeps the user's fill; a note the user
    rewrote (no longer starting with xlperf's title) is left alone.
    """
    if MARKS_SHEET not in port.sheet_names():
        return 0
    restored = 0
    sheets = set(port.sheet_names())
    for row in port.read_values(MARKS_SHEET)[1:]:
        entry = dict(zip(MARKS_HEADER, [v if v != "" else None for v in row], strict=False))
        if entry["kind"] == "cell" and entry["sheet"] in sheets:
            restored += _restore(port, entry)
        elif entry["kind"] == "report" and entry["sheet"] in sheets:
            port.delete_sheet(entry["sheet"])
    port.delete_sheet(MARKS_SHEET)
    return restored


def _restore(port: BookPort, entry: dict[str, Any]) -> int:
    sheet, cell = entry["sheet"], entry["cell"]
    current = port.fill_of(sheet, cell)
    if current is None or (entry["colour"] and current.upper() == str(entry["colour"]).upper()):
        port.set_fill(sheet, cell, colour_of_fill_xml(entry["fill"]))
    note = port.note_of(sheet, cell)
    if note is None or is_xlperf_note(note):
        port.set_note(sheet, cell, entry["comment"] or None)
    return 1
