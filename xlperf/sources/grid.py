"""A grid of cells with their locations: what every source hands the one table reader.

A workbook sheet (calamine rows from A1, ``""`` for an empty cell), a text
(one row per line, cells split at tabs), or the text lines and tables of a
web page, a Word file or a PDF (``sources/document.py``): each source only
turns its container into ``Grid`` objects; ``xlperf.reader`` finds the goal
tables in them. A grid knows how to name a cell for a finding: an A1 address
on a sheet, a line number in a text, the table and its row in a document
(``Grid.where``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from xlperf.model import Normalization
from xlperf.model.text import clean_cell, format_number

# What a formula without a calculated value reads as (in weights, amounts, text):
# "公式未计算：=SUM(D11:D19)". Validation then reports it where a number is needed.
UNCACHED_FORMULA = "公式未计算"
_FORMULA_SHOWN = 60  # characters of the formula kept in the marker
_ADDRESS = re.compile(r"([A-Z]+)([1-9][0-9]*)")
_NO_ROWS: frozenset[int] = frozenset()
# What is_blank strips: a cell of only these reads as empty.
BLANK_CHARS = " \t\r\n\u3000\u00a0"


def _compute_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Precomputed: addresses are built for nearly every cell read, always in the first columns.
_LETTERS = tuple(_compute_letter(index) for index in range(256))


def column_letter(index: int) -> str:
    """0-based column index → ``A``, ``Z``, ``AA`` (without importing openpyxl)."""
    if 0 <= index < 256:
        return _LETTERS[index]
    return _compute_letter(index)


def address(row: int, column: int) -> str:
    """0-based (row, column) → ``C11``."""
    if 0 <= column < 256:
        return f"{_LETTERS[column]}{row + 1}"
    return f"{_compute_letter(column)}{row + 1}"


def column_index(letters: str) -> int:
    """``A`` → 0, ``AA`` → 26: the inverse of ``column_letter``."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip(BLANK_CHARS))


