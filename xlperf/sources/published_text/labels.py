"""Recognising table labels by their text: header fields, column headers, 一级/二级 labels.

Rows that lost their leading tabs can only be placed by what their first cell
says, so these answers decide where a cell belongs. Level names come from
every bundled indicator framework (data, not code), so a table written for the
cost-first-level framework is read as well as the standard one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from xlperf.model.framework import bundled_frameworks, load_framework
from xlperf.model.text import normalize_label, parse_number, split_label_value
from xlperf.sources.published_text import layout
from xlperf.sources.published_text.notice import squeeze
from xlperf.sources.workbook.layout import COLUMN_ALIASES, COLUMN_LABELS, HEADER_ALIASES

_TRAILING_UNIT = re.compile(r"[（(][^（）()]*[）)]$")
_NAME_COLUMN = COLUMN_LABELS["name"]
_NUMBER_START = frozenset("0123456789+-.０１２３４５６７８９＋－．")


@lru_cache(maxsize=4096)  # the same labels come back on every table
def header_field(cell: str) -> tuple[str | None, str]:
    """The header field a label cell names (``项目年度金额（万元）：`` → amount) and its unit."""
    key = squeeze(cell).rstrip(":：")
    if not key:
        return None, ""
    unit = ""
    bare = _TRAILING_UNIT.sub("", key)
    if bare != key:
        unit = key[len(bare):].strip("（）()")
    for field, labels in HEADER_ALIASES.items():
        if key in labels or bare in labels:
            return field, unit
    return None, ""


def inline_field(cell: str) -> tuple[str | None, str, str]:
    """(field, unit, value) of a ``项目名称：…`` cell; (None, "", "") for any other cell."""
    parts = split_label_value(cell)
    if parts is None:
        return None, "", ""
    field, unit = header_field(parts[0])
    return field, unit, parts[1] if field else ""


def column_field(cell: str) -> str | None:
    """The indicator column a header cell names (``绩效值``/``权重`` → weight)."""
    key = squeeze(cell)
    bare = _TRAILING_UNIT.sub("", key)
    for field, label in COLUMN_LABELS.items():
        names = (label, *COLUMN_ALIASES.get(field, ()))
        if key in names or bare in names:
            return field
    return None


def column_header(cells: list[str]) -> list[str | None] | None:
    """The fields of an ``一级指标 二级指标 三级指标 绩效值`` row; None if it is not one."""
    if not any(_NAME_COLUMN in "".join(cell.split()) for cell in cells):
        return None  # cheap test first: this runs on every row
    fields = [column_field(cell) for cell in cells]
    if {"level1", "level2", "name"} <= set(fields):
        return fields
    return None


@cache
def _known_names() -> tuple[frozenset[str], frozenset[str]]:
    """All 一级 and 二级 names and labels of the bundled frameworks (standard wins ties)."""
    first: set[str] = set()
    second: set[str] = set()
    for name in bundled_frameworks():
        framework = load_framework(name)
        for level1 in framework.level1:
            first.update(_spellings(level1.name, level1.label))
            for level2 in level1.children:
                second.update(_spellings(level2.name, level2.label))
    standard_second = {n for l1 in load_framework("standard").level1
                       for l2 in l1.children for n in _spellings(l2.name, l2.label)}
    return frozenset(first - standard_second), frozenset(second)


def _spellings(name: str, label: str) -> tuple[str, ...]:
    """A level as tables write it: 社会效益, 22-社会效益, and the central form's 社会效益指标."""
    return (name, label) if name.endswith("指标") else (name, label, f"{name}指标")


@lru_cache(maxsize=4096)
def label_level(cell: str) -> int | None:
    """1 for a 一级 label, 2 for a 二级 label, None for anything else (a 三级 name, a weight)."""
    key = normalize_label(cell)
    if not key:
        return None
    match = layout.CODED_LABEL.match(key)
    if match and match.group("name").endswith(layout.LABEL_ENDINGS):
        return 1 if len(match.group("code")) == 1 else 2
    first, second = _known_names()
    if key in first:
        return 1
    if key in second:
        return 2
    return None


def is_bare_number(cell: str) -> bool:
    """A cell holding only a number (a weight that slid into the name column)."""
    text = cell.strip()
    return bool(text) and text[0] in _NUMBER_START and isinstance(parse_number(text)[0], float)
