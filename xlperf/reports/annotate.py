"""The annotated copy of a workbook (``xlperf validate --annotate OUT.xlsx``), via openpyxl.

This module executes the actions of ``marks.plan_marks`` on an openpyxl
``Workbook``: it fills the offending cells, puts a note on each and writes the
校验结果 sheet. Every mark is recorded in a very hidden sheet together with
the cell's previous fill and comment, so ``clear_marks`` restores the workbook
as it was and annotating an annotated copy replaces the marks instead of
piling them up. The Excel ribbon's 清除标记 runs the same steps through xlwings.

Only the marked cells, their comments and the two xlperf sheets change;
styles, merged cells, data validations, conditional formats, formulas and
defined names are left to openpyxl to carry over as they were.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlperf.errors import InputError
from xlperf.reports.marks import (
    LINK_COLUMN,
    MARKS_HEADER,
    MARKS_SHEET,
    NOTE_AUTHOR,
    SEVERITY_FILLS,
    WRAPPED_COLUMNS,
    Fill,
    Note,
    ReportSheet,
    is_xlperf_note,
    no_findings_row,
    note_with_previous,
    plan_marks,
)
from xlperf.safe_text import xml_safe
from xlperf.validation.findings import Finding

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is annotated
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

    from xlperf.outputs import Output



def annotate_workbook(source: str | os.PathLike[str], target: str | os.PathLike[str],
                      findings: Iterable[Finding], force: bool = True) -> bool:
    """Write ``source`` with ``findings`` marked to ``target``; ``source`` stays untouched.
    An existing ``target`` is replaced only with ``force`` (the command's ``--force``).

    True when the copy was rebuilt from the cells (an .xls/.xlsb/.ods source, which
    openpyxl cannot open): its values and merged cells only, not its formats.
    """
    from xlperf.writers.workbook.package import save_copy

    source, target = Path(source), Path(target)
    output = annotation_target(source, target, force)
    check_openable(source)
    rebuilt = _kind(source) != "xlsx"
    workbook = _cells_copy(source) if rebuilt else _openpyxl_copy(source)
    apply_marks(workbook, findings)
    with output.writing() as tmp:
        save_copy(workbook, tmp)
    return rebuilt


def _openpyxl_copy(source: Path) -> Workbook:
    from openpyxl import load_workbook

    keep_vba = source.suffix.lower() == ".xlsm"
    try:
        return load_workbook(source, keep_vba=keep_vba, rich_text=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(f"无法打开工作簿（{exc.__class__.__name__}），请确认文件未损坏",
                         file=str(source)) from exc


def _cells_copy(source: Path) -> Workbook:
    """The cells of an .xls/.xlsb/.ods as a new workbook, read in a process of its own
    (calamine may abort on such a file; nothing checks their extent beforehand)."""
    from xlperf.limits import MAX_ANNOTATE_CELLS
    from xlperf.sources.workbook.reader import READING_DIED, every_sheet
    from xlperf.workers import apart
    from xlperf.writers.workbook.grid_copy import workbook_of_grids

    grids = apart(every_sheet, str(source), MAX_ANNOTATE_CELLS, died=READING_DIED,
                  where=str(source))
    return workbook_of_grids(grids)


def _kind(source: Path) -> str:
    """What the file's bytes are (xlsx, xls, xlsb, ods), whatever it is called."""
    from xlperf.sources.workbook.checks import check_workbook_file

    try:
        return check_workbook_file(source).kind
    except InputError:  # the reader says what is wrong with it
        return "xlsx"


def annotation_target(source: Path, target: Path, force: bool = True) -> Output:
    """The checked output for the copy: same type as ``source`` (an .xlsx for a file
    openpyxl cannot write), never ``source`` itself (however the path is spelled), an
    existing file replaced only with ``force``."""
    from xlperf.outputs import Output

    wanted = source.suffix.lower() if _kind(source) == "xlsx" else ".xlsx"
    if wanted == ".xlsx" and source.suffix.lower() in REBUILT_SUFFIXES:
        if target.suffix.lower() != ".xlsx":
            raise InputError(f"{source.suffix} 文件的标注副本只能保存为 .xlsx，"
                             f"请把副本命名为 {target.stem}.xlsx", file=str(target))
    elif target.suffix.lower() != wanted:
        raise InputError(f"标注副本的扩展名应与原文件相同（{wanted}），"
                         "以免丢失宏或被 Excel 拒绝打开", file=str(target))
    return Output(target, inputs=[source], force=force)


def check_openable(source: Path) -> None:
    """Refuse, before openpyxl loads it, a workbook it would refuse or choke on.

    openpyxl rejects sheet names that Excel forbids (``[ ] : * ? / \\``) but other
    programs write and calamine reads; without this the user would be told the
    file is damaged. And openpyxl holds every cell as a Python object and
    writes them all back: beyond ``limits.MAX_ANNOTATE_CELLS`` (a data sheet of
    a million rows took 211 s and 2.35 GB) the copy is refused in seconds. A
    file that cannot be read at all is left to the reader, which says why.
    An .xls/.xlsb/.ods is copied from its cells, which are counted as they are read.
    """
    from xlperf.limits import MAX_ANNOTATE_CELLS
    from xlperf.sources.workbook.checks import check_workbook_file
    from xlperf.sources.workbook.extent import workbook_cells

    try:
        package = check_workbook_file(source)
    except Exception:  # a damaged file: the reader says what is wrong with it
        return
    if package.kind != "xlsx":
        return
    try:
        names = list(package.sheets)
    except Exception:  # a damaged package: openpyxl says what is wrong with it
        return
    for name in names:
        bad = _SHEET_NAME_FORBIDDEN.search(name)
        if bad:
            raise InputError(f"工作表名称含有 Excel 不允许的字符“{bad.group(0)}”"
                             "（\\ / ? * : [ ] 都不能用在工作表名称中），无法生成标注副本；"
                             "请在 Excel 或 WPS 中重命名该工作表后再试",
                             file=str(source), sheet=name)
    cells = workbook_cells(package)
    if cells > MAX_ANNOTATE_CELLS:
        raise InputError(f"工作簿共有 {cells} 个有内容的单元格，超过标注副本的上限 "
                         f"{MAX_ANNOTATE_CELLS}（一个部门的绩效目标表远少于此）；"
                         "请删除与绩效目标无关的大型工作表（如明细数据）后再标注，"
                         "或只用 xlperf validate 查看校验结果", file=str(source))


# Files whose annotated copy is an .xlsx rebuilt from their cells.
REBUILT_SUFFIXES = (".xls", ".xlsb", ".ods")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\\*?:/\[\]]")


