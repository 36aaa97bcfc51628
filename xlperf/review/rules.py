"""Y rules: this year's goal tables against last year's (``xlperf compare LAST THIS``).

Like the rest of the catalogue (validation/rules), each rule is one code, one
question, one Chinese message naming the numbers and cells, its basis, what
to do, and a failing and a passing example; ``xlperf rules`` and
docs/rules.md list them with the others. A Y rule reads a ``Comparison``
(review/pairing.py) instead of one table, so its check is a function of the
two years yielding ``Hit``s: where in THIS the finding points, and the
message's fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from xlperf.model import Indicator, Project
from xlperf.model.text import format_number
from xlperf.review.loosening import Loosening, amount_of, loosening
from xlperf.review.pairing import Comparison, ProjectPair
from xlperf.review.wording import (
    amount_change,
    amount_text,
    header_where,
    indicator_text,
    indicator_where,
    percent,
    text,
)
from xlperf.validation.findings import Severity
from xlperf.validation.rules.base import Example, Level, Row


@dataclass(frozen=True)
class Hit:
    """Where in this year's tables a finding points (None: nowhere), and its message fields."""

    project: Project | None
    sheet: str | None
    cell: str | None
    row: int | None
    fields: dict[str, Any]


@dataclass(frozen=True)
class Settings:
    """What ``xlperf.toml`` may set for the Y rules."""

    copied_amount_change: float = 20.0  # percent (Y002)


@dataclass(frozen=True)
class PairExample:
    """Two tiny departments, last year (预算年度 2023) and this year (2024), each the
    catalogue's good project with a few things changed (validation/rules/examples.py);
    ``*_extra`` adds a second project with these header fields and the good rows."""

    note: str
    last: Example = field(default_factory=lambda: Example(""))
    this: Example = field(default_factory=lambda: Example(""))
    last_extra: Mapping[str, Any] | None = None
    this_extra: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class CompareRule:
    code: str
    severity: Severity
    title: str
    message: str  # Chinese template over the fields of each Hit
    basis: str
    fix: str
    find: Callable[[Comparison, Settings], Iterator[Hit]]
    fails: PairExample
    passes: PairExample
    level: Level = "indicator"
    explain: str = ""


def _header_hit(project: Project, key: str, fields: dict[str, Any]) -> Hit:
    """At the header field ``key``; at the project's name where the form has no such field
    of its own (a list layout states the amount in the project's row)."""
    if key not in project.cells and key not in project.lines:
        key = "name"
    return Hit(project, project.sheet, project.cells.get(key), project.lines.get(key), fields)


def _indicator_hit(indicator: Indicator, project: Project, fields: dict[str, Any]) -> Hit:
    return Hit(project, indicator.sheet, indicator.cell, indicator.row, fields)


# --- Y001 -------------------------------------------------------------------------------

def _lowered(comparison: Comparison, settings: Settings) -> Iterator[Hit]:
    years = comparison.last.year, comparison.this.year
    for pair in comparison.pairs:
        for old, new in pair.indicators:
            found = loosening(old, new, pair.last, pair.this, years)
            if found is not None:
                yield _indicator_hit(new, pair.this, _lowered_fields(found, old, pair))


def _lowered_fields(found: Loosening, old: Indicator, pair: ProjectPair) -> dict[str, Any]:
    unit = found.unit if found.unit.isascii() or found.unit in ("%", "‰") else f" {found.unit}"
    numbers = f"{format_number(found.last)}{unit} → {format_number(found.this)}{unit}"
    if found.side == "deadline":
        months = format_number(found.this - found.last)
        change = f"时限 {found.last_text} → {found.this_text}（推迟 {months} 个月）"
    elif found.side == "floor":
        change = f"下限 {numbers}（降低 {percent(found.target_ratio)}）"
    elif found.last == 0:
        change = f"上限 {numbers}"
    else:
        change = f"上限 {numbers}（提高 {percent(found.target_ratio)}）"
    return {
        "last_text": indicator_text(old),
        "last_where": indicator_where(old), "change": change,
        "last_amount": amount_text(pair.last), "this_amount": amount_text(pair.this),
        "amount_change": amount_change(found.amount_ratio),
    }


