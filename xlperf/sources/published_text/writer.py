"""Writing a department back in the published text layout (the reader's inverse).

The output has the seed's shape: the notice (department, title, body
sentence, 附件, signing body, date), then one ``部门项目支出预算绩效目标表``
block per project with tab-separated cells and merged 一级/二级 cells left
empty on continuation rows. ``parse_text(format_text(d))`` gives ``d`` back
(compared with ``comparable``); docs/published-text.md lists the few limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xlperf.model import Department, Indicator, Project
from xlperf.model.text import format_amount, format_number
from xlperf.safe_text import xml_safe
from xlperf.sources.published_text import layout
from xlperf.sources.workbook.layout import COLUMN_LABELS, HEADER_LABELS, TABLE_TITLE, UNIT_LABEL

# Inside one cell a tab or a line break would split the table, so it becomes a space.
_CELL_BREAKS = re.compile(r"[\t\r\n]+")


def format_text(department: Department) -> str:
    """The whole published text: notice, then the tables."""
    notice = xml_safe("\n".join(_notice_lines(department)))
    tables = format_tables(department)
    return f"{notice}\n\n{tables}" if notice else tables


def format_tables(department: Department) -> str:
    """One table block per project, separated by a blank line, ending with a newline.

    Control characters in the department's text (``_x000B_`` pasted from a PDF, an
    escape sequence) are dropped: the text is for people, and the reader refuses
    a text full of them as binary."""
    return xml_safe("\n".join(line for project in department.projects
                               for line in _table(project)))


def _notice_lines(department: Department) -> Iterator[str]:
    """Paragraphs separated by blank lines, as in the seed; absent fields are left out."""
    blocks: list[list[str]] = []
    if department.name:
        blocks.append([_cell(department.name)])
    if department.year is not None:
        blocks.append([layout.NOTICE_TITLE.format(year=department.year)])
    if department.name or department.year is not None or department.legal_basis:
        blocks.append([_body(department)])
    if department.attachment_title:
        blocks.append([layout.ATTACHMENT_PREFIX + _cell(department.attachment_title)])
    signature = [_cell(department.signing_body)] if department.signing_body else []
    if department.published is not None:
        day = department.published
        signature.append(layout.DATE_FORMAT.format(year=day.year, month=day.month, day=day.day))
    if signature:
        blocks.append(signature)
    for index, block in enumerate(blocks):
        if index:
            yield ""
        yield from block


def _body(department: Department) -> str:
    """``根据《…》《…》有关要求，现将某部门 2024 年项目支出预算绩效目标予以公开。``"""
    items = [_cell(item) for item in department.legal_basis]
    separator = "" if all(item.startswith("《") for item in items) else "、"
    basis = layout.BASIS_CLAUSE.format(items=separator.join(items)) if items else ""
    subject = _cell(department.name)
    if department.year is not None:
        subject = f"{subject} {department.year} 年" if subject else f"{department.year} 年"
    return layout.NOTICE_BODY.format(basis=basis, subject=subject)


def _table(project: Project) -> Iterator[str]:
    yield TABLE_TITLE
    yield ""
    yield UNIT_LABEL
    yield ""
    yield from _header(project)
    columns = _columns(project)
    yield "\t".join(COLUMN_LABELS[field] for field in columns)
    previous: Indicator | None = None
    for item in project.indicators:
        yield "\t".join(_row(item, previous, columns))
        previous = item
    yield ""


def _header(project: Project) -> Iterator[str]:
    """``项目名称\tX\t\t``, ``主管部门\tX\t实施单位\tY`` …; the goal may run over several lines."""
    values = {
        "name": _cell(project.name),
        "competent_department": _cell(project.competent_department),
        "implementing_unit": _cell(project.implementing_unit),
        "attribute": _cell(project.attribute),
        "term": _cell(project.term),
        "division": _cell(project.division),
        "amount": _amount(project.amount),
    }
    goal_lines = _goal_lines(project.goal)
    values["goal"] = goal_lines[0]
    for fields in layout.HEADER_ROWS:
        cells = [text for field in fields for text in (HEADER_LABELS[field], values[field])]
        cells += [""] * (layout.TABLE_WIDTH - len(cells))
        yield "\t".join(cells)
    yield from goal_lines[1:]


def _goal_lines(goal: str) -> list[str]:
    """The goal keeps its line breaks (the reader joins its lines back with ``\\n``)."""
    lines = goal.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.replace("\t", " ").strip(" \u3000\u00a0") for line in lines]


def _columns(project: Project) -> list[str]:
    """The seed's four columns, plus 指标值 when any indicator of the project has a value."""
    columns = ["level1", "level2", "name", "weight"]
    if any(item.value is not None for item in project.indicators):
        columns.append("value")
    return columns


def _row(item: Indicator, previous: Indicator | None, columns: list[str]) -> list[str]:
    """A row; 一级/二级 cells stay empty where the published table merges them."""
    new_level1 = previous is None or item.level1 != previous.level1
    new_level2 = new_level1 or previous is None or item.level2 != previous.level2
    cells = {
        "level1": _cell(item.level1) if new_level1 else "",
        "level2": _cell(item.level2) if new_level2 else "",
        "name": _cell(item.name),
        "weight": _cell(format_number(item.weight)),
        "value": _cell(item.value or ""),
    }
    return [cells[field] for field in columns]


def _amount(amount: float | str | None) -> str:
    """Two decimals as published (76.90), unless that would round the amount."""
    if isinstance(amount, float) and round(amount, 2) != amount:
        return format_number(amount)
    return format_amount(amount)


def _cell(text: str) -> str:
    return _CELL_BREAKS.sub(" ", text or "").strip(" \u3000\u00a0")
