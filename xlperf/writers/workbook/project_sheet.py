"""One project sheet in the seed's layout (see ``layout.py`` for the picture).

Everything a finance officer needs while typing lives in the sheet itself:
drop-downs for the indicator levels and 项目属性, number checks on 金额 and
绩效值, and a live ``=SUM`` of the weights that turns red when it misses the
required total — formulas, validations and conditional formats only, so it
works in Excel, WPS and LibreOffice without Python.

A project read from another office's form keeps what that form said: the
columns it had (no 绩效值 column and no 合计 row for a form without weights;
指标性质 / 度量单位 / 绩效标准 … where it had them), its 中期目标 and funds
rows, and its long-term indicators in a block of their own below the table.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from xlperf.model import Indicator, Project
from xlperf.model.text import format_number
from xlperf.writers.workbook import layout, styles
from xlperf.writers.workbook.styles import set_number_or_text, set_text

# Column widths (Excel units ≈ one Latin digit; a Chinese character takes two).
COLUMN_WIDTHS = {"level1": 14, "category": 14, "level2": 20, "name": 56, "weight": 12, "value": 18,
                 "comparator": 10, "unit": 10, "standard": 14, "direction": 12, "actual": 16,
                 "points": 10}
LINE_HEIGHT = 15.0  # points per wrapped line at 11 pt
TEMPLATE_ROWS_PER_LEVEL2 = 2  # room under each 二级 in a blank template
TEMPLATE_EXTRA_ROWS = 10  # unlabelled rows below them
DEFAULT_REQUIRED_TOTAL = 100
# The workbook-level name of 部门信息's 权重合计要求 cell (written by writer.py).
REQUIRED_TOTAL_NAME = "权重合计要求"
GOAL_ROWS = (9,)


@dataclass(frozen=True)
class Lists:
    """Where the hidden ``_lists`` sheet keeps each drop-down's choices."""

    level1: str
    level2: str
    attributes: str
    frameworks: str  # the 指标体系 choices of 部门信息, by their Chinese names


@dataclass(frozen=True)
class Row:
    level1: str
    level2: str
    indicator: Indicator | None = None


@dataclass(frozen=True)
class Shape:
    """Where one project's sheet puts things: its columns and rows."""

    roles: tuple[str, ...]  # indicator columns, left to right
    extra: tuple[tuple[str, str], ...]  # header rows after the goal: (label, value)
    split_value: bool  # 指标性质 / 指标值 / 度量单位 written apart

    def letter(self, role: str) -> str | None:
        return get_column_letter(self.roles.index(role) + 1) if role in self.roles else None

    @property
    def last(self) -> str:
        return get_column_letter(max(len(self.roles), 4))

    @property
    def header_row(self) -> int:
        return layout.INDICATOR_HEADER_ROW + len(self.extra)

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def weighted(self) -> bool:
        return "weight" in self.roles


def shape_of(project: Project, rows: list[Row]) -> Shape:
    """The columns and extra header rows ``project``'s form needs."""
    form = set(project.columns) if project.columns is not None else {"weight"}
    roles = ["category", "name"] if project.layout == "two_level" else ["level1", "level2",
                                                                         "name"]
    if "weight" in form:
        roles.append("weight")
    roles.append("value")
    roles += [r for r in layout.COLUMN_ORDER[5:] if r in form]
    split = "comparator" in form or "unit" in form
    has_values = any(r.indicator is not None and r.indicator.value for r in rows)
    if roles[-1] == "value" and not has_values and "weight" in roles:
        pass  # the seed's form: 指标值 is offered at E, outside the printed columns
    return Shape(tuple(roles), _extra_rows(project), split)


def _extra_rows(project: Project) -> tuple[tuple[str, str], ...]:
    extra = []
    if project.mid_term_goal:
        extra.append((layout.EXTRA_HEADER["mid_term_goal"], project.mid_term_goal))
    funds = project.funds
    if funds is not None:
        for key in ("fiscal", "other"):
            value = getattr(funds, key)
            if value is not None:
                extra.append((layout.EXTRA_HEADER[key], format_number(value)))
    return tuple(extra)


def two_level_rows(project: Project) -> list[Row]:
    """A two-level table's rows: its first column holds the 二级 (数量指标 …) or, where a row
    has none, the 一级 (效益指标), as the form wrote it."""
    return [Row(item.level2 or item.level1, "", item) for item in project.indicators] \
        or [Row("", "")]


