"""The words of the goal tables as data: labels, column roles, stop rows, units.

``vocabulary.toml`` beside this module holds every label and alias seen on
published tables (``docs/layouts.md``); this module only loads it and answers
the questions every reader, rule and writer asks of a cell: which header field
does it name, which indicator column, does it end the table, does it say the
row does not apply. Lookups are cached per distinct text: a batch repeats the
same few labels on every sheet.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

Side = Literal["long_term", "annual"]

_SPACES = re.compile(r"\s+")
# An outline number in front of a label (一、 （一） 1、 1. （1）): the item's place in a
# list, not part of the label — nor a framework code, which is written 11-数量指标. One
# pattern for header labels (label_key) and 一级/二级 labels (framework.parse_label).
OUTLINE = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]"
    r"|[(（]\d{1,2}[)）]|\d{1,2}[、.．](?!\d))\s*"
)
_TRAILING_NOTE = re.compile(r"\(([^()]*)\)$")
_SUBSIDIARY = re.compile(r"^其中[:]?")
# What trimming a cell removes (ASCII and ideographic spaces, no-break space).
BLANK_CHARS = " \t\r\n\u3000\u00a0"


@dataclass(frozen=True)
class Vocabulary:
    header_fields: dict[str, tuple[str, ...]]
    header_known: frozenset[str]
    goal_groups: frozenset[str]
    funds_groups: frozenset[str]
    cost_tables: frozenset[str]
    funds: dict[str, frozenset[str]]
    columns: dict[str, tuple[str, ...]]
    sides: dict[str, frozenset[str]]
    comparators: dict[str, tuple[str, ...]]
    directions: dict[str, tuple[str, ...]]
    indicator_types: dict[str, tuple[str, ...]]
    stop_rows: frozenset[str]
    stop_endings: tuple[str, ...]  # a first cell ending so is a stop row (…（盖章）年月日)
    review_endings: tuple[str, ...]  # …审核意见: a stop row with only a seal beside it
    seals: frozenset[str]  # （盖章）, the seal's place beside a reviewer's line
    closing_content: frozenset[str]  # stop rows whose text is kept as a note (联农带农机制)
    filling_unit: tuple[str, ...]
    placeholders: frozenset[str]
    placeholder_slots: tuple[str, ...]  # 指标 in an empty numbered slot (指标2：)
    page_links: tuple[str, ...]
    continued_marks: frozenset[str]  # 续表 atop a printed table's next page
    note_prefixes: tuple[str, ...]
    example_sheets: tuple[str, ...]  # words naming a sheet that holds the template's example
    not_applicable_phrases: tuple[str, ...]
    not_applicable_placeholders: frozenset[str]
    weight_placeholders: frozenset[str]
    amount_unit: str
    money: dict[str, float]  # factor to 万元
    measures: tuple[str, ...]
    counting: tuple[str, ...]
    table_titles: tuple[str, ...]
    self_evaluation_words: tuple[str, ...]
    self_evaluation: dict[str, tuple[str, ...]]  # its header block's small tables
    list_columns: frozenset[str]  # a project list's column headers no field has (序号, 备注)
    level_annotations: tuple[str, ...]  # 必填, 选填 … in brackets after a level label
    value_parts: dict[str, frozenset[str]]  # a 指标值 split below its header: target, previous


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary (``vocabulary.toml``), loaded once."""
    text = resources.files("xlperf.model").joinpath("vocabulary.toml").read_text("utf-8")
    data = tomllib.loads(text)
    rows = data["rows"]
    na = data["not_applicable"]
    evaluation = {k: tuple(map(label_key, v)) for k, v in data["self_evaluation"].items()}
    return Vocabulary(
        header_fields={k: tuple(v) for k, v in data["header_fields"].items()},
        # The self-evaluation's column headers are labels too (never values); 预期目标 only
        # beside a goal's label (HeaderReader), so it is not one here.
        header_known=frozenset(map(label_key, data["header_labels"]["known"])).union(
            *(evaluation[k] for k in ("budget", "goal_actual", "execution_rate"))),
        goal_groups=frozenset(map(label_key, data["header_labels"]["goal_group"])),
        funds_groups=frozenset(map(label_key, data["header_labels"]["funds_group"])),
        cost_tables=frozenset(map(label_key, data["header_labels"]["cost_table"])),
        funds={k: frozenset(map(label_key, v)) for k, v in data["funds"].items()},
        columns={k: tuple(v) for k, v in data["columns"].items()},
        sides={k: frozenset(v) for k, v in data["sides"].items()},
        comparators={k: tuple(v) for k, v in data["comparators"].items()},
        directions={k: tuple(v) for k, v in data["directions"].items()},
        indicator_types={k: tuple(v) for k, v in data["indicator_types"].items()},
        stop_rows=frozenset(map(label_key, (*rows["stop"], *rows["closing_content"]))),
        closing_content=frozenset(map(label_key, rows["closing_content"])),
        stop_endings=tuple(map(label_key, rows["stop_endings"])),
        review_endings=tuple(map(label_key, rows["review_endings"])),
        seals=frozenset(map(label_key, rows["seals"])),
        filling_unit=tuple(unicodedata.normalize("NFKC", word) for word in rows["filling_unit"]),
        placeholders=frozenset(rows["placeholder"]),
        placeholder_slots=tuple(rows["placeholder_slots"]),
        page_links=tuple(sorted(rows["page_links"], key=len, reverse=True)),
        continued_marks=frozenset(rows["continued_marks"]),
        note_prefixes=tuple(rows["note_prefix"]),
        example_sheets=tuple(rows["example_sheet"]),
        not_applicable_phrases=tuple(na["phrases"]),
        not_applicable_placeholders=frozenset(na["placeholders"]),
        weight_placeholders=frozenset(na["weight_placeholders"]),
        amount_unit=data["units"]["amount"],
        money=dict(data["units"]["money"]),
        measures=tuple(data["units"]["measures"]),
        counting=tuple(data["units"]["counting"]),
        table_titles=tuple(data["titles"]["table"]),
        self_evaluation_words=tuple(data["titles"]["self_evaluation"]),
        self_evaluation=evaluation,
        list_columns=frozenset(map(label_key, data["lists"]["columns"])),
        level_annotations=tuple(data["levels"]["annotations"]),
        value_parts={k: frozenset(map(label_key, v)) for k, v in data["value_parts"].items()},
    )