def apply_marks(workbook: Workbook, findings: Iterable[Finding]) -> None:
    """Mark ``findings`` in ``workbook`` (clearing any earlier xlperf marks first)."""
    clear_marks(workbook)
    record = _marks_sheet(workbook)
    targets = _Targets(workbook)
    findings = [_at_anchor(targets, finding) for finding in findings]
    for action in plan_marks(findings):
        if isinstance(action, Fill):
            _fill(targets, action, record)
        elif isinstance(action, Note):
            _note(targets, action)
        elif isinstance(action, ReportSheet):
            _report_sheet(workbook, action, record, targets.styles)


def clear_marks(workbook: Workbook) -> None:
    """Remove xlperf's marks: restore fills and comments, drop the report and record sheets.

    A cell the user has refilled since it was marked keeps the user's fill;
    a comment the user has replaced is left alone.
    """
    if MARKS_SHEET not in workbook.sheetnames:
        return
    record = workbook[MARKS_SHEET]
    active = None
    for row in record.iter_rows(min_row=2, values_only=True):
        entry = dict(zip(MARKS_HEADER, row, strict=False))
        if entry["kind"] == "cell":
            _restore_cell(workbook, entry)
        elif entry["kind"] == "report" and entry["sheet"] in workbook.sheetnames:
            del workbook[entry["sheet"]]
        elif entry["kind"] == "active":
            active = entry["sheet"]
    del workbook[MARKS_SHEET]
    _activate(workbook, active if active in workbook.sheetnames else workbook.sheetnames[0])


def _activate(workbook: Workbook, title: str) -> None:
    """Make ``title`` the one selected sheet (several selected tabs would group them in Excel)."""
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == title
    workbook.active = workbook[title]


# --- executing actions -------------------------------------------------------


def _marks_sheet(workbook: Workbook) -> Worksheet:
    sheet = workbook.create_sheet(MARKS_SHEET)
    sheet.sheet_state = "veryHidden"
    sheet.append(list(MARKS_HEADER))
    return sheet


