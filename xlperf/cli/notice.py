"""``xlperf notice PATH... -o OUTDIR``: the notice and its attachment, behind the publication gate.

Each department is read, checked with the same rules and configuration as
``xlperf validate``, and rendered only when it has no error-severity finding
and names itself and its budget year (the notice's title needs both).
A held-back department is listed with its findings and nothing is written
for it; the others still render, and the command exits 1. ``--draft``
renders everything as a marked draft for internal review.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xlperf.cli.common import fail, reports_input_errors, shown
from xlperf.cli.progress import progress

FORMAT_HELP = "txt,html,docx,xlsx,pdf"
DEFAULT_OUTDIR = "公开"  # the folder `xlperf --help`'s example names


@click.command(
    "notice",
    help="生成公开公告及附件：每个部门一个文件夹，另有清单 index.html 和打包 zip。\n\n"
         "PATH 可以是工作簿（.xlsx/.xlsm/.xls/.xlsb/.ods）、文件夹或已公开的表"
         "（.txt/.html/.docx/.pdf）。"
         "存在“错误”级别问题的部门不予生成（退出码 1），"
         "可用 --draft 生成带“草稿”标记的内部审阅稿。\n\n"
         "\b\n例：\n"
         "  xlperf notice 部门.xlsx -o 公开\n"
         "  xlperf notice 部门.xlsx --format txt,html     只要文本和网页\n"
         "  xlperf notice 收件箱/ -o 审阅稿 --draft       一批部门的内部审阅稿",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path),
              metavar="OUTDIR", help=f"输出文件夹（默认：当前文件夹中的“{DEFAULT_OUTDIR}”）")
@click.option("--format", "formats", metavar=FORMAT_HELP,
              help="输出格式，逗号分隔，或 all；默认 txt,html,docx,xlsx（pdf 需安装 LibreOffice）")
@click.option("--draft", is_flag=True, help="有错误也生成，每页和文件名都标注“草稿”，仅供内部审阅")
@click.option("--allow-font-substitution", "allow_font_substitution", is_flag=True,
              help="本机缺少 GB/T 9704 公文字体（方正小标宋简体、仿宋_GB2312、黑体、宋体）时"
                   "仍生成 pdf：以替代字体排版并给出警告（默认拒绝，退出码 2）")
@click.option("--force", is_flag=True, help="替换输出文件夹中已存在的同名文件")
@click.option("--templates", "templates", type=click.Path(path_type=Path), metavar="DIR",
              help="自定义模板文件夹（notice.txt.j2 / notice.html.j2 / notice.docx），"
                   "在沙箱中渲染")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              metavar="N", help="并行进程数，0 为自动")
@reports_input_errors
def command(paths: tuple[Path, ...], outdir: Path | None, formats: str | None = None,
            draft: bool = False, force: bool = False, templates: Path | None = None,
            jobs: int = 0, allow_font_substitution: bool = False) -> None:
    from xlperf.notice import package as pkg
    from xlperf.outputs import check_writable

    if outdir is None:
        outdir = Path(DEFAULT_OUTDIR)
        click.echo(shown(f"未指定 -o，公告输出到 {Path.cwd() / outdir}"), err=True)
    chosen = _formats(formats)
    if "pdf" in chosen:
        _check_fonts(allow_font_substitution)
    if outdir.exists() and not outdir.is_dir():
        fail(f"输出位置 {outdir} 是一个文件，请指定文件夹")
    check_writable(outdir / pkg.INDEX_NAME, str(outdir))
    items = _read(paths, jobs)
    publish, blocked = _gate(items, draft)
    reasons = {source: _reasons(department, findings)
               for department, source, findings in items} if draft else None
    package = pkg.plan(publish, outdir, chosen, draft=draft, blocked=blocked, reasons=reasons)
    if not pkg.safe_inside(package):  # names are sanitised; this guards the sanitiser
        fail("部门名称无法转换为安全的文件夹名称")
    inputs = [source for _, source, _ in items]
    pkg.check_targets(package, inputs, force)
    with progress(len(package.entries), "生成公告") as advance:
        pkg.write_package(package, str(templates) if templates else None, jobs, advance,
                          inputs=inputs, force=force)
    _summary(package, blocked)
    if blocked and not draft:
        sys.exit(1)


def _formats(text: str | None) -> tuple[str, ...]:
    """Requested formats in a fixed order; ``all`` is every format (pdf needs LibreOffice)."""
    from xlperf.notice.package import DEFAULT_FORMATS, FORMATS
    from xlperf.notice.pdf import NOT_INSTALLED, find_soffice

    if not text:
        return DEFAULT_FORMATS
    asked = {part.strip().lower().lstrip(".") for part in text.replace("，", ",").split(",")}
    asked.discard("")
    if "all" in asked:
        asked = (asked - {"all"}) | set(FORMATS)
    unknown = sorted(asked - set(FORMATS))
    if unknown or not asked:
        fail(f"未知的输出格式“{'、'.join(unknown) or text}”，可选：{'、'.join(FORMATS)} 或 all")
    if "pdf" in asked and not find_soffice():
        fail(NOT_INSTALLED)
    return tuple(f for f in FORMATS if f in asked)


def _reasons(department, findings: list) -> tuple[str, ...]:
    """Why a department's draft is one: what the publication gate would hold it back for."""
    from xlperf.notice.gate import uncalculated_fields
    from xlperf.notice.package import draft_reasons, missing_fields

    return draft_reasons(findings, missing_fields(department), uncalculated_fields(department))