# --- comparing labels -------------------------------------------------------------------

@lru_cache(maxsize=16384)
def label_key(raw: str) -> str:
    """A label as compared: NFKC, no spaces, no ``*`` mark, colon or outline number.

    ``' 项目年度金额（万元）：'`` → ``'项目年度金额(万元)'``; the trailing note stays
    (``bare_key`` drops it), because ``二级指标(长期)`` and ``指标值(包含数字…)`` mean
    something by it.
    """
    text = _SPACES.sub("", unicodedata.normalize("NFKC", raw))
    text = text.lstrip("*").rstrip(":")
    return OUTLINE.sub("", text).rstrip(":")


@lru_cache(maxsize=16384)
def bare_key(raw: str) -> tuple[str, str]:
    """``label_key`` without its trailing note, and the note: ``('二级指标', '长期')``."""
    key = label_key(raw)
    match = _TRAILING_NOTE.search(key)
    if match is None or match.start() == 0:
        return key, ""
    return key[: match.start()].rstrip(":"), match.group(1)


def _keys(words: tuple[str, ...] | list[str]) -> frozenset[str]:
    return frozenset(label_key(word) for word in words)


# --- header fields ----------------------------------------------------------------------

@cache
def _field_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for field, labels in vocabulary().header_fields.items():
        for label in labels:
            index.setdefault(label_key(label), field)
    return index


@lru_cache(maxsize=16384)
def header_field(raw: str) -> tuple[str | None, str]:
    """The header field a label cell names, and the note it carries (a unit such as 万元).

    ``'项目年度金额（元）'`` → ``('amount', '元')``; ``None`` for any other text.
    """
    index = _field_index()
    key = label_key(raw)
    if key in index:
        return index[key], ""
    bare, note = bare_key(raw)
    if bare in index:
        return index[bare], note
    year = _YEAR_FIRST.match(bare)  # 2024年预算数, 2024年度绩效目标: the year's field
    if year is not None:
        rest = year.group(1)  # 2024年预算数 is 预算数; 2024年度预算 is 年度预算
        for label in (rest, "年" + rest):
            if label in index:
                return index[label], note
    return None, ""


