"""The column grid a project's table is laid on, shared by the Word notice and the web page.

The header block (label, value, label, value) and the indicator columns (一级, 二级, 三级,
[指标值,] 绩效值) have their own widths (``gbt9704``); the table's grid is the union of
both rows' boundaries, and each cell spans the grid columns between its edges. The Word
writer places cells by their edges, the web page by ``colspan`` over a ``<colgroup>`` with
the same widths, so both print the same shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from xlperf.notice import gbt9704 as g

# A printed header taller than a quarter of the page is not repeated by Chromium (measured:
# 50 mm of 225 mm repeats, 60 mm does not); stay below it with room for font differences.
REPEATABLE_HEADER_PT = 0.25 * g.TEXT_HEIGHT_MM * g.POINTS_PER_MM * 0.8
CELL_PADDING_PT = g.TABLE_TEXT_SPACE_PT  # above and below the text, as in the Word table


def edges(widths: tuple[float, ...]) -> list[float]:
    """Column widths → their boundaries from the left edge: (26, 30) → [0, 26, 56]."""
    result = [0.0]
    for width in widths:
        result.append(round(result[-1] + width, 3))
    return result


@dataclass(frozen=True)
class TableGrid:
    """Boundaries (mm from the table's left edge) of the header block, the columns, and both."""

    header: tuple[float, ...]  # 0, label, value, label2, end
    columns: tuple[float, ...]  # 0, 一级, 二级, 三级, [指标值,] 绩效值 (end)

    @property
    def all(self) -> list[float]:
        return sorted({*self.columns, *self.header})

    @property
    def widths_mm(self) -> list[float]:
        return [round(b - a, 3) for a, b in pairwise(self.all)]

    @property
    def percents(self) -> list[str]:
        """Grid column widths as CSS percentages of the table ("16.667%")."""
        total = self.all[-1]
        return [f"{width / total * 100:.3f}%" for width in self.widths_mm]

    def span(self, left: float, right: float) -> int:
        return self.all.index(right) - self.all.index(left)

    @property
    def header_spans(self) -> list[int]:
        """Grid columns under label, value, label, value of a header pair row."""
        return [self.span(a, b) for a, b in pairwise(self.header)]

    @property
    def label_spans(self) -> list[int]:
        """A full-width header row (项目名称, 年度总体绩效目标): its label, then the rest."""
        return [self.span(0, self.header[1]), self.span(self.header[1], self.all[-1])]

    @property
    def column_spans(self) -> list[int]:
        return [self.span(a, b) for a, b in pairwise(self.columns)]


def table_grid(has_value: bool) -> TableGrid:
    return TableGrid(tuple(edges(g.TABLE_HEADER_MM)), tuple(edges(g.TABLE_COLUMNS_MM[has_value])))


def text_lines(text: str, width_mm: float) -> int:
    """Lines ``text`` takes in a cell ``width_mm`` wide at 五号 (a Chinese character is one
    em, a digit or Latin letter half of one), at least one."""
    room = (width_mm - 2 * g.TABLE_CELL_MARGIN_MM) * g.POINTS_PER_MM / g.SIZE_TABLE_PT
    lines = 0
    for line in (text or "").split("\n"):
        ems = sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in line)
        lines += max(1, math.ceil(ems / max(room, 1)))
    return max(lines, 1)


def header_height_pt(rows: list[list[tuple[str, float]]]) -> float:
    """The printed height of header rows given as (text, cell width mm) cells."""
    line = g.TABLE_LINE_PT
    return sum(max(text_lines(text, width) for text, width in row) * line + 2 * CELL_PADDING_PT
               for row in rows)
