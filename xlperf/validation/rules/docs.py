"""docs/rules.md, generated from the catalogue: ``python -m xlperf.validation.rules.docs``.

Each rule's failing example is run through the engine, so the documented
message and cell are what a user will actually see. A test keeps the
committed file in step with the catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

from xlperf.validation.rules import CATALOGUE, Rule
from xlperf.validation.rules.examples import build, describe

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
SEVERITY_NAMES = {"error": "错误（error）", "warning": "警告（warning）", "info": "提示（info）"}
LEVEL_NAMES = {"indicator": "指标行", "project": "项目", "department": "部门"}

HEADER = """\
# 校验规则（xlperf rules）

<!-- 本文件由 `python -m xlperf.validation.rules.docs` 根据规则目录生成，请勿手工修改。 -->

每条规则有固定的代码、默认级别、中文提示和依据。级别：**错误**（error）阻止公开，
**警告**（warning）提示但不阻止，**提示**（info）仅供参考。可以在 `xlperf.toml` 或工作簿的
“部门信息”表中忽略规则、只选部分规则或修改级别，见 [validation.md](validation.md)。

下面每条规则的“不通过的例子”都在一个合格项目的基础上只改动所列内容；
“实际提示”是工具对该例子的真实输出。

| 代码 | 级别 | 名称 | 依据 |
|---|---|---|---|
"""


def render() -> str:
    """The whole of docs/rules.md."""
    lines = [HEADER.rstrip("\n")]
    for rule in CATALOGUE:
        basis = rule.basis.replace("|", "\\|")
        lines.append(f"| [{rule.code}](#{rule.code.lower()}) | {rule.severity} | "
                     f"{rule.title} | {basis} |")
    lines.extend(["", "## 合格项目（例子的基础）", "",
                  "一年期项目，预算年度 2024，项目年度金额 10 万元：", "", *good_project_lines()])
    for rule in CATALOGUE:
        lines.extend(["", *_section(rule)])
    from xlperf.review.docs import section_lines  # the Y family (xlperf compare)

    lines.extend(section_lines())
    return "\n".join(lines) + "\n"


def _section(rule: Rule) -> list[str]:
    lines = [
        f"## {rule.code}",
        "",
        f"**{rule.title}** — {SEVERITY_NAMES[rule.severity]}，按{LEVEL_NAMES[rule.level]}检查",
        "",
        f"- 依据：{rule.basis}",
        f"- 怎么改：{rule.fix}",
        f"- 提示模板：`{rule.message}`",
    ]
    if rule.explain:
        lines.append(f"- 说明：{rule.explain}")
    lines.extend(["", f"不通过的例子：{rule.fails.note}", ""])
    lines.extend(_example_lines(describe(rule.fails)))
    lines.extend(_actual(rule))
    lines.extend(["", f"通过的例子：{rule.passes.note}", ""])
    lines.extend(_example_lines(describe(rule.passes)))
    return lines


def _example_lines(changes: list[str]) -> list[str]:
    if not changes:
        return ["    （与合格项目相同）"]
    return [f"    {line}" for line in changes]


def _actual(rule: Rule) -> list[str]:
    from xlperf.validation.engine import validate

    department, config = build(rule.fails)
    found = [f for f in validate([department], config) if f.rule == rule.code]
    lines = [""]
    for finding in found:
        where = "，".join(part for part in (finding.sheet, finding.cell) if part) or "（无单元格）"
        lines.append(f"实际提示（{where}）：{finding.message}")
    return lines


def good_project_lines() -> list[str]:
    from xlperf.validation.rules.examples import GOOD_HEADER, GOOD_ROWS, LABELS, show

    rows = [f"    {LABELS[key]}：{show(value)}" for key, value in GOOD_HEADER.items()]
    rows += [f"    {r.level1} | {r.level2} | {r.name} | {show(r.weight)}" for r in GOOD_ROWS]
    return rows


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_PATH
    from xlperf.atomic import write_text_atomic

    write_text_atomic(target, render())
    print(f"已生成 {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
