"""Hand-made workbooks for the reader tests, written with openpyxl so their intent is readable.

``project_sheet_rows`` lays a project out the way a finance officer would in
the seed's layout; tests then change what they exercise (merged cells, text
numbers, full-width digits …) and save the result under a name that says so.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

PROJECT = "重点工作专项督查组工作经费"
DEPARTMENT = "石嘴山市人民政府办公室"

Cell = object
Rows = list[list[Cell]]


def project_sheet_rows(indicators: Rows, *, name: str = PROJECT, amount: Cell = 10,
                       goal: str = "主要用于市政府督查及督查保障工作") -> Rows:
    """Rows 1-10 of the seed layout, then ``indicators`` from row 11."""
    return [
        ["部门项目支出预算绩效目标表"],
        [None, None, None, "单位：万元"],
        ["项目名称", name],
        ["主管部门", DEPARTMENT, "实施单位", DEPARTMENT],
        ["项目属性", "0101-一年期项目", "项目期限", "1年"],
        ["项目主管处室", "01-行政政法科", "项目年度金额", amount],
        ["年度总体绩效目标", goal],
        [],
        [],
        ["一级指标", "二级指标", "三级指标", "绩效值"],
        *indicators,
    ]


SEED_LIKE_INDICATORS: Rows = [
    ["1-产出指标", "11-数量指标", "全年督查不少于 50 次", 20],
    [None, None, "全年制发督查通报、督查专报共不少于 20 期", 10],
    [None, "12-质量指标", "全年承办、督办人大建议、政协提案不少于 200 件", 30],
    ["2-效益指标", "21-经济效益", "本指标不适用", None],
    [None, "22-社会效益", "切实推动市政府中心工作落实落地", 30],
    ["3-满意度指标", "31-服务对象满意度", "人大代表、政协委员满意度达到 90%以上", 10],
]


def save_workbook(path: Path, sheets: dict[str, Rows], *,
                  merges: dict[str, list[str]] | None = None) -> Path:
    """Write ``sheets`` (name → rows, ``None`` = empty cell) and merge the given ranges."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=r, column=c, value=value)
        for cell_range in (merges or {}).get(name, []):
            sheet.merge_cells(cell_range)
    book.save(path)
    return path


def info_rows(**overrides: Cell) -> Rows:
    """A 部门信息 sheet as a person would fill it in (label | value)."""
    values = {"部门名称": DEPARTMENT, "预算年度": 2024, "公开日期": "2024-02-05",
              "附件名称": "2024 年市本级部门项目支出预算绩效目标表", "落款单位": DEPARTMENT}
    values.update(overrides)
    return [["填写项", "内容"], *([label, value] for label, value in values.items())]
