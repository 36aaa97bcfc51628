"""The attachment as a workbook, for units that publish spreadsheets.

A 目录 sheet (projects, amounts, links), then one sheet per project in the
seed's table layout with merged 一级/二级 cells. Text from the department is
always stored as text: a project named ``=cmd|' /C calc'!A0`` stays a string
and never becomes a formula (also ``+``, ``-``, ``@``).
"""

from __future__ import annotations

import os
import re
import weakref
from copy import copy
from typing import TYPE_CHECKING, Any

from xlperf.errors import InputError
from xlperf.limits import MAX_CELL_CHARS, CellTooLong, check_cell_text
from xlperf.notice.content import Notice, Table, property_text, xml_safe
from xlperf.reports.marks import link_location
from xlperf.writers.workbook.layout import HEADER_LABELS
from xlperf.writers.workbook.package import save_workbook

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@")
DRAFT_TITLE = "【草稿】仅供内部审阅，未经审核，不得公开"
CONTENTS_SHEET = "目录"
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
FONT_NAME = "仿宋_GB2312"


def write_xlsx(notice: Notice, target: str | os.PathLike[str]) -> None:
    """Write the attachment workbook to ``target`` atomically, its text stored as UTF-8
    (``save_workbook``), as Excel stores it."""
    save_workbook(build_workbook(notice), target)


def build_workbook(notice: Notice) -> Workbook:
    from openpyxl import Workbook

    workbook = Workbook()
    for style in _named_styles():
        workbook.add_named_style(style)
    contents = workbook.active
    contents.title = CONTENTS_SHEET
    names = sheet_names([t.name for t in notice.tables])
    for table, name in zip(notice.tables, names, strict=True):
        try:
            _project_sheet(workbook.create_sheet(name), notice, table)
        except CellTooLong as exc:
            raise InputError(f"项目“{table.name[:60]}”中有一段文字长 {exc.chars} 个字符，超过 "
                             f"Excel 单元格的上限 {MAX_CELL_CHARS}（附件表格 {exc.sheet}!"
                             f"{exc.cell}），附件表格放不下，不会截断公开；请在原文件中缩短这段文字，"
                             "或在 --format 中去掉 xlsx") from None
    _contents(contents, notice, names)
    workbook.properties.title = property_text(notice.attachment_title)
    workbook.properties.creator = property_text(notice.signing_body)
    return workbook


def put(ws: Worksheet, ref: str | tuple[int, int], value: Any, style: str | None = None) -> None:
    """Set a cell; text is stored as text, never as a formula (quotePrefix keeps it so in Excel).

    ``ref`` is ``"B3"`` or ``(row, column)`` (cheaper: no parsing on the hot path).
    """
    cell = ws.cell(*ref) if isinstance(ref, tuple) else ws[ref]
    if style:
        cell._style = copy(_style_array(ws.parent, style))
    if value is None:
        return
    if isinstance(value, str):
        value = xml_safe(value)
        check_cell_text(value, ws.title, cell.coordinate)  # openpyxl would cut it silently
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    else:
        cell.value = value


def _merge(ws: Worksheet, ref: str | tuple[int, int, int, int]) -> None:
    """Record a merged range (``"A1:F1"`` or ``(first row, first column, last row, last column)``).

    openpyxl's ``merge_cells`` re-formats the borders of every range (most of
    the run time); the covered cells here already carry their style.
    """
    from openpyxl.worksheet.cell_range import CellRange

    if isinstance(ref, tuple):
        top, left, bottom, right = ref
        cell_range = CellRange(min_row=top, min_col=left, max_row=bottom, max_col=right)
    else:
        cell_range = CellRange(ref)
    # The set itself: MultiCellRange.add compares with every range (quadratic); ours never overlap.
    ws.merged_cells.ranges.add(cell_range)


_STYLE_ARRAYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _style_array(workbook: Workbook, name: str) -> Any:
    """A named style's formatting ids, looked up once per workbook (``cell.style = name``
    searches the style list twice per cell)."""
    arrays = _STYLE_ARRAYS.get(workbook)
    if arrays is None:
        arrays = {style.name: style.as_tuple() for style in workbook._named_styles}
        _STYLE_ARRAYS[workbook] = arrays
    return arrays[name]


