"""What a single cell looks like to the table reader: a level label, a number, a unit …

Rows that lost their tabs (a PDF copy) or their merged cells (a browser copy)
are placed by what their cells say, so every cell gets a *kind* first. Kinds
are cached per distinct text: level labels, comparators and units repeat on
every row of a batch.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from xlperf.model.framework import level_names, name_key, parse_label
from xlperf.model.text import parse_weight
from xlperf.model.vocabulary import (
    BLANK_CHARS,
    column_label,
    comparator_of,
    direction_of,
    indicator_type_of,
    is_header_label,
    is_not_applicable,
    label_key,
    vocabulary,
)

EMPTY = "empty"
NUMBER = "number"
LEVEL = "level"  # a 一级 and/or 二级 label
COMPARATOR = "comparator"
TYPE = "type"  # 定量/定性(指标): an indicator's type, under 指标性质 or 指标类型
SCORE = "score"  # a number with 分 (10分): a weight or score as offices write it
PERCENT = "percent"  # a bare percentage (10%): a target value, or a weight
DIRECTION = "direction"
UNIT = "unit"
STANDARD = "standard"
BLOCK = "block"  # 绩效指标: a block label left of the indicator rows
NOT_APPLICABLE = "not_applicable"
AMOUNT = "amount"  # an amount written with its unit: 250万, 10000万元
TEXT = "text"

# A 一级/二级 label written with its code (``1-产出指标``, ``11-数量指标``). Only the code's
# length tells the level; the name must be a short run of Chinese characters ending like
# a level name, so a 三级 name such as ``1-2 名挂职领导`` or ``5-10分钟`` is never a label.
_CODED = re.compile(r"^(?P<code>\d{1,2})-(?P<name>[\u4e00-\u9fff]{2,12})$")
_LEVEL_ENDINGS = ("指标", "效益", "影响", "满意度", "成本")
_SPACES = re.compile(r"\s+")
_ODD_HYPHENS = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-", "‑": "-", "﹣": "-"})
_STANDARDS = frozenset({"计划标准", "行业标准", "历史标准", "其他标准", "其他", "国家标准",
                        "地方标准", "行业规定"})
_AMOUNT_TEXT = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?\s*(?:亿元|万元|万|千元|元)")


def kind_of(raw: object) -> tuple[str, int]:
    """(kind, levels) of a cell; ``levels`` is a bit set: 1 for 一级, 2 for 二级."""
    if raw is None or raw == "":
        return EMPTY, 0
    if raw.__class__ is str:
        return _text_kind(raw)
    if isinstance(raw, bool):
        return TEXT, 0
    if isinstance(raw, int | float):
        return NUMBER, 0
    return TEXT, 0


@lru_cache(maxsize=1 << 16)
def _text_kind(raw: str) -> tuple[str, int]:
    text = raw.strip(BLANK_CHARS)
    if not text:
        return EMPTY, 0
    levels = level_of(text)
    if levels:
        return LEVEL, levels
    number, repairs = parse_weight(text)
    if isinstance(number, float):  # 10, １０; or 10分, 10% (a weight written with its unit)
        if "weight_unit" not in repairs:
            return NUMBER, 0
        return (SCORE if "分" in text else PERCENT), 0
    if indicator_type_of(text) is not None:
        return TYPE, 0
    if comparator_of(text) is not None:
        return COMPARATOR, 0
    if direction_of(text) is not None:
        return DIRECTION, 0
    if is_not_applicable(text):
        return NOT_APPLICABLE, 0
    if is_unit(text):
        return UNIT, 0
    key = label_key(text)
    if key in _STANDARDS:
        return STANDARD, 0
    label = column_label(text)
    if label is not None and "block" in label.roles:
        return BLOCK, 0
    if _AMOUNT_TEXT.match(unicodedata.normalize("NFKC", text)):
        return AMOUNT, 0
    return TEXT, 0


@lru_cache(maxsize=1 << 16)
def level_of(text: str) -> int:
    """1 for a 一级 label, 2 for a 二级 label, 3 for a name that is both, 0 for anything else.

    ``产出指标``, ``1-产出指标``, ``一、产出指标``, ``产出指标(50分)`` are 一级 labels;
    ``11-数量指标``, ``社会效益指标`` 二级 labels (names from every bundled framework).
    """
    key = _SPACES.sub("", unicodedata.normalize("NFKC", text)).translate(_ODD_HYPHENS)
    if not key:
        return 0
    coded = _CODED.match(key)
    if coded and coded.group("name").endswith(_LEVEL_ENDINGS):
        return 1 if len(coded.group("code")) == 1 else 2
    code, name = parse_label(key)
    if code is not None and not name.endswith(_LEVEL_ENDINGS):
        return 0
    first, second = level_names()
    name = name_key(name)
    return (1 if name in first else 0) | (2 if name in second else 0)


def written_as_level(raw: object) -> bool:
    """A level label written as the form writes its levels: with 指标 at its end or a code
    (``社会效益指标``, ``22-社会效益``). A framework name without either (``可持续影响``,
    ``服务对象满意度``) may be a 三级 that repeats its 二级."""
    if raw.__class__ is not str:
        return False
    key = _SPACES.sub("", unicodedata.normalize("NFKC", raw)).translate(_ODD_HYPHENS)
    code, name = parse_label(key)
    return code is not None or name.endswith("指标")


@lru_cache(maxsize=4096)
def is_unit(text: str) -> bool:
    """A unit cell (度量单位): ``%``, ``个``, ``人/年``, ``元/株``, ``万元``."""
    key = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    if not key or len(key) > 8:
        return False
    return all(part in _units() for part in key.split("/") if part) and key[0] != "/"


def _units() -> frozenset[str]:
    words = vocabulary()
    return frozenset((*words.measures, *words.counting, "株", "栋", "亩", "户次", "万",
                      "元/人", "平方公里", "立方米", "千瓦", "kW", "m³", "㎡", "公顷"))


def is_label_cell(raw: object) -> bool:
    """A header-block label (项目名称, 主管部门, 联系电话 …) alone in its cell."""
    return raw.__class__ is str and bool(raw) and is_header_label(raw)
