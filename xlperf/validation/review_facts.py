"""Frame columns for the review rules: template text, units, satisfaction, declared scores,
cost breakdowns, and the cross-project family X (one department's projects side by side).

Called by ``frame.build_frame`` once its own columns exist, so these rules run in the same
single pandera pass as the rest of the catalogue. Texts are read once per distinct
(三级, 指标值) pair (the frame's ``text_code``); the cross-project facts are one ``groupby``
over the candidate rows of the batch, keyed by department and subject, so a city's batch
costs one pass.

A *subject* is an indicator's text without its numbers (``全市政府网站 5 个`` and
``全市政府网站4个`` are both ``全市政府网站#个``): two projects of one department that
state one subject with different numbers contradict each other (X001).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from xlperf.model import Department, Project
from xlperf.model.check_words import (
    COPIED_MIN_ROWS,
    COPIED_MIN_SHARE,
    DECLARED_SCORE,
    REPEATED_AMOUNT,
    SHARED_TEXT_PROJECTS,
    has_template_text,
    same_unit,
)
from xlperf.model.vocabulary import field_label, label_key
from xlperf.validation.config import Config
from xlperf.validation.targets import read_text
from xlperf.validation.text_facts import NUMBER, as_text

# The header fields T003 reads for template text, in the order it reports the first.
TEMPLATE_FIELDS = ("name", "goal", "mid_term_goal", "term", "competent_department",
                   "implementing_unit", "attribute")
_COST_TOTALS = ("合计", "总计")
_COST_SUBTOTAL = "小计"
TOLERANCE = 0.01  # scores are typed with one or two decimals
MONEY_TOLERANCE = 0.005


def add_review_columns(cols: Any, departments: Sequence[Department],
                       configs: Sequence[Config]) -> None:
    """Every column the review rules read, added to the frame's columns in place."""
    projects = [project for department in departments for project in department.projects]
    _add_text_columns(cols)
    _add_satisfaction(cols)
    _add_project_review(cols, projects)
    _add_scores(cols, configs)
    _add_across(cols)


# --- per distinct text ---------------------------------------------------------------------

def _per_distinct(values: np.ndarray, facts: Callable[[Any], tuple],
                  names: tuple[tuple[str, object], ...]) -> dict[str, np.ndarray]:
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    table = [facts(value) for value in uniques]
    result = {}
    for position, (name, dtype) in enumerate(names):
        column = [entry[position] for entry in table]
        array = (np.asarray(column, dtype=dtype) if dtype is not object
                 else np.fromiter(column, dtype=object, count=len(column)))
        result[name] = array[codes] if len(array) else np.zeros(0, dtype=dtype)
    return result



@lru_cache(maxsize=1 << 12)
def _name_quantities(name: str) -> tuple[tuple[float, str], ...]:
    return tuple((q.low, q.unit) for q in read_text(name).quantities if q.unit)


def _add_text_columns(cols: Any) -> None:
    """The per-text review facts (``text_facts``, already in the frame) where they apply."""
    name, value, unit = cols["name"], cols["value"], cols["unit"]
    applicable = cols["applicable"]
    cols["template_text"] = np.where(cols["has_indicator"], cols["template_text"], "")
    no_unit_column = pd.isna(unit) | (unit == "")
    cols["unitless"] = np.where(applicable & no_unit_column, cols["unitless"], "")
    cols["target_text"] = np.where(pd.isna(value) | (value == ""), name, value)
    cols["name_unit"] = _name_units(name, value, unit, applicable)


def _name_units(name: np.ndarray, value: np.ndarray, unit: np.ndarray,
                applicable: np.ndarray) -> np.ndarray:
    """Q006: the unit an indicator's name gives its own target number when the 计量单位
    column gives another (``村组干部230人`` beside ``个``), else ``""``."""
    result = np.full(len(name), "", dtype=object)
    rows = np.flatnonzero(applicable & ~(pd.isna(unit) | (unit == "")))
    for row in rows:
        stated = as_text(unit[row])
        target = read_text(as_text(value[row]))
        numbers = {q.low for q in target.quantities}
        for number, named in _name_quantities(as_text(name[row])):
            if number in numbers and not same_unit(named, stated) and named != "万":
                result[row] = named
                break
    return result


