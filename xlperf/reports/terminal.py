"""The terminal report of ``xlperf validate``: grouped by file, then by project.

Each finding is one line — severity word, rule code, ``sheet!cell``, message —
so the report reads the same without colour (NO_COLOR, a pipe, a log file):
colour only repeats what the words already say. User text (project names,
messages) is printed as plain text, never interpreted as rich markup, and
its control characters are shown escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.text import Text

from xlperf.reports.marks import SEVERITY_WORDS, advice_text
from xlperf.reports.results import FileResult, Summary, summarize
from xlperf.reports.summary import (
    FAILED,
    closing_lines,
    counts_text,
    passes,
    status,
    with_hidden,
)
from xlperf.safe_text import terminal_safe
from xlperf.validation.findings import Finding

SEVERITY_STYLES: dict[str, str] = {"error": "bold red", "warning": "yellow", "info": "cyan",
                                   "accepted": "green"}
DEPARTMENT_GROUP = "（部门）"
INDENT = "  "


def location(finding: Finding) -> str:
    """``项目07!D20``; ``第 12 行`` in a text (no cells); empty when nothing is known."""
    if finding.sheet and finding.cell:
        return shown(f"{finding.sheet}!{finding.cell}")
    if finding.cell:
        return shown(finding.cell)
    if finding.row is not None:
        return shown(f"{finding.sheet} 第 {finding.row} 行" if finding.sheet
                     else f"第 {finding.row} 行")
    return shown(finding.sheet or "")


def shown(text: object) -> str:
    """User text as one printable line: a name's control characters or escape sequences are
    shown escaped, never sent to the terminal."""
    return terminal_safe(text, one_line=True)


def finding_line(finding: Finding) -> Text:
    word = SEVERITY_WORDS.get(finding.status, finding.status)
    line = Text(INDENT * 2)
    line.append(word, style=SEVERITY_STYLES.get(finding.status, ""))
    line.append(f" {finding.rule}")
    where = location(finding)
    if where:
        line.append(f" {where}", style="dim")
    line.append(f"  {shown(finding.message)}")
    return line


def fix_line(finding: Finding) -> Text | None:
    """How to fix it, one indented line under the finding (None when the rule does not say);
    for an accepted finding, the reviewer's reason instead."""
    advice = advice_text(finding)
    if not advice:
        return None
    return Text(INDENT * 3 + shown(advice), style="dim")


def finding_lines(finding: Finding) -> list[Text]:
    fix = fix_line(finding)
    return [finding_line(finding)] if fix is None else [finding_line(finding), fix]


def file_lines(result: FileResult) -> list[Text]:
    head = Text(shown(result.file), style="bold")
    if result.unreadable:
        head.append(" — ")
        head.append("无法读取", style="bold red")
        head.append(f"：{shown(result.error)} — ")
        head.append(FAILED, style="bold red")
        return [head]
    head.append(f" — {shown(result.department or '（未填部门名称）')}，{result.projects} 个项目")
    forms = form_text(result)
    if forms:
        head.append(f"（{shown(forms)}）", style="dim")
    notes = [Text(INDENT + "注意：" + shown(note), style="yellow")
             for note in result.acceptance_notes]
    if not result.findings and not result.hidden:
        head.append("：")
        head.append("未发现问题", style="green")
        head.append(f" — {status(result)}", style="green")
        return [head, *notes]
    head.append(f"：{counts_text(result)} — ")
    head.append(status(result), style="green" if passes(result) else "bold red")
    lines = [head, *notes]
    for project, findings in _by_project(result.findings).items():
        lines.append(Text(INDENT + shown(project or DEPARTMENT_GROUP), style="bold"))
        for finding in findings:
            lines.extend(finding_lines(finding))
    return lines


def form_text(result: FileResult) -> str:
    """``按省级申报表读取；指标体系：…`` when the tables are not the seed's form."""
    from xlperf.model.framework import load_framework
    from xlperf.model.layouts import layout_title

    parts = []
    if result.layouts and result.layouts != ["local"]:
        parts.append("按" + "、".join(layout_title(k) for k in result.layouts) + "读取")
    if result.frameworks and result.frameworks != ["standard"]:
        names = "、".join(_framework_title(name, load_framework) for name in result.frameworks)
        parts.append(f"指标体系：{names}")
    return "；".join(parts)


def _framework_title(name: str, load) -> str:
    try:
        return load(name).title
    except (OSError, KeyError, ValueError):
        return name


def _by_project(findings: Iterable[Finding]) -> dict[str | None, list[Finding]]:
    """Findings per project in the order first met; department-level ones first."""
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.project, []).append(finding)
    if None in groups:
        groups = {None: groups.pop(None), **groups}
    return groups


def summary_line(summary: Summary) -> Text:
    text = (f"共检查 {summary.files} 个文件、{summary.projects} 个项目："
            f"错误 {summary.error} 个，警告 {summary.warning} 个，提示 {summary.info} 个")
    if summary.accepted:
        text += f"；已接受 {summary.accepted} 个（附理由，不计入警告和提示）"
    if summary.unreadable:
        text += f"；无法读取 {summary.unreadable} 个文件"
    style = "bold red" if summary.error or summary.unreadable else "bold green"
    return Text(text, style=style)


def print_report(results: Iterable[FileResult], console: Console | None = None,
                 lowest: str = "info") -> None:
    """Print every file's findings, then the closing lines (reports/summary.py) and the
    summary line; ``lowest`` is the --severity the findings were cut to."""
    results = list(results)
    console = console or Console(highlight=False)
    for result in results:
        for line in file_lines(result):
            console.print(line, soft_wrap=True, highlight=False)
    if results:
        console.print()
    print_closing(results, console, lowest)


def print_closing(results: list[FileResult], console: Console, lowest: str = "info") -> None:
    """The lines after the files: per rule, units passing and failing, the totals."""
    for text, style in closing_lines(results, lowest):
        console.print(Text(text, style=style), soft_wrap=True, highlight=False)
    console.print(summary_line(with_hidden(summarize(results), results)), soft_wrap=True,
                  highlight=False)
