"""H rules: the table's header fields (项目名称 … 年度总体绩效目标)."""

from __future__ import annotations

import numpy as np

from xlperf.validation.rules.base import Example, Rule

H001 = Rule(
    code="H001", severity="error", title="表头字段未填写",
    message="表头未填写：{empty_fields}",
    basis="绩效目标审核的完整性要求：项目名称、主管部门、实施单位、项目属性、项目期限、"
          "项目年度金额、年度总体绩效目标都应填写",
    fix="在指向的单元格填写该字段；项目年度金额为空时由 H002 提示",
    check=lambda f: ~(f["is_first"] & (f["empty_fields"] != "")),
    level="project", cell="h001_cell", at_row=False,
    fails=Example("实施单位未填写", project={"implementing_unit": ""}),
    passes=Example("表头各字段均已填写"),
)


def _amount_ok(f) -> np.ndarray:
    amount = f["amount"]
    with np.errstate(invalid="ignore"):
        positive = np.isfinite(amount) & (amount > 0)
    return ~f["is_first"] | positive | f["amount_garbled"] | ~f["amount_in_form"]


H002 = Rule(
    code="H002", severity="error", title="项目年度金额不是正数",
    message="项目年度金额为“{amount_raw}”，应为以万元为单位的正数（如 10 或 76.90）",
    basis="项目年度金额是绩效目标要匹配的资金量（财预〔2015〕88号：目标与资金量相匹配）",
    fix="只填数字，单位固定为万元：写 10，不写“10万元”或“待定”",
    check=_amount_ok,
    level="project", cell="amount_cell", at_row=False,
    explain="表样中没有金额（既无“项目年度金额”等标签，也无“预算数”列，如部分预算系统导出的清单）"
            "时不报告：规则只检查表样中有的字段。",
    fails=Example("金额写成了带单位的文字", project={"amount": "10万元"}),
    passes=Example("金额为数字 10（万元）"),
)

H005 = Rule(
    code="H005", severity="error", title="项目年度金额重复或多写了数字",
    message="项目年度金额为“{amount_raw}”，一个单元格中写了不止一个数",
    basis="项目年度金额是绩效目标要匹配的资金量，只能有一个数；重复粘贴（854万854万）"
          "会让人和系统读错金额",
    fix="只保留一个金额，单位为万元：写 854",
    explain="这样的金额无法读作数字，本规则代替 H002 报告。",
    check=lambda f: ~(f["is_first"] & f["amount_garbled"]),
    level="project", cell="amount_cell", at_row=False,
    fails=Example("金额重复粘贴成“10万10万”", project={"amount": "10万10万"}),
    passes=Example("金额为数字 10（万元）"),
)


def _term_fits(f) -> np.ndarray:
    years = f["term_years"]
    filled = f["term"] != ""
    one_year = f["one_year"]
    multi_year = f["multi_year"]
    # A one-year project may run for part of its year (2025年3月-12月); a term it cannot
    # read (NaN) does not fit it.
    within_year = years <= 1 + 1e-9
    misfit = (one_year & ~within_year) | (multi_year & within_year)
    return ~(f["is_first"] & filled & misfit)


H003 = Rule(
    code="H003", severity="warning", title="项目期限与项目属性不符",
    message="项目属性为“{attribute}”，项目期限却为“{term}”",
    basis="表头一致性：一年期项目的期限为 1 年，多年期项目的期限应多于 1 年",
    fix="核对项目属性和项目期限，改正其中错的一项",
    check=_term_fits,
    level="project", cell="term_cell", at_row=False,
    fails=Example("一年期项目填了 3 年", project={"term": "3年"}),
    passes=Example("一年期项目，期限 1 年"),
)

H004 = Rule(
    code="H004", severity="error", title="项目名称重复",
    message="项目名称“{project}”在本部门重复出现",
    basis="一个项目一张绩效目标表，重复的项目名称无法区分",
    fix="合并重复的表，或把项目名称改为各自的全称",
    check=lambda f: ~f["duplicate_project"],
    level="project", cell="name_cell", at_row=False,
    fails=Example("同一部门有两个同名项目", twin=True),
    passes=Example("每个项目名称只出现一次"),
)

RULES = (H001, H002, H003, H004, H005)
