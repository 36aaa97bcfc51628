"""The one table reader: grids of cells (from any source) → the projects they hold.

Sources (``xlperf.sources``) turn a container into ``Grid`` objects and know
nothing of goal tables; this package finds the tables in the grids by their
labels (``model/vocabulary.toml``) and reads each into a ``Project``:
``tables.py`` walks the rows, ``header.py`` reads the header block,
``columns.py`` the indicator header, ``placement.py`` puts a row's cells in
their columns, ``notice.py`` reads the notice around the tables and
``department.py`` the 部门信息 sheet of xlperf's own workbooks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from xlperf.errors import InputError
from xlperf.model import Project, ReadingNote
from xlperf.model.check_words import has_template_text
from xlperf.model.vocabulary import is_example_sheet
from xlperf.reader.tables import Context, TableReader
from xlperf.reader.trace import Trace
from xlperf.sources.grid import Grid, is_blank

__all__ = ["Reading", "Trace", "read_tables"]


@dataclass
class Reading:
    """What the reader found in a source's grids."""

    projects: list[Project] = field(default_factory=list)
    notes: list[ReadingNote] = field(default_factory=list)  # rows outside any project
    blank: list[str] = field(default_factory=list)  # grids with a table not filled in
    # The budget year the tables' own titles state (部门预算项目绩效目标申报表(2023年度),
    # (2022年度) under a title), when they agree; None when none states one or two differ.
    year: int | None = None


HIDDEN_SHEET_TABLES = "隐藏的工作表（在 Excel 中看不到，也不会打印）中的绩效目标表，未作为项目读取"
TEMPLATE_EXAMPLE = "模板中的填报示例（工作表名称和内容都是示例），不是本部门的项目，未作为项目读取"
_EXAMPLE_WORD = re.compile("示例|样例|范例")
HIDDEN_SHEET = "隐藏的工作表（在 Excel 中看不到，也不会打印），其中的内容未读取"


def read_tables(grids: Iterable[Grid], trace: Trace | None = None) -> Reading:
    """Every goal table in ``grids``, in order, and the rows found outside any project.

    A hidden sheet (``Grid.hidden_sheet``: a template's example, a withdrawn project, a
    list) is no part of what the department shows: it is one note naming what it holds,
    unless no other sheet has a project, when it is read as any other.
    """
    grids = list(grids)
    hidden = [grid for grid in grids if grid.hidden_sheet]
    if not hidden:
        return _read(grids, trace)
    shown = [grid for grid in grids if not grid.hidden_sheet]
    repairs = [len(grid.normalizations) for grid in shown]
    reading = _read(shown, trace)
    if not reading.projects:  # read again with the hidden sheets: the first reading's repairs go
        for grid, count in zip(shown, repairs, strict=True):
            del grid.normalizations[count:]
        return _read(grids, trace)
    for grid in hidden:
        note = _hidden_sheet_note(grid)
        if note is not None:
            reading.notes.append(note)
    return reading


def _read(grids: list[Grid], trace: Trace | None) -> Reading:
    context = Context(trace)
    reading = Reading()
    for grid in grids:
        reader = TableReader(grid, context)
        reading.projects.extend(reader.read())
        reading.notes.extend(reader.orphan_notes)
        if reader.blank_tables:
            reading.blank.append(grid.sheet or "")
    years = set(context.years)
    reading.year = years.pop() if len(years) == 1 else None
    _set_examples_apart(reading)
    return reading


def _set_examples_apart(reading: Reading) -> None:
    """The template's example left in a workbook (a sheet named 示例, 填报样表, 模板 … whose
    project is a placeholder: ``XXXX项目``, ``（示例）…`` rows) is no project of the
    department: one note names it, when another project is read. Before, it was a project
    with some twenty warnings (T002, W004, S004 on every row)."""
    examples = [p for p in reading.projects if _is_example(p)]
    if not examples or len(examples) == len(reading.projects):
        return
    for project in examples:
        reading.projects.remove(project)
        reading.notes.append(ReadingNote(project.name or "（未填项目名称）", TEMPLATE_EXAMPLE,
                                         project.sheet, _name_cell(project),
                                         project.lines.get("name"), "header"))


def _name_cell(project: Project) -> str | None:
    """Where a note about a whole project points: its name's cell, else its first row's."""
    return (project.cells or {}).get("name") or (
        project.indicators[0].cell if project.indicators else None)


def _is_example(project: Project) -> bool:
    """A project on a sheet named as the example whose name, or half its indicators, is the
    template's text (a real project on a sheet still called 模板 is read)."""
    if not is_example_sheet(project.sheet):
        return False
    name = project.name or ""
    if not name or has_template_text(name) or _EXAMPLE_WORD.search(name):
        return True
    items = project.indicators
    marked = sum(1 for item in items if has_template_text(item.name)
                 or _EXAMPLE_WORD.search(item.name))
    return bool(items) and 2 * marked >= len(items)


def _hidden_sheet_note(grid: Grid) -> ReadingNote | None:
    """What a hidden sheet holds, in one note: its projects' names, else its first filled
    row; None for a blank one. Its repairs (T001) are no finding of a sheet not read."""
    start = len(grid.normalizations)
    try:
        projects = TableReader(grid, Context()).read()
    except InputError:  # a sheet not read refuses nothing (a hidden list of 10 000 rows)
        projects = []
    del grid.normalizations[start:]
    if projects:
        names = "、".join(p.name or "（未填项目名称）" for p in projects)
        return ReadingNote(names, HIDDEN_SHEET_TABLES, grid.sheet, _name_cell(projects[0]),
                           projects[0].lines.get("name"), "header")
    for row, cells in enumerate(grid.rows):
        filled = [(column, value) for column, value in enumerate(cells) if not is_blank(value)]
        if filled:
            text = " | ".join(grid.text_of(value, row, column) for column, value in filled[:6])
            del grid.normalizations[start:]
            return ReadingNote(text, HIDDEN_SHEET, grid.sheet, grid.cell(row, filled[0][0]),
                               grid.line(row), "header")
    return None