def framework_rows(framework) -> list[Row]:
    """The blank template's indicator rows: every 二级 of the framework, with room under it."""
    rows = [Row(first.label, second.label)
            for first in framework.level1
            for second in first.children
            for _ in range(TEMPLATE_ROWS_PER_LEVEL2)]
    return rows + [Row("", "")] * TEMPLATE_EXTRA_ROWS


def project_rows(project: Project) -> list[Row]:
    if project.layout == "two_level":
        return two_level_rows(project)
    rows = [Row(item.level1, item.level2, item) for item in project.indicators]
    return rows or [Row("", "")]  # keep the SUM range valid for a project without rows


def write_project_sheet(ws, project: Project, rows: list[Row], lists: Lists,
                        *, fit_rows: bool) -> str | None:
    """Fill ``ws`` with ``project``; return the address of its weight total (``D31``)."""
    shape = shape_of(project, rows)
    has_values = any(r.indicator is not None and r.indicator.value for r in rows)
    printed = shape.last if (has_values or not shape.weighted or len(shape.roles) > 5) \
        else "D"
    first = shape.first_row
    last = first + len(rows) - 1

    _set_columns(ws, shape)
    _write_title(ws, project, printed)
    _write_header(ws, project, shape, printed, fit_rows)
    _write_indicator_header(ws, shape, shape.header_row, printed, project)
    for offset, row in enumerate(rows):
        _write_indicator(ws, first + offset, row, shape, printed, fit_rows)
    _merge_levels(ws, rows, first)
    end = last
    total_cell = None
    if shape.weighted:
        end = last + 1
        total_cell = _write_total(ws, end, first, last, shape, printed)
        _add_total_alert(ws, total_cell, first, shape)
    _add_validations(ws, lists, first, last, shape)
    if project.long_term_indicators:
        end = _write_long_term(ws, project, end + 2, shape, printed, fit_rows)
    end = _write_template_notes(ws, project, end, printed)
    _set_print(ws, printed, end, shape)
    return total_cell


def _write_template_notes(ws, project: Project, end: int, last_col: str) -> int:
    """The template's instructions the source left in its table (注：各地请根据实际情况…),
    under the table as the source had them, so T004 still reports them after an import.
    Returns the sheet's last row."""
    for offset, note in enumerate(project.template_notes, start=1):
        row = end + offset
        ws.merge_cells(f"A{row}:{last_col}{row}")
        set_text(ws[f"A{row}"], note.text)
        ws[f"A{row}"].font = styles.BODY
        ws[f"A{row}"].alignment = styles.WRAP
    return end + len(project.template_notes)


def _set_columns(ws, shape: Shape) -> None:
    for index, role in enumerate(shape.roles, start=1):
        ws.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS[role]


def _write_title(ws, project: Project, last_col: str) -> None:
    ws.merge_cells(f"A1:{last_col}1")
    title = layout.SELF_EVALUATION_TITLE if project.layout == "self_evaluation" \
        else layout.TABLE_TITLE
    ws["A1"].value = title
    ws["A1"].font = styles.TITLE
    ws["A1"].alignment = styles.CENTER
    ws.row_dimensions[1].height = 30
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"].value = layout.UNIT_LABEL
    ws["A2"].font = styles.BODY
    ws["A2"].alignment = styles.RIGHT


def _write_header(ws, project: Project, shape: Shape, last_col: str, fit_rows: bool) -> None:
    """Rows 3-9: label cells left of ``HEADER_CELLS``; the wide values merged to the right;
    then the form's extra rows (中期目标, funds)."""
    for key, address in layout.HEADER_CELLS.items():
        value_cell = ws[address]
        label_cell = ws.cell(row=value_cell.row, column=value_cell.column - 1)
        _label(label_cell, layout.HEADER_LABELS[key] if _has_field(project, key) else "")
        if key == "amount":
            if not _from_funds(project):
                set_number_or_text(value_cell, project.amount, styles.AMOUNT_FORMAT)
            value_cell.alignment = styles.WRAP
        else:
            set_text(value_cell, getattr(project, key))
            value_cell.alignment = styles.WRAP_TOP if key == "goal" else styles.WRAP
        value_cell.font = styles.BODY
        if key != "goal" and value_cell.column_letter != last_col \
                and (key in layout.WIDE_HEADER_FIELDS or value_cell.column_letter != "B"):
            ws.merge_cells(f"{address}:{last_col}{value_cell.row}")
    first, last = GOAL_ROWS[0], GOAL_ROWS[-1]
    if last > first:
        ws.merge_cells(f"A{first}:A{last}")
    ws.merge_cells(f"B{first}:{last_col}{last}")
    for offset, (label, value) in enumerate(shape.extra):
        row = GOAL_ROWS[-1] + 1 + offset
        _label(ws.cell(row=row, column=1), label)
        cell = ws.cell(row=row, column=2)
        set_text(cell, value)
        cell.font = styles.BODY
        cell.alignment = styles.WRAP_TOP
        ws.merge_cells(f"B{row}:{last_col}{row}")
        ws.row_dimensions[row].height = fit_height(value, _width(shape, 1, last_col))
    _border(ws, 3, shape.header_row - 1, last_col)
    if fit_rows:
        _fit_header_rows(ws, project, shape, last_col)
    else:  # a blank template: room for a goal of three lines
        for row in GOAL_ROWS:
            ws.row_dimensions[row].height = 3 * LINE_HEIGHT / len(GOAL_ROWS)