def _add_satisfaction(cols: Any) -> None:
    """Q007: the satisfaction rows of a project none of whose satisfaction rows is a rate."""
    rows = cols["applicable"] & cols["is_satisfaction"] & ~cols["name_blank"]
    rated = rows & ~np.isnan(cols["percent"])
    pidx = cols["pidx"]
    slot = np.where(pidx >= 0, pidx, pidx.max(initial=0) + 1)
    has_rate = np.bincount(slot, weights=rated.astype(float))[slot] > 0
    cols["satisfaction_unrated"] = rows & ~has_rate


# --- per project ---------------------------------------------------------------------------

def _add_project_review(cols: Any, projects: list[Project]) -> None:
    facts = [_project_review(project) for project in projects]
    names = (("cost_parts_sum", np.float64), ("cost_lines_total", np.float64),
             ("stated_total", np.float64), ("amount_garbled", bool),
             ("t003_field", object), ("t003_text", object), ("t003_cell", object),
             ("t003_line", np.float64))
    pidx = cols["pidx"]
    take = np.where(pidx >= 0, pidx, 0)
    for position, (name, dtype) in enumerate(names):
        values = [entry[position] for entry in facts]
        if values:
            array = (np.asarray(values, dtype=dtype) if dtype is not object
                     else np.fromiter(values, dtype=object, count=len(values)))
            column = array[take]
        else:
            column = (np.zeros(cols.rows, dtype=dtype) if dtype is not object
                      else np.full(cols.rows, None, dtype=object))
        if dtype is np.float64:
            column = np.where(pidx >= 0, column, math.nan)
        elif dtype is bool:
            column = column & (pidx >= 0)
        cols[name] = column


def _project_review(project: Project) -> tuple:
    parts, total = _cost_breakdown(project.cost_lines)
    found = next(((key, text) for key in TEMPLATE_FIELDS
                  if (text := has_template_text(as_text(getattr(project, key, ""))))), None)
    key = found[0] if found else None
    line = project.lines.get(key or "name")
    return (
        parts, total,
        project.stated_total if project.stated_total is not None else math.nan,
        _garbled(project.amount),
        field_label(key) if key else "", found[1] if found else "",
        (project.cells or {}).get(key or "name") or (project.cells or {}).get("name"),
        float(line) if line is not None else math.nan,
    )


def _cost_breakdown(lines: list[tuple[str, object]]) -> tuple[float, float]:
    """(the sum of a cost breakdown's lines, its 合计) — NaN when either is not known:
    no 合计, an unreadable amount, or 小计 lines (which a plain sum would count twice)."""
    totals = [value for item, value in lines if label_key(item) in _COST_TOTALS]
    if not totals or any(_COST_SUBTOTAL in item for item, _ in lines):
        return math.nan, math.nan
    parts = _top_level(lines)
    if not parts or not all(isinstance(v, float) for v in parts) \
            or not isinstance(totals[-1], float):
        return math.nan, math.nan
    return round(sum(parts), 6), totals[-1]


# Outline numbers of a cost breakdown's lines, the outermost first: 一、 （一） 1. （1）.
_OUTLINES = (re.compile(r"^[一二三四五六七八九十]+[、.．]"),
             re.compile(r"^[(（][一二三四五六七八九十]+[)）]"),
             re.compile(r"^\d+[、.．]"), re.compile(r"^[(（]\d+[)）]"))


