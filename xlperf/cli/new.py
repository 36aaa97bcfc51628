"""``xlperf new PATH``: write a fresh template workbook for a department to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors, shown
from xlperf.errors import InputError

HELP = ("生成空白模板工作簿：部门信息、项目清单和一张项目工作表（项目01）。\n\n"
        "\b\n例：\n"
        "  xlperf new 部门.xlsx --department 某某局 --year 2025\n"
        "  xlperf new 部门.xlsm --macro-workbook    自带“绩效目标”按钮")


@click.command(name="new", help=HELP)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--department", "-d", metavar="部门名称", default=None,
              help="部门名称，写入“部门信息”和项目的主管部门")
@click.option("--year", "-y", metavar="年份", type=click.IntRange(2000, 2100), default=None,
              help="预算年度，如 2025")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
@click.option("--macro-workbook", is_flag=True,
              help="生成自带“绩效目标”按钮的启用宏工作簿（.xlsm），用于无法安装加载项的电脑")
@reports_input_errors
def command(path: Path, department: str | None, year: int | None, force: bool,
            macro_workbook: bool) -> None:
    """Refuse to overwrite without --force; write through a temporary file."""
    suffix = ".xlsm" if macro_workbook else ".xlsx"
    if path.suffix.lower() != suffix:
        raise InputError(f"模板请使用 {suffix} 扩展名，如 部门{suffix}", file=str(path))
    from xlperf.outputs import Output

    out = Output(path, force=force)
    if macro_workbook:
        from xlperf.excel.addin.package import write_macro_template as write
    else:
        from xlperf.writers.workbook.writer import write_template as write
    with out.writing() as tmp:
        write(tmp, department=department, year=year)
    click.echo(shown(f"已生成模板：{path}"))
    click.echo("请先填写“部门信息”，再在“项目01”中填写第一个项目；每个项目一张工作表，"
               f"新增项目：xlperf add-project {shown(path)}（或 Excel 中的“新增项目”按钮）。")
