"""The indicator block's header row: which column holds what (its *roles*).

A header row is recognised by its column labels (``docs/layouts.md``: 一级指标,
二级指标, 三级指标/指标内容, 指标值 …), in any order and with any extra columns.
The same row tells the family's shape:

- a 项目名称 column among them: a budget system's flat list of many projects;
- 二级/三级/指标值 twice, marked (长期)/(年度) or by a group row above: the
  long-term and annual sides of one table (the year's side is the goal table);
- a header written on two rows (绩效指标 over 一级/二级/三级 with 绩效值 merged down
  beside them; 一级指标 merged down beside 中期指标 | 年度指标 over 二级/三级/指标值
  twice): the upper row's columns the lower lacks are the header's too;
- a 指标值 split on the row below into last year's actual and this year's target
  (``2021年实际实现值 | 预期2022年实现值``): the target is the value column;
- 一级/二级 without a 三级: a two-level table, whose first column holds
  数量指标/质量指标/…/效益指标 (the *category*) and whose second the indicator;
- 全年实际值/得分 columns: a self-evaluation table.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from xlperf.model.vocabulary import (
    BLANK_CHARS,
    ColumnLabel,
    Side,
    bare_key,
    block_side,
    column_label,
    label_key,
    side_of,
    vocabulary,
)

# Roles that are kept as they are; "project*" roles only in a flat list.
LEVEL_ROLES = ("level1", "level2", "name")
SIDED_ROLES = frozenset({"level2", "name", "value", "comparator", "unit", "weight", "standard",
                         "direction", "actual", "points", "reason", "type"})
# Columns that merge down their rows (a browser copy leaves them out of later rows).
CARRIED_ROLES = frozenset({"level1", "level2", "category", "block", "project", "project_unit",
                           "project_amount", "project_goal"})


@dataclass(frozen=True)
class Column:
    index: int  # the grid column of the header cell
    role: str
    side: Side  # "annual" for a table without sides
    header: str  # the header text as written


@dataclass
class IndicatorColumns:
    """The roles of an indicator header row, left to right."""

    columns: list[Column]
    notes: list[str] = field(default_factory=list)  # how ambiguous headers were read
    # Some role appears twice, so the row above (a group row) may tell the sides apart.
    sided_twice: bool = False

    @property
    def width(self) -> int:
        return self.columns[-1].index + 1 if self.columns else 0

    def roles(self, side: Side = "annual") -> set[str]:
        return {c.role for c in self.columns if c.side == side or c.role in ("level1",
                                                                           "category")}

    def index_of(self, role: str, side: Side = "annual") -> int | None:
        for column in self.columns:
            if column.role == role and (column.side == side or role in ("level1", "category")):
                return column.index
        return None

    # The shape of the header, worked out once: the object is cached per header row and
    # asked for these on every table of a batch (its columns are final once built).
    @cached_property
    def flat(self) -> bool:
        return any(c.role == "project" for c in self.columns)

    @cached_property
    def indicator_part(self) -> tuple[Column, ...] | None:
        """A flat list's columns from its first level column on, when every project column
        stands left of them: what a browser copy keeps of a row whose project cells are
        merged (the row's cells are the last ones). None for any other header."""
        if not self.flat:
            return None
        start = next((k for k, c in enumerate(self.columns)
                      if c.role in ("level1", "level2", "category", "name")), None)
        if start is None or any(c.role.startswith("project") for c in self.columns[start:]):
            return None
        return tuple(self.columns[start:])

    @cached_property
    def units_in_project(self) -> bool:
        """The project column is 单位名称、项目名称 (the 云南 export) and no other column is
        the unit's: a row holding that cell alone is the unit, the rows after it its
        projects."""
        if any(c.role == "project_unit" for c in self.columns):
            return False
        return any(c.role == "project" and "project_unit" in _roles_of((c.header,))
                   for c in self.columns)

    @cached_property
    def two_level(self) -> bool:
        return any(c.role == "category" for c in self.columns)

    @cached_property
    def has_long_term(self) -> bool:
        return any(c.side == "long_term" for c in self.columns)

    @cached_property
    def self_evaluation(self) -> bool:
        return any(c.role in ("actual", "points") for c in self.columns)

    def on_side(self, side: Side) -> IndicatorColumns:
        """These columns under a block label naming ``side`` (长期绩效指标 over 一级指标 |
        二级指标 | …): the columns its header leaves unmarked belong to that side. A copy:
        the cached header row stays as it is."""
        unsided = ("level1", "category", "block")
        if side == "annual" or any(c.side != "annual" for c in self.columns
                                   if c.role not in unsided):
            return self
        columns = [column if column.role in unsided else replace(column, side=side)
                   for column in self.columns]
        return IndicatorColumns(columns, list(self.notes), self.sided_twice)

    def model_columns(self) -> tuple[str, ...]:
        """The roles the form has for its annual indicators, as ``Project.columns`` names
        them (``weight``, ``value``, ``unit`` …)."""
        return self._model_columns

    @cached_property
    def _model_columns(self) -> tuple[str, ...]:
        keep = ("level1", "level2", "name", "value", "comparator", "unit", "weight", "standard",
                "direction", "actual", "points")
        roles = self.roles()
        if "category" in roles:
            roles |= {"level1", "level2"}
        return tuple(role for role in keep if role in roles)


def indicator_header(cells: list, above: list | None = None,
                     shifted: bool = False) -> IndicatorColumns | None:
    """The roles of ``cells`` when they form an indicator header row, else None.

    ``above`` is the row before it: a group row (长期指标 | 年度指标) may say which side
    duplicated columns belong to, and the upper row of a header written on two rows
    holds the columns merged down beside the lower one's (``_two_rows``); ``shifted``:
    a text, whose browser copy leaves merged cells out (a sheet keeps every cell in
    place). Cached per distinct row (and, only where some role appears twice or the
    row above is a row of column labels, per row above: above an ordinary header
    stands the project's own goal, different on every sheet): every sheet of a batch
    has the same header, so the same object comes back (treat it as read-only).
    """
    try:
        columns = _header(tuple(cells), (), False)
        if columns is not None and above and (columns.sided_twice or _labels_only(above)):
            columns = _header(tuple(cells), tuple(above), shifted)
        return columns
    except TypeError:  # a cell that cannot be hashed
        return _header.__wrapped__(tuple(cells), tuple(above or ()), shifted)


@lru_cache(maxsize=1024)
def _header(cells: tuple, above: tuple, shifted: bool) -> IndicatorColumns | None:
    notes: list[str] = []
    if above and (combined := _two_rows(cells, above, shifted)) is not None:
        cells = combined
        notes.append("表头占两行，已与上一行“" + "、".join(
            raw.strip(BLANK_CHARS) for raw in above if not _blank(raw)) + "”合并读取")
    labels: list[tuple[int, ColumnLabel, str]] = []
    for index, raw in enumerate(cells):
        if raw.__class__ is not str or not raw:
            continue
        label = column_label(raw)
        if label is not None:
            labels.append((index, label, raw))
    if not _is_header(labels):
        return None
    flat = any("project" in label.roles and _flat_neighbours(labels) for _, label, _ in labels)
    roles = _shared_roles([(label, _role(label, flat)) for _, label, _ in labels])
    columns = [Column(index, role, label.side or "annual", raw)
               for (index, label, raw), role in zip(labels, roles, strict=True)]
    columns = [c for c in columns if c.role]
    extra = _extra_columns(cells, {index for index, _, _ in labels})
    result = IndicatorColumns(sorted(columns + extra, key=lambda c: c.index), notes=notes)
    first = len(notes)  # the unread columns' notes come next, whatever sides add after
    _assign_sides(result, above)
    _two_level(result)
    result.notes[first:first] = [f"“{c.header.strip()}”列不是绩效目标表的列，未读取"
                                 for c in result.columns if c.role == "other"]
    return result


# --- a 指标值 split on the row below ----------------------------------------------------

_YEAR = re.compile(r"(?:19|20)\d{2}年度?")


def value_split(columns: IndicatorColumns, below: list,
                shifted: bool) -> IndicatorColumns | None:
    """The header with its 指标值 split by the row below into this year's target and last
    year's actual (黄石's 批复表: 指标值 over ``2021年实际实现值 | 预期2022年实现值``): the
    target's column is the value column, the actual's a column no field reads. None when
    ``below`` is anything else (an indicator row, other labels, two targets): never guessed.

    On a sheet (and in a text that kept the merged cells as empty ones) the parts stand
    under the 指标值 cell, from its column up to the next header cell; a browser copy
    leaves the cells merged down out of the lower row, so there its cells are the parts
    alone, in the value column's place, and the columns right of it move over."""
    values = [c for c in columns.columns if c.role == "value"]
    if columns.flat or len(values) != 1:
        return None
    parts = [(index, raw, _value_part(raw)) for index, raw in enumerate(below)
             if not _blank(raw)]
    kinds = [kind for _, _, kind in parts]
    if len(parts) < 2 or None in kinds or kinds.count("target") != 1:
        return None
    value = values[0]
    indices = [index for index, _, _ in parts]
    end = min((c.index for c in columns.columns if c.index > value.index), default=math.inf)
    if indices[0] == value.index and indices[-1] < end:
        placed, shift = indices, 0
    elif shifted and indices == list(range(len(parts))):
        placed, shift = [value.index + k for k in range(len(parts))], len(parts) - 1
    else:
        return None
    kept = [c if c.index < value.index else replace(c, index=c.index + shift)
            for c in columns.columns if c is not value]
    split = [Column(index, "value" if kind == "target" else "other", value.side,
                    raw.strip(BLANK_CHARS))
             for index, (_, raw, kind) in zip(placed, parts, strict=True)]
    target = next(c.header for c in split if c.role == "value")
    note = "指标值分为“" + "”“".join(c.header for c in split) + f"”，读取“{target}”"
    return IndicatorColumns(sorted(kept + split, key=lambda c: c.index),
                            notes=[*columns.notes, note], sided_twice=columns.sided_twice)


def _value_part(raw: object) -> str | None:
    """``预期2022年实现值`` → target, ``2021年实际实现值`` → previous, anything else None."""
    if raw.__class__ is not str:
        return None
    key = _YEAR.sub("", label_key(raw))
    return next((kind for kind, words in vocabulary().value_parts.items() if key in words),
                None)


# --- a header on two rows ---------------------------------------------------------------


def _two_rows(cells: tuple, above: tuple, shifted: bool) -> tuple | None:
    """The header row ``cells`` with the upper row ``above`` of a header written on two
    rows, or None when ``above`` adds no column to it or the two cannot be combined.

    A cell of the upper row naming a role the lower row lacks (绩效值, 一级指标 merged
    down over both rows) is a column of the header; a group label over the lower row's
    cells (绩效指标, 中期指标 | 年度指标) says what they are and adds none. On a sheet,
    and in a text that kept the merged cells as empty ones, each upper cell stands over
    its column; a browser copy (``shifted``) leaves out of the lower row the cells the
    upper row's merged-down cells cover, so there the lower row's cells are the groups'
    and the upper row's other cells stand before and after them. Anything else — an upper
    role over another lower cell, a role the lower row has, a cell that is no column
    label — is not combined: never guessed."""
    if not _labels_only(above):
        return None
    fits, combined = _in_place(cells, above)
    if not fits and shifted:
        return _browser_copy(cells, above)
    return combined


def _in_place(cells: tuple, above: tuple) -> tuple[bool, tuple | None]:
    """Both rows with their cells where they stand (a sheet, a PDF copy's empty cells):
    whether the upper row fits over the lower one so, and the combined row when it adds
    a column (a group row that only names the sides adds none)."""
    merged = list(cells) + [""] * (len(above) - len(cells))
    roles = _roles_of(cells)
    added = False
    for index, raw in enumerate(above):
        if _blank(raw):
            continue
        if not _blank(merged[index]):
            if not _is_group(raw):
                return False, None
            continue
        role = _own_role(raw)
        if role is None or role in roles:
            return False, None
        merged[index], added = raw, True
        roles.add(role)
    return True, (tuple(merged) if added else None)


def _browser_copy(cells: tuple, above: tuple) -> tuple | None:
    """A browser copy: the lower row has only the cells under the upper row's group
    labels (中期指标 | 年度指标, else 绩效指标), which stand side by side; the upper row's
    other cells are merged down and keep their places before and after them."""
    lower = [raw for raw in cells if not _blank(raw)]
    if not lower or any(_blank(raw) for raw in cells[: len(lower)]):
        return None  # a browser copy's lower row starts at its first cell, without gaps
    upper = [raw for raw in above if not _blank(raw)]
    groups = [k for k, raw in enumerate(upper) if _is_side_group(raw)] or \
        [k for k, raw in enumerate(upper) if _is_group(raw)]
    if not groups or groups != list(range(groups[0], groups[-1] + 1)) \
            or len(groups) > len(lower):
        return None
    own = upper[: groups[0]] + upper[groups[-1] + 1:]
    roles = _roles_of(cells)
    for raw in own:
        role = _own_role(raw)
        if role is None or role in roles:
            return None
        roles.add(role)
    if not own:
        return None
    return tuple(upper[: groups[0]] + lower + upper[groups[-1] + 1:])


def _labels_only(row: list | tuple) -> bool:
    """A row of column labels only (绩效指标 | 绩效值; 一级指标 | 中期指标 | 年度指标): what
    may be the upper row of a header on two rows. A goal or field row is not one."""
    filled = False
    for raw in row:
        if _blank(raw):
            continue
        if raw.__class__ is not str or (column_label(raw) is None and not _is_side_group(raw)):
            return False
        filled = True
    return filled


def _is_side_group(raw: object) -> bool:
    """A group label naming a side (中期指标, 年度指标, 长期): over the columns of that side."""
    if raw.__class__ is not str:
        return False
    return side_of(label_key(raw)) is not None or side_of(bare_key(raw)[0]) is not None


def _is_group(raw: object) -> bool:
    """A group label over several columns: a side's (中期指标) or the block's (绩效指标)."""
    if _is_side_group(raw):
        return True
    label = column_label(raw) if raw.__class__ is str else None
    return label is not None and "block" in label.roles


def _own_role(raw: object) -> str | None:
    """The role of an upper row's cell that is a column of its own (绩效值 → weight), or
    None for a side's group label or a project column (a flat list is one row)."""
    if _is_side_group(raw) or raw.__class__ is not str:
        return None
    label = column_label(raw)
    if label is None or label.roles[0].startswith("project"):
        return None
    return label.roles[0]


def _roles_of(cells: tuple) -> set[str]:
    """Every role the row's labels may have (指标方向: comparator and direction)."""
    return {role for raw in cells if raw.__class__ is str and raw
            and (label := column_label(raw)) is not None for role in label.roles}


def _blank(raw: object) -> bool:
    return raw is None or raw == "" or (raw.__class__ is str and not raw.strip(BLANK_CHARS))


def _extra_columns(cells: tuple, known: set[int]) -> list[Column]:
    """The header's cells the vocabulary lacks (考核方式, 数据来源, 序号 …): columns of their
    own that no field reads, so that a row's cell under one is neither taken for another
    column nor makes the row unplaceable. Only short texts: a header cell, not prose."""
    return [Column(index, "other", "annual", raw) for index, raw in enumerate(cells)
            if index not in known and raw.__class__ is str
            and 0 < len(raw.strip()) <= _EXTRA_HEADER_CHARS]


_EXTRA_HEADER_CHARS = 16


def _is_header(labels: list[tuple[int, ColumnLabel, str]]) -> bool:
    """At least two of 一级/二级/三级 (指标类别 counting as a level), or one of them beside a
    value or weight column."""
    levels = {role for _, label, _ in labels for role in label.roles
              if role in LEVEL_ROLES or role == "category"}
    data = {role for _, label, _ in labels for role in label.roles
            if role in ("value", "weight", "comparator", "unit", "standard")}
    return len(levels) >= 2 or (bool(levels & {"level1", "level2"}) and bool(data))


def _flat_neighbours(labels: list[tuple[int, ColumnLabel, str]]) -> bool:
    """项目名称 is a column of the list (a budget-system export), not a header label, when
    the same row also names 一级/二级 columns."""
    return any(role in ("level1", "level2") for _, label, _ in labels for role in label.roles)


def _role(label: ColumnLabel, flat: bool) -> str:
    """The role a header cell has here: project columns only count in a flat list."""
    for role in label.roles:
        if role.startswith("project") and not flat:
            continue
        return role
    return ""


def _shared_roles(labels: list[tuple[ColumnLabel, str]]) -> list[str]:
    """A header text with two roles (指标方向: a comparator on some forms, the direction
    on others) takes its other role when a column with that role alone stands beside it
    (计算符号 | … | 指标方向): two comparator columns are not the long-term and annual
    sides of one table. So 指标内容 beside 三级指标 is a description no field reads
    ("other", which may stand beside another such column: it has no sides)."""
    alone = {role for label, role in labels if len(label.roles) == 1}
    roles = []
    for label, role in labels:
        if role in alone and len(label.roles) > 1:
            role = next((other for other in label.roles[1:]
                         if (other not in alone or other not in SIDED_ROLES)
                         and not other.startswith("project")), role)
        roles.append(role)
    return roles


def _assign_sides(columns: IndicatorColumns, above: list | None) -> None:
    """Duplicated roles are the long-term and annual sides: by their markers, else by a
    group row above, else the left ones are long-term (as every form seen orders them)."""
    seen: dict[str, list[int]] = {}
    for position, column in enumerate(columns.columns):
        if column.role in SIDED_ROLES:
            seen.setdefault(column.role, []).append(position)
    duplicated = {role: spots for role, spots in seen.items() if len(spots) > 1}
    if not duplicated:
        return
    columns.sided_twice = True
    groups = _group_sides(above)
    updated = list(columns.columns)
    for spots in duplicated.values():
        marked = [updated[s].side for s in spots if _marked(updated[s])]
        for order, spot in enumerate(spots):
            column = updated[spot]
            if _marked(column):
                continue
            if marked:
                side: Side = "long_term" if "annual" in marked else "annual"
            elif len(groups) >= 2:
                side = groups[min(order, len(groups) - 1)]
            else:
                side = "long_term" if order < len(spots) - 1 else "annual"
                columns.notes.append(f"“{column.header}”出现多次且未注明长期/年度，"
                                     "按左长期、右年度读取")
            updated[spot] = Column(column.index, column.role, side, column.header)
    columns.columns = updated


def _marked(column: Column) -> bool:
    label = column_label(column.header)
    return label is not None and label.side is not None


def _group_sides(above: list | None) -> list[Side]:
    """The sides a group row names, left to right (长期指标 | 年度指标)."""
    sides: list[Side] = []
    for raw in above or ():
        if raw.__class__ is str and raw and (side := block_side(raw)) is not None:
            sides.append(side)
    return sides


def _two_level(columns: IndicatorColumns) -> None:
    """一级/二级 columns without a 三级: the first holds the category (数量指标 …), the
    second the indicator. So does 二级指标 before a 三级指标 without a 一级 column (one of
    each, no sides): the 一级 follows from the framework as in any two-level table. A
    指标类别 column is the category where the header has no 一级/二级 of its own; beside
    them it is a column no field reads."""
    roles = [c.role for c in columns.columns]
    if "category" in roles:
        if "level1" in roles or "level2" in roles:
            renamed = {"category": "other"}
        else:
            return
    elif "level1" in roles and "level2" in roles and "name" not in roles:
        renamed = {"level1": "category", "level2": "name"}
    elif ("level1" not in roles and roles.count("level2") == 1 and roles.count("name") == 1
          and not any(c.side == "long_term" for c in columns.columns)
          and roles.index("level2") < roles.index("name")):
        renamed = {"level2": "category"}
    else:
        return
    columns.columns = [Column(c.index, renamed.get(c.role, c.role), c.side, c.header)
                       for c in columns.columns]
