"""The summary workbook of a batch (``xlperf validate DIR --summary 汇总.xlsx``), via openpyxl.

Three sheets a reviewer sorts, filters and prints:

- 汇总: one row per file — 单位, 文件, 项目数, 错误, 警告, 状态, and links to the file's
  annotated copy and 审核意见 when they were written (relative links, so the folder can be
  moved or zipped as a whole); the title row says how many units pass and fail;
- 问题清单: every finding listed — 单位, 文件, 项目, 工作表, 单元格, 代码, 级别, 说明, 修改建议;
- 按规则: each rule broken, how often and in how many units, and how to fix it.

Every sheet has a bold frozen header with an autofilter, column widths for its text, row
heights for wrapped text (LibreOffice prints a row at its stored height, so wrapped lines
would overprint the next row), and prints landscape on A4, one page wide, the header on
every page. Every string is stored as text: a name or message starting with ``=`` never
becomes a formula (``xml_safe`` drops what a worksheet cannot hold).
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlperf.reports.marks import SEVERITY_FILLS, SEVERITY_WORDS
from xlperf.reports.results import FileResult
from xlperf.reports.summary import (
    PASSED,
    advice,
    counts,
    hidden_text,
    rule_counts,
    status,
    status_of,
    tally,
    tally_text,
    unit_name,
)
from xlperf.safe_text import path_text, xml_safe

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from xlperf.outputs import Output

TITLE = "项目支出绩效目标校验汇总"
UNITS_SHEET = "汇总"
FINDINGS_SHEET = "问题清单"
RULES_SHEET = "按规则"
# (header, width) per column; widths in Excel's units (about one Latin digit).
UNITS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("单位", 30), ("文件", 34), ("项目数", 8), ("错误", 7), ("警告", 7), ("状态", 10),
    ("标注副本", 11), ("审核意见", 11), ("说明", 40),
)
FINDINGS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("单位", 20), ("文件", 20), ("项目", 26), ("工作表", 10), ("单元格", 8), ("代码", 7),
    ("级别", 6), ("说明", 44), ("修改建议", 36),
)
RULES_COLUMNS: tuple[tuple[str, float], ...] = (
    ("级别", 6), ("代码", 7), ("规则", 28), ("问题数", 8), ("涉及单位", 9), ("修改建议", 70),
)
STATUS_FILLS = {PASSED: "C6EFCE"}  # Excel's "Good"; 不通过 and 无法读取 take the error fill
LINK_FONT_COLOUR = "0563C1"
LINE_POINTS = 14.5  # one wrapped line of 11 pt text
PAD_POINTS = 4.0
MAX_ROW_POINTS = 409.0  # Excel's limit
FOOTER = "第 &P 页，共 &N 页"


def write_summary(output: Output, results: Sequence[FileResult], *,
                  links: dict[Path, Path] | None = None,
                  opinions: dict[Path, Path] | None = None,
                  lowest: str = "info", today: date | None = None) -> None:
    """Write the summary workbook of ``results`` to ``output`` atomically."""
    workbook = build_summary(results, links=links or {}, opinions=opinions or {},
                             base=output.path.parent, lowest=lowest, today=today)
    with output.writing() as tmp:
        workbook.save(tmp)


def build_summary(results: Sequence[FileResult], *, links: dict[Path, Path],
                  opinions: dict[Path, Path], base: Path, lowest: str = "info",
                  today: date | None = None) -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.properties.creator = "xlperf"  # not openpyxl's name: the program that made it
    workbook.properties.title = TITLE
    workbook.properties.language = "zh-CN"
    units = workbook.active
    units.title = UNITS_SHEET
    _units_sheet(units, results, links, opinions, base, lowest, today or date.today())
    _findings_sheet(workbook.create_sheet(FINDINGS_SHEET), results)
    _rules_sheet(workbook.create_sheet(RULES_SHEET), results)
    _CACHES.pop(id(workbook), None)
    return workbook


def _units_sheet(sheet: Worksheet, results: Sequence[FileResult], links: dict[Path, Path],
                 opinions: dict[Path, Path], base: Path, lowest: str, today: date) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    day = f"{today.year}年{today.month}月{today.day}日"
    headline = f"{TITLE}（{day}）：{tally_text(tally(results))}"
    note = hidden_text(results, lowest)
    if note:
        headline += f"；{note}"
    _put(sheet, 1, [headline])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(UNITS_COLUMNS))
    title = sheet.cell(1, 1)
    title.font = Font(bold=True, size=13)
    title.alignment = Alignment(wrap_text=True, vertical="center")
    total_width = sum(width for _, width in UNITS_COLUMNS)
    sheet.row_dimensions[1].height = _height([(headline, total_width)], line=18.0)
    _header(sheet, UNITS_COLUMNS, row=2)
    for row, result in enumerate(results, start=3):
        numbers = counts(result)
        state = status(result)
        accepted = f"另有已接受 {numbers['accepted']} 个（附理由）" if numbers["accepted"] else ""
        values = [unit_name(result), path_text(result.file), result.projects, numbers["error"],
                  numbers["warning"], state, "", "", result.error or accepted]
        _put(sheet, row, values)
        colour = STATUS_FILLS.get(state, SEVERITY_FILLS["error"])
        _fill(sheet.cell(row, 6), colour)
        source = Path(result.file)
        for column, target, word in ((7, links.get(source), "标注副本"),
                                     (8, opinions.get(source), "审核意见")):
            if target is not None:
                _link(sheet.cell(row, column), _relative(target, base), word)
        _wrap_row(sheet, row, UNITS_COLUMNS)
        for column in (3, 4, 5):
            _dress(sheet.cell(row, column), "centred")
    last = get_column_letter(len(UNITS_COLUMNS))
    _finish(sheet, f"A2:{last}{len(results) + 2}", freeze="A3", titles="2:2")


def _findings_sheet(sheet: Worksheet, results: Sequence[FileResult]) -> None:
    from openpyxl.utils import get_column_letter

    _header(sheet, FINDINGS_COLUMNS, row=1)
    row = 1
    for result in results:
        unit = unit_name(result)
        for finding in result.findings:
            row += 1
            _put(sheet, row, [unit, path_text(result.file), finding.project or "（部门）",
                              finding.sheet or "", finding.cell or "", finding.rule,
                              SEVERITY_WORDS.get(status_of(finding), finding.severity),
                              finding.message, advice(finding)])
            _fill(sheet.cell(row, 7), SEVERITY_FILLS.get(status_of(finding), "FFFFFF"))
            _wrap_row(sheet, row, FINDINGS_COLUMNS)
    last = get_column_letter(len(FINDINGS_COLUMNS))
    _finish(sheet, f"A1:{last}{row}", freeze="A2", titles="1:1")


def _rules_sheet(sheet: Worksheet, results: Sequence[FileResult]) -> None:
    from openpyxl.utils import get_column_letter

    from xlperf.validation.rules import BY_CODE

    _header(sheet, RULES_COLUMNS, row=1)
    entries = rule_counts(results)
    for row, entry in enumerate(entries, start=2):
        rule = BY_CODE.get(entry.code)
        _put(sheet, row, [SEVERITY_WORDS.get(entry.severity, entry.severity), entry.code,
                          entry.title, entry.findings, entry.units, rule.fix if rule else ""])
        _fill(sheet.cell(row, 1), SEVERITY_FILLS.get(entry.severity, "FFFFFF"))
        _wrap_row(sheet, row, RULES_COLUMNS)
        for column in (4, 5):
            _dress(sheet.cell(row, column), "centred")
    last = get_column_letter(len(RULES_COLUMNS))
    _finish(sheet, f"A1:{last}{len(entries) + 1}", freeze="A2", titles="1:1")


# --- cells --------------------------------------------------------------------------------------

def _put(sheet: Worksheet, row: int, values: list[Any]) -> None:
    """Row ``row``: strings stay text (never a formula), without characters XML cannot hold.
    Cells are addressed by number: openpyxl's ``max_row`` walks every cell, which made a
    batch's findings sheet quadratic (60 workbooks: 41 s)."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        if isinstance(value, str):
            cell.value = xml_safe(value)
            cell.data_type = "s"
        else:
            cell.value = value