def _check_fonts(allow_substitution: bool) -> None:
    """PDF only with the GB/T 9704 fonts, or with a warning naming the stand-ins."""
    from xlperf.notice import fonts

    missing = fonts.missing_fonts()
    if missing is None:
        click.secho(f"警告：{fonts.UNCHECKED}", fg="yellow", err=True)
    elif missing and not allow_substitution:
        fail(fonts.refusal(missing))
    elif missing:
        click.secho(f"警告：{fonts.warning(missing)}", fg="yellow", err=True)


def _read(paths: tuple[Path, ...], jobs: int) -> list[tuple[object, str, list]]:
    """Every department with its findings, read and checked exactly as ``xlperf validate`` does.

    An unreadable input stops the run (exit 2, nothing written): a package
    should not silently miss a department.
    """
    from xlperf.cli.batch import (
        WORKBOOKS,
        Skipped,
        collect_paths,
        documents_line,
        read_all,
        skipped_line,
    )
    from xlperf.cli.validate_run import RunOptions, check
    from xlperf.reports.results import FileResult

    skipped: list[Skipped] = []
    documents: list[Path] = []
    found = collect_paths(paths, skipped, documents)
    if skipped:
        click.echo(shown(skipped_line(skipped)), err=True)
    if documents:
        click.echo(shown(documents_line(documents, "notice")), err=True)
    problems = [f"文件 {entry.path}：{entry.error}" for entry in found if entry.error]
    readable = [entry.path for entry in found if entry.error is None]
    items = []
    for path, (department, error) in zip(readable, read_all(readable, jobs), strict=True):
        if error:
            problems.append(f"文件 {path}：{error}")
        else:
            items.append((FileResult(str(path)), department, path))
    check(items, RunOptions(jobs=jobs))
    # A department whose settings could not be read was not checked: never published.
    problems += [f"文件 {path}：{result.error}" for result, _, path in items if result.error]
    items = [item for item in items if item[0].error is None]
    if problems:
        for problem in problems[1:]:
            click.secho(f"错误：{shown(problem)}", fg="red", err=True)
        fail(problems[0] + ("" if len(problems) == 1 else f"（另有 {len(problems) - 1} 个，见上）"))
    if not items:
        fail(f"没有找到可生成公告的工作簿（{WORKBOOKS}）；文本、网页、Word 或 PDF 请直接写出文件名")
    return [(department, str(path), result.findings) for result, department, path in items]


def _gate(items: list[tuple[object, str, list]], draft: bool) -> tuple[list, list]:
    """Split the batch: departments to publish, and those held back by error findings."""
    from xlperf.notice.gate import uncalculated_fields
    from xlperf.notice.package import Blocked, missing_fields

    publish, blocked = [], []
    for department, source, findings in items:
        errors = [f for f in findings if f.severity == "error"]
        missing = missing_fields(department)
        uncalculated = uncalculated_fields(department)
        if not errors and not missing and not uncalculated:
            publish.append((department, source))
            continue
        name = shown(department.name or source)
        if errors:
            _print_errors(name, source, errors, draft)
        if missing:
            _print_missing(name, source, missing, draft)
        if uncalculated:
            _print_uncalculated(name, source, uncalculated, draft)
        if draft:
            publish.append((department, source))
        else:
            blocked.append(Blocked(department.name or Path(source).stem, source,
                                   len(errors), tuple(missing), tuple(uncalculated)))
    return publish, blocked


def _print_missing(name: str, source: str, missing: list[str], draft: bool) -> None:
    verdict = "按草稿生成" if draft else "不予生成"
    click.secho(f"{name}（{shown(source)}）缺少{'、'.join(missing)}，公告无法署名，{verdict}："
                "请在工作簿的“部门信息”表中填写（已公开的文本请在标题中写明）",
                fg="red", err=True)


def _print_uncalculated(name: str, source: str, fields: list[str], draft: bool) -> None:
    verdict = "按草稿生成" if draft else "不予生成"
    more = f" 等 {len(fields)} 处" if len(fields) > 1 else ""
    click.secho(f"{name}（{shown(source)}）的{shown(fields[0])}{more}是没有计算结果的公式，"
                f"公告会印出公式而不是内容，{verdict}：请在 Excel 或 WPS 中打开工作簿、"
                "保存后再生成（或把公式改为文字）", fg="red", err=True)


def _print_errors(name: str, source: str, errors: list, draft: bool) -> None:
    verdict = "按草稿生成" if draft else "不予生成"
    from xlperf.notice.package import draft_reasons

    click.secho(f"{name}（{shown(source)}）有 {len(errors)} 个错误，{verdict}：", fg="red",
                err=True)
    for finding, line in zip(errors, draft_reasons(errors), strict=True):  # one line each
        click.echo(shown(f"  {line}"), err=True)
        if finding.fix:
            click.echo(shown(f"    修改建议：{finding.fix}"), err=True)


def _summary(package, blocked: list) -> None:
    count = len(package.entries)
    projects = sum(len(e.department.projects) for e in package.entries)
    kind = "草稿" if package.draft else "公告"
    if count:
        click.echo(f"已生成 {count} 个部门（{projects} 个项目）的{kind}："
                   f"{'、'.join(package.formats)}，输出到 {shown(package.outdir)}"
                   f"（清单 {package.index.name}，打包 {package.archive.name}）")
    if blocked:
        click.secho(f"{len(blocked)} 个部门因存在错误、缺少部门信息或含有未计算的公式未生成"
                    "（见上），修改后重新运行，或加 --draft 生成内部审阅稿。", fg="red", err=True)
