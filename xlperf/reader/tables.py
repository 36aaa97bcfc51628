"""Finding the goal tables in a grid and reading each into a ``Project``.

One pass over the rows, in four states: *outside* a table; in a project's
*header* block (``header.py``); in its *indicator* rows, after an indicator
header row (``columns.py``); or after a *break* (a table title or unit line
inside a table: a page break repeating the heading, or the next table).

A project starts at a header-field row outside a table (or at a field the
current project already has, such as a second 项目名称); a flat list's
projects start at the rows that name them. Indicator rows end at a stop row
(合计, 总分, 财政部门审核意见, 填表人, 附件 …), at a date or a notice sentence,
or at the next project. Inside them, ``……`` is skipped, a ``注：`` row is kept
out, a row of levels only carries its levels down, and a row that cannot be
placed becomes a reading note with its location. Nothing is guessed.

A fifth state, *repeat*: a 项目名称 among the indicator rows that names the
project being read is its table continued on a new page (``continued.py``):
the header rows repeated there are compared with the first, and the rows go
on in the same block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from xlperf.model import Indicator, Number, Project, ReadingNote
from xlperf.model.check_words import has_template_text
from xlperf.model.framework import choose, level_score
from xlperf.model.text import format_number, parse_number, parse_weight, read_amount
from xlperf.model.vocabulary import (
    AMOUNT_UNIT_IN_TEXT,
    BLANK_CHARS,
    bare_key,
    block_side,
    column_label,
    comparator_of,
    comparator_prefix,
    direction_of,
    divisor_of,
    header_field,
    indicator_type_of,
    is_closing_content,
    is_continued_mark,
    is_execution_rate,
    is_instructions_heading,
    is_instructions_sheet,
    is_not_applicable,
    is_note,
    is_numbered_line,
    is_page_links,
    is_placeholder,
    is_review_line,
    is_self_evaluation_title,
    is_stop_row_label,
    label_key,
)
from xlperf.reader import cells as kinds
from xlperf.reader.columns import Column, IndicatorColumns, indicator_header, value_split
from xlperf.reader.continued import RepeatedHeader, same_columns
from xlperf.reader.fast import PAGE_FOOTER, FastRows, fast_rows
from xlperf.reader.header import HeaderReader, is_form_line, title_year
from xlperf.reader.layouts import family
from xlperf.reader.levels import category, first_levels, is_child, normalized_label
from xlperf.reader.lists import (
    LIST_ROW,
    UNIT_TOTAL,
    heads_list,
    is_list_header,
    is_record,
    is_total,
    is_unit_total,
)
from xlperf.reader.placement import Placed, place
from xlperf.reader.row_cells import (
    ends_table,
    fields_of,
    filled_count,
    first_filled,
    is_block_title,
    is_heading_cell,
    is_lone,
    joined,
    squeeze,
)
from xlperf.reader.trace import Trace
from xlperf.reader.wrapped import cut_row
from xlperf.sources.grid import Grid, column_letter, is_blank

MAX_INDICATOR_ROWS = 5000  # a goal table has tens of rows; more means a wrong sheet
_PAGE_NUMBER = re.compile(r"^[-—－–]*\d+[-—－–]*$")  # beside PAGE_FOOTER: a bare number

_SYMBOLS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<", "qualitative": "定性"}
_DIRECTIONS = {"positive": "正向", "negative": "反向"}
NO_INDICATOR = "没有指标名称和指标值（只有说明文字或分值等），未作为指标读取"
UNREAD_COLUMN = "“{}”列不属于绩效目标表，该列各行内容未读取"
HIDDEN_ROW = "隐藏的行（在 Excel 中看不到，也不会打印），未读取"
HIDDEN_COLUMN = "隐藏的 {} 列（在 Excel 中看不到，也不会打印），其中 {} 个单元格未读取"
_HIDDEN_SHOWN = 5  # a hidden column's cells quoted in its note
FRAMEWORK_LIST = "只有一级、二级指标名称的列表（如下拉选项），不是绩效目标表，未作为项目读取"
BEYOND_TABLE = "表格右侧没有表头的单元格，不属于任何列，未读取"
CLOSING_CONTENT = "表格下方的说明（如联农带农机制），不是绩效指标，未作为指标读取"
EXECUTION_RATE = "预算执行率是自评表的预算执行情况，不是绩效指标，未作为指标读取"
# A flat list's 预算数 with no unit written anywhere is in the budget system's unit; the
# repair kind rule T001 reports on its cell.
FLAT_LIST_UNIT = "元"
FLAT_YUAN = "flat_yuan"


@dataclass
class Context:
    """What reading carries across the grids of one source (a text is one grid)."""

    trace: Trace | None = None
    divisor: float = 1.0  # 单位：元 above a table, until another unit line
    unit_stated: bool = False  # some unit line said which unit (else a flat list's is 元)
    years: list[int] = field(default_factory=list)  # budget years the tables' titles state


@dataclass
class _Block:
    """The indicator rows under one header row."""

    columns: IndicatorColumns
    side: str  # "annual", or "long_term" for a block labelled 长期绩效指标
    carried: dict[tuple[str, str], object] = field(default_factory=dict)
    after_note: bool = False
    fast: FastRows | None = None  # the plain columns, when the header has only those


class TableReader:
    """Reads the goal tables of one grid (see the module docstring)."""

    def __init__(self, grid: Grid, context: Context) -> None:
        self.grid = grid
        self.context = context
        self.projects: list[Project] = []
        self.project: Project | None = None
        self.header: HeaderReader | None = None
        self.block: _Block | None = None
        # outside | header | indicators | break | repeat | list | instructions
        self.state = "outside"
        # A sheet named 填表说明 (说明, 编制说明 …) is the form's instructions down to a title
        # or an indicator header; elsewhere they run under their heading (``_instructions``).
        self.instructions_sheet = is_instructions_sheet(grid.sheet)
        if self.instructions_sheet:
            self.state = "instructions"
        self.repeat: RepeatedHeader | None = None  # a continued table's repeated header
        self.self_evaluation_title = False
        # A flat list's projects by (单位名称, 项目名称), in the order read.
        self.flat: dict[tuple[str | None, str], Project] = {}
        # The lines above a flat list (单位名称：某局), read like a header into a project of
        # their own, and the list's projects under them (``_flat_top``).
        self.flat_top: Project | None = None
        self.flat_tops: list[tuple[Project, Project]] = []
        self.orphan_notes: list[ReadingNote] = []  # rows outside any project
        self.first_repair = 0  # the grid's first repair (rule T001) of the current project
        self.table_like: set[int] = set()  # ids of projects with a table's shape
        self.blank_tables = 0  # tables found but not filled in (a blank template's)
        self.row = 0  # the row being read
        self.resume = 0  # the next row to read, past the lines a cut row ran onto
        self.clean_labels: dict[str, str] = {}  # level labels read that needed no repair
        # The last table's indicator columns on this grid: the tables stacked under it may
        # not repeat the header (``_headerless_table``).
        self.last_columns: IndicatorColumns | None = None

    # --- the pass over the rows ---------------------------------------------------------

    def read(self) -> list[Project]:
        grid = self.grid
        rows = grid.rows
        formulas = grid.formula_rows()  # rows where a formula marker replaces a blank
        fast = None  # the block's fast path while reading its indicator rows
        hidden = grid.hidden  # cells of hidden rows and columns, taken out of the rows
        row, count = 0, len(rows)
        while row < count:
            self.row = row
            cells = grid.values(row) if row in formulas else rows[row]
            if fast is not None and fast.fits(cells):
                after = self._fast_rows(row, fast)
            else:
                self._row(row, cells)
                block = self.block
                fast = block.fast if self.state == "indicators" and block is not None else None
                after = max(row + 1, self.resume,
                            self.header.resume if self.header is not None else 0)
            if hidden and row in hidden:  # noted once the row's project is known
                self._hidden_cells(row, hidden[row])
            row = after
        self._close()
        kept = [p for p in self.projects if _is_table(p, id(p) in self.table_like)
                and not self._framework_list(p)]
        self._note_nameless_rows(kept)
        self._take_flat_tops({id(p) for p in kept})
        self.blank_tables = sum(1 for p in self.projects
                                if id(p) in self.table_like and p not in kept)
        return kept

    def _framework_list(self, project: Project) -> bool:
        """A list of the framework's level names under 一级指标 | 二级指标 (a template's
        drop-down source, often a hidden sheet), no field of a header above it: no table.
        One department note names it (before, a project named '' with H001, H002, C002 and
        Q007 on every satisfaction 二级 in it)."""
        items = project.indicators + project.long_term_indicators
        if not items or project.name or project.amount is not None or project.labels \
                or any(kinds.kind_of(item.name)[0] != kinds.LEVEL for item in items):
            return False
        names = list(dict.fromkeys(item.name for item in items))
        self.orphan_notes.append(ReadingNote(
            " | ".join(names[:6]) + (" …" if len(names) > 6 else ""), FRAMEWORK_LIST,
            project.sheet, items[0].cell, items[0].row))
        self.orphan_notes.extend(project.notes)  # its columns no field reads (项目属性 …)
        return True

    def _note_nameless_rows(self, kept: list[Project]) -> None:
        """A flat list's row holding a 项目名称 and nothing else (the unit's own row above
        its projects, in a 项目名称 column) is no project; it was dropped without a word."""
        for project in self.projects:
            if project in kept or project.layout != "flat_list" or not project.name:
                continue
            line = project.lines.get("name")
            cell = (project.cells or {}).get("name")
            self.orphan_notes.append(ReadingNote(
                project.name, "这一行只有项目名称，没有指标，未作为项目读取", project.sheet, cell,
                line))

    def _above(self, row: int) -> list:
        """The filled row before ``row`` (a group row over an indicator header)."""
        for index in range(row - 1, -1, -1):
            cells = self.grid.rows[index]
            if any(not is_blank(value) for value in cells):
                return cells
        return []

    def _row(self, row: int, cells: list) -> None:
        first = first_filled(cells)
        if first is None:
            if self.header is not None and self.state == "header":
                self.header.feed(row, cells)
            elif self.state == "instructions" and not self.instructions_sheet:
                self.state = "outside"
            return
        index, raw = first
        text = raw.strip(BLANK_CHARS) if isinstance(raw, str) else None
        if text is not None and is_lone(cells, index):
            if self._is_page_number(text, index):
                self._trace(row, "skipped", "页码")
                return
            if is_continued_mark(text):
                self._trace(row, "skipped", f"续页标记，不是表格内容：{text}")
                return
            if is_page_links(text):
                self._trace(row, "skipped", f"网页链接，不是表格内容：{text}")
                return
        if text is not None and self._heading(row, cells, text):
            return
        columns = self._indicator_header(row, cells)
        if columns is not None:
            self._start_block(row, columns)
            return
        if self.state == "indicators":
            self._indicator_row(row, cells, index, raw, text)
        elif self.state == "repeat":
            self._repeated_row(row, cells, index, raw, text)
        elif self.state == "break":
            self._after_break(row, cells, index, raw, text)
        elif self.state == "list":
            self._list_row(row, cells)
        elif self.state == "instructions":
            self._instruction_row(row, cells, index, text)
        else:
            self._header_row(row, cells)

    def _is_page_number(self, text: str, index: int) -> bool:
        """A lone cell that is a page's number: a text's bare number at the line's start
        (unless a label row waits for it), or a footer such as ``- 1 -`` anywhere."""
        squeezed = squeeze(text)
        if PAGE_FOOTER.match(squeezed):
            return not self._awaits_values()
        return (index == 0 and not self.grid.addressed and _PAGE_NUMBER.match(squeezed)
                is not None and not self._awaits_values())

    def _awaits_values(self) -> bool:
        """A row of labels waits for its values in the row below: a lone number there is
        the amount (``项目年度金额`` then ``10``), not a page number."""
        return self.state == "header" and self.header is not None \
            and self.header.pending is not None

    def _heading(self, row: int, cells: list, text: str) -> bool:
        """A table title or unit line: ends the rows above (a page break, or the next table)."""
        if "表" not in text and "单位" not in text:  # every title ends with 表
            return False
        if not all(is_heading_cell(raw) for raw in cells if raw != "" and raw is not None):
            return False
        self._take_unit(cells)
        if self.state == "header" and self.header is not None:
            self.header.feed(row, cells)  # a goal's line that ends in 表 is part of the goal
            return True
        if (year := title_year(text)) is not None:
            self.context.years.append(year)
        if is_self_evaluation_title(text):
            self.self_evaluation_title = True
        if self.state == "instructions":  # the next table's title ends the instructions
            self.state = "outside"
        if self.state in ("indicators", "break"):
            self.state = "break"
        if self.context.trace is not None:
            self._trace(row, "title", f"标题：{text}")
        return True

    # --- header rows --------------------------------------------------------------------

    def _header_row(self, row: int, cells: list) -> None:
        # Outside a table any header field starts one; inside, a second 项目名称 does (every
        # spelling of it has 项目).
        outside = self.state == "outside"
        if outside and (self._project_list(row, cells) or self._instructions(row, cells)):
            return
        fields = fields_of(cells) if outside or any(
            raw.__class__ is str and "项目" in raw for raw in cells) else []
        if fields and (outside or self._starts_project(fields)):
            self._new_project()
            self.state = "header"
        if self.state != "header" or self.header is None:
            self._outside(row, cells)
            return
        if self._header_note(row, cells):
            return
        if self._headerless_table(row, cells):
            return
        self.header.feed(row, cells)

    def _project_list(self, row: int, cells: list) -> bool:
        """A project list's header (序号 | 项目名称 | 项目金额 | 备注) over its rows, one per
        project (``lists.py``): no project starts, and its rows are the department's
        reading notes (R003), never a project nor the next table's header."""
        if not is_list_header(cells) or not heads_list(self.grid.rows, row):
            return False
        self.state = "list"
        self._trace(row, "skipped", "项目清单的表头，其下各行不是绩效目标表："
                    + joined(self.grid, row, cells))
        return True

    def _list_row(self, row: int, cells: list) -> None:
        """A row of a project list: a department note with its cell; its 合计 row is its
        last, and any other row (a label, a title, a lone cell) ends it unread here."""
        if not is_record(cells):
            self.state = "outside"
            self._header_row(row, cells)
            return
        text = joined(self.grid, row, cells)
        first = first_filled(cells)
        self.orphan_notes.append(ReadingNote(
            text, LIST_ROW, self.grid.sheet_at(row),
            self.grid.cell(row, first[0] if first else 0), self.grid.line(row)))
        self._trace(row, "note", f"{LIST_ROW}：{text}")
        if is_total(cells):
            self.state = "outside"

    def _headerless_table(self, row: int, cells: list) -> bool:
        """A project stacked under another on one sheet whose table does not repeat the
        indicator header: its header block, then at once its first indicator row — a
        一级 label (产出指标) in the 一级 column of the table above, every cell under that
        table's headers, a 三级 among them. Its rows are read under those columns (before,
        each was a header note and the project had no indicators: W001, C001)."""
        columns = self.last_columns
        level1 = columns.index_of("level1") if columns is not None else None
        name = columns.index_of("name") if columns is not None else None
        if columns is None or level1 is None or name is None or len(cells) <= name \
                or is_blank(cells[name]) or not isinstance(cells[level1], str) \
                or not kinds.kind_of(cells[level1])[1] & 1:
            return False
        placed = place(cells, columns, self.grid.addressed)
        if placed is None or placed.impossible or not placed.in_place:
            return False
        self._start_block(row, columns)
        self._trace(row, "header", "本表没有重复指标表头，沿用上一张表的指标表头")
        self._placed_row(row, cells, placed)
        return True

    def _instructions(self, row: int, cells: list) -> bool:
        """``填表说明：`` alone on its row outside a table (or ``注：1.…``): the form's
        instructions begin. Their numbered lines (``1.项目名称：按预算系统填写``) name the
        form's labels; read as a header they made a project named by the instruction
        (W001, C001, H002 on a table that is not one)."""
        first = first_filled(cells)
        if first is None or not isinstance(first[1], str) or not is_lone(cells, first[0]) \
                or not is_instructions_heading(first[1]):
            return False
        self.state = "instructions"
        self._skip_instruction(row, cells)
        return True

    def _instruction_row(self, row: int, cells: list, index: int, text: str | None) -> None:
        """A row under the instructions' heading: a numbered line, or a lone line that names
        no field (a numbered line's wrapped end), is skipped; any other row ends them and
        is read as it would be outside a table. On a 填表说明 sheet every row is one."""
        lone = text is not None and is_lone(cells, index)
        if self.instructions_sheet or (text is not None and is_numbered_line(text)) or (
                lone and not fields_of(cells)):
            self._skip_instruction(row, cells)
            return
        self.state = "outside"
        self._header_row(row, cells)

    def _skip_instruction(self, row: int, cells: list) -> None:
        """An instruction is the form's, not the project's: not read, its template text kept
        for rule T004 where it stands under a table (as a ``注：`` row there is)."""
        self._template_note(row, cells)
        self._trace(row, "skipped", "填表说明，未读取：" + joined(self.grid, row, cells))

    def _header_note(self, row: int, cells: list) -> bool:
        """A ``注：…`` row in the header block (the template's 注：各地请根据实际情况… left
        under the goal): skipped and kept for rule T004, never a further line of the goal."""
        first = first_filled(cells)
        if first is None or not isinstance(first[1], str) or not is_lone(cells, first[0]) \
                or not is_note(first[1]):
            return False
        self._template_note(row, cells)
        self._trace(row, "skipped", f"注释行，未读取：{first[1].strip()[:40]}")
        return True

    def _outside(self, row: int, cells: list) -> None:
        """A row outside every table: before the first one, kept as a note when it has two
        or more cells (a title has one); after a table's last row, when it reads like an
        indicator row (with a value or weight) — so nothing that might be content is lost."""
        block = self.block
        if self._form_row(row, cells):
            return
        if self.project is None and filled_count(cells) >= 2:
            # Cells above the first table (预算项目名称 | 某项目: a label the vocabulary
            # lacks) are no title: kept as a note, so the reader never drops a field unsaid.
            self._note(row, cells, "在第一个表格之前")
            return
        placed = place(cells, block.columns, self.grid.addressed) if block else None
        if placed is not None and not placed.impossible and len(_values(placed)) >= 2 \
                and any(role in _CONTENT_ROLES for role, _ in _values(placed)):
            self._note(row, cells, "在表格结束行之后，未作为指标读取")
            return
        self._template_note(row, cells)
        self._trace(row, "outside", "表格之外，未读取：" + joined(self.grid, row, cells))

    def _form_row(self, row: int, cells: list) -> bool:
        """A row of the form itself after a table, not content: the signers' rows under it
        (填表人 | 张三 | 联系电话 | …, first cell a stop-row label) or the next table's top
        (填报单位:(盖章) | 单位:万元). Skipped, and the trace says so."""
        first = first_filled(cells)
        text = first[1] if first is not None and isinstance(first[1], str) else ""
        form_line = is_form_line(cells)
        if form_line:  # 填报单位（盖章）：某厅 | 单位：元 — the unit of the table below
            self._take_unit(cells)
        if text and (is_stop_row_label(text) or is_review_line(_texts(cells))):
            self._trace(row, "skipped",
                        "表格之后的签字栏，未读取：" + joined(self.grid, row, cells))
            return True
        if form_line:
            self.context.years.extend(year for raw in cells if (year := title_year(raw)))
            self._trace(row, "skipped", "表头说明行，未读取：" + joined(self.grid, row, cells))
            return True
        return False

    def _take_unit(self, cells: list) -> None:
        """单位：元 in a row above a table: its amounts are in that unit, until another unit
        line."""
        line = "".join(raw for raw in cells if isinstance(raw, str))
        unit = AMOUNT_UNIT_IN_TEXT.search(unicodedata.normalize("NFKC", line))
        divisor = divisor_of(unit.group(1)) if unit else None
        if divisor is not None:
            self.context.divisor, self.context.unit_stated = divisor, True

    def _starts_project(self, fields: list[str]) -> bool:
        """A second 项目名称 (or any field the current project has) starts the next table."""
        return self.header is not None and any(f in self.header.seen for f in fields
                                               if f == "name")

    def _new_project(self) -> None:
        self._close()
        self.project = Project(name="", sheet=self.grid.sheet_at(self.row))
        self.projects.append(self.project)
        self.first_repair = len(self.grid.normalizations)
        self.header = HeaderReader(self.grid, self.project, self.context.divisor,
                                   self.context.trace)
        self.block = None

    def _indicator_header(self, row: int, cells: list) -> IndicatorColumns | None:
        """The row's indicator columns, if it is an indicator header; the row above is
        looked at only then: a group row naming the sides, or the upper row of a header
        on two rows (绩效指标 | 绩效值 over 一级指标 | 二级指标 | 三级指标)."""
        if not self._may_be_header(cells):
            return None
        columns = indicator_header(cells)
        if columns is not None:
            columns = indicator_header(cells, self._above(row), not self.grid.addressed)
        return columns

    def _may_be_header(self, cells: list) -> bool:
        """Cheap test before ``indicator_header``: some cell names a level column (一级指标,
        指标内容, 三级 …: each has 指标 or 级)."""
        for raw in cells:  # noqa: SIM110  (a loop with an early exit: the fastest test here)
            if raw.__class__ is str and ("指标" in raw or "级" in raw):
                return True
        return False

    # --- indicator rows -----------------------------------------------------------------

    def _start_block(self, row: int, columns: IndicatorColumns) -> None:
        # The header repeated on a new page: the block goes on (its merged 一级/二级 too).
        continued = self._end_repeat(self._next_filled(row)) if self.state == "repeat" else (
            self.block if self.state in ("indicators", "break") else None)
        flat_goes_on = columns.flat and continued is not None and same_columns(
            continued.columns, columns)
        if self.project is None or (columns.flat and self.state != "header"
                                    and not flat_goes_on):
            if not columns.flat:
                self._new_project()
            else:
                self._close()
                self.project = None
                self.header = None
                if self.state == "outside":
                    self.flat_top = None
        elif columns.flat and not self.project.name:
            self._flat_top()
        columns, split_row = self._split_value(row, columns)
        side = "annual"
        for column in columns.columns:
            if column.role == "block" and (found := block_side(column.header)):
                side = found
        columns = columns.on_side(side)  # a stacked 长期绩效指标 block: its rows are long-term
        self.block = _Block(columns, side)
        if side == "annual" and not columns.flat:
            self.last_columns = columns
        if continued is not None and (flat_goes_on or (not columns.flat and same_columns(
                continued.columns, columns))):
            self.block.carried = continued.carried  # a flat list's project cells too
        if side == "annual":
            self.block.fast = fast_rows(columns)
        self.state = "indicators"
        if self.project is not None:
            self._note_columns(self.project, columns)
        if continued is None:
            self._note_unread_columns(row, columns)
        if self.context.trace is not None:
            roles = "、".join(f"{c.header}" for c in columns.columns if c.role != "other")
            self._trace(row, "header", f"指标表头：{roles}" + "".join(
                f"（{note}）" for note in columns.notes))
            if split_row is not None:
                self._trace(split_row, "header", "指标表头第二行：" + joined(
                    self.grid, split_row, self.grid.rows[split_row]))

    def _split_value(self, row: int,
                     columns: IndicatorColumns) -> tuple[IndicatorColumns, int | None]:
        """The header's columns with its 指标值 split on the row below into last year's
        actual and this year's target (``columns.value_split``), and that row: the
        header's, reading goes on after it. The columns as they are (and None) for any
        other row below."""
        below = self._next_filled(row)
        if below is None or columns.flat:
            return columns, None
        split = value_split(columns, self.grid.rows[below], not self.grid.addressed)
        if split is None:
            return columns, None
        self.resume = max(self.resume, below + 1)
        return split, below

    def _flat_top(self) -> None:
        """The lines above a flat list that name no project (``单位名称：某局`` over the 云南
        export): not a project of their own (before 2026-12-03 a project named '' holding
        the list's column notes, H001, H002). Their 单位名称/主管部门 are the list's projects'
        where its rows name none; their notes are the department's. Lines giving anything
        else (an amount, a goal) stay the project they were."""
        project, header = self.project, self.header
        assert project is not None and header is not None
        if not header.seen <= set(_FLAT_TOP_FIELDS) or project.indicators:
            return
        self._close()
        self.projects.remove(project)
        self.orphan_notes.extend(project.notes)
        self.flat_top = project
        self.project = None

    def _take_flat_tops(self, kept: set[int]) -> None:
        """The 单位名称/主管部门 of the lines above a flat list, for its projects (``kept``:
        those read as tables) whose rows name none — only once the projects are chosen, so
        that a unit's own row (a 项目名称 and nothing else) is not made a table by them. A
        value no project takes (every row names another unit) is a note where it stood, as
        a unit above a table's own gives way (``header.py``)."""
        tops: dict[int, tuple[Project, set[str]]] = {}
        for project, top in self.flat_tops:
            if id(project) not in kept:
                continue
            used = tops.setdefault(id(top), (top, set()))[1]
            for key in _FLAT_TOP_FIELDS:
                value = getattr(top, key)
                if value and not getattr(project, key):
                    setattr(project, key, value)
                if value:
                    project.labels = (project.labels or frozenset()) | {key}
                    if getattr(project, key) == value:
                        used.add(key)
        for top, used in tops.values():
            for key in _FLAT_TOP_FIELDS:
                if getattr(top, key) and key not in used:
                    self.orphan_notes.append(ReadingNote(
                        getattr(top, key), f"清单之上的{_FIELD_NAMES[key]}，各项目取清单中各行"
                        "所写的单位，此值未读取", top.sheet, top.cells.get(key),
                        top.lines.get(key), part="header"))

    def _note_unread_columns(self, row: int, columns: IndicatorColumns) -> None:
        """A column no field reads (考核方式, 年初目标值 before the vocabulary had it): one
        note per table with its header cell, so that leaving its cells out is never silent."""
        for column in columns.columns:
            if column.role != "other":
                continue
            header = column.header.strip()
            note = ReadingNote(header, UNREAD_COLUMN.format(header), self.grid.sheet_at(row),
                               self.grid.cell(row, column.index), self.grid.line(row))
            (self.project.notes if self.project is not None else self.orphan_notes).append(note)

    def _indicator_row(self, row: int, cells: list, index: int, raw: object,
                       text: str | None) -> None:
        block = self.block
        assert block is not None
        if text is not None:
            lone = is_lone(cells, index)
            if is_stop_row_label(text) or (lone and ends_table(text)
                                           and not self._cut_sentence(row, block)) \
                    or is_review_line(_texts(cells)):
                self._total(row, text, block, cells, index)
                self.state = "outside"
                if not lone and is_closing_content(text):
                    self._note(row, cells, CLOSING_CONTENT)
                if self.context.trace is not None:
                    self._trace(row, "stop", f"表格结束：{joined(self.grid, row, cells)}")
                return
            if lone and is_block_title(text):
                self._trace(row, "skipped", f"指标分区标题：{text}")
                return
            if is_placeholder(text) and lone:
                self._trace(row, "skipped", "占位行（……），未读取")
                return
            if is_note(text):
                block.after_note = True
                self._template_note(row, cells)
                self._trace(row, "skipped", f"注释行，未读取：{text[:40]}")
                return
            if is_execution_rate(text):  # 预算执行率 | | | 10 | 100% | 98% | 9.8 (a 10号 form)
                self._note(row, cells, EXECUTION_RATE)
                return
            fields = fields_of(cells)
            if "name" in fields and not block.columns.flat:
                if self._continues(row):
                    return
                self._new_project()
                self.state = "header"
                assert self.header is not None
                self.header.feed(row, cells)
                return
        if block.columns.flat and is_unit_total(cells):
            self._note(row, cells, UNIT_TOTAL)
            return
        if self._is_text:
            cells = self._uncut(row, cells, block)
        placed, beyond = self._within_table(cells, block.columns)
        if placed is None:
            placed = place(cells, block.columns, self.grid.addressed)
        if placed is None:
            return
        self._placed_row(row, cells, placed)
        if beyond is not None:
            self._note(row, beyond, BEYOND_TABLE)

    def _within_table(self, cells: list,
                      columns: IndicatorColumns) -> tuple[Placed | None, list | None]:
        """A sheet row read without the cells right of the indicator header's last column
        (a ``TRUE``, a ``√``, a remark typed beside the table), and those cells; (None,
        None) for any other row.

        On a sheet cells do not move: a cell with no header above it, right of the table,
        is no part of the row when the rest is an intact indicator row (every cell under
        its header, a 三级 in its column). The row is read without it and the cell is a
        reading note; before, the whole row was a note, and the 一级/二级 merged down from
        it were lost for the rows below (S001 on each). A row that is not intact without
        them is placed whole, as before."""
        width = columns.width
        if not self.grid.addressed or len(cells) <= width \
                or all(is_blank(raw) for raw in cells[width:]):
            return None, None
        placed = place(cells[:width], columns, True)
        name = columns.index_of("name")
        if placed is None or placed.impossible or not placed.in_place or name is None \
                or is_blank(cells[name]):
            return None, None
        return placed, [""] * width + list(cells[width:])

    @property
    def _is_text(self) -> bool:
        """A text's lines (not a sheet, not a document's tables, whose cells keep their
        own line breaks): where a row may be cut at a cell's wrapped line."""
        return not self.grid.addressed and self.grid.places is None

    def _cut_sentence(self, row: int, block: _Block) -> bool:
        """Whether a lone sentence (`根据《…办` under the 三级, its leading tabs kept) is the
        first line of a cell a PDF copy cut where it wrapped: the lines below complete the
        row with its weight (``wrapped.py``). A notice sentence after the table ends the
        rows; a 三级 that begins like one (根据《…》要求，…) goes on with them."""
        return self._is_text and cut_row(self.grid.rows, row, block.columns) is not None

    def _uncut(self, row: int, cells: list, block: _Block) -> list:
        """A row a PDF copy cut where a cell wrapped (``wrapped.py``), joined back: its
        further lines are read with it, not as rows of their own."""
        cut = cut_row(self.grid.rows, row, block.columns)
        if cut is None:
            return cells
        joined, last = cut
        self.resume = last + 1
        self._trace(row, "joined", f"单元格内换行，与下 {last - row} 行合并为一行："
                    + " | ".join(str(cell) for cell in joined if not is_blank(cell)))
        return joined

    def _continues(self, row: int, after_title: bool = False) -> bool:
        """A 项目名称 row naming the project being read: its table goes on (a new page
        repeating the name or the header block, ``continued.py``); ``after_title``: the
        page repeated the table's title too (``RepeatedHeader.starts_over`` decides)."""
        repeat = RepeatedHeader.of(self.grid, self.header, self.block, row)
        if repeat is None:
            return False
        repeat.after_title = after_title
        self.repeat, self.state = repeat, "repeat"
        self._trace(row, "skipped", "续页重复的项目名称，同一项目继续")
        return True

    def _repeated_row(self, row: int, cells: list, index: int, raw: object,
                      text: str | None) -> None:
        """A row after the repeated 项目名称: more of the repeated header block, or the
        first indicator row of the page (only the name was repeated)."""
        assert self.repeat is not None
        if self.repeat.takes(cells):
            self.repeat.feed(row)
            self._trace(row, "skipped", "续页重复的表头，与首页核对后未读取")
            return
        self._end_repeat(row)
        self._indicator_row(row, cells, index, raw, text)

    def _end_repeat(self, first: int | None = None) -> _Block | None:
        """Back to the indicator rows of the block the repeated header continues — or, when
        ``first`` (the next indicator row) begins the table again, on to another table of
        the same name (rule H004 names it), the repeated block its header."""
        repeat, self.repeat = self.repeat, None
        if repeat is None or self.project is None:
            return None
        self.state = "indicators"
        if first is not None and repeat.starts_over(first, self.project):
            self._close()
            self.project, self.header = repeat.scratch.project, repeat.scratch
            self.project.sheet = self.grid.sheet_at(repeat.start)
            self.projects.append(self.project)
            self.first_repair = repeat.repairs
            self.block = _Block(repeat.block.columns, repeat.block.side)
            self.block.fast = fast_rows(repeat.block.columns) if self.block.side == "annual" \
                else None
            return None
        repeat.finish(self.project)
        self.block = repeat.block
        return self.block

    def _next_filled(self, row: int) -> int | None:
        rows = self.grid.rows
        return next((index for index in range(row + 1, len(rows))
                     if first_filled(rows[index]) is not None), None)

    def _fast_rows(self, start: int, fast: FastRows) -> int:
        """Intact rows of a plain table from ``start`` (which fits) on, read as
        ``_placed_row`` reads them (``fast.py``); returns the first row that does not fit.

        The hot loop of reading (a city's batch has about a million rows), written as one
        loop over a run of rows so that the block's columns and the grid's and project's
        attributes are looked up once per run, not once per row; a row's cells are taken
        from its list once and the common cases (text needing no trim, a float weight, a
        label seen before) are decided inline.
        """
        grid, block = self.grid, self.block
        assert block is not None
        rows, formulas, carried = grid.rows, grid.formula_rows(), block.carried
        level1_column, level2_column, name_column = fast.level1, fast.level2, fast.name
        weight_column, value_column = fast.weight, fast.value
        name_letter, weight_letter = fast.name_letter, fast.weight_letter
        level2_letter = fast.level2_letter
        addressed, lines, fits = grid.addressed, grid.lines, fast.fits
        sheet = grid.sheet if grid.places is None else None  # else each row's own place
        clean = self.clean_labels  # labels that need no repair, as read
        tracing, scored = self.context.trace is not None, self.self_evaluation_title
        row, count = start, len(rows)
        if grid.hidden:  # a hidden row's note is made in ``read``: a run stops before one
            count = min((r for r in grid.hidden if r > start), default=count)
        while row < count:
            cells = grid.values(row) if row in formulas else rows[row]
            if row != start and not fits(cells):
                break
            self.row = row
            first, second, name = cells[level1_column], cells[level2_column], cells[name_column]
            weight = cells[weight_column] if weight_column is not None else ""
            value = cells[value_column] if value_column is not None else ""
            if first != "":
                label = clean.get(first) or self._label((level1_column, first))
                if carried.get(_LEVEL1) != label:
                    carried.pop(_LEVEL2, None)
                carried[_LEVEL1] = label
            if second != "":
                carried[_LEVEL2] = clean.get(second) or self._label((level2_column, second))
            trimmed = name.strip(BLANK_CHARS) if name.__class__ is str else ""
            weight_blank = weight == "" or weight is None or (
                weight.__class__ is str and not weight.strip(BLANK_CHARS))
            value_blank = value == "" or value is None or (
                value.__class__ is str and not value.strip(BLANK_CHARS))
            if not trimmed and weight_blank and value_blank:
                self._trace(row, "levels", "只有一级/二级，向下沿用")
                row += 1
                continue
            if self.project is None:
                self._new_project()
            project = self.project
            assert project is not None
            if len(project.indicators) >= MAX_INDICATOR_ROWS:
                self._too_many(row)
            line = row + 1 if lines is None else lines[row]
            text = trimmed if trimmed == name else grid.text_of(name, row, name_column)
            number: Number = None
            if weight_column is not None:
                if weight.__class__ is float:
                    number = weight
                elif not weight_blank:
                    number, repairs = parse_weight(weight)
                    if repairs:
                        grid.note(repairs, weight, row, weight_column, None)
            shown = None if value_blank else (grid.text_of(value, row, value_column) or None)
            applies = len(text) > 2 and "适" not in text and "涉" not in text  # see below
            item = Indicator(
                carried.get(_LEVEL1, ""), carried.get(_LEVEL2, ""), text, number, shown,
                False if applies else is_not_applicable(text),  # its own first test, inline
                sheet if sheet is not None else grid.sheet_at(row),
                f"{name_letter}{line}" if addressed else None,
                f"{weight_letter}{line}" if addressed and weight_column is not None else None,
                line)
            if addressed:
                item.level2_cell = f"{level2_letter}{line}"
            if scored:
                item.score = item.weight
            project.indicators.append(item)
            if tracing:
                self._trace(row, "indicator", f"指标：{item.level1} / {item.level2} / "
                            f"{item.name}" + (f" / {item.value}" if item.value else "")
                            + (f" / 权重 {item.weight}" if item.weight is not None else ""))
            row += 1
        return row

    def _too_many(self, row: int) -> None:
        from xlperf.errors import InputError

        raise InputError(f"指标行超过 {MAX_INDICATOR_ROWS} 行，不像一张绩效目标表；"
                         "请删除多余的行后再试", sheet=self.grid.sheet_at(row),
                         cell=self.grid.cell(row, 0))

    def _total(self, row: int, text: str, block: _Block, cells: list, index: int) -> None:
        """The 合计/总分 row of a table with weights: where its live weight total is, and
        the total it states (rule W007 adds the scores up against it)."""
        column = block.columns.index_of("weight")
        if self.project is None or column is None or label_key(text) not in _TOTALS:
            return
        self.project.total_cell = self.grid.cell(row, column)
        # A browser copy leaves out the cells a merged label covers: there the first
        # number after the label is the total — but not a flat list's number under 预算数,
        # which is the amounts' total (2,200,000.00 + …), not the scores'.
        amount = block.columns.index_of("project_amount")
        stated = cells[column] if self.grid.addressed and column < len(cells) else next(
            (raw for at, raw in enumerate(cells[index + 1:], index + 1)
             if not is_blank(raw) and at != amount), None)
        value, _ = parse_weight(stated) if stated is not None else (None, "")
        if isinstance(value, float) and value == value:
            self.project.stated_total = value

    def _after_break(self, row: int, cells: list, index: int, raw: object,
                     text: str | None) -> None:
        """After a heading inside a table: a new project, or the same table continued."""
        fields = fields_of(cells)
        block = self.block
        if "name" in fields and block is not None and not block.columns.flat \
                and self._continues(row, after_title=True):
            return  # the title repeated on a new page, then the same 项目名称
        if fields:
            self.state = "outside"
            self._header_row(row, cells)
            return
        kind = kinds.kind_of(raw)[0]
        if (index > 0 and not self.grid.addressed) or kind == kinds.LEVEL:
            self.state = "indicators"
            self._indicator_row(row, cells, index, raw, text)
            return
        self._trace(row, "outside", "标题之后，未读取：" + joined(self.grid, row, cells))

    def _placed_row(self, row: int, cells: list, placed: Placed) -> None:
        block = self.block
        assert block is not None
        values = _values(placed) if placed.in_place else self._second_level(block,
                                                                             _values(placed))
        content = [role for role in values if role[0] in _CONTENT_ROLES]
        if block.after_note and not placed.impossible and _starts_with_level(placed):
            block.after_note = False  # the note stood between two 一级: the table goes on
        if placed.impossible or (block.after_note and not placed.in_place):
            self._note(row, cells, "无法确定各单元格属于哪一列")
            return
        if not content and self._unit_row(row, block, values):
            return
        if not content and not (block.columns.flat and ("project", "annual") in values):
            self._carry(block, values)
            if any(role[0] in ("level1", "level2", "category") for role in values):
                self._trace(row, "levels", "只有一级/二级，向下沿用")
            else:
                self._trace(row, "skipped", "没有指标内容（如单位合计行），未读取："
                            + joined(self.grid, row, cells))
            return
        if self._level_subtotal(row, block, values):
            return
        project = self._project_for(row, block, values)
        if project is None:
            self._note(row, cells, "没有项目名称，无法确定属于哪个项目")
            return
        if not content:
            self._carry(block, values)
            return
        if self._lone_text(values, block, placed) and not _cells_to_the_end(cells, block,
                                                                            values):
            self._note(row, cells, "只有一段文字，无法确定是否为指标")
            return
        self._carry(block, values)
        if len(project.indicators) >= MAX_INDICATOR_ROWS:
            self._too_many(row)
        items = [(side, item) for side in ("annual", "long_term")
                 if (item := self._indicator(row, block, values, side)) is not None]
        if not items:  # 保障绩效目标实现措施 under 绩效标准 alone: text, but no indicator's
            self._note(row, cells, NO_INDICATOR)
        for side, item in items:
            target = project.indicators if side == "annual" else project.long_term_indicators
            target.append(item)
            where = "长期指标" if side == "long_term" else "指标"
            self._trace(row, "indicator", f"{where}：{item.level1} / {item.level2} / "
                        f"{item.name}" + (f" / {item.value}" if item.value else "")
                        + (f" / 权重 {item.weight}" if item.weight is not None else ""))

    def _level_subtotal(self, row: int, block: _Block, values: dict) -> bool:
        """A 一级 with its score and nothing else (``产出指标 | | | | | 50 | 49``, a
        self-evaluation's subtotal row): a row of levels, never an indicator. Its 分值 is
        kept with the 一级 as forms that write it in the label do (``产出指标(50分)``); its
        得分 is the sum of the rows below, which hold their own."""
        roles = {role for role, _ in values}
        if "level1" not in roles or not roles & {"weight", "points"} \
                or not roles <= {"level1", "weight", "points"}:
            return False
        self._carry(block, values)
        label = str(block.carried.get(_LEVEL1, ""))
        weight = values.get(("weight", "annual"))
        score = parse_weight(weight[1])[0] if weight is not None else None
        if isinstance(score, float) and level_score(label) is None:
            label = block.carried[_LEVEL1] = f"{label}({format_number(score)}分)"
        self._trace(row, "levels", f"一级指标的小计行，不是指标：{label}，向下沿用")
        return True

    def _second_level(self, block: _Block, values: dict) -> dict:
        """成本指标 names a 一级 (cost as a first level) and a 二级 (under 产出指标): placed
        in the 一级 column of a row that lost cells and has no 二级, under a 一级 that has
        it as a child, it is that 二级 (a browser copy left the merged 一级 cell out)."""
        first = values.get(("level1", "annual"))
        carried = block.carried.get(("level1", "label"))
        if (first is None or not carried or not isinstance(first[1], str)
                or kinds.level_of(first[1]) != 3):
            return values
        # 长期/年度 pairs: the side whose 二级 column comes first and is not in the row (the
        # cell stands left of that side's 三级; the other side's 二级 may be its own cell).
        level2 = [c.side for c in sorted(block.columns.columns, key=lambda c: c.index)
                  if c.role == "level2"] or ["annual"]
        sides = [side for side in level2 if ("level2", side) not in values]
        if not sides or not is_child(str(carried), first[1]):
            return values
        values = dict(values)
        side = "long_term" if block.side == "long_term" else sides[0]  # a 长期 block's 二级
        values[("level2", side)] = values.pop(("level1", "annual"))
        return values

    def _lone_text(self, values: dict, block: _Block, placed: Placed) -> bool:
        """A text line with one cell of prose that lost its place (a signature, an org name)
        is not taken for an indicator of a table that has values or weights to give it;
        under its own header (the tabs kept) it is one. On a sheet every cell stands in its
        column, so only one outside the indicator columns is such a line (`_off_columns`)."""
        if placed.in_place:
            return False
        roles = {role for role, _ in values}
        data = block.columns.roles() & {"value", "weight"}
        name = values.get(("name", "annual")) or values.get(("name", "long_term"))
        if not (roles <= {"name"} and bool(data) and name is not None
                and kinds.kind_of(name[1])[0] == kinds.TEXT):
            return False
        return not self.grid.addressed or _off_columns(block, name[0])

    def _project_for(self, row: int, block: _Block, values: dict) -> Project | None:
        """The project a row belongs to; in a flat list, the one its 项目名称 names."""
        if not block.columns.flat:
            if self.project is None:
                self._new_project()
            return self.project
        named = values.get(("project", "annual"))
        if named is not None and not is_blank(named[1]):
            name = self.grid.text_of(named[1], row, named[0])
            key = (self._unit_of(row, values), name)
            project = self._flat_project(key)
            if project is None:
                project = Project(name=name, sheet=self.grid.sheet_at(row))
                self._note_columns(project, block.columns)
                self.flat[key] = project
                self.projects.append(project)
                for key in [k for k in block.carried if k[0] != "project_unit"]:
                    del block.carried[key]  # a unit's cell may span several projects
                self._flat_fields(project, row, values)
                self._trace(row, "field", f"项目名称：{name}")
            self.project = project
        elif self.project is not None:
            self._goal_continued(row, values)
        return self.project

    def _unit_row(self, row: int, block: _Block, values: dict) -> bool:
        """Under 单位名称、项目名称 (the 云南 export), a row with that cell alone is the unit
        (`某单位`), whose projects follow on rows of their own: it is carried down as their
        单位名称 (实施单位), never a project."""
        if not block.columns.units_in_project or set(values) != {("project", "annual")}:
            return False
        index, raw = values[("project", "annual")]
        block.carried[("project_unit", "annual")] = (index, raw)
        self._trace(row, "field", f"单位名称：{self.grid.text_of(raw, row, index)}")
        return True

    def _unit_of(self, row: int, values: dict) -> str | None:
        """The 单位名称 a flat list's row stands under: its own cell, or the merged one
        carried down from the rows above; None where the list has no such column."""
        unit = values.get(("project_unit", "annual")) or self._carried("project_unit")
        if unit is None or is_blank(unit[1]):
            return None
        return self.grid.text_of(unit[1], row, unit[0])

    def _flat_project(self, key: tuple[str | None, str]) -> Project | None:
        """A flat list's project is its (单位名称, 项目名称): two units' projects of one
        name are two projects. A row whose unit is not known (its merged cell cut off at a
        page break) continues the latest project of that name."""
        project = self.flat.get(key)
        if project is not None or key[0] is not None:
            return project
        return next((p for (_, name), p in reversed(self.flat.items()) if name == key[1]),
                    None)

    def _goal_continued(self, row: int, values: dict) -> None:
        """A flat list's merged 年度目标 cut at a page break (a PDF): the rest of the goal
        stands in the first row of the next page, which leaves the project's name out.
        It is the goal's end, not another goal (a project has one)."""
        goal = values.get(("project_goal", "annual"))
        project = self.project
        if goal is None or is_blank(goal[1]) or project is None:
            return
        text = self.grid.text_of(goal[1], row, goal[0])
        if text and project.goal and text != project.goal and not project.goal.endswith(text):
            project.goal += text
            self._trace(row, "field", f"年度目标（续页）：{text}")

    def _flat_fields(self, project: Project, row: int, values: dict) -> None:
        project.layout = "flat_list"
        roles = {c.role for c in self.block.columns.columns} if self.block else set()
        if self.block is not None and self.block.columns.units_in_project:
            roles.add("project_unit")  # 单位名称、项目名称: the unit's rows give 实施单位
        project.labels = frozenset(field for role, field in _FLAT_FIELDS.items() if role in roles)
        project.lines["name"] = self.grid.line(row)
        if (cell := self.grid.cell(row, values[("project", "annual")][0])) is not None:
            project.cells["name"] = cell
        unit = values.get(("project_unit", "annual")) or self._carried("project_unit")
        if unit is not None:
            project.implementing_unit = self.grid.text_of(unit[1], row, unit[0])
        if self.flat_top is not None:  # 单位名称：某局 above the list, once the list is read
            self.flat_tops.append((project, self.flat_top))
        amount = values.get(("project_amount", "annual"))
        if amount is not None:
            divisor, assumed = self._flat_divisor()
            value, repairs = read_amount(amount[1], divisor)
            if assumed and isinstance(value, float) and "unit" not in repairs:
                repairs = [*repairs, FLAT_YUAN]  # rule T001 says the unit was taken as 元
            self.grid.note(repairs, amount[1], row, amount[0], project.name)
            project.amount = value
            if (cell := self.grid.cell(row, amount[0])) is not None:
                project.cells["amount"] = cell
        goal = values.get(("project_goal", "annual"))
        if goal is not None:
            project.goal = self.grid.text_of(goal[1], row, goal[0])
            if (cell := self.grid.cell(row, goal[0])) is not None:
                project.cells["goal"] = cell

    def _flat_divisor(self) -> tuple[float, bool]:
        """What a flat list's 预算数 is divided by to give 万元, and whether that was
        assumed: the column's own note (预算数（万元）), else a unit line above the table
        (金额单位：元), else 元 — the unit the budget system exports in, so 2,200,000.00 is
        220 万元, never 2 200 000 万元 (rule T001 says so on the cell)."""
        index = self.block.columns.index_of("project_amount") if self.block else None
        header = next((c.header for c in self.block.columns.columns if c.index == index),
                      "") if self.block and index is not None else ""
        own = divisor_of(bare_key(header)[1]) if header else None
        if own is not None:
            return own, False
        if self.context.unit_stated:
            return self.context.divisor, False
        return divisor_of(FLAT_LIST_UNIT) or 1.0, True

    def _carried(self, role: str) -> tuple[int, object] | None:
        if self.block is None:
            return None
        value = self.block.carried.get((role, "annual"))
        return value if isinstance(value, tuple) else None

    def _carry(self, block: _Block, values: dict) -> None:
        """Merged columns: a filled cell is carried down to the rows that leave it out.

        Labels are normalised here, once, where their cell is (a repair is noted there).
        """
        carried = block.carried
        first = values.get(("level1", "annual")) or values.get(("category", "annual"))
        if first is not None:
            label = self._label(first)
            if carried.get(("level1", "label")) != label:
                for key in [k for k in carried if k[0] == "level2"]:
                    del carried[key]
            carried[("level1", "label")] = label
        for (role, side), value in values.items():
            if role == "level2":
                carried[(role, side)] = self._label(value)
            elif role == "project_unit":
                carried[(role, side)] = value

    # --- building an indicator ----------------------------------------------------------

    def _indicator(self, row: int, block: _Block, values: dict, side: str) -> Indicator | None:
        own = "long_term" if side == "long_term" or block.side == "long_term" else "annual"
        if side == "long_term" and block.side != "long_term" and not block.columns.has_long_term:
            return None
        if side == "annual" and block.side == "long_term":
            return None

        def get(role: str) -> tuple[int, object] | None:
            return values.get((role, own)) or values.get((role, "annual")) \
                if role in ("level1", "category") else values.get((role, own))

        name = get("name")
        data = [get(role) for role in ("value", "weight", "comparator", "unit", "actual")]
        if name is None and not any(data):
            return None
        level1, level2 = self._levels(block, own)
        grid = self.grid
        text = grid.text_of(name[1], row, name[0]) if name else ""
        name_column = name[0] if name else block.columns.index_of("name", own)
        level2_column = block.columns.index_of("level2", own)
        item = Indicator(level1=level1, level2=level2, name=text,
                         not_applicable=is_not_applicable(text), sheet=grid.sheet_at(row),
                         cell=grid.cell(row, name_column) if name_column is not None else None,
                         row=grid.line(row),
                         level2_cell=grid.cell(row, level2_column)
                         if level2_column is not None else None)
        self._fill_values(item, row, block, get, own)
        return item

    def _levels(self, block: _Block, side: str) -> tuple[str, str]:
        carried = block.carried
        first = str(carried.get(("level1", "label"), ""))
        if block.columns.two_level:
            return category(first)
        second = carried.get(("level2", side)) or carried.get(("level2", "annual")) or ""
        return first, str(second)

    def _fill_values(self, item: Indicator, row: int, block: _Block, get, side: str) -> None:
        grid = self.grid
        weight = get("weight")
        weight_column = weight[0] if weight else block.columns.index_of("weight", side)
        if weight is not None or weight_column is not None:
            raw = weight[1] if weight else ""
            item.weight, repairs = parse_weight(raw if not is_blank(raw) else None)
            grid.note(repairs, raw, row, weight_column, None)
            if weight_column is not None:
                item.weight_cell = grid.cell(row, weight_column)
        target = get("value")
        texts = {role: grid.text_of(cell[1], row, cell[0])
                 for role in ("comparator", "type", "value", "unit", "direction")
                 if (cell := get(role)) is not None}
        direction_is_comparator = _comparator_under_direction(texts)
        if direction_is_comparator:
            texts["comparator"] = texts.pop("direction")
        if any(block.columns.index_of(role, side) is not None
               for role in ("comparator", "unit", "type")):
            _split_value(item, texts)
        elif target is not None:
            item.value = texts.get("value") or None
        for role in ("standard", "actual"):
            cell = get(role)
            if cell is not None and not is_blank(cell[1]):
                setattr(item, role, grid.text_of(cell[1], row, cell[0]))
        direction = get("direction")
        if direction is not None and not is_blank(direction[1]) and not direction_is_comparator:
            text = grid.text_of(direction[1], row, direction[0])
            item.direction = _DIRECTIONS.get(direction_of(text) or "", text)
        points = get("points")
        if points is not None and not is_blank(points[1]):
            item.points = parse_number(points[1])[0]
        if self._is_self_evaluation(block):
            item.score = item.weight

    def _label(self, cell: tuple[int, object]) -> str:
        """A 一级/二级 label with its code normalised (``１１－数量指标`` → ``11-数量指标``)."""
        raw = cell[1]
        original = raw.strip(BLANK_CHARS) if isinstance(raw, str) else str(raw)
        label, repairs = normalized_label(original)
        if repairs:
            self.grid.note(list(repairs), original, self.row, cell[0], None)
        elif raw == label:
            self.clean_labels[raw] = label
        return label

    # --- finishing ----------------------------------------------------------------------

    def _note(self, row: int, cells: list, reason: str) -> None:
        text = joined(self.grid, row, cells)
        first = first_filled(cells)
        note = ReadingNote(text, reason, self.grid.sheet_at(row),
                           self.grid.cell(row, first[0] if first else 0), self.grid.line(row))
        if self.project is not None:
            self.project.notes.append(note)
        else:
            self.orphan_notes.append(note)
        self._trace(row, "note", f"未识别（{reason}）：{text}")

    def _hidden_cells(self, row: int, cells: list[tuple[int, object, str]]) -> None:
        """The contents of a hidden row, or of a hidden column from this row on
        (``Grid.hidden``): not seen, printed nor published, so no part of the table; one
        note for the row, one for each column, says so."""
        grid = self.grid
        in_row = [(c, v) for c, v, kind in cells if kind == "row"]
        notes = []
        if in_row:
            notes.append((in_row[0][0], " | ".join(grid.text_of(v, row, c) for c, v in in_row),
                          HIDDEN_ROW))
        for column, values, kind in cells:
            if kind == "column" and isinstance(values, tuple):
                shown = [grid.text_of(v, row, column) for v in values[:_HIDDEN_SHOWN]]
                more = " …" if len(values) > _HIDDEN_SHOWN else ""
                notes.append((column, " | ".join(shown) + more,
                              HIDDEN_COLUMN.format(column_letter(column), len(values))))
        part = "indicators" if self.block is not None else "header"
        for column, text, reason in notes:
            note = ReadingNote(text, reason, grid.sheet_at(row), grid.cell(row, column),
                               grid.line(row), part)
            (self.project.notes if self.project is not None else self.orphan_notes).append(note)
            self._trace(row, "note", f"{reason}：{text}")

    def _template_note(self, row: int, cells: list) -> None:
        """A skipped row that is the template's instruction (注：各地请根据实际情况…)."""
        text = joined(self.grid, row, cells)
        if self.project is None or not has_template_text(text):
            return
        first = first_filled(cells)
        self.project.template_notes.append(ReadingNote(
            text, "模板中的填表说明", self.grid.sheet_at(row),
            self.grid.cell(row, first[0] if first else 0), self.grid.line(row)))

    def _note_columns(self, project: Project, columns: IndicatorColumns) -> None:
        """The form's columns are those of its annual block (a 长期 block adds none)."""
        long_term_block = any(c.role == "block" and block_side(c.header) == "long_term"
                              for c in columns.columns)
        annual = columns.index_of("name") is not None or columns.two_level
        if project.columns is None or (annual and not long_term_block):
            project.columns = columns.model_columns()

    def _is_self_evaluation(self, block: _Block) -> bool:
        return block.columns.self_evaluation or self.self_evaluation_title

    def _close(self) -> None:
        self._end_repeat()
        project = self.project
        if project is not None:
            project.framework = choose((i.level1, i.level2) for i in project.indicators)
            if self.block is not None and self.block.columns.two_level:
                project.framework = first_levels(project, project.framework)
        if project is not None and project.layout != "flat_list" and (
                self.block is not None or (self.header is not None and any(
                    header_field(label)[0] not in (None, "name") for label in self.header.labels))):
            # A flat list's project has the table's shape only through its own row: one
            # named and nothing else (a footer line after the list) is no project.
            self.table_like.add(id(project))
        if project is not None and project.layout != "flat_list":
            for repair in self.grid.normalizations[self.first_repair:]:
                repair.project = project.name or None
        if self.header is not None:
            self.header.finish()
            self.context.years.extend(self.header.years)
            if self.project is not None and not self.project.layout:
                self.project.layout = family(self.project, self.header.labels, self.block,
                                             self.self_evaluation_title)
        elif self.project is not None and not self.project.layout:
            self.project.layout = family(self.project, set(), self.block,
                                         self.self_evaluation_title)
        self.header = None

    def _trace(self, row: int, kind: str, message: str) -> None:
        if self.context.trace is not None:
            self.context.trace.add(self.grid, row, kind, message)


