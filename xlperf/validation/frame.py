"""Departments → one tidy DataFrame, one row per indicator, for one pandera run per batch.

Every fact a rule needs is a column, computed here once and vectorised:
numbers are converted here (not by pandera's ``coerce``, which would hide
later failures on a column that failed coercion), each distinct indicator
text is read once by the target reader and each distinct label pair looked
up once, and group facts (a project's weight total, whether it has an
applicable 产出 indicator …) are summed with ``numpy.bincount`` and broadcast
back to the rows, so a check is a plain boolean expression over columns.

A project without indicators still gets one row (``has_indicator`` False),
and a department without projects one row (``has_project`` False), so that
header and department rules see them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import attrgetter

import numpy as np
import pandas as pd

from xlperf.model import Department, Project, ReadingNote
from xlperf.model.framework import load_framework
from xlperf.model.info_fields import DEPARTMENT_SHEET
from xlperf.model.text import normalize_label, parse_number, parse_weight
from xlperf.model.vocabulary import field_label
from xlperf.validation.config import Config
from xlperf.validation.forms import framework_for, has_weights, is_goal_table
from xlperf.validation.review_facts import add_review_columns
from xlperf.validation.text_facts import TEXT_FACT_COLUMNS, text_facts

# Header fields H001 requires (项目年度金额 is H002's: a blank amount is reported once).
REQUIRED_HEADER = ("name", "competent_department", "implementing_unit", "attribute", "term",
                   "goal")
# What 本指标不适用 rows may carry instead of a weight.
WEIGHT_PLACEHOLDERS = frozenset({"/", "／", "-", "－", "—", "——", "无", "不适用", "—/—"})
# Words that show a goal states an output or an effect (C004).
GOAL_WORDS = re.compile(
    r"完成|开展|实现|提升|提高|保障|确保|推动|推进|促进|建设|建成|提供|改善|满足|达到|发放|"
    r"覆盖|维护|运行|保证|增强|加强|服务|用于|支持|落实|减少|降低|增加|印制|培训|采购|购置|"
    r"举办|组织|发布|制作|监测|检测|改造|升级|整治|治理|救助|补助|补贴|资助|奖励|宣传|"
    r"\d|[一二两三四五六七八九十百千]+[个项次件期人名所家台套场]"
)
# Weights are typed by hand with one or two decimals; a smaller difference is rounding.
TOLERANCE = 0.01
KIND_NAMES = {"output": "产出", "effect": "效益", "satisfaction": "满意度", "cost": "成本"}

_PUNCTUATION = re.compile(r"[\s\W_]+")
_TERM_YEARS = re.compile(r"^(\d+(?:\.\d+)?)年期?$")
_TERM_MONTHS = re.compile(r"^(\d+)个?月$")
_TERM_YEAR_NAMED = re.compile(r"^(\d{4})年?度?$")
_TERM_RANGE = re.compile(r"^(\d{4})年?度?[-~至到](\d{4})年?度?$")
# 2025年1月-2025年12月, 2025.1-2025.12, 2025年1月1日至12月31日: a span of months (days
# ignored); also dates as a date cell shows them (2025-01-01至2025-12-31, 2025.1.1—2025.12.31,
# 2025/01/01-…) and 2025年1月1日起至2025年12月31日止.
_TERM_DAY = r"(?:月(?:\d{1,2}日)?|[./-]\d{1,2}日?)?"
_TERM_MONTH_RANGE = re.compile(
    rf"^(\d{{4}})[年./-](\d{{1,2}}){_TERM_DAY}起?[-~至到—–]+"
    rf"(?:(\d{{4}})[年./-])?(\d{{1,2}}){_TERM_DAY}止?$"
)
# The budget year itself: 当年, 本年度, 全年, 2025年全年.
_TERM_ONE_YEAR = re.compile(r"^(?:\d{4}年)?(?:当年度?|本年度?|全年|年度内?|年内)$")
# A term with its years in brackets: 1年（2025年）, 2025年(1年).
_TERM_BRACKETED = re.compile(r"^(.+?)[(（](.+?)[)）]$")
_CN_YEARS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}
_CELL_ROW = re.compile(r"(\d+)$")


def build_frame(departments: Sequence[Department], configs: Sequence[Config]) -> Columns:
    """The batch as one frame (see the module docstring); ``configs`` is one per department."""
    slots = _Slots()
    fields: dict[str, list] = {name: [] for name in INDICATOR_FIELDS}
    for d_index, department in enumerate(departments):
        slots.config = configs[d_index]
        if not department.projects:
            slots.add(d_index, -1, department, None, 1, has_indicator=False)
            _add_placeholder(fields)
        for p_index, project in enumerate(department.projects):
            indicators = project.indicators
            if indicators:
                for name, values in fields.items():  # one C-level pass per attribute
                    values.extend(map(_GETTERS[name], indicators))
            else:
                _add_placeholder(fields)
            slots.add(d_index, p_index, department, project, max(1, len(indicators)),
                      has_indicator=bool(indicators))
    cols = _indicator_columns(fields, slots, configs)
    _add_project_columns(cols, slots.projects)
    _add_department_columns(cols, departments, configs)
    _add_group_facts(cols, configs)
    add_review_columns(cols, departments, configs)
    return cols


class Columns(dict):
    """The frame's columns (numpy arrays by name, ``rows`` long).

    The rules' checks read these arrays directly (a DataFrame's column lookup
    cost more than many checks themselves); the DataFrame pandera validates is
    built from the columns it checks, without copying (``frame``). Object columns
    stay object (pandas 3 would otherwise infer its string dtype, scanning every value).
    """

    def __init__(self, columns: dict[str, np.ndarray], rows: int) -> None:
        super().__init__(columns)
        self.rows = rows

    def frame(self, names: Sequence[str]) -> pd.DataFrame:
        """A DataFrame over the named columns, sharing their arrays."""
        index = pd.RangeIndex(self.rows)
        return pd.DataFrame({
            name: pd.Series(self[name], index=index, dtype=object, copy=False)
            if self[name].dtype == object else self[name]
            for name in names
        }, index=index, copy=False)


# What the frame reads of each indicator, and what a placeholder row holds instead.
INDICATOR_FIELDS: dict[str, object] = {
    "level1": "", "level2": "", "name": "", "value": None, "weight": None,
    "not_applicable": False, "sheet": None, "cell": None, "weight_cell": None, "row": None,
    "level2_cell": None, "unit": None,
}
_GETTERS = {name: attrgetter(name) for name in INDICATOR_FIELDS}


def _add_placeholder(fields: dict[str, list]) -> None:
    for name, values in fields.items():
        values.append(INDICATOR_FIELDS[name])


class _Slots:
    """One entry per project (or per department without projects), repeated over its rows."""

    def __init__(self) -> None:
        self.config = Config()  # the configuration of the department being added
        self.counts: list[int] = []
        self.dept: list[int] = []
        self.proj: list[int] = []
        self.pidx: list[int] = []
        self.file: list[str | None] = []
        self.project: list[str | None] = []
        # A flat list's project is its (单位名称, 项目名称): H004 keys by both there.
        self.unit: list[str | None] = []
        self.sheet: list[str | None] = []
        self.has_indicator: list[bool] = []
        self.projects: list[tuple] = []
        # The form each project was read from (validation/forms.py).
        self.framework: list[str] = []
        self.goal_table: list[bool] = []
        self.has_weights: list[bool] = []
        self.two_level: list[bool] = []

    def add(self, d: int, p: int, department: Department, project: Project | None,
            count: int, has_indicator: bool) -> None:
        self.counts.append(count)
        self.dept.append(d)
        self.proj.append(p)
        self.file.append(department.source)
        self.has_indicator.append(has_indicator)
        if project is None:
            self.pidx.append(-1)
            self.project.append(None)
            self.unit.append(None)
            self.sheet.append(None)
            self.framework.append(self.config.framework or "standard")
            self.goal_table.append(True)
            self.has_weights.append(True)
            self.two_level.append(False)
            return
        self.framework.append(framework_for(project, self.config))
        self.goal_table.append(is_goal_table(project))
        self.has_weights.append(has_weights(project))
        self.two_level.append(project.layout == "two_level")
        self.pidx.append(len(self.projects))
        self.projects.append(_project_facts(project))
        self.project.append(project.name)
        # H004 keys on (实施单位, 项目名称) on every form: a flat list's two units that each
        # have a project so named are still two units once imported into sheets of their own.
        self.unit.append(_text(project.implementing_unit).strip() or None)
        self.sheet.append(project.sheet)

    def repeat(self, values: list, dtype: object = object) -> np.ndarray:
        array = np.asarray(values, dtype=dtype) if dtype is not object else _objects(values)
        return np.repeat(array, np.asarray(self.counts, dtype=np.int64))


def _indicator_columns(fields: dict[str, list], slots: _Slots,
                       configs: Sequence[Config]) -> Columns:
    (level1, level2, name, value, weight, flagged, sheet, cell, weight_cell, row, level2_cell,
     unit) = (
        _objects(fields[column]) for column in INDICATOR_FIELDS)
    dept = slots.repeat(slots.dept, np.int64)
    has_indicator = slots.repeat(slots.has_indicator, bool)
    columns: dict[str, np.ndarray] = {
        "file": slots.repeat(slots.file),
        "dept": dept,
        "proj": slots.repeat(slots.proj, np.int64),
        "pidx": slots.repeat(slots.pidx, np.int64),
        "project": slots.repeat(slots.project),
        "project_unit": slots.repeat(slots.unit),
        "sheet": np.where(pd.isna(sheet), slots.repeat(slots.sheet), sheet),
        "cell": cell,
        "weight_cell": weight_cell,
        # S002 points at the 二级 cell; a table without one (two levels) at the indicator.
        "level2_at": np.where(pd.isna(level2_cell), cell, level2_cell),
        "row": _floats(row),
        "has_project": slots.repeat([p >= 0 for p in slots.pidx], bool),
        "has_indicator": has_indicator,
        "level1": level1,
        "level2": level2,
        "name": name,
        "value": value,
        "unit": unit,
    }
    # Departments mostly share one configuration: key the facts by it, not by department.
    word_ids, words = pd.factorize(_objects([tuple(sorted(c.measurable_words))
                                             for c in configs]))
    columns.update(_facts_by_key(
        (name, value, word_ids[dept]), lambda n, v, w: text_facts(n, v, words[w]),
        TEXT_FACT_COLUMNS, code_column="text_code"))
    framework = slots.repeat(slots.framework)
    columns["framework"] = framework
    columns["goal_table"] = slots.repeat(slots.goal_table, bool)
    columns["has_weights"] = slots.repeat(slots.has_weights, bool)
    columns.update(_facts_by_key(
        (level1, level2, framework), lambda a, b, f: _label_facts(f, a, b), LABEL_COLUMNS))
    # A two-level table's effect and satisfaction rows have no 二级: nothing to report.
    no_level2 = slots.repeat(slots.two_level, bool) & (level2 == "")
    columns["level2_problem"] = np.where(no_level2, None, columns["level2_problem"])
    flags = flagged.astype(bool)
    not_applicable = (flags | columns.pop("na_text")) & has_indicator
    numbers, text = _weights(weight, not_applicable)
    columns.update({
        "weight": numbers,
        "weight_raw": weight,
        "weight_text": text,
        "not_applicable": not_applicable,
        "name_blank": columns.pop("blank") & has_indicator,
        "applicable": has_indicator & ~not_applicable,
    })
    return Columns(columns, len(dept))


def _objects(values: list) -> np.ndarray:
    """A list as an object array (pandas 3 would turn strings into its own string dtype,
    which is slower to build and compares None differently)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _floats(values: np.ndarray) -> np.ndarray:
    try:
        return np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        return np.asarray([float(v) if isinstance(v, int | float) and not isinstance(v, bool)
                           else math.nan for v in values], dtype=np.float64)


