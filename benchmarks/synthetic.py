"""Synthetic departments for the validation benchmark: realistic text, a few defects each.

Each department has 30 projects of 10–40 indicators; targets come from a small
vocabulary of the phrasing real tables use (``全年督查不少于 50 次``,
``满意度达到 90%``, ``不高于 8 万元``). A handful of defects per department
(weights adding up to 95, a 120 % target, a cost floor, an empty row …) give
the rules something to find. Generation is deterministic per index, so the
cached workbooks are the same on every run.
"""

from __future__ import annotations

import random
from datetime import date

from xlperf.model import Department, Indicator, Project

# Bump when the generated departments or the way xlperf writes workbooks change: the
# cache folder is named after it. 2: sheet text stored as UTF-8, as Excel stores it.
# 3: 部门信息 has a 公开说明 row. 4: each project of a department has its own subject, and
# its quantity and cost targets name it (real departments do not state one fact in many
# projects; a shared phrase pool made X001/X003 fire ~96 times a workbook).
GENERATOR_VERSION = 4
PROJECTS_PER_DEPARTMENT = 30
LEGAL_BASIS = "《自治区党委 人民政府关于全面实施预算绩效管理的实施意见》（宁党发〔2019〕9号）"

CITIES = ("石嘴山市", "银川市", "吴忠市", "固原市", "中卫市")
BUREAUS = ("人民政府办公室", "财政局", "教育局", "卫生健康委员会", "生态环境局", "交通运输局",
           "农业农村局", "民政局", "司法局", "住房和城乡建设局", "市场监督管理局", "文化旅游广电局")
SUBJECTS = ("重点工作专项督查", "政务信息系统运行维护", "城乡环境卫生整治", "基层医疗机构能力提升",
            "农村饮水安全巩固", "义务教育学校设备购置", "道路养护", "法律援助", "社区养老服务",
            "食品安全抽检", "文化惠民演出", "农田水利设施维护", "大气污染防治", "网站群动态监测",
            "档案数字化加工", "公共法律服务平台建设", "应急物资储备", "老旧小区改造前期",
            "森林草原防火", "农产品质量安全监管", "残疾人康复救助", "职业技能提升", "河湖长制",
            "安全生产执法", "特种设备检验", "退役军人服务保障", "城市供热管网", "古籍保护",
            "地质灾害防治", "学前教育资助", "乡村道路亮化", "公共文化场馆免费开放")
KINDS = ("工作经费", "专项资金", "运行维护费", "补助资金", "购置费")

# (二级 label, kind of target) — kinds pick the phrasing below.
LEVEL2 = {
    "1-产出指标": ("11-数量指标", "12-质量指标", "13-时效指标", "14-成本指标"),
    "2-效益指标": ("21-经济效益", "22-社会效益", "23-生态效益", "24-可持续影响"),
    "3-满意度指标": ("31-服务对象满意度",),
}
# {t} is a topic word, so that extra rows of one kind read differently.
TOPICS = ("督查", "培训", "抽检", "巡查", "宣传", "维修", "检测", "走访", "调研", "演练", "验收",
          "评估")
PHRASES = {
    "11-数量指标": ("全年{t}不少于 {n} 次", "全年制发{t}通报不少于 {n} 期", "开展{t}工作 {n} 场",
                 "完成{t}样本不少于 {n} 个", "办理{t}事项不少于 {n} 件"),
    "12-质量指标": ("{t}合格率达到 {p}%", "{t}问题整改率不低于 {p}%", "{t}覆盖率≥{p}%"),
    "13-时效指标": ("{t}工作 {m} 月底前全部完成", "{t}需求 {d} 个工作日内处理完毕",
                 "每月15日前报送{t}进度", "{y}年12月底前完成{t}"),
    "14-成本指标": ("全年{t}费用不高于 {x} 万元", "{t}等办公费不超过 {x} 万元",
                 "{t}成本控制在 {x} 万元以内"),
    "21-经济效益": ("带动相关产业增收不少于 {x} 万元",),
    "22-社会效益": ("群众对{t}工作知晓率达到 {p}%", "{t}服务覆盖人口不少于 {n} 人"),
    "23-生态效益": ("空气质量优良天数比例达到 {p}%",),
    "24-可持续影响": ("长效管理机制持续发挥作用 {k} 年以上",),
    "31-服务对象满意度": ("服务对象满意度达到 {p}%", "群众满意度不低于 {p}%"),
}
EXTRA_LEVEL2 = ("11-数量指标", "12-质量指标", "13-时效指标", "14-成本指标", "22-社会效益")
NOT_APPLICABLE_LEVEL2 = ("21-经济效益", "23-生态效益")
GOALS = ("主要用于{subject}工作，完成年度各项任务，保障工作顺利开展，提升服务对象满意度",
         "通过实施{subject}项目，提高管理水平和服务质量，促进经济社会高质量发展")