def _has_field(project: Project, key: str) -> bool:
    """Whether the project's form has this header field (another office's form may not:
    its sheet then shows no label, and rule H001 does not ask for it)."""
    return key == "name" or project.labels is None or key in project.labels


def _from_funds(project: Project) -> bool:
    """Whether the amount is only the sum of the form's 资金来源 (财政资金 120, no 项目金额
    label): the funds rows below give it back, and a number written without its label
    would be read back as a row nobody can place (R003)."""
    return (not _has_field(project, "amount") and project.funds is not None
            and project.funds.total == project.amount)


def _label(cell, text: str) -> None:
    cell.value = text or None
    cell.font = styles.BOLD
    cell.fill = styles.LABEL_FILL
    cell.alignment = styles.CENTER


def _fit_header_rows(ws, project: Project, shape: Shape, last_col: str) -> None:
    """Heights for the header rows: merged and narrow cells do not grow by themselves."""
    wide = _width(shape, 1, last_col)
    for key in layout.WIDE_HEADER_FIELDS:
        row = ws[layout.HEADER_CELLS[key]].row
        ws.row_dimensions[row].height = fit_height(getattr(project, key), wide)
    right = _width(shape, 3, last_col)
    for left_key, right_key in (("term", "amount"),):
        left = str(getattr(project, left_key) or "")
        other = getattr(project, right_key)
        ws.row_dimensions[ws[layout.HEADER_CELLS[left_key]].row].height = max(
            fit_height(left, COLUMN_WIDTHS["level2"]), fit_height(str(other or ""), right))
    per_row = max(fit_height(project.goal, wide), 2 * LINE_HEIGHT) / len(GOAL_ROWS)
    for row in GOAL_ROWS:
        ws.row_dimensions[row].height = per_row


def _write_indicator_header(ws, shape: Shape, row: int, last_col: str, project: Project,
                            side: str = "") -> None:
    two_level = "category" in shape.roles
    for index, role in enumerate(shape.roles, start=1):
        cell = ws.cell(row=row, column=index)
        label = layout.COLUMN_LABELS[role]
        if two_level and role in ("category", "name"):  # 一级指标 | 二级指标, as the form has
            label = layout.COLUMN_LABELS["level1" if role == "category" else "level2"]
        if role == "weight" and project.layout == "self_evaluation":
            label = layout.SCORE_LABEL
        if side and role != "level1":
            label = f"{label}（{side}）"
        cell.value = label
        cell.font = styles.BOLD
        cell.fill = styles.HEADER_FILL
        cell.alignment = styles.CENTER
    _border(ws, row, row, last_col)


def _write_indicator(ws, row_number: int, row: Row, shape: Shape, last_col: str,
                     fit_rows: bool) -> None:
    set_text(ws[f"A{row_number}"], row.level1)
    if "level2" in shape.roles:
        set_text(ws[f"B{row_number}"], row.level2)
    item = row.indicator
    if item is not None:
        for role in shape.roles:
            if role not in ("level1", "level2", "category"):
                _write_value(ws[f"{shape.letter(role)}{row_number}"], role, item, shape)
        if fit_rows:
            ws.row_dimensions[row_number].height = fit_height(item.name, COLUMN_WIDTHS["name"])
    for index, role in enumerate(shape.roles, start=1):
        cell = ws.cell(row=row_number, column=index)
        cell.font = styles.BODY
        cell.alignment = styles.WRAP if role in ("name", "value", "standard", "actual") \
            else styles.CENTER
    _border(ws, row_number, row_number, last_col)


