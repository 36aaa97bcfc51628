"""The batch side of ``xlperf validate``: --severity, the summary on stderr, and the files a
reviewer sends back (``--summary``, ``--annotate-dir``, ``--opinions-dir``).

Kept apart from ``validate.py`` so the command itself stays a short sequence. Every output
is planned and checked before anything is read (an existing file without ``--force``, an
output that is an input, a place that cannot be written: exit 2, nothing done), and each
is written atomically (``xlperf.outputs``). A file that cannot be annotated (a published
text, a sheet name openpyxl refuses) never stops the others: it is said on stderr and its
row in the summary has no link.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from xlperf.cli.common import fail, shown
from xlperf.cli.progress import progress
from xlperf.errors import InputError, OutputExists

PROGRESS_MIN_FILES = 20
OPINION_SUFFIX = "-审核意见.docx"
SEVERITY_CHOICES = ("error", "warning", "info")


def batch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options of this module, passed to the command as ``**batch`` (``--force`` is the
    command's own: it also lets ``--annotate`` replace its copy)."""
    options = [
        click.option("--severity", type=click.Choice(SEVERITY_CHOICES), default=None,
                     help="只报告这一级别及更严重的问题：error 只看影响公开的错误，"
                          "warning 错误和警告，info 全部（默认）"),
        click.option("--errors-only", is_flag=True, help="只报告错误，同 --severity error"),
        click.option("--summary", "summary", type=click.Path(path_type=Path),
                     metavar="FILE.xlsx",
                     help="另存汇总工作簿：每个文件一行（单位、项目数、错误、警告、状态、"
                          "标注副本链接），另附全部问题清单（可筛选）"),
        click.option("--annotate-dir", type=click.Path(path_type=Path), metavar="DIR",
                     help="为每个工作簿另存一份标注副本到此文件夹（子文件夹结构保留；"
                          ".xls/.xlsb/.ods 的副本为 .xlsx）"),
        click.option("--opinions-dir", type=click.Path(path_type=Path), metavar="DIR",
                     help="为每个单位写一份审核意见（Word 文档，按项目和单元格列出要修改的"
                          "地方，可直接退回报送单位）到此文件夹"),
    ]
    return functools.reduce(lambda f, option: option(f), reversed(options), func)


@dataclass
class Target:
    """One file a batch output writes: for ``source`` (None: the summary workbook)."""

    kind: str  # "summary" | "annotated" | "opinion"
    path: Path
    source: Path | None = None
    output: Any = None  # the checked xlperf.outputs.Output


@dataclass
class BatchOutputs:
    """What the batch options asked for, and the files they will write."""

    lowest: str = "info"
    summary: Path | None = None
    annotate_dir: Path | None = None
    opinions_dir: Path | None = None
    force: bool = False
    targets: list[Target] = field(default_factory=list)
    not_annotatable: list[Path] = field(default_factory=list)  # a .txt named explicitly

    @classmethod
    def from_options(cls, options: dict[str, Any], force: bool = False) -> BatchOutputs:
        severity = options.get("severity")
        if options.get("errors_only"):
            if severity not in (None, "error"):
                fail(f"--errors-only 与 --severity {severity} 矛盾，只用其中一个")
            severity = "error"
        return cls(lowest=severity or "info", summary=options.get("summary"),
                   annotate_dir=options.get("annotate_dir"),
                   opinions_dir=options.get("opinions_dir"), force=force)

    @property
    def wanted(self) -> bool:
        return any((self.summary, self.annotate_dir, self.opinions_dir))

    def outputs_of(self, kind: str) -> dict[Path, Path]:
        """source → target path for ``kind``."""
        return {t.source: t.path for t in self.targets if t.kind == kind and t.source}


# --- before the run ---------------------------------------------------------------------------

def plan(outputs: BatchOutputs, found: list, given: Sequence[Path]) -> list:
    """Check every output before anything is read; return ``found`` without this run's own
    outputs found in a folder being checked (a summary or copies written inside it; a file
    named on the command line is always checked)."""
    if not outputs.wanted:
        return found
    _refuse_input_folders(outputs, given)
    named = {os.path.realpath(path) for path in given if not Path(path).is_dir()}
    found = [entry for entry in found if os.path.realpath(entry.path) in named
             or not _is_own_output(outputs, entry.path)]
    inputs = [entry.path for entry in found]
    if outputs.summary is not None:
        if outputs.summary.suffix.lower() != ".xlsx":
            fail(f"汇总工作簿应保存为 .xlsx：请把 {outputs.summary} 改名为 "
                 f"{outputs.summary.stem}.xlsx")
        outputs.targets.append(Target("summary", outputs.summary))
    names = _relative_names([entry.path for entry in found if entry.error is None], given)
    for source, relative in names.items():
        if outputs.annotate_dir is not None and _annotatable(source):
            copy = relative.with_suffix(_copy_suffix(source))
            outputs.targets.append(Target("annotated", outputs.annotate_dir / copy, source))
        elif outputs.annotate_dir is not None:
            outputs.not_annotatable.append(source)
        if outputs.opinions_dir is not None:
            name = relative.with_name(relative.stem + OPINION_SUFFIX)
            outputs.targets.append(Target("opinion", outputs.opinions_dir / name, source))
    for folder in (outputs.annotate_dir, outputs.opinions_dir):
        if folder is not None and folder.exists() and not folder.is_dir():
            fail(f"{folder} 是一个文件，不是文件夹；请给出一个文件夹")
    _check_targets(outputs, inputs)
    return found