def department(index: int, year: int = 2024) -> Department:
    """The ``index``-th synthetic department (deterministic)."""
    rng = random.Random(index)
    name = f"{rng.choice(CITIES)}{rng.choice(BUREAUS)}{index:04d}"
    subjects = rng.sample(SUBJECTS, PROJECTS_PER_DEPARTMENT)
    projects = [_project(rng, name, year, p, subject) for p, subject in enumerate(subjects)]
    _add_defects(rng, projects)
    return Department(
        name=name, year=year, published=date(year, 2, 5), projects=projects,
        legal_basis=["《中华人民共和国预算法》", LEGAL_BASIS],
        attachment_title=f"{year} 年市本级部门项目支出预算绩效目标表", signing_body=name)


def _project(rng: random.Random, department: str, year: int, index: int,
             subject: str) -> Project:
    amount = float(rng.randint(8, 400))
    indicators = _indicators(rng, rng.randint(10, 40), amount, year, subject)
    return Project(
        name=f"{subject}{rng.choice(KINDS)}（{index + 1:02d}）",
        competent_department=department, implementing_unit=department,
        attribute="0101-一年期项目", term="1年", division="01-综合科", amount=amount,
        goal=rng.choice(GOALS).format(subject=subject), indicators=indicators)


def _indicators(rng: random.Random, count: int, amount: float, year: int,
                subject: str) -> list[Indicator]:
    # Every second-level indicator once (satisfaction last), then extra rows.
    level2 = [(l1, l2) for l1, children in LEVEL2.items() for l2 in children]
    rows = list(level2)
    while len(rows) < count:
        second = rng.choice(EXTRA_LEVEL2)
        rows.append((next(l1 for l1, l2 in level2 if l2 == second), second))
    rows.sort(key=lambda pair: pair[1])
    seen: set[str] = set()
    items: list[Indicator] = []
    cost_left = amount * 0.8
    for level1, level2_label in rows:
        if level2_label in NOT_APPLICABLE_LEVEL2 and rng.random() < 0.7:
            items.append(Indicator(level1, level2_label, "本指标不适用", weight=0.0,
                                   not_applicable=True))
            continue
        cost = round(max(0.5, min(cost_left / 3, rng.uniform(1, 30))), 1)
        text = _phrase(rng, level2_label, year, cost, seen, subject)
        if "万元" in text and level2_label == "14-成本指标":
            cost_left -= cost
        items.append(Indicator(level1, level2_label, text))
    _weigh(rng, items)
    return items


def _phrase(rng: random.Random, level2: str, year: int, cost: float, seen: set[str],
            subject: str) -> str:
    """A target not yet used in this project (duplicates are a defect added on purpose);
    its topic is the project's subject's, so projects do not share phrasings."""
    for _ in range(20):
        text = rng.choice(PHRASES[level2]).format(
            t=subject + rng.choice(TOPICS), n=rng.randint(5, 500), p=rng.choice((85, 90, 95, 98)),
            m=rng.randint(6, 11), d=rng.randint(2, 7), k=rng.randint(2, 5), y=year,
            x=f"{cost:g}")
        if text not in seen:
            break
    seen.add(text)
    return text


def _weigh(rng: random.Random, items: list[Indicator]) -> None:
    """Whole-number weights over the applicable rows, adding up to exactly 100."""
    applicable = [item for item in items if not item.not_applicable]
    weights = [1] * len(applicable)
    for _ in range(100 - len(applicable)):
        weights[rng.randrange(len(weights))] += 1
    for item, weight in zip(applicable, weights, strict=True):
        item.weight = float(weight)


def _add_defects(rng: random.Random, projects: list[Project]) -> None:
    """A few mistakes of the kinds reviewers find, on randomly chosen projects."""
    defects = (_weights_95, _percent_120, _cost_floor, _empty_row, _duplicate_row, _amount_text,
               _vague_target)
    for defect in rng.sample(defects, k=rng.randint(2, 5)):
        defect(rng, rng.choice(projects))


def _applicable(project: Project) -> list[Indicator]:
    return [i for i in project.indicators if not i.not_applicable]


def _weights_95(rng: random.Random, project: Project) -> None:
    item = max(_applicable(project), key=lambda i: i.weight or 0)
    item.weight = (item.weight or 0) - 5


def _percent_120(rng: random.Random, project: Project) -> None:
    satisfaction = [i for i in project.indicators if i.level2.startswith("31")]
    satisfaction[0].name = "服务对象满意度达到 120%"


def _cost_floor(rng: random.Random, project: Project) -> None:
    costs = [i for i in _applicable(project) if i.level2.startswith("14")]
    if costs:
        costs[0].name = "全年培训费不低于 5 万元"


def _empty_row(rng: random.Random, project: Project) -> None:
    rng.choice(_applicable(project)).name = ""


def _duplicate_row(rng: random.Random, project: Project) -> None:
    items = _applicable(project)
    items[-2].name = items[-3].name


def _amount_text(rng: random.Random, project: Project) -> None:
    project.amount = "待定"


def _vague_target(rng: random.Random, project: Project) -> None:
    rng.choice(_applicable(project)).name = "有力推动市政府工作报告重点任务落实"
