"""Where things are in an xlperf workbook — one place, read by the writer and the reader.

A project sheet follows the published table (the seed's layout):

    row 1   部门项目支出预算绩效目标表            (title, merged A:E)
    row 2                              单位：万元
    row 3   项目名称 | name (B:E merged)
    row 4   主管部门 | X | 实施单位 | Y
    row 5   项目属性 | X | 项目期限 | Y
    row 6   项目主管处室 | X | 项目年度金额 | Y
    row 7-9 年度总体绩效目标 | goal (B7:E9 merged, room for long text)
    row 10  一级指标 | 二级指标 | 三级指标 | 绩效值 | 指标值
    row 11… one indicator per row, merged 一级/二级 cells down their group
    last    合计 | | | =SUM(weights)   (turns red when ≠ required total)

The reader does not rely on these positions: it finds header labels and the
``一级指标`` row by their text, so sheets laid out by hand still read. The
writer and the Excel adapters use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TABLE_TITLE = "部门项目支出预算绩效目标表"
UNIT_LABEL = "单位：万元"
TOTAL_LABEL = "合计"
# Amounts are in 万元; a table that declares 元 (单位：元, 项目年度金额（元）) is divided.
AMOUNT_DIVISORS: dict[str, float] = {"万元": 1.0, "元": 10000.0}
UNIT_IN_TEXT = re.compile(r"单位\s*[:：]\s*(万元|元)")
UNIT_NOTE = re.compile(r"[（(]\s*(万元|元)\s*[)）]\s*[:：]?\s*$")  # 项目年度金额（元）
NOT_APPLICABLE = "本指标不适用"

# Header field -> its Chinese label, in the order of the published table.
HEADER_LABELS: dict[str, str] = {
    "name": "项目名称",
    "competent_department": "主管部门",
    "implementing_unit": "实施单位",
    "attribute": "项目属性",
    "term": "项目期限",
    "division": "项目主管处室",
    "amount": "项目年度金额",
    "goal": "年度总体绩效目标",
}
# Other labels for the same header field in tables from other offices (the
# central form of 财预〔2015〕88号 writes 主管部门及代码, 年度资金总额,
# 年度总体目标). Both readers compare them like the labels above: spaces, a
# colon and a trailing unit such as （万元） do not count.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("项目名称",),
    "competent_department": ("主管部门", "主管单位", "主管部门及代码"),
    "implementing_unit": ("实施单位", "项目实施单位"),
    "attribute": ("项目属性",),
    "term": ("项目期限", "实施期限"),
    "division": ("项目主管处室", "主管处室", "主管科室", "项目主管科室"),
    "amount": ("项目年度金额", "年度金额", "项目金额", "年度资金总额", "资金总额"),
    "goal": ("年度总体绩效目标", "年度绩效目标", "总体绩效目标", "年度总体目标"),
}
# Where the writer puts each header value (the label sits one column left).
HEADER_CELLS: dict[str, str] = {
    "name": "B3",
    "competent_department": "B4",
    "implementing_unit": "D4",
    "attribute": "B5",
    "term": "D5",
    "division": "B6",
    "amount": "D6",
    "goal": "B7",
}

# Indicator table columns, by header text. The reader matches these by text
# (a sheet may put 指标值 elsewhere or leave it out).
COLUMN_LABELS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "weight": "绩效值",
    "value": "指标值",
}
# Other header texts that mean the same column in tables from other offices.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "weight": ("绩效值", "权重", "分值", "权重（分）", "分值（分）", "指标权重", "指标分值"),
    "value": ("指标值", "目标值", "当年预期实现值", "年度指标值", "指标目标值", "预期目标值"),
}
COLUMNS: dict[str, str] = {"level1": "A", "level2": "B", "name": "C", "weight": "D", "value": "E"}
INDICATOR_HEADER_ROW = 10
FIRST_INDICATOR_ROW = 11
LAST_COLUMN = "E"

# Project attributes offered in the drop-down of 项目属性.
PROJECT_ATTRIBUTES = ("0101-一年期项目", "0102-多年期项目", "0103-经常性项目")

# The department sheets.
DEPARTMENT_SHEET = "部门信息"
PROJECT_LIST_SHEET = "项目清单"
PROJECT_SHEET_PREFIX = "项目"
HELPER_SHEET = "_lists"  # hidden sheet holding drop-down lists


@dataclass(frozen=True)
class InfoField:
    key: str  # attribute of Department (or a settings key)
    label: str  # the Chinese label in column A of 部门信息
    hint: str


# 部门信息: one field per row, label in column A, value in column B, hint in C.
DEPARTMENT_FIELDS: tuple[InfoField, ...] = (
    InfoField("name", "部门名称", "如：石嘴山市人民政府办公室"),
    InfoField("year", "预算年度", "四位数年份，如 2024"),
    InfoField("published", "公开日期", "如 2024-02-05，公告落款日期"),
    InfoField("legal_basis", "依据文件", "每行一个，含书名号和文号，可填多行"),
    InfoField("attachment_title", "附件名称", "如：2024 年市本级部门项目支出预算绩效目标表"),
    InfoField("signing_body", "落款单位", "公告落款的发文机关名称"),
    InfoField("declared_total", "部门项目合计（万元）", "申报的部门项目金额合计，用于核对"),
)
# Rule configuration rows in 部门信息 (the same keys as xlperf.toml, rules.md).
SETTING_FIELDS: tuple[InfoField, ...] = (
    InfoField("required_total", "权重合计要求", "默认 100"),
    InfoField("policy", "一级指标权重方案", "如 产出 50 / 效益 30 / 满意度 10，留空不检查"),
    InfoField("ignore", "忽略规则", "规则代码，逗号分隔，如 Q001,C004"),
    InfoField("framework", "指标体系", "standard 或 cost-first-level"),
)
# Rows that repeat (依据文件 may take several rows: column B, C… or following rows).
REPEATING_FIELDS = frozenset({"legal_basis"})


# Other ways tables say 本指标不适用 in the 三级 cell: 不适用, 该项不适用, 本项目不涉及,
# or a placeholder alone (无, /, —).
NOT_APPLICABLE_PLACEHOLDERS = frozenset({"无", "/", "／", "-", "－", "—", "——", "\\"})
_NOT_APPLICABLE_WORDS = re.compile(r"^(?:本|该|此)?(?:指标|项目|项)?(?:不适用|不涉及)")


def is_not_applicable(name: str) -> bool:
    """A 本指标不适用 row: also ``本指标不适用此项目`` as budget systems write it, ``不适用``,
    ``该项不适用``, ``不涉及`` and a placeholder alone (``无``, ``/``); spaces ignored.

    One rule for every reader, so a department read from text and from its
    workbook agree on which rows are not applicable. Called for every
    indicator: the first test rejects ordinary indicator text at once.
    """
    if not name or (len(name) > 2 and "适" not in name and "涉" not in name):
        return False
    text = "".join(name.split())
    return (text.startswith(NOT_APPLICABLE) or text in NOT_APPLICABLE_PLACEHOLDERS
            or _NOT_APPLICABLE_WORDS.match(text) is not None)


def project_sheet_name(index: int) -> str:
    """Short, stable, legal sheet name for the index-th project (1-based): 项目01."""
    return f"{PROJECT_SHEET_PREFIX}{index:02d}"