_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d年(.+)$")


def field_label(key: str) -> str:
    """How xlperf writes a header field's label: the vocabulary's first spelling."""
    return vocabulary().header_fields[key][0]


@lru_cache(maxsize=16384)
def is_header_label(raw: str) -> bool:
    """A label of the header block: a field's, or one the model has no field for (联系电话)."""
    if header_field(raw)[0] is not None:
        return True
    words = vocabulary()
    key, bare = label_key(raw), bare_key(raw)[0]
    return (key in words.header_known or bare in words.header_known
            or bare in words.goal_groups or bare in words.funds_groups
            or bare in words.cost_tables
            or funds_kind(raw) is not None)


@lru_cache(maxsize=4096)
def is_list_column(raw: str) -> bool:
    """A project list's column header that names no field (序号, 备注): a label, never a
    value (``[lists]`` in the vocabulary)."""
    return label_key(raw) in vocabulary().list_columns \
        or bare_key(raw)[0] in vocabulary().list_columns


@lru_cache(maxsize=4096)
def is_goal_group(raw: str) -> bool:
    """The group label over the goals (总体目标): a text right of it is the annual goal."""
    return bare_key(raw)[0] in vocabulary().goal_groups


@lru_cache(maxsize=4096)
def is_funds_group(raw: str) -> bool:
    """The group label over the funds lines (项目资金): a number right of it is not read."""
    return bare_key(raw)[0] in vocabulary().funds_groups


@lru_cache(maxsize=4096)
def is_cost_table_label(raw: str) -> bool:
    """The heading of a cost breakdown table (项目预算成本构成)."""
    return bare_key(raw)[0] in vocabulary().cost_tables


@lru_cache(maxsize=4096)
def funds_kind(raw: str) -> str | None:
    """``fiscal``, ``other`` or ``parts`` for a line of the funds block (其中：财政拨款),
    ``mid_term`` for the mid-term total beside the year's (中期资金总额)."""
    key = _SUBSIDIARY.sub("", bare_key(raw)[0])
    for kind, labels in vocabulary().funds.items():
        if key in labels:
            return kind
    return None


# --- a self-evaluation's header block ----------------------------------------------------

@lru_cache(maxsize=4096)
def budget_rank(raw: str) -> int | None:
    """0 for 全年预算数, 1 for 预算数, 2 for 年初预算数 (the amount is under the first the
    block has: ``vocabulary.toml`` [self_evaluation]); None for any other text."""
    words = vocabulary().self_evaluation["budget"]
    key = bare_key(raw)[0]
    return words.index(key) if key in words else None


@lru_cache(maxsize=4096)
def goal_column(raw: str) -> str | None:
    """``goal`` for 预期目标, ``goal_actual`` for 实际完成情况 — the headings of a goal's
    two texts in the row below; None for any other text."""
    words = vocabulary().self_evaluation
    key = bare_key(raw)[0]
    for kind in ("goal", "goal_actual"):
        if key in words[kind]:
            return kind
    return None


@lru_cache(maxsize=1024)
def is_execution_rate(raw: str) -> bool:
    """The self-evaluation's 预算执行率 row (a part of its funds block, not an indicator)."""
    return bare_key(raw)[0] in vocabulary().self_evaluation["execution_rate"]


# --- indicator columns ------------------------------------------------------------------

@cache
def _column_index() -> dict[str, tuple[str, ...]]:
    """Each header text → the roles it may have (项目名称 is a project column only in a
    flat list; 单位名称 likewise)."""
    index: dict[str, list[str]] = {}
    for role, labels in vocabulary().columns.items():
        for label in labels:
            roles = index.setdefault(label_key(label), [])
            if role not in roles:
                roles.append(role)
    return {key: tuple(roles) for key, roles in index.items()}


