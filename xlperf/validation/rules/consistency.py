"""K rules: do the goals agree with the money and the year?"""

from __future__ import annotations

import numpy as np

from xlperf.validation.rules.base import Example, Row, Rule
from xlperf.validation.targets import read_target

# Amounts are written in 万元 with at most two decimals; a smaller difference is rounding.
MONEY_TOLERANCE = 0.005


def _costs_within_amount(f) -> np.ndarray:
    amount = f["amount"]
    stated = f["cost_amount_sum"]
    with np.errstate(invalid="ignore"):
        # An amount of 0 or less is H002's: every cost would exceed it.
        over = np.isfinite(amount) & (amount > 0) & (stated > amount + MONEY_TOLERANCE)
    return ~(f["is_first"] & (f["cost_amount_rows"] > 0) & over)


K001 = Rule(
    code="K001", severity="error", title="成本指标金额超过项目年度金额",
    message="成本指标所列金额合计 {cost_amount_sum:g} 万元，超过项目年度金额 {amount:g} 万元",
    basis="适当性：绩效目标要与预算资金量相匹配（财预〔2015〕88号）",
    fix="核对成本指标中的金额和项目年度金额，改正多算或写错的一方",
    explain="只合计能读作总额的金额（万元或元）：每期、每本、/页等单价不计入；"
            "“4万元/年”按年度总额计；同一指标中写了几个总额时取最大的一个（避免把“其中”重复相加）。",
    check=_costs_within_amount,
    level="project", cell="amount_cell", at_row=False,
    fails=Example("成本 12 万元，项目年度金额 10 万元",
                  change={3: Row("1-产出指标", "14-成本指标", "车辆租赁费不高于 12 万元", 10.0)}),
    passes=Example("成本 8 万元，不超过项目年度金额 10 万元"),
)


def _deadline_in_year(f) -> np.ndarray:
    year = f["year"]
    one_year = f["one_year"] | ((f["term_years"] == 1)
                                           & ~f["multi_year"])
    with np.errstate(invalid="ignore"):
        outside = ((f["deadline_year_min"] < year)
                   | (f["deadline_year_max"] > year)
                   | f["deadline_next_year"])
    rows = f["applicable"] & f["is_timeliness"] & one_year
    return ~(rows & ~np.isnan(year) & outside)


def _deadline_fields(row: dict) -> dict:
    target = read_target(row["name"], row["value"])
    year = int(row["year"])
    outside = next((d.text for d in target.deadlines
                    if d.next_year or (d.year is not None and d.year != year)), "")
    return {"deadline": outside, "budget_year": year}


K002 = Rule(
    code="K002", severity="warning", title="时限超出预算年度",
    message="时限“{deadline}”不在预算年度 {budget_year} 年内",
    basis="一致性：一年期项目的目标应在预算年度内完成",
    fix="把时限改在预算年度内，或核对项目属性、预算年度",
    check=_deadline_in_year,
    fields=_deadline_fields, uses=("name", "value", "year"),
    fails=Example("2024 年的一年期项目，时限 2025 年 3 月",
                  change={2: Row("1-产出指标", "13-时效指标", "2025年3月底前全部办结", 10.0)}),
    passes=Example("时限为 11 月底前"),
)


def _declared_matches(f) -> np.ndarray:
    raw = f["declared_raw"]
    declared = f["declared_total"]
    present = np.asarray([v is not None and v != "" for v in raw], dtype=bool) \
        if f["is_dept_first"].any() else np.zeros(f.rows, dtype=bool)
    with np.errstate(invalid="ignore"):
        differs = np.isnan(declared) | (
            np.abs(declared - f["department_amount"]) > MONEY_TOLERANCE)
    known = ~f["department_amount_unreadable"] | np.isnan(declared)
    return ~(f["is_dept_first"] & present & known & differs)


def _department_fields(row: dict) -> dict:
    raw = row["declared_raw"]
    shown = f"{raw:g}" if isinstance(raw, float) else f"“{raw}”"
    return {"declared": shown}


