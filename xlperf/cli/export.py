"""``xlperf export WORKBOOK --format txt [-o FILE]``: back to the published text layout.

The round trip of ``import``: the text has the seed's shape, so importing it
again gives the same department. Output is UTF-8 unless ``--encoding
gb18030`` asks for what older Chinese Windows tools expect.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xlperf.cli.common import reports_input_errors, shown


@click.command(name="export")
@click.argument("workbook", type=click.Path(path_type=Path), metavar="WORKBOOK")
@click.option("--format", "fmt", type=click.Choice(["txt"]), default="txt", show_default=True,
              help="输出格式：txt 为公开文本格式（制表符分隔）")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE",
              help="输出文件（省略时输出到屏幕/标准输出）")
@click.option("--encoding", type=click.Choice(["utf-8", "gb18030"], case_sensitive=False),
              default="utf-8", show_default=True,
              help="输出编码；gb18030 兼容 GBK，供旧版 Windows 工具使用")
@reports_input_errors
def command(workbook: Path, fmt: str, output: Path | None, encoding: str) -> None:
    """把工作簿导出为公开文本格式（公告在前，每个项目一张表），可再用 xlperf import 导回。

    \b
    例：
      xlperf export 部门.xlsx -o 公告.txt
      xlperf export 部门.xlsx -o 公告.txt --encoding gb18030   供旧版 Windows 工具
    """
    from xlperf.outputs import Output
    from xlperf.sources import read_department
    from xlperf.writers.text import format_text, has_notice

    # Checked before reading: an output that is the workbook itself is refused however
    # it is spelled (nosuch/../in.xlsx, a link); an existing other file is replaced.
    target = Output(output, inputs=[workbook], force=True) if output is not None else None
    department = read_department(workbook)
    text = format_text(department)
    if not has_notice(department):
        click.echo("注意：原文件中没有公开说明（“根据……予以公开”），导出的文本只包含绩效目标表，"
                   "没有公告部分", err=True)
    encoding = encoding.lower()
    if target is None:
        _write_stdout(text, encoding)
        return
    with target.writing() as tmp:
        tmp.write_text(text, encoding=encoding, newline="")
    click.echo(shown(f"已导出 {len(department.projects)} 个项目 → {output}"), err=True)


def _write_stdout(text: str, encoding: str) -> None:
    """The text in the chosen encoding, whatever the terminal's own encoding is."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stream (some IDE consoles): let it encode
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        stream.write(text.encode(encoding))
        stream.flush()
