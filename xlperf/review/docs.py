"""The Y section of docs/rules.md, generated like the rest (validation/rules/docs.py).

Each rule's failing example is compared through the engine, so the documented
message and cell are what a user of ``xlperf compare`` will actually see.
"""

from __future__ import annotations

from xlperf.review.examples import build_pair, describe_pair
from xlperf.review.rules import RULES, CompareRule, PairExample

SEVERITY_NAMES = {"error": "错误（error）", "warning": "警告（warning）", "info": "提示（info）"}
LEVEL_NAMES = {"indicator": "指标行", "project": "项目", "department": "部门"}

INTRO = """\
## Y 类：对照上年（xlperf compare）

Y 类规则不在 `xlperf validate` 中运行，而由 `xlperf compare 上年 本年` 对照两年的表
（见 [cli.md](cli.md#xlperf-compare)）。项目按名称配对（名称相同，或只差年份、括号、空格、
全角半角）；指标按主题配对（去掉数字、单位和“不少于”等比较词之后的文字）；项目属性含
“延续”（如“上年延续性项目”）的项目标为延续性项目。和其他规则一样，可以在 `xlperf.toml`
中用 `select`、`ignore`、`[severity]` 选择或调整，Y002 的金额变化界限在
`[compare] copied_amount_change` 中设置（默认 20，即 20%）。

下面每条规则的例子都以上面的合格项目为上年（预算年度 2023，读自“上年.xlsx”）和本年
（预算年度 2024）的表，只改动所列内容。

| 代码 | 级别 | 名称 | 依据 |
|---|---|---|---|"""


def section_lines() -> list[str]:
    lines = ["", INTRO]
    for rule in RULES:
        basis = rule.basis.replace("|", "\\|")
        lines.append(f"| [{rule.code}](#{rule.code.lower()}) | {rule.severity} | "
                     f"{rule.title} | {basis} |")
    for rule in RULES:
        lines.extend(["", *_section(rule)])
    return lines


def _section(rule: CompareRule) -> list[str]:
    lines = [
        f"### {rule.code}", "",
        f"**{rule.title}** — {SEVERITY_NAMES[rule.severity]}，按{LEVEL_NAMES[rule.level]}检查", "",
        f"- 依据：{rule.basis}",
        f"- 怎么改：{rule.fix}",
        f"- 提示模板：`{rule.message}`",
    ]
    if rule.explain:
        lines.append(f"- 说明：{rule.explain}")
    lines.extend(["", f"不通过的例子：{rule.fails.note}", "", *_changes(rule.fails)])
    lines.extend(_actual(rule))
    lines.extend(["", f"通过的例子：{rule.passes.note}", "", *_changes(rule.passes)])
    return lines


def _changes(example: PairExample) -> list[str]:
    return [f"    {line}" for line in describe_pair(example)] or ["    （两年相同）"]


def _actual(rule: CompareRule) -> list[str]:
    from xlperf.review.engine import compare

    last, this = build_pair(rule.fails)
    _, found = compare(last, this)
    lines = [""]
    for finding in found:
        if finding.rule == rule.code:
            where = "，".join(p for p in (finding.sheet, finding.cell) if p) or "无单元格"
            lines.append(f"实际提示（{where}）：{finding.message}")
    return lines
