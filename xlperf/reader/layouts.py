"""Which family of ``docs/layouts.md`` a table was read as (``Project.layout``).

The family is told by what the reader met, not by where things were: the
columns of the indicator header, the header labels, the level names. It is
information for the reviewer (and the self-evaluation family keeps the goal
table rules away); reading itself never depends on it.
"""

from __future__ import annotations

from typing import Any

from xlperf.model import Project
from xlperf.model.framework import choose
from xlperf.model.vocabulary import label_key

_TRANSFER = frozenset(map(label_key, ("项目负责人及电话", "项目负责人")))
_CENTRAL = frozenset(map(label_key, ("项目资金", "资金情况", "总体目标", "年度资金总额")))
_PROVINCIAL_COLUMNS = frozenset({"standard"})


def family(project: Project, labels: set[str], block: Any, self_evaluation_title: bool) -> str:
    """The family key of ``model.layouts.LAYOUTS`` for a table read."""
    columns = getattr(block, "columns", None)
    if project.layout:
        return project.layout
    if self_evaluation_title or (columns is not None and columns.self_evaluation):
        return "self_evaluation"
    if project.long_term_indicators or (columns is not None and columns.has_long_term):
        return "long_term_pairs"
    if columns is not None and columns.two_level:
        return "two_level"
    if labels & _TRANSFER:
        return "transfer"
    framework = project.framework or choose((i.level1, i.level2) for i in project.indicators)
    roles = set(project.columns or ())
    if framework == "provincial" or roles & _PROVINCIAL_COLUMNS:
        return "provincial"
    if labels & _CENTRAL or project.mid_term_goal or framework == "central-2015":
        return "central"
    return "local"
