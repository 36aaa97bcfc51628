"""``xlperf import NOTICE.txt -o WORKBOOK.xlsx``: a published notice into a department workbook.

The text is read completely before anything is written, an existing
workbook is never replaced without ``--force``, and the workbook is written
through a temporary file, so a bad notice leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors
from xlperf.errors import InputError

WORKBOOK_SUFFIXES = (".xlsx",)


@click.command(name="import")
@click.argument("notice", type=click.Path(path_type=Path), metavar="NOTICE.txt")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="WORKBOOK.xlsx",
              help="输出工作簿（默认：与文本同名的 .xlsx）")
@click.option("--force", is_flag=True, help="输出工作簿已存在时覆盖它")
@reports_input_errors
def command(notice: Path, output: Path | None, force: bool) -> None:
    """把已公开的项目支出绩效目标文本（UTF-8 或 GBK，PDF 复制出的表格文字）导入为工作簿。"""
    from xlperf.limits import CellTooLong
    from xlperf.outputs import Output

    target = output if output is not None else notice.with_suffix(".xlsx")
    if target.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise InputError("输出文件应为 .xlsx 工作簿", file=str(target))
    out = Output(target, inputs=[notice], force=force)  # before reading: nothing is wasted
    from xlperf.sources.published_text.reader import read_text
    from xlperf.sources.workbook.writer import write_department

    department = read_text(notice)
    try:
        with out.writing() as tmp:
            write_department(department, tmp)
    except CellTooLong as exc:
        raise InputError(f"{exc.message}（要写入的工作簿 {exc.sheet}!{exc.cell}）",
                         file=str(notice)) from None
    click.echo(summary_line(department, target))


def summary_line(department, target: Path) -> str:
    """``已导入 某部门 2024 年：7 个项目，金额合计 194.40 万元 → 部门.xlsx``."""
    from xlperf.cli.show import amount_total
    from xlperf.model.text import format_amount

    total, missing = amount_total(department)
    year = f" {department.year} 年" if department.year else ""
    parts = [f"{len(department.projects)} 个项目，金额合计 {format_amount(total)} 万元"]
    if missing:
        parts.append(f"{missing} 个项目金额不是数字")
    if department.normalizations:
        parts.append(f"修正全角数字、多余空格等 {len(department.normalizations)} 处")
    return f"已导入 {department.name or '（未填部门名称）'}{year}：{'，'.join(parts)} → {target}"