def sheet_names(projects: list[str]) -> list[str]:
    """Legal, unique sheet names: ``01 项目名`` cut to Excel's 31 characters."""
    names: list[str] = []
    for index, project in enumerate(projects, start=1):
        clean = _SHEET_UNSAFE.sub("", project).strip("' ") or "项目"
        names.append(f"{index:02d} {clean}"[:31].rstrip())
    return names


def _named_styles() -> list[Any]:
    """Named cell styles: cheap to assign (openpyxl's per-cell styling dominates otherwise)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    text = Font(name=FONT_NAME, size=11)
    head = Font(name="黑体", size=11)
    wrap = Alignment(wrap_text=True, vertical="center")
    center = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return [
        NamedStyle("公告标题", font=Font(name="方正小标宋简体", size=16), alignment=center),
        NamedStyle("公告草稿", font=Font(name="黑体", size=12, bold=True, color="C00000"),
                   alignment=center),
        NamedStyle("公告文字", font=text),
        NamedStyle("公告单位", font=text, alignment=Alignment(horizontal="right")),
        NamedStyle("表格表头", font=head, alignment=center, border=box),
        NamedStyle("表格文字", font=text, alignment=wrap, border=box),
        NamedStyle("表格居中", font=text, alignment=center, border=box),
        NamedStyle("表格金额", font=text, alignment=center, border=box, number_format="0.00"),
    ]


def _project_sheet(ws: Worksheet, notice: Notice, table: Table) -> None:
    """The seed's table on a six-column grid, so the header pairs and the indicators both fit."""
    for letter, width in zip(GRID, GRID_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    row = _title(ws, notice, notice.table_title, "F")
    put(ws, f"F{row + 1}", notice.unit_label, "公告单位")
    first = row + 2
    rows = _table_rows(table)
    header_end = first + len(rows) - len(table.rows) - 1
    for index, cells in enumerate(rows, start=first):
        lines = 1
        for start, stop, value, style in cells:
            left, right = GRID.index(start) + 1, GRID.index(stop) + 1
            put(ws, (index, left), value, style)
            for covered in range(left + 1, right + 1):
                put(ws, (index, covered), None, style)
            if right != left:
                _merge(ws, (index, left, index, right))
            lines = max(lines, _lines(value, start, stop))
        ws.row_dimensions[index].height = 15 * lines + 5
    for index, item in enumerate(table.rows, start=header_end + 1):
        for column, cell in ((1, item.level1), (2, item.level2)):
            if cell.span > 1:
                _merge(ws, (index, column, index + cell.span - 1, column))
    _print_setup(ws, notice, first, header_end, "F", first + len(rows) - 1)


# Six grid columns: 一级 | 二级 | 三级 (C:E, or C:D with 指标值 in E) | 绩效值;
# the header pairs use label A | value B:C | label D | value E:F.
GRID = "ABCDEF"
GRID_WIDTHS = (14, 18, 24, 14, 16, 10)


def _table_rows(table: Table) -> list[list[tuple[str, str, Any, str]]]:
    """Each row as cells ``(first column, last column, value, style)``."""
    rows: list[list[tuple[str, str, Any, str]]] = [
        [("A", "A", "项目名称", "表格表头"), ("B", "F", table.name, "表格文字")]]
    for label, value, label2, value2 in table.header:
        amount = label2 == HEADER_LABELS["amount"]
        rows.append([("A", "A", label, "表格表头"), ("B", "C", value, "表格文字"),
                     ("D", "D", label2, "表格表头"),
                     ("E", "F", (_number(value2) if amount else value2) or "",
                      "表格金额" if amount else "表格居中")])
    rows.append([("A", "A", "年度总体绩效目标", "表格表头"), ("B", "F", table.goal, "表格文字")])
    spans = [("A", "A"), ("B", "B"), ("C", "D" if table.has_value else "E"),
             *([("E", "E")] if table.has_value else []), ("F", "F")]
    rows.append([(a, b, column, "表格表头")
                 for (a, b), column in zip(spans, table.columns, strict=True)])
    styles = ["表格居中", "表格居中", "表格文字", *(["表格文字"] if table.has_value else []),
              "表格居中"]
    for item in table.rows:
        values = [item.level1.text if item.level1.span else None,
                  item.level2.text if item.level2.span else None, item.name,
                  *([item.value] if table.has_value else []), _number(item.weight)]
        rows.append([(a, b, value, style)
                     for (a, b), value, style in zip(spans, values, styles, strict=True)])
    return rows


def _lines(value: Any, start: str, stop: str) -> int:
    """Estimated wrapped lines of a value over columns start..stop (a Chinese character ≈ 2)."""
    if not isinstance(value, str) or not value:
        return 1
    width = max(1, sum(GRID_WIDTHS[GRID.index(start):GRID.index(stop) + 1]) - 2)
    units = (sum(1 if ord(ch) < 0x2E80 else 2 for ch in line) for line in value.split("\n"))
    return sum(max(1, -(-count // width)) for count in units)


def _print_setup(ws: Worksheet, notice: Notice, first: int, header_end: int, last: str,
                 end: int) -> None:
    ws.print_title_rows = f"{first}:{header_end}"
    ws.print_area = f"A1:{last}{end}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "— &P —"
    if notice.draft:
        ws.oddHeader.center.text = DRAFT_TITLE
        ws.oddHeader.center.color = "C00000"
        ws.sheet_properties.tabColor = "C00000"


def _title(ws: Worksheet, notice: Notice, title: str, last_column: str) -> int:
    """The sheet's title row (below a 草稿 row in a draft), merged to ``last_column``.

    Returns the title's row number, so the caller goes on below it.
    """
    row = 1
    if notice.draft:
        put(ws, "A1", DRAFT_TITLE, "公告草稿")
        _merge(ws, f"A1:{last_column}1")
        row = 2
    put(ws, f"A{row}", title, "公告标题")
    _merge(ws, f"A{row}:{last_column}{row}")
    ws.row_dimensions[row].height = 28
    return row


def _contents(ws: Worksheet, notice: Notice, names: list[str]) -> None:
    """目录: one row per project with its amount and a link to its sheet, and the total.

    The links are locations inside the workbook (``'01 张三''s 项目'!A1``: an apostrophe
    in a sheet name is doubled), not ``#…`` addresses, which break on such names.
    """
    from openpyxl.worksheet.hyperlink import Hyperlink

    from xlperf.writers.workbook.wrapping import row_height

    for column, width in zip("ABCD", CONTENTS_WIDTHS, strict=True):
        ws.column_dimensions[column].width = width
    row = _title(ws, notice, notice.attachment_title, "D")
    put(ws, f"A{row + 1}", " ".join(x for x in (notice.signing_body, notice.date) if x),
        "公告文字")
    head = row + 3
    for column, label in zip("ABCD", ("序号", "项目名称", "项目年度金额（万元）", "工作表"),
                             strict=True):
        put(ws, f"{column}{head}", label, "表格表头")
    for index, (table, name) in enumerate(zip(notice.tables, names, strict=True), start=1):
        line = head + index
        put(ws, f"A{line}", index, "表格居中")
        put(ws, f"B{line}", table.name, "表格文字")
        amount = table.amount if table.amount is not None else table.header[2][3]
        put(ws, f"C{line}", amount, "表格金额")
        put(ws, f"D{line}", name, "表格文字")
        ws[f"D{line}"].hyperlink = Hyperlink(ref=f"D{line}", location=link_location(name, "A1"))
        ws.row_dimensions[line].height = row_height(
            ((table.name, CONTENTS_WIDTHS[1]), (name, CONTENTS_WIDTHS[3])))
    total = head + len(names) + 1
    put(ws, f"A{total}", None, "表格表头")
    put(ws, f"B{total}", "合计", "表格表头")
    put(ws, f"C{total}", round(notice.total_amount, 6), "表格金额")
    put(ws, f"D{total}", None, "表格表头")
    _print_setup(ws, notice, head, head, "D", total)


CONTENTS_WIDTHS = (8, 48, 20, 34)  # 序号, 项目名称, 项目年度金额, 工作表


def _number(text: str) -> float | str | None:
    """A weight or amount as a number when it is one, so the workbook can add them up."""
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text