def _at_anchor(targets: _Targets, finding: Finding) -> Finding:
    """The finding pointed at the cell the user sees (a merged range's top-left cell)."""
    if not finding.sheet or not finding.cell:
        return finding
    cell = targets.cell(finding.sheet, finding.cell)
    if cell is None or cell.coordinate == finding.cell:
        return finding
    return dataclasses.replace(finding, cell=cell.coordinate)


class _Targets:
    """The cells one marking touches, each reference looked up once.

    A finding's cell is looked up three times (its anchor, its fill, its note),
    and openpyxl's ``coordinate in merged_range`` parses the coordinate again
    for every merged range of the sheet: that made finding the anchors the
    slowest part of the 校验 button. Here each sheet's merged ranges are read
    once as integer bounds, and each reference is resolved once.
    """

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._merged: dict[str, list[tuple[int, int, int, int]]] = {}
        self._cells: dict[tuple[str, str], Any | None] = {}
        self.styles = _Styles()

    def cell(self, sheet: str, ref: str) -> Any | None:
        """The cell to mark: the top-left cell when ``ref`` lies inside a merged range;
        None for a sheet the book lacks (or the marks sheet) or a reference that is no cell."""
        key = (sheet, ref)
        if key not in self._cells:
            self._cells[key] = self._look_up(sheet, ref)
        return self._cells[key]

    def _look_up(self, sheet: str, ref: str) -> Any | None:
        if sheet not in self.workbook.sheetnames or sheet == MARKS_SHEET:
            return None
        worksheet = self.workbook[sheet]
        try:
            cell = worksheet[ref.split(":")[0].replace("$", "")]
        except (ValueError, KeyError, IndexError):
            return None
        row, column = cell.row, cell.column
        for top, left, bottom, right in self._merged_bounds(worksheet):
            if top <= row <= bottom and left <= column <= right:
                return worksheet.cell(top, left)
        return cell

    def _merged_bounds(self, worksheet: Worksheet) -> list[tuple[int, int, int, int]]:
        """(top row, left column, bottom row, right column) of each merged range."""
        if worksheet.title not in self._merged:
            self._merged[worksheet.title] = [(m.min_row, m.min_col, m.max_row, m.max_col)
                                             for m in worksheet.merged_cells.ranges]
        return self._merged[worksheet.title]


def _fill(targets: _Targets, action: Fill, record: Worksheet) -> None:
    from openpyxl.xml.functions import tostring

    cell = targets.cell(action.sheet, action.cell)
    if cell is None:
        return
    comment = cell.comment
    _append_text(record, ["cell", cell.parent.title, cell.coordinate, action.colour,
                          tostring(cell.fill.to_tree()).decode("utf-8"),
                          comment.text if comment else None,
                          comment.author if comment else None])
    targets.styles.set(cell, "fill", targets.styles.solid(action.colour), action.colour)


def _note(targets: _Targets, action: Note) -> None:
    from openpyxl.comments import Comment

    cell = targets.cell(action.sheet, action.cell)
    if cell is None:
        return
    previous = cell.comment.text if cell.comment else None
    from xlperf.writers.workbook.wrapping import wrapped_lines

    text = xml_safe(note_with_previous(action.text, previous))
    lines = wrapped_lines(text, NOTE_WIDTH_UNITS)
    cell.comment = Comment(text, NOTE_AUTHOR, height=min(400, 20 + 18 * lines), width=320)


NOTE_WIDTH_UNITS = 44  # a 320-pixel note holds about 44 digits (22 Chinese characters) a line


def _report_sheet(workbook: Workbook, action: ReportSheet, record: Worksheet,
                  styles: _Styles) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    title = _free_title(workbook, action.title)
    sheet = workbook.create_sheet(title, index=len(workbook.sheetnames) - 1)
    _append_text(record, ["report", title, None, None, None, None, None])
    _append_text(record, ["active", workbook.active.title, None, None, None, None, None])
    sheet.append(list(action.header))
    bold, link_font = Font(bold=True), Font(color="0563C1", underline="single")
    for cell in sheet[1]:
        styles.set(cell, "font", bold, "bold")
    written = []
    for row in action.rows:
        cells = _append_text(sheet, list(row.values))
        colour = SEVERITY_FILLS.get(row.severity, "FFFFFF")
        styles.set(cells[0], "fill", styles.solid(colour), colour)
        if row.link:
            link = cells[LINK_COLUMN]
            link.hyperlink = Hyperlink(ref=link.coordinate, location=row.link)
            styles.set(link, "font", link_font, "link")
        written.append(cells)
    if not action.rows:
        written.append(_append_text(sheet, no_findings_row(len(action.header))))
    for index, width in enumerate(action.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _wrap_rows(sheet, written, action.widths, styles)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(action.header))}{sheet.max_row}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _activate(workbook, title)


