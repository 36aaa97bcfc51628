"""The header block of a goal table: 项目名称 … 年度总体绩效目标, read by label.

Every form puts its fields differently, so each is found by its label
(``model/vocabulary.toml``) wherever it stands above the indicator header:

- ``label⇥value`` pairs along a row (``主管部门⇥X⇥实施单位⇥Y``): the value is
  the next filled cell to the label's right, unless that cell is a label too;
- ``label：value`` in one cell (``项目名称：社区养老``);
- a row of labels whose values are in the row below (``总体目标⇥年度目标``,
  then the goal): aligned by column, or from the right when the row below
  lost the cells a merged label covers (a browser copy); goals side by side
  (``中期目标⇥年度目标``) go on over the rows below, a line each;
- ``总体目标⇥<text>``: the form's one goal, the annual one;
- the funds block (``项目资金（万元）⇥年度资金总额⇥120``, then
  ``其中：财政拨款`` / ``其他资金``, their values right of them or in the row
  below): the amount, or the sum of its sources when only they are given;
- the 2015 central form's two halves (``中期资金总额⇥3000⇥年度资金总额⇥1000``,
  ``中期目标⇥年度目标``): the year's half is the project's, the mid-term funds
  are not added to it, the mid-term goal is ``mid_term_goal``;
- a cost breakdown (``项目预算成本构成⇥金额 …``): its lines are kept, never
  read as indicators;
- a self-evaluation's small tables (财预〔2020〕10号): ``项目资金（万元）⇥年初预算数⇥
  全年预算数⇥全年执行数⇥…`` with the numbers below, by source (the amount under 全年预算数,
  else 预算数, else 年初预算数), and ``年度总体目标⇥预期目标⇥实际完成情况`` with the two
  texts below (the goal under 预期目标; what was done, which no field holds, a note).

A goal may run over several lines (a text); a wrapped project name is joined
back. A row the block cannot place is kept as a reading note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from xlperf.model import Funds, Project, ReadingNote
from xlperf.model.text import (
    normalize_label,
    parse_number,
    read_amount,
    split_label_value,
    split_period,
)
from xlperf.model.vocabulary import (
    AMOUNT_UNIT_IN_TEXT,
    AMOUNT_UNIT_LINE,
    BLANK_CHARS,
    Side,
    bare_key,
    budget_rank,
    divisor_of,
    funds_kind,
    goal_column,
    header_field,
    is_cost_table_label,
    is_filling_unit_line,
    is_funds_group,
    is_goal_group,
    is_header_label,
    is_list_column,
    is_table_title,
    label_key,
)
from xlperf.reader.trace import Trace
from xlperf.sources.grid import Grid, address, stringify

INLINE_LABEL_CHARS = 20  # a label before a colon (项目年度金额（万元）) is shorter than this
_GOALS = ("goal", "mid_term_goal")
_FUNDS_GROUP_VALUE = "“{}”不说明是年度金额还是多年合计，其右的值未读取"
GOAL_FIELDS = _GOALS  # fields that may run over several lines
_WRAPPING = frozenset({"name", "competent_department", "implementing_unit", "term", "division"})
_TEXT_FIELDS = frozenset({"name", "competent_department", "implementing_unit", "attribute",
                          "term", "division", "goal", "mid_term_goal"})
_ACTUAL = "goal_actual"  # a waiting column of what was done (实际完成情况): a note, no field
GOAL_ACTUAL = "自评表中目标的实际完成情况，绩效目标表没有此项，未读取"


STRAY_CELLS = "表头行中这些单元格既不是标签也不是标签的值，未读取"
# A self-evaluation's funds line whose budget column is empty while other cells are filled.
NO_BUDGET_CELL = "资金行中预算数一列下没有数值，无法确定哪一个是金额，此行未读取"
# Between two dates of a 项目期限 in cells of their own (2024年1月⇥至⇥2024年12月).
_RANGE_WORDS = frozenset({"至", "到", "-", "~", "—", "–", "－", "～", "——"})

_GOAL_LINES = 12  # a goal a PDF copy cut runs onto a few lines, never dozens
_UNSURE = "unsure"  # a funds line under 中期 and 年度 halves the reader cannot tell apart


@dataclass
class _Pending:
    """Labels of a row whose values are expected in the row below."""

    fields: dict[int, tuple[str, str]]  # column → (field, the label's note)
    width: int  # filled width of the label row
    funds: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # → (kind, side)
    others: dict[int, str] = field(default_factory=dict)  # → a label without a field (综述)
    texts: dict[int, str] = field(default_factory=dict)  # → the row's text (a label's start)
    cells: int = 0  # the label row's cells, empty ones too (a PDF copy's rows all have them)


@dataclass(frozen=True)
class _Halves:
    """Where the 中期 and 年度 halves of the 2015 central form's funds start (the columns
    of 中期资金总额 and of 年度资金总额), from the row that names them: the funds lines
    below it are in the half their column is in."""

    starts: tuple[tuple[int, Side], ...]  # (column, side), left to right
    width: int  # filled width of the row naming them

    def at(self, column: int) -> Side | None:
        """The half ``column`` is in; None left of both."""
        found: Side | None = None
        for start, side in self.starts:
            if start <= column:
                found = side
        return found

    @property
    def sides(self) -> list[Side]:
        return [side for _, side in self.starts]


@dataclass
class _Budget:
    """A self-evaluation's funds block under its column headers (项目资金（万元）⇥年初预算数⇥
    全年预算数⇥全年执行数⇥分值⇥执行率⇥得分): a row per source below, the number wanted
    under the budget column (``budget_rank``), not the first one after the label."""

    column: int  # the budget column's grid column (a sheet's cells stay in their columns)
    ordinal: int  # its place among the block's headers (a text keeps their order, not places)
    width: int  # the header row's cells, empty ones too (a row as wide kept its places)


@dataclass
class HeaderReader:
    """Reads one project's header rows into its fields (see the module docstring)."""

    grid: Grid
    project: Project
    divisor: float = 1.0  # the table's amount unit (单位：元 → 10000)
    trace: Trace | None = None
    pending: _Pending | None = None
    last_field: str | None = None
    goal_lines: dict[str, list[str]] = field(default_factory=dict)
    funds: dict[str, float] = field(default_factory=dict)
    cost_column: int | None = None  # the 金额 column while inside a cost breakdown
    cost_divisor: float = 1.0  # its unit: 金额（元） → 10000, else the table's
    seen: set[str] = field(default_factory=set)  # fields read (the first label wins)
    # 实施单位 read above the project's name (单位名称：某厅 on the form's top line): the unit
    # filling in the form, until the table names its own 实施单位, which then wins.
    provisional: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)  # fields the form has a label for
    cost_total: tuple[float, int, int] | None = None  # a cost breakdown's 合计: value, where
    labels: set[str] = field(default_factory=set)  # every label met (tells the family)
    fed: list[int] = field(default_factory=list)  # the rows of the block (a page repeats them)
    resume: int = 0  # the next row to read, past the lines a wrapped goal ran onto (a text)
    budget: _Budget | None = None  # inside a self-evaluation's funds block
    halves: _Halves | None = None  # the 中期/年度 halves the rows below are split into
    # goals under their labels, whose further lines are below, and the goals read there
    goal_rows: tuple[_Pending, set[str]] | None = None
    years: list[int] = field(default_factory=list)  # the budget year a title line states

    # --- rows ---------------------------------------------------------------------------

    def feed(self, row: int, cells: list | None = None) -> None:
        """Read header row ``row``; ``cells``: its values as ``grid.values`` gives them, when
        the caller has them already."""
        self.fed.append(row)
        grid = self.grid
        if cells is None:
            cells = grid.values(row) if grid.uncached else grid.rows[row]
        filled = [(index, raw) for index, raw in enumerate(cells)
                  if raw != "" and raw is not None
                  and not (raw.__class__ is str and not raw.strip(BLANK_CHARS))]
        if not filled:
            if self.last_field in _GOALS:
                self.goal_lines[self.last_field].append("")
            return
        self._unit_line(filled)
        if len(filled) == 1 and filled[0][1].__class__ is str \
                and AMOUNT_UNIT_LINE.match(filled[0][1].strip(BLANK_CHARS)):
            # 单位：万元 between two header rows: the amounts' unit, never the rest of the
            # name above (it became 农村人居环境整治单位：万元) nor a goal's line.
            self._trace(row, "title", f"标题：{filled[0][1].strip(BLANK_CHARS)}")
            return
        labels = [(index, raw) for index, raw in filled if raw.__class__ is str
                  and is_header_label(raw)]
        if self.cost_column is not None and self._cost_line(row, filled, labels):
            return
        if labels or any(_inline(raw)[0] for _, raw in filled):
            self._label_row(row, filled)
        elif self.pending is not None:
            self._values_below(row, self._uncut_goals(row, cells, filled))
        elif self.goal_rows is not None and self._goal_row(row, filled):
            return
        elif not self._continuation(row, filled):
            self._unplaced(row, filled)

    def _label_row(self, row: int, filled: list[tuple[int, object]]) -> None:
        if self._budget_header(row, filled) or self._budget_line(row, filled):
            return
        self.pending = None
        self.last_field = None
        self.goal_rows = None
        sides = self._funds_sides(filled)
        waiting: dict[int, tuple[str, str]] = {}
        waiting_funds: dict[int, tuple[str, str | None]] = {}
        others: dict[int, str] = {}
        stray: list[tuple[int, object]] = []  # cells neither a label nor a label's value
        values = 0
        position = 0
        count = len(filled)
        while position < count:
            index, raw = filled[position]
            position += 1
            info = _label_info(raw) if raw.__class__ is str else None
            if info is None:
                key, label, value = _inline(raw)
                if key is not None:
                    self._has_label(key, row)
                    self._set(key, value, row, index, label)
                    values += 1
                else:
                    stray.append((index, raw))
                continue
            bare, cost, key, note, kind = info
            self.labels.add(bare)
            if cost:
                self.cost_column = _amount_column(filled)
                self.cost_divisor = _cost_unit(filled, self.cost_column) or self.divisor
                self._trace(row, "cost", "成本构成表（不作为指标读取）")
                return
            if key is None and note and (unit := divisor_of(note)) is not None:
                self.divisor = unit  # 资金情况（元）: the block's amounts are in 元
            following = filled[position] if position < count else None
            # 项目金额⇥备注: a column header (备注, 序号) is never the value beside it
            has_value = following is not None and not _is_label(following[1]) \
                and not _is_list_column(following[1])
            if key in _GOALS and following is not None and _heads(following[1], key):
                # 年度总体目标⇥预期目标⇥实际完成情况: the goal is below 预期目标, a heading
                self._has_label(key, row)
                waiting[following[0]] = (key, note)
                position += 1
                continue
            if key is None and goal_column(raw) == _ACTUAL:  # 实际完成情况: a note, no field
                if has_value and not _is_score(following[1]):
                    self._goal_actual(raw, following[1], row, following[0])
                    position += 1
                    values += 1
                else:
                    waiting[index] = (_ACTUAL, raw)
                continue
            if kind is not None and key is None:
                if has_value:
                    self._funds(kind, following[1], row, following[0], sides.get(index))
                    position += 1
                    values += 1
                else:
                    waiting_funds[index] = (kind, sides.get(index))
                continue
            if key is None and has_value and is_goal_group(raw):
                self._group_goal(row, following, filled)
                position += 1
                values += 1
                continue
            if key is None and count == 1 and is_goal_group(raw):  # alone: the goal below
                self._has_label("goal", row)
                waiting[index] = ("goal", "")
                continue
            if key is None:  # a known label without a field (联系电话): its value is not ours
                if has_value:
                    if is_funds_group(raw):
                        self._unplaced(row, [following], _FUNDS_GROUP_VALUE.format(
                            str(raw).strip(BLANK_CHARS)))
                    position += 1
                else:
                    others[index] = str(raw).strip()
                continue
            self._has_label(key, row)
            if has_value:
                value, note, more = _value_with_tail(key, following[1], note,
                                                     filled[position + 1:])
                self._set(key, value, row, following[0], note)
                position += 1 + more
                values += 1
            else:
                waiting[index] = (key, note)
        # 项目期限⇥2024年1月⇥备用⇥某某, or a row of labels' score: never dropped unsaid
        if stray and (values or all(_is_score(raw) for _, raw in stray)):
            self._unplaced(row, stray, STRAY_CELLS)
        if (waiting or waiting_funds) and not values:
            texts = {index: raw for index, raw in filled if raw.__class__ is str}
            self.pending = _Pending(waiting, _labels_width(filled), waiting_funds, others, texts,
                                    len(self.grid.rows[row]))
        if not values and self.trace is not None:
            labels = "、".join(str(raw).strip() for _, raw in filled)
            where = "，值在下一行" if self.pending else ""
            self._trace(row, "field", f"表头标签：{labels}{where}")

    def _funds_sides(self, filled: list[tuple[int, object]]) -> dict[int, str | None]:
        """The half (中期 or 年度) each funds line of a label row is in, by its column.

        A row naming both halves (中期资金总额 … 年度资金总额) splits the block for the funds
        lines below it (one naming one of them puts them in that half); a row of funds
        lines alone keeps the split, any other label row ends it. A funds line of a row
        that lost cells (a browser copy drops those a merged label covers) is placed by
        its order among the row's funds lines when there is one per half, else it cannot
        be told (``_UNSURE``)."""
        marks: list[tuple[int, Side]] = []
        funds: list[int] = []
        other = False
        for index, raw in filled:
            info = _label_info(raw) if raw.__class__ is str else None
            if info is None:
                other = other or _inline(raw)[0] is not None
                continue
            _, _, key, _, kind = info
            side = _side_of(key, kind)
            if side is not None:
                marks.append((index, side))
            elif kind is not None and key is None:
                funds.append(index)
            else:
                other = True
        if marks:
            self.halves = _Halves(tuple(marks), filled[-1][0] + 1)
        elif other or not funds:
            self.halves = None
        halves = self.halves
        if halves is None or not funds:
            return {}
        sides = [side for position, side in enumerate(halves.sides)
                 if position == 0 or halves.sides[position - 1] != side]
        if len(sides) == 1:
            return dict.fromkeys(funds, sides[0])
        if self.grid.addressed or filled[-1][0] + 1 >= halves.width:
            return {index: halves.at(index) or _UNSURE for index in funds}
        if len(funds) == len(sides):
            return dict(zip(funds, sides, strict=True))
        return dict.fromkeys(funds, _UNSURE)

    def _group_goal(self, row: int, value: tuple[int, object],
                    filled: list[tuple[int, object]]) -> None:
        """``总体目标⇥<text>``: the form's one goal, the annual one (年度总体绩效目标) — a
        merged 总体目标 label beside it. When the row also names a mid-term goal, which goal
        the text is cannot be told: a reading note."""
        if any(raw.__class__ is str and header_field(raw)[0] == "mid_term_goal"
               for _, raw in filled):
            self._unplaced(row, [value],
                           "无法确定“总体目标”右侧的内容是中期目标还是年度目标，未读取")
            return
        self._has_label("goal", row)
        self._set("goal", value[1], row, value[0], "")

    def _values_below(self, row: int, filled: list[tuple[int, object]]) -> None:
        """Values under a row of labels: by column, or from the right when this row is
        shorter (a browser copy left out the cells a merged label covers)."""
        pending = self.pending
        assert pending is not None
        self.pending = None
        width = filled[-1][0] + 1
        shift = 0 if self.grid.addressed or width >= pending.width else pending.width - width
        left: list[tuple[int, object]] = []  # cells under no label of the row above
        goals: set[str] = set()
        for index, raw in filled:
            target = pending.fields.get(index + shift)
            fund = pending.funds.get(index + shift)
            if target is not None and target[0] == _ACTUAL:
                self._goal_actual(target[1], raw, row, index)
            elif target is not None:
                if self._set(target[0], raw, row, index, target[1]) and target[0] in _GOALS:
                    goals.add(target[0])
            elif fund is not None:
                if not self._funds(fund[0], raw, row, index, fund[1]):
                    self._unplaced(row, [(index, raw)], "资金来源的值不是金额，未读取")
            elif index + shift in pending.others:  # its value is not ours, as beside it
                self._trace(row, "skipped", f"“{pending.others[index + shift]}”的内容，未读取")
            elif (label := _wrapped_label(pending.texts.get(index + shift), raw)) is not None:
                self._trace(row, "skipped", f"分两行书写的标签“{label}”，未读取")
            else:
                left.append((index, raw))
        if len(left) == len(filled):
            self._unplaced(row, filled)
            return
        if left:
            self._unplaced(row, left, "表头中这些值上方没有标签，未读取")
        if any(key in _GOALS for key, _ in pending.fields.values()):
            self.goal_rows = (pending, goals)

    def _uncut_goals(self, row: int, cells: list,
                     filled: list[tuple[int, object]]) -> list[tuple[int, object]]:
        """Goals under their labels a PDF copy cut where a goal wrapped, joined back.

        `总体目标⇥中期目标⇥⇥年度目标⇥`, then `⇥三年内完成…建立培训` (the line stops inside the
        中期目标, before the 年度目标 it also has a label for) and `成果转化长效机制⇥⇥全年培训…⇥`:
        joined where each line was cut, the lines give one row as wide as the label row (a PDF
        copy keeps every cell) whose every cell is under a label of it. Only in a text, and
        only for a line that kept its leading tab (a browser copy leaves the merged 总体目标
        out and never cuts a cell); otherwise ``filled`` as it was. Before, the mid-term
        goal's first line was read as the annual goal and its end as the mid-term goal."""
        pending, grid = self.pending, self.grid
        assert pending is not None
        if grid.addressed or grid.places is not None or not filled or filled[0][0] == 0:
            return filled
        last = filled[-1][0]
        target = pending.fields.get(last)
        if len(cells) != last + 1 or target is None or target[0] not in _GOALS \
                or not any(column > last for column in pending.fields):
            return filled
        joined = list(cells)
        for below in range(row + 1, min(row + _GOAL_LINES, len(grid.rows))):
            line = grid.rows[below]
            if not line or not isinstance(line[0], str) or not line[0].strip() \
                    or is_header_label(line[0]):
                return filled
            joined = [*joined[:-1], f"{joined[-1]}{line[0].strip()}", *line[1:]]
            cut = [(index, raw) for index, raw in enumerate(joined) if str(raw).strip()]
            if any(index not in pending.fields for index, _ in cut):
                return filled  # a cell under no label: not this goal's lines
            if len(joined) >= max(pending.cells, max(pending.fields) + 1):  # all its cells
                self.resume = below + 1
                self._trace(row, "joined", f"单元格内换行，与下 {below - row} 行合并为一行："
                            + " | ".join(str(raw) for _, raw in cut))
                return cut
        return filled

    def _goal_row(self, row: int, filled: list[tuple[int, object]]) -> bool:
        """A further line of goals whose first line was under their labels: under
        ``中期目标⇥年度目标``, ``目标2：…⇥目标2：…`` adds a line to each. A row that lost
        cells (a browser or PDF copy) is placed by its cells' order when it has one per
        goal; a line that could be either goal's is a reading note, never guessed. Under a
        self-evaluation's ``预期目标⇥实际完成情况`` the line's second text is what was done,
        a note as the first line's is."""
        assert self.goal_rows is not None
        pending, read = self.goal_rows
        goals = {column: (key, note) for column, (key, note) in sorted(pending.fields.items())
                 if key in _GOALS or key == _ACTUAL}
        width = filled[-1][0] + 1
        if self.grid.addressed or width >= pending.width:
            if any(index not in goals for index, _ in filled):
                return False
            placed = [(goals[index], index, raw) for index, raw in filled]
        elif len(filled) == len(goals):
            placed = list(zip(goals.values(), (i for i, _ in filled),
                              (raw for _, raw in filled), strict=True))
        elif len(set(key for key, _ in goals.values())) > 1:
            self._unplaced(row, filled, "无法确定这一行属于中期目标还是年度目标，未读取")
            return True
        else:
            return False
        for (key, note), index, raw in placed:
            if key == _ACTUAL:
                self._goal_actual(note, raw, row, index)
            elif key in read:
                text = self.grid.text_of(raw, row, index)
                self.goal_lines[key].append(text)
                self._trace(row, "field", f"{_LABELS[key]}（续）：{text}")
            elif self._set(key, raw, row, index, note):
                read.add(key)
        return True

    def _budget_header(self, row: int, filled: list[tuple[int, object]]) -> bool:
        """A row of the funds block's column headers (项目资金（万元）⇥年初预算数⇥全年预算数
        ⇥全年执行数⇥分值⇥执行率⇥得分, or 预算数⇥执行数⇥…): labels, never values; the
        amount is in the rows below, under the first budget column by rank."""
        if len(filled) < 3 or not all(_is_label(raw) for _, raw in filled):
            return False
        group = filled[0][1]
        heads = filled[1:] if budget_rank(str(group)) is None else filled
        if heads is not filled and header_field(str(group))[0] is not None:
            return False  # a field's label first (年度总体目标⇥…): not the funds block
        ranked = [(rank, place) for place, (_, raw) in enumerate(heads)
                  if (rank := budget_rank(str(raw))) is not None]
        by_term = _year_beside_term(heads) if not ranked else None
        if (not ranked and by_term is None) or len(heads) < 2:
            return False
        place = min(ranked)[1] if ranked else by_term
        column, header = heads[place]
        self.budget = _Budget(column, place, len(self.grid.rows[row]))
        self.last_field = None
        for _, raw in filled:
            info = _label_info(str(raw))
            if info is not None:
                self.labels.add(info[0])
        group_note = _label_info(str(group))
        if heads is not filled and group_note is not None and group_note[3] and (
                unit := divisor_of(group_note[3])) is not None:
            self.divisor = unit  # 项目资金（元）
        self._has_label("amount", row)
        # The other columns (执行数, 执行率, 分值, 得分) say how the budget was spent: not
        # fields, so their values below are not read, and say so only in the trace.
        others = {index: str(raw).strip(BLANK_CHARS) for index, raw in heads
                  if index != column}
        self.pending = _Pending({column: ("amount", header_field(str(header))[1])},
                                filled[-1][0] + 1, others=others)
        rest = "实施期资金，不计入年度资金" if by_term is not None else "预算执行情况，未读取"
        self._trace(row, "field", f"资金表头：金额取“{str(header).strip()}”列（其余各列为{rest}），"
                    "值在下面各行")
        return True

    def _budget_line(self, row: int, filled: list[tuple[int, object]]) -> bool:
        """A source's row under the funds block's headers (年度资金总额⇥80⇥100⇥96⇥…): its
        number under the budget column — by column on a sheet; in a text, as many cells
        after the label as the column is after the block's first header."""
        budget = self.budget
        if budget is None:
            return False
        index, raw = filled[0]
        info = _label_info(raw) if raw.__class__ is str else None
        if info is None or (info[2] != "amount" and info[4] is None) \
                or any(_is_label(raw) for _, raw in filled[1:]):
            self.budget = None  # another label (年度总体目标), here or after: the block is over
            return False
        column = budget.column if self._in_place(row, budget) else index + 1 + budget.ordinal
        cell = next(((i, value) for i, value in filled if i == column), None)
        self.pending = None
        self.last_field = None
        self.labels.add(info[0])
        if info[2] == "amount":
            self._has_label("amount", row)
        if cell is None:
            if any(_has_digit(raw) for _, raw in filled[1:]):  # numbers, none under 预算数
                self._unplaced(row, filled, NO_BUDGET_CELL)
            elif info[2] != "amount":
                name = _FUND_NAMES.get(info[4], "资金")
                self._trace(row, "field", f"资金来源（{name}）：未填金额")
        elif info[2] == "amount":
            self._set("amount", cell[1], row, cell[0], info[3])
        else:
            self._funds(info[4], cell[1], row, cell[0])
        return True

    def _in_place(self, row: int, budget: _Budget) -> bool:
        """Whether a funds line's cells stand under the headers' own columns: always on a
        sheet; in a text when the line has as many cells as the header row, empty ones
        included — a PDF copy keeps a label merged over two cells (`年度资金总额:⇥⇥2,560,000`)
        as a cell and an empty one in both rows, so the place, not the order, finds the
        budget column. A browser copy's line that lost a merged cell is shorter: there the
        order among the headers does."""
        return self.grid.addressed or len(self.grid.rows[row]) == budget.width

    def _goal_actual(self, label: object, raw: object, row: int, column: int) -> None:
        """What a self-evaluation says was done (实际完成情况): no field holds it, so it is
        kept as a reading note with its cell — never dropped, never read as the goal."""
        text = self.grid.text_of(raw, row, column)
        shown = f"{str(label).strip(BLANK_CHARS)}：{text}"
        self.project.notes.append(ReadingNote(
            shown, GOAL_ACTUAL, self.grid.sheet_at(row), self.grid.cell(row, column),
            self.grid.line(row), part="header"))
        self._trace(row, "note", f"{GOAL_ACTUAL}：{shown}")

    def _continuation(self, row: int, filled: list[tuple[int, object]]) -> bool:
        """A further line of the goal, or the rest of a wrapped name (a text)."""
        lone = len(filled) == 1 and filled[0][0] <= 1
        if not lone or not isinstance(filled[0][1], str):
            return False
        text = self.grid.text_of(filled[0][1], row, filled[0][0])
        if self.last_field in _GOALS:
            self.goal_lines[self.last_field].append(text)
        elif self.last_field in _WRAPPING and not self.grid.addressed:
            setattr(self.project, self.last_field, getattr(self.project, self.last_field) + text)
        else:
            return False
        self._trace(row, "field", f"{_LABELS.get(self.last_field, self.last_field)}（续）：{text}")
        return True

    def _cost_line(self, row: int, filled: list[tuple[int, object]],
                   labels: list[tuple[int, object]]) -> bool:
        """A line of the cost breakdown (保安服务费 | 191 | …); its 合计 ends it."""
        first = filled[0][1]
        if labels and not isinstance(first, str):
            return False
        if labels and label_key(str(first)) not in ("合计", "小计", "总计"):
            self.cost_column = None
            return False
        amount = next(((index, raw) for index, raw in filled if index == self.cost_column),
                      None)
        value, _ = read_amount(amount[1], self.cost_divisor) if amount is not None else (None, [])
        item = self.grid.text_of(first, row, filled[0][0])
        self.project.cost_lines.append((item, value))
        self._trace(row, "cost",
                    f"成本构成：{item}，{_in_wan(value, '未填金额')}（不作为指标读取）")
        if label_key(item) in ("合计", "总计"):
            self.cost_column = None
            if isinstance(value, float) and amount is not None:
                self.cost_total = (value, row, amount[0])
        return True

    def _unit_line(self, filled: list[tuple[int, object]]) -> None:
        for _, raw in filled:
            if raw.__class__ is str and "单位" in raw and (
                    found := AMOUNT_UNIT_IN_TEXT.search(raw)):
                self.divisor = divisor_of(found.group(1)) or self.divisor

    def _unplaced(self, row: int, filled: list[tuple[int, object]],
                  reason: str = "表头中未识别的行") -> None:
        text = " | ".join(self.grid.text_of(raw, row, index) for index, raw in filled)
        if _ignorable(filled):
            self.years.extend(year for _, raw in filled if (year := title_year(raw)))
            self._trace(row, "skipped", f"表头说明行，未读取：{text}")
            return
        self.project.notes.append(ReadingNote(
            text, reason, self.grid.sheet_at(row), self.grid.cell(row, filled[0][0]),
            self.grid.line(row), part="header"))
        self._trace(row, "note", f"{reason}：{text}")

    # --- fields -------------------------------------------------------------------------

    def _set(self, key: str, raw: object, row: int, column: int, note: str) -> bool:
        """Read field ``key`` from this cell; False when a label of it was read already
        (the first label of a field wins)."""
        project = self.project
        if key in self.seen:
            self._repeated(key, raw, row, column)
            return False
        self.seen.add(key)
        if key == "implementing_unit" and "name" not in self.seen:
            self.provisional.add(key)
        grid = self.grid
        if grid.addressed:
            project.cells[key] = address(row, column)
        project.lines[key] = row + 1 if grid.lines is None else grid.lines[row]
        self.last_field = key
        if key == "amount":
            divisor = divisor_of(note) if note else None
            value, repairs = read_amount(raw, divisor or self.divisor)
            self.grid.note(repairs, raw, row, column, None)
            project.amount = value
            if self.trace is not None:
                self._trace(row, "field", f"项目金额：{value}（万元）")
            return True
        text = self.grid.text_of(raw, row, column)
        if key == "attribute":
            text = self._label(text, row, column)
        if key in _GOALS:
            self.goal_lines[key] = [text]
        elif key in _TEXT_FIELDS:
            setattr(project, key, text)
        if self.trace is not None:
            self._trace(row, "field", f"{_LABELS.get(key, key)}：{text}")
        return True

    def _repeated(self, key: str, raw: object, row: int, column: int) -> None:
        """A field read already: the same value again is a page's repeat; another value
        (单位名称 above the table, 实施单位 in it) is kept as a note, never dropped unsaid."""
        name = _LABELS.get(key, key)
        text = self.grid.text_of(raw, row, column)
        if key in self.provisional and text:
            self._replace_provisional(key, raw, row, column)
            return
        self._trace(row, "skipped", f"{name}已读取，此处重复，未读取")
        if key == "amount" or key in _GOALS or not text:
            return  # amounts and goals have their own repeats (funds blocks, 中期/年度)
        if text != (getattr(self.project, key, None) or ""):
            reason = f"{name}已读取为“{getattr(self.project, key, '')}”，此处的值未读取"
            self.project.notes.append(ReadingNote(
                text, reason, self.grid.sheet_at(row), self.grid.cell(row, column),
                self.grid.line(row), part="header"))

    def _replace_provisional(self, key: str, raw: object, row: int, column: int) -> None:
        """The table's own 实施单位 after a 单位名称 above the name: the table's wins; the
        first is kept as a header note where it was."""
        project, grid = self.project, self.grid
        first = getattr(project, key) or ""
        where = project.cells.get(key), project.lines.get(key)
        self.provisional.discard(key)
        self.seen.discard(key)
        self._set(key, raw, row, column, "")
        kept = getattr(project, key)
        if first and first != kept:
            reason = f"项目名称之上的单位（填报单位），实施单位取表中的“{kept}”，此值未读取"
            project.notes.append(ReadingNote(first, reason, grid.sheet, where[0], where[1],
                                             part="header"))

    def _has_label(self, key: str, row: int) -> None:
        """The form has this field (its value may be blank, or in the row below)."""
        self.fields.add(key)
        self.project.lines.setdefault(key, self.grid.line(row))

    def _label(self, text: str, row: int, column: int) -> str:
        """项目属性 written with a code is normalised (``０１０１－一年期项目`` →
        ``0101-一年期项目``); words alone (上年延续性项目) are kept as written."""
        if not any(ch.isdigit() for ch in text):
            return text
        label = normalize_label(text)
        if label != text:
            kinds = ["fullwidth"] if any("０" <= ch <= "９" for ch in text) else []
            if set(text) & set("－—–‐‑﹣"):
                kinds.append("hyphen")
            self.grid.note(kinds or ["space"], text, row, column, None)
        return label

    def _funds(self, kind: str, raw: object, row: int, column: int,
               side: str | None = None) -> bool:
        """A funds line's value: the year's fiscal or other part; a sub-item (parts) is in
        a line already counted; the mid-term half's lines are not the year's. False when
        the value is no amount (its cell is then the caller's to report or leave)."""
        if kind == "parts":
            value, _ = read_amount(raw, self.divisor)
            self._trace(row, "skipped",
                        f"资金来源的分项：{_in_wan(value, str(raw))}（已计入其所属的资金行）")
            return True
        if side == _UNSURE:
            name = _FUND_NAMES.get(kind, "资金")
            self._unplaced(row, [(column, raw)], f"无法确定这笔{name}属于中期还是年度资金，未读取")
            return True
        if kind == "mid_term" or side == "long_term":
            value, _ = read_amount(raw, self.divisor)
            shown = _in_wan(value, str(raw))
            self._trace(row, "skipped", f"中期资金（{_FUND_NAMES.get(kind, '总额')}）：{shown}，"
                                        "不计入年度资金")
            return True
        value, repairs = read_amount(raw, self.divisor)
        self.grid.note(repairs, raw, row, column, None)
        if not isinstance(value, float):
            return False
        self.funds[kind] = self.funds.get(kind, 0.0) + value
        self._trace(row, "field", f"资金来源（{_FUND_NAMES[kind]}）：{value:g} 万元")
        return True

    def finish(self) -> None:
        """Join the goals' lines; the amount from its sources when only they are given."""
        for key, lines in self.goal_lines.items():
            setattr(self.project, key, "\n".join(lines).strip("\n"))
        project = self.project
        if project.term:
            project.period = split_period(project.term)
        if "amount" not in self.seen and self.cost_total is not None:
            self._amount_from_costs(*self.cost_total)
        if self.fields:
            project.labels = frozenset(self.fields) | (project.labels or frozenset())
        parts = self.funds.pop("fiscal_parts", None)
        if parts is not None and "fiscal" not in self.funds:  # 一般公共预算 + 政府性基金 …
            self.funds["fiscal"] = round(parts, 6)
        if not self.funds:
            return
        total = project.amount if isinstance(project.amount, float) else None
        project.funds = Funds(total=total, fiscal=self.funds.get("fiscal"),
                              other=self.funds.get("other"))
        if project.amount is None and "amount" not in self.seen:
            project.amount = round(sum(self.funds.values()), 6)
            project.funds.total = project.amount

    def _amount_from_costs(self, value: float, row: int, column: int) -> None:
        """A form whose money is its 项目预算成本构成 (鄂州): the amount is that table's 合计."""
        project = self.project
        project.amount = value
        self.fields.add("amount")
        project.lines["amount"] = self.grid.line(row)
        if (cell := self.grid.cell(row, column)) is not None:
            project.cells["amount"] = cell
        self._trace(row, "field", f"项目金额：{value:g}（万元，取成本构成表的合计）")

    def _trace(self, row: int, kind: str, message: str) -> None:
        if self.trace is not None:
            self.trace.add(self.grid, row, kind, message)


