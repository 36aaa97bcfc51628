"""C rules: does the project's set of indicators cover what a goal table must cover?"""

from __future__ import annotations

from xlperf.validation.rules.base import Example, Row, Rule
from xlperf.validation.rules.examples import GOOD_ROWS

_NA = "本指标不适用"


def _missing(row: dict) -> dict:
    names = [name for name, present in (("产出指标", row["has_output"]),
                                        ("效益指标", row["has_effect"])) if not present]
    return {"missing": "和".join(names)}


C001 = Rule(
    code="C001", severity="error", title="缺少适用的产出或效益指标",
    message="没有适用的{missing}",
    basis="绩效目标应涵盖产出和效益（中发〔2018〕34号）；全部“本指标不适用”是最极端的情况",
    fix="至少填写一个产出指标和一个效益指标的具体内容",
    check=lambda f: ~(f["is_first"]
                      & ~(f["has_output"] & f["has_effect"])),
    level="project", cell="first_cell", at_row=False, fields=_missing,
    uses=("has_output", "has_effect"),
    fails=Example("效益指标全部“本指标不适用”", rows=(
        Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 30.0),
        Row("1-产出指标", "12-质量指标", "督查问题整改率达到 95%", 30.0),
        Row("1-产出指标", "13-时效指标", "11 月底前全部办结", 10.0),
        Row("1-产出指标", "14-成本指标", "车辆租赁费不高于 8 万元", 10.0),
        Row("2-效益指标", "21-经济效益", _NA, None),
        Row("2-效益指标", "22-社会效益", _NA, None),
        Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度不低于 90%", 20.0),
    )),
    passes=Example("有适用的产出指标和效益指标"),
)

C002 = Rule(
    code="C002", severity="warning", title="缺少适用的成本指标",
    message="没有适用的成本指标",
    basis="成本是绩效目标的组成部分（中发〔2018〕34号；财预〔2021〕101号）",
    fix="增加成本指标，写明费用上限，如“车辆租赁费不高于 8 万元”",
    check=lambda f: ~(f["is_first"] & ~f["has_cost"]),
    level="project", cell="first_cell", at_row=False,
    fails=Example("成本指标写成“本指标不适用”", change={
        0: Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 30.0),
        3: Row("1-产出指标", "14-成本指标", _NA, None),
    }),
    passes=Example("有适用的成本指标"),
)

C003 = Rule(
    code="C003", severity="warning", title="缺少满意度指标",
    message="没有满意度指标（不适用时也应列出“本指标不适用”行）",
    basis="满意度指标是指标体系的一级指标",
    fix="增加满意度指标，如“服务对象满意度不低于 90%”；确不适用时写一行“本指标不适用”",
    check=lambda f: ~(f["is_first"] & ~f["has_satisfaction"]),
    level="project", cell="first_cell", at_row=False,
    fails=Example("表中没有满意度指标行", rows=(
        *GOOD_ROWS[:5], Row("2-效益指标", "22-社会效益", "群众对督查工作知晓率达到 90%", 40.0),
    )),
    passes=Example("有满意度指标"),
)


def _goal_thin(f):
    goal_filled = f["goal"] != ""
    thin = (f["goal_length"] < 10) | ~f["goal_states"]
    return ~(f["is_first"] & goal_filled & thin)


C004 = Rule(
    code="C004", severity="warning", title="年度总体绩效目标过于笼统",
    message="年度总体绩效目标“{goal_short}”过于笼统（{goal_length} 字），应写明产出和效果",
    basis="相关性与完整性：总体目标要说明做什么、做到什么程度、带来什么效果",
    fix="写明主要产出（数量、质量、时限）和预期效果，不少于 10 个字",
    check=_goal_thin,
    level="project", cell="goal_cell", at_row=False,
    uses=("goal",),
    fields=lambda r: {"goal_short": r["goal"] if len(r["goal"]) <= 30
                      else r["goal"][:30] + "…"},
    fails=Example("总体目标只写了“工作保障”", project={"goal": "工作保障"}),
    passes=Example("总体目标写明了产出和效果"),
)

RULES = (C001, C002, C003, C004)