def _texts(cells: list) -> list[str]:
    """A row's filled cells as text, left to right (a reviewer's line is read from them)."""
    return [str(value).strip(BLANK_CHARS) for value in cells if not is_blank(value)]


_TOTALS = frozenset({"合计", "总计", "总分"})
_LEVEL1, _LEVEL2 = ("level1", "label"), ("level2", "annual")  # keys of _Block.carried
# A flat list's project columns and the header fields they give.
_FLAT_FIELDS = {"project": "name", "project_unit": "implementing_unit",
                "project_amount": "amount", "project_goal": "goal"}
# The fields the lines above a flat list may give all of its projects (``_flat_top``).
_FLAT_TOP_FIELDS = ("implementing_unit", "competent_department")
_FIELD_NAMES = {"implementing_unit": "实施单位", "competent_department": "主管部门"}
_CONTENT_ROLES = frozenset({"name", "value", "weight", "comparator", "unit", "actual", "points",
                            "standard"})


def _comparator_under_direction(texts: dict[str, str]) -> bool:
    """指标方向 beside 指标性质 is read as the direction (正向/反向); on forms whose 指标性质
    holds the type (定量/定性) the 指标方向 cell holds the comparator instead (≥, ≤, =):
    a symbol is never a direction, so it is the row's comparator when the 指标性质 cell
    holds none (blank or a type)."""
    direction = texts.get("direction")
    if not direction or comparator_of(direction) is None:
        return False
    written = texts.get("comparator") or ""
    return not written or indicator_type_of(written) is not None


