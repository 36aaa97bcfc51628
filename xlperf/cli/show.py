"""``xlperf show FILE [--json | --explain]``: what xlperf reads from a workbook or a text.

``--json`` prints the department model (model.md, with the keys other layouts
add); ``--explain`` prints how each row was read — which header field, which
indicator, which row skipped and why — so a reviewer sees why a table from
another office reads as it does. Without either, a short Chinese table lets a
finance officer check at a glance that every project, amount and weight
total came through.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors, shown

_KINDS = {"title": "标题", "field": "表头", "header": "指标表头", "indicator": "指标",
          "levels": "沿用", "skipped": "跳过", "stop": "结束", "note": "未识别", "outside": "表外",
          "cost": "成本表", "joined": "换行"}


@click.command(
    name="show",
    help="显示工作簿或公开文本中读到的部门数据：项目、金额、指标数和权重合计。\n\n"
         "\b\n例：\n  xlperf show 部门.xlsx\n  xlperf show 申报表.txt --explain   "
         "逐行说明读取过程\n  xlperf show 部门.xlsx --json       输出部门数据（docs/model.md）",
)
@click.argument("source", type=click.Path(path_type=Path), metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="按 docs/model.md 输出部门数据的 JSON")
@click.option("--explain", is_flag=True,
              help="逐行说明每一行是怎样读取的（表头、指标、跳过的行及原因）")
@reports_input_errors
def command(source: Path, as_json: bool, explain: bool) -> None:
    from xlperf.reader import Trace
    from xlperf.sources import read_department

    trace = Trace() if explain else None
    department = read_department(source, trace)
    if as_json:
        import json

        from xlperf.model.serialize import department_to_dict

        click.echo(json.dumps(department_to_dict(department), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console(highlight=False)
    if trace is not None:
        for line in explain_lines(department, trace):
            console.print(shown(line), markup=False, soft_wrap=True)
        console.print()
    console.print(summary_table(department))
    from xlperf.cli.import_text import note_lines

    for line in note_lines(department, source):  # rows not read are named, as import does
        console.print(shown(line), markup=False, soft_wrap=True)


def explain_lines(department, trace) -> list[str]:
    """Each step of reading, then each project's form (family, columns, framework)."""
    from xlperf.model.layouts import layout_title

    width = max((len(step.where) for step in trace.steps), default=0)
    lines = [f"{step.where.ljust(width)}  {_KINDS.get(step.kind, step.kind)}  {step.message}"
             for step in trace.steps]
    lines.append("")
    for project in department.projects:
        columns = "、".join(_COLUMN_NAMES.get(c, c) for c in project.columns or ())
        lines.append(f"项目“{project.name or '（无名称）'}”：按{layout_title(project.layout)}读取，"
                     f"{len(project.indicators)} 条指标"
                     + (f"、{len(project.long_term_indicators)} 条长期指标"
                        if project.long_term_indicators else "")
                     + (f"；表格的列：{columns}" if columns else "")
                     + (f"；{len(project.notes)} 行未识别" if project.notes else ""))
    if department.notes:
        lines.append(f"项目之外：{len(department.notes)} 行未识别（见上文“未识别”各行）")
    return lines


_COLUMN_NAMES = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标",
                 "value": "指标值", "comparator": "指标性质", "unit": "计量单位", "weight": "权重",
                 "standard": "绩效标准", "direction": "指标方向", "actual": "全年实际值",
                 "points": "得分"}


def weight_total(project) -> tuple[float, int]:
    """The applicable indicators' numeric weights summed, and how many weights are not numbers."""
    applicable = [item for item in project.indicators if not item.not_applicable]
    total = sum(item.weight for item in applicable if isinstance(item.weight, float))
    texts = sum(1 for item in applicable if isinstance(item.weight, str))
    return total, texts


def amount_total(department) -> tuple[float, int]:
    """The sum of the numeric project amounts (万元), and how many amounts are not numbers."""
    amounts = [project.amount for project in department.projects]
    total = sum(amount for amount in amounts if isinstance(amount, float))
    return total, sum(1 for amount in amounts if not isinstance(amount, float))


def summary_table(department):
    """One row per project: 工作表, 项目名称, 金额, 指标数, 权重合计; amounts totalled below.

    Every string from the workbook goes in as ``Text``: rich would read ``[/]`` or
    ``[link=…]`` in a project name as its markup (a crash, a clickable link).
    """
    from rich.table import Table
    from rich.text import Text

    from xlperf.model.text import format_amount, format_number

    def text(value: object) -> Text:
        return Text(shown(value))

    year = f" {department.year} 年" if department.year else ""
    published = f"，公开日期 {department.published.isoformat()}" if department.published else ""
    table = Table(title=text(f"{department.name or '（未填部门名称）'}{year}项目支出绩效目标"
                             f"{published}"))
    for header, justify in (("工作表", "left"), ("项目名称", "left"), ("金额（万元）", "right"),
                            ("指标数", "right"), ("权重合计", "right")):
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for project in department.projects:
        if project.has_weights:
            total, texts = weight_total(project)
            weights = format_number(total) + (f"（另有 {texts} 项非数字）" if texts else "")
        else:
            weights = "（表中无权重）"
        table.add_row(text(project.sheet or ""), text(project.name),
                      text(format_amount(project.amount)), str(len(project.indicators)),
                      weights)
    total, missing = amount_total(department)
    note = f"，另有 {missing} 个项目金额不是数字" if missing else ""
    count = len(department.projects)
    table.caption = text(f"共 {count} 个项目，金额合计 {format_amount(total)} 万元{note}")
    return table