_LABELS = {"name": "项目名称", "competent_department": "主管部门", "implementing_unit": "实施单位",
           "attribute": "项目属性", "term": "项目期限", "division": "项目主管处室",
           "amount": "项目年度金额", "goal": "年度总体绩效目标", "mid_term_goal": "中期目标"}
_FUND_NAMES = {"fiscal": "财政拨款", "other": "其他资金", "fiscal_parts": "财政拨款的分项"}


def field_label(key: str) -> str:
    """A header field's (or funds source's) label as the standard form writes it."""
    return _LABELS.get(key) or _FUND_NAMES.get(key, key)


def _side_of(key: str | None, kind: str | None) -> Side | None:
    """The half of the 2015 central form's funds a label heads: 中期资金总额 the mid-term,
    the amount (年度资金总额) the year; None for any other label. (The goals' halves are
    their own labels' columns.)"""
    if kind == "mid_term":
        return "long_term"
    if key == "amount":
        return "annual"
    return None


def _wrapped_label(start: str | None, raw: object) -> str | None:
    """``总体`` above ``目标``: a label a PDF wrapped in its merged cell, the row of values
    holding its second half; None when the two do not make a label."""
    if start is None or raw.__class__ is not str:
        return None
    label = start.strip(BLANK_CHARS) + str(raw).strip(BLANK_CHARS)
    return label if is_header_label(label) else None


