"""X rules: do one department's projects agree with each other?

A reviewer reads a department's tables side by side: one fact (the city has 5
government websites) must have one number in every project that states it; a
project's table should not be another's copied; one cost should be budgeted in
one project. The facts are computed across the batch in
xlperf/validation/review_facts.py, so these run in the same pandera pass as the
rest of the catalogue; each finding sits on the later project's row and names
the earlier project's row. Two projects with the same 项目名称 are one project entered twice
(H004), not compared.
"""

from __future__ import annotations

from xlperf.model.check_words import COPIED_MIN_ROWS, COPIED_MIN_SHARE, SHARED_TEXT_PROJECTS
from xlperf.validation.rules.base import Example, Row, Rule
from xlperf.validation.rules.examples import GOOD_ROWS, SIBLING_ROWS


def _other(column: str):
    return lambda r: {"other": r[column]}


X001 = Rule(
    code="X001", severity="warning", title="同一事项在不同项目中数字不一致",
    message="“{name}”与{other}说的是同一事项，数字不同（{x001_numbers}）",
    basis="一致性：同一部门的各项目表述同一客观事实（如全市政府网站数量）应使用同一数字",
    fix="核实该事项的实际数字，把两个项目改为一致",
    explain="比较的是去掉数字后文字相同（不计空格和标点）、以数量陈述事实的指标（5 个、=11个）；"
            "“不少于 2 次”这样的目标、满意度、时效、成本指标以及百分比不比较（各项目本可不同）。"
            "去掉数字后少于 4 个字的指标不比较。",
    check=lambda f: f["x001_other"] == "",
    fields=_other("x001_other"), uses=("x001_other",),
    fails=Example("本项目写“维护政府网站 4 个”，在前的项目写“维护政府网站 5 个”",
                  change={0: Row("1-产出指标", "11-数量指标", "维护政府网站 4 个", 20.0)},
                  sibling=SIBLING_ROWS),
    passes=Example("两个项目都写“维护政府网站 5 个”",
                   change={0: Row("1-产出指标", "11-数量指标", "维护政府网站 5 个", 20.0)},
                   sibling=SIBLING_ROWS),
)

X002 = Rule(
    code="X002", severity="warning", title="项目指标照抄另一项目",
    message="本项目有 {x002_rows} 条指标与{other}的指标逐字相同（本项目共 {x002_total} 条），"
            "请核实是否照抄",
    basis="相关性：绩效指标应反映本项目的产出和效益，不能照抄其他项目",
    fix="按本项目的实际产出和效益重写指标",
    explain=f"满意度指标、“本指标不适用”行不计入（各项目本可相同）；同一文字出现在 "
            f"{SHARED_TEXT_PROJECTS} 个以上项目时视为部门通用指标，也不计入。至少 "
            f"{COPIED_MIN_ROWS} 条、且占两个项目中较少一方的 {COPIED_MIN_SHARE:.0%} 以上时报告。",
    check=lambda f: f["x002_other"] == "",
    level="project", cell="first_cell", at_row=False,
    fields=_other("x002_other"), uses=("x002_other",),
    fails=Example("在前的项目除成本指标外与本项目逐字相同",
                  sibling=(*GOOD_ROWS[:3],
                           Row("1-产出指标", "14-成本指标", "印刷费不高于 2 万元", 10.0),
                           *GOOD_ROWS[4:])),
    passes=Example("两个项目只有满意度指标和一条效益指标相同",
                   sibling=(*SIBLING_ROWS[:4], GOOD_ROWS[5]._replace(weight=20.0),
                            Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度不低于 90%",
                                10.0))),
)

X003 = Rule(
    code="X003", severity="warning", title="同一成本在两个项目中列支",
    message="成本指标“{name}”与{other}是同一项费用，请核实是否重复列支",
    basis="合规：同一项支出只能在一个项目中安排预算，不得重复申报",
    fix="核实这项费用属于哪个项目，从另一个项目中删去，或写明两者的区别",
    explain="比较去掉数字后文字相同的成本指标（写明了金额的）；去掉数字后少于 4 个字的不比较。",
    check=lambda f: f["x003_other"] == "",
    fields=_other("x003_other"), uses=("x003_other",),
    fails=Example("两个项目都列了“网站技术运维费”",
                  change={3: Row("1-产出指标", "14-成本指标", "网站技术运维费不高于 2 万元",
                                 10.0)},
                  sibling=SIBLING_ROWS),
    passes=Example("两个项目的成本各不相同", sibling=SIBLING_ROWS),
)

RULES = (X001, X002, X003)