def _write_value(cell, role: str, item: Indicator, shape: Shape) -> None:
    if role == "name":
        set_text(cell, item.name)
    elif role in ("weight", "points"):
        set_number_or_text(cell, getattr(item, role), styles.WEIGHT_FORMAT)
    elif role == "value":
        set_text(cell, item.target if shape.split_value else item.value)
    else:
        set_text(cell, getattr(item, role))


def _merge_levels(ws, rows: list[Row], first: int) -> None:
    """Merge each run of equal 一级 (and of equal 一级+二级) cells, as the published table does."""
    for letter, key in (("A", lambda r: (r.level1,)), ("B", lambda r: (r.level1, r.level2))):
        start = 0
        for end in range(1, len(rows) + 1):
            if end < len(rows) and key(rows[end]) == key(rows[start]):
                continue
            if end - start > 1 and key(rows[start])[-1]:
                ws.merge_cells(f"{letter}{first + start}:{letter}{first + end - 1}")
            start = end


def _write_total(ws, total_row: int, first: int, last: int, shape: Shape,
                 last_col: str) -> str:
    weight = shape.letter("weight")
    # The label spans the columns left of the weight (A:C in the seed's form; A:B in a
    # two-level table, whose weight is column C).
    label_end = get_column_letter(min(3, column_index_from_string(weight) - 1))
    if label_end != "A":
        ws.merge_cells(f"A{total_row}:{label_end}{total_row}")
    ws[f"A{total_row}"].value = layout.TOTAL_LABEL
    ws[f"A{total_row}"].font = styles.BOLD
    ws[f"A{total_row}"].alignment = styles.CENTER
    total = ws[f"{weight}{total_row}"]
    total.value = layout.total_formula(weight, first - 1)
    total.font = styles.BOLD
    total.alignment = styles.CENTER
    _border(ws, total_row, total_row, last_col)
    return total.coordinate


def _write_long_term(ws, project: Project, start: int, shape: Shape, last_col: str,
                     fit_rows: bool) -> int:
    """The long-term indicators as a block of their own: a title, a header whose columns
    say （长期）, then the rows. Returns the block's last row."""
    ws.merge_cells(f"A{start}:{last_col}{start}")
    ws[f"A{start}"].value = layout.LONG_TERM_TITLE
    ws[f"A{start}"].font = styles.BOLD
    # A long-term side has no scores of its own, unless the form gave it some (分值 on both
    # sides of a 长期/年度 table): those are kept.
    scored = any(i.weight is not None for i in project.long_term_indicators)
    dropped = ("points", "actual") if scored else ("weight", "points", "actual")
    long_term = Shape(tuple(r for r in shape.roles if r not in dropped),
                      shape.extra, shape.split_value)
    _write_indicator_header(ws, long_term, start + 1, last_col, project, side="长期")
    rows = [Row(i.level1, i.level2, i) for i in project.long_term_indicators]
    for offset, row in enumerate(rows):
        _write_indicator(ws, start + 2 + offset, row, long_term, last_col, fit_rows)
    _merge_levels(ws, rows, start + 2)
    return start + 1 + len(rows)


PICK = "请从下拉列表中选择；不在列表中的写法会在校验时被指出。"
# The dependent 二级 list: the names writer.py gives the 一级 list and each 一级's 二级.
LEVEL1_LIST_NAME = "一级指标列表"
LEVEL2_LIST_PREFIX = "二级指标列表_"
LEVEL2_ALL_SUFFIX = "全部"
# A text after every label in both Excel's and LibreOffice's order (labels start with
# their code, 1-产出指标): LOOKUP of it returns the last 一级 above, merged or not.
LAST_TEXT = "龥"


def level2_list_formula(first: int) -> str:
    """The 二级 drop-down of the row ``first`` (relative: each row reads its own 一级).

    The 一级 of a row is the last one written above it in column A (the 一级 cells
    are merged down their group, so a row's own A cell is usually empty); its place
    in the 一级 list names the range of its 二级. Without a known 一级 above, the list
    offers every 二级.
    """
    level1 = f'LOOKUP("{LAST_TEXT}",$A${first}:$A{first})'
    index = f'IFERROR(MATCH({level1},{LEVEL1_LIST_NAME},0),"{LEVEL2_ALL_SUFFIX}")'
    return f'INDIRECT("{LEVEL2_LIST_PREFIX}"&{index})'


