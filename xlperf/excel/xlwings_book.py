"""The book port on a live ``xlwings.Book`` (Excel desktop through COM, or xlwings' remote engine).

xlwings is only touched through the book object handed in, so importing this
module does not import xlwings. Where an engine cannot do something (the
remote engine cannot read fills or note texts, has no status bar), the adapter
degrades to "unknown" instead of failing the button.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlperf.excel.port import execute_clear, execute_marks, read_department
from xlperf.model import Department
from xlperf.validation.findings import Finding

XL_SHEET_VISIBLE = -1
XL_SHEET_VERY_HIDDEN = 2
_UNSUPPORTED = (NotImplementedError, AttributeError)


class XlwingsBook:
    """``BookPort`` for an ``xw.Book``."""

    def __init__(self, book: Any) -> None:
        self.book = book

    @property
    def name(self) -> str:
        return self.book.name

    @property
    def folder(self) -> Path | None:
        full = Path(self.book.fullname)
        return full.parent if full.name != str(full) and full.parent.is_dir() else None

    def read_department(self) -> Department:
        return read_department(self)

    def mark(self, findings: Sequence[Finding]) -> None:
        report = execute_marks(self, findings)
        self.activate(report)

    def clear(self) -> int:
        return execute_clear(self)

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def _sheet(self, name: str) -> Any:
        return self.book.sheets[name]

    def read_values(self, sheet: str) -> list[list[Any]]:
        ws = self._sheet(sheet)
        last = ws.used_range.last_cell
        block = ws.range((1, 1), (last.row, last.column))
        rows = block.options(ndim=2).value or []
        return [["" if value is None else value for value in row] for row in rows]

    def write_values(self, sheet: str, cell: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        width = max(len(row) for row in rows)
        block = [[as_text(v) for v in row] + [None] * (width - len(row)) for row in rows]
        self._sheet(sheet).range(cell).value = block

    def write_formula(self, sheet: str, cell: str, formula: str) -> None:
        self._sheet(sheet).range(cell).formula = formula

    def fill_of(self, sheet: str, cell: str) -> str | None:
        try:
            colour = self._sheet(sheet).range(cell).color
        except _UNSUPPORTED:
            return None
        if colour is None:
            return None
        if isinstance(colour, str):
            return colour.lstrip("#").upper()
        return "{:02X}{:02X}{:02X}".format(*colour)

    def set_fill(self, sheet: str, cell: str, colour: str | None) -> None:
        value = None if colour is None else tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
        self._sheet(sheet).range(cell).color = value

    def note_of(self, sheet: str, cell: str) -> str | None:
        try:
            note = self._sheet(sheet).range(cell).note
            return None if note is None else note.text
        except _UNSUPPORTED:
            return None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        target = self._sheet(sheet).range(cell)
        if target.note is not None:
            target.note.delete()
        if text:
            target.add_note(text)

    def anchor(self, sheet: str, cell: str) -> str:
        try:
            area = self._sheet(sheet).range(cell).merge_area
        except _UNSUPPORTED:
            return cell
        return area[0].address.replace("$", "")

    def add_sheet(self, name: str, *, hidden: bool = False) -> None:
        sheets = self.book.sheets
        ws = sheets.add(name=name, after=sheets[len(sheets) - 1])
        if hidden:
            try:
                ws.api.Visible = XL_SHEET_VERY_HIDDEN  # Excel on Windows (COM)
            except Exception:
                ws.visible = False

    def copy_sheet(self, source: str, name: str, after: str) -> None:
        self._sheet(source).copy(after=self._sheet(after), name=name)

    def insert_row(self, sheet: str, row: int) -> None:
        self._sheet(sheet).range(f"{row}:{row}").insert("down", "format_from_left_or_above")

    def delete_sheet(self, name: str) -> None:
        ws = self._sheet(name)
        with contextlib.suppress(Exception):  # Excel will not delete what it cannot see
            ws.api.Visible = XL_SHEET_VISIBLE
        ws.delete()

    def activate(self, sheet: str) -> None:
        self._sheet(sheet).activate()

    def link(self, sheet: str, cell: str, location: str, text: str) -> None:
        self._sheet(sheet).range(cell).add_hyperlink(f"#{location}", text, location)

    def status(self, message: str) -> None:
        with contextlib.suppress(*_UNSUPPORTED):
            self.book.app.status_bar = message or False

    def alert(self, message: str) -> None:
        self.book.app.alert(message, title="绩效目标")


def as_text(value: Any) -> Any:
    """Strings go in with the text prefix, so ``=1+1``, ``001`` or ``1/2`` stay what they say."""
    if isinstance(value, str) and value:
        return "'" + value
    return value
