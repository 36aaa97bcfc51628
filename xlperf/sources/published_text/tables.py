"""Reading the project tables of the published text, line by line.

A PDF copied to text flattens the table: merged cells become empty cells,
some rows lose their leading tabs, blank lines and page numbers slip in.
``TableReader`` is a small state machine over the lines (outside a table →
header block → goal → indicator rows) that places every cell by its column
when the row is intact and by its content when it is not (docs/published-text.md).
"""

from __future__ import annotations

from xlperf.model import Department, Indicator, Normalization, Project
from xlperf.model.text import clean_cell, has_fullwidth_digits, normalize_label, parse_number
from xlperf.sources.published_text import layout
from xlperf.sources.published_text.labels import (
    column_header,
    header_field,
    inline_field,
    is_bare_number,
    label_level,
)
from xlperf.sources.published_text.notice import squeeze
from xlperf.sources.workbook.layout import (
    AMOUNT_DIVISORS,
    UNIT_IN_TEXT,
    is_not_applicable,
    project_sheet_name,
)

DEFAULT_COLUMNS: tuple[str | None, ...] = ("level1", "level2", "name", "weight")
_TEXT_FIELDS = frozenset({"name", "competent_department", "implementing_unit", "term", "division"})
_ODD_HYPHENS = frozenset("－—–‐‑﹣")


def is_table_start(line: str) -> bool:
    """Where the notice ends: a table heading, a unit line or a 项目名称 row."""
    cells = [cell.strip() for cell in line.split("\t")]
    if _field_of(cells[0]) == "name":
        return True
    return _is_heading(cells)


def _field_of(cell: str) -> str | None:
    """The header field a cell names, as a label alone or as ``label：value``."""
    return header_field(cell)[0] or inline_field(cell)[0]


def _is_heading(cells: list[str]) -> bool:
    """A title or unit line, alone or as ``title<TAB>…<TAB>单位：万元``."""
    filled = [squeeze(cell) for cell in cells if cell]
    if not cells[0] or not all(layout.UNIT_LINE.match(key) for key in filled[1:]):
        return False
    return bool(layout.TABLE_HEADING.match(filled[0]) or layout.UNIT_LINE.match(filled[0]))


