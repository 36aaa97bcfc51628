"""The common row, read without the general machinery: an intact row of a plain table.

A city's batch holds about a million indicator rows, nearly all of them intact
rows under a plain header (一级/二级/三级/绩效值/指标值, the seed's form):
every cell in its column, the 一级/二级 cells empty (merged) or a level label,
prose in 三级. Such a row needs no placement and no label lookups. ``FastRows``
decides that cheaply — any doubt (a cell that may be a label, a stop row, a
title; a cell outside the columns) hands the row back to the general path in
``tables.py``, which reads it the same way, only slower.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from xlperf.model.vocabulary import BLANK_CHARS, ends_like_signers_line, vocabulary
from xlperf.reader.cells import level_of
from xlperf.reader.columns import IndicatorColumns
from xlperf.sources.grid import column_letter

PLAIN_ROLES = frozenset({"level1", "level2", "name", "weight", "value"})


@cache
def _special() -> dict[str, tuple[str, ...]]:
    """The words a special row can start with, by their first character: a stop row, a
    note, a placeholder, a header field, a title, a column header, a unit line."""
    words = vocabulary()
    texts: list[str] = [*words.stop_rows, *words.placeholders, *words.note_prefixes,
                        *words.table_titles, *words.header_known, *words.goal_groups,
                        *words.cost_tables,
                        "附件", "单位", "金额单位"]
    for labels in (*words.header_fields.values(), *words.columns.values()):
        texts.extend(labels)
    for labels in words.funds.values():
        texts.extend(labels)
    by_first: dict[str, list[str]] = {}
    for text in sorted({t for t in texts if t}, key=len, reverse=True):
        by_first.setdefault(text[0], []).append(text)
    return {first: tuple(words) for first, words in by_first.items()}


@cache
def _stop_ending_last() -> frozenset[str]:
    """The last characters of the vocabulary's stop endings (审核意见, …年月日): only a row
    ending in one may be a signers' line whose first words show nothing special."""
    words = vocabulary()
    return frozenset(ending[-1] for ending in (*words.stop_endings, *words.review_endings))


def may_be_special(text: str) -> bool:
    """Whether a row led by ``text`` may be anything but an indicator row (then the general
    path decides): it starts with a vocabulary word (spaces inside it ignored: 项 目 名 称),
    an outline number, a year's title, or a character no indicator text starts with."""
    lead = text.lstrip(BLANK_CHARS)
    if not lead:
        return True
    last = unicodedata.normalize("NFKC", lead.rstrip(BLANK_CHARS)[-1])
    if last in _stop_ending_last() and ends_like_signers_line(lead):
        return True  # 区扶贫办审核意见, 财政资金管理科室(盖章) 年 月 日: the signers' lines
    first = lead[0]
    if not "\u4e00" <= first <= "\u9fff":
        return not first.isdigit() or _DIGIT_LED.match(lead) is not None
    if first in _FOOTER_FIRST and PAGE_FOOTER.match("".join(lead.split())):
        return True
    prefixes = _special().get(first)
    if prefixes is None:
        return False
    head = lead[:16]
    if " " in head or "\u3000" in head or "\t" in head or "\u00a0" in head:
        head = "".join(head.split())  # 项 目 名 称
    return head.startswith(prefixes)


# A page number no cell value looks like (- 1 -, 第1页, 第1页/共2页), spaces squeezed out:
# skipped wherever it stands, also on a sheet (a workbook converted from a PDF keeps them).
PAGE_FOOTER = re.compile(r"^[-—－–]+\d+[-—－–]+$|^第\d+页[/,，]?(共\d+页)?$|^共\d+页第\d+页$")
_FOOTER_FIRST = frozenset("第共")

# A digit-led row that may be a label or a title: 1、一般公共预算, 2023年…绩效目标表, a page number.
_DIGIT_LED = re.compile(r"^\d+\s*(?:[、.．)）]|$)|^\d{4}\s*年.*表")


def _empty(value: object) -> bool:
    if value == "" or value is None:
        return True
    return value.__class__ is str and not value.strip(BLANK_CHARS)


def fast_rows(columns: IndicatorColumns) -> FastRows | None:
    """The fast path of a header's columns (None when it is not plain), made once per header
    (``columns.indicator_header`` returns the same object for the same header row)."""
    found = columns.__dict__.get("_fast", _UNSET)
    if found is _UNSET:
        found = columns.__dict__["_fast"] = (FastRows(columns) if FastRows.applies(columns)
                                             else None)
    return found


_UNSET = object()


class FastRows:
    """The plain columns of one indicator block, and the test that a row fits them."""

    def __init__(self, columns: IndicatorColumns) -> None:
        index = {c.role: c.index for c in columns.columns}
        self.level1 = index["level1"]
        self.level2 = index["level2"]
        self.name = index["name"]
        self.weight = index.get("weight")
        self.value = index.get("value")
        used = [i for i in (self.level1, self.level2, self.name, self.weight, self.value)
                if i is not None]
        self.narrowest = max(used) + 1
        self.gaps = tuple(i for i in range(self.narrowest) if i not in used)
        # Cell addresses of the row's 三级 and weight cells: "C" + row number.
        self.name_letter = column_letter(self.name)
        self.weight_letter = column_letter(self.weight) if self.weight is not None else ""
        self.level2_letter = column_letter(self.level2)

    @staticmethod
    def applies(columns: IndicatorColumns) -> bool:
        roles = [c.role for c in columns.columns if c.role not in ("other", "block")]
        return (set(roles) <= PLAIN_ROLES and {"level1", "level2", "name"} <= set(roles)
                and len(roles) == len(set(roles))
                and all(c.side == "annual" for c in columns.columns))

    def fits(self, cells: list) -> bool:
        """Every cell in its column, levels empty or a level label, 三级 text."""
        narrowest = self.narrowest
        if len(cells) < narrowest:
            return False
        for index in self.gaps:
            if not _empty(cells[index]):
                return False  # a filled cell outside the columns (a block label, a note)
        if len(cells) > narrowest:
            for value in cells[narrowest:]:
                if not _empty(value):
                    return False
        first, second, name = cells[self.level1], cells[self.level2], cells[self.name]
        if first != "" and not (first.__class__ is str and level_of(first) & 1):
            return False
        if second != "" and not (second.__class__ is str and level_of(second) & 2):
            return False
        if not (name == "" or name.__class__ is str):
            return False
        if name == "" and second == "" and first != "" and self.weight is not None \
                and not _empty(cells[self.weight]):
            return False  # 产出指标 | | | 50: a 一级's subtotal (tables._level_subtotal)
        if first != "" or second != "":
            return True  # led by a level label: an indicator row (or the levels alone)
        lead = next(filter(None, cells), None)
        return not (lead.__class__ is str and may_be_special(lead))