def _add_validations(ws, lists: Lists, first: int, last: int, shape: Shape) -> None:
    """Drop-downs that warn (a spelling outside the list may still be right: another
    framework's, an alias the rules know) and number checks that stop (a weight or an
    amount that is not a number in range is always an error, rules W002 and H002)."""
    checks = [_choice(lists.level1, "一级指标", f"A{first}:A{last}")]
    if "level2" in shape.roles:
        checks.append(_choice(level2_list_formula(first), "二级指标", f"B{first}:B{last}"))
    checks.append(_choice(lists.attributes, "项目属性", layout.HEADER_CELLS["attribute"]))
    amount = _number("项目年度金额", "请填写大于 0 的数字，单位万元，如 12.5",
                     operator="greaterThan", formula1="0")
    amount.add(layout.HEADER_CELLS["amount"])
    checks.append(amount)
    if shape.weighted:
        weight = _number("绩效值", "请填写 0 到 100 之间的分值；各项合计应等于权重合计要求",
                         operator="between", formula1="0", formula2=str(DEFAULT_REQUIRED_TOTAL))
        letter = shape.letter("weight")
        weight.add(f"{letter}{first}:{letter}{last}")
        checks.append(weight)
    for item in checks:
        ws.add_data_validation(item)


def _choice(source: str, title: str, cells: str) -> DataValidation:
    validation = DataValidation(type="list", formula1=source, allow_blank=True,
                                showErrorMessage=True, errorStyle="warning",
                                errorTitle=title, error=PICK)
    validation.add(cells)
    return validation


def _number(title: str, message: str, **condition: str) -> DataValidation:
    return DataValidation(type="decimal", allow_blank=True, showErrorMessage=True,
                          errorStyle="stop", errorTitle=title, error=message,
                          promptTitle=title, prompt=message, showInputMessage=True, **condition)


def _add_total_alert(ws, total_cell: str, first: int, shape: Shape) -> None:
    """Red total once weights are typed and they miss 部门信息's 权重合计要求 (default 100)."""
    weight = shape.letter("weight")
    absolute = f"${total_cell[0]}${total_cell[1:]}"
    # The same rows as the total: from the header to the row above 合计, wherever rows are
    # inserted (the total cell's own reference moves with it).
    weights = f"${weight}${first - 1}:INDEX(${weight}:${weight},ROW({absolute})-1)"
    required = (f"IF(ISNUMBER({REQUIRED_TOTAL_NAME}),{REQUIRED_TOTAL_NAME},"
                f"{DEFAULT_REQUIRED_TOTAL})")
    formula = f"AND(COUNT({weights})>0,ROUND({absolute}-{required},6)<>0)"
    rule = FormulaRule(formula=[formula], fill=styles.ALERT_FILL, font=styles.ALERT_FONT)
    ws.conditional_formatting.add(total_cell, rule)


def _set_print(ws, last_col: str, end_row: int, shape: Shape) -> None:
    ws.freeze_panes = f"A{shape.first_row}"
    header = shape.header_row
    # Name, header block and column heads on every page a long project runs onto.
    ws.print_title_rows = f"{layout.PRINT_TITLE_FIRST_ROW}:{header}"
    ws.print_area = f"A1:{last_col}{end_row}"
    setup_page(ws)


def setup_page(ws) -> None:
    """A4 portrait, as wide as the page, as many pages tall as needed, numbered."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _border(ws, top: int, bottom: int, last_col: str) -> None:
    for row in ws[f"A{top}:{last_col}{bottom}"]:
        for cell in row:
            cell.border = styles.THIN_BORDER


def _width(shape: Shape, first: int, last_col: str) -> float:
    """The width of columns ``first`` (0-based) to ``last_col``."""
    from openpyxl.utils import column_index_from_string

    end = column_index_from_string(last_col)
    roles = list(shape.roles) + ["value"] * max(0, end - len(shape.roles))
    return sum(COLUMN_WIDTHS[role] for role in roles[first:end])


def fit_height(text: str | None, width: float) -> float:
    """Row height for ``text`` wrapped in ``width`` (merged cells never grow by themselves)."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text or "")
    lines = max(1, math.ceil(units / max(width - 2, 1)))
    return lines * LINE_HEIGHT