def _facts_by_key(keys: Sequence[np.ndarray], facts: Callable[..., tuple],
                  names: tuple[tuple[str, object], ...],
                  code_column: str | None = None) -> dict[str, np.ndarray]:
    """``facts(*key)`` once per distinct key (a row across ``keys``), spread over the rows;
    ``code_column`` also keeps each row's key number (equal numbers, equal keys)."""
    codes, first = _factorize(keys)
    table = list(map(facts, *(column[first] for column in keys)))
    result = {code_column: codes} if code_column else {}
    columns = zip(*table, strict=True) if table else [()] * len(names)
    for (column, dtype), values in zip(names, columns, strict=True):
        array = (np.asarray(values, dtype=dtype) if dtype is not object
                 else _objects(list(values)))
        result[column] = array[codes] if len(array) else np.zeros(0, dtype=dtype)
    return result


def _factorize(keys: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Codes of each row's distinct key, and the first row of each key (hashing in C)."""
    rows = len(keys[0])
    codes = np.zeros(rows, dtype=np.int64)
    size = 1  # how many distinct codes there can be so far
    for column in keys:
        if _constant(column):
            continue
        part, found = pd.factorize(column, use_na_sentinel=False)
        if size * (len(found) + 1) >= 2**62:  # keep the combined code within int64
            codes, distinct = pd.factorize(codes)
            size = len(distinct)
        codes = codes * (len(found) + 1) + part
        size *= len(found) + 1
    codes, uniques = pd.factorize(codes)
    first = np.full(len(uniques), -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(rows - 1, -1, -1)
    return codes, first


def _constant(column: np.ndarray) -> bool:
    """All rows alike (a column of None, one configuration): nothing to tell keys apart."""
    if not len(column):
        return True
    if column.dtype != object:
        return bool((column == column[0]).all())
    return column[0] is None and bool(np.equal(column, None).all())


# --- weights ----------------------------------------------------------------------------

_NO_WEIGHT = (math.nan, False)


_PLAIN_NUMBERS = frozenset({float, int, type(None)})


def _weights(raw: np.ndarray, not_applicable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(each weight as a number or NaN, whether it is text that is not a number)."""
    if set(map(type, raw)) <= _PLAIN_NUMBERS:  # the usual case: numbers and blanks, in C
        numbers = np.where(np.equal(raw, None), math.nan, raw).astype(np.float64)
        return numbers, np.zeros(len(raw), dtype=bool)
    numbers = np.fromiter((w if w.__class__ is float else _weight_number(w) for w in raw),
                          dtype=np.float64, count=len(raw))
    text = np.zeros(len(raw), dtype=bool)
    for index in np.flatnonzero(np.isnan(numbers)):
        value = raw[index]
        if isinstance(value, str | bool):
            numbers[index], text[index] = _weight_text(str(value), bool(not_applicable[index]))
    return numbers, text


def _weight_number(raw: object) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    return math.nan


@lru_cache(maxsize=4096)
def _weight_text(text: str, not_applicable: bool) -> tuple[float, bool]:
    if text in ("True", "False"):
        return (math.nan, True)
    value, _ = parse_weight(text)
    if isinstance(value, float):
        return (value, False) if not math.isnan(value) else _NO_WEIGHT
    if value is None or (not_applicable and value.strip() in WEIGHT_PLACEHOLDERS):
        return _NO_WEIGHT
    return (math.nan, True)


# --- labels -----------------------------------------------------------------------------

LABEL_COLUMNS: tuple[tuple[str, object], ...] = (
    ("level1_kind", object),
    ("level2_kind", object),
    ("level1_known", bool),
    ("level2_problem", object),  # None | "unknown" | "mismatch" | "parent"
)


@lru_cache(maxsize=8192)
def _label_facts(framework_name: str, level1: object, level2: object) -> tuple:
    """What the framework says about a row's 一级/二级 labels (S001, S002, and kinds)."""
    framework = load_framework(framework_name)
    label1 = normalize_label(level1 if isinstance(level1, str) else str(level1 or ""))
    label2 = normalize_label(level2 if isinstance(level2, str) else str(level2 or ""))
    placed = framework.place(label1, label2)
    first, second = placed.level1_loose, placed.level2
    return (first.kind if first else None, second.kind if second else None,
            placed.level1 is not None, placed.problem)


# --- per project -------------------------------------------------------------------------

PROJECT_COLUMNS: tuple[tuple[str, object], ...] = (
    ("amount", np.float64),
    ("amount_raw", object),
    ("attribute", object),
    ("term", object),
    ("term_years", np.float64),
    ("one_year", bool),
    ("multi_year", bool),
    ("goal", object),
    ("goal_length", np.int64),
    ("goal_states", bool),
    ("empty_fields", object),
    ("h001_cell", object),
    ("name_cell", object),
    ("amount_cell", object),
    ("term_cell", object),
    ("goal_cell", object),
    ("total_cell", object),
    ("h001_line", np.float64),
    ("name_line", np.float64),
    ("amount_line", np.float64),
    ("term_line", np.float64),
    ("goal_line", np.float64),
    ("total_line", np.float64),
    ("amount_in_form", bool),  # the form has a label or column for the amount
)


_HEADER = attrgetter(*REQUIRED_HEADER)  # name, departments, attribute, term, goal — in order


def _project_facts(project: Project) -> tuple:
    values = _HEADER(project)
    if all(v.__class__ is str and v and not v.isspace() for v in values):  # the usual case
        empty: list[str] = []
    else:  # the fields the form has (a form without 项目属性 does not miss it); 项目名称 always
        has = project.labels
        empty = [field for field, value in zip(REQUIRED_HEADER, values, strict=True)
                 if not _text(value).strip() and (has is None or field in has
                                                  or field == "name")]
    attribute, term, goal = (_text(v) for v in values[3:])
    cells = project.cells or {}
    lines = project.lines
    goal_length, goal_states = _goal_facts(goal)
    return (
        _amount(project.amount),
        project.amount,
        attribute,
        term,
        _term_years(term),
        "一年期" in attribute,
        "多年期" in attribute,
        goal,
        goal_length,
        goal_states,
        "、".join(field_label(f) for f in empty),
        (cells.get(empty[0]) or cells.get("name")) if empty else None,  # else the table
        cells.get("name"),
        cells.get("amount"),
        cells.get("term"),
        cells.get("goal"),
        project.total_cell,
        _line(lines, empty[0]) if empty and empty[0] in lines else _line(lines, "name"),
        _line(lines, "name"),
        _line(lines, "amount"),
        _line(lines, "term"),
        _line(lines, "goal"),
        _cell_number(project.total_cell),
        project.labels is None or "amount" in project.labels,
    )


def _line(lines: dict[str, int], key: str) -> float:
    line = lines.get(key)
    return float(line) if line is not None else math.nan


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _amount(raw: object) -> float:
    if isinstance(raw, bool) or raw is None:
        return math.nan
    if isinstance(raw, int | float):
        return float(raw)
    value, _ = parse_number(str(raw))
    return value if isinstance(value, float) else math.nan


@lru_cache(maxsize=4096)
def _term_years(term: str) -> float:
    """项目期限 in years (``1年``, ``3年``, ``12个月``, ``2024年``, ``2025.1-2025.12`` …);
    NaN when unread."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", term))
    if not text:
        return math.nan
    if text in ("一年", "一年期", "1") or _TERM_ONE_YEAR.match(text):
        return 1.0
    if match := _TERM_BRACKETED.match(text):
        outside, inside = _term_years(match.group(1)), _term_years(match.group(2))
        return outside if math.isnan(inside) or outside == inside else \
            inside if math.isnan(outside) else math.nan
    if len(text) == 2 and text[1] == "年" and text[0] in _CN_YEARS:
        return float(_CN_YEARS[text[0]])
    if match := _TERM_YEAR_NAMED.match(text):
        return 1.0 if 1900 <= int(match.group(1)) <= 2200 else math.nan
    if match := _TERM_YEARS.match(text):
        return float(match.group(1))
    if match := _TERM_MONTHS.match(text):
        return int(match.group(1)) / 12
    if match := _TERM_RANGE.match(text):
        return float(int(match.group(2)) - int(match.group(1)) + 1)
    if match := _TERM_MONTH_RANGE.match(text):
        return _month_span(match)
    return math.nan


def _month_span(match: re.Match[str]) -> float:
    """Years between two months, both counted: 2025年1月 to 12月 is 1 year."""
    first_year, first_month, last_year, last_month = match.groups()
    start, end = int(first_month), int(last_month)
    months = (int(last_year or first_year) - int(first_year)) * 12 + end - start + 1
    if not (1 <= start <= 12 and 1 <= end <= 12) or months <= 0:
        return math.nan
    return months / 12


@lru_cache(maxsize=4096)
def _goal_facts(goal: str) -> tuple[int, bool]:
    """(length without spaces and punctuation, whether it names an output or effect)."""
    return len(_PUNCTUATION.sub("", goal)), bool(GOAL_WORDS.search(goal))


def _add_project_columns(cols: Columns, projects: list[tuple]) -> None:
    pidx = cols["pidx"]
    has_project = pidx >= 0
    take = np.where(has_project, pidx, 0)
    for index, (name, dtype) in enumerate(PROJECT_COLUMNS):
        values = [entry[index] for entry in projects]
        if values:
            array = (np.asarray(values, dtype=dtype) if dtype is not object
                     else _objects(values))
            column = array[take]
        else:
            column = (np.zeros(cols.rows, dtype=dtype) if dtype is not object
                      else np.full(cols.rows, None, dtype=object))
        if dtype is np.float64:
            column = np.where(has_project, column, math.nan)
        elif dtype is object:
            column = np.where(has_project, column, None if name.endswith("cell") else "")
        cols[name] = column


# --- per department ------------------------------------------------------------------------

def _add_department_columns(cols: Columns, departments: Sequence[Department],
                            configs: Sequence[Config]) -> None:
    dept = cols["dept"]
    cols["required_total"] = np.asarray([c.required_total for c in configs],
                                         dtype=np.float64)[dept]
    cols["year"] = np.asarray([float(d.year) if isinstance(d.year, int) else math.nan
                                for d in departments], dtype=np.float64)[dept]
    cols["declared_total"] = np.asarray([_amount(d.declared_total) for d in departments],
                                         dtype=np.float64)[dept]
    cols["declared_raw"] = _objects([d.declared_total for d in departments])[dept]
    cols["declared_cell"] = _objects([d.declared_total_cell for d in departments])[dept]
    cols["declared_sheet"] = _objects([DEPARTMENT_SHEET if d.declared_total_cell else None
                                        for d in departments])[dept]
    cols["declared_line"] = np.asarray([_cell_number(d.declared_total_cell)
                                        for d in departments], dtype=np.float64)[dept]


# --- group facts -----------------------------------------------------------------------------

def _add_group_facts(cols: Columns, configs: Sequence[Config]) -> None:
    pidx = cols["pidx"]
    has_project = pidx >= 0
    groups = int(pidx.max()) + 1 if cols.rows else 0
    slot = np.where(has_project, pidx, groups)  # rows without a project share a dummy group

    def per_project(values: np.ndarray) -> np.ndarray:
        sums = np.bincount(slot, weights=values.astype(np.float64), minlength=groups + 1)
        return sums[slot]

    applicable = cols["applicable"]
    weight = cols["weight"]
    counted = applicable & ~np.isnan(weight)
    cols["weight_sum"] = per_project(np.where(counted, weight, 0.0))
    cols["weight_unreadable"] = per_project(cols["weight_text"] & applicable) > 0
    kind1 = cols["level1_kind"]
    kind2 = cols["level2_kind"]
    is_cost = (kind2 == "cost") | (kind1 == "cost")
    cols["is_cost"] = is_cost
    # 社会成本 / 生态环境成本 are costs not stated in money: no amount to ask for (Q003).
    cols["is_money_cost"] = is_cost & (kind2 != "social_cost")
    cols["is_timeliness"] = kind2 == "timeliness"
    cols["is_satisfaction"] = (kind1 == "satisfaction") | (kind2 == "satisfaction")
    cols["has_output"] = per_project(applicable & (kind1 == "output")) > 0
    # Satisfaction filed under 效益 (the 2015 central form) is not an effect (C001).
    cols["has_effect"] = per_project(applicable & (kind1 == "effect")
                                     & (kind2 != "satisfaction")) > 0
    cols["has_cost"] = per_project(applicable & is_cost) > 0
    cols["has_satisfaction"] = per_project(cols["is_satisfaction"]) > 0
    amount_total = cols["amount_wan_total"]
    cost_amount = applicable & is_cost & ~np.isnan(amount_total)
    cols["cost_amount_sum"] = per_project(np.where(cost_amount, amount_total, 0.0))
    cols["cost_amount_rows"] = per_project(cost_amount)
    _add_positions(cols, slot)
    _add_duplicates(cols)
    _add_policy(cols, configs, applicable, weight, kind1, per_project)
    _add_department_sums(cols)


def _add_positions(cols: Columns, slot: np.ndarray) -> None:
    """First/last row of each project and first row of each department (anchors)."""
    n = cols.rows
    dept = cols["dept"]
    in_project = cols["pidx"] >= 0
    new_project = np.ones(n, dtype=bool)
    new_project[1:] = (slot[1:] != slot[:-1]) | (dept[1:] != dept[:-1])
    last_project = np.ones(n, dtype=bool)
    last_project[:-1] = new_project[1:]
    cols["is_first"] = new_project & in_project
    cols["is_last"] = last_project & in_project
    new_dept = np.ones(n, dtype=bool)
    new_dept[1:] = dept[1:] != dept[:-1]
    cols["is_dept_first"] = new_dept
    # Weight findings point at the weight cell; in a table without a 绩效值 column, at the
    # indicator. W001 points at the total cell, else at the project's last row.
    cols["weight_at"] = np.where(pd.isna(cols["weight_cell"]), cols["cell"], cols["weight_cell"])
    total_cell = cols["total_cell"]
    cols["w001_cell"] = np.where(pd.isna(total_cell), cols["weight_at"], total_cell)
    # C001–C003 and W005 point at the project's first indicator (the table), else its name.
    first_of = np.maximum.accumulate(np.where(new_project, np.arange(n), 0))
    first_cell = cols["cell"][first_of]
    cols["first_cell"] = np.where(pd.isna(first_cell), cols["name_cell"], first_cell)
    # The same places as rows (a text's lines, which have no cells).
    row = cols["row"]
    cols["first_line"] = np.where(np.isnan(row[first_of]), cols["name_line"], row[first_of])
    total_line = cols["total_line"]
    cols["w001_line"] = np.where(np.isnan(total_line), row, total_line)


def _cell_number(cell: object) -> float:
    """The row number of an A1 address (``D20`` → 20.0); NaN for no cell."""
    match = _CELL_ROW.search(cell) if isinstance(cell, str) else None
    return float(match.group(1)) if match else math.nan


def _add_duplicates(cols: Columns) -> None:
    """S004: a 三级 text repeated in its project; H004: a 项目名称 repeated in its department
    (under the same 实施单位 / 单位名称: two units may each have a project so named)."""
    candidates = cols["applicable"] & ~cols["name_blank"]
    text = cols["text_code"]  # the same 三级 text (and 指标值) has the same code
    keyed = pd.Series(cols["pidx"] * (int(text.max(initial=0)) + 1) + text)
    cols["duplicate_name"] = candidates & keyed.duplicated().to_numpy()
    first = np.flatnonzero(cols["is_first"])
    names = _objects([_text(p).strip() for p in cols["project"][first]])
    units = _objects([u or "" for u in cols["project_unit"][first]])
    keyed = pd.DataFrame({"dept": cols["dept"][first], "project": names, "unit": units})
    repeated = keyed.duplicated().to_numpy() & (names != "")
    duplicate = np.zeros(cols.rows, dtype=bool)
    duplicate[first[repeated]] = True
    cols["duplicate_project"] = duplicate


def _add_policy(cols: Columns, configs: Sequence[Config], applicable: np.ndarray,
                weight: np.ndarray, kind1: np.ndarray,
                per_project: Callable[[np.ndarray], np.ndarray]) -> None:
    """W005: each project's 一级 split next to the configured one (when there is one)."""
    policies = [c.policy_by_kind() if c.policy else {} for c in configs]
    kinds = sorted({k for p in policies for k in p}, key=_kind_order)
    dept = cols["dept"]
    first = cols["is_first"]
    differs = np.zeros(cols.rows, dtype=bool)
    shares: list[np.ndarray] = []
    totals: list[np.ndarray] = []
    for kind in kinds:
        share = np.asarray([p.get(kind, math.nan) for p in policies], dtype=np.float64)[dept]
        rows = applicable & (kind1 == kind) & ~np.isnan(weight)
        total = per_project(np.where(rows, weight, 0.0))
        differs |= ~np.isnan(share) & (np.abs(total - share) > TOLERANCE)
        shares.append(share)
        totals.append(total)
    cols["policy_differs"] = differs & first
    actual = np.full(cols.rows, "", dtype=object)
    policy = np.full(cols.rows, "", dtype=object)
    for row in np.flatnonzero(differs & first):  # only the projects W005 reports
        named = [(KIND_NAMES.get(k, k), s[row], t[row])
                 for k, s, t in zip(kinds, shares, totals, strict=True) if not np.isnan(s[row])]
        actual[row] = " / ".join(f"{label} {total:g}" for label, _, total in named)
        policy[row] = " / ".join(f"{label} {share:g}" for label, share, _ in named)
    cols["split_actual"] = actual
    cols["split_policy"] = policy


def _kind_order(kind: str) -> tuple[int, str]:
    order = tuple(KIND_NAMES)
    return (order.index(kind) if kind in order else len(order), kind)


def _add_department_sums(cols: Columns) -> None:
    """K003: the sum of the department's project amounts, once per project."""
    dept = cols["dept"]
    first = cols["is_first"]
    amount = cols["amount"]
    departments = int(dept.max()) + 1 if len(dept) else 0
    readable = first & ~np.isnan(amount)
    sums = np.bincount(dept, weights=np.where(readable, amount, 0.0), minlength=departments)
    unreadable = np.bincount(dept, weights=(first & np.isnan(amount)).astype(float),
                             minlength=departments)
    cols["department_amount"] = sums[dept]
    cols["department_amount_unreadable"] = unreadable[dept] > 0
    # R001: the department's goal tables without a weight column, once per department.
    unweighted = first & cols["goal_table"] & ~cols["has_weights"]
    cols["unweighted"] = np.bincount(dept, weights=unweighted.astype(float),
                                     minlength=departments)[dept].astype(np.int64)


# --- rows the reader could not place (rule R003) ---------------------------------------------

def build_notes(departments: Sequence[Department], kept: str = "notes") -> Columns:
    """One row per reading note (or per ``template_notes`` entry), located like the
    indicator rows."""
    rows: list[tuple] = []
    for d_index, department in enumerate(departments):
        if kept == "notes":  # rows outside every project: before the first project's
            rows.extend(_note_row(department.source, d_index, -1, None, note.sheet, note)
                        for note in department.notes)
        for p_index, project in enumerate(department.projects):
            rows.extend(_note_row(department.source, d_index, p_index, project.name,
                                  note.sheet or (project.sheet if note.cell else None), note)
                        for note in getattr(project, kept))
    names = ("file", "dept", "proj", "project", "sheet", "cell", "row", "text", "reason")
    return _located(rows, names)


def _note_row(source: str | None, d_index: int, p_index: int, project: str | None,
              sheet: str | None, note: ReadingNote) -> tuple:
    return (source, d_index, p_index, project, sheet, note.cell,
            float(note.row) if note.row is not None else math.nan, note.text, note.reason)


# --- repairs (rule T001) ---------------------------------------------------------------------

def build_normalizations(departments: Sequence[Department]) -> Columns:
    """One row per repair a reader made, located like the indicator rows."""
    rows: list[tuple] = []
    for d_index, department in enumerate(departments):
        order = {p.name: i for i, p in reversed(list(enumerate(department.projects)))}
        for note in department.normalizations:
            project = note.project if note.project in order else None
            row = getattr(note, "row", None)
            if row is None and note.cell and (match := _CELL_ROW.search(note.cell)):
                row = int(match.group(1))
            rows.append((department.source, d_index, order.get(project, -1), project,
                         note.sheet, note.cell, float(row) if row is not None else math.nan,
                         note.kind, note.original))
    names = ("file", "dept", "proj", "project", "sheet", "cell", "row", "kind", "original")
    return _located(rows, names)


_LOCATION_TYPES = {"dept": np.int64, "proj": np.int64, "row": np.float64}


def _located(rows: list[tuple], names: tuple[str, ...]) -> Columns:
    """Rows (tuples in ``names`` order) as columns; where they are located as numbers."""
    columns = {name: _objects([r[i] for r in rows]) for i, name in enumerate(names)}
    for name, dtype in _LOCATION_TYPES.items():
        columns[name] = columns[name].astype(dtype)
    return Columns(columns, len(rows))