Y001 = CompareRule(
    code="Y001", severity="warning", title="目标比上年降低而资金未同比例减少",
    message="目标比上年放宽：{change}，而项目年度金额 {last_amount} → {this_amount}"
            "（{amount_change}）；上年为“{last_text}”（上年 {last_where}）",
    basis="适当性：绩效目标要与预算资金量相匹配，资金不减而目标降低需说明理由（财预〔2015〕88号）",
    fix="恢复上年的目标，或在年度总体绩效目标中说明降低的原因；资金减少时目标可同比例调整",
    explain="同一项目的同一指标（去掉数字、单位和“不少于”等之后的文字相同）两年都写了数字且单位相同才比较。"
            "下限（不少于、达到、≥，或数量指标、满意度）降低的比例超过资金减少的比例，"
            "或上限（不高于、≤，或成本指标的金额）提高的比例超过资金增加的比例时报告；"
            "只写了日期的时效指标（如“11 月底前”），资金未减少而时限推迟时报告；"
            "有“指标方向”列时按其正向/反向判断。项目年度金额未填写时按金额不变计。",
    find=_lowered,
    fails=PairExample("资金同为 10 万元，督查次数由不少于 50 次降为不少于 30 次",
                      this=Example("", change={0: Row("1-产出指标", "11-数量指标",
                                                      "全年督查不少于 30 次", 20.0)})),
    passes=PairExample("资金由 10 万元减为 5 万元，督查次数由 50 次降为 30 次（降幅 40% 小于 50%）",
                       this=Example("", project={"amount": 5.0},
                                    change={0: Row("1-产出指标", "11-数量指标",
                                                   "全年督查不少于 30 次", 20.0)})),
)


# --- Y002 -------------------------------------------------------------------------------

def _copied(comparison: Comparison, settings: Settings) -> Iterator[Hit]:
    for pair in comparison.pairs:
        if pair.dropped or pair.added or not pair.indicators:
            continue
        if any(_row(old) != _row(new) for old, new in pair.indicators):
            continue
        before, after = amount_of(pair.last), amount_of(pair.this)
        if before is None or after is None:
            continue
        ratio = after / before
        if abs(ratio - 1) * 100 <= settings.copied_amount_change + 1e-9:
            continue
        yield _header_hit(pair.this, "amount", {
            "count": len(pair.indicators), "last_where": header_where(pair.last, "name"),
            "last_amount": amount_text(pair.last), "this_amount": amount_text(pair.this),
            "amount_change": amount_change(ratio),
            "threshold": format_number(settings.copied_amount_change),
        })


def _row(indicator: Indicator) -> tuple[str, str]:
    from xlperf.review.pairing import exact_key

    return exact_key(indicator.name), exact_key(indicator.value or "")


Y002 = CompareRule(
    code="Y002", severity="warning", title="照搬上年指标而资金变化较大",
    message="{count} 条指标与上年（上年 {last_where}）完全相同，但项目年度金额 {last_amount} → "
            "{this_amount}（{amount_change}，超过 {threshold}%）",
    basis="适当性：绩效目标应与当年预算资金量相匹配；资金大幅变化而目标不变，说明目标未按当年资金编制",
    fix="按今年的资金重新测算数量、成本等指标；确实不需调整的，在年度总体绩效目标中说明",
    explain="比较各条适用指标的文字和指标值（忽略空格和全角半角）。金额变化的界限默认 20%，"
            "可在 xlperf.toml 中设置：[compare] copied_amount_change = 30。",
    find=_copied, level="project",
    fails=PairExample("指标与上年完全相同，金额由 10 万元增至 15 万元（增加 50%）",
                      this=Example("", project={"amount": 15.0})),
    passes=PairExample("指标与上年完全相同，金额由 10 万元增至 11 万元（增加 10%）",
                       this=Example("", project={"amount": 11.0})),
)


# --- Y003 / Y004 ------------------------------------------------------------------------

def _dropped(comparison: Comparison, settings: Settings) -> Iterator[Hit]:
    for pair in comparison.pairs:
        for old in pair.dropped:
            yield _header_hit(pair.this, "name", {
                "last_text": indicator_text(old), "last_where": indicator_where(old),
                "level2": text(old.level2) or "（未填二级指标）"})


Y003 = CompareRule(
    code="Y003", severity="warning", title="上年的指标本年没有",
    message="上年的指标“{last_text}”（{level2}，上年 {last_where}）本年没有",
    basis="完整性：延续实施的项目，上年考核的内容本年不再设定目标，需说明原因",
    fix="补上这条指标，或在年度总体绩效目标中说明不再考核的原因",
    explain="指标按主题配对：去掉数字、单位和比较词后文字相同的算同一条指标；"
            "改了措辞的指标会同时报告 Y003 和 Y004。",
    find=_dropped, level="project",
    fails=PairExample("本年删去了上年的“督查问题整改率达到 95%”",
                      this=Example("", change={1: Row("1-产出指标", "12-质量指标",
                                                      "本指标不适用", None)})),
    passes=PairExample("本年只改了数字：督查问题整改率由 95% 提高到 98%",
                       this=Example("", change={1: Row("1-产出指标", "12-质量指标",
                                                       "督查问题整改率达到 98%", 20.0)})),
)