@dataclass
class Grid:
    """One sheet (or text, or document table) as rows of cell values.

    ``sheet`` names the container in findings (None for a text, which has no
    sheets); ``lines`` gives each row's 1-based line in a text (None: the
    row's own number, as on a sheet); ``addressed`` says whether cells have A1
    addresses a user can click. ``places`` names each row's part of the
    container where one grid spans several (a document's tables and text
    lines: ``第 3 页 第 1 个表``, a table continued on the next page); None
    means ``sheet`` for every row.
    """

    sheet: str | None
    rows: list[list]
    uncached: dict[str, str] = field(default_factory=dict)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    normalizations: list[Normalization] = field(default_factory=list)
    lines: list[int] | None = None
    addressed: bool = True
    places: list[str | None] | None = None
    # Cells a sheet hides (its hidden rows and columns), taken out of ``rows``: row → (column,
    # value, "row" or "column"); the reader notes each where it stood.
    hidden: dict[int, list[tuple[int, object, str]]] = field(default_factory=dict)
    hidden_sheet: bool = False  # the whole sheet is hidden (Excel's 隐藏 or very hidden)
    # ``uncached`` keyed by (row, column), and the dict it was built from.
    _formulas_at: dict[tuple[int, int], str] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _formulas_of: dict[str, str] | None = field(
        default=None, init=False, repr=False, compare=False)
    _formula_rows: set[int] | None = field(default=None, init=False, repr=False, compare=False)
    # merge_end's answers, row → {left column: right column}.
    _merge_ends: dict[int, dict[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    # --- locations ------------------------------------------------------------------

    def line(self, row: int) -> int:
        """The 1-based line (text) or row (sheet) number of grid row ``row``."""
        return self.lines[row] if self.lines is not None else row + 1

    def sheet_at(self, row: int) -> str | None:
        """The part of the container grid row ``row`` is in: its sheet, or its table."""
        return self.places[row] if self.places is not None else self.sheet

    def cell(self, row: int, column: int) -> str | None:
        """The A1 address of a cell, or None where the source has no addresses."""
        return address(row, column) if self.addressed else None

    def where(self, row: int, column: int | None = None) -> str:
        """A cell as a user finds it: ``项目01!C11``, ``C11``, ``第 12 行`` or
        ``第 2 页 第 1 个表 第 5 行``."""
        sheet = self.sheet_at(row)
        if self.addressed and column is not None:
            cell = address(row, column)
            return f"{sheet}!{cell}" if sheet else cell
        place = f"{sheet} " if sheet else ""
        return f"{place}第 {self.line(row)} 行"

    # --- values ---------------------------------------------------------------------

    def raw(self, row: int, column: int) -> object:
        rows = self.rows
        if row >= len(rows) or column >= len(rows[row]):
            return ""
        value = rows[row][column]
        if value == "" and self.uncached:
            return self.formula_marker(row, column)
        return value

    def values(self, row: int) -> list:
        """The row's cells as ``raw`` reads them: the formula marker in an empty cell whose
        formula was never calculated (only such rows are copied)."""
        cells = self.rows[row]
        if not self.uncached or row not in self.formula_rows():
            return cells
        return [self.raw(row, column) for column in range(len(cells))]

    def _positions(self) -> dict[tuple[int, int], str]:
        if self._formulas_of is not self.uncached:
            self._formulas_at = _by_position(self.uncached)
            self._formulas_of = self.uncached
        return self._formulas_at

    def formula_rows(self) -> set[int] | frozenset[int]:
        """Rows (0-based) holding a formula without a value: only there may ``raw`` differ
        (worked out once per set of formulas)."""
        if not self.uncached:
            return _NO_ROWS
        if self._formula_rows is None or self._formulas_of is not self.uncached:
            self._formula_rows = {row for row, _ in self._positions()}
        return self._formula_rows

    def formula_marker(self, row: int, column: int) -> str:
        """What an empty cell reads as: the marker if it is an uncalculated formula, else ""."""
        formula = self._positions().get((row, column))
        if formula is None:
            return ""
        shown = formula[:_FORMULA_SHOWN] + ("…" if len(formula) > _FORMULA_SHOWN else "")
        return f"{UNCACHED_FORMULA}：={shown}" if shown else UNCACHED_FORMULA

    def merge_end(self, row: int, column: int) -> int:
        """The last column of the merged range that starts at (row, column), else column."""
        ends = self._merge_ends.get(row)
        if ends is None:  # the row's ranges by left column, the first listed winning
            ends = self._merge_ends[row] = {}
            for (top, left), (bottom, right) in self.merged:
                if top <= row <= bottom:
                    ends.setdefault(left, right)
        return ends.get(column, column)

    def text(self, row: int, column: int, project: str | None = None) -> str:
        """A cell as text, trimmed; a repair is recorded for rule T001."""
        return self.text_of(self.raw(row, column), row, column, project)

    def text_of(self, raw: object, row: int, column: int, project: str | None = None) -> str:
        """``text`` for a value already fetched with ``raw(row, column)``."""
        if isinstance(raw, str):
            text = raw.strip(BLANK_CHARS)
            if text == raw:  # nothing to trim: the common case, no repair to note
                return text
            text, repairs = clean_cell(raw)
            if repairs:
                self.note(repairs, raw, row, column, project)
            return text
        return stringify(raw)

    def note(self, repairs: list[str], original: object, row: int, column: int | None,
             project: str | None) -> None:
        """Record repairs of a cell's text for rule T001, located like the cell."""
        if not repairs:  # the common case: nothing was repaired
            return
        cell = self.cell(row, column) if column is not None else None
        line = None if self.addressed else self.line(row)
        for kind in repairs:
            self.normalizations.append(Normalization(kind, str(original), self.sheet_at(row), cell,
                                                     project, line))


def _by_position(formulas: dict[str, str]) -> dict[tuple[int, int], str]:
    """``{"D41": f}`` → ``{(40, 3): f}``: looked up per empty cell without building addresses."""
    positions = {}
    for where, formula in formulas.items():
        match = _ADDRESS.fullmatch(where)
        if match:
            positions[(int(match.group(2)) - 1, column_index(match.group(1)))] = formula
    return positions


def stringify(raw: object) -> str:
    """A non-text cell as the text a user would read in it."""
    if raw is None or raw == "":
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, int | float):
        return format_number(float(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw)
