"""A sheet's values as the reader sees them, and how labels are matched.

calamine hands back a list of rows starting at A1 (``skip_empty_area=False``)
with ``""`` for empty cells, so row/column indices map straight to cell
addresses. ``Grid.raw`` replaces an empty formula cell that has no cached
value with a visible marker, so it is reported instead of read as blank.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache

from xlperf.model import Normalization
from xlperf.model.text import clean_cell, format_number

# What a formula without a calculated value reads as (in weights, amounts, text):
# "公式未计算：=SUM(D11:D19)". Validation then reports it where a number is needed.
UNCACHED_FORMULA = "公式未计算"
_FORMULA_SHOWN = 60  # characters of the formula kept in the marker

_SPACES = re.compile(r"\s+")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_ADDRESS = re.compile(r"([A-Z]+)([1-9][0-9]*)")
# What is_blank strips: a cell of only these reads as empty.
BLANK_CHARS = " \t\r\n\u3000\u00a0"


def label_key(raw: object) -> str:
    """A label as compared: ``' 项目年度金额（万元）：'`` → ``'项目年度金额'``.

    Spaces, a trailing colon, a trailing note in brackets and a leading ``*``
    (a required-field mark) do not change what a label means.
    """
    if not isinstance(raw, str):
        return ""
    return _text_key(raw)


@lru_cache(maxsize=4096)
def _text_key(raw: str) -> str:
    """Cached: the same labels recur in every sheet of every workbook of a batch."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", raw))
    text = text.lstrip("*").rstrip(":")
    return _TRAILING_NOTE.sub("", text)


# What label_key drops before a label's first character; after them an ASCII
# character or a CJK ideograph is the key's first character (NFKC changes
# neither, and nothing composes with an ideograph).
_DROPPED_FIRST = frozenset(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f*")


class Labels:
    """Label keys a reader looks for, and a quick way to tell a cell is none of them.

    Most cells a reader passes are prose (project names, goals, indicators);
    normalising each with ``label_key`` costs about a microsecond. When every
    label starts with an ideograph, a text whose own first character settles
    its key's first character, and no label starts with it, is not a label.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = frozenset(keys)
        self._first = frozenset(key[0] for key in self.keys if key)
        self._quick = all(_is_ideograph(key[0]) for key in self.keys if key)

    def __contains__(self, key: object) -> bool:
        return key in self.keys

    def key(self, raw: object) -> str:
        """``label_key(raw)`` when it is one of these labels, else ""."""
        if not isinstance(raw, str) or not raw:
            return ""
        first = raw[0]
        if (self._quick and first not in self._first
                and (_is_ideograph(first) or (first.isascii() and first not in _DROPPED_FIRST))):
            return ""
        key = _text_key(raw)
        return key if key in self.keys else ""


def _is_ideograph(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


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
    sheet: str
    rows: list[list]
    uncached: dict[str, str] = field(default_factory=dict)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    normalizations: list[Normalization] = field(default_factory=list)
    table_starts: list[int] | None = None  # computed once by project_reader.table_starts
    # ``uncached`` keyed by (row, column), and the dict it was built from.
    _formulas_at: dict[tuple[int, int], str] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _formulas_of: dict[str, str] | None = field(
        default=None, init=False, repr=False, compare=False)
    # Label keys of a row's cells, per label set: several passes read a table's header rows.
    _row_keys: dict[tuple[Labels, int], list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    # merge_end's answers, row → {left column: right column}.
    _merge_ends: dict[int, dict[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    # (first row, end row) of each project table, computed once by project_reader.
    tables: list[tuple[int, int]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @cached_property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def row_keys(self, row: int, labels: Labels) -> list[str]:
        """Each cell of ``rows[row]`` as one of ``labels`` ("" for other cells), computed once."""
        keys = self._row_keys.get((labels, row))
        if keys is None:
            keys = self._row_keys[labels, row] = list(map(labels.key, self.rows[row]))
        return keys

    def raw(self, row: int, column: int) -> object:
        rows = self.rows
        if row >= len(rows) or column >= len(rows[row]):
            return ""
        value = rows[row][column]
        if value == "" and self.uncached:
            return self.formula_marker(row, column)
        return value

    def _positions(self) -> dict[tuple[int, int], str]:
        if self._formulas_of is not self.uncached:
            self._formulas_at = _by_position(self.uncached)
            self._formulas_of = self.uncached
        return self._formulas_at

    def formula_rows(self) -> set[int]:
        """Rows (0-based) holding a formula without a value: only there may ``raw`` differ."""
        return {row for row, _ in self._positions()} if self.uncached else set()

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

    def note(self, repairs: list[str], original: object, row: int, column: int,
             project: str | None) -> None:
        for kind in repairs:
            self.normalizations.append(Normalization(kind, str(original), self.sheet,
                                                     address(row, column), project))


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
