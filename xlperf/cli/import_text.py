"""``xlperf import SOURCE -o WORKBOOK.xlsx``: any goal table xlperf reads, as a department workbook.

The source (a published text, another office's workbook in any layout, .xls/
.xlsb/.ods) is read completely before anything is written. The workbook is
written to a temporary file, read back and compared with what was read: any
difference means exit 2 with the difference named, and nothing is written.
An existing workbook is never replaced without ``--force``.
"""

from __future__ import annotations

from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors, shown
from xlperf.errors import InputError

WORKBOOK_SUFFIXES = (".xlsx",)
NOTES_SHOWN = 10  # rows the reader could not place, listed after the summary line


@click.command(
    name="import",
    help="把已公开的绩效目标表（公开文本 .txt，其他单位的 .xlsx/.xls/.xlsb/.ods 工作簿，"
         "或公开的网页 .html、Word 文档 .docx、PDF，各种表样）导入为 xlperf 工作簿。\n\n"
         "写出前会把工作簿读回并与原文逐项比较，不一致则不写出（退出码 2）。\n\n"
         "\b\n例：\n  xlperf import 去年公告.txt -o 部门.xlsx\n"
         "  xlperf import 某局公开.pdf -o 某局.xlsx\n"
         "  xlperf import 某局申报表.xls -o 某局.xlsx --force",
)
@click.argument("source", type=click.Path(path_type=Path), metavar="SOURCE")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="WORKBOOK.xlsx",
              help="输出工作簿（默认：与原文件同名的 .xlsx）")
@click.option("--force", is_flag=True, help="输出工作簿已存在时覆盖它")
@reports_input_errors
def command(source: Path, output: Path | None, force: bool) -> None:
    from xlperf.limits import CellTooLong
    from xlperf.outputs import Output
    from xlperf.safe_text import without_control_characters

    target = output if output is not None else source.with_suffix(".xlsx")
    if target.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise InputError("输出文件应为 .xlsx 工作簿", file=str(target))
    out = Output(target, inputs=[source], force=force)  # before reading: nothing is wasted
    from xlperf.sources import read_department
    from xlperf.writers.workbook.writer import write_department

    # A workbook cannot hold control characters (pasted from PDFs): written without them,
    # and compared with what was read without them.
    department = without_control_characters(read_department(source))
    try:
        with out.writing() as tmp:
            write_department(department, tmp, verify=_reads_back_as(department, target))
    except CellTooLong as exc:
        raise InputError(f"{exc.message}（要写入的工作簿 {exc.sheet}!{exc.cell}）",
                         file=str(source)) from None
    click.echo(shown(summary_line(department, target)))
    for line in note_lines(department, source):
        click.echo(shown(line))


def _reads_back_as(department, target: Path):
    """A check of the written file: it must read back to exactly what was read."""

    def verify(written: Path) -> None:
        from xlperf.model.serialize import difference
        from xlperf.sources.workbook.reader import read_workbook

        found = difference(department, read_workbook(written))
        if found:
            raise InputError(f"写出的工作簿读回后与原文不一致（{found}），未写出；"
                             "请把原文件发给 xlperf 维护人员", file=str(target))

    return verify


def summary_line(department, target: Path) -> str:
    """``已导入 某部门 2024 年：7 个项目、95 条指标，金额合计 194.40 万元 → 部门.xlsx``."""
    from xlperf.cli.show import amount_total
    from xlperf.model.text import format_amount

    total, missing = amount_total(department)
    year = f" {department.year} 年" if department.year else ""
    indicators = sum(len(p.indicators) for p in department.projects)
    parts = [f"{len(department.projects)} 个项目、{indicators} 条指标，"
             f"金额合计 {format_amount(total)} 万元"]
    if missing:
        parts.append(f"{missing} 个项目金额不是数字")
    notes = len(all_notes(department))
    parts.append(f"{notes} 行未能识别" if notes else "每一行都已识别")
    if department.normalizations:
        parts.append(f"修正全角数字、多余空格等 {len(department.normalizations)} 处")
    return f"已导入 {department.name or '（未填部门名称）'}{year}：{'，'.join(parts)} → {target}"


def note_lines(department, source: Path) -> list[str]:
    """The rows the reader could not place, with where they are (never dropped silently)."""
    notes = all_notes(department)
    lines = [f"  未识别 {_where(note)}（{note.reason}）：{note.text[:60]}"
             for note in notes[:NOTES_SHOWN]]
    if len(notes) > NOTES_SHOWN:
        lines.append(f"  …… 另有 {len(notes) - NOTES_SHOWN} 行")
    if notes:
        lines.append(f"  逐行查看读取过程：xlperf show {source} --explain")
    lines += [f"  未写入 项目“{p.name}”的成本构成表（{len(p.cost_lines)} 行）：工作簿模板没有"
              f"成本构成表，其各项与合计（规则 K004）请在原文件上核对"
              for p in department.projects if p.cost_lines]
    return lines


def all_notes(department) -> list:
    """Every row the reader could not place: outside the projects first, then each
    project's, in reading order."""
    return [*department.notes, *(n for p in department.projects for n in p.notes)]


def _where(note) -> str:
    if note.sheet and note.cell:
        return f"{note.sheet}!{note.cell}"
    return f"第 {note.row} 行" if note.row is not None else ""