def _added(comparison: Comparison, settings: Settings) -> Iterator[Hit]:
    for pair in comparison.pairs:
        for new in pair.added:
            yield _indicator_hit(new, pair.this, {"this_text": indicator_text(new),
                                                  "last_where": header_where(pair.last, "name")})


Y004 = CompareRule(
    code="Y004", severity="info", title="本年新增的指标",
    message="“{this_text}”是本年新增的指标，上年（上年 {last_where}）没有",
    basis="供审核参考：新增指标是否替代了上年更严格的指标",
    fix="无需修改；核对它是否替代了上年被删去的指标（Y003）",
    find=_added,
    fails=PairExample("本年新增“督查报告按时报送率达到 100%”",
                      this=Example("", change={4: Row("2-效益指标", "21-经济效益",
                                                      "督查报告按时报送率达到 100%", None)})),
    passes=PairExample("与上年相同的指标"),
)


# --- Y005 / Y006 / Y007 -----------------------------------------------------------------

def _new_project(comparison: Comparison, settings: Settings) -> Iterator[Hit]:
    from xlperf.review.pairing import is_continuing

    for project in comparison.new:
        if not is_continuing(project):
            yield _header_hit(project, "name", {"name": text(project.name),
                                                "amount": amount_text(project)})


Y005 = CompareRule(
    code="Y005", severity="info", title="本年新增的项目",
    message="项目“{name}”（{amount}）上年没有",
    basis="供审核参考：新增项目的目标没有上年可以对照",
    fix="无需修改；新项目的目标请结合测算依据审核",
    explain="项目按名称配对：名称相同，或只差年份、括号、空格（如“2023年度…”与“…（2024年）”）的算同一项目。",
    find=_new_project, level="project",
    fails=PairExample("本年多了一个项目“政务信息公开专项经费”",
                      this_extra={"name": "政务信息公开专项经费"}),
    passes=PairExample("两年都有的项目，名称只差年份",
                       last_extra={"name": "2023年度政务信息公开专项经费"},
                       this_extra={"name": "政务信息公开专项经费（2024年度）"}),
)


def _discontinued(comparison: Comparison, settings: Settings) -> Iterator[Hit]:
    for project in comparison.discontinued:
        yield Hit(None, None, None, None, {"name": text(project.name),
                                           "amount": amount_text(project),
                                           "last_where": header_where(project, "name")})


Y006 = CompareRule(
    code="Y006", severity="info", title="上年的项目本年没有",
    message="上年的项目“{name}”（{amount}，上年 {last_where}）本年没有",
    basis="供审核参考：项目是否已完成、撤销或改了名称",
    fix="无需修改；若项目只是改了名称，核对两年的目标是否可比",
    find=_discontinued, level="department",
    fails=PairExample("上年的项目“政务信息公开专项经费”本年没有",
                      last_extra={"name": "政务信息公开专项经费"}),
    passes=PairExample("上年的项目本年都在"),
)


def _continuing_alone(comparison: Comparison, settings: Settings) -> Iterator[Hit]:
    from xlperf.review.pairing import is_continuing

    for project in comparison.new:
        if is_continuing(project):
            yield _header_hit(project, "name", {"name": text(project.name),
                                                "attribute": text(project.attribute)})


Y007 = CompareRule(
    code="Y007", severity="warning", title="延续性项目在上年找不到",
    message="项目“{name}”的项目属性为“{attribute}”，但上年的表中没有同名（或只差年份）的项目",
    basis="一致性：上年延续性项目应能与上年的目标对照",
    fix="核对项目名称是否与上年一致，或项目属性是否应为新增项目",
    find=_continuing_alone, level="project",
    fails=PairExample("本年的“政务信息公开专项经费”标为上年延续性项目，上年没有",
                      this_extra={"name": "政务信息公开专项经费", "attribute": "上年延续性项目"}),
    passes=PairExample("标为上年延续性项目，上年有同名项目",
                       last_extra={"name": "政务信息公开专项经费"},
                       this_extra={"name": "政务信息公开专项经费", "attribute": "上年延续性项目"}),
)

RULES: tuple[CompareRule, ...] = (Y001, Y002, Y003, Y004, Y005, Y006, Y007)
