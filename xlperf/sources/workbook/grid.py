"""A sheet's values as the reader sees them, and how labels are matched.

calamine hands back a list of rows starting at A1 (``skip_empty_area=False``)
with ``""`` for empty cells, so row/column indices map straight to cell
addresses. ``Grid.raw`` replaces an empty formula cell that has no cached
value with a visible marker, so it is reported instead of read as blank.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from xlperf.model import Normalization
from xlperf.model.text import clean_cell, format_number

# What a formula without a calculated value reads as (in weights, amounts, text):
# "公式未计算：=SUM(D11:D19)". Validation then reports it where a number is needed.
UNCACHED_FORMULA = "公式未计算"
_FORMULA_SHOWN = 60  # characters of the formula kept in the marker

_SPACES = re.compile(r"\s+")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def label_key(raw: object) -> str:
    """A label as compared: ``' 项目年度金额（万元）：'`` → ``'项目年度金额'``.

    Spaces, a trailing colon, a trailing note in brackets and a leading ``*``
    (a required-field mark) do not change what a label means.
    """
    if not isinstance(raw, str):
        return ""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", raw))
    text = text.lstrip("*").rstrip(":")
    return _TRAILING_NOTE.sub("", text)


def column_letter(index: int) -> str:
    """0-based column index → ``A``, ``Z``, ``AA`` (without importing openpyxl)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, column: int) -> str:
    """0-based (row, column) → ``C11``."""
    return f"{column_letter(column)}{row + 1}"


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip(" \t\r\n\u3000\u00a0"))


@dataclass
class Grid:
    sheet: str
    rows: list[list]
    uncached: dict[str, str] = field(default_factory=dict)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    normalizations: list[Normalization] = field(default_factory=list)
    table_starts: list[int] | None = None  # computed once by project_reader.table_starts

    @cached_property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def raw(self, row: int, column: int) -> object:
        if row >= len(self.rows) or column >= len(self.rows[row]):
            return ""
        value = self.rows[row][column]
        if value == "" and self.uncached:
            formula = self.uncached.get(address(row, column))
            if formula is not None:
                shown = formula[:_FORMULA_SHOWN] + ("…" if len(formula) > _FORMULA_SHOWN else "")
                return f"{UNCACHED_FORMULA}：={shown}" if shown else UNCACHED_FORMULA
        return value

    def merge_end(self, row: int, column: int) -> int:
        """The last column of the merged range that starts at (row, column), else column."""
        for (top, left), (bottom, right) in self.merged:
            if top <= row <= bottom and left == column:
                return right
        return column

    def text(self, row: int, column: int, project: str | None = None) -> str:
        """A cell as text, trimmed; a repair is recorded for rule T001."""
        raw = self.raw(row, column)
        if isinstance(raw, str):
            text, repairs = clean_cell(raw)
            self.note(repairs, raw, row, column, project)
            return text
        return stringify(raw)

    def note(self, repairs: list[str], original: object, row: int, column: int,
             project: str | None) -> None:
        for kind in repairs:
            self.normalizations.append(Normalization(kind, str(original), self.sheet,
                                                     address(row, column), project))


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
