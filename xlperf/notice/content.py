"""What a notice says, computed once from the department model for every format.

The txt, html, docx and xlsx renderers all read a ``Notice``: the heading
lines, the body sentence built from the legal basis, the 附件说明, the
signature and the project tables with their merged 一级/二级 spans. Putting
the wording here keeps the formats from drifting apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from xlperf.model import Department, Indicator, Project
from xlperf.model import notice_words as published
from xlperf.model.text import format_amount, format_number
from xlperf.notice import gbt9704 as g
from xlperf.notice.table_grid import (
    REPEATABLE_HEADER_PT,
    TableGrid,
    header_height_pt,
    table_grid,
)
from xlperf.safe_text import xml_safe
from xlperf.writers.workbook.layout import (
    COLUMN_LABELS,
    HEADER_LABELS,
    TABLE_TITLE,
    UNIT_LABEL,
)

# The notice's own wording; {year} is "2024年" (or "" when the year is unknown). The body
# sentence and the 附件 line are the published layout's (model.notice_words), so the
# notice and the plain export say the same; only the spacing of "2024年" follows GB/T 9704.
NOTICE_TITLE = "{year}项目支出预算绩效目标"
DEFAULT_ATTACHMENT = "{department}{year}项目支出预算绩效目标表"
# Spaces between a digit and a Chinese character ("2024 年", "〔2019〕 9 号"): copies from PDFs
# carry them; GB/T 9704 prints "2024年", as the notice's own title does.
_CJK = "\u3400-\u9fff\uff08\uff09\u3014\u3015\u3008-\u3011"
_DIGIT_SPACE = re.compile(rf"(?<=[0-9])[ \u3000\u00a0]+(?=[{_CJK}])"
                          rf"|(?<=[{_CJK}])[ \u3000\u00a0]+(?=[0-9])")
# A 发文字号: 机关代字〔年份〕序号号, e.g. 宁党发〔2019〕9号, X财预〔2024〕12号.
DOCUMENT_NUMBER = re.compile(r"[A-Za-z\u3400-\u9fff]{1,4}[〔\[［]\d{4}[〕\]］]\d+号")


@dataclass
class Cell:
    """One merged 一级/二级 cell: its text and how many rows it spans (0: covered)."""

    text: str
    span: int


@dataclass
class Row:
    """One indicator row as published: merged cells carry a span, covered ones span 0."""

    level1: Cell
    level2: Cell
    name: str
    value: str
    weight: str
    not_applicable: bool = False


@dataclass
class Table:
    """One project's table: header pairs, then indicator rows."""

    project: Project
    name: str
    header: list[tuple[str, str, str, str]]  # label, value, label, value ("" when one pair)
    goal: str
    columns: list[str]
    rows: list[Row]
    has_value: bool
    amount: float | None
    grid: TableGrid
    repeat_header: bool  # the whole header block is short enough to repeat on every page


@dataclass
class Notice:
    """Everything the templates print, in the words of the published notice."""

    department: str
    year: str
    title: str
    body: str
    attachment_title: str
    attachment_note: str
    signing_body: str
    date: str
    tables: list[Table] = field(default_factory=list)
    table_title: str = TABLE_TITLE
    unit_label: str = UNIT_LABEL
    draft: bool = False
    draft_reasons: list[str] = field(default_factory=list)  # what makes it a draft

    @property
    def total_amount(self) -> float:
        return sum(t.amount for t in self.tables if t.amount is not None)

    @property
    def total_text(self) -> str:
        return format_amount(round(self.total_amount, 6))


PROPERTY_CHARS = 255  # Word's (python-docx's) limit for a document property


def property_text(text: str) -> str:
    """A document property: storable, and cut to Word's 255 characters (with …): a long
    department name must not stop the notice, and the body prints it in full."""
    text = xml_safe(text)
    return text if len(text) <= PROPERTY_CHARS else text[:PROPERTY_CHARS - 1] + "…"


def published_spacing(text: str) -> str:
    """``2024 年`` → ``2024年``: no space between digits and Chinese, as GB/T 9704 prints."""
    return _DIGIT_SPACE.sub("", text)