def _labels_width(filled: list[tuple[int, object]]) -> int:
    """The width a row of labels gives the row of values below (shorter: a browser copy
    left out the cells its merged labels cover). A trailing 备注 column is left out: its
    value is mostly blank, so a row ending there is no shorter for having lost cells; so is
    a trailing score (``…目标实际完成情况⇥20``), merged down beside the values."""
    kept = [index for index, raw in filled if not _is_list_column(raw) and not _is_score(raw)]
    return (kept or [filled[-1][0]])[-1] + 1


def _value_with_tail(key: str, value: object, note: str,
                     rest: list[tuple[int, object]]) -> tuple[object, str, int]:
    """A value whose end is in the cells after it: (the value, the label's note, how many
    more cells it takes). ``项目期限⇥2024年1月⇥至⇥2024年12月`` is the term
    ``2024年1月至2024年12月`` (two date cells and the word between them); ``项目年度金额⇥
    1234560⇥元`` is in the unit written after it. Anything else is the cell alone."""
    if key == "term" and len(rest) >= 2 and rest[0][1].__class__ is str \
            and rest[0][1].strip(BLANK_CHARS) in _RANGE_WORDS and not _is_label(rest[1][1]):
        parts = (value, rest[0][1], rest[1][1])
        return "".join(_cell_text(part) for part in parts), note, 2
    if key == "amount" and rest and rest[0][1].__class__ is str and not note:
        unit = label_key(rest[0][1]).strip("()")
        if divisor_of(unit) is not None:
            return value, unit, 1
    return value, note, 0


