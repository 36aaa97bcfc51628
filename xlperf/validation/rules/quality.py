"""Q rules: is each target measurable and plausible? (read by xlperf.validation.targets)"""

from __future__ import annotations

import numpy as np

from xlperf.validation.rules.base import Example, Row, Rule

SATISFACTION_FLOOR = 80.0


Q001 = Rule(
    code="Q001", severity="warning", title="指标不可衡量",
    message="指标“{name}”没有可衡量的目标值（数字、百分比、时限或等级）",
    basis="指标应细化、量化（财预〔2015〕88号）；难以量化的用等级表述（好/较好/一般/差，"
          "达到/部分达到/未达到）",
    fix="写明数量、比率、时限或等级，如“全年督查不少于 50 次”“11 月底前完成”",
    explain="读取指标值列（有时）或指标文字中的数字、百分比、时限（11 月底前、3 个工作日内、"
            "每月）和等级词。书名号中的文件名、文号不算目标值。成本指标没有金额时由 Q003 提示，"
            "不重复报告；留有模板文字的行由 T002、不是比率的满意度指标由 Q007 提示。",
    check=lambda f: ~(f["applicable"] & ~f["name_blank"]
                      & ~f["is_cost"] & ~f["measurable"]
                      & (f["template_text"] == "")
                      & ~f["satisfaction_unrated"]),
    fails=Example("质量指标只写了“做好督查工作保障”",
                  change={1: Row("1-产出指标", "12-质量指标", "做好督查工作保障", 20.0)}),
    passes=Example("每个指标都有数字、百分比、时限或等级"),
)


def _percent_plausible(f) -> np.ndarray:
    high = f["percent_max"]
    low = f["percent_min"]
    with np.errstate(invalid="ignore"):
        wrong = ((high > 100) & ~f["growth"]) | (low < 0)
    return ~(f["applicable"] & wrong)


Q002 = Rule(
    code="Q002", severity="error", title="百分比超出 0–100%",
    message="百分比目标 {percent_shown}% 超出 0–100%",
    basis="合理性：比率、覆盖率、满意度不可能超过 100%",
    fix="改正百分比；若是增长幅度，请写明“增长”“提高”等",
    explain="写明增长、提高、同比等的百分比可以超过 100%。",
    check=_percent_plausible,
    uses=("percent_max", "percent_min"),
    fields=lambda r: {"percent_shown": f"{r['percent_max']:g}" if r["percent_max"] > 100
                      else f"{r['percent_min']:g}"},
    fails=Example("知晓率写成 120%",
                  change={5: Row("2-效益指标", "22-社会效益", "群众对督查工作知晓率达到 120%",
                                 30.0)}),
    passes=Example("百分比都在 0–100% 之间"),
)


def _cost_ceiling(f) -> np.ndarray:
    unclear = ~f["has_money"] | f["money_floor"]
    return ~(f["applicable"] & f["is_money_cost"] & ~f["name_blank"]
             & unclear)


Q003 = Rule(
    code="Q003", severity="warning", title="成本指标没有金额上限",
    message="成本指标“{name}”{reason}",
    basis="成本指标是控制上限（财预〔2021〕101号）：应写明金额，并以“不高于”“控制在…以内”表述",
    fix="写明金额上限，如“车辆租赁费不高于 8 万元”",
    explain="社会成本指标、生态环境成本指标不以金额衡量，不检查。",
    check=_cost_ceiling,
    uses=("money_floor",),
    fields=lambda r: {"reason": "的金额写成了下限，成本指标应为上限" if r["money_floor"]
                      else "没有写明金额"},
    fails=Example("成本写成“不低于 8 万元”",
                  change={3: Row("1-产出指标", "14-成本指标", "车辆租赁费不低于 8 万元", 10.0)}),
    passes=Example("成本指标写明了金额上限"),
)


def _satisfaction_plausible(f) -> np.ndarray:
    percent = f["percent"]
    comparator = f["comparator"]
    ceiling = (comparator == "<=") | (comparator == "<")
    with np.errstate(invalid="ignore"):
        odd = (percent < SATISFACTION_FLOOR) | (percent == 100)
    rows = f["applicable"] & f["is_satisfaction"] & ~np.isnan(percent)
    return ~(rows & ~ceiling & ~f["complaint"] & odd)


