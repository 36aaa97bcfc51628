"""Where things are in an xlperf workbook — read by the writer, the annotator and Excel.

A project sheet follows the published table (the seed's layout):

    row 1   部门项目支出预算绩效目标表            (title, merged over the columns)
    row 2                              单位：万元
    row 3   项目名称 | name (merged across)
    row 4   主管部门 | X (merged across)
    row 5   实施单位 | X (merged across)
    row 6   项目属性 | X (merged across)
    row 7   项目主管处室 | X (merged across)
    row 8   项目期限 | X | 项目年度金额 | amount (above the 绩效值 column)
    row 9   年度总体绩效目标 | goal (merged across, as tall as its text)

The seed prints 主管部门 | X | 实施单位 | Y in one row, but its indicator columns
(一级 14, 二级 20, 三级 56, 绩效值 12) cannot give a right-hand pair a label and a
value of the left pair's widths: a unit's name squeezed into 绩效值 wrapped to
three lines. So each text takes a row of its own, as wide as the table; only the
amount, a number, stands in the narrow column, beside 项目期限.
When a project runs onto more pages, rows 3–10 (name, header block, column
heads) are repeated at the top of each (print titles).
    row 10  一级指标 | 二级指标 | 三级指标 | 绩效值 | 指标值 | …
    row 11… one indicator per row, merged 一级/二级 cells down their group
    last    合计 | | | =SUM(D10:INDEX(D:D,ROW()-1))   (red when ≠ required total)

The indicator columns after 三级指标 are those the project's form has
(``Project.columns``): 绩效值 only when it has weights, then 指标值, 指标性质,
度量单位 … so a table from another office keeps what it said. The reader does
not rely on these positions (it finds labels by their text); the writer and
the Excel adapters use them. Labels are the vocabulary's own spellings.
"""

from __future__ import annotations

from xlperf.model.info_fields import (  # noqa: F401  (the sheets, for the writer's users)
    DEPARTMENT_FIELDS,
    DEPARTMENT_SHEET,
    HELPER_SHEET,
    PROJECT_LIST_SHEET,
    REPEATING_FIELDS,
    SETTING_FIELDS,
    InfoField,
)
from xlperf.model.vocabulary import is_not_applicable, vocabulary  # noqa: F401

TABLE_TITLE = "部门项目支出预算绩效目标表"
SELF_EVALUATION_TITLE = "项目支出绩效目标自评表"
UNIT_LABEL = "单位：万元"
TOTAL_LABEL = "合计"
NOT_APPLICABLE = "本指标不适用"
LONG_TERM_TITLE = "中长期绩效指标"

# Header field -> its Chinese label as xlperf writes it (the vocabulary's first spelling).
HEADER_LABELS: dict[str, str] = {
    key: vocabulary().header_fields[key][0]
    for key in ("name", "competent_department", "implementing_unit", "attribute", "term",
                "division", "amount", "goal")
}
# Where the writer puts each header value (the label sits one column left).
HEADER_CELLS: dict[str, str] = {
    "name": "B3",
    "competent_department": "B4",
    "implementing_unit": "B5",
    "attribute": "B6",
    "division": "B7",
    "term": "B8",
    "amount": "D8",
    "goal": "B9",
}
# The header rows that hold one field across the table; the others hold two (label |
# value | label | value).
WIDE_HEADER_FIELDS = ("name", "competent_department", "implementing_unit", "attribute",
                      "division")
PRINT_TITLE_FIRST_ROW = 3  # the print titles run from 项目名称 to the column heads
# The header rows a project from another form may add below 年度总体绩效目标.
EXTRA_HEADER = {"mid_term_goal": "中期目标", "fiscal": "其中：财政拨款", "other": "其他资金"}

# Indicator columns by role, as xlperf writes them: the labels the vocabulary reads.
COLUMN_LABELS: dict[str, str] = {
    "level1": "一级指标",
    "category": "一级指标",  # a two-level table's first column (数量指标 …)
    "level2": "二级指标",
    "name": "三级指标",
    "weight": "绩效值",
    "value": "指标值",
    "comparator": "指标性质",
    "unit": "度量单位",
    "direction": "指标方向性",
    "standard": "绩效标准",
    "actual": "全年实际值",
    "points": "得分",
}
SCORE_LABEL = "分值"  # the weight column of a self-evaluation table
# The seed's five columns; a form's extra columns follow in this order.
COLUMN_ORDER = ("level1", "level2", "name", "weight", "value", "comparator", "unit", "standard",
                "direction", "actual", "points")
# The seed's layout: where each column is when the project has the standard five.
COLUMNS: dict[str, str] = {"level1": "A", "level2": "B", "name": "C", "weight": "D", "value": "E"}
INDICATOR_HEADER_ROW = 10
FIRST_INDICATOR_ROW = 11
LAST_COLUMN = "E"

# Project attributes offered in the drop-down of 项目属性.
PROJECT_ATTRIBUTES = ("0101-一年期项目", "0102-多年期项目", "0103-经常性项目")
PROJECT_SHEET_PREFIX = "项目"


def project_sheet_name(index: int) -> str:
    """Short, stable, legal sheet name for the index-th project (1-based): 项目01."""
    return f"{PROJECT_SHEET_PREFIX}{index:02d}"


def total_formula(letter: str, header_row: int) -> str:
    """The 合计 of a column: everything between the column's header and the 合计 row.

    The range starts on the header (its text is not summed) and ends on the row
    above the formula's own (``INDEX(D:D,ROW()-1)``), so a row inserted directly
    above 合计, at the top of the block or in its middle is counted: a plain
    ``SUM(D11:D26)`` misses rows inserted at either edge and shows a wrong total.
    """
    return f"=SUM({letter}{header_row}:INDEX({letter}:{letter},ROW()-1))"


def list_formula(sheet: str, key: str, cell: str | None = None) -> str:
    """项目清单's view of a project sheet's header cell (``name``, ``amount``; ``cell`` where
    the sheet has it elsewhere): blank while the cell is blank."""
    ref = f"'{sheet}'!{cell or HEADER_CELLS[key]}"
    return f'=IF({ref}="","",{ref})'


def list_total_formula() -> str:
    """项目清单's 合计: every amount between its header (row 1) and the 合计 row, so a
    project row inserted above 合计 (新增项目 does so) is counted."""
    return total_formula("C", 1)