def publication_date(value: date | None) -> str:
    """GB/T 9704 成文日期: Arabic numerals, full year, no zero padding (2024年2月5日)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def basis_text(items: list[str]) -> str:
    """《…》《…》: items keep their own 书名号 and 文号; a bare title gets 书名号 added."""
    parts = []
    for item in items:
        text = published_spacing(item.strip())
        if text:
            parts.append(text if "《" in text else f"《{text}》")
    return "".join(parts)


def _words(department: Department) -> dict[str, str]:
    return {"department": department.name.strip(),
            "year": f"{department.year}年" if department.year else ""}


def notice_title(department: Department) -> str:
    """``2024年项目支出预算绩效目标`` (without building the tables)."""
    return NOTICE_TITLE.format(**_words(department))


def build_notice(department: Department, *, draft: bool = False,
                 reasons: list[str] | tuple[str, ...] = ()) -> Notice:
    """The notice of one department. Missing notice fields fall back to the department name.

    ``reasons`` say why a draft is one (the errors that block publication); the draft's
    first page lists them.
    """
    words = _words(department)
    name = words["department"]
    basis = basis_text(department.legal_basis)
    body = published.NOTICE_BODY.format(
        basis=published.BASIS_CLAUSE.format(items=basis) if basis else "",
        subject=name + words["year"])
    attachment = (published_spacing(department.attachment_title.strip())
                  or DEFAULT_ATTACHMENT.format(**words))
    return Notice(
        department=name,
        year=str(department.year or ""),
        title=NOTICE_TITLE.format(**words),
        body=body,
        attachment_title=attachment,
        attachment_note=published.ATTACHMENT_PREFIX + attachment,
        signing_body=department.signing_body.strip() or name,
        date=publication_date(department.published),
        tables=[build_table(p) for p in department.projects],
        draft=draft,
        draft_reasons=list(reasons) if draft else [],
    )


def build_table(project: Project) -> Table:
    has_value = any(i.value not in (None, "") for i in project.indicators)
    columns = [COLUMN_LABELS[k] for k in ("level1", "level2", "name")]
    columns += [COLUMN_LABELS["value"]] if has_value else []
    columns.append(COLUMN_LABELS["weight"])
    labels = HEADER_LABELS
    header = [
        (labels["competent_department"], project.competent_department,
         labels["implementing_unit"], project.implementing_unit),
        (labels["attribute"], project.attribute, labels["term"], project.term),
        (labels["division"], project.division, labels["amount"], format_amount(project.amount)),
    ]
    amount = project.amount if isinstance(project.amount, float) else None
    grid = table_grid(has_value)
    return Table(project=project, name=project.name, header=header, goal=project.goal,
                 columns=columns, rows=indicator_rows(project.indicators),
                 has_value=has_value, amount=amount, grid=grid,
                 repeat_header=_header_fits(project.name, header, project.goal, columns))


def _header_fits(name: str, header: list[tuple[str, str, str, str]], goal: str,
                 columns: list[str]) -> bool:
    """Whether the header block (项目名称 … column names) can repeat on a printed page."""
    label, *pair = g.TABLE_HEADER_MM
    rest = sum(pair)
    widths = g.TABLE_COLUMNS_MM[len(columns) == 5]
    rows = [[(HEADER_LABELS["name"], label), (name, rest)],
            *[list(zip(texts, g.TABLE_HEADER_MM, strict=True)) for texts in header],
            [(HEADER_LABELS["goal"], label), (goal, rest)],
            list(zip(columns, widths, strict=True))]
    return header_height_pt(rows) <= REPEATABLE_HEADER_PT


def indicator_rows(indicators: list[Indicator]) -> list[Row]:
    """Rows with 一级 merged over its consecutive rows and 二级 merged within them."""
    rows = [Row(Cell(i.level1, 1), Cell(i.level2, 1), i.name, i.value or "",
                format_number(i.weight), i.not_applicable) for i in indicators]
    _merge(rows, lambda r: (r.level1.text,), lambda r: r.level1)
    _merge(rows, lambda r: (r.level1.text, r.level2.text), lambda r: r.level2)
    return rows


def _merge(rows: list[Row], key: Callable[[Row], tuple[str, ...]],
           cell: Callable[[Row], Cell]) -> None:
    """Give the first row of each run of equal keys the run's length; cover the rest."""
    start = 0
    for index in range(1, len(rows) + 1):
        if index < len(rows) and key(rows[index]) == key(rows[start]):
            continue
        cell(rows[start]).span = index - start
        for covered in rows[start + 1:index]:
            cell(covered).span = 0
        start = index