def _top_level(lines: list[tuple[str, object]]) -> list[object] | None:
    """The amounts of a breakdown's outermost lines: ``一、商品和服务支出 40`` and not its
    ``1.委托业务费 37`` beneath (a plain sum counts it twice). None when numbered and
    unnumbered lines are mixed: which of them are parts is not known, so K004 is not judged."""
    items = [(item, value) for item, value in lines if label_key(item) not in _COST_TOTALS]
    levels = [next((i for i, outline in enumerate(_OUTLINES)
                    if outline.match(item.strip())), None) for item, _ in items]
    numbered = {level for level in levels if level is not None}
    if len(numbered) <= 1:
        return [value for _, value in items]
    if None in levels:
        return None
    top = min(numbered)
    return [value for (_, value), level in zip(items, levels, strict=True) if level == top]


def _garbled(amount: object) -> bool:
    """项目年度金额 read as text holding an amount twice or more than one number."""
    if not isinstance(amount, str):
        return False
    return bool(REPEATED_AMOUNT.match(amount)) or len(NUMBER.findall(amount)) > 1


# --- declared scores (W006) ----------------------------------------------------------------

def _declared(level1: object) -> float:
    found = DECLARED_SCORE.search(as_text(level1))
    return float(found.group(1)) if found else math.nan


def _add_scores(cols: Any, configs: Sequence[Config]) -> None:
    """W006: each 一级 label's declared score (产出指标(70分)) beside the scores of its rows
    and the configured policy, on the first row of that 一级 in its project."""
    level1 = cols["level1"]
    declared = _per_distinct(level1, lambda v: (_declared(v),), (("d", np.float64),))["d"]
    counted = cols["applicable"] & ~np.isnan(cols["weight"])
    keys = pd.DataFrame({"pidx": cols["pidx"], "level1": level1}, dtype=object)
    group = keys.groupby(["pidx", "level1"], sort=False, dropna=False).ngroup().to_numpy()
    sums = np.bincount(group, weights=np.where(counted, cols["weight"], 0.0))
    scored = np.bincount(group, weights=counted.astype(float))
    first = np.zeros(cols.rows, dtype=bool)
    _, first_rows = np.unique(group, return_index=True)
    first[first_rows] = True
    policies = [c.policy_by_kind() if c.policy else {} for c in configs]
    share = np.asarray([policies[d].get(k, math.nan) if isinstance(k, str) else math.nan
                        for d, k in zip(cols["dept"], cols["level1_kind"], strict=True)],
                       dtype=np.float64) if any(policies) else np.full(cols.rows, math.nan)
    cols["declared_score"] = declared
    cols["level1_scores"] = sums[group]
    cols["level1_scored"] = scored[group] > 0
    cols["level1_first"] = first & (cols["pidx"] >= 0) & ~np.isnan(declared)
    cols["policy_share"] = share


# --- across one department's projects (X) ----------------------------------------------------

def _add_across(cols: Any) -> None:
    rows = cols.rows
    for name in ("x001_other", "x003_other", "x002_other"):
        cols[name] = np.full(rows, "", dtype=object)
    cols["x002_rows"] = np.zeros(rows, dtype=np.int64)
    cols["x002_total"] = np.zeros(rows, dtype=np.int64)
    cols["x001_numbers"] = np.full(rows, "", dtype=object)
    long_enough = cols["subject_long"]
    base = (cols["applicable"] & ~cols["name_blank"] & ~cols["is_satisfaction"]
            & (cols["pidx"] >= 0))
    counted = cols["counted"] != ""
    kind2 = cols["level2_kind"]
    facts = base & long_enough & ~cols["is_cost"] & (kind2 != "timeliness") & counted
    _conflicts(cols, facts, "counted", "x001_other")
    costs = base & long_enough & cols["is_cost"] & cols["has_money"]
    _conflicts(cols, costs, None, "x003_other")
    _copies(cols, base & ~cols["not_applicable"])


