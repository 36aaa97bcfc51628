"""Whatever a sheet holds, reading it gives a department or a Chinese ``InputError``, and
validating that department gives findings — never a traceback.

The sheets are built around the labels the reader looks for (alone, with a colon and
a value, with a unit note), so that the header, inline-label, unit and indicator paths
are all reached, and filled with what calamine hands over: text, numbers, booleans,
dates and empty cells.
"""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_builders import SEED_LIKE_INDICATORS, project_sheet_rows

from xlperf.errors import InputError
from xlperf.model.vocabulary import vocabulary
from xlperf.sources.grid import Grid
from xlperf.sources.workbook.reader import department_from_grids
from xlperf.validation.engine import validate
from xlperf.writers.workbook import layout

LABELS = [label for labels in vocabulary().header_fields.values() for label in labels] + [
    *layout.COLUMN_LABELS.values(), layout.TOTAL_LABEL, layout.UNIT_LABEL, "单位：元",
    "项目年度金额（元）", "1-产出指标", "22-社会效益", "一、产出指标", "（一）数量指标",
    "本指标不适用", "无", "不适用", "部门名称", "预算年度",
]
VALUES = st.one_of(
    st.sampled_from(["", "", "", "１２０", "12.5万元", "2025年1月-2025年12月", "≧95%"]),
    st.text(max_size=8),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-10**12, 10**12).map(float),
    st.booleans(),
    st.just(datetime(2024, 2, 5)),
    st.just(date(2024, 2, 5)),
)
LABEL_CELLS = st.builds(lambda label, sep, value: f"{label}{sep}{value}" if sep else label,
                        st.sampled_from(LABELS), st.sampled_from(["", "", "：", ":"]),
                        st.sampled_from(["", "社区养老", "120", "元", " 无 "]))
CELLS = st.one_of(LABEL_CELLS, VALUES)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=6), min_size=0, max_size=14)


@st.composite
def damaged_tables(draw) -> list[list]:
    """A filled-in project table written one of the ways offices write it (unit line,
    amount label, labels with their values in one cell), then damaged: cells
    overwritten, rows added or dropped."""
    amount = draw(st.sampled_from([10, 120000, "１２０", "待定", None]))
    rows = [list(row) + [""] * (5 - len(row)) for row in project_sheet_rows(
        [*SEED_LIKE_INDICATORS, ["合计", None, None, 100]], amount=amount)]
    rows = [["" if cell is None else cell for cell in row] for row in rows]
    rows[1][3] = draw(st.sampled_from(["单位：万元", "单位：元", "（单位：元）", ""]))
    rows[5][2] = draw(st.sampled_from(["项目年度金额", "项目年度金额（元）", "年度资金总额：",
                                       "项目年度金额（万元）"]))
    for row in range(2, 7):  # some header labels take their value into their own cell
        for column in (0, 2):
            if draw(st.booleans()) and rows[row][column]:
                rows[row][column] = f"{rows[row][column]}：{rows[row][column + 1]}"
                rows[row][column + 1] = ""
    for _ in range(draw(st.integers(0, 8))):
        row = draw(st.integers(0, len(rows) - 1))
        action = draw(st.sampled_from(["cell", "cell", "cell", "insert", "drop"]))
        if action == "cell":
            column = draw(st.integers(0, 4))
            rows[row].extend([""] * (column + 1 - len(rows[row])))
            rows[row][column] = draw(CELLS)
        elif action == "insert":
            rows.insert(row, draw(st.lists(CELLS, max_size=5)))
        elif len(rows) > 1:
            del rows[row]
    return rows


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(damaged_tables(), ROWS), min_size=1, max_size=3))
def test_any_sheets_read_and_validate_without_a_traceback(sheets: list[list[list]]) -> None:
    grids = [Grid(f"表{index}", rows) for index, rows in enumerate(sheets)]
    try:
        department = department_from_grids(grids, "任意.xlsx")
    except InputError as exc:  # the message a user reads: Chinese, saying what to change
        assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message)
        return
    for finding in validate([department]):
        assert finding.rule and finding.message
