"""``xlperf validate PATH...``: check workbooks (files or folders) and report by cell.

Exit codes (cli.md): 2 when any file could not be read, else 1 when any
finding has severity error, else 0. Reports go to standard output; progress
and notes go to standard error, so ``--format json`` output stays clean.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xlperf.cli.common import fail, reports_input_errors, shown
from xlperf.cli.progress import progress
from xlperf.cli.validate_batch import batch_options

PROGRESS_MIN_FILES = 20
NOTHING_HERE = "：当前文件夹中没有；请给出工作簿或文件夹，如 xlperf validate 部门.xlsx"


@click.command(
    "validate",
    help="按规则校验工作簿（.xlsx/.xlsm/.xls/.xlsb/.ods）或已公开的表（.txt/.html/.docx/.pdf），"
         "逐条指出工作表和单元格（文本指出第几行）；给文件夹时递归校验其中的工作簿，"
         "不给路径时校验当前文件夹。\n\n"
         "\b\n例：\n"
         "  xlperf validate 部门.xlsx\n"
         "  xlperf validate 部门.xlsx --annotate 部门-标注.xlsx   另存问题着色的副本\n"
         "  xlperf validate 收件箱/ --summary 汇总.xlsx           校验一批，另存汇总表\n\n"
         "退出码：0 无错误；1 有“错误”级别的问题；2 有文件无法读取或用法有误。",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True,
              help="报告格式：text 终端报告，json 供程序读取（见 docs/validation-reports.md）")
@click.option("--annotate", "annotate", type=click.Path(path_type=Path), metavar="OUT.xlsx",
              help="另存一份标注副本：问题单元格着色并加批注，附“校验结果”工作表（仅限单个工作簿；"
                   ".xls/.xlsb/.ods 另存为只含单元格内容的 .xlsx 副本）")
@click.option("--force", is_flag=True,
              help="替换已存在的输出文件（--annotate、--summary、--annotate-dir、--opinions-dir）")
@click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE",
              help="使用指定的 xlperf.toml（默认读取各工作簿所在文件夹中的 xlperf.toml）")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              metavar="N", help="并行读取和校验的进程数，0 为自动（文件少于 8 个时不并行）")
@click.option("--select", metavar="CODES", help="只报告这些规则，逗号分隔，可用前缀（如 W,Q001）")
@click.option("--ignore", metavar="CODES", help="不报告这些规则，逗号分隔，可用前缀（如 T,C004）")
@batch_options
@reports_input_errors
def command(paths: tuple[Path, ...], fmt: str, annotate: Path | None, force: bool,
            config_file: Path | None, jobs: int, select: str | None, ignore: str | None,
            **batch_given: object) -> None:
    from xlperf.cli import batch
    from xlperf.cli import validate_batch as outputs
    from xlperf.cli.validate_run import RunOptions, run

    options = RunOptions(
        config_file=config_file,
        jobs=jobs,
        select=_codes(select, "--select"),
        ignore=_codes(ignore, "--ignore"),
    )
    skipped: list[batch.Skipped] = []
    here = not paths
    if here:  # like a linter: the current folder
        paths = (Path("."),)
        click.echo(shown(f"未指定文件或文件夹，校验当前文件夹 {Path.cwd()}"), err=True)
    documents: list[Path] = []
    found = batch.collect_paths(paths, skipped, documents)
    wanted = outputs.BatchOutputs.from_options(batch_given, force)
    found = outputs.plan(wanted, found, paths)
    if documents:
        click.echo(shown(batch.documents_line(documents)), err=True)
    if not found:
        fail(f"没有找到可校验的工作簿（{batch.WORKBOOKS}）" + (NOTHING_HERE if here else ""))
    if annotate is not None:
        _check_annotate(found, annotate, force)
    if skipped:
        click.echo(shown(batch.skipped_line(skipped)), err=True)
    with progress(len(found), "读取工作簿", minimum=PROGRESS_MIN_FILES) as advance:
        results = run(found, options, advance)
    from xlperf.reports.summary import keep_severity

    keep_severity(results, wanted.lowest)
    _print(results, fmt, wanted.lowest)
    if outputs.human_on_stderr():
        outputs.summary_to_stderr(results, wanted.lowest)
    if annotate is not None:
        _write_annotated(found[0].path, annotate, results[0], force)
    outputs.write(wanted, results, jobs)
    from xlperf.reports.results import exit_code

    sys.exit(exit_code(results))


def _codes(text: str | None, option: str) -> tuple[str, ...]:
    if not text:
        return ()
    parts = text.replace("，", ",").split(",")
    codes = tuple(part.strip().upper() for part in parts if part.strip())
    bad = [code for code in codes if not _looks_like_code(code)]
    if bad:
        fail(f"{option} 中的“{bad[0]}”不是规则代码（如 W001，或前缀 W）")
    from xlperf.validation.rules import CODES

    unknown = [code for code in codes if not any(known.startswith(code) for known in CODES)]
    if unknown:
        fail(f"{option} 中的“{unknown[0]}”不对应任何规则（运行 xlperf rules 查看全部规则）")
    return codes


def _looks_like_code(code: str) -> bool:
    """``W001`` or a prefix of one (``W``, ``W0``), as ruff's --select takes them."""
    return (code[:1].isascii() and code[:1].isalpha() and len(code) <= 4
            and (code[1:].isdigit() or not code[1:]))


