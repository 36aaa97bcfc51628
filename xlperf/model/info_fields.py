"""The 部门信息 sheet of xlperf's own workbooks: what the notice needs, and rule settings.

Read by ``xlperf.reader.department`` and the rule configuration, written by the
workbook writer: one list of fields, so the three cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

DEPARTMENT_SHEET = "部门信息"
PROJECT_LIST_SHEET = "项目清单"
HELPER_SHEET = "_lists"  # hidden sheet holding drop-down lists
MARKS_SHEET = "_xlperf_marks"  # very hidden sheet recording xlperf annotate's marks
# Findings a reviewer accepted: one row each under a header naming these columns (any order;
# 工作表/单元格, or 项目 for a finding without a cell). docs/validation.md.
ACCEPT_SHEET = "校验说明"
ACCEPT_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("规则", "规则代码", "代码"),
    "sheet": ("工作表",),
    "cell": ("单元格", "位置"),
    "project": ("项目", "项目名称"),
    "reason": ("理由", "接受理由", "说明"),
}


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
    InfoField("disclosure", "公开说明", "导入时照录原文的公开说明（根据……予以公开），可留空"),
)
# Rule configuration rows in 部门信息 (the same keys as xlperf.toml, rules.md).
SETTING_FIELDS: tuple[InfoField, ...] = (
    InfoField("required_total", "权重合计要求", "默认 100"),
    InfoField("policy", "一级指标权重方案", "如 产出 50 / 效益 30 / 满意度 10，留空不检查"),
    InfoField("ignore", "忽略规则", "规则代码，逗号分隔，如 Q001,C004"),
    InfoField("framework", "指标体系", "从下拉列表选择；留空或选“自动”按表中写法选择"),
)
# Rows that repeat (依据文件 may take several rows: column B, C… or following rows).
REPEATING_FIELDS = frozenset({"legal_basis"})