def _cell_text(raw: object) -> str:
    """A cell of a value joined from several, as the user reads it (a date cell as a date)."""
    return raw.strip(BLANK_CHARS) if raw.__class__ is str else stringify(raw)


def _is_list_column(raw: object) -> bool:
    return raw.__class__ is str and is_list_column(raw)


def _year_beside_term(heads: list[tuple[int, object]]) -> int | None:
    """The place of the year's amount among a funds block's column headers that name the
    mid-term total beside it (资金情况（万元）⇥实施期资金总额⇥年度资金总额, the transfer
    payment's 区域绩效目标表): each source's row below has both numbers, and the year's is
    under its own header — not the first number after the row's label."""
    kinds = [funds_kind(str(raw)) for _, raw in heads]
    amounts = [place for place, (_, raw) in enumerate(heads)
               if header_field(str(raw))[0] == "amount" and kinds[place] is None]
    return amounts[0] if "mid_term" in kinds and len(amounts) == 1 else None


def _is_label(raw: object) -> bool:
    return raw.__class__ is str and bool(raw) and is_header_label(raw)


def _heads(raw: object, key: str) -> bool:
    """A heading of the goal's text beside its label (年度总体目标⇥预期目标, or ⇥年初设定目标):
    the text is in the row below, under it."""
    return raw.__class__ is str and (goal_column(raw) == "goal" or header_field(raw)[0] == key)