K003 = Rule(
    code="K003", severity="error", title="部门合计与项目金额之和不符",
    message="部门项目合计为 {declared} 万元，各项目年度金额之和为 {department_amount:g} 万元",
    basis="一致性：申报的部门合计应等于各项目年度金额之和",
    fix="核对部门信息中的“部门项目合计”和各项目的项目年度金额",
    explain="只在工作簿填写了部门合计时检查；有项目金额无法读取（H002）时不比较。",
    check=_declared_matches,
    level="department", cell="declared_cell", sheet="declared_sheet",
    at_row=False, fields=_department_fields, uses=("declared_raw",),
    fails=Example("部门合计填 20，唯一项目 10 万元", department={"declared_total": 20.0,
                                                        "declared_total_cell": "B8"}),
    passes=Example("部门合计 10，与项目金额一致", department={"declared_total": 10.0,
                                                           "declared_total_cell": "B8"}),
)



def _cost_lines_add_up(f) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        off = np.abs(f["cost_parts_sum"] - f["cost_lines_total"]) \
            > MONEY_TOLERANCE
    return ~(f["is_first"] & off)


K004 = Rule(
    code="K004", severity="error", title="成本构成各项之和与合计不符",
    message="成本构成各项之和为 {cost_parts_sum:g} 万元，合计行为 {cost_lines_total:g} 万元",
    basis="一致性：成本测算表的合计应等于各项之和（财预〔2021〕101号：成本指标要有测算依据）",
    fix="核对成本构成各项金额和合计，改正算错或抄错的一方",
    explain="只在成本构成表有合计行、各项金额都能读取、且没有小计行时检查。"
            "各项分层编号时（“一、商品和服务支出”下有“1.委托业务费”），只加最外一层；"
            "有编号和无编号的行混在一起时不检查。",
    check=_cost_lines_add_up,
    level="project", cell="amount_cell", at_row=False,
    fails=Example("成本构成 6 + 3.9 = 9.9，合计写 10", project={
        "cost_lines": [("车辆租赁费", 6.0), ("印刷费", 3.9), ("合计", 10.0)]}),
    passes=Example("成本构成 6 + 4 = 10，合计 10", project={
        "cost_lines": [("车辆租赁费", 6.0), ("印刷费", 4.0), ("合计", 10.0)]}),
)


def _annual_deadline_in_year(f) -> np.ndarray:
    year = f["year"]
    years = f["term_years"]
    with np.errstate(invalid="ignore"):
        multi = (f["multi_year"] | (years > 1)) & ~f["one_year"]
        after = (f["deadline_year_max"] > year) | f["deadline_next_year"]
    rows = f["applicable"] & f["is_timeliness"] & multi
    return ~(rows & ~np.isnan(year) & after)


K005 = Rule(
    code="K005", severity="warning", title="多年期项目的年度时限超出预算年度",
    message="年度指标的时限“{deadline}”在预算年度 {budget_year} 年之后",
    basis="一致性：多年期项目的年度绩效目标写的是本预算年度要完成的部分；"
          "以后年度的目标写在实施期（中长期）目标中",
    fix="把年度指标的时限改在预算年度内，以后年度的时限移到实施期目标",
    explain="一年期项目的时限由 K002 检查。",
    check=_annual_deadline_in_year,
    fields=_deadline_fields, uses=("name", "value", "year"),
    fails=Example("2024 年的三年期项目，年度指标时限 2026 年底",
                  project={"attribute": "0102-多年期项目", "term": "3年"},
                  change={2: Row("1-产出指标", "13-时效指标", "2026年底前全部办结", 10.0)}),
    passes=Example("三年期项目，年度指标时限 2024 年 11 月底前",
                   project={"attribute": "0102-多年期项目", "term": "3年"},
                   change={2: Row("1-产出指标", "13-时效指标", "2024年11月底前全部办结", 10.0)}),
)

RULES = (K001, K002, K003, K004, K005)