def _split_value(item: Indicator, texts: dict[str, str]) -> None:
    """指标性质 / 指标值 / 度量单位 kept apart and joined into the value (≥ 100 % → ≥100%).

    定量/定性(指标) — under 指标性质 or a 指标类型 column — is the indicator's type, not a
    comparator, and never part of the value: a 定量 row's comparator is the cell that holds
    ≥ ≤ = (计算符号, or the start of its 指标值: ≥100); a 定性 row without one is 定性, as
    xlperf writes it, and its value the 指标值 alone."""
    written = texts.get("comparator") or ""
    kind = indicator_type_of(texts.get("type") or "")
    if written and (own := indicator_type_of(written)) is not None:
        kind, written = kind or own, ""
    target = texts.get("value") or ""
    symbol = comparator_of(written) if written else None
    if not written and kind == "quantitative" and (found := comparator_prefix(target)):
        symbol, written, target = found
    if symbol is None and not written and kind == "qualitative":
        symbol = "qualitative"
    item.comparator = _SYMBOLS.get(symbol or "", written or None)
    item.target = target or None
    item.unit = texts.get("unit") or None
    shown = "" if item.comparator == "定性" else written
    item.value = f"{shown}{target}{_unit_after(target, texts.get('unit', ''))}" or None


def _unit_after(target: str, unit: str) -> str:
    """The unit to write after the target: none when the target already ends with it.

    A 单位 column beside a 指标值 that carries its unit (``% | ≥95%``, ``座 | 1座``) says the
    unit once more; the value is ``≥95%``, not ``≥95%%``."""
    if unit and target and unicodedata.normalize("NFKC", target).rstrip().endswith(
            unicodedata.normalize("NFKC", unit).strip()):
        return ""
    return unit


