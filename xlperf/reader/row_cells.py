"""What one row's cells say before any table is known: filled or blank, a lone cell, a
title or unit line, the header fields it names, a line that ends a table. The table
reader asks these of every row; a source asks ``starts_table`` where its notice ends."""

from __future__ import annotations

import re
import unicodedata

from xlperf.model.vocabulary import (
    AMOUNT_UNIT_IN_TEXT,
    BLANK_CHARS,
    column_label,
    header_field,
    is_header_label,
    is_table_title,
)
from xlperf.reader.columns import indicator_header
from xlperf.reader.header import inline_field
from xlperf.sources.grid import Grid, is_blank

_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$"
                        r"|^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月")
# A notice's sentence (根据《预算法》…现将…公开) or its attachment line after the rows. A line
# that only starts 按照/依据 is a cell's text as often (依据行业标准测算, a 绩效标准's wrapped
# line): it ends the table only when it says 现将 or 公开, as a notice does.
_NOTICE_LINE = re.compile(r"^(现将|附件)|^(根据|按照|依据).*(现将|公开)")


def starts_table(cells: list) -> bool:
    """Where a text's notice ends: a table title or unit line, a header field, or the
    indicator header of a table without a header block (a flat list)."""
    first = first_filled(cells)
    if first is None:
        return False
    if all(is_heading_cell(raw) for raw in cells if not is_blank(raw)):
        return True
    if fields_of(cells[first[0]: first[0] + 2]):
        return True
    return indicator_header(cells) is not None


def filled_count(cells: list) -> int:
    return sum(1 for raw in cells if not blank(raw))


def blank(raw: object) -> bool:
    """``is_blank`` with the common cases (empty text, a number) decided first."""
    if raw == "" or raw is None:
        return True
    if raw.__class__ is float:
        return False
    return isinstance(raw, str) and not raw.strip(BLANK_CHARS)


def first_filled(cells: list) -> tuple[int, object] | None:
    for index, raw in enumerate(cells):
        if raw != "" and raw is not None and not (isinstance(raw, str)
                                                  and not raw.strip(BLANK_CHARS)):
            return index, raw
    return None


def is_lone(cells: list, index: int) -> bool:
    return all(is_blank(raw) for raw in cells[index + 1:])


def squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_heading_cell(raw: object) -> bool:
    if not isinstance(raw, str):
        return False
    if not raw.strip(BLANK_CHARS):
        return True  # a blank cell beside the title
    text = unicodedata.normalize("NFKC", raw).strip(BLANK_CHARS)
    return is_table_title(text) or bool(
        AMOUNT_UNIT_IN_TEXT.fullmatch("".join(text.split()).strip("()（）")))


def fields_of(cells: list) -> list[str]:
    """The header fields a row's cells name: as a label, or as ``label：value`` in the
    cell that leads the row (further right, such a cell is prose: 备注：…项目名称：…)."""
    fields = []
    leading = True
    for raw in cells:
        if raw == "" or raw is None or (raw.__class__ is str and not raw.strip(BLANK_CHARS)):
            continue
        if raw.__class__ is str:
            field_name = header_field(raw)[0] if is_header_label(raw) else None
            field_name = field_name or (inline_field(raw) if leading else None)
            if field_name is not None:
                fields.append(field_name)
        leading = False
    return fields


def is_block_title(text: str) -> bool:
    """A block's own title row (中长期绩效指标) between two indicator blocks."""
    label = column_label(text)
    return label is not None and "block" in label.roles


def is_date_line(text: str) -> bool:
    """A date (2024年2月5日, 二〇二四年二月): a line the table ends at, never a cell's rest."""
    return bool(_DATE_LINE.match(squeeze(text)))


def ends_table(text: str) -> bool:
    """A date, a notice sentence or 附件 after the rows: the table is over."""
    key = squeeze(text)
    return bool(_DATE_LINE.match(key) or _NOTICE_LINE.match(key))


def joined(grid: Grid, row: int, cells: list) -> str:
    return " | ".join(grid.text_of(raw, row, index) for index, raw in enumerate(cells)
                      if not is_blank(raw))