def _wrap_rows(sheet: Worksheet, rows: list[list[Cell]], widths: tuple[int, ...],
               styles: _Styles) -> None:
    """Wrap the long columns and give each row the height its wrapped text needs, so the
    printed sheet (LibreOffice prints rows at the height the file gives) shows every line."""
    from openpyxl.styles import Alignment

    from xlperf.writers.workbook.wrapping import row_height

    wrapped, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    for row in rows:
        for cell in row:
            if cell.column - 1 in WRAPPED_COLUMNS:
                styles.set(cell, "alignment", wrapped, "wrapped")
            else:
                styles.set(cell, "alignment", top, "top")
        sheet.row_dimensions[row[0].row].height = row_height(
            (row[i].value, widths[i]) for i in WRAPPED_COLUMNS if i < len(row))


def _free_title(workbook: Workbook, title: str) -> str:
    """``title``, or ``title (2)`` … when the user already has a sheet by that name."""
    candidate, number = title, 2
    while candidate in workbook.sheetnames:
        candidate, number = f"{title} ({number})", number + 1
    return candidate


def _append_text(sheet: Worksheet, values: list[str | None]) -> list[Cell]:
    """Append a row whose strings stay text: ``=1+1`` or ``@x`` from a user is never a formula,
    and control characters (``_x0000_`` in a pasted name) are dropped, as openpyxl refuses them.

    The cells are made here and returned: reading the row back (``sheet[sheet.max_row]``)
    scans every cell of the sheet twice, for its last row and its last column."""
    from openpyxl.cell import Cell

    cells = [Cell(sheet, value=xml_safe(value) if isinstance(value, str) else value)
             for value in values]
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    sheet.append(cells)
    return cells


class _Styles:
    """Sets one style attribute (fill, font, alignment) on many cells, worked out once.

    Assigning ``cell.fill = …`` makes openpyxl hash the new fill and compare it
    with the book's equal one, some twenty microseconds each; the 校验结果
    sheet of a few dozen findings needs several hundred such assignments.
    Two cells that had the same style and get the same value end up with the
    same style, so the first is assigned and the others copy its style.
    ``key`` names the value (a colour, "bold"): the value objects themselves
    would cost the very hashing this avoids.
    """

    def __init__(self) -> None:
        self._done: dict[tuple[Any, ...], Any] = {}
        self._solid: dict[str, PatternFill] = {}

    def solid(self, colour: str) -> PatternFill:
        """The solid fill of ``colour`` (RRGGBB), made once: making one costs as much as
        assigning it."""
        if colour not in self._solid:
            from openpyxl.styles import PatternFill

            self._solid[colour] = PatternFill("solid", fgColor=colour)
        return self._solid[colour]

    def set(self, cell: Cell, attribute: str, value: Any, key: str) -> None:
        before = (tuple(cell._style or ()), attribute, key)
        after = self._done.get(before)
        if after is None:
            setattr(cell, attribute, value)
            self._done[before] = copy.copy(cell._style)
        else:
            cell._style = copy.copy(after)


# --- restoring ---------------------------------------------------------------


def _restore_cell(workbook: Workbook, entry: dict[str, Any]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles.fills import Fill as OpenpyxlFill
    from openpyxl.xml.functions import fromstring

    if entry["sheet"] not in workbook.sheetnames:
        return
    cell = workbook[entry["sheet"]][entry["cell"]]
    if _is_our_fill(cell, entry["colour"]) and entry["fill"]:
        cell.fill = OpenpyxlFill.from_tree(fromstring(entry["fill"]))
    if cell.comment is not None and is_xlperf_note(cell.comment.text):
        previous = entry["comment"]
        cell.comment = Comment(previous, entry["comment_author"] or "") if previous else None


def _is_our_fill(cell: Any, colour: str | None) -> bool:
    fill = cell.fill
    rgb = getattr(fill.fgColor, "rgb", None)
    return (fill.fill_type == "solid" and isinstance(rgb, str) and colour is not None
            and rgb[-6:].upper() == colour.upper())