class TableReader:
    """Feeds lines into projects of one department; ``finish`` closes the last one."""

    def __init__(self, department: Department) -> None:
        self.department = department
        self.project: Project | None = None
        self.state = "outside"  # outside | header | goal | indicators
        self.columns: tuple[str | None, ...] = DEFAULT_COLUMNS
        self.level1 = ""
        self.level2 = ""
        self.goal_lines: list[str] = []
        self.last_field: str | None = None
        self.unit_divisor = 1.0

    # -- dispatch ---------------------------------------------------------------

    def feed(self, number: int, line: str) -> None:
        raw = line.split("\t")
        cells = [cell.strip(" \u3000\u00a0") for cell in raw]
        filled = [cell for cell in cells if cell]
        lone = len(filled) == 1 and bool(cells[0])  # one cell, in the first column
        if not filled:
            if self.state == "goal":
                self.goal_lines.append("")
            return
        if _is_heading(cells):
            self._heading(line)
        elif _field_of(cells[0]) == "name":
            self._start_project(number, raw)
        elif self.project is None or (lone and layout.PAGE_NUMBER.match(squeeze(cells[0]))):
            return
        elif (columns := column_header(cells)) is not None:
            self._end_goal()
            self.columns = tuple(columns)
            self.state = "indicators"
        elif self.state in ("header", "goal") and self._header_line(number, raw, cells, filled):
            return
        elif self.state == "indicators" and lone and layout.NOTE_LINE.match(cells[0]):
            self.state = "outside"
        elif self.state != "outside" or self._continues_after_break(cells):
            self._end_goal()
            self.state = "indicators"
            self._indicator(number, raw)

    def finish(self) -> None:
        self._end_goal()

    # -- headings and header block ---------------------------------------------

    def _heading(self, text: str) -> None:
        """A table heading ends the rows above; a unit line sets the unit of amounts."""
        self._end_goal()
        self.state = "outside"
        unit = UNIT_IN_TEXT.search(squeeze(text))
        if unit:
            self.unit_divisor = AMOUNT_DIVISORS[unit.group(1)]

    def _start_project(self, number: int, raw: list[str]) -> None:
        self._end_goal()
        index = len(self.department.projects) + 1
        self.project = Project(name="", sheet=project_sheet_name(index))
        self.department.projects.append(self.project)
        self.columns = DEFAULT_COLUMNS
        self.level1 = self.level2 = ""
        self.state = "header"
        self._header_pairs(number, raw)
        # The name was not known yet when its own cell was cleaned.
        for repair in self.department.normalizations:
            if repair.row == number and repair.project is None:
                repair.project = self.project.name or None

    def _header_line(self, number: int, raw: list[str], cells: list[str],
                     filled: list[str]) -> bool:
        """A header row, a goal line or a wrapped header value; False if it is none of them.

        A header row's label may follow a group label (项目资金（万元）<TAB>年度资金总额<TAB>120).
        """
        if any(map(_field_of, cells[:2])):
            self._end_goal()
            self._header_pairs(number, raw)
            return True
        if self.state == "header" and layout.AMOUNT_BREAKDOWN.match(squeeze(filled[0])):
            return True  # 其中：财政拨款 under the amount (a goal line may start with 其中)
        lone = len(filled) == 1 and cells.index(filled[0]) <= 1
        if not lone or label_level(filled[0]) is not None:
            return False
        text = self._clean(filled[0], number)
        if self.state == "goal":
            self.goal_lines.append(text)
            return True
        if self.last_field in _TEXT_FIELDS and self.project is not None:
            setattr(self.project, self.last_field, getattr(self.project, self.last_field) + text)
            return True
        return False

    def _header_pairs(self, number: int, raw: list[str]) -> None:
        """``label<TAB>value`` pairs along the row: ``主管部门\tX\t实施单位\tY``; a
        ``主管部门：X`` cell is a pair by itself."""
        index = 0
        while index < len(raw):
            field, unit = header_field(raw[index])
            if field is None:
                field, unit, value = inline_field(raw[index])
                if field is not None:
                    self._set_header(field, self._clean(value, number), unit, number)
                index += 1
                continue
            value = self._clean(raw[index + 1], number) if index + 1 < len(raw) else ""
            self._set_header(field, value, unit, number)
            index += 2

    def _set_header(self, field: str, value: str, unit: str, number: int) -> None:
        assert self.project is not None
        self.last_field = field
        if field == "goal":
            self.goal_lines = [value]
            self.state = "goal"
        elif field == "amount":
            self.project.amount = self._amount(value, unit, number)
        elif field == "attribute":
            self.project.attribute = self._label(value, number)
        else:
            setattr(self.project, field, value)

    def _amount(self, value: str, unit: str, number: int) -> float | str | None:
        amount, repairs = parse_number(value)
        self._note(repairs, value, number)
        divisor = AMOUNT_DIVISORS.get(unit, self.unit_divisor)
        if isinstance(amount, float) and divisor != 1:
            return amount / divisor
        return amount

    def _end_goal(self) -> None:
        if self.state == "goal" and self.project is not None:
            self.project.goal = "\n".join(self.goal_lines).strip("\n")
        self.goal_lines = []
        if self.state == "goal":
            self.state = "header"

    # -- indicator rows ---------------------------------------------------------

    def _continues_after_break(self, cells: list[str]) -> bool:
        """After a page-break heading, rows that start with tabs or a label continue the table."""
        return self.project is not None and (not cells[0] or label_level(cells[0]) is not None)

    def _indicator(self, number: int, raw: list[str]) -> None:
        assert self.project is not None
        cells = [self._clean(cell, number) for cell in raw]
        start = next(i for i, cell in enumerate(cells) if cell)
        level = label_level(cells[start])
        if self._intact(cells, start, level):
            values = {f: cells[i] for i, f in enumerate(self.columns) if f and i < len(cells)}
        else:
            values = self._shifted(cells, start, level)
        if values.get("level1"):
            self.level1 = self._label(values["level1"], number)
            self.level2 = self._label(values.get("level2", ""), number)
        elif values.get("level2"):
            self.level2 = self._label(values["level2"], number)
        name = values.get("name", "")
        weight, repairs = parse_number(values.get("weight") or None)
        self._note(repairs, values.get("weight", ""), number)
        self.project.indicators.append(Indicator(
            level1=self.level1, level2=self.level2, name=name, weight=weight,
            value=values.get("value") or None, not_applicable=is_not_applicable(name), row=number,
        ))

    def _position(self, field: str) -> int:
        return self.columns.index(field)

    def _intact(self, cells: list[str], start: int, level: int | None) -> bool:
        """Does the row keep its leading tabs, so that every cell is in its column?"""
        def at(field: str) -> str:
            index = self._position(field)
            return cells[index] if index < len(cells) else ""

        def name_follows() -> bool:
            return bool(at("name")) and not is_bare_number(at("name"))

        if start == self._position("level1"):
            return level == 1 or (level is None and (label_level(at("level2")) == 2
                                                     or (bool(at("level2")) and name_follows())))
        if start == self._position("level2"):
            return level == 2 or (level is None and name_follows())
        return start >= self._position("name")

    def _shifted(self, cells: list[str], start: int, level: int | None) -> dict[str, str]:
        """A row that lost tabs: its first cell says what it is, the rest follow in order."""
        anchor = {1: "level1", 2: "level2"}.get(level or 0, "name")
        values = {anchor: cells[start]}
        rest = [cell for cell in cells[start + 1:] if cell]
        if anchor == "level1":
            values["level2"] = rest.pop(0) if rest and label_level(rest[0]) == 2 else ""
        if anchor != "name":
            values["name"] = rest.pop(0) if rest else ""
        tail = [f for f in self.columns[self._position("name") + 1:] if f]
        if len(rest) == 1 and len(tail) > 1 and "weight" in tail:
            others = [f for f in tail if f != "weight"]
            values["weight" if is_bare_number(rest[0]) else others[0]] = rest[0]
        else:
            values.update(zip(tail, rest, strict=False))
        return values

    # -- repairs ----------------------------------------------------------------

    def _clean(self, cell: str, number: int) -> str:
        text, repairs = clean_cell(cell)
        self._note(repairs, cell, number)
        return text

    def _label(self, text: str, number: int) -> str:
        """A 一级/二级 label or 项目属性 code, normalised (``１１－数量指标`` → ``11-数量指标``)."""
        label = normalize_label(text)
        if label != text:
            kinds = []
            if has_fullwidth_digits(text) or any(ch in text for ch in "．＋，％"):
                kinds.append("fullwidth")
            if _ODD_HYPHENS & set(text):
                kinds.append("hyphen")
            self._note(kinds or ["space"], text, number)
        return label

    def _note(self, kinds: list[str], original: str, number: int) -> None:
        project = (self.project.name or None) if self.project else None
        for kind in dict.fromkeys(kinds):
            self.department.normalizations.append(
                Normalization(kind=kind, original=original, project=project, row=number))
