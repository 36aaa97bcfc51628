"""A table continued on the next page: its name, header block or indicator header repeated.

A browser printing a long table repeats its ``<thead>`` (the project name, or the
whole header block and the indicator header) at the top of every page; a
spreadsheet's print titles and Word's heading rows do the same. Read in order,
those rows look like the start of the next table. The rule, the same for every
source (``tables.py`` applies it):

- a 项目名称 row among a project's indicator rows that names the SAME project
  (spaces aside) continues it; another name starts the next project, as before;
- the header rows after it are read like any header block, into a scratch
  project, and compared with the first block: a field whose value differs is
  kept as a reading note at the row that repeats it — the reader never guesses
  which of the two is right and never drops either; a row the scratch block
  cannot place is a note as in any header (unless the first block noted it too);
- the rows end at the indicator header (or at the first row that is not a header
  row, when only the name was repeated); the indicator rows carry on in the
  same block, a merged 一级/二级 cut at the page break still carried down —
  unless the next row begins the table again (its first indicator once more):
  then the block read is the header of another table under the same name;
- after the table's title repeated (a page that prints the title, the 单位 line, the
  name and the indicator header again), the same name goes on only where the page does:
  its first row carries no 一级 (continuing the last 一级/二级) or a 一级 the table has
  not had yet (the page broke between 产出指标 and 效益指标). A 一级 it had — the table
  begun again — makes it another table under the same name (rule H004 names it).
"""

from __future__ import annotations

from typing import Any

from xlperf.model import Project, ReadingNote
from xlperf.model.framework import name_key, parse_label
from xlperf.model.text import normalize_label
from xlperf.model.vocabulary import BLANK_CHARS, is_header_label
from xlperf.reader.cells import level_of
from xlperf.reader.columns import IndicatorColumns
from xlperf.reader.header import GOAL_FIELDS, HeaderReader, field_label, inline_field
from xlperf.sources.grid import Grid

DIFFERS = "续页重复的表头与首页不同，未读取（首页为：{first}）"


class RepeatedHeader:
    """The header rows repeated above a continued table, read and compared with the first."""

    def __init__(self, grid: Grid, header: HeaderReader, block: Any, row: int) -> None:
        self.grid = grid
        self.first = header  # the project's own header block
        self.block = block  # the indicator block the rows continue (``tables._Block``)
        self.start = row
        self.scratch = HeaderReader(grid, Project(name=""), header.divisor)
        self.rows: dict[str, int] = {}  # field → the row repeating it
        self.known = {_row_key(grid.rows[r]) for r in header.fed}  # the first block's rows
        self.repairs = len(grid.normalizations)
        self.after_title = False  # the page repeated the table's title above the name
        self.feed(row)

    @classmethod
    def of(cls, grid: Grid, header: HeaderReader | None, block: Any,
           row: int) -> RepeatedHeader | None:
        """The repeated block starting at ``row`` when it names the project ``header``
        reads; None (and nothing recorded) when it names another one."""
        if header is None or not header.project.name:
            return None
        repeated = cls(grid, header, block, row)
        if _squeezed(repeated.scratch.project.name) == _squeezed(header.project.name):
            return repeated
        del grid.normalizations[repeated.repairs:]  # the next project reads the row again
        return None

    def feed(self, row: int) -> None:
        before = set(self.scratch.seen)
        self.scratch.feed(row)
        for key in self.scratch.seen - before:
            self.rows[key] = row

    def takes(self, cells: list) -> bool:
        """Whether a row belongs to the repeated header block: a row of the first block
        again, a header label or a ``label：value`` cell in it, the values a row of labels
        expects, or a further line of a repeated goal."""
        scratch = self.scratch
        if scratch.pending is not None or _row_key(cells) in self.known or _has_label(cells):
            return True
        filled = [index for index, raw in enumerate(cells) if _squeezed(raw)]
        return filled in ([0], [1]) and scratch.last_field in GOAL_FIELDS

    def finish(self, project: Project) -> None:
        """The differences from the first block (and the rows not placed) as ``project``'s
        reading notes; the repairs of a block that repeats the first are not noted twice."""
        scratch = self.scratch
        scratch.finish()
        noted = {note.text for note in project.notes}  # a row the first block noted too
        notes = [note for note in scratch.project.notes if note.text not in noted]
        for key in sorted(self.rows, key=self.rows.get):
            mine, first = _value(scratch, key), _value(self.first, key)
            if _squeezed(mine) != _squeezed(first):
                notes.append(self._note(key, mine, first))
        if scratch.funds and scratch.funds != self.first.funds:
            notes.append(self._differs(self.start, "资金来源", _funds(scratch.funds),
                                       _funds(self.first.funds) or "空"))
        if not notes:
            del self.grid.normalizations[self.repairs:]
        project.notes.extend(notes)

    def starts_over(self, row: int, project: Project) -> bool:
        """Whether the row after the repeated block begins the table again (its first
        indicator once more, 一级 and 三级): another table under the same name, not a page
        of this one — whose next page goes on from where the last one stopped."""
        if not project.indicators:
            return False
        first = project.indicators[0]
        cells = self.grid.rows[row]
        texts = {normalize_label(raw) if isinstance(raw, str) else "" for raw in cells}
        if normalize_label(first.name) in texts and normalize_label(first.level1) in texts:
            return True
        if not self.after_title:
            return False
        had = {_level_key(item.level1) for item in project.indicators}
        return any(_level_key(raw) in had for raw in cells
                   if isinstance(raw, str) and level_of(raw) & 1)

    def _note(self, key: str, mine: object, first: object) -> ReadingNote:
        return self._differs(self.rows[key], field_label(key), _text(mine), _text(first) or "空",
                             self.scratch.project.cells.get(key))

    def _differs(self, row: int, label: str, mine: str, first: str,
                 cell: str | None = None) -> ReadingNote:
        grid = self.grid
        return ReadingNote(f"{label}：{mine}", DIFFERS.format(first=first), grid.sheet_at(row),
                           cell or grid.cell(row, 0), grid.line(row), part="header")


def same_columns(block: IndicatorColumns | None, columns: IndicatorColumns) -> bool:
    """The same indicator header again (roles and texts; a page may place it elsewhere)."""
    if block is None:
        return False
    return ([(c.role, c.side, _squeezed(c.header)) for c in block.columns]
            == [(c.role, c.side, _squeezed(c.header)) for c in columns.columns])


def _has_label(cells: list) -> bool:
    """A header label in the row, or a ``label：value`` cell leading it."""
    filled = [raw for raw in cells if isinstance(raw, str) and raw.strip(BLANK_CHARS)]
    return any(is_header_label(raw) for raw in filled) or (
        bool(filled) and inline_field(filled[0]) is not None)


def _level_key(label: str) -> str:
    """A 一级 as compared across pages: ``1-产出指标``, ``产出指标(50分)``, ``产出`` alike."""
    return name_key(parse_label(normalize_label(label))[1])


def _row_key(cells: list) -> tuple[str, ...]:
    return tuple(key for raw in cells if (key := _squeezed(raw)))


def _value(header: HeaderReader, key: str) -> object:
    """A field as read so far (a goal's lines joined: the block may not be finished)."""
    if key in GOAL_FIELDS and key in header.goal_lines:
        return "\n".join(header.goal_lines[key]).strip("\n")
    return getattr(header.project, key, None)


def _funds(funds: dict[str, float]) -> str:
    return "、".join(f"{field_label(kind)} {value:g}" for kind, value in funds.items())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _squeezed(value: object) -> str:
    return "".join(_text(value).split())


__all__ = ["RepeatedHeader", "same_columns"]