Q004 = Rule(
    code="Q004", severity="warning", title="满意度目标不合理",
    message="满意度目标为 {percent:g}%，{reason}",
    basis="合理性：满意度目标低于 80% 偏低；定为 100% 难以实现，也失去区分度",
    fix="满意度目标一般定在 80%–98% 之间，如“服务对象满意度不低于 90%”",
    explain="投诉率等以“低于”“不高于”表述的比率不在此列。",
    check=_satisfaction_plausible,
    uses=("percent",),
    fields=lambda r: {"reason": "难以实现，也失去区分度" if r["percent"] == 100
                      else f"低于 {SATISFACTION_FLOOR:g}%，目标偏低"},
    fails=Example("满意度定为 100%",
                  change={6: Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度达到 100%",
                                 10.0)}),
    passes=Example("满意度不低于 90%"),
)


Q005 = Rule(
    code="Q005", severity="warning", title="目标值没有单位",
    message="目标值“{target_text}”中的数字 {unitless} 没有写单位",
    basis="指标应细化、量化（财预〔2015〕88号）：数字要带单位（%、个、万元、天…）才能衡量",
    fix="在数字后写明单位，如“≥85%”“≤28.40 元/株”；表格有计量单位列的，填在那一列",
    explain="只看带比较符（≥、≤、不低于…）的数字和只有数字的指标值；表格有计量单位列且已填写的"
            "行、名称末尾用括号写明单位的行（培训人数（人））不报告。",
    check=lambda f: f["unitless"] == "",
    uses=("unitless",),
    fails=Example("整改率的指标值写成“>=95”",
                  change={1: Row("1-产出指标", "12-质量指标", "督查问题整改率", 20.0, ">=95")}),
    passes=Example("指标值写成“>=95%”",
                   change={1: Row("1-产出指标", "12-质量指标", "督查问题整改率", 20.0, ">=95%")}),
)

Q006 = Rule(
    code="Q006", severity="warning", title="指标名称中的单位与计量单位不符",
    message="指标“{name}”写的是“{name_unit}”，计量单位却是“{unit}”",
    basis="准确性：同一个目标值只能有一个单位，名称和计量单位列不一致会让人读错",
    fix="统一单位：改正计量单位列，或把名称中的数字和单位删去",
    explain="只在表格有计量单位列、名称中的数字与指标值相同时比较；人和名等同义单位视为相同"
            "（xlperf/model/check_words.py）。",
    check=lambda f: f["name_unit"] == "",
    fails=Example("名称写“村组干部230人”，计量单位为“个”",
                  project={"columns": ("level1", "level2", "name", "value", "unit", "weight")},
                  change={0: Row("1-产出指标", "11-数量指标", "村组干部230人", 20.0, "≥230",
                                 "个")}),
    passes=Example("计量单位为“人”",
                   project={"columns": ("level1", "level2", "name", "value", "unit", "weight")},
                   change={0: Row("1-产出指标", "11-数量指标", "村组干部230人", 20.0, "≥230",
                                  "人")}),
)

Q007 = Rule(
    code="Q007", severity="warning", title="满意度指标不是满意度比率",
    message="满意度指标“{name}”的目标“{target_text}”不是满意度比率（如 ≥90%）",
    basis="满意度指标反映服务对象对项目的满意程度，一般通过调查以百分比衡量"
          "（财预〔2021〕101号）",
    fix="写明满意度比率，如“服务对象满意度不低于 90%”",
    explain="只在项目的满意度指标都没有百分比时报告（有一条是比率即可）；不可衡量的满意度指标"
            "由本规则提示，不再由 Q001 重复报告。",
    check=lambda f: ~f["satisfaction_unrated"],
    fails=Example("满意度指标写“群众幸福感明显提升”",
                  change={6: Row("3-满意度指标", "31-服务对象满意度", "群众幸福感", 10.0,
                                 "明显提升")}),
    passes=Example("满意度不低于 90%"),
)

RULES = (Q001, Q002, Q003, Q004, Q005, Q006, Q007)
