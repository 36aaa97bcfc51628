"""Workbooks as grids, read with python-calamine (values only, fast, read-only).

``read_workbook(path)`` checks the file (``checks.py``), reads every sheet's
values with calamine — .xlsx/.xlsm, and also .xls, .xlsb and .ods, which
calamine reads natively — and hands the grids to the one table reader
(``xlperf.reader``). The 部门信息 sheet of xlperf's own workbooks gives the
notice fields and settings; every other sheet may hold goal tables, found by
their labels whatever the sheet is called. 项目清单 is not read: the project
sheets are the truth.

Anything that cannot be read raises ``InputError`` with a Chinese message
naming the file (and sheet/cell where known). The input file is only ever
opened for reading.

A formula whose value was never calculated (a workbook written by a script
and not opened in Excel since) is read as the text ``公式未计算：=…``
(``grid.UNCACHED_FORMULA``): in a weight or an amount validation then
reports it as "not a number" with its cell, instead of the reader guessing
a blank or a zero.
"""

from __future__ import annotations

import io
import re
from itertools import chain
from pathlib import Path

from xlperf.errors import InputError
from xlperf.limits import check_projects
from xlperf.model import Department
from xlperf.model.info_fields import (
    ACCEPT_SHEET,
    DEPARTMENT_SHEET,
    HELPER_SHEET,
    MARKS_SHEET,
    PROJECT_LIST_SHEET,
)
from xlperf.reader import Trace, read_tables
from xlperf.reader.department import is_info_sheet, read_info
from xlperf.sources.grid import UNCACHED_FORMULA, Grid, column_index, is_blank
from xlperf.sources.workbook.checks import Package, check_workbook_file
from xlperf.sources.workbook.extent import loadable_sheets
from xlperf.sources.workbook.formulas import uncached_formulas
from xlperf.sources.workbook.hidden import hidden_parts, hide
from xlperf.sources.workbook.percent import percent_cells, shown
from xlperf.sources.workbook.stored import for_calamine
from xlperf.workers import apart

__all__ = ["UNCACHED_FORMULA", "department_from_grids", "read_workbook"]

SCAN_ROWS = 60  # a goal table's labels must appear within these rows of its sheet
NOT_PROJECT_SHEETS = frozenset({PROJECT_LIST_SHEET, HELPER_SHEET})
# xlperf's own sheets, read hidden or not (a hidden sheet's tables are otherwise not read).
_SHOWN_SHEETS = frozenset({DEPARTMENT_SHEET, ACCEPT_SHEET})
# Words one of which a sheet holding a goal table (or 部门信息) shows near its top.
_TABLE_WORDS = ("项目名称", "部门名称", "指标", "项目支出名称")
# The same words as one search: asked of every cell at the top of every sheet.
_TABLE_WORD = re.compile("|".join(map(re.escape, _TABLE_WORDS)))
READING_DIED = ("读取时处理进程意外终止（工作簿的内容范围可能过大，或文件已损坏）；"
                "请在 Excel 中打开，删除表格以外多余的内容，另存为 .xlsx 后再试")


def read_workbook(path: str | Path, trace: Trace | None = None) -> Department:
    """Read a department workbook; ``InputError`` (Chinese) for anything unreadable."""
    source = str(path)
    path = Path(path)
    package = check_workbook_file(path)
    if package.kind != "xlsx" and trace is None:  # no extent check for these: read apart
        return apart(_read_file, str(path), source, died=READING_DIED, where=source)
    return _read_checked(package, source, trace)


def _read_file(path: str, source: str) -> Department:
    return _read_checked(check_workbook_file(Path(path)), source, None)


def _read_checked(package: Package, source: str, trace: Trace | None) -> Department:
    try:
        department = department_from_grids(_load_grids(package), source, package, trace)
        check_projects(len(department.projects), None)
        return department
    except InputError as exc:
        if exc.file:
            raise
        raise InputError(exc.message, file=source, sheet=exc.sheet, cell=exc.cell) from None


