"""Writing department workbooks and the blank template with openpyxl.

Sheets, in order: 部门信息 (what the notice needs, plus rule settings),
项目清单 (the projects with links to their sheets), one sheet per project
(``项目01`` …; the full 项目名称 lives in B3 because sheet names are limited
to 31 characters), and a hidden ``_lists`` sheet feeding the drop-downs.

Every user string goes through ``styles.set_text`` so it stays text. Both
public functions write through a temporary file (``xlperf.atomic``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from xlperf.model import Department, Project, load_framework
from xlperf.model.framework import bundled_name, framework_choices
from xlperf.model.text import parse_number
from xlperf.writers.workbook import layout, styles
from xlperf.writers.workbook.package import save_workbook
from xlperf.writers.workbook.project_sheet import (
    LEVEL1_LIST_NAME,
    LEVEL2_ALL_SUFFIX,
    LEVEL2_LIST_PREFIX,
    REQUIRED_TOTAL_NAME,
    Lists,
    Row,
    fit_height,
    framework_rows,
    project_rows,
    setup_page,
    write_project_sheet,
)
from xlperf.writers.workbook.styles import set_number_or_text, set_text

INFO_HEADER = ("填写项", "内容", "说明")
INFO_WIDTHS = {"A": 26, "B": 60, "C": 48}
SETTINGS_HEADING = "校验设置（可不填，留空用默认值）"
TEMPLATE_LEGAL_BASIS_ROWS = 3  # blank 依据文件 rows offered in a new template
LIST_HEADER = ("序号", "项目名称", "金额（万元）", "工作表")
LIST_WIDTHS = {"A": 8, "B": 60, "C": 14, "D": 10}


def write_department(department: Department, path: str | Path, *,
                     timestamp: datetime | None = None,
                     verify: Callable[[Path], None] | None = None) -> None:
    """Write ``department`` as a workbook the reader reads back to the same model.

    ``verify`` is called with the written file before it replaces ``path``: ``xlperf
    import`` reads it back there, and refuses to move in a workbook that differs.
    """
    workbook = _new_workbook()
    lists = _write_lists(workbook, department.settings.get("framework"))
    _write_info(workbook, department, lists, legal_rows=len(department.legal_basis))
    sheets = [layout.project_sheet_name(i) for i in range(1, len(department.projects) + 1)]
    _write_project_list(workbook, sheets)
    for project, sheet in zip(department.projects, sheets, strict=True):
        ws = workbook.create_sheet(sheet)
        write_project_sheet(ws, project, project_rows(project), lists, fit_rows=True)
    _finish(workbook)
    save_workbook(workbook, path, timestamp, verify)


def write_template(path: str | Path, department: str | None = None, year: int | None = None,
                   *, timestamp: datetime | None = None) -> None:
    """Write a blank template: 部门信息 with what is known and one empty sheet 项目01."""
    name = department or ""
    info = Department(name=name, year=year, signing_body=name)
    workbook = _new_workbook()
    framework = load_framework()
    lists = _write_lists(workbook, None)
    _write_info(workbook, info, lists, legal_rows=TEMPLATE_LEGAL_BASIS_ROWS)
    sheet = layout.project_sheet_name(1)
    _write_project_list(workbook, [sheet])
    ws = workbook.create_sheet(sheet)
    rows: list[Row] = framework_rows(framework)
    write_project_sheet(ws, Project(name="", competent_department=name), rows, lists,
                        fit_rows=False)
    _finish(workbook)
    save_workbook(workbook, path, timestamp)


def _new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "xlperf"
    workbook.properties.title = layout.TABLE_TITLE
    return workbook


def _finish(workbook: Workbook) -> None:
    """Put the hidden list sheet last and open the workbook on 部门信息."""
    helper = workbook[layout.HELPER_SHEET]
    workbook.move_sheet(helper, offset=len(workbook.sheetnames) - 1
                        - workbook.sheetnames.index(layout.HELPER_SHEET))
    workbook.active = 0


def _write_lists(workbook: Workbook, framework_name: str | None) -> Lists:
    """The hidden ``_lists`` sheet: 一级, 二级, 项目属性 and 指标体系 choices, one column
    each, then one column of 二级 per 一级, named for the dependent 二级 drop-down."""
    framework = _framework(framework_name)
    ws = workbook.create_sheet(layout.HELPER_SHEET)
    ws.sheet_state = "hidden"
    columns = [
        [item.label for item in framework.level1],
        [item.label for item in framework.all_level2()],
        list(layout.PROJECT_ATTRIBUTES),
        list(framework_choices()),
    ]
    columns += [[child.label for child in item.children] or [""] for item in framework.level1]
    refs = []
    for index, values in enumerate(columns, start=1):
        letter = get_column_letter(index)
        for row, value in enumerate(values, start=1):
            ws[f"{letter}{row}"].value = value or None
        refs.append(f"'{layout.HELPER_SHEET}'!${letter}$1:${letter}${len(values)}")
    names = [LEVEL1_LIST_NAME, LEVEL2_LIST_PREFIX + LEVEL2_ALL_SUFFIX, None, None]
    names += [f"{LEVEL2_LIST_PREFIX}{n}" for n in range(1, len(framework.level1) + 1)]
    for name, ref in zip(names, refs, strict=True):
        if name:
            workbook.defined_names[name] = DefinedName(name, attr_text=ref)
    return Lists(*refs[:4])


def _framework(name: str | None):
    """The framework named in the settings (by name or Chinese title); the standard one
    when it is automatic or unknown."""
    try:
        return load_framework(bundled_name(name or "") or name or "standard")
    except (OSError, ValueError, KeyError):
        return load_framework()


def _write_info(workbook: Workbook, department: Department, lists: Lists, *,
                legal_rows: int) -> None:
    """部门信息: label | value | hint rows; 依据文件 takes one row per document."""
    ws = workbook.create_sheet(layout.DEPARTMENT_SHEET)
    for letter, width in INFO_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    _info_heading(ws, 1, INFO_HEADER)
    row = 2
    for field in layout.DEPARTMENT_FIELDS:
        if field.key == "legal_basis":
            documents = list(department.legal_basis)
            documents += [""] * (max(legal_rows, 1) - len(documents))
            for index, text in enumerate(documents):
                _info_row(ws, row, field.label if index == 0 else "", text,
                          field.hint if index == 0 else "")
                row += 1
            continue
        cell = _info_row(ws, row, field.label, None, field.hint)
        _info_value(ws, cell, field.key, getattr(department, field.key))
        row += 1
    _info_heading(ws, row, (SETTINGS_HEADING, "", ""))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    row += 1
    for field in layout.SETTING_FIELDS:
        cell = _info_row(ws, row, field.label, None, field.hint)
        value = department.settings.get(field.key)
        number, _ = parse_number(value)
        set_number_or_text(cell, number if isinstance(number, float) else value, "General")
        if field.key == "framework":
            _validate(ws, cell, DataValidation(
                type="list", formula1=lists.frameworks, allow_blank=True,
                showErrorMessage=True, errorStyle="warning", errorTitle=field.label,
                error="请从下拉列表中选择指标体系；也可填写 .toml 文件路径"))
        if field.key == "required_total":
            workbook.defined_names[REQUIRED_TOTAL_NAME] = DefinedName(
                REQUIRED_TOTAL_NAME, attr_text=f"'{layout.DEPARTMENT_SHEET}'!$B${row}")
        row += 1
    ws.freeze_panes = "A2"
    setup_page(ws)


def _info_heading(ws, row: int, texts: tuple[str, ...]) -> None:
    for column, text in enumerate(texts, start=1):
        cell = ws.cell(row=row, column=column, value=text or None)
        cell.font = styles.BOLD
        cell.fill = styles.HEADER_FILL
        cell.border = styles.THIN_BORDER
        cell.alignment = styles.CENTER if row == 1 else styles.WRAP


def _info_row(ws, row: int, label: str, value: str | None, hint: str):
    label_cell = ws.cell(row=row, column=1, value=label or None)
    label_cell.font = styles.BOLD
    label_cell.fill = styles.LABEL_FILL
    value_cell = ws.cell(row=row, column=2)
    set_text(value_cell, value)
    value_cell.font = styles.BODY
    hint_cell = ws.cell(row=row, column=3, value=hint or None)
    hint_cell.font = styles.HINT
    for cell in (label_cell, value_cell, hint_cell):
        cell.border = styles.THIN_BORDER
        cell.alignment = styles.WRAP_LEFT
    ws.row_dimensions[row].height = max(fit_height(label, INFO_WIDTHS["A"]),
                                        fit_height(value, INFO_WIDTHS["B"]),
                                        fit_height(hint, INFO_WIDTHS["C"] * 1.1))
    return value_cell


def _info_value(ws, cell, key: str, value) -> None:
    """Typed values where Excel can check them: the year, the date, the declared total."""
    if key == "year":
        cell.value = value
        _validate(ws, cell, DataValidation(
            type="whole", operator="between", formula1="2000", formula2="2100",
            allow_blank=True, showErrorMessage=True, errorTitle="预算年度",
            error="请填写四位数年份，如 2024"))
    elif key == "published":
        if isinstance(value, date):
            cell.value = value
        cell.number_format = styles.DATE_FORMAT
        _validate(ws, cell, DataValidation(
            type="date", operator="greaterThanOrEqual", formula1="DATE(2000,1,1)",
            allow_blank=True, showErrorMessage=True, errorTitle="公开日期",
            error="请填写日期，如 2024-02-05"))
    elif key == "declared_total":
        set_number_or_text(cell, value, styles.AMOUNT_FORMAT)
    else:
        set_text(cell, value)


def _validate(ws, cell, validation: DataValidation) -> None:
    validation.add(cell.coordinate)
    ws.add_data_validation(validation)


def _write_project_list(workbook: Workbook, sheets: list[str]) -> None:
    """项目清单: one row per project linking to its sheet, and a 合计 row.

    Names and amounts are formulas showing the project sheets' cells, so the list
    stays true while staff edit the sheets; their values are cached when saved
    (``package.py``), so a viewer that does not calculate shows them too. The
    reader never reads this sheet.
    """
    ws = workbook.create_sheet(layout.PROJECT_LIST_SHEET)
    for letter, width in LIST_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    _info_heading(ws, 1, LIST_HEADER)
    for index, sheet in enumerate(sheets, start=1):
        write_list_row(ws, index + 1, index, sheet)
        _list_style(ws, index + 1)
    total = len(sheets) + 2
    ws.cell(row=total, column=1, value=layout.TOTAL_LABEL).font = styles.BOLD
    ws.merge_cells(start_row=total, start_column=1, end_row=total, end_column=2)
    sum_cell = ws.cell(row=total, column=3, value=layout.list_total_formula())
    sum_cell.number_format = styles.AMOUNT_FORMAT
    sum_cell.font = styles.BOLD
    _list_style(ws, total)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    setup_page(ws)


def write_list_row(ws, row: int, number: int, sheet: str) -> None:
    """One project of 项目清单: 序号, the sheet's 项目名称 and 金额 (formulas), a link."""
    ws.cell(row=row, column=1, value=number)
    for column, key in ((2, "name"), (3, "amount")):
        ws.cell(row=row, column=column, value=layout.list_formula(sheet, key))
    ws.cell(row=row, column=3).number_format = styles.AMOUNT_FORMAT
    link = ws.cell(row=row, column=4, value=sheet)
    link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!A1", display=sheet)
    link.font = styles.LINK


def _list_style(ws, row: int) -> None:
    for column in range(1, 5):
        cell = ws.cell(row=row, column=column)
        cell.border = styles.THIN_BORDER
        if cell.font != styles.LINK and not cell.font.b:
            cell.font = styles.BODY
        cell.alignment = styles.WRAP if column == 2 else styles.CENTER