def where_of(cols: Any, row: int) -> str:
    """A row's place as a user finds it: 项目、工作表和单元格, or the line of a text."""
    project = as_text(cols["project"][row])
    cell = cols["cell"][row]
    line = cols["row"][row]
    if isinstance(cell, str) and cell:
        place = f"{as_text(cols['sheet'][row])} {cell}".strip()
    elif not math.isnan(line):
        place = f"第 {line:g} 行"
    else:
        place = ""
    return f"项目“{project}”（{place}）" if place else f"项目“{project}”"


def _conflicts(cols: Any, rows: np.ndarray, numbers: str | None, into: str) -> None:
    """Rows stating a subject another project of their department stated first: with
    different numbers (``numbers`` given: X001), or at all (X003: a cost counted twice)."""
    positions = np.flatnonzero(rows)
    if not len(positions):
        return
    # Only the candidate rows' values, as Python lists (not whole columns: most rows are none).
    dept, pidx, subject = (cols[name][positions].tolist() for name in ("dept", "pidx", "subject"))
    stated = cols[numbers] if numbers else None
    names, target = cols["project"], cols[into]
    first_of: dict[tuple, tuple[int, int]] = {}  # (department, subject) -> first (row, pidx)
    seen: set[tuple] = set()  # (department, subject, project): a project's first row only
    for pos, d, project, text in zip(positions.tolist(), dept, pidx, subject, strict=True):
        # in row order: "first" is the earliest project's row
        key = (d, text)
        if (d, text, project) in seen:
            continue
        seen.add((d, text, project))
        first, first_project = first_of.setdefault(key, (pos, project))
        if project == first_project or names[first] == names[pos]:  # same project, or H004's
            continue
        if stated is not None and stated[pos] == stated[first]:
            continue
        target[pos] = f"{where_of(cols, first)}的“{as_text(cols['name'][first])}”"
        if stated is not None:
            cols["x001_numbers"][pos] = f"{stated[pos]} 与 {stated[first]}"


def _copies(cols: Any, rows: np.ndarray) -> None:
    """X002: a project whose applicable indicators are mostly another project's, word for
    word; reported once, on the later project's first row, against the earlier one."""
    positions = np.flatnonzero(rows)
    if not len(positions):
        return
    dept, pidx, text = (cols[name][positions].tolist() for name in ("dept", "pidx", "copy_key"))
    own = Counter(pidx)  # a project's rows that count
    holders: dict[tuple, list[int]] = {}  # (department, text) -> the projects stating it
    for key, project in zip(zip(dept, text, strict=True), pidx, strict=True):
        projects = holders.setdefault(key, [])
        if project not in projects:
            projects.append(project)
    pairs: Counter[tuple[int, int]] = Counter()  # (earlier, later) -> texts both state
    for projects in holders.values():
        if 1 < len(projects) <= SHARED_TEXT_PROJECTS:  # a text every project has says nothing
            pairs.update(itertools.combinations(sorted(projects), 2))
    best: dict[int, tuple[int, int]] = {}
    name_of = {int(p): as_text(n).strip() for p, n in zip(cols["pidx"][cols["is_first"]],
                                                         cols["project"][cols["is_first"]],
                                                         strict=True)}
    for (earlier, later), count in sorted(pairs.items()):  # ties: the earliest project
        if name_of[earlier] == name_of[later]:
            continue
        smaller = min(own[earlier], own[later])
        copied = count >= COPIED_MIN_ROWS and count >= COPIED_MIN_SHARE * smaller
        if copied and count > best.get(later, (0, -1))[0]:
            best[later] = (count, earlier)
    if not best:
        return
    first_row = {int(p): int(r) for p, r in zip(cols["pidx"][cols["is_first"]],
                                                 np.flatnonzero(cols["is_first"]), strict=True)}
    for later, (count, earlier) in best.items():  # (same names: one project twice, H004)
        row, other = first_row[later], first_row[earlier]
        cols["x002_other"][row] = f"项目“{as_text(cols['project'][other])}”"
        cols["x002_rows"][row] = count
        cols["x002_total"][row] = own[later]