def _cells_to_the_end(cells: list, block: _Block, values: dict) -> bool:
    """A browser copy's row of a 三级 whose other cells are empty (``指标4.不合格产品处置率⇥⇥``):
    the copy keeps the empty cells' tabs and leaves out only the merged cells at the row's
    start, so counted from the right its cells end under the header's last column and its
    text stands under the 三级. It is that indicator, with no value (rules say so), as the
    office's workbook reads it. A line without those tabs (a wrapped cell's tail, a line of
    prose) does not end there and stays a note."""
    name = values.get(("name", "annual")) or values.get(("name", "long_term"))
    if name is None or len(cells) < 2:
        return False
    shift = block.columns.width - len(cells)
    under = next((c for c in block.columns.columns if c.index == name[0] + shift), None)
    return shift > 0 and under is not None and under.role == "name"


def _off_columns(block: _Block, column: int) -> bool:
    """A sheet's text alone outside the 三级's column: under no indicator column, under the
    block label (绩效指标, merged down the indicator rows and ended above this row) or under
    a level column it is no level of. A caption between two tables on one sheet (`表2`,
    `表3：其他项目`) stands there; a 三级 never does — only a browser copy moves it left."""
    own = next((c for c in block.columns.columns if c.index == column), None)
    return own is None or own.role in ("block", "other", "level1", "level2", "category")


