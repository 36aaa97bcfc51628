"""The reports of ``xlperf compare``: validate's terminal and JSON reports, plus the pairing.

The JSON report is validate's (reports/json_report.py, the same schema) with
two keys added to each file entry (docs/validation-reports.md):
``compared_with`` (last year's file, null when the department had none) and
``pairs`` (each project of this year with its partner of last year, whether
the name changed and whether it is marked 上年延续性项目). The terminal
report is validate's, with one line under each file saying what it was
compared with, and the projects whose names changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.text import Text

from xlperf.review.run import CompareResult
from xlperf.safe_text import path_text


def build_compare_report(results: Sequence[CompareResult]) -> dict[str, Any]:
    from xlperf.reports.json_report import build_report

    report = build_report(results)
    for entry, result in zip(report["files"], results, strict=True):
        if result.unreadable:
            continue
        entry["compared_with"] = (path_text(result.compared_with)
                                  if result.compared_with is not None else None)
        entry["pairs"] = result.pairs
    return report


def pairing_lines(result: CompareResult) -> list[Text]:
    """``对照上年：…；N 个项目两年都有（…）`` and one line per renamed project."""
    from xlperf.reports.terminal import INDENT, shown

    if result.unreadable:
        return []
    if result.last_only:
        return [Text(INDENT + "这是上年的表，本年没有这个部门的表，其项目均按上年有、本年没有列出",
                     style="dim")]
    if result.compared_with is None:
        return [Text(INDENT + "上年没有这个部门的表，各项目均按新增项目列出", style="dim")]
    continuing = sum(1 for pair in result.pairs if pair.get("continuing"))
    renamed = [pair for pair in result.pairs if pair.get("renamed")]
    details = []
    if renamed:
        details.append(f"其中 {len(renamed)} 个名称有变化")
    if continuing:
        details.append(f"{continuing} 个为上年延续性项目")
    detail = f"（{'，'.join(details)}）" if details else ""
    lines = [Text(INDENT + shown(f"对照上年：{result.compared_with}；{len(result.pairs)} "
                                 f"个项目两年都有{detail}"), style="dim")]
    for pair in renamed:
        lines.append(Text(INDENT * 2 + shown(f"上年“{pair['last']}” → 本年“{pair['this']}”"),
                          style="dim"))
    return lines


def print_compare_report(results: Sequence[CompareResult], console: Console | None = None
                         ) -> None:
    from xlperf.reports.results import summarize
    from xlperf.reports.terminal import file_lines, summary_line

    console = console or Console(highlight=False)
    for result in results:
        head, *rest = file_lines(result)
        for line in (head, *pairing_lines(result), *rest):
            console.print(line, soft_wrap=True, highlight=False)
    if results:
        console.print()
    console.print(summary_line(summarize(results)), soft_wrap=True, highlight=False)