def mentions_indicator_header(text: str) -> bool:
    """Whether ``text`` names the 一级, 二级 and 三级 columns somewhere (their full labels,
    一级指标 … 指标名称): a table whose cells ran together says so, a prose notice does not."""
    columns = vocabulary().columns
    return all(any(len(label) >= 4 and label in text for label in columns[role])
               for role in ("level1", "level2", "name"))


@dataclass(frozen=True)
class ColumnLabel:
    """What an indicator header cell says: its possible roles and its side (长期/年度)."""

    roles: tuple[str, ...]
    side: Side | None


@lru_cache(maxsize=8192)
def column_label(raw: str) -> ColumnLabel | None:
    """``'二级指标（长期）'`` → roles ``('level2',)``, side ``long_term``; None for other text."""
    index = _column_index()
    key = label_key(raw)
    if key in index:
        return ColumnLabel(index[key], _side_in(key))
    bare, note = bare_key(raw)
    if bare in index:
        return ColumnLabel(index[bare], side_of(note))
    for word, side in _side_prefixes():  # 长期二级指标, 年度指标值
        if key.startswith(word) and key[len(word):] in index:
            return ColumnLabel(index[key[len(word):]], side)
    return None


@cache
def _side_prefixes() -> tuple[tuple[str, Side], ...]:
    pairs = [(word, side) for side, words in vocabulary().sides.items() for word in words]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))  # type: ignore[misc]


def side_of(note: str) -> Side | None:
    """``长期`` → long_term, ``年度`` → annual, anything else None."""
    for side, words in vocabulary().sides.items():
        if note in words:
            return side  # type: ignore[return-value]
    return None


def _side_in(key: str) -> Side | None:
    for word, side in _side_prefixes():
        if key.startswith(word):
            return side
    return None


def block_side(raw: str) -> Side | None:
    """The side a block label names (长期绩效指标 → long_term), None when it names none."""
    key = label_key(raw)
    for word, side in _side_prefixes():
        if word in key:
            return side
    return None


# --- values of columns ------------------------------------------------------------------

@lru_cache(maxsize=4096)
def comparator_of(raw: str) -> str | None:
    """A comparator cell (指标性质) as xlperf names it: ``>=``, ``<=``, ``=``, ``qualitative``."""
    key = label_key(raw)
    for name, words in vocabulary().comparators.items():
        if key in words or raw.strip(BLANK_CHARS) in words:
            return name
    return None


@lru_cache(maxsize=1024)
def indicator_type_of(raw: str) -> str | None:
    """``quantitative`` for 定量(指标), ``qualitative`` for 定性(指标): an indicator's type,
    which some forms write under 指标性质 where others write the comparator."""
    return _group_of(vocabulary().indicator_types, raw)


@lru_cache(maxsize=1024)
def comparator_prefix(text: str) -> tuple[str, str, str] | None:
    """A target that starts with its comparator (``≥100``, ``不低于90``): (comparator as
    xlperf names it, as written, the rest), the longest comparator word first; None
    otherwise."""
    stripped = text.strip(BLANK_CHARS)
    words = sorted(((word, name) for name, found in vocabulary().comparators.items()
                    if name != "qualitative" for word in found), key=lambda pair: -len(pair[0]))
    for word, name in words:
        rest = stripped[len(word):].strip(BLANK_CHARS)
        if stripped.startswith(word) and rest:
            return name, word, rest
    return None


@lru_cache(maxsize=1024)
def direction_of(raw: str) -> str | None:
    return _group_of(vocabulary().directions, raw)


def _group_of(groups: Mapping[str, Collection[str]], raw: str) -> str | None:
    """The name of the group of words ``raw`` is one of (compared as labels), else None."""
    key = label_key(raw)
    return next((name for name, words in groups.items() if key in words), None)


