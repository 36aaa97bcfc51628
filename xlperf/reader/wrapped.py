"""A table row that a PDF copy cut where a cell's text wrapped.

A PDF's table extracted cell by cell and written out with tabs (pdfplumber and the
tools built on it) keeps a cell's wrapped lines as line breaks inside the cell; written
as text, each break ends the line. The row ``2-效益指标 | 22-社会效益 | 保障…，确保全区
义务教育⏎阶段无因贫失学辍学现象发生 | 30`` becomes two lines::

    2-效益指标⇥22-社会效益⇥保障…，确保全区义务教育
    阶段无因贫失学辍学现象发生⇥30

The first line stops inside a cell — before the row's value or weight, which an empty
cell would still have kept with its tab — and each further line begins with the rest
of that cell. Such lines, joined where they were cut, make exactly the header's cells.
A browser copy loses cells too, but at the start of a row (a merged 一级 left out), and
such a row has its value: it is never joined.
"""

from __future__ import annotations

from xlperf.model.vocabulary import (
    column_label,
    is_filling_unit_line,
    is_note,
    is_stop_row_label,
)
from xlperf.reader import cells as kinds
from xlperf.reader.columns import IndicatorColumns, indicator_header
from xlperf.reader.lists import is_unit_total
from xlperf.reader.placement import IMPOSSIBLE, fit
from xlperf.reader.row_cells import is_date_line

# The data columns a cut row's first line lacks and its last line supplies.
_DATA_ROLES = frozenset({"value", "weight"})
_MAX_LINES = 16  # a long 三级 in a narrow column wraps onto a dozen lines, never dozens more
# How well a cell must fit its column to be where a tab-kept row has it (a browser copy's
# row that lost its first cells has a 三级 under 一级 or a value under 二级).
_LEAST = {"level1": 0.0, "level2": 0.0, "category": 0.0, "name": 0.5, "weight": 0.5}


def cut_row(rows: list[list], row: int, columns: IndicatorColumns) -> tuple[list, int] | None:
    """The cells of the row cut at ``row`` and the last line it ran onto, or None.

    Only for a text's lines (cells at tabs): the first line has its leading tabs (a lone
    cell at a line's start is a tail of its own, read as before) and ends in a filled cell
    left of every value and weight column, under its own header (nothing in it misplaced);
    the next lines, joined to it where each was cut, give as many cells as the header
    has, every cell under its own header, with a value or weight among the last line's.
    """
    width = columns.width
    cells = rows[row]
    data = [c.index for c in columns.columns if c.role in _DATA_ROLES]
    if not data or not 2 <= len(cells) < width or len(cells) - 1 >= min(data) \
            or _blank(cells[-1]) or not _fits(cells, columns, len(cells) - 1):
        return None
    joined = list(cells)
    for last in range(row + 1, min(row + _MAX_LINES, len(rows))):
        line = rows[last]
        if not line or _blank(line[0]) or not isinstance(line[0], str) \
                or (kinds.kind_of(line[0])[0] == kinds.LEVEL
                    and not _label_cut(joined[-1], line[0])) or _ends_rows(line[0]) \
                or (columns.flat and is_unit_total(line)):
            return None  # a line starting with a level label is a row of its own
        joined = [*joined[:-1], _join(joined[-1], line[0]), *line[1:]]
        if len(joined) > width:  # a copy may keep empty cells past the header's last
            if not all(_blank(raw) for raw in joined[width:]):
                return None
            joined = joined[:width]
        if len(joined) < width:  # this line stops inside a cell too (another wrapped)
            continue
        if not _fits(joined, columns) or all(_blank(joined[i]) for i in data):
            return None
        return joined, last
    return None


def _ends_rows(text: str) -> bool:
    """A line that ends the indicator rows (合计, 主管部门审核意见, 填表人, 注：…, a date) is
    never the rest of a cell: joined, a 审核意见 row became part of the last indicator and
    its 单位公章 that indicator's value. A line that only begins like a notice sentence
    (`按照地址准确投递至384`, `根据…`) may be: a wrapped cell's line begins with any word."""
    return is_stop_row_label(text) or is_date_line(text) or is_note(text) \
        or is_filling_unit_line(text)