# Why a file given with --annotate cannot be annotated, by its suffix.
_NOT_ANNOTATABLE = {
    ".csv": "这是 CSV 文本",
    ".txt": "这是公开文本",
    ".html": "这是网页",
    ".htm": "这是网页",
    ".docx": "这是 Word 文档",
    ".pdf": "这是 PDF 文件",
}


def _check_annotate(found: list, target: Path, force: bool) -> None:
    """Refuse --annotate before anything is read: one workbook, a copy that is not an input."""
    if len(found) != 1:
        fail(f"--annotate 只能用于单个工作簿，这次给出了 {len(found)} 个文件")
    source = found[0].path
    suffix = source.suffix.lower()
    from xlperf.reports.annotate import REBUILT_SUFFIXES, annotation_target, check_openable

    if suffix not in (".xlsx", ".xlsm", *REBUILT_SUFFIXES):
        what = _NOT_ANNOTATABLE.get(suffix, f"这是 {suffix or '无扩展名的'}文件")
        fail(f"文件 {source}：{what}，没有单元格可标注；--annotate 只能标注工作簿"
             "（.xlsx/.xlsm，或 .xls/.xlsb/.ods 的 .xlsx 副本）。问题的位置（第几个表、"
             "第几行）见校验报告，去掉 --annotate 再试")

    annotation_target(source, target, force)
    check_openable(source)  # before the run, not after it


def _print(results: list, fmt: str, lowest: str) -> None:
    if fmt == "json":
        from xlperf.reports.json_report import build_report, pieces

        for piece in pieces(build_report(results)):  # never the whole text at once
            click.echo(piece, nl=False)
        return
    from rich.console import Console

    from xlperf.reports.terminal import print_report

    print_report(results, Console(highlight=False), lowest)


def _write_annotated(source: Path, target: Path, result, force: bool) -> None:
    if result.unreadable:
        click.echo("未写出标注副本：原工作簿无法读取", err=True)
        return
    from xlperf.reports.annotate import annotate_workbook

    if annotate_workbook(source, target, result.findings, force):
        click.echo(shown(f"已写出标注副本：{target}（.xlsx 格式；原文件不是 .xlsx，副本只含"
                         "单元格内容和合并单元格，原有格式、列宽和公式未保留）"), err=True)
        return
    click.echo(shown(f"已写出标注副本：{target}"), err=True)