# --- rows -------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def is_stop_row_label(raw: str) -> bool:
    """A first cell that ends the indicator rows (合计, 总分, 财政部门审核意见, 填表人 …)."""
    key = label_key(raw)
    if key in vocabulary().stop_rows:
        return True
    bare = bare_key(raw)[0]
    if bare in vocabulary().stop_rows:
        return True
    head = re.split(r"[:]", key, maxsplit=1)[0]  # 填表人：宋云花 联系电话：…
    if head != key and head in vocabulary().stop_rows:
        return True
    return key.endswith(vocabulary().stop_endings)  # 财政绩效管理科室（盖章） 年 月 日


def is_review_line(texts: list[str]) -> bool:
    """A reviewer's line under the table: a first cell ending in 审核意见 (初审意见 …) with
    only a seal's place beside it, or nothing (财政部门支出股室初审意见 | （盖章）). With anything
    else beside it the row may be an indicator (按时出具审核意见 | ≥20份): not one."""
    if not texts or not label_key(texts[0]).endswith(vocabulary().review_endings):
        return False
    return all(label_key(text) in vocabulary().seals for text in texts[1:])


def ends_like_signers_line(raw: str) -> bool:
    """Whether a first cell ends as a signer's or reviewer's line does (…（盖章） 年 月 日,
    …审核意见): the general path, which sees the whole row, decides."""
    key = label_key(raw)
    return key.endswith(vocabulary().stop_endings) or key.endswith(vocabulary().review_endings)


def is_closing_content(raw: str) -> bool:
    """A stop row holding the project's own text (联农带农机制 | 通过务工带动增收): noted."""
    return label_key(raw) in vocabulary().closing_content \
        or bare_key(raw)[0] in vocabulary().closing_content


def is_filling_unit_line(text: str) -> bool:
    """``填报单位（盖章）：某厅``, ``编制单位：某局``, ``（盖章）``: who fills in the form."""
    return unicodedata.normalize("NFKC", text).lstrip(BLANK_CHARS).startswith(
        vocabulary().filling_unit)


# Around a 续表 mark: brackets, a colon, the table's number (续表1, 续表一, 续表2-1).
_CONTINUED_DECOR = re.compile(r"^[(\[【〔]?(.+?)[)\]】〕]?[:：]?$")
_TABLE_NUMBER = re.compile(r"[0-9一二三四五六七八九十]+([-.－][0-9]+)?$")


@lru_cache(maxsize=1024)
def is_continued_mark(raw: str) -> bool:
    """``续表``, ``续表1``, ``（续表）``, ``续表：``, ``接上表``: the mark a printed table carries
    atop its next page — the page's, like a page number, not a row of the table."""
    text = "".join(unicodedata.normalize("NFKC", raw).split())
    found = _CONTINUED_DECOR.match(text)
    if found is None:
        return False
    core = _TABLE_NUMBER.sub("", found.group(1).rstrip(":："))
    return core in vocabulary().continued_marks


@lru_cache(maxsize=4096)
def is_page_links(raw: str) -> bool:
    """A line of a web page's links only (``【打印本页】【关闭窗口】``, ``返回顶部``): the page's,
    not the table's: its words (longest first) taken away leave nothing."""
    text = "".join(raw.split())
    if len(text) < 2:
        return False
    for word in vocabulary().page_links:
        text = text.replace(word, "")
    return text == ""


@lru_cache(maxsize=4096)
def is_placeholder(raw: str) -> bool:
    """``……`` and the like, or an empty numbered slot (``指标2：``): a row the form left for
    more indicators."""
    text = raw.strip(BLANK_CHARS)
    return text in vocabulary().placeholders or _empty_slot().fullmatch(
        unicodedata.normalize("NFKC", text)) is not None


@cache
def _empty_slot() -> re.Pattern[str]:
    """``指标2：`` alone: a word of ``placeholder_slots``, a number and a colon, nothing after."""
    words = "|".join(map(re.escape, vocabulary().placeholder_slots))
    return re.compile(rf"(?:{words})\s*\d{{1,2}}\s*:")


@lru_cache(maxsize=4096)
def is_note(raw: str) -> bool:
    """``注：…`` / ``说明：…`` — a note under or inside a table."""
    text = unicodedata.normalize("NFKC", raw).strip(BLANK_CHARS)
    for prefix in vocabulary().note_prefixes:
        if text.startswith(prefix):
            rest = text[len(prefix):].lstrip(" \u3000")
            if rest[:1] in (":", "：") or (rest[:1].isdigit() and rest[1:2] in (":", "：", ".")):
                return True
    return False


