"""``xlperf compare LAST THIS``: this year's goal tables against last year's (the Y rules).

LAST and THIS are each a file of any source xlperf reads, or each a folder
(departments pair by name). Reports, exit codes, ``--select``/``--ignore``,
``--config`` and ``--annotate`` work as in ``xlperf validate``: 2 when an input
could not be read or the usage is wrong, else 1 when a finding has severity
error (none of the Y rules has by default; ``[severity]`` may raise one),
else 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xlperf.cli.common import fail, reports_input_errors


@click.command(
    "compare",
    help="对照上年的绩效目标表检查本年的表：目标降低、照搬上年、指标删减或新增、项目新增或撤销"
         "（Y 类规则）。\n\nLAST 为上年、THIS 为本年的表，可以是 xlperf 能读取的任何文件"
         "（.xlsx/.xls/.ods/.txt/.html/.docx/.pdf），或同为文件夹（按部门名称配对）。\n\n"
         "\b\n例：\n"
         "  xlperf compare 2024/部门.xlsx 2025/部门.xlsx\n"
         "  xlperf compare 2024年/ 2025年/        两个文件夹，按部门名称配对\n\n"
         "退出码：0 无错误；1 有“错误”级别的问题；2 有文件无法读取或用法有误。",
)
@click.argument("last", type=click.Path(path_type=Path))
@click.argument("this", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="报告格式：text 终端报告，json 供程序读取（同 validate）")
@click.option("--annotate", "annotate", type=click.Path(path_type=Path), metavar="OUT.xlsx",
              help="另存一份本年工作簿的标注副本：问题单元格着色并加批注，附“校验结果”工作表"
                   "（THIS 须为单个工作簿）")
@click.option("--force", is_flag=True, help="标注副本已存在时覆盖它")
@click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE",
              help="使用指定的 xlperf.toml（默认读取本年各表所在文件夹中的 xlperf.toml）")
@click.option("--select", metavar="CODES", help="只报告这些规则，逗号分隔，可用前缀（如 Y001）")
@click.option("--ignore", metavar="CODES", help="不报告这些规则，逗号分隔，可用前缀（如 Y004）")
@reports_input_errors
def command(last: Path, this: Path, fmt: str, annotate: Path | None, force: bool,
            config_file: Path | None, select: str | None, ignore: str | None) -> None:
    from xlperf.cli.validate import _codes

    selected, ignored = _codes(select, "--select"), _codes(ignore, "--ignore")
    _check_kinds(last, this)
    if annotate is not None:
        _check_annotate(last, this, annotate, force)
    from xlperf.review.run import read_side, run

    configs = _configs(config_file)
    old, new = read_side(last, "上年的表（LAST）"), read_side(this, "本年的表（THIS）")

    def wanted(code: str) -> bool:
        if selected and not code.startswith(selected):
            return False
        return not (ignored and code.startswith(ignored))

    results = run(old, new, configs, wanted)
    _print(results, fmt)
    if annotate is not None:
        from xlperf.cli.validate import _write_annotated

        _write_annotated(this, annotate, results[0], force)
    from xlperf.reports.results import exit_code

    sys.exit(exit_code(results))


def _check_kinds(last: Path, this: Path) -> None:
    """Both inputs exist, and are both files or both folders."""
    for path, label in ((last, "上年的表（LAST）"), (this, "本年的表（THIS）")):
        if not path.exists() and not path.is_symlink():
            fail(f"找不到{label}“{path}”，请检查路径")
    if last.is_dir() != this.is_dir():
        folder, file = (last, this) if last.is_dir() else (this, last)
        fail(f"LAST 和 THIS 应同为文件或同为文件夹：“{folder}”是文件夹，“{file}”是文件。"
             "比较一个部门请给出两个文件，比较一批部门请给出两个文件夹")


def _check_annotate(last: Path, this: Path, target: Path, force: bool) -> None:
    """validate's checks on THIS, and never last year's file as the copy (an input)."""
    if this.is_dir():
        fail("--annotate 只能用于单个工作簿：THIS 是文件夹，请给出本年的一个工作簿")
    if target.exists() and _same_file(target, last):
        fail(f"--annotate 的输出文件“{target}”就是上年的表（LAST），不能覆盖输入文件；"
             "请另给一个文件名，如 本年-标注.xlsx")
    from xlperf.cli.batch import Found
    from xlperf.cli.validate import _check_annotate as check

    check([Found(this)], target, force)


def _same_file(a: Path, b: Path) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _configs(config_file: Path | None):
    """The configuration for each of THIS's departments: validate's, 部门信息 laid over."""
    from xlperf.cli.validate_run import Configs

    configs = Configs(config_file)

    def config_for(path: Path, department):
        base = configs.base_for(path)
        if not department.settings:
            return base
        return base.merged_with(department.settings, source=department.source)

    return config_for


def _print(results: list, fmt: str) -> None:
    if fmt == "json":
        from xlperf.reports.json_report import pieces
        from xlperf.review.report import build_compare_report

        for piece in pieces(build_compare_report(results)):
            click.echo(piece, nl=False)
        return
    from rich.console import Console

    from xlperf.review.report import print_compare_report

    print_compare_report(results, Console(highlight=False))
