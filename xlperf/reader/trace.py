"""How each row was read, for ``xlperf show --explain``: a reviewer sees why a table reads
as it does (which header field, which indicator, which row was skipped and why)."""

from __future__ import annotations

from dataclasses import dataclass, field

from xlperf.sources.grid import Grid


@dataclass(frozen=True)
class Step:
    where: str  # 项目01!C11, 第 12 行
    kind: str  # field | indicator | header | skipped | note | stop | …
    message: str  # Chinese, for the reviewer


@dataclass
class Trace:
    """The steps of one reading, in the order the rows were read."""

    steps: list[Step] = field(default_factory=list)

    def add(self, grid: Grid, row: int, kind: str, message: str,
            column: int | None = None) -> None:
        self.steps.append(Step(grid.where(row, column), kind, message))
