"""A group row above a header with its columns twice says which side is the year's.

The indicator header is cached per row; the row above it is consulted only when
some role appears twice (``columns.indicator_header``). These tests guard that
short cut: the same header row, read once without and once with a group row
above it, gives each table its own sides.
"""

from __future__ import annotations

from xlperf.reader import read_tables
from xlperf.sources.grid import Grid

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
ROW = ["产出指标", "数量指标", "培训人次", "≥100人次", "数量指标", "覆盖乡镇", "≥12个"]


def _table(name: str, group: list[str] | None) -> Grid:
    rows = [["项目名称", name, "", "", "", "", ""]]
    if group is not None:
        rows.append(group)
    rows += [HEADER, ROW]
    return Grid(name, rows)


def _sides(projects) -> list[tuple[list[str], list[str]]]:
    return [([i.name for i in p.indicators], [i.name for i in p.long_term_indicators])
            for p in projects]


def test_group_row_puts_the_year_on_the_left_even_after_the_same_header_without_one():
    """Without a group row the left columns are the long term (every form seen); a group
    row 年度指标 | 长期指标 over the same header makes the left ones the year's."""
    plain = _table("无分组行", None)
    grouped = _table("有分组行", ["", "年度指标", "", "", "长期指标", "", ""])
    reading = read_tables([plain, grouped])
    assert _sides(reading.projects) == [
        (["覆盖乡镇"], ["培训人次"]),  # no group row: left long term, right the year
        (["培训人次"], ["覆盖乡镇"]),  # the group row says the year is on the left
    ]


def test_group_row_read_first_does_not_decide_a_later_table_without_one():
    grouped = _table("有分组行", ["", "年度指标", "", "", "长期指标", "", ""])
    plain = _table("无分组行", None)
    reading = read_tables([grouped, plain])
    assert _sides(reading.projects) == [(["培训人次"], ["覆盖乡镇"]),
                                        (["覆盖乡镇"], ["培训人次"])]