@lru_cache(maxsize=8192)
def _label_info(raw: str) -> tuple[str, bool, str | None, str, str | None] | None:
    """What a header label cell is, in one cached answer: (its bare key, a cost table's
    heading?, the field it names, its note — a field's, or a group label's own such as
    资金情况（元）'s 元 —, the funds line it names); None for a value."""
    if not raw or not is_header_label(raw):
        return None
    key, note = header_field(raw)
    bare, own_note = bare_key(raw)
    return bare, is_cost_table_label(raw), key, note if key else own_note, funds_kind(raw)


def _inline(raw: object) -> tuple[str | None, str, str]:
    """(field, label, value) of a ``项目名称：…`` cell; (None, "", "") for any other."""
    if not isinstance(raw, str) or ("：" not in raw and ":" not in raw):
        return None, "", ""
    parts = split_label_value(raw)
    if parts is None or len(parts[0]) > INLINE_LABEL_CHARS:  # prose with a colon in it
        return None, "", ""
    key, note = header_field(parts[0])
    if key is None and is_goal_group(parts[0]):  # 总体目标：… — the form's one goal
        key = "goal"
    return (key, note, parts[1]) if key else (None, "", "")


def inline_field(raw: object) -> str | None:
    """The header field a ``label：value`` cell names, else None."""
    return _inline(raw)[0]


