"""Reading project tables from a sheet by their labels, not their positions.

A project table starts at a ``项目名称`` label. Its header fields are found
by label anywhere above the ``一级指标`` row (the value is the next non-empty
cell to the right), and its indicator columns by header text, so a sheet laid
out by hand, with extra columns or shifted rows, still reads. Several tables
stacked in one sheet (a pasted notice) read as several projects.

Tolerated: merged or blank 一级/二级 continuation cells (filled down), blank
rows, numbers typed as text, full-width digits, stray spaces; a row whose
三级 text is blank but has a weight is still an indicator (rule S003). Other
offices' labels (``layout.HEADER_ALIASES``), a label and its value in one
cell (``项目名称：…``), and amounts declared in 元 read as well.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from xlperf.errors import InputError
from xlperf.model import Indicator, Project
from xlperf.model.text import normalize_label, parse_number, split_label_value
from xlperf.sources.workbook import layout
from xlperf.sources.workbook.grid import (
    BLANK_CHARS,
    Grid,
    Labels,
    address,
    column_letter,
    is_blank,
    label_key,
)

NAME_KEY = label_key(layout.HEADER_LABELS["name"])
FIELD_BY_LABEL = {label_key(label): key for key, labels in layout.HEADER_ALIASES.items()
                  for label in labels}
COLUMN_BY_LABEL = {
    label_key(text): key
    for key, label in layout.COLUMN_LABELS.items()
    for text in (label, *layout.COLUMN_ALIASES.get(key, ()))
}
HEADER_ROW_KEY = label_key(layout.COLUMN_LABELS["level1"])
# The labels of a table's header rows: its fields and the indicator header.
TABLE_LABELS = Labels({HEADER_ROW_KEY, *FIELD_BY_LABEL})
REQUIRED_COLUMNS = ("level1", "level2", "name")
# A row whose first non-empty cell is one of these ends an indicator table.
STOP_KEYS = Labels({label_key(layout.TOTAL_LABEL), "总计", label_key(layout.TABLE_TITLE),
                    label_key(layout.UNIT_LABEL), "单位:元", *FIELD_BY_LABEL})
_ODD_HYPHENS = frozenset("－—–‐‑﹣")
HEADER_ZONE = 40  # rows from 项目名称 within which the 一级指标 header must appear
MAX_INDICATOR_ROWS = 5000  # a goal table has tens of rows; more means a wrong sheet
UNIT_ROWS_ABOVE = 3  # where a table's 单位：万元 line may be, above its 项目名称 row
INLINE_LABEL_CHARS = 20  # a label before a colon (项目年度金额（万元）) is shorter than this


def table_starts(grid: Grid) -> list[int]:
    """Rows (0-based) holding a 项目名称 label: where each project table begins."""
    if grid.table_starts is None:
        grid.table_starts = [index for index, row in enumerate(grid.rows) if _names_project(row)]
    return grid.table_starts


def _names_project(row: list) -> bool:
    """A 项目名称 label in the row, or a ``项目名称：…`` cell leading it (not prose that
    happens to begin so further right)."""
    for value in row:
        if value.__class__ is str and "项目名称" in value and (
                label_key(value) == NAME_KEY or (_inline_field(value)[0] == "name"
                                                 and next(filter(None, row)) is value)):
            return True
    return False


def _inline_field(raw: object) -> tuple[str | None, str, str]:
    """(header field, label, value) of a ``项目名称：…`` cell; (None, "", "") for any other."""
    parts = split_label_value(raw)
    if parts is None or len(parts[0]) > INLINE_LABEL_CHARS:  # prose with a colon in it
        return None, "", ""
    return FIELD_BY_LABEL.get(label_key(parts[0])), *parts


def is_project_table(grid: Grid, start: int, end: int) -> bool:
    """A 项目名称 label plus an indicator header or another header label (not a list's header)."""
    others = set(FIELD_BY_LABEL) - {NAME_KEY}
    for row in range(start, min(end, start + HEADER_ZONE)):
        keys = set(grid.row_keys(row, TABLE_LABELS))
        if HEADER_ROW_KEY in keys or keys & others:
            return True
    return False


def project_tables(grid: Grid) -> list[tuple[int, int]]:
    """(first row, end row) of each project table in ``grid``, 0-based, end exclusive."""
    if grid.tables is None:
        starts = table_starts(grid)
        bounds = zip(starts, [*starts[1:], len(grid.rows)], strict=True)
        grid.tables = [(start, end) for start, end in bounds
                       if is_project_table(grid, start, end)]
    return grid.tables


def read_projects(grid: Grid) -> list[Project]:
    """Every filled-in project table in ``grid`` (blank template tables are skipped)."""
    projects = []
    for start, end in project_tables(grid):
        project = _read_table(grid, start, end)
        if project.name or project.indicators:
            projects.append(project)
    return projects


def _read_table(grid: Grid, start: int, end: int) -> Project:
    header = _find_header_row(grid, start, end)
    project = Project(name="", sheet=grid.sheet)
    first_note = len(grid.normalizations)
    _read_header_fields(grid, project, start, header if header is not None else
                        min(end, start + HEADER_ZONE))
    if header is not None:
        columns = _map_columns(grid, header)
        project.indicators, project.total_cell = _read_indicators(grid, columns, header + 1, end)
    for note in grid.normalizations[first_note:]:
        note.project = project.name
    return project


def _find_header_row(grid: Grid, start: int, end: int) -> int | None:
    for row in range(start, min(end, start + HEADER_ZONE)):
        if HEADER_ROW_KEY in grid.row_keys(row, TABLE_LABELS):
            return row
    return None


def _read_header_fields(grid: Grid, project: Project, start: int, stop: int) -> None:
    """Each label's value is the next non-empty cell to its right, unless that is a label;
    a ``项目名称：…`` cell holds its label and value together."""
    for row in range(start, stop):
        keys = grid.row_keys(row, TABLE_LABELS)
        for column, label in enumerate(keys):
            key = FIELD_BY_LABEL.get(label) if label else None
            if key is None:
                raw = grid.rows[row][column]
                if raw.__class__ is not str or ("：" not in raw and ":" not in raw):
                    continue  # most cells: a value, or empty
                key, inline_label, value = _inline_field(raw)
                if key is not None and key not in project.cells:
                    _set_field(grid, project, key, value, (row, column), inline_label, start)
                continue
            if key in project.cells:
                continue
            value_column = _value_column(grid, row, column, keys)
            _set_field(grid, project, key, grid.raw(row, value_column), (row, value_column),
                       grid.rows[row][column], start)


def _set_field(grid: Grid, project: Project, key: str, raw: object,
               where: tuple[int, int], label: object, start: int) -> None:
    """One header field from its value; an amount in 元 (see ``_divisor``) becomes 万元."""
    row, column = where
    project.cells[key] = address(row, column)
    if key == "amount":
        value, repairs = parse_number(raw)
        grid.note(repairs, raw, row, column, None)
        if isinstance(value, float):
            value /= _divisor(grid, label, start)
        project.amount = value
    else:
        setattr(project, key, grid.text_of(raw, row, column))


def _divisor(grid: Grid, label: object, start: int) -> float:
    """元 or 万元: the amount label's own unit (``项目年度金额（元）``), else a ``单位：元``
    line just above the table, else 万元."""
    note = layout.UNIT_NOTE.search(label) if isinstance(label, str) else None
    if note:
        return layout.AMOUNT_DIVISORS[note.group(1)]
    for row in range(max(0, start - UNIT_ROWS_ABOVE), start):
        for value in grid.rows[row]:
            found = layout.UNIT_IN_TEXT.search(value) if value.__class__ is str else None
            if found:
                return layout.AMOUNT_DIVISORS[found.group(1)]
    return 1.0


def _value_column(grid: Grid, row: int, column: int, keys: list[str]) -> int:
    """Where a label's value is: skip empty (merged) cells; stop at the next label.

    ``keys`` are the row's table labels (``row_keys``).
    """
    first = grid.merge_end(row, column) + 1
    for candidate in range(first, grid.width):
        if is_blank(grid.raw(row, candidate)):
            continue
        return first if candidate < len(keys) and keys[candidate] in FIELD_BY_LABEL else candidate
    return first


def _map_columns(grid: Grid, header: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for column, raw in enumerate(grid.rows[header]):
        key = COLUMN_BY_LABEL.get(label_key(raw))
        if key is not None and key not in columns:
            columns[key] = column
    for key in REQUIRED_COLUMNS:
        if key not in columns:
            raise InputError(f"指标表头（第 {header + 1} 行）缺少“{layout.COLUMN_LABELS[key]}”列",
                             sheet=grid.sheet, cell=address(header, 0))
    return columns


def _read_indicators(grid: Grid, columns: dict[str, int], first: int,
                     end: int) -> tuple[list[Indicator], str | None]:
    """Indicator rows until a stop row (合计 …).

    The hot loop of reading (a city's batch has about a million rows): a row's
    cells are taken from its list once, and the common cases (a row that cannot
    be a stop row, text without stray spaces, a float weight, a level label seen
    before) are decided inline; anything else goes the general way.
    """
    items: list[Indicator] = []
    level1 = level2 = ""
    level1_column, level2_column = columns["level1"], columns["level2"]
    name_column = columns["name"]
    weight_column, value_column = columns.get("weight"), columns.get("value")
    wanted = [c for c in (level1_column, level2_column, name_column, weight_column,
                          value_column) if c is not None]
    narrowest = max(wanted) + 1  # shorter rows (live values from Excel) go the general way
    name_letter = column_letter(name_column)
    weight_letter = column_letter(weight_column) if weight_column is not None else ""
    formula_rows = grid.formula_rows()
    rows, sheet = grid.rows, grid.sheet
    for row in range(first, end):
        cells = rows[row]
        lead = next(filter(None, cells), None)  # the first non-empty cell, almost always
        if lead.__class__ is str and (STOP_KEYS.key(lead) or not lead.strip(BLANK_CHARS)):
            stop_key = _stop_key(cells)  # in full: spaces or a 0 may come before it
            if stop_key is not None:
                is_total = stop_key in _TOTAL_KEYS
                return items, (address(row, weight_column)
                               if is_total and weight_column is not None else None)
        if len(cells) >= narrowest and row not in formula_rows:
            l1, l2, name = cells[level1_column], cells[level2_column], cells[name_column]
            weight = "" if weight_column is None else cells[weight_column]
            value = "" if value_column is None else cells[value_column]
        else:
            width = len(cells)
            get = grid.raw if row in formula_rows else None
            l1 = _cell(cells, width, level1_column, get, row)
            l2 = _cell(cells, width, level2_column, get, row)
            name = _cell(cells, width, name_column, get, row)
            weight = "" if weight_column is None else _cell(cells, width, weight_column, get, row)
            value = "" if value_column is None else _cell(cells, width, value_column, get, row)
        # The common cases inline: text needing no trim, a float weight, an empty cell.
        trimmed = name.strip(BLANK_CHARS) if name.__class__ is str else None
        name_blank = not trimmed if trimmed is not None else _blank(name)
        rest_blank = (weight.__class__ is not float and _blank(weight)
                      and (value == "" or _blank(value)))
        if l1 != "" and not _blank(l1):
            new = _label(grid, l1, row, level1_column)
            if new != level1:
                level2 = ""
            level1 = new
        if l2 != "" and not _blank(l2):
            level2 = _label(grid, l2, row, level2_column)
        if name_blank and rest_blank:
            continue  # a blank row, or a template row with only its levels filled in
        if len(items) >= MAX_INDICATOR_ROWS:
            raise InputError(f"指标行超过 {MAX_INDICATOR_ROWS} 行，不像一张绩效目标表；"
                             "请删除多余的行后再试", sheet=sheet, cell=address(row, 0))
        line = row + 1
        if trimmed is None or trimmed != name:  # not text, or text to trim (noted for T001)
            trimmed = grid.text_of(name, row, name_column)
        text = trimmed
        item = Indicator(level1=level1, level2=level2, name=text,
                         not_applicable=layout.is_not_applicable(text),
                         sheet=sheet, cell=f"{name_letter}{line}", row=line)
        if weight_column is not None:
            if weight.__class__ is float:
                item.weight = weight
            else:
                item.weight, repairs = parse_number(weight)
                if repairs:
                    grid.note(repairs, weight, row, weight_column, None)
            item.weight_cell = f"{weight_letter}{line}"
        if value_column is not None and value != "":
            item.value = grid.text_of(value, row, value_column) or None
        items.append(item)
    return items, None


_TOTAL_KEYS = (label_key(layout.TOTAL_LABEL), "总计")


def _blank(raw: object) -> bool:
    """``is_blank`` with the common cases (empty text, a number) decided first."""
    if raw == "" or raw is None:
        return True
    if raw.__class__ is float:
        return False
    return isinstance(raw, str) and not raw.strip(BLANK_CHARS)


def _cell(cells: list, width: int, column: int, get, row: int) -> object:
    """``grid.raw(row, column)`` from the row's list; ``get`` only on rows with formulas."""
    if column >= width:
        return ""
    value = cells[column]
    if get is not None and value == "":
        return get(row, column)
    return value


def _stop_key(cells: list) -> str | None:
    """The label key of a row's first non-empty cell when it ends a table (合计 …), else None."""
    for value in cells:
        if value == "" or value is None:
            continue
        if isinstance(value, str):
            if not value.strip(BLANK_CHARS):
                continue
            key = label_key(value)
            return key if key in STOP_KEYS else None
        return None
    return None


def _label(grid: Grid, raw: object, row: int, column: int) -> str:
    """A 一级/二级 label with its code normalised (``１１－数量指标`` → ``11-数量指标``)."""
    original = grid.text_of(raw, row, column)
    label, repairs = _normalized_label(original)
    if repairs:
        grid.note(list(repairs), original, row, column, None)
    return label


@lru_cache(maxsize=1024)
def _normalized_label(original: str) -> tuple[str, tuple[str, ...]]:
    """Cached: a batch repeats the same few level labels on every row."""
    label = normalize_label(original)
    return label, (tuple(_label_repairs(original)) if label != original else ())


def _label_repairs(original: str) -> list[str]:
    """Which kinds of repair ``normalize_label`` made, for rule T001."""
    kinds = []
    if any(ch.isspace() for ch in original):
        kinds.append("space")
    if any(ch in _ODD_HYPHENS for ch in original):
        kinds.append("hyphen")
    others = (ch for ch in original if not ch.isspace() and ch not in _ODD_HYPHENS)
    if any(unicodedata.normalize("NFKC", ch) != ch for ch in others):
        kinds.append("fullwidth")
    return kinds


