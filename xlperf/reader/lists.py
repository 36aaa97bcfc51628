"""A project list (项目清单, 汇总表): one row per project, never a goal table.

Some departments publish a list of their projects before the goal tables, or on a sheet
of its own: ``序号 | 项目名称 | 项目金额 | 备注``, a row per project, a 合计 row. Read as a
header block, its 项目金额 took 备注 for its value and the list became a project of its
own or the first project's header (its amount 备注, the real one dropped as a repeat).
It is told by its shape — a row of column headers only (labels, no values) naming
项目名称, over record rows (values, no labels) — and its rows are kept as the
department's reading notes (``tables.py``), never a project and never a value.

A budget system's flat list, whose 项目名称 stands in the indicator header beside
一级/二级/三级, is an indicator header (``columns.py``) and never reaches here; nor does
a table's header block written as labels over their values (``项目名称⇥项目金额`` then
``某项目⇥200``, then the indicator header): its one row of values is the table's.
"""

from __future__ import annotations

import re

from xlperf.model.vocabulary import (
    column_label,
    header_field,
    is_header_label,
    is_list_column,
    is_stop_row_label,
    is_table_title,
)
from xlperf.reader import cells as kinds
from xlperf.reader.columns import indicator_header
from xlperf.reader.header import inline_field
from xlperf.sources.grid import is_blank

LIST_ROW = "项目清单中的一行，不是绩效目标表，未作为项目读取"
UNIT_TOTAL = "单位合计行（单位编码-名称和金额），不属于任何项目，未作为指标读取"
# A budget system's unit as its export writes it: its code, a dash, its name (820-马踏镇部门,
# 820001-井研县马踏镇人民政府).
_CODED_UNIT = re.compile(r"^\d{3,}\s*[-－—–]\s*\S")


def _filled(cells: list) -> list:
    return [raw for raw in cells if not is_blank(raw)]


def _is_header(raw: str) -> bool:
    """A column header of a list: a header field's label (项目名称, 项目金额, 实施单位,
    年度目标 …), a known label (金额（万元）) or a list's own word (序号, 备注)."""
    return is_header_label(raw) or is_list_column(raw)


def is_list_header(cells: list) -> bool:
    """A row of column headers only, one of them 项目名称 (the list's header row)."""
    filled = _filled(cells)
    if len(filled) < 2 or not all(raw.__class__ is str and _is_header(raw) for raw in filled):
        return False
    return any(header_field(raw)[0] == "name" for raw in filled)


def is_record(cells: list) -> bool:
    """A list's row: two or more cells, values only (no label, column header, title or
    ``项目名称：…``); its 合计 row is one too."""
    filled = _filled(cells)
    return len(filled) >= 2 and not any(raw.__class__ is str and _names_something(raw)
                                        for raw in filled)


def is_total(cells: list) -> bool:
    """The list's 合计 row: its last."""
    filled = _filled(cells)
    return bool(filled) and filled[0].__class__ is str and is_stop_row_label(filled[0])


def is_unit_total(cells: list) -> bool:
    """A budget system's unit total line in a flat list: the unit's coded name and its
    amount, nothing else (``820-马踏镇部门 | 8,827,620.53``). Above the first project it
    was a note; further down, a browser copy set its two cells right-aligned under the
    indicator columns and it read as an indicator named 821-某镇部门 with a weight of
    1 000 000 — and in a sheet its amount, under 项目名称, became a project's name."""
    filled = _filled(cells)
    return (len(filled) == 2 and filled[0].__class__ is str
            and _CODED_UNIT.match(filled[0].strip()) is not None
            and kinds.kind_of(filled[1])[0] == kinds.NUMBER)


def _names_something(raw: str) -> bool:
    return (_is_header(raw) or column_label(raw) is not None
            or inline_field(raw) is not None or is_table_title(raw))


def heads_list(rows: list[list], start: int) -> bool:
    """Whether the list header at ``start`` has a list's rows under it: two record rows,
    or one under a list's own column (序号, 备注) — a table's header block written as
    labels over values has one row of values and names fields only — and, after them,
    no indicator header (then the labels and their values are that table's header)."""
    records = 0
    after = None
    for index in range(start + 1, len(rows)):
        cells = rows[index]
        if not _filled(cells):
            continue
        if is_record(cells) and not is_total(cells):
            records += 1
            continue
        after = index + 1 if is_record(cells) else index  # past the 合计 row
        break
    own_column = any(raw.__class__ is str and is_list_column(raw) for raw in rows[start])
    if records < (1 if own_column else 2):
        return False
    following = next((rows[index] for index in range(after, len(rows)) if _filled(rows[index])),
                     None) if after is not None else None
    return following is None or indicator_header(following) is None