@lru_cache(maxsize=4096)
def is_instructions_heading(raw: str) -> bool:
    """``填表说明`` / ``说明：`` alone, or a note opening a numbered list (``注：1.项目名称：…``):
    the form's instructions to whoever fills it in begin. The numbered lines under it
    (``2.项目年度金额：填写本年度预算数``) name the form's labels and are no table."""
    if label_key(raw) in _keys(vocabulary().note_prefixes):
        return True
    if not is_note(raw):
        return False
    text = unicodedata.normalize("NFKC", raw).strip(BLANK_CHARS)
    colon = min((i for i in (text.find(":"), text.find("：")) if i >= 0), default=-1)
    return colon >= 0 and is_numbered_line(text[colon + 1:])


def is_numbered_line(raw: str) -> bool:
    """A line that starts with an outline number (``1.`` ``2、`` ``三、`` ``（四）``)."""
    return OUTLINE.match(unicodedata.normalize("NFKC", raw)) is not None


_INSTRUCTIONS_SHEET = 6  # 填表说明, 编制说明, 使用说明: a sheet so named holds no table


def is_instructions_sheet(name: str | None) -> bool:
    """A sheet named for the form's instructions (说明, 填表说明, 填报说明, 编制说明 …)."""
    if not name:
        return False
    key = label_key(name)
    return key in _keys(vocabulary().note_prefixes) or (
        key.endswith("说明") and len(key) <= _INSTRUCTIONS_SHEET)


def is_example_sheet(name: str | None) -> bool:
    """A sheet whose name says it holds the template's example (示例, 填报样表, 模板 …)."""
    return bool(name) and any(word in label_key(name) for word in vocabulary().example_sheets)


_NA_WORDS = re.compile(r"^(?:本|该|此)?(?:指标|项目|项)?(?:不适用|不涉及)")


def is_not_applicable(name: str) -> bool:
    """A 本指标不适用 row: also ``本指标不适用此项目`` as budget systems write it, ``不适用``,
    ``该项不适用``, ``不涉及`` and a placeholder alone (``无``, ``/``); spaces ignored.

    One rule for every reader, so a department read from text and from its
    workbook agree on which rows are not applicable. Called for every
    indicator: the first test rejects ordinary indicator text at once.
    """
    if not name or (len(name) > 2 and "适" not in name and "涉" not in name):
        return False
    text = "".join(name.split())
    words = vocabulary()
    return (text.startswith(words.not_applicable_phrases)
            or text in words.not_applicable_placeholders
            or _NA_WORDS.match(text) is not None)


# --- units ------------------------------------------------------------------------------

AMOUNT_UNIT_IN_TEXT = re.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)")
# A line that is the unit and nothing else: 单位：万元, （金额单位：元）.
AMOUNT_UNIT_LINE = re.compile(r"^[(（]?\s*(?:金额)?单位\s*[:：]\s*(?:亿元|万元|千元|元)\s*[)）]?$")


def divisor_of(unit: str) -> float | None:
    """What an amount in ``unit`` is divided by to give 万元 (元 → 10000)."""
    factor = vocabulary().money.get(unit)
    return None if factor is None else round(1 / factor, 6)


# --- titles -----------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def is_table_title(raw: str) -> bool:
    """A row that names the table itself (``2023年项目支出绩效目标申报表``)."""
    key = label_key(raw)
    if len(key) > 60 or key.startswith("附件"):
        return False
    key = re.sub(r"[(]?(?:金额)?单位:[千万亿]?元[)]?$", "", key)  # …目标表 单位：万元
    key = re.sub(r"[(][^()]*[)]$", "", key)  # (2022年度)
    return key.endswith(vocabulary().table_titles)


@lru_cache(maxsize=4096)
def is_self_evaluation_title(raw: str) -> bool:
    return is_table_title(raw) and any(w in label_key(raw) for w in
                                       vocabulary().self_evaluation_words)
