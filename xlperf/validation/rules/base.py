"""What a rule is: one code, one check, one message, its basis, and two examples.

Modelled on ruff's rule catalogue: every rule carries its own documentation,
and ``xlperf rules`` and ``docs/rules.md`` are generated from these entries,
never written twice. A check is a vectorised function of the batch frame
(``xlperf.validation.frame``) returning True where a row passes; the engine
hands it to pandera as a check that judges whole rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from xlperf.validation.findings import Severity

Level = Literal["indicator", "project", "department"]
# Which forms a rule judges: goal tables (not a self-evaluation table), only those with a
# weight column (W001–W005), or every form read (the reading rules R, T).
Forms = Literal["goal_tables", "weighted", "all"]


class Row(NamedTuple):
    """One indicator row of an example: 一级, 二级, 三级 text, weight (and 指标值, 计量单位)."""

    level1: str
    level2: str
    name: str
    weight: float | str | None
    value: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Example:
    """A tiny department: the catalogue's good project with a few things changed.

    ``project`` overrides header fields, ``change`` replaces rows by index,
    ``rows`` replaces the whole table, ``department`` overrides department
    fields, ``settings`` are 部门信息 settings, ``twin`` adds a second
    project with the same 项目名称, and ``sibling`` puts another project of the department
    (its own name, these rows) before the example's (the cross-project rules X).
    """

    note: str  # what the example shows, in Chinese (printed in the docs)
    project: Mapping[str, Any] = field(default_factory=dict)
    change: Mapping[int, Row] = field(default_factory=dict)
    rows: tuple[Row, ...] | None = None
    department: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, str] = field(default_factory=dict)
    twin: bool = False
    sibling: tuple[Row, ...] | None = None


# The row a finding points at, beside its cell: each cell column's row column (a text has
# lines and no cells).
LINE_OF_CELL: dict[str, str] = {
    "cell": "row", "weight_at": "row", "level2_at": "row", "w001_cell": "w001_line",
    "first_cell": "first_line",
    "h001_cell": "h001_line", "name_cell": "name_line", "amount_cell": "amount_line",
    "term_cell": "term_line", "goal_cell": "goal_line", "declared_cell": "declared_line",
    "t003_cell": "t003_line",
}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str  # short Chinese name
    message: str  # Chinese template over frame columns and ``fields``: 权重合计为 {weight_sum:g}…
    basis: str  # why the rule exists (document, principle)
    fix: str  # what the user should do
    check: Callable[[Any], Any]  # frame -> booleans, True where the row passes
    fails: Example
    passes: Example
    level: Level = "indicator"
    cell: str = "cell"  # frame column holding the cell the finding points at
    sheet: str = "sheet"  # frame column holding its sheet
    at_row: bool = True  # ordered by its row (else before the project's indicator rows)
    fields: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # extra message fields
    uses: tuple[str, ...] = ()  # frame columns ``fields`` reads
    explain: str = ""  # a longer "why" for the docs
    frame: Literal["indicators", "normalizations", "notes", "template_notes"] = "indicators"
    forms: Forms = "goal_tables"

    @property
    def line(self) -> str:
        """The frame column holding the row (or text line) the finding points at."""
        return LINE_OF_CELL.get(self.cell, "row")
