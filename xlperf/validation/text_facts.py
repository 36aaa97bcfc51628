"""What the rules read of one indicator's text: every per-text fact in one pass.

Real tables rarely repeat an indicator's wording across projects, so a city's
batch has about as many distinct (三级, 指标值) pairs as rows, and reading them
is the largest part of building the frame. The frame numbers the distinct
pairs (``text_code``) and calls ``text_facts`` once for each: the target
reader's answer (Q, K and T rules) and the review facts (template text, a
number without its unit, counts stated as facts, the subject for X001/X003,
the copy key for X002) come from one walk over one reading of the text.
"""

from __future__ import annotations

import math
import re
import unicodedata

import numpy as np

from xlperf.model.check_words import (
    SUBJECT_MIN_CHARS,
    UNIT_IN_NAME,
    has_template_text,
    names_satisfaction,
    states_zero_events,
)
from xlperf.model.vocabulary import is_not_applicable
from xlperf.validation.targets import MONEY_UNITS, Target, names_a_rate, read_text

# A complaint rate is not a satisfaction rate (Q004).
COMPLAINT = re.compile(r"投诉|不满意|差评")
BARE_WAN = "万"
SUBJECT_MARK = "#"  # what stands where a number was in a subject
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# What ``str.isalnum`` rejects, as one search: ``\w`` is exactly isalnum() or "_" (re's
# Unicode word class), so this keeps what a per-character isalnum() filter keeps, in C.
_NOT_ALNUM = re.compile(r"[\W_]+")
_NOT_SUBJECT = re.compile(rf"[^\w{SUBJECT_MARK}]+|_+")
# A number no unit word follows (>=85, ≤28.40/株): not a unit the vocabulary lacks (800 批次).
_BARE_NUMBER = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?(?![\d.,]|\s*[\u4e00-\u9fffA-Za-z%‰％℃°㎡])")
_NAN = math.nan
_NOT_COUNTS = frozenset({"", "%", BARE_WAN, *MONEY_UNITS})  # units that are no count

# The columns ``text_facts`` gives, in its order, with their dtypes.
TEXT_FACT_COLUMNS: tuple[tuple[str, object], ...] = (
    # what the target reader says
    ("na_text", bool),  # the text says 本指标不适用
    ("blank", bool),
    ("measurable", bool),
    ("comparator", object),
    ("percent", np.float64),
    ("percent_min", np.float64),
    ("percent_max", np.float64),
    ("growth", bool),
    ("has_money", bool),
    ("amount_wan_total", np.float64),
    ("is_rate", bool),
    ("money_floor", bool),
    ("deadline_year", np.float64),
    ("deadline_month", np.float64),
    ("deadline_year_min", np.float64),
    ("deadline_year_max", np.float64),
    ("deadline_next_year", bool),
    ("complaint", bool),
    # what the review rules read
    ("template_text", object),
    ("unitless", object),
    ("counted", object),
    ("names_satisfaction", bool),
    ("subject", object),
    ("subject_long", bool),
    ("copy_key", object),
)


def text_facts(name: object, value: object, words: tuple[str, ...]) -> tuple:
    """Every fact of ``TEXT_FACT_COLUMNS`` for one distinct (三级, 指标值) pair; ``words``
    are the configuration's measurable words (C003)."""
    name = name if name.__class__ is str else ("" if name is None else str(name))
    # The target is read from 指标值 when it has text, else from 三级 (as read_target does).
    value_str = value if value is None or value.__class__ is str else str(value)
    from_value = value_str is not None and bool(value_str.strip())
    text = value_str if from_value else name
    # The review rules read a NaN 指标值 as blank (the only case where the two texts differ;
    # no reader gives one, but a caller's department may hold it).
    value_text = as_text(value)
    review_text = value_text if value_text.strip() else name
    target = read_text(text)
    facts = _target(name, text, target, words)
    if not facts[_MEASURABLE] and from_value and states_zero_events(name, text):
        facts = (*facts[:_MEASURABLE], True, *facts[_MEASURABLE + 1:])
    return (*facts, *_review(name, value_text, review_text,
                             target if review_text == text else read_text(review_text),
                             facts[_HAS_MONEY]))


