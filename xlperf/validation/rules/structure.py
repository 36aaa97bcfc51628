"""S rules: the 一级/二级/三级 structure of the indicator table."""

from __future__ import annotations

import numpy as np

from xlperf.validation.rules.base import Example, Row, Rule

S001 = Rule(
    code="S001", severity="error", title="一级指标不在指标体系中",
    message="一级指标“{level1}”不是指标体系中的一级指标",
    basis="指标体系：一级指标为产出指标、效益指标、满意度指标（或所配置体系中的一级指标）",
    fix="按指标体系选择一级指标，如“1-产出指标”；其他体系可在 xlperf.toml 中用 framework 配置",
    check=lambda f: ~(f["has_indicator"] & ~f["level1_known"]),
    fails=Example("一级指标写成“4-投入指标”",
                  change={0: Row("4-投入指标", "11-数量指标", "全年督查不少于 50 次", 20.0)}),
    passes=Example("一级指标为“1-产出指标”"),
)

_S002_REASONS = {
    "unknown": "不在指标体系中",
    "mismatch": "的编码与名称不一致",
    "parent": "不属于一级指标“{level1}”",
}

S002 = Rule(
    code="S002", severity="error", title="二级指标有误",
    message="二级指标“{level2}”{reason}",
    basis="指标体系：二级指标的编码、名称和所属一级指标须一致（如 11-数量指标 属于 1-产出指标）",
    fix="按指标体系改正二级指标，编码与名称对应，并放在正确的一级指标下",
    check=lambda f: ~(f["has_indicator"] & np.not_equal(f["level2_problem"], None)),
    cell="level2_at",
    uses=("level2_problem", "level1"),
    fields=lambda r: {"reason": _S002_REASONS[r["level2_problem"]].format(**r)},
    fails=Example("编码 12 配了名称“数量指标”",
                  change={0: Row("1-产出指标", "12-数量指标", "全年督查不少于 50 次", 20.0)}),
    passes=Example("二级指标为“11-数量指标”"),
)

S003 = Rule(
    code="S003", severity="error", title="三级指标没有内容",
    message="三级指标没有内容",
    basis="完整性：每个三级指标行都要写明具体指标",
    fix="填写指标内容，或删除这一行（不适用时写“本指标不适用”）",
    check=lambda f: ~f["name_blank"],
    fails=Example("第二行只有权重，没有指标内容",
                  change={1: Row("1-产出指标", "12-质量指标", "", 20.0)}),
    passes=Example("每行都有指标内容"),
)

S004 = Rule(
    code="S004", severity="warning", title="三级指标重复",
    message="三级指标“{name}”在本项目中重复出现",
    basis="同一指标重复列出会重复计分",
    fix="删除重复的行，或把两行改写成不同的具体指标",
    check=lambda f: ~f["duplicate_name"],
    fails=Example("质量指标照抄了数量指标",
                  change={1: Row("1-产出指标", "12-质量指标", "全年督查不少于 50 次", 20.0)}),
    passes=Example("各行指标内容不同"),
)



def _satisfaction_placed(f) -> np.ndarray:
    misplaced = ((f["level1_kind"] == "effect")
                 & (f["level2_kind"] != "satisfaction"))
    return ~(f["applicable"] & f["names_satisfaction"] & misplaced
             & ~f["complaint"])


S005 = Rule(
    code="S005", severity="warning", title="满意度指标放在了效益指标下",
    message="“{name}”是满意度指标，却放在“{level2}”下",
    basis="指标体系：满意度是一级指标“满意度指标”（服务对象满意度），不是社会效益"
          "（财预〔2021〕101号）",
    fix="把这一行移到满意度指标下，效益指标写项目带来的实际效果",
    explain="指标文字含“满意度”“满意率”“满意程度”等（词表在 xlperf/model/check_words.py）；"
            "2015 年中央表样把满意度作为效益指标下的二级指标，那里不报告。",
    check=_satisfaction_placed,
    fails=Example("社会效益写成“群众对督查工作满意度达到 90%”",
                  change={5: Row("2-效益指标", "22-社会效益", "群众对督查工作满意度达到 90%",
                                 30.0)}),
    passes=Example("社会效益写知晓率，满意度在满意度指标下"),
)

RULES = (S001, S002, S003, S004, S005)