def _cost_unit(filled: list[tuple[int, object]], column: int | None) -> float | None:
    """The unit a cost breakdown's 金额 column names (``金额（元）`` → 10000), if any."""
    header = next((raw for index, raw in filled if index == column), None)
    return divisor_of(bare_key(header)[1]) if isinstance(header, str) else None


def _is_score(raw: object) -> bool:
    """A bare number beside 实际完成情况 is the goals' score (``…目标实际完成情况⇥20``, the
    分值 column of 四川's 自评表), never what was done: that is a text, in the rows below."""
    number, _ = parse_number(raw)
    return isinstance(number, float)


def _amount_column(filled: list[tuple[int, object]]) -> int | None:
    """The 金额 column of a cost breakdown's heading row."""
    for index, raw in filled:
        if isinstance(raw, str) and label_key(raw).startswith("金额"):
            return index
    return filled[1][0] if len(filled) > 1 else None


def is_form_line(cells: list) -> bool:
    """A row of only the lines every form has above its fields (title, 单位：万元, 填报单位):
    also outside a table, where the next table's top follows the last one's end."""
    filled = [(index, raw) for index, raw in enumerate(cells)
              if raw is not None and raw != "" and not is_blank_text(raw)]
    return bool(filled) and _ignorable(filled)


def is_blank_text(raw: object) -> bool:
    return raw.__class__ is str and not raw.strip(BLANK_CHARS)


