"""The indicator levels as a table writes them: labels repaired for rule T001, and the
一级 a two-level table's category or a cost-first table's 二级 belongs to (the frameworks
as data, ``xlperf/data/frameworks``)."""

from __future__ import annotations

from functools import lru_cache

from xlperf.model import Project
from xlperf.model.framework import bundled_frameworks, choose, load_framework, parse_label
from xlperf.model.text import normalize_label
from xlperf.reader import cells as kinds

_ODD_HYPHENS = frozenset("－—–‐‑﹣")
# A (category) cell of a two-level table names a 二级 of this framework: its 一级 is that
# 二级's parent here (数量指标 → 产出指标).
_CATEGORY_FRAMEWORK = "standard"


@lru_cache(maxsize=4096)
def normalized_label(original: str) -> tuple[str, tuple[str, ...]]:
    """A label normalised (``１１－数量指标`` → ``11-数量指标``) and the kinds of repair made,
    for rule T001. Cached: a batch repeats the same few labels on every row."""
    label = normalize_label(original)
    if label == original:
        return label, ()
    kinds_found = []
    # A line break wraps the label in its cell (产出\n指标, Alt+Enter): layout, no repair.
    if any(ch.isspace() and ch not in "\r\n" for ch in original):
        kinds_found.append("space")
    if _ODD_HYPHENS & set(original):
        kinds_found.append("hyphen")
    if any(_is_fullwidth_ascii(ch) for ch in original):  # not （50分）: brackets are Chinese
        kinds_found.append("fullwidth")
    return label, tuple(kinds_found)


def _is_fullwidth_ascii(ch: str) -> bool:
    """A full-width digit, Latin letter or number sign (１, Ａ, ．, ％): what another system
    misreads. Full-width brackets, colons and commas are how Chinese is written."""
    return ch in "．－＋％" or "０" <= ch <= "９" or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ"


def category(label: str) -> tuple[str, str]:
    """A two-level table's first column: 数量指标 is a 二级, whose 一级 follows from the
    standard framework (产出指标); 效益指标 is a 一级 with no 二级. (成本指标, a 一级 of
    the cost-first-level framework too, is read as the standard one's 二级.) A 二级 the
    standard framework lacks takes its 一级 from the bundled framework that has it: the
    2021 cost categories 经济成本指标 / 社会成本指标 / 生态环境成本指标 are 二级 of 成本指标."""
    if not label:
        return "", ""
    name = parse_label(label)[1]
    if load_framework(_CATEGORY_FRAMEWORK).first_by_name(name) is not None:
        return label, ""  # 满意度: the 一级, though also a 二级's alias
    if not kinds.level_of(label) & 2:
        return label, ""
    parent = _category_parent(name)
    return (parent, label) if parent is not None else (label, "")


def first_levels(project: Project, framework_name: str) -> str:
    """A two-level table read against a framework with cost as a 一级 (its categories
    name 经济成本指标 …): its category 成本指标 is that 一级, not the standard framework's
    二级 under 产出指标 (``category``). Returns the framework the table is checked against."""
    if framework_name == _CATEGORY_FRAMEWORK:
        return framework_name
    framework = load_framework(framework_name)
    changed = False
    for item in (*project.indicators, *project.long_term_indicators):
        if item.level2 and framework.first_by_name(parse_label(item.level2)[1]) is not None:
            item.level1, item.level2, changed = item.level2, "", True
    if not changed:
        return framework_name
    return choose((i.level1, i.level2) for i in project.indicators)


@lru_cache(maxsize=1024)
def _category_parent(name: str) -> str | None:
    """The 一级 of the 二级 ``name``: the standard framework's, else the first bundled
    framework's that has it (``bundled_frameworks`` puts the standard one first)."""
    for framework_name in (_CATEGORY_FRAMEWORK, *bundled_frameworks()):
        framework = load_framework(framework_name)
        second = framework.second_by_name(name)
        parent = framework.parent_of(second) if second is not None else None
        if parent is not None:
            return parent.name
    return None


def is_child(level1: str, label: str) -> bool:
    """Whether some bundled framework has ``label`` as a 二级 of the 一级 ``level1``."""
    for name in bundled_frameworks():
        framework = load_framework(name)
        first = framework.first(level1) or framework.first_by_name(parse_label(level1)[1])
        if first is not None and framework.second_by_name(parse_label(label)[1], first) in \
                first.children:
            return True
    return False
