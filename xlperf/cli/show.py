"""``xlperf show WORKBOOK [--json]``: what xlperf reads from a workbook (or a published text).

``--json`` prints the department model exactly as model.md specifies, for
other tools; without it, a short Chinese table lets a finance officer check
at a glance that every project, amount and weight total came through.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors


@click.command(name="show")
@click.argument("workbook", type=click.Path(path_type=Path), metavar="WORKBOOK")
@click.option("--json", "as_json", is_flag=True, help="按 model.md 输出部门数据的 JSON")
@reports_input_errors
def command(workbook: Path, as_json: bool) -> None:
    """显示工作簿（或公开文本 .txt）中的部门数据：项目、金额、指标数和权重合计。"""
    from xlperf.sources import read_department

    department = read_department(workbook)
    if as_json:
        import json

        from xlperf.model.serialize import department_to_dict

        click.echo(json.dumps(department_to_dict(department), ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    Console().print(summary_table(department))


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

    from xlperf.cli.common import shown
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
        total, texts = weight_total(project)
        weights = format_number(total) + (f"（另有 {texts} 项非数字）" if texts else "")
        table.add_row(text(project.sheet or ""), text(project.name),
                      text(format_amount(project.amount)), str(len(project.indicators)),
                      weights)
    total, missing = amount_total(department)
    note = f"，另有 {missing} 个项目金额不是数字" if missing else ""
    count = len(department.projects)
    table.caption = text(f"共 {count} 个项目，金额合计 {format_amount(total)} 万元{note}")
    return table
