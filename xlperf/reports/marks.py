"""What marking findings in a workbook means, as plain data both workbook adapters execute.

``plan_marks(findings)`` is a pure function: it turns findings into a list of
simple actions — fill a cell, put a note on it, write the 校验结果 sheet. The
openpyxl adapter (``annotate.py``, for ``xlperf validate --annotate``) and the
xlwings adapter (the Excel ribbon) execute the same list, so a workbook marked
from the command line and one marked inside Excel look the same, and either
can clear the other's marks.

Marks are recorded in a very hidden sheet (``MARKS_SHEET``) with one row per
marked cell and the fill and comment it had before, so that clearing restores
the user's own formatting instead of guessing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xlperf.model.info_fields import MARKS_SHEET as MARKS_SHEET  # re-exported: its home
from xlperf.validation.findings import SEVERITIES, Finding

# Severity -> (word shown to the user, cell fill as RRGGBB). The fills are
# Excel's own "Bad" / "Neutral" / a light blue, so they read as familiar.
# ``accepted``: a finding a reviewer accepted with a reason (Excel's "Good" green).
SEVERITY_WORDS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示",
                                  "accepted": "已接受"}
SEVERITY_FILLS: dict[str, str] = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7",
                                  "accepted": "C6EFCE"}

REPORT_SHEET = "校验结果"
REPORT_HEADER: tuple[str, ...] = ("级别", "规则", "项目", "工作表", "单元格", "说明", "修改建议")
REPORT_WIDTHS: tuple[int, ...] = (7, 7, 24, 9, 8, 56, 42)
LINK_COLUMN = 4  # 0-based index of 单元格 in REPORT_HEADER: the cell holding the hyperlink
MESSAGE_COLUMN = 5  # 0-based index of 说明 (where a clean workbook's 未发现问题 goes)
# 0-based columns whose text wraps (项目, 说明, 修改建议): long names are shown whole.
WRAPPED_COLUMNS: tuple[int, ...] = (2, 5, 6)
FIX_WORD = "修改建议："
REASON_WORD = "接受理由："

# One row per marked cell; the first row is this header. "kind" is "cell" for a
# marked cell (colour = our fill, fill = its previous fill as an OOXML <fill>
# element, comment/comment_author = its previous comment), "report" for the
# report sheet xlperf created (its name in "sheet"), "active" for the sheet that
# was active before (the report sheet is made active so it is what opens first).
MARKS_HEADER: tuple[str, ...] = (
    "kind", "sheet", "cell", "colour", "fill", "comment", "comment_author",
)
NOTE_AUTHOR = "xlperf"
NOTE_TITLE = "xlperf 校验："
NOTE_PREVIOUS = "—— 原批注 ——"
NO_FINDINGS = "未发现问题"


def no_findings_row(columns: int) -> list[str]:
    """The one row of a clean workbook's report: 未发现问题 under 说明."""
    return [NO_FINDINGS if i == MESSAGE_COLUMN else "" for i in range(columns)]


@dataclass(frozen=True)
class Fill:
    """Fill ``sheet!cell`` with ``colour`` (RRGGBB), remembering its previous fill."""

    sheet: str
    cell: str
    colour: str


@dataclass(frozen=True)
class Note:
    """Put ``text`` as a comment on ``sheet!cell`` (keeping any previous comment below it)."""

    sheet: str
    cell: str
    text: str


@dataclass(frozen=True)
class ReportRow:
    values: tuple[str, ...]  # one per REPORT_HEADER column, all written as text
    link: str | None  # internal link location such as "'项目01'!C11", or None
    severity: str


@dataclass(frozen=True)
class ReportSheet:
    """Write the 校验结果 sheet: bold frozen header, auto filter, widths, one row per finding."""

    title: str
    header: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[ReportRow, ...]


Action = Fill | Note | ReportSheet


def link_location(sheet: str, cell: str | None) -> str:
    """An internal link location: ``'项目01'!C11`` (quotes doubled inside the name)."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{cell or 'A1'}"


def is_xlperf_note(text: str | None) -> bool:
    """A note xlperf wrote. Judged by its first line, not its author: notes put
    from Excel (the ribbon button) carry the Excel user's name as author."""
    return bool(text) and text.startswith(NOTE_TITLE)


def note_line(finding: Finding) -> str:
    """``警告 Q001：…`` and, on the next line, how to fix it when the rule says."""
    line = f"{SEVERITY_WORDS[finding.status]} {finding.rule}：{finding.message}"
    advice = advice_text(finding)
    return f"{line}\n{advice}" if advice else line


def advice_text(finding: Finding) -> str:
    """``修改建议：…`` — or, for an accepted finding, ``接受理由：…`` instead."""
    if finding.accepted:
        return REASON_WORD + finding.accepted
    return FIX_WORD + finding.fix if finding.fix else ""


def _severity_rank(status: str) -> int:
    """Errors first; an accepted finding ranks below every open one."""
    return SEVERITIES.index(status) if status in SEVERITIES else len(SEVERITIES)


def plan_marks(findings: Iterable[Finding]) -> list[Action]:
    """The actions that mark ``findings`` in their workbook, in a stable order.

    A cell with several findings gets one fill (the most severe finding's
    colour) and one note listing them all. Findings without a cell (a
    department-level finding, a whole project) appear only in the report sheet.
    """
    findings = list(findings)
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        if finding.sheet and finding.cell:
            by_cell.setdefault((finding.sheet, finding.cell), []).append(finding)
    actions: list[Action] = []
    for (sheet, cell), group in by_cell.items():
        worst = min(group, key=lambda f: _severity_rank(f.status))
        colour = SEVERITY_FILLS.get(worst.status, SEVERITY_FILLS["info"])
        actions.append(Fill(sheet, cell, colour))
        text = "\n".join([NOTE_TITLE, *(note_line(f) for f in group)])
        actions.append(Note(sheet, cell, text))
    actions.append(ReportSheet(REPORT_SHEET, REPORT_HEADER, REPORT_WIDTHS,
                               tuple(_report_row(f) for f in findings)))
    return actions


def _report_row(finding: Finding) -> ReportRow:
    values = (
        SEVERITY_WORDS.get(finding.status, finding.status),
        finding.rule,
        finding.project or "（部门）",
        finding.sheet or "",
        finding.cell or "",
        finding.message,
        advice_text(finding).removeprefix(FIX_WORD),
    )
    link = link_location(finding.sheet, finding.cell) if finding.sheet else None
    return ReportRow(values, link, finding.status)


def note_with_previous(text: str, previous: str | None) -> str:
    """Our note, with the user's own comment kept underneath so nothing is hidden."""
    if not previous:
        return text
    return f"{text}\n{NOTE_PREVIOUS}\n{previous}"
