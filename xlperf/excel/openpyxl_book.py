"""The book port on an openpyxl ``Workbook``: the buttons' work done to a file, without Excel.

Reading and marking take the command line's own path — ``read_workbook`` on the
file and ``xlperf.reports.annotate`` on the workbook, exactly what
``xlperf validate --annotate`` does — so a file checked here and a workbook
checked in Excel yield the same findings and the same marks.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlperf.model import Department
from xlperf.reports.marks import MARKS_SHEET
from xlperf.validation.findings import Finding

if TYPE_CHECKING:
    from openpyxl import Workbook


class OpenpyxlBook:
    """``BookPort`` for a workbook opened with openpyxl (``path`` is the file it came from)."""

    def __init__(self, workbook: Workbook, path: str | Path | None = None) -> None:
        self.workbook = workbook
        self.path = Path(path) if path else None
        self.messages: list[str] = []

    @classmethod
    def open(cls, path: str | Path) -> OpenpyxlBook:
        from openpyxl import load_workbook

        path = Path(path)
        return cls(load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", rich_text=True),
                   path)

    def save(self, target: str | Path) -> None:
        """Atomic; the sheets' text as UTF-8; every formula's value cached (``cached.py``):
        xlperf's own formulas worked out, the others as the opened file had them."""
        from xlperf.writers.workbook.package import save_copy

        save_copy(self.workbook, target, self._previous())

    def _previous(self):
        """The cached value a formula had in the opened file, where the formula is unchanged
        (a row inserted above it would otherwise lend it another cell's value)."""
        if self.path is None or not self.path.exists():
            return None
        from openpyxl import load_workbook

        keep_vba = self.path.suffix.lower() == ".xlsm"
        formulas = load_workbook(self.path, keep_vba=keep_vba)
        values = load_workbook(self.path, data_only=True, keep_vba=keep_vba)

        def previous(sheet: str, cell: str, formula: str) -> Any:
            if sheet not in formulas.sheetnames or formulas[sheet][cell].value != formula:
                return None
            value = values[sheet][cell].value
            return value if isinstance(value, int | float | str) else None

        return previous

    @property
    def name(self) -> str:
        return self.path.name if self.path else "工作簿.xlsx"

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path else None

    def read_department(self) -> Department:
        if self.path is None:
            from xlperf.excel.port import read_department

            return read_department(self)
        from xlperf.sources.workbook.reader import read_workbook

        return read_workbook(self.path)

    def mark(self, findings: Sequence[Finding]) -> None:
        from xlperf.reports.annotate import apply_marks

        apply_marks(self.workbook, findings)

    def clear(self) -> int:
        from xlperf.reports.annotate import clear_marks

        marked = 0
        if MARKS_SHEET in self.workbook.sheetnames:
            rows = self.workbook[MARKS_SHEET].iter_rows(min_row=2, max_col=1, values_only=True)
            marked = sum(1 for (kind,) in rows if kind == "cell")
        clear_marks(self.workbook)
        return marked

    def sheet_names(self) -> list[str]:
        return list(self.workbook.sheetnames)

    def read_values(self, sheet: str) -> list[list[Any]]:
        ws = self.workbook[sheet]
        return [["" if value is None else value for value in row]
                for row in ws.iter_rows(min_row=1, min_col=1, max_row=ws.max_row,
                                        max_col=ws.max_column, values_only=True)]

    def write_values(self, sheet: str, cell: str, rows: Sequence[Sequence[Any]]) -> None:
        ws = self.workbook[sheet]
        top = ws[cell]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                target = ws.cell(top.row + r, top.column + c)
                target.value = value
                if isinstance(value, str):
                    target.data_type = "s"  # "=…" from a user stays text

    def write_formula(self, sheet: str, cell: str, formula: str) -> None:
        self.workbook[sheet][cell].value = formula

    def fill_of(self, sheet: str, cell: str) -> str | None:
        fill = self.workbook[sheet][cell].fill
        rgb = getattr(fill.fgColor, "rgb", None)
        if fill.fill_type != "solid" or not isinstance(rgb, str):
            return None
        return rgb[-6:].upper()

    def set_fill(self, sheet: str, cell: str, colour: str | None) -> None:
        from openpyxl.styles import PatternFill

        fill = PatternFill("solid", fgColor=colour) if colour else PatternFill()
        ws = self.workbook[sheet]
        if ":" not in cell:
            ws[cell].fill = fill
            return
        for row in ws[cell]:
            for target in row:
                target.fill = fill

    def note_of(self, sheet: str, cell: str) -> str | None:
        comment = self.workbook[sheet][cell].comment
        return comment.text if comment else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        from openpyxl.comments import Comment

        from xlperf.reports.marks import NOTE_AUTHOR

        self.workbook[sheet][cell].comment = Comment(text, NOTE_AUTHOR) if text else None

    def anchor(self, sheet: str, cell: str) -> str:
        ws = self.workbook[sheet]
        for merged in ws.merged_cells.ranges:
            if cell in merged:
                return ws.cell(merged.min_row, merged.min_col).coordinate
        return cell

    def add_sheet(self, name: str, *, hidden: bool = False) -> None:
        ws = self.workbook.create_sheet(name)
        if hidden:
            ws.sheet_state = "veryHidden"

    def copy_sheet(self, source: str, name: str, after: str) -> None:
        original = self.workbook[source]
        ws = self.workbook.copy_worksheet(original)  # cells, styles, merges, sizes
        ws.title = name
        for validation in original.data_validations.dataValidation:
            ws.add_data_validation(copy.copy(validation))
        ws.print_title_rows = original.print_title_rows
        for cells in original.conditional_formatting:  # the red 合计
            for rule in cells.rules:
                ws.conditional_formatting.add(str(cells.sqref), copy.copy(rule))
        if original.print_area:
            ws.print_area = original.print_area.split("!")[-1].replace("$", "")
        ws.freeze_panes = original.freeze_panes
        self.workbook.move_sheet(ws, self.workbook.index(self.workbook[after]) + 1
                                 - self.workbook.index(ws))

    def insert_row(self, sheet: str, row: int) -> None:
        """openpyxl moves cells but not merges or formulas: shift merges below, copy styles."""
        ws = self.workbook[sheet]
        below = [m for m in ws.merged_cells.ranges if m.min_row >= row]
        for merged in below:
            ws.unmerge_cells(str(merged))
        ws.insert_rows(row)
        for merged in below:
            merged.shift(0, 1)
            ws.merge_cells(str(merged))
        for column in range(1, ws.max_column + 1):
            above, new = ws.cell(row - 1, column), ws.cell(row, column)
            if above.has_style:
                new._style = copy.copy(above._style)

    def delete_sheet(self, name: str) -> None:
        del self.workbook[name]

    def activate(self, sheet: str) -> None:
        self.workbook.active = self.workbook.index(self.workbook[sheet])

    def link(self, sheet: str, cell: str, location: str, text: str) -> None:
        from openpyxl.worksheet.hyperlink import Hyperlink

        target = self.workbook[sheet][cell]
        target.value = text
        target.hyperlink = Hyperlink(ref=cell, location=location, display=text)

    def status(self, message: str) -> None:
        if message:
            self.messages.append(message)

    def alert(self, message: str) -> None:
        self.messages.append(message)