def department_from_grids(grids: list[Grid], source: str, package: Package | None = None,
                          trace: Trace | None = None) -> Department:
    """The department in already-read sheet values (from calamine, or live from Excel).

    ``package``, when given, is the saved file, searched for formulas without a
    cached value; live values from Excel are always calculated.
    """
    if _all_blank(grids):
        raise InputError("工作簿是空的，没有任何内容", file=source)
    info = next((g for g in grids if g.sheet == DEPARTMENT_SHEET), None)
    info = info or next((g for g in grids if is_info_sheet(g)), None)
    accepted = next((g for g in grids if g.sheet == ACCEPT_SHEET), None)
    tables = [g for g in grids
              if g is not info and g is not accepted and g.sheet not in NOT_PROJECT_SHEETS]
    if package is not None and package.kind == "xlsx":
        _attach_formulas(package, [g for g in (info, *tables) if g is not None])
        _hide_cells(package, tables)
    department = Department(source=source)
    if info is not None:
        read_info(info, department)
    if accepted is not None:
        from xlperf.reader.acceptance import read_acceptances

        department.acceptances = read_acceptances(accepted)
    reading = read_tables(tables, trace)
    department.projects = reading.projects
    department.year = department.year or reading.year  # 部门信息's first, else the titles'
    department.notes = reading.notes
    for grid in (info, *tables):
        if grid is not None:
            department.normalizations.extend(grid.normalizations)
    if not department.projects:
        raise InputError(_no_projects_message(reading.blank), file=source)
    return department


def _no_projects_message(blank: list[str]) -> str:
    if blank:
        return f"项目工作表（{'、'.join(blank)}）还没有填写：请至少填写项目名称和绩效指标"
    return ("没有找到项目工作表：项目工作表应有“项目名称”和“一级指标”等表头"
            "（可用 xlperf new 生成模板）")


