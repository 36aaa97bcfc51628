"""Did a target become easier from one year to the next, by more than the money fell?

Both years' rows are read by ``validation.targets.read_target`` (the reader
the Q and K rules use). A target is compared only when both years state the
same number of quantities in the same units (money in any unit, as 万元);
which way is easier follows the comparator (``不少于`` a floor, ``不高于`` a
ceiling), else the 指标方向 column, else the 二级 kind (a count or a
satisfaction rate a floor, a cost a ceiling) unless the text names something
better lower (差错, 事故 …); a row none of these settle is not judged.

A floor is lowered when this year's number divided by last year's (``t``) is
below 1 and below the amount's ratio ``a`` (项目年度金额 this year / last
year): ``50 次 → 30 次`` with the same money is lowered, with half the money
it is not. A ceiling is raised when ``t`` is above 1 and above ``a``. An
amount that is missing on either side counts as unchanged. A row with no
number but one dated deadline each year (``11 月底前`` → ``12 月底前``, read
against each table's budget year) is relaxed when the deadline is later and
the money did not fall.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from xlperf.model import Indicator, Number, Project
from xlperf.model.framework import load_framework
from xlperf.model.review_words import (
    CEILING_KINDS,
    FLOOR_KINDS,
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    LOWER_IS_BETTER_WORDS,
    PERCENT_FLOOR_KINDS,
)
from xlperf.validation.targets import MONEY_UNITS, Deadline, Quantity, read_target

Side = Literal["floor", "ceiling", "deadline"]
# Ratios closer than this to each other count as equal (rounding of published numbers).
RATIO_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Loosening:
    """One target that became easier: which way, the two numbers and their unit."""

    side: Side
    last: float
    this: float
    unit: str  # as this year writes it ("" when none)
    target_ratio: float  # this / last (inf when last year's ceiling was 0)
    amount_ratio: float | None  # this year's amount / last year's, None when not known
    last_text: str = ""  # the deadlines as written (side "deadline")
    this_text: str = ""


def amount_of(project: Project) -> float | None:
    amount = project.amount
    return float(amount) if isinstance(amount, int | float) and amount > 0 else None


def loosening(last: Indicator, this: Indicator, last_project: Project,
              this_project: Project, years: tuple[int | None, int | None] = (None, None)
              ) -> Loosening | None:
    """How ``this`` relaxes ``last``'s target beyond the change in money, or None.
    ``years``: the two departments' budget years (a dated deadline is read against them)."""
    before_target, after_target = read_target(last.name, last.value), \
        read_target(this.name, this.value)
    old, new = before_target.quantities, after_target.quantities
    amounts = amount_of(last_project), amount_of(this_project)
    ratio = amounts[1] / amounts[0] if None not in amounts else None
    if not old and not new:
        return _later(before_target.deadlines, after_target.deadlines, years, ratio)
    if not old or len(old) != len(new) or not all(map(_same_unit, old, new)):
        return None
    kind = _kind(this, this_project)
    found = None
    for before, after in zip(old, new, strict=True):
        side = _side(before, after, this, kind)
        if side is None:
            continue
        change = _change(side, before, after)
        if change is None:
            continue
        if _tighter(side, change[2]):
            return None  # a row that tightens one number and loosens another is not judged
        if found is None and _looser(side, change[2], ratio):
            found = Loosening(side, change[0], change[1], after.unit or "", change[2], ratio)
    return found


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit or (a.is_money and b.is_money)


def _kind(indicator: Indicator, project: Project) -> str | None:
    """The row's 二级 kind in the framework its table is written in (as validate reads it)."""
    from xlperf.validation.config import Config
    from xlperf.validation.forms import framework_for

    framework = load_framework(framework_for(project, Config()))
    return framework.kind_of(indicator.level1, indicator.level2)


def _side(before: Quantity, after: Quantity, indicator: Indicator, kind: str | None
          ) -> Side | None:
    comparator = after.comparator or before.comparator
    if comparator in (">=", ">"):
        return "floor"
    if comparator in ("<=", "<"):
        return "ceiling"
    direction = (indicator.direction or "").strip()
    if direction in HIGHER_IS_BETTER:
        return "floor"
    if direction in LOWER_IS_BETTER:
        return "ceiling"
    if kind in CEILING_KINDS and after.is_money:
        return "ceiling"
    if any(word in indicator.name for word in LOWER_IS_BETTER_WORDS):
        return None  # 差错率, 事故: better lower, whatever the kind
    if kind in FLOOR_KINDS or (kind in PERCENT_FLOOR_KINDS and after.is_percent):
        return "floor"
    return None


def _value(quantity: Quantity, side: Side) -> float:
    number = quantity.low if side == "floor" else quantity.high
    return number * MONEY_UNITS[quantity.unit] if quantity.is_money else number


def _change(side: Side, before: Quantity, after: Quantity) -> tuple[float, float, float] | None:
    """(last, this, this / last) in the units this year writes; None when not comparable."""
    old, new = _value(before, side), _value(after, side)
    if after.is_money:  # shown in this year's unit
        factor = MONEY_UNITS[after.unit]
        old, new = old / factor, new / factor
    if old == 0:
        return (old, new, float("inf")) if side == "ceiling" and new > 0 else None
    return old, new, new / old


def _tighter(side: Side, ratio: float) -> bool:
    return ratio > 1 + RATIO_TOLERANCE if side == "floor" else ratio < 1 - RATIO_TOLERANCE


def _looser(side: Side, ratio: float, amount_ratio: Number) -> bool:
    money = 1.0 if amount_ratio is None else float(amount_ratio)
    if side == "floor":
        return ratio < 1 - RATIO_TOLERANCE and ratio < money - RATIO_TOLERANCE
    return ratio > 1 + RATIO_TOLERANCE and ratio > money + RATIO_TOLERANCE


def _later(old: tuple[Deadline, ...], new: tuple[Deadline, ...],
           years: tuple[int | None, int | None], amount_ratio: float | None
           ) -> Loosening | None:
    """One dated deadline each (``11 月底前`` → ``12 月底前``), later in its budget year,
    while the money did not fall: the time target was relaxed."""
    if len(old) != 1 or len(new) != 1:
        return None
    before, after = _month_index(old[0], years[0]), _month_index(new[0], years[1])
    if before is None or after is None or after <= before:
        return None
    if amount_ratio is not None and amount_ratio < 1 - RATIO_TOLERANCE:
        return None
    return Loosening("deadline", before, after, "个月", after / before, amount_ratio,
                     old[0].text, new[0].text)


def _month_index(deadline: Deadline, budget_year: int | None) -> int | None:
    """Months from the start of the budget year to the deadline's month (None: not dated)."""
    if deadline.kind != "date" or deadline.month is None:
        return None
    if deadline.year is not None:
        if budget_year is None:
            return None
        return (deadline.year - budget_year) * 12 + deadline.month
    return deadline.month + (12 if deadline.next_year else 0)