def _refuse_input_folders(outputs: BatchOutputs, given: Sequence[Path]) -> None:
    """An output folder that is (or holds) a folder being checked would put the copies over
    the submissions, or check nothing at all: refused, whatever --force says."""
    for option, folder in (("--annotate-dir", outputs.annotate_dir),
                           ("--opinions-dir", outputs.opinions_dir)):
        if folder is None:
            continue
        root = os.path.realpath(folder)
        for path in given:
            if Path(path).is_dir() and _inside(os.path.realpath(path), root, or_same=True):
                fail(f"{option} {folder} 是要校验的文件夹（或包含它），副本会与输入文件混在"
                     "一起、同名时覆盖输入文件；请另选一个文件夹")


def _inside(path: str, root: str, or_same: bool = False) -> bool:
    return (or_same and path == root) or path.startswith(root.rstrip(os.sep) + os.sep)


def _is_own_output(outputs: BatchOutputs, path: Path) -> bool:
    from xlperf.outputs import normalise, same_file

    if outputs.summary is not None and same_file(path, outputs.summary):
        return True
    real = os.path.realpath(normalise(path))
    for folder in (outputs.annotate_dir, outputs.opinions_dir):
        if folder is not None and _inside(real, os.path.realpath(normalise(folder))):
            return True
    return False


def _relative_names(paths: list[Path], given: Sequence[Path]) -> dict[Path, Path]:
    """Each file's name inside an output folder: its path below the folder it was found in
    (``一科/政府办.xlsx``), or its name; a name taken twice gets ``-2``, ``-3`` …"""
    folders = [os.path.abspath(g) for g in given if Path(g).is_dir()]
    taken: set[str] = set()
    names: dict[Path, Path] = {}
    for path in paths:
        absolute = os.path.abspath(path)
        base = _safe(next((Path(os.path.relpath(absolute, folder)) for folder in folders
                           if absolute.startswith(folder.rstrip(os.sep) + os.sep)),
                          Path(path.name)))
        name, number = base, 1
        while str(name.with_suffix("")).casefold() in taken:
            number += 1
            name = base.with_name(f"{base.stem}-{number}{base.suffix}")
        taken.add(str(name.with_suffix("")).casefold())
        names[path] = name
    return names


def _safe(relative: Path) -> Path:
    """The output's name from the input's: each part readable text that every system and
    the summary's links can hold (control characters, ``<>:"|?*`` and reserved names made
    safe as notice folders are; bytes that are not UTF-8 as ``\\xb2``)."""
    from xlperf.notice.names import safe_name
    from xlperf.safe_text import path_text

    folders = [safe_name(path_text(part), limit=80, fallback="_") for part in relative.parts[:-1]]
    stem = safe_name(path_text(relative.stem), limit=80, fallback="未命名")
    return Path(*folders, stem + path_text(relative.suffix))


def _annotatable(source: Path) -> bool:
    from xlperf.reports.annotate import REBUILT_SUFFIXES

    return source.suffix.lower() in (".xlsx", ".xlsm", *REBUILT_SUFFIXES)


def _copy_suffix(source: Path) -> str:
    """The copy keeps an .xlsx/.xlsm's suffix; an .xls/.xlsb/.ods (by its bytes) becomes .xlsx."""
    from xlperf.sources.workbook.checks import check_workbook_file

    try:
        kind = check_workbook_file(source).kind
    except InputError:
        kind = "xlsx"  # unreadable: the run says why, and nothing is written for it
    return source.suffix if kind == "xlsx" else ".xlsx"


def _check_targets(outputs: BatchOutputs, inputs: list[Path]) -> None:
    """Each target checked as ``Output`` does: never an input, never a folder, an existing
    file only with ``--force`` — all existing ones named at once, as ``notice`` does."""
    from xlperf.outputs import Output

    existing = []
    for target in outputs.targets:
        try:
            target.output = Output(target.path, inputs=inputs, force=outputs.force)
        except OutputExists:
            existing.append(target.path)
            target.output = None
    if existing:
        more = f" 等 {len(existing)} 个文件" if len(existing) > 1 else ""
        raise OutputExists(f"输出文件已存在：{existing[0]}{more}。如需替换，请加 --force")


# --- after the run ----------------------------------------------------------------------------

