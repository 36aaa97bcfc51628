"""``xlperf add-project WORKBOOK``: add a project sheet, as the ribbon's 新增项目 button does.

The new sheet copies the first project sheet's layout (drop-downs, number checks,
the live 合计 and its red alert) with what staff type emptied, and 项目清单 gets
a row for it before its 合计. The workbook is rewritten through a temporary
file, with every formula's value cached (``writers/workbook/cached.py``), so a
viewer that does not calculate still shows 项目清单's totals.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors, shown
from xlperf.errors import InputError

HELP = ("在工作簿中新增一张项目工作表（格式同“项目01”），并登记到“项目清单”。\n\n"
        "\b\n例：\n"
        "  xlperf add-project 部门.xlsx --name 职业技能提升培训")
SUFFIXES = (".xlsx", ".xlsm")


@click.command(name="add-project", help=HELP)
@click.argument("workbook", metavar="工作簿", type=click.Path(path_type=Path))
@click.option("--name", "-n", metavar="项目名称", default=None,
              help="新项目的项目名称（写入新工作表的 B3），可留空以后填写")
@reports_input_errors
def command(workbook: Path, name: str | None) -> None:
    """Open with openpyxl, add the sheet through the ribbon's own function, save in place."""
    if workbook.suffix.lower() not in SUFFIXES:
        raise InputError("请指定 xlperf 生成的工作簿（.xlsx 或 .xlsm）", file=str(workbook))
    if not workbook.is_file():
        raise InputError("找不到工作簿，请检查路径", file=str(workbook))
    from xlperf.excel.book import add_project
    from xlperf.excel.openpyxl_book import OpenpyxlBook
    from xlperf.sources.workbook.checks import check_workbook_file

    check_workbook_file(workbook)  # not a workbook, encrypted, a zip bomb: a Chinese message
    book = OpenpyxlBook.open(workbook)
    sheet = add_project(book, name=(name or "").strip() or None)
    book.save(workbook)
    click.echo(shown(f"已新增项目工作表“{sheet}”：{workbook}"))
    click.echo("请在新工作表中填写项目名称、金额和绩效指标；“项目清单”已登记这一行。")
