"""``xlperf demo``: the main job on the bundled sample, end to end.

Imports the bundled published notice (a real department's 2024 tables),
writes its workbook, checks it, and renders the notice as a draft (the
sample as published has real errors, so the publication gate refuses it).
Everything lands in ``./xlperf-demo/`` and is replaced on each run.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors

SAMPLE = "sample_notice.txt"


@click.command(name="demo")
@click.option("-o", "--output", "outdir", default="xlperf-demo", show_default=True,
              type=click.Path(file_okay=False), help="演示输出文件夹")
@reports_input_errors
def command(outdir: str) -> None:
    """用内置样例（石嘴山市人民政府办公室 2024 年公开文本）演示全流程：

    \b
    1. 导入公开文本，生成工作簿；
    2. 汇总项目、金额和权重合计；
    3. 按规则校验，指出具体单元格，并生成带标记的工作簿副本；
    4. 生成公告及附件（样例有错误，故按草稿生成）。
    例：xlperf demo -o 演示
    """
    from xlperf.sources.text.reader import parse_text
    from xlperf.sources.workbook.reader import read_workbook
    from xlperf.writers.workbook.writer import write_department

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    text = resources.files("xlperf.data").joinpath(SAMPLE).read_text(encoding="utf-8")
    sample = parse_text(text, source=SAMPLE)
    workbook = out / f"{sample.name}.xlsx"
    write_department(sample, workbook)
    click.echo(f"1. 已导入内置样例并生成工作簿：{workbook}")

    from rich.console import Console

    from xlperf.cli.show import summary_table

    click.echo("\n2. 部门汇总（读自刚生成的工作簿）")
    Console().print(summary_table(read_workbook(workbook)))
    _validate(workbook, out)
    _notice(workbook, out)


def _validate(workbook: Path, out: Path) -> None:
    """Step 3: the same report as ``xlperf validate`` plus an annotated copy."""
    from xlperf.cli.validate import command as validate

    annotated = out / f"{workbook.stem}-校验标记.xlsx"
    click.echo(f"\n3. 校验 {workbook.name}（带标记的副本：{annotated}）")
    ctx = click.get_current_context()
    try:
        ctx.invoke(validate, paths=(workbook,), annotate=annotated, force=True)
    except SystemExit as exc:  # validate exits 1 on error findings; the demo goes on
        if exc.code not in (0, 1, None):
            raise


def _notice(workbook: Path, out: Path) -> None:
    """Step 4: the notice package, as a draft because the sample has errors."""
    from xlperf.cli.notice import command as notice

    click.echo(f"\n4. 生成公告及附件（草稿）：{out / '公告'}")
    ctx = click.get_current_context()
    try:
        ctx.invoke(notice, paths=(workbook,), outdir=out / "公告", draft=True, force=True)
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