def _in_wan(value: object, otherwise: str) -> str:
    """An amount read as the trace shows it (``191 万元``), or ``otherwise`` for no number."""
    return f"{value:g} 万元" if isinstance(value, float) else otherwise


def _has_digit(raw: object) -> bool:
    """A cell holding a number (880, 2,432,000.00), not a dash or a word a form leaves."""
    return not isinstance(raw, str) or any(ch.isdigit() for ch in raw)


def _ignorable(filled: list[tuple[int, object]]) -> bool:
    """Lines every form has above its fields: the title, (2022年度), 单位：万元, 填报单位."""
    for _, raw in filled:
        if not isinstance(raw, str):
            return False
        text = raw.strip(BLANK_CHARS)
        if not (is_table_title(text) or AMOUNT_UNIT_IN_TEXT.search(text)
                or _is_year_line(text) or is_filling_unit_line(text)):
            return False
    return True


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A span's first year written without its 年 (2023—2025年, 2023-2025年度): read as a year too.
_SPAN = re.compile(r"(?<=\d{4})\s*(?=[-－—–~～至到]\s*(?:19|20)\d{2}\s*年)")


def title_year(raw: object) -> int | None:
    """The budget year a table's title or year line states (``2023年项目支出绩效目标申报表``,
    ``部门预算项目绩效目标申报表(2023年度)``, ``(2020年度)``); None for any other text."""
    if raw.__class__ is not str:
        return None
    text = raw.strip(BLANK_CHARS)
    if not (is_table_title(text) or _is_year_line(text)):
        return None
    years = set(_TITLE_YEAR.findall(_SPAN.sub("年", unicodedata.normalize("NFKC", text))))
    return int(years.pop()) if len(years) == 1 else None  # a span (2023—2025年) names none


def _is_year_line(text: str) -> bool:
    """``(2020年度)`` under a title."""
    key = label_key(text).strip("()")
    number, _ = parse_number(key.removesuffix("年度").removesuffix("年"))
    return isinstance(number, float) and 1990 <= number <= 2100