def _label_cut(head: object, tail: str) -> bool:
    """Whether a level label was cut where it wrapped: `社会公众或服务对象` then `满意度指标`
    make 社会公众或服务对象满意度指标, a level the frameworks know, while the first piece is
    none — the tail, a level label too, goes on the cell above rather than starting a row."""
    return isinstance(head, str) and not kinds.level_of(head) \
        and bool(kinds.level_of(_join(head, tail)))


def _fits(cells: list, columns: IndicatorColumns, cut: int | None = None) -> bool:
    """Every cell under a column of the header as a tab-kept row has it: a level column
    empty or holding its level, a 三级 that is text, a weight that is a number, no cell
    where its kind cannot be. ``cut``: the cell still cut off (any text, in any column)."""
    by_index = {c.index: c for c in columns.columns}
    for index, raw in enumerate(cells):
        if _blank(raw):
            continue
        column = by_index.get(index)
        if column is None:
            return False
        score = fit(column.role, raw)
        if score <= IMPOSSIBLE:
            return False
        if index != cut and score < _LEAST.get(column.role, IMPOSSIBLE + 0.5):
            return False
    return True


def _join(head: object, tail: str) -> str:
    """A cell's wrapped lines as one text: no space between, as the PDF source joins
    them (Chinese and numbers wrap anywhere), except between two Latin letters."""
    text = str(head).rstrip()
    tail = tail.lstrip()
    if text and tail and text[-1].isascii() and text[-1].isalpha() \
            and tail[0].isascii() and tail[0].isalpha():
        return f"{text} {tail}"
    return text + tail


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and kinds.kind_of(raw)[0] == kinds.EMPTY)


# --- lines a PDF copy cut, joined before the rows are read ---------------------------

_TAIL_CHARS = 4  # a column label's wrapped tail (`性` of 指标方向性) is a few characters


def join_cut_header_tails(lines: list[tuple[int, str]], rows: list[list[str]]) -> None:
    """An indicator header whose last cell a PDF wrapped (`…⇥指标方向` then `性`), joined.

    The line under the header holds one short text only, and the header's last cell with
    it is a column label the vocabulary knows (指标方向性) while the text alone is none:
    it is that cell's end. Before, the tail was read as the first row of the table (a flat
    list's 单位名称 `性`, carried down to the project below)."""
    number = 0
    while number + 1 < len(rows):
        cells, below = rows[number], rows[number + 1]
        filled = [cell.strip() for cell in below if cell.strip()]
        if len(filled) == 1 and below[0].strip() and len(filled[0]) <= _TAIL_CHARS \
                and indicator_header(cells):
            last = max(i for i, cell in enumerate(cells) if cell.strip())
            whole = cells[last].strip() + filled[0]
            if column_label(whole) is not None and column_label(filled[0]) is None:
                cells[last] = whole
                del rows[number + 1], lines[number + 1]
        number += 1


_OPENING, _CLOSING = "（(", "）)"


def join_cut_brackets(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines of a table a PDF copy cut inside a bracket, joined back (the first one's number).

    A cell that wrapped right before its closing bracket (`二级指标（长期` then `）⇥三级指标
    （长期）⇥…`, `项目资金（元` then `）⇥年度资金总额⇥…`) ends its line inside the bracket;
    the next line begins by closing it. That pair — an opening bracket left open at a line's
    end, a closing one before any other bracket at the next line's start, a tab in either
    line — says for sure where the cell was cut: the two lines are one row, the cell joined
    without a space. Before, an indicator header cut so was no header, and the table was
    refused. Prose (no tab) is left as it is."""
    out: list[tuple[int, str]] = []
    for number, line in lines:
        if out and _cut_inside_bracket(out[-1][1], line):
            out[-1] = (out[-1][0], out[-1][1].rstrip(" \u3000") + line.lstrip(" \u3000"))
        else:
            out.append((number, line))
    return out


def _cut_inside_bracket(line: str, following: str) -> bool:
    """Whether ``line`` stops inside a bracket its cell opened and ``following`` closes it."""
    if "\t" not in line and "\t" not in following:
        return False
    last = line.rsplit("\t", 1)[-1]
    first = following.lstrip(" \u3000").split("\t", 1)[0]
    depth = 0
    for ch in last:
        depth += (ch in _OPENING) - (ch in _CLOSING)
    if depth <= 0 or not first:
        return False
    closes = [i for i, ch in enumerate(first) if ch in _CLOSING]
    opens = [i for i, ch in enumerate(first) if ch in _OPENING]
    return bool(closes) and (not opens or closes[0] < opens[0])
