"""Writing a department back in the published text layout (the reader's inverse).

The output has the seed's shape: the notice (department, title, the
disclosure sentence, 附件, signing body, date), then one
``部门项目支出预算绩效目标表`` block per project with tab-separated cells and
merged 一级/二级 cells left empty on continuation rows. ``parse_text(
format_text(d))`` gives ``d`` back (compared with ``comparable``);
docs/published-text.md lists the few limits.

Nothing is written that the department does not say: the notice part only
when the source had a disclosure sentence (a bare table has none), the
indicator columns its form had (no 绩效值 column for a form without weights;
指标性质 / 度量单位 / 绩效标准 … where it had them), its 中期目标 and funds, and
its long-term indicators in a block of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xlperf.model import Department, Indicator, Project
from xlperf.model import notice_words as words
from xlperf.model.text import format_amount, format_number
from xlperf.safe_text import xml_safe
from xlperf.writers.workbook.layout import (
    COLUMN_LABELS,
    COLUMN_ORDER,
    EXTRA_HEADER,
    HEADER_LABELS,
    LONG_TERM_TITLE,
    SCORE_LABEL,
    SELF_EVALUATION_TITLE,
    TABLE_TITLE,
    UNIT_LABEL,
)

# The header block as the published table prints it: one tuple of fields per
# line, each field written as ``label<TAB>value``. A one-field line is padded
# with empty cells to the table's width (the seed: ``项目名称\tX\t\t``).
HEADER_ROWS: tuple[tuple[str, ...], ...] = (
    ("name",),
    ("competent_department", "implementing_unit"),
    ("attribute", "term"),
    ("division", "amount"),
    ("goal",),
)
TABLE_WIDTH = 4
# Inside one cell a tab or a line break would split the table, so it becomes a space.
_CELL_BREAKS = re.compile(r"[\t\r\n]+")


def format_text(department: Department) -> str:
    """The whole published text: notice (when the source had one), then the tables."""
    notice = xml_safe("\n".join(_notice_lines(department)))
    tables = format_tables(department)
    return f"{notice}\n\n{tables}" if notice else tables


def has_notice(department: Department) -> bool:
    """Whether ``format_text`` writes a notice part: only what the source said."""
    return bool(department.disclosure)


def format_tables(department: Department) -> str:
    """One table block per project, separated by a blank line, ending with a newline.

    Control characters in the department's text (``_x000B_`` pasted from a PDF, an
    escape sequence) are dropped: the text is for people, and the reader refuses
    a text full of them as binary."""
    return xml_safe("\n".join(line for project in department.projects
                               for line in _table(project)))


def _notice_lines(department: Department) -> Iterator[str]:
    """Paragraphs separated by blank lines, as in the seed; absent fields are left out."""
    if not has_notice(department):
        return
    blocks: list[list[str]] = []
    if department.name:
        blocks.append([_cell(department.name)])
    if department.year is not None:
        blocks.append([words.NOTICE_TITLE.format(year=department.year)])
    blocks.append([_cell(department.disclosure)])
    if department.attachment_title:
        blocks.append([words.ATTACHMENT_PREFIX + _cell(department.attachment_title)])
    signature = [_cell(department.signing_body)] if department.signing_body else []
    if department.published is not None:
        day = department.published
        signature.append(words.DATE_FORMAT.format(year=day.year, month=day.month, day=day.day))
    if signature:
        blocks.append(signature)
    for index, block in enumerate(blocks):
        if index:
            yield ""
        yield from block


def disclosure_sentence(department: Department) -> str:
    """``根据《…》《…》有关要求，现将某部门 2024 年项目支出预算绩效目标予以公开。``

    What a notice xlperf renders says; a published text keeps its own sentence.
    """
    items = [_cell(item) for item in department.legal_basis]
    separator = "" if all(item.startswith("《") for item in items) else "、"
    basis = words.BASIS_CLAUSE.format(items=separator.join(items)) if items else ""
    subject = _cell(department.name)
    if department.year is not None:
        subject = f"{subject} {department.year} 年" if subject else f"{department.year} 年"
    return words.NOTICE_BODY.format(basis=basis, subject=subject)


def _table(project: Project) -> Iterator[str]:
    yield SELF_EVALUATION_TITLE if project.layout == "self_evaluation" else TABLE_TITLE
    yield ""
    yield UNIT_LABEL
    yield ""
    yield from _header(project)
    columns = _columns(project)
    yield "\t".join(_column_label(project, role) for role in columns)
    yield from _rows(project.indicators, columns, _split(project))
    if project.long_term_indicators:
        long_term = [r for r in columns if r not in ("weight", "points", "actual")]
        yield LONG_TERM_TITLE
        yield "\t".join(COLUMN_LABELS[r] + ("" if r == "level1" else "（长期）")
                        for r in long_term)
        yield from _rows(project.long_term_indicators, long_term, _split(project))
    yield from _template_notes(project)
    yield ""


def _template_notes(project: Project) -> Iterator[str]:
    """The template's instructions the source left in its table (注：各地请根据实际情况…),
    under the table as the workbook has them, so T004 still reports them after an export."""
    for note in project.template_notes:
        yield _cell(note.text)


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
    has = project.labels
    for fields in HEADER_ROWS:
        fields = tuple(f for f in fields if f == "name" or has is None or f in has)
        if not fields:
            continue
        cells = [text for field in fields for text in (HEADER_LABELS[field], values[field])]
        cells += [""] * (TABLE_WIDTH - len(cells))
        yield "\t".join(cells)
    yield from goal_lines[1:]
    if project.mid_term_goal:
        lines = _goal_lines(project.mid_term_goal)
        yield "\t".join([EXTRA_HEADER["mid_term_goal"], lines[0], "", ""])
        yield from lines[1:]
    if project.funds is not None:
        for key in ("fiscal", "other"):
            value = getattr(project.funds, key)
            if value is not None:
                yield "\t".join([EXTRA_HEADER[key], format_number(value), "", ""])


def _goal_lines(goal: str) -> list[str]:
    """The goal keeps its line breaks (the reader joins its lines back with ``\\n``)."""
    lines = goal.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.replace("\t", " ").strip(" \u3000\u00a0") for line in lines]


def _columns(project: Project) -> list[str]:
    """The seed's four columns (绩效值 only where the form has weights), 指标值 when an
    indicator has a value, and the form's other columns."""
    form = set(project.columns) if project.columns is not None else {"weight"}
    columns = ["category", "name"] if project.layout == "two_level" else ["level1", "level2",
                                                                           "name"]
    if "weight" in form:
        columns.append("weight")
    if _has_values(project, form):
        columns.append("value")
    columns += [role for role in COLUMN_ORDER[5:] if role in form]
    return columns