def write(outputs: BatchOutputs, results: list, jobs: int = 0) -> None:
    """Write the annotated copies and the opinions (in ``jobs`` processes on a batch, with a
    bar on long ones), then the summary workbook that links to them."""
    if not outputs.wanted:
        return
    by_source = {Path(result.file): result for result in results}
    tasks = [(target, by_source[target.source]) for target in outputs.targets
             if target.kind != "summary" and target.source in by_source]
    with progress(len(tasks), "写出标注副本和审核意见", minimum=PROGRESS_MIN_FILES) as advance:
        outcomes = _write_all(tasks, jobs, advance)
    written: list[Target] = []
    for (target, _), outcome in zip(tasks, outcomes, strict=True):
        if outcome is None:
            written.append(target)
        elif outcome:
            click.echo(shown(outcome), err=True)
    _say_written(outputs, written)
    summary = next((t for t in outputs.targets if t.kind == "summary"), None)
    if summary is not None:
        from xlperf.reports.summary_workbook import write_summary

        links = {Path(t.source): t.path for t in written if t.kind == "annotated"}
        opinions = {Path(t.source): t.path for t in written if t.kind == "opinion"}
        write_summary(summary.output, results, links=links, opinions=opinions,
                      lowest=outputs.lowest)
        click.echo(shown(f"已写出汇总工作簿：{summary.path}"), err=True)


def _write_all(tasks: list[tuple[Target, Any]], jobs: int,
               advance: Callable[[int], None]) -> list[str | None]:
    """Each task's outcome (see ``_write_one``), in order. An annotated copy is mostly
    openpyxl loading and saving (~1 s for a 7-project workbook), so on a batch the copies
    are made in worker processes, as the reading is; a worker that dies costs only its file."""
    from xlperf import workers
    from xlperf.cli.batch import PARALLEL_MIN_FILES, effective_jobs

    jobs = effective_jobs(jobs, len(tasks)) if len(tasks) >= PARALLEL_MIN_FILES else 1
    if jobs <= 1:
        outcomes = []
        for task in tasks:
            outcomes.append(_write_one(*task))
            advance(1)
        return outcomes
    import multiprocessing

    done = multiprocessing.get_context(workers.START_METHOD).Value("l", 0)
    shown_count = 0

    def tick() -> None:
        nonlocal shown_count
        now = done.value
        if now > shown_count:
            advance(now - shown_count)
            shown_count = now

    outcomes = workers.run_all(_write_in_worker, tasks, jobs, initializer=_start_worker,
                               initargs=(done,), tick=tick)
    tick()
    return [f"未写出{_WHAT[target.kind]}：文件 {target.source}：处理进程意外终止（文件可能已损坏"
            "或过大，或内存不足）" if isinstance(outcome, workers.WorkerDied) else outcome
            for (target, _), outcome in zip(tasks, outcomes, strict=True)]


_worker: dict[str, Any] = {}


def _start_worker(done: Any) -> None:
    _worker["done"] = done


def _write_in_worker(task: tuple[Target, Any]) -> str | None:
    outcome = _write_one(*task)
    done = _worker["done"]
    with done.get_lock():
        done.value += 1
    return outcome


def _write_one(target: Target, result: Any) -> str | None:
    """One copy or opinion: None when written, else what to tell the user ("" for nothing:
    an unreadable file has no copy, the report said why). Never raises for one file."""
    try:
        if target.kind == "annotated":
            if result.unreadable:
                return ""
            from xlperf.reports.annotate import annotate_workbook, check_openable

            check_openable(target.source)
            annotate_workbook(target.source, target.path, result.findings, target.output.force)
        else:
            from xlperf.reports.opinions import write_opinion

            write_opinion(target.output, result)
    except InputError as exc:
        return f"未写出{_WHAT[target.kind]}：{exc.describe()}"
    except Exception as exc:  # one odd workbook must not cost the other 299 their copies
        return (f"未写出{_WHAT[target.kind]}：文件 {target.source}：处理时出错"
                f"（{exc.__class__.__name__}）；请单独用 --annotate 试一次")
    return None


_WHAT = {"annotated": "标注副本", "opinion": "审核意见"}


def _say_written(outputs: BatchOutputs, written: list[Target]) -> None:
    if outputs.not_annotatable:
        names = "、".join(str(path) for path in outputs.not_annotatable[:3])
        more = f" 等 {len(outputs.not_annotatable)} 个" if len(outputs.not_annotatable) > 3 else ""
        click.echo(shown(f"未写出标注副本：{names}{more}不是工作簿，没有单元格可标注"), err=True)
    for kind, folder, what in (("annotated", outputs.annotate_dir, "标注副本"),
                               ("opinion", outputs.opinions_dir, "审核意见")):
        if folder is not None:
            number = sum(1 for t in written if t.kind == kind)
            click.echo(shown(f"已写出 {number} 份{what}到 {folder}"), err=True)


# --- the summary for the person at the terminal -----------------------------------------------

def human_on_stderr() -> bool:
    """Standard output goes to a file or a pipe while standard error is a terminal: the
    report went elsewhere, so the closing lines are told on stderr too."""
    try:
        return sys.stderr.isatty() and not sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def summary_to_stderr(results: list, lowest: str) -> None:
    from rich.console import Console

    from xlperf.reports.terminal import print_closing

    print_closing(results, Console(stderr=True, highlight=False), lowest)
