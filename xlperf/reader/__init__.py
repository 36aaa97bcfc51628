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

from collections.abc import Iterable
from dataclasses import dataclass, field

from xlperf.model import Project, ReadingNote
from xlperf.reader.tables import Context, TableReader
from xlperf.reader.trace import Trace
from xlperf.sources.grid import Grid

__all__ = ["Reading", "Trace", "read_tables"]


@dataclass
class Reading:
    """What the reader found in a source's grids."""

    projects: list[Project] = field(default_factory=list)
    notes: list[ReadingNote] = field(default_factory=list)  # rows outside any project
    blank: list[str] = field(default_factory=list)  # grids with a table not filled in


def read_tables(grids: Iterable[Grid], trace: Trace | None = None) -> Reading:
    """Every goal table in ``grids``, in order, and the rows found outside any project."""
    context = Context(trace)
    reading = Reading()
    for grid in grids:
        reader = TableReader(grid, context)
        reading.projects.extend(reader.read())
        reading.notes.extend(reader.orphan_notes)
        if reader.blank_tables:
            reading.blank.append(grid.sheet or "")
    return reading