def _has_values(project: Project, form: set[str]) -> bool:
    """Whether the table gets the 指标值 column. The seed's form (``local``, which is also
    xlperf's own workbook: its template always has an empty 指标值 column) gets it only
    when an indicator has a value, so the seed exports as it was published; another form
    keeps the column it had, values or not."""
    if any(item.value is not None for item in project.indicators):
        return True
    if "comparator" in form or "unit" in form:
        return True
    return "value" in form and project.layout != "local"


def _split(project: Project) -> bool:
    form = set(project.columns or ())
    return "comparator" in form or "unit" in form


def _column_label(project: Project, role: str) -> str:
    if role == "weight" and project.layout == "self_evaluation":
        return SCORE_LABEL
    if project.layout == "two_level" and role == "name":  # 一级指标 | 二级指标, as the form has
        return COLUMN_LABELS["level2"]
    return COLUMN_LABELS[role]


def _rows(items: list[Indicator], columns: list[str], split: bool) -> Iterator[str]:
    previous: Indicator | None = None
    for item in items:
        yield "\t".join(_row(item, previous, columns, split))
        previous = item


def _row(item: Indicator, previous: Indicator | None, columns: list[str],
         split: bool) -> list[str]:
    """A row; 一级/二级 cells stay empty where the published table merges them."""
    new_level1 = previous is None or item.level1 != previous.level1
    new_level2 = new_level1 or previous is None or item.level2 != previous.level2
    category = item.level2 or item.level1  # a two-level table's first column
    cells = {
        "category": _cell(category) if new_level2 else "",
        "level1": _cell(item.level1) if new_level1 else "",
        "level2": _cell(item.level2) if new_level2 else "",
        "name": _cell(item.name),
        "weight": _cell(format_number(item.weight)),
        "value": _cell((item.target if split else item.value) or ""),
        "points": _cell(format_number(item.points)),
    }
    for role in ("comparator", "unit", "standard", "direction", "actual"):
        cells[role] = _cell(getattr(item, role) or "")
    return [cells[field] for field in columns]


def _amount(amount: float | str | None) -> str:
    """Two decimals as published (76.90), unless that would round the amount."""
    if isinstance(amount, float) and round(amount, 2) != amount:
        return format_number(amount)
    return format_amount(amount)


def _cell(text: str) -> str:
    return _CELL_BREAKS.sub(" ", text or "").strip(" \u3000\u00a0")
