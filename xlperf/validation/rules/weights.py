"""W rules: the weights (绩效值) a project's indicators are scored by."""

from __future__ import annotations

import numpy as np

from xlperf.validation.rules.base import Example, Row, Rule
from xlperf.validation.rules.examples import GOOD_ROWS

# Weights are typed by hand with one or two decimals; a smaller difference is rounding.
TOLERANCE = 0.01


def _total_matches(f) -> np.ndarray:
    off = np.abs(f["weight_sum"] - f["required_total"]) > TOLERANCE
    return ~(f["is_last"] & ~f["weight_unreadable"] & off)


W001 = Rule(
    code="W001", forms="weighted", severity="error", title="权重合计不等于要求值",
    message="权重合计为 {weight_sum:g}，应为 {required_total:g}",
    basis="评分：各适用指标的权重（绩效值）之和应为规定的总分（默认 100，可在配置中修改）",
    fix="调整各指标权重使合计等于要求值；“本指标不适用”行不计入",
    explain="只合计适用指标（非“本指标不适用”）的数字权重。项目中有无法读取的权重（W002）时"
            "不报告本规则，因为合计无从得知。允许 0.01 的舍入误差。",
    check=_total_matches,
    level="project", cell="w001_cell",
    fails=Example("数量指标权重 15，合计 95",
                  change={0: Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 15.0)}),
    passes=Example("权重合计 100"),
)


def _weight_in_range(f) -> np.ndarray:
    weight = f["weight"]
    with np.errstate(invalid="ignore"):
        outside = (weight < 0) | (weight > f["required_total"])
    return ~(f["weight_text"] | outside)