def _values(placed: Placed) -> dict[tuple[str, str], tuple[int, object]]:
    """(role, side) → (grid column, raw) of the row's filled cells."""
    values: dict[tuple[str, str], tuple[int, object]] = {}
    for column, index, raw in placed.cells:
        if column.role in ("other", "block", "reason") or is_blank(raw):
            continue
        values[(column.role, column.side)] = (index, raw)
    return values


def _is_table(project: Project, table_like: bool) -> bool:
    """A goal table, not a list that happens to have a 项目名称 column: indicators, or a
    name in a table's shape (other header labels, an indicator header) or with another
    field filled in. A blank template table has no name."""
    if project.indicators or project.notes or project.long_term_indicators:
        return True
    fields = [project.competent_department, project.implementing_unit, project.attribute,
              project.term, project.division, project.goal, project.mid_term_goal]
    return bool(project.name) and (table_like or any(fields) or project.amount is not None)


def _starts_with_level(placed: Placed) -> bool:
    """A row whose first cell is a 一级/二级 label in its level column: after a ``注：`` row
    inside the table (a template's note between two 一级), the table goes on there — a
    line of the note never starts with 效益指标."""
    for column, _, raw in placed.cells:
        if kinds.kind_of(raw)[0] == kinds.EMPTY:
            continue
        return column.role in ("level1", "level2", "category") \
            and kinds.kind_of(raw)[0] == kinds.LEVEL
    return False


__all__ = ["Column", "Context", "TableReader", "column_label"]