_HAS_MONEY = [column for column, _ in TEXT_FACT_COLUMNS].index("has_money")
_MEASURABLE = [column for column, _ in TEXT_FACT_COLUMNS].index("measurable")


def as_text(value: object) -> str:
    """A cell's value as the text rules read: ``""`` for a blank (None or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value if isinstance(value, str) else str(value)


def _target(name: str, text: str, target: Target, words: tuple[str, ...]) -> tuple:
    """The target reader's answer, as plain column values (Q, K, T and C003)."""
    percents: list[float] = []
    totals: list[float] = []
    money = rates = floor = False
    per_unit = text != name and names_a_rate(name)  # 人均培训成本 | ≤1500元
    for q in target.quantities:
        unit = q.unit
        if unit == "%":
            percents.extend((q.low, q.high))
        elif unit == BARE_WAN:  # 250万: an amount stated (Q003), too unsure to add (K001)
            money = True
            floor = floor or q.comparator in (">=", ">")
        elif unit in MONEY_UNITS:
            money = True
            floor = floor or q.comparator in (">=", ">")
            if q.is_rate or per_unit:
                rates = True
            else:
                totals.append(q.low * MONEY_UNITS[unit])
    deadlines = target.deadlines
    deadline = deadlines[0] if deadlines else None
    years = [d.year for d in deadlines if d.year is not None]
    return (
        is_not_applicable(name),
        not name.strip(),
        target.measurable or (bool(words) and any(w in text for w in words)),
        target.comparator,
        percents[0] if percents else _NAN,
        min(percents) if percents else _NAN,
        max(percents) if percents else _NAN,
        target.growth,
        money,
        max(totals) if totals else _NAN,
        rates and not totals,
        floor,
        float(deadline.year) if deadline and deadline.year is not None else _NAN,
        float(deadline.month) if deadline and deadline.month is not None else _NAN,
        float(min(years)) if years else _NAN,
        float(max(years)) if years else _NAN,
        any(d.next_year for d in deadlines),
        COMPLAINT.search(text) is not None,
    )


def _review(name: str, value: str, text: str, target: Target, money: bool) -> tuple:
    """What the review rules read: T002's template text, Q005's number without a unit,
    X001's counts and subject, Q007's satisfaction wording, X002's copy key.

    The subject is worked out only for a text stating counts (X001) or money (X003): the
    only rows those rules compare; the others get none (two thirds of a batch's texts)."""
    unitless, counted = _unitless_and_counts(text, target)
    if unitless and value.strip() and UNIT_IN_NAME.search(name):  # 培训人数（人） | 500
        unitless = ""
    plain_name = unicodedata.normalize("NFKC", name)
    subject = (_NOT_SUBJECT.sub("", NUMBER.sub(SUBJECT_MARK, plain_name))
               if counted or money else "")
    return (
        has_template_text(name) or has_template_text(value),
        unitless,
        counted,
        names_satisfaction(name),
        subject,
        len(subject.replace(SUBJECT_MARK, "")) >= SUBJECT_MIN_CHARS,
        _NOT_ALNUM.sub("", plain_name) + "|" + _plain(value),
    )


def _unitless_and_counts(text: str, target: Target) -> tuple[str, str]:
    """(a number stated without its unit, for Q005; the counts it states as facts, as one
    key, for X001: ``5个``, ``228个``)."""
    unitless = ""
    counts: list[str] = []
    for q in target.quantities:
        if q.unit is None:
            if q.comparator is not None and not unitless:
                bare = _BARE_NUMBER.search(text)
                unitless = bare.group(0) if bare else ""
        # A count stated as a fact (5 个, =11个), not a target to reach (不少于 2 次): two
        # projects may set different targets, not different facts.
        elif q.unit not in _NOT_COUNTS and q.comparator in (None, "="):
            low, high = q.low, q.high
            counts.append(f"{low:g}{q.unit}" if high == low else f"{low:g}-{high:g}{q.unit}")
    if not unitless and text and NUMBER.fullmatch(text.strip().replace(" ", "")):
        unitless = text.strip()
    return unitless, "、".join(counts)


def _plain(text: str) -> str:
    """The text as two copies of it compare: without spaces and punctuation."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text)) if text else ""