def _header(sheet: Worksheet, columns: tuple[tuple[str, float], ...], row: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for index, (name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row, index, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[row].height = 20


def _fill(cell: Any, colour: str) -> None:
    _dress(cell, f"fill:{colour}")


def _dress(cell: Any, name: str) -> None:
    """Give ``cell`` a fill (``fill:RRGGBB``) or an alignment (``wrapped``, ``centred``).

    Through a cache per workbook of the cell's style before and after: openpyxl hashes a
    new style object against the workbook's on every assignment (a batch of 60 workbooks:
    ~50 000 assignments, seconds), copying the resulting style indices is free.
    """
    from copy import copy

    cache = _CACHES.setdefault(id(cell.parent.parent), {})
    key = (tuple(cell._style or ()), name)
    if key not in cache:
        from openpyxl.styles import Alignment, PatternFill

        if name.startswith("fill:"):
            cell.fill = PatternFill("solid", fgColor=name[5:])
        elif name == "wrapped":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        else:
            cell.alignment = Alignment(horizontal="center", vertical="top")
        cache[key] = copy(cell._style)
    cell._style = copy(cache[key])


_CACHES: dict[int, dict[tuple[tuple[int, ...], str], Any]] = {}


def _link(cell: Any, target: str, word: str) -> None:
    from openpyxl.styles import Font

    cell.value = word
    cell.data_type = "s"
    cell.hyperlink = target
    cell.font = Font(color=LINK_FONT_COLOUR, underline="single")


def _relative(target: Path, base: Path) -> str:
    """A link the summary keeps when its folder is moved with the copies: relative, with
    forward slashes; absolute when there is no relative way (another drive on Windows)."""
    try:
        return os.path.relpath(os.path.abspath(target), os.path.abspath(base)).replace(
            os.sep, "/")
    except ValueError:
        return Path(os.path.abspath(target)).as_uri()


def _wrap_row(sheet: Worksheet, row: int, columns: tuple[tuple[str, float], ...]) -> None:
    """Wrap every text cell of ``row`` and make the row tall enough for its longest one."""
    cells = []
    for index, (_, width) in enumerate(columns, start=1):
        cell = sheet.cell(row, index)
        if isinstance(cell.value, str):
            _dress(cell, "wrapped")
            cells.append((cell.value, width))
    sheet.row_dimensions[row].height = _height(cells)


def _height(cells: list[tuple[str, float]], line: float = LINE_POINTS) -> float:
    lines = max((_lines(text, width) for text, width in cells), default=1)
    return min(MAX_ROW_POINTS, lines * line + PAD_POINTS)


def _lines(text: str, width: float) -> int:
    """Lines ``text`` takes wrapped in a column ``width`` wide: a CJK character is two units,
    and a column shows a little less than its width (margins, wider fallback fonts)."""
    usable = max(1.0, width - 1.5)
    total = 0
    for part in text.split("\n"):
        units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in part)
        total += max(1, math.ceil(units / usable))
    return total


def _finish(sheet: Worksheet, filtered: str, *, freeze: str, titles: str) -> None:
    """Autofilter, frozen header, and a printout: landscape A4, one page wide, header repeated,
    page numbers."""
    sheet.auto_filter.ref = filtered
    sheet.freeze_panes = freeze
    sheet.print_title_rows = titles
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = FOOTER