def _load_grids(package: Package) -> list[Grid]:
    """Every worksheet's values; a sheet without a table's labels near its top stays short.

    calamine parses the bytes the file checks already read: the file is read once,
    and each worksheet inflated once (``stored.for_calamine``: calamine gets the
    sheets the extent check and the formula scan inflate, stored uncompressed).

    项目清单 and the drop-down lists are not read (about a tenth of the parsing);
    only when every other sheet is blank are they, to tell an empty workbook
    from one without project sheets.
    """
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(for_calamine(package)))
    except python_calamine.PasswordError:
        raise InputError("工作簿设置了密码，xlperf 无法读取；请取消密码后保存再试") from None
    except BaseException as exc:  # calamine raises its own errors and pyo3 panics
        _reraise_fatal(exc)
        raise InputError(f"工作簿已损坏，无法读取（{_reason(exc)}）；"
                         "请在 Excel 中打开并另存后再试") from None
    with book:
        sheets = [meta for meta in book.sheets_metadata
                  if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
        hidden = {meta.name for meta in sheets
                  if meta.visible != python_calamine.SheetVisibleEnum.Visible}
        names = loadable_sheets(package, [meta.name for meta in sheets], SCAN_ROWS, _TABLE_WORDS)
        grids = [_load_grid(book, name) for name in names
                 if name not in NOT_PROJECT_SHEETS and name != MARKS_SHEET]
        if _all_blank(grids):
            grids += [_load_grid(book, name) for name in names if name in NOT_PROJECT_SHEETS]
        for grid in grids:
            grid.hidden_sheet = grid.sheet in hidden and grid.sheet not in _SHOWN_SHEETS
    if package.kind == "xlsx":
        _show_percentages(package, grids)
    return grids


def _scanned(scan, package: Package, grids: list[Grid]) -> dict[str, dict]:
    """What ``scan`` finds in the grids' sheets of the saved file (formulas without a value,
    percent formats): a refinement of values already read, so {} when it fails."""
    try:
        return scan(package, [g.sheet for g in grids if g.sheet])
    except Exception:
        return {}


def _show_percentages(package: Package, grids: list[Grid]) -> None:
    """A number formatted as a percentage as the text the user sees (0.9 → ``90%``)."""
    found = _scanned(percent_cells, package, grids)
    for grid in grids:
        for (row, column), decimals in found.get(grid.sheet or "", {}).items():
            if row < len(grid.rows) and column < len(grid.rows[row]):
                value = grid.rows[row][column]
                if value.__class__ is float or value.__class__ is int:
                    grid.rows[row][column] = shown(value, decimals)


def every_sheet(path: str, max_cells: int) -> list[Grid]:
    """Every worksheet in full, merged cells included: the cells of an .xlsx copy of a
    file openpyxl cannot edit (``writers/workbook/grid_copy.py``). ``InputError`` beyond
    ``max_cells`` cells, counted from each sheet's extent before its cells are made.

    Run it apart (``workers.apart``): calamine may abort on a hostile .xls/.xlsb/.ods.
    """
    import python_calamine

    package = check_workbook_file(Path(path))
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(package.content))
    with book:
        names = [meta.name for meta in book.sheets_metadata
                 if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
        sheets = [book.get_sheet_by_name(name) for name in names]
        cells = sum(sheet.total_height * sheet.total_width for sheet in sheets)
        if cells > max_cells:
            raise InputError(f"工作簿的内容范围共有 {cells} 个单元格，超过标注副本的上限 "
                             f"{max_cells}；请删除与绩效目标无关的大型工作表后再标注，"
                             "或只用 xlperf validate 查看校验结果", file=path)
        return [Grid(sheet.name, sheet.to_python(skip_empty_area=False),
                     merged=list(sheet.merged_cell_ranges or [])) for sheet in sheets]


def _all_blank(grids: list[Grid]) -> bool:
    return all(is_blank(value) for grid in grids for row in grid.rows for value in row)


def _load_grid(book, name: str) -> Grid:
    try:
        sheet = book.get_sheet_by_name(name)
        head = sheet.to_python(skip_empty_area=False, nrows=SCAN_ROWS)
        interesting = name == DEPARTMENT_SHEET or _mentions_labels(head)
        rows = head
        if interesting and len(head) >= SCAN_ROWS:  # a shorter head is the whole sheet
            rows = sheet.to_python(skip_empty_area=False)
        merged = list(sheet.merged_cell_ranges or []) if interesting else []
    except BaseException as exc:
        _reraise_fatal(exc)
        raise InputError(f"工作表无法读取（{_reason(exc)}），文件可能已损坏", sheet=name) from None
    return Grid(name, rows, merged=merged)


def _mentions_labels(rows: list[list]) -> bool:
    """A goal table's words (项目名称, 指标 …) or 部门名称 in some text cell."""
    search = _TABLE_WORD.search
    return any(value.__class__ is str and search(value) is not None
               for value in chain.from_iterable(rows))


def _attach_formulas(package: Package, grids: list[Grid]) -> None:
    found = _scanned(uncached_formulas, package, grids)
    for grid in grids:
        grid.uncached = found.get(grid.sheet or "", {})


def _hide_cells(package: Package, grids: list[Grid]) -> None:
    """The cells of hidden rows and columns out of the grids (``hidden.hide``), and their
    formulas without a value: the reader reads the table as it shows and prints."""
    found = _scanned(hidden_parts, package, grids)
    for grid in grids:
        rows, columns = found.get(grid.sheet or "", (frozenset(), frozenset()))
        if not rows and not columns:
            continue
        hide(grid, rows, columns)
        if grid.uncached:
            grid.uncached = {where: formula for where, formula in grid.uncached.items()
                             if not _in(where, rows, columns)}


def _in(where: str, rows: frozenset[int], columns: frozenset[int]) -> bool:
    """Whether the cell at A1 address ``where`` is in one of ``rows`` or ``columns``."""
    letters = where.rstrip("0123456789")
    number = where[len(letters):]
    return (number.isdigit() and int(number) - 1 in rows) or column_index(letters) in columns


def _reraise_fatal(exc: BaseException) -> None:
    if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
        raise exc


# What calamine's errors mean, for a finance officer (its own words are English).
_REASONS = (("detect file format", "无法识别文件格式"), ("zip", "压缩结构不完整"),
            ("xml", "内部 XML 不完整"), ("cfb", "文件结构不完整"), ("password", "文件已加密"),
            ("utf", "文字编码有误"))


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    return next((reason for word, reason in _REASONS if word in text), "文件内容不完整")