W002 = Rule(
    code="W002", forms="weighted", severity="error", title="权重不是有效数字",
    message="权重为“{weight_raw}”，应为 0 到 {required_total:g} 之间的数字",
    basis="评分：权重是分值，只能是不超过总分的非负数",
    fix="在权重单元格只填数字，如 10；不适用的行填 0 或留空",
    check=_weight_in_range,
    cell="weight_at",
    explain="写了单位的权重（“10分”“10%”）按其中的数字读取，不报告本规则（T001 提示已去掉单位）。",
    fails=Example("权重写成“待定”",
                  change={0: Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", "待定")}),
    passes=Example("权重都是 0 到 100 之间的数字"),
)


def _na_weight_zero(f) -> np.ndarray:
    weight = f["weight"]
    carries = ~np.isnan(weight) & (weight != 0)
    return ~(f["not_applicable"] & carries)


W003 = Rule(
    code="W003", forms="weighted", severity="error", title="不适用的指标带有权重",
    message="不适用的行（{name}）权重为 {weight:g}，应为 0 或留空",
    basis="评分：不适用的指标不参与评分，其分值会让合计失真",
    fix="把这一行的权重改为 0 或留空，并把分值分给适用的指标",
    check=_na_weight_zero,
    cell="weight_at",
    fails=Example("经济效益不适用却填了 5 分",
                  change={4: Row("2-效益指标", "21-经济效益", "本指标不适用", 5.0)}),
    passes=Example("不适用的行权重留空"),
)


def _applicable_weighted(f) -> np.ndarray:
    weight = f["weight"]
    missing = (np.isnan(weight) & ~f["weight_text"]) | (weight == 0)
    return ~(f["applicable"] & missing)


W004 = Rule(
    code="W004", forms="weighted", severity="warning", title="适用的指标没有权重",
    message="指标“{name}”的权重为空或为 0",
    basis="评分：适用的指标应有分值，否则完成与否不影响得分",
    fix="为该指标分配权重；确不适用时把内容改为“本指标不适用”",
    check=_applicable_weighted,
    cell="weight_at",
    fails=Example("数量指标权重为 0", change={
        0: Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 0.0),
        5: Row("2-效益指标", "22-社会效益", "群众对督查工作知晓率达到 90%", 50.0),
    }),
    passes=Example("适用的指标都有权重"),
)

W005 = Rule(
    code="W005", forms="weighted", severity="info", title="一级指标权重与方案不同",
    message="一级指标权重为 {split_actual}，方案为 {split_policy}",
    basis="部门自评的一级指标分值（财预〔2020〕10号：产出 50、效益 30、满意度 10）；"
          "仅在配置了方案时检查",
    fix="按方案调整各一级指标下的权重，或在 xlperf.toml / 部门信息中修改方案",
    check=lambda f: ~f["policy_differs"],
    level="project", cell="first_cell", at_row=False,
    fails=Example("方案为 50/30/20，表中为 60/30/10",
                  settings={"policy": "产出 50 / 效益 30 / 满意度 20"}),
    passes=Example("方案与表中一致：60/30/10",
                   settings={"policy": "产出 60 / 效益 30 / 满意度 10"}),
)



def _declared_score_fits(f) -> np.ndarray:
    declared = f["declared_score"]
    with np.errstate(invalid="ignore"):
        off_rows = (f["has_weights"] & f["level1_scored"]
                    & (np.abs(declared - f["level1_scores"]) > TOLERANCE))
        off_policy = np.abs(declared - f["policy_share"]) > TOLERANCE
    return ~(f["level1_first"] & (off_rows | off_policy))


def _declared_reason(row: dict) -> dict:
    reasons = []
    share = row["policy_share"]
    if share == share and abs(row["declared_score"] - share) > TOLERANCE:
        reasons.append(f"一级指标权重方案为 {share:g} 分")
    if row["level1_scored"] and abs(row["declared_score"] - row["level1_scores"]) > TOLERANCE:
        reasons.append(f"其下各指标分值之和为 {row['level1_scores']:g}")
    return {"reason": "，".join(reasons)}


W006 = Rule(
    code="W006", forms="all", severity="warning", title="一级指标标注的分值不符",
    message="一级指标“{level1}”标注 {declared_score:g} 分，{reason}",
    basis="评分：一级指标标注的分值应与其下各指标分值之和、与规定的一级指标权重方案一致",
    fix="改正标注的分值或各指标的分值；权重方案见 xlperf.toml 的 policy 或部门信息",
    explain="一级指标名称中写了分值（如“产出指标(70分)”）时检查。",
    check=_declared_score_fits,
    fields=_declared_reason,
    uses=("policy_share", "declared_score", "level1_scores", "level1_scored"),
    fails=Example("产出指标标注 70 分，其下 4 个指标共 60 分", change={
        i: row._replace(level1="1-产出指标(70分)") for i, row in enumerate(GOOD_ROWS[:4])}),
    passes=Example("产出指标标注 60 分", change={
        i: row._replace(level1="1-产出指标(60分)") for i, row in enumerate(GOOD_ROWS[:4])}),
)


def _stated_total_fits(f) -> np.ndarray:
    stated = f["stated_total"]
    with np.errstate(invalid="ignore"):
        off = ((np.abs(stated - f["weight_sum"]) > TOLERANCE)
               & (np.abs(stated - f["required_total"]) > TOLERANCE))
    return ~(f["is_first"] & f["has_weights"]
             & ~f["weight_unreadable"] & off)


W007 = Rule(
    code="W007", forms="all", severity="error", title="合计行的总分与各项分值之和不符",
    message="合计行写的总分为 {stated_total:g}，各指标分值之和为 {weight_sum:g}",
    basis="评分：合计（总分）应等于各指标分值之和",
    fix="改正合计行的总分，或核对各指标的分值",
    explain="合计行写的正是规定总分（如 100）而各项之和不同时，由 W001 报告。",
    check=_stated_total_fits,
    level="project", cell="w001_cell", at_row=False,
    fails=Example("合计行写 90，各项之和为 100", project={"stated_total": 90.0}),
    passes=Example("合计行写 100", project={"stated_total": 100.0}),
)

RULES = (W001, W002, W003, W004, W005, W006, W007)
