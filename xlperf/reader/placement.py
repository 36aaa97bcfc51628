"""Placing a row's cells in the indicator columns, by position and by content.

An intact row (a workbook row, or a text line that kept its tabs) has every
cell under its header: that is checked first and cheaply. Other rows lost
cells on the way: a PDF copy drops leading tabs (``24-可持续影响⇥…⇥4``), a
browser copy leaves a merged 一级/二级 cell out of every row but its first
(``雾炮车风炮射程⇥≥80M⇥计划标准``). Such a row is aligned with the header like
two sequences: cells keep their order, a column may be left out (a merged
column then carries its value down), an empty cell may be dropped, and each
cell scores by how well its kind fits its column (a 二级 label in the 二级
column, a number in the weight column …). The best alignment wins; one that
still puts a label or a number where it cannot be is not taken: the row is
reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlperf.reader import cells as kinds
from xlperf.reader.columns import CARRIED_ROLES, Column, IndicatorColumns

# How well a cell of a kind fits a column of a role; missing pairs score DEFAULT_FIT. A block
# label's column (绩效指标, merged down the rows) holds that label and nothing else: a text
# there cannot be, it is the 一级 or the 三级 of a row that left the merged cell out.
_FIT: dict[str, dict[str, float]] = {
    "level1": {kinds.EMPTY: 0, kinds.TEXT: -2, kinds.NUMBER: -4, kinds.COMPARATOR: -3,
               kinds.UNIT: -3, kinds.BLOCK: -3, kinds.AMOUNT: -3, kinds.NOT_APPLICABLE: -3},
    "level2": {kinds.EMPTY: 0, kinds.TEXT: -2, kinds.NUMBER: -4, kinds.COMPARATOR: -3,
               kinds.UNIT: -3, kinds.BLOCK: -3, kinds.AMOUNT: -3, kinds.NOT_APPLICABLE: -3},
    "category": {kinds.EMPTY: 0, kinds.TEXT: -2, kinds.NUMBER: -4, kinds.COMPARATOR: -3,
                 kinds.UNIT: -3, kinds.BLOCK: -3},
    "name": {kinds.EMPTY: -1, kinds.TEXT: 2, kinds.NOT_APPLICABLE: 2, kinds.LEVEL: -2,
             kinds.NUMBER: -2, kinds.COMPARATOR: -3, kinds.UNIT: -2, kinds.DIRECTION: -3,
             kinds.BLOCK: -3, kinds.STANDARD: -1, kinds.AMOUNT: 0.5},
    "value": {kinds.EMPTY: 0, kinds.TEXT: 1, kinds.NUMBER: 1.5, kinds.AMOUNT: 1.5,
              kinds.LEVEL: -2, kinds.COMPARATOR: -1, kinds.DIRECTION: -2, kinds.BLOCK: -3,
              kinds.UNIT: -0.5, kinds.NOT_APPLICABLE: 0.5, kinds.STANDARD: -0.5},
    "comparator": {kinds.EMPTY: 0, kinds.COMPARATOR: 3},
    "unit": {kinds.EMPTY: 0, kinds.UNIT: 2, kinds.AMOUNT: -2, kinds.NUMBER: -2,
             kinds.TEXT: -1.5, kinds.LEVEL: -3},
    "weight": {kinds.EMPTY: 0, kinds.NUMBER: 2, kinds.TEXT: -1.5, kinds.LEVEL: -3,
               kinds.COMPARATOR: -3, kinds.UNIT: -2, kinds.BLOCK: -3, kinds.AMOUNT: -1},
    "points": {kinds.EMPTY: 0, kinds.NUMBER: 2, kinds.TEXT: -1.5, kinds.LEVEL: -3},
    "direction": {kinds.EMPTY: 0, kinds.DIRECTION: 3},
    "standard": {kinds.EMPTY: 0, kinds.STANDARD: 2, kinds.TEXT: 0.3, kinds.NUMBER: -1,
                 kinds.LEVEL: -3, kinds.COMPARATOR: -3},
    "actual": {kinds.EMPTY: 0, kinds.TEXT: 0.5, kinds.NUMBER: 0.5, kinds.AMOUNT: 0.5,
               kinds.LEVEL: -3},
    "reason": {kinds.EMPTY: 0, kinds.TEXT: 0.2, kinds.NUMBER: -0.5, kinds.LEVEL: -3},
    "block": {kinds.EMPTY: 0, kinds.BLOCK: 1, kinds.TEXT: -3, kinds.LEVEL: -3,
              kinds.NUMBER: -3},
    "project": {kinds.EMPTY: 0, kinds.TEXT: 1, kinds.NUMBER: -3, kinds.LEVEL: -3,
                kinds.AMOUNT: -2, kinds.COMPARATOR: -3, kinds.UNIT: -3},
    "project_unit": {kinds.EMPTY: 0, kinds.TEXT: 0.5, kinds.NUMBER: -3, kinds.LEVEL: -3,
                     kinds.AMOUNT: -2},
    "project_amount": {kinds.EMPTY: 0, kinds.NUMBER: 2, kinds.AMOUNT: 2, kinds.TEXT: -2,
                       kinds.LEVEL: -3},
    "project_goal": {kinds.EMPTY: 0, kinds.TEXT: 1, kinds.NUMBER: -2, kinds.LEVEL: -3,
                     kinds.AMOUNT: -1},
    "other": {},
}


def _with_types(table: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """A type cell (定量/定性) fits wherever a comparator fits as well or as badly, and
    its own column (指标类型); 指标性质 holds either."""
    for fits in table.values():
        if kinds.COMPARATOR in fits:
            fits.setdefault(kinds.TYPE, fits[kinds.COMPARATOR])
    table["comparator"][kinds.TYPE] = 3
    table["type"] = {kinds.EMPTY: 0, kinds.TYPE: 3}
    return table


def _with_written_weights(table: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """A number written with 分 fits a weight (or score) column best; a bare percentage
    a target value first, then a weight (10% beside a 三级 in a form without a value
    column); elsewhere each fits as a text does."""
    own = {"weight": (2.0, 1.0), "points": (1.5, 0.5), "value": (0.5, 1.5),
           "name": (-1.0, -1.0), "actual": (0.5, 0.5)}
    for role, fits in table.items():
        score, percent = own.get(role, (fits.get(kinds.TEXT, DEFAULT_FIT.get(role, 0.0)),) * 2)
        fits.setdefault(kinds.SCORE, score)
        fits.setdefault(kinds.PERCENT, percent)
    return table


DEFAULT_FIT = {"comparator": -3.0, "direction": -2.0, "type": -3.0, "other": 0.0}
_FIT = _with_written_weights(_with_types(_FIT))
_LEVEL_BITS = {"level1": 1, "level2": 2}
_SHIFT_ROLES = frozenset({"level1", "level2", "category"})  # where a shifted row shows
# A fit this low means the cell cannot belong there (a label in the weight column …).
IMPOSSIBLE = -3.0
# What leaving a column without a cell costs: merged columns carry their value down.
_SKIP = {"name": -1.5, "level1": 0.0, "level2": 0.0, "category": 0.0}
_SKIP_OTHER = -0.2
_DROP_EMPTY = -0.3  # an empty cell that belongs to no column (a stray tab)
# Staying in the header's columns is worth this per cell: more on a sheet, where cells
# do not move unless text was pasted in, than in text, where tabs get lost.
_IN_PLACE = {True: 1.5, False: 0.5}


@dataclass
class Placed:
    """Where each cell of a row went: (column, grid column index, raw value), and how well."""

    cells: list[tuple[Column, int, object]]
    score: float
    impossible: bool  # some cell sits where its kind cannot be
    in_place: bool  # every cell is under its own header


def fit(role: str, raw: object) -> float:
    kind, levels = kinds.kind_of(raw)
    if kind == kinds.LEVEL:
        if role in _LEVEL_BITS:
            return 3.0 if levels & _LEVEL_BITS[role] else -3.0
        if role == "category":
            return 3.0
    table = _FIT.get(role)
    if table is None:
        return 0.0
    return table.get(kind, DEFAULT_FIT.get(role, 0.0))


def place(cells: list, columns: IndicatorColumns, addressed: bool) -> Placed | None:
    """The best placement of ``cells`` (a grid row) under ``columns``; None for an empty row.

    ``addressed``: cells come from a sheet (positions are reliable).
    """
    cells = _without_block_label(cells, columns)
    last = _last_filled(cells)
    if last < 0:
        return None
    in_place = _in_place(cells, columns, last, addressed)
    if not addressed and columns.indicator_part is not None:
        short = _without_project_cells(cells[: last + 1], columns, in_place)
        if short is not None:
            return short
    if in_place is not None and not in_place.impossible and _clean(in_place):
        return in_place
    best = _align(cells[: last + 1], columns.columns, addressed)
    if in_place is not None and best.score <= in_place.score + (1.0 if addressed else 0.0):
        best = in_place
    if best.impossible:
        return _name_like_level(cells[: last + 1], columns.columns, addressed) or best
    return best


def _without_block_label(cells: list, columns: IndicatorColumns) -> list:
    """The row with its leading block label (绩效指标) blanked when the header has no column
    for it.

    The 2015 form as 重庆 pages publish it merges 一级指标 over two columns of the header
    row, the block label's and the 一级's: the first indicator row then starts with
    ``绩效指标`` (merged down the rows) before its 一级, one cell more than the header has.
    The label names the block and is never read; without it the row is the header's.
    Before, such a row could not be placed and was a note, its indicator lost. A lone
    label, or one under a block column of its own, is left as it is."""
    filled = [i for i, raw in enumerate(cells) if kinds.kind_of(raw)[0] != kinds.EMPTY]
    if len(filled) < 2 or kinds.kind_of(cells[filled[0]])[0] != kinds.BLOCK \
            or any(column.role == "block" for column in columns.columns):
        return cells
    return [*cells[: filled[0]], "", *cells[filled[0] + 1:]]


def _name_like_level(cells: list, columns: list[Column], addressed: bool) -> Placed | None:
    """A row whose 三级 is named like a 二级, read as 二级 + 三级 + value, or None.

    The 2015 form's satisfaction row, copied from a browser (which leaves the merged
    cells out), is ``社会公众或服务对象满意度指标⇥服务对象满意度⇥≥90%``: both labels look
    like 二级, so the best alignment puts the first where it cannot be and the row would
    be a note. The best alignment that puts no cell where it cannot be is taken when its
    only misfit is such a name: a framework's name without 指标 at its end (a level label
    as the form writes it has 指标; a bare 可持续影响 or 满意度 is the 三级 the form repeats)
    with a value placed beside it — a 三级 with a value is an indicator.
    """
    placed = _align(cells, columns, addressed, possible_only=True)
    if placed.impossible:
        return None
    for position, (column, _, raw) in enumerate(placed.cells):
        if fit(column.role, raw) >= 0:
            continue
        following = placed.cells[position + 1][0].role if position + 1 < len(placed.cells) \
            else None
        if column.role != "name" or kinds.kind_of(raw)[0] != kinds.LEVEL \
                or kinds.written_as_level(raw) or following != "value":
            return None
    return placed


def _last_filled(cells: list) -> int:
    for index in range(len(cells) - 1, -1, -1):
        value = cells[index]
        if value != "" and value is not None and not (
                value.__class__ is str and not value.strip(" \t\r\n\u3000\u00a0")):
            return index
    return -1


def _in_place(cells: list, columns: IndicatorColumns, last: int,
              addressed: bool) -> Placed | None:
    """Every cell under its header; None when a filled cell has no header above it.

    On a sheet only a label in the wrong level column makes this impossible (a row of
    pasted text that lost its first cells); any text under 三级指标 is the indicator.
    """
    bonus = _IN_PLACE[addressed]
    by_index = {c.index: c for c in columns.columns}
    placed: list[tuple[Column, int, object]] = []
    score = 0.0
    impossible = False
    for index in range(last + 1):
        raw = cells[index]
        column = by_index.get(index)
        if column is None:
            if raw != "" and raw is not None and kinds.kind_of(raw)[0] != kinds.EMPTY:
                return None
            continue
        value = fit(column.role, raw)
        if value <= IMPOSSIBLE and (not addressed or column.role in _SHIFT_ROLES):
            impossible = True
        score += value + bonus
        placed.append((column, index, raw))
    return Placed(placed, score, impossible, True)


def _clean(placed: Placed) -> bool:
    """An in-place row needs no alignment when no cell fits badly (a blank name, a weight
    typed as text and unread columns aside: rules report those)."""
    for column, _, raw in placed.cells:
        if column.role in ("name", "weight", "value", "other", "reason", "actual", "points",
                           "standard", "project", "project_goal", "project_unit"):
            continue
        if fit(column.role, raw) < 0:
            return False
    return True


def _without_project_cells(cells: list, columns: IndicatorColumns,
                           in_place: Placed | None) -> Placed | None:
    """A flat list's row in a browser copy that left out the merged project cells (序号,
    项目名称, 预算数, 年度目标 …): it has no more cells than the indicator columns, and they
    are the last ones — aligned from the right with those columns only, so that a 三级
    name is never taken for a 项目名称 nor a weight for a 预算数. Its project is the one
    carried down. None when the row is not such a row (it has more cells, or a single
    one, or it reads better where it stands: a unit's subtotal row under 单位名称 and
    预算数)."""
    part = columns.indicator_part
    assert part is not None
    if len(cells) > len(part) or sum(kinds.kind_of(raw)[0] != kinds.EMPTY
                                     for raw in cells) < 2:
        return None  # a lone cell (a page footer, a line of prose) is read as before
    aligned = _align(cells, list(part), False, columns.width - len(cells))
    if in_place is not None and not in_place.impossible and (
            aligned.impossible or in_place.score >= aligned.score):
        return None
    return aligned


def _align(cells: list, columns: list[Column], addressed: bool, offset: int = 0,
           possible_only: bool = False) -> Placed:
    """Sequence alignment of cells with columns (dynamic programming, both in order).

    ``offset``: where the row's first cell would stand if no cell were lost (a row aligned
    from the right); a cell there is under its own header. ``possible_only``: never a
    cell where its kind cannot be (the result is then impossible only when no such
    alignment exists)."""
    k, n = len(cells), len(columns)
    bonus = _IN_PLACE[addressed]
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(k + 1)]
    step: list[list[tuple[int, int, int] | None]] = [[None] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    empty = [kinds.kind_of(raw)[0] == kinds.EMPTY for raw in cells]
    fits = [[fit(column.role, raw) for column in columns] for raw in cells]
    for i in range(k + 1):
        for j in range(n + 1):
            here = best[i][j]
            if here == neg:
                continue
            if j < n:  # leave column j without a cell
                skip = _SKIP.get(columns[j].role, _SKIP_OTHER)
                if columns[j].role in CARRIED_ROLES:
                    skip = 0.0
                _relax(best, step, i, j + 1, here + skip, (i, j, 0))
            if i < k and empty[i]:  # drop an empty cell
                _relax(best, step, i + 1, j, here + _DROP_EMPTY, (i, j, 1))
            if i < k and j < n and not (possible_only and fits[i][j] <= IMPOSSIBLE):
                # cell i under column j
                gain = fits[i][j] + (bonus if columns[j].index == i + offset else 0.0)
                _relax(best, step, i + 1, j + 1, here + gain, (i, j, 2))
    placed: list[tuple[Column, int, object]] = []
    if best[k][n] == neg:  # more filled cells than columns: no placement keeps them all
        return Placed([], neg, True, False)
    i, j = k, n
    impossible = False
    while (i, j) != (0, 0):
        previous = step[i][j]
        assert previous is not None
        pi, pj, move = previous
        if move == 2:
            placed.append((columns[pj], pi, cells[pi]))
            impossible = impossible or fits[pi][pj] <= IMPOSSIBLE
        i, j = pi, pj
    placed.reverse()
    in_place = all(column.index == index + offset for column, index, _ in placed)
    return Placed(placed, best[k][n], impossible, in_place)


def _relax(best: list[list[float]], step: list, i: int, j: int, value: float,
           origin: tuple[int, int, int]) -> None:
    if value > best[i][j]:
        best[i][j] = value
        step[i][j] = origin
