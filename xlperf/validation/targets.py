"""Reading what an indicator promises: comparator, numbers and units, deadlines, grades.

The Q and K rules ask one question of every 三级指标: what target does it
state? ``read_target`` answers it from the 指标值 column when the layout has
one, else from the indicator text (the seed writes ``全年督查不少于 50 次`` as
one cell). The reader never rewrites the user's text and never guesses: an
amount is counted as a total only when it cannot be a rate (``每期2000元``,
``0.35元/页``), and anything it cannot read simply stays unread.

Decision: an amount per year (``4万元/年``, ``每年4万元``) counts as a total,
because it is compared with 项目年度金额, which is itself a per-year amount.
Amounts per anything else (``每X``, ``/本``, ``/页``, ``/次``, 单价, 人均 …)
are rates. When one text states several totals, the largest is taken (a
breakdown ``共12万元，其中印刷2万元`` must not add up to 14).

The reader is called once per distinct text (``lru_cache``) and uses only
precompiled regular expressions, so checking a whole city stays fast.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from xlperf.model.vocabulary import vocabulary

# --- comparators -----------------------------------------------------------------
# Words before a number, longest first so that 不低于 wins over 低于.
_PREFIX_COMPARATORS: dict[str, str] = dict((
    ("大于等于", ">="), ("小于等于", "<="), ("不少于", ">="), ("不低于", ">="),
    ("不小于", ">="), ("不高于", "<="), ("不超过", "<="), ("不多于", "<="),
    ("不大于", "<="), ("控制在", "<="), ("至少", ">="), ("达到", ">="), ("超过", ">"),
    ("高于", ">"), ("大于", ">"), ("多于", ">"), ("低于", "<"), ("少于", "<"),
    ("小于", "<"), ("等于", "="), (">=", ">="), ("<=", "<="), ("≥", ">="), ("≤", "<="),
    ("≧", ">="), ("≦", "<="), ("⩾", ">="), ("⩽", "<="),  # what input methods also type
    ("达", ">="), (">", ">"), ("<", "<"), ("=", "="), ("为", "="),
))
# Words after a number (and its unit).
_SUFFIX_COMPARATORS: dict[str, str] = {
    "及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
    "左右": "=",
}


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A comparator right before the number, allowing 共/约/累计 in between (不少于共 20 期).
# Matched on the reversed clause, so only one position is tried.
_PREFIX_REVERSED = re.compile(
    rf"\s*(?:计共|计合|计累|共|约)?\s*({_alternation(w[::-1] for w in _PREFIX_COMPARATORS)})"
)
# A comparator of two or more characters a few words before the number (至少开展 3 次).
_PREFIX_NEAR = re.compile(
    rf"({_alternation(w for w in _PREFIX_COMPARATORS if len(w) > 1 and not w.isascii())})"
    r"[\u4e00-\u9fff]{1,4}\s*$"
)
_SUFFIX = re.compile(rf"\s*({_alternation(_SUFFIX_COMPARATORS)})")

# --- units -----------------------------------------------------------------------
# Money units and their factor to 万元; the units targets are stated in (model/vocabulary).
MONEY_UNITS: dict[str, float] = vocabulary().money
_UNITS = "|".join(map(re.escape, vocabulary().measures))
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_QUANTITY = re.compile(
    rf"(?<![\d.])({_NUMBER})(?:\s*(?:-|~|～|—|–|至|到)\s*({_NUMBER}))?\s*({_UNITS})?"
)
# Chinese numerals count only when a counting unit follows (两次, 三个工作日, 十二期).
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = "|".join(map(re.escape, vocabulary().counting))
# Not after characters that make 一 part of a word (统一部署, 唯一, 进一步, 第一 …).
_CN_QUANTITY = re.compile(
    rf"(?<![第统唯同逐进专单万之])([零一二两三四五六七八九十百千]+)({_CN_UNITS})"
)

# --- what is not a target --------------------------------------------------------
# 《document titles》, 文号 like 石政办发〔2022〕112号, codes like 0101-一年期项目,
# paper sizes (A4), 5G, ordinals (第3批) and bare years (2024年度).
_NOT_TARGETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # (a character that must be present, the pattern) — the guard keeps plain text fast.
    ("《", re.compile(r"《[^》]*》")),
    ("号", re.compile(
        r"[\u4e00-\u9fff]{0,8}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号"
    )),
    ("-", re.compile(r"(?<![\d.])\d+\s*-\s*(?=[\u4e00-\u9fff])")),
    ("第", re.compile(r"第\s*\d+(?![\d\s]*季度)")),
)
_LATIN_CODE = re.compile(r"[A-Za-z]+\d+|(?<![\d.])\d+G(?![Bb])")
_YEAR_RANGE = re.compile(r"(?<!\d)\d{4}\s*(?:-|—|–|~|至|到)\s*\d{4}\s*年?度?")
_BARE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年度?")

# --- deadlines -------------------------------------------------------------------
_DATE_YMD = re.compile(
    r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日|底|末|上旬|中旬|下旬)?"
    r"|(?<!\d)(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)"
)
_DATE_YEAR_END = re.compile(
    r"(?<!\d)(\d{4})\s*年\s*(?:度\s*)?(底|末|年底|年末|内|前|以前|之前|上半年|下半年)"
)
_NEXT_YEAR = re.compile(
    r"(?:次年|下年度?|下一年度?|明年)\s*(?:(\d{1,2})\s*月|底|末|年底|上半年|下半年)"
)
_DATE_MONTH = re.compile(
    r"(?<![\d个])(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日|份)?\s*(?:底|末|上旬|中旬|下旬)?\s*"
    r"(?:前|之前|以前|内|完成|办结|办复|上线|底|末|上旬|中旬|下旬)"
    r"|(?<![\d个])(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_RELATIVE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*(?:个)?\s*"
    r"(工作日|日|天|小时|周|个月|月|年)\s*(?:内|之内|以内|完成|办结)"
)
_RELATIVE_WORDS = re.compile(
    r"当天|当日|即日|年底前|年末前|年底|年末|年内|年度内|上半年|下半年|第?[一二三四1-4]季度"
)
_PERIODIC = re.compile(
    r"每(?:个)?(?:天|日|周|星期|月|季度|季|半年|年|工作日|学期)"
    # 按月发放, 按季度拨付, 按学期发放, 逐月拨付: a schedule as well (not 按年度计划, 逐年提高).
    r"|按(?:天|日|周|月|季度|季|半年|学期)(?!度)|逐(?:月|季度|季)"
)
_PERIODIC_GUARD = re.compile(r"[每按逐]")
_FULL_YEAR = re.compile(r"全年\s*\d+\s*天")
# A 指标值 that is a year alone (完成时间 | 2024年): done within that year, as 2024年底前;
# also the year's whole span (2021年全年, 安徽's 申报表 under 时效指标).
_YEAR_ALONE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*度?\s*(?:全年)?\s*$")

# --- grades ----------------------------------------------------------------------
# A 指标值 that is one of these words is a graded (qualitative) target.
GRADES: frozenset[str] = frozenset({
    "好", "较好", "一般", "差", "较差", "优", "良", "中", "优秀", "良好", "优良", "合格",
    "不合格", "达到", "部分达到", "未达到", "达标", "未达标", "是", "否", "完成", "未完成",
    "高", "较高", "中等", "低", "较低",
    # a state that is there or not (资金使用 | 合规, 系统运行 | 正常, 长效机制 | 建立)
    "合规", "不合规", "正常", "不正常", "建立", "已建立", "建成", "已建成",
    # a whole population reached: 100% (覆盖面 | 全覆盖, 困难群众救助 | 应保尽保)
    "全覆盖", "全部覆盖",
    # an event that does not happen: zero (重大舆情事件 | 零发生, 安全事故 | 杜绝)
    "零", "零发生", "零事故", "未发生", "无发生", "杜绝",
})
# Inside indicator text only unambiguous grade words count (做好 must not read as 好).
_TEXT_GRADE = re.compile(
    r"部分达到|未达到|达到|达标|合格|优秀|良好|优良|全覆盖"
    r"|应([\u4e00-\u9fff])尽\1"  # 应保尽保, 应助尽助, 应收尽收: everyone concerned (100%)
    # last year's figure as the bound (历史标准): 不低于上年, 高于上年度, 与上年持平
    r"|(?:不低于|不少于|不高于|不超过|高于|低于|超过|优于|≥|≤|>=|<=|>|<)\s*(?:上年|上一年|去年)"
    r"|与(?:上年|上一年|去年)度?(?:水平)?持平"
)
# A 指标值 that is a span in Chinese numerals alone (使用年限 | 两年, 三个月).
_CN_SPAN_ALONE = re.compile(r"^\s*([一二两三四五六七八九十]+)\s*(年|个月)\s*$")

# --- rates and context -----------------------------------------------------------
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:\n]")
# 每X before a money amount makes it a rate — except 每年 (an annual amount is a total here).
_RATE_BEFORE = re.compile(r"每(?!年)\S|单价|人均|均价|月均|日均|次均|标准为|标准是|按\S{0,6}标准")
# A 三级 that names an amount per something (人均培训成本, 生均公用经费, 每公里建设成本, 补助
# 单价): the money in its separate 指标值 (``≤1500元``) is that rate, never a total.
_RATE_NAME = re.compile(r"每(?!年)[\u4e00-\u9fff]|单价|均价|[人户亩生床次月日]均|平均|单位成本")
_RATE_AFTER = re.compile(r"^\s*(?:/|／|每)\s*(?!年)[\u4e00-\u9fffA-Za-z]")
_GROWTH = re.compile(r"增长|增加|提高|提升|上升|上涨|同比|环比|增幅|增速|倍")
_DIGIT = re.compile(r"\d")
_CN_DIGIT = re.compile(r"[零一二两三四五六七八九十百千]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_RELATIVE_GUARD = re.compile(r"内|完成|办结")
_RELATIVE_WORDS_GUARD = re.compile(r"当|即日|年|季度")


_DIGIT_RUN_SPLIT = re.compile(r"(\d+)")


class Quantity(NamedTuple):
    """One number the target states, with its unit and what surrounds it."""

    low: float
    high: float  # == low unless a range (``1-2 名``)
    unit: str | None
    comparator: str | None
    is_rate: bool = False  # money per something (``每期2000元``)

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


class Deadline(NamedTuple):
    """A date or time limit. ``year``/``month`` only when the text states them."""

    kind: str  # "date" | "relative" | "periodic" | "span"
    text: str
    year: int | None = None
    month: int | None = None
    next_year: bool = False  # 次年3月 …


class Target(NamedTuple):
    """What an indicator promises, as far as it can be read without guessing."""

    comparator: str | None = None
    quantities: tuple[Quantity, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    grade: str | None = None
    growth: bool = False  # the text speaks of an increase (增长 150% is plausible)

    @property
    def number(self) -> float | None:
        """The first number of the target (low end of a range)."""
        return self.quantities[0].low if self.quantities else None

    @property
    def unit(self) -> str | None:
        return self.quantities[0].unit if self.quantities else None

    @property
    def percents(self) -> tuple[float, ...]:
        values: list[float] = []
        for q in self.quantities:
            if q.is_percent:
                values.extend((q.low,) if q.high == q.low else (q.low, q.high))
        return tuple(values)

    @property
    def percent(self) -> float | None:
        """The first percentage stated (the target of ``满意度达到 90%以上``)."""
        values = self.percents
        return values[0] if values else None

    @property
    def money(self) -> tuple[Quantity, ...]:
        return tuple(q for q in self.quantities if q.is_money)

    @property
    def amount_wan(self) -> float | None:
        """The total amount stated, in 万元; None when only rates (or nothing) are stated."""
        totals = [q.low * MONEY_UNITS[q.unit] for q in self.money if not q.is_rate]
        return max(totals) if totals else None

    @property
    def is_rate(self) -> bool:
        """Money is stated, but only per something (每期, /本): not a total."""
        money = self.money
        return bool(money) and all(q.is_rate for q in money)

    @property
    def money_lower_bound(self) -> bool:
        """An amount is stated as a floor (``不低于 5 万元``) — cost targets should be ceilings."""
        return any(q.comparator in (">=", ">") for q in self.money)

    @property
    def deadline(self) -> Deadline | None:
        return self.deadlines[0] if self.deadlines else None

    @property
    def deadline_years(self) -> tuple[int, ...]:
        return tuple(d.year for d in self.deadlines if d.year is not None)

    @property
    def measurable(self) -> bool:
        """A number, a percentage, a deadline or a recognised grade is present."""
        return bool(self.quantities or self.deadlines or self.grade)


EMPTY = Target()


def read_target(text: str, value: str | None = None) -> Target:
    """The target an indicator states: its 指标值 when present, else its text."""
    source = value if value is not None and str(value).strip() else text
    return _read(str(source) if source is not None else "")


def names_a_rate(name: str) -> bool:
    """Whether a 三级's own words make the amount in its 指标值 a rate (人均, 生均, 每公里 …)."""
    return _RATE_NAME.search(name) is not None


def read_text(source: str) -> Target:
    """``read_target`` once the text to read is chosen (a str): the frame's hot path."""
    return _read(source)


# --- how reading works -------------------------------------------------------------
# Tables repeat phrasings with different numbers (全年督查不少于 50 次 / … 30 次), so the
# text is parsed once per *shape*: every run of digits is replaced by a token of the same
# length and the same class (a valid month, a year, anything else), the shape is parsed
# into a template that remembers where each number was, and the template is filled with
# the real digits. Positions stay valid because every blanking keeps the text's length.

Span = tuple[int, int]


# Slots are NamedTuples, not frozen dataclasses: a template is built per distinct shape,
# and a frozen dataclass's __init__ costs several times a tuple's.
class _QuantitySlot(NamedTuple):
    low: Span | float  # where the number is, or its value (Chinese numerals)
    high: Span | float | None
    unit: str | None
    comparator: str | None
    is_rate: bool


class _DeadlineSlot(NamedTuple):
    kind: str
    span: Span
    year: Span | None = None
    month: Span | int | None = None
    next_year: bool = False


class _Template(NamedTuple):
    quantities: tuple[_QuantitySlot, ...]
    deadlines: tuple[_DeadlineSlot, ...]
    grade: str | None
    growth: bool

    @property
    def empty(self) -> bool:
        return not (self.quantities or self.deadlines or self.grade or self.growth)


# A batch reads each distinct text once (the frame numbers them), and real departments rarely
# repeat a wording, so a large cache here only grows with the batch (a worker of a 3 000-
# workbook run held ~150 MB of Targets); this one serves the re-reads of one book.
@lru_cache(maxsize=1 << 13)
def _read(raw: str) -> Target:
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return EMPTY
    return _fill(_template(_shape(text) if _DIGIT.search(text) else text), text)


def _shape(text: str) -> str:
    """The text with each run of digits replaced by its stand-in (split and joined in C:
    a substitution calling back into Python for every run cost several times more)."""
    parts = _DIGIT_RUN_SPLIT.split(text)
    tokens = _TOKENS
    parts[1::2] = [tokens.get(digits) or _token(digits) for digits in parts[1::2]]
    return "".join(parts)


def _token(digits: str) -> str:
    """A stand-in for a run of digits that every pattern treats like the original."""
    if len(digits) <= 2:
        return ("1" if 1 <= int(digits) <= 12 else "0") * len(digits)  # a valid month or not
    if len(digits) == 4:
        return "2000" if digits[:2] in ("19", "20") else "9999"  # a year or not
    return "9" * len(digits)


_TOKENS = {str(number): _token(str(number)) for number in range(1000)}


def _fill(template: _Template, text: str) -> Target:
    if template.empty:
        return EMPTY
    quantities, deadlines, grade, growth = template
    filled = []
    comparator = None
    for low, high, unit, slot_comparator, is_rate in quantities:
        low = _value(text, low)
        high = max(low, _value(text, high)) if high is not None else low
        filled.append(Quantity(low, high, unit, slot_comparator, is_rate))
        comparator = comparator or slot_comparator
    dates = tuple(
        Deadline(slot.kind, text[slot.span[0]:slot.span[1]].strip(),
                 int(text[slot.year[0]:slot.year[1]]) if slot.year else None,
                 _month(text, slot.month), slot.next_year)
        for slot in deadlines
    ) if deadlines else ()
    return Target(comparator, tuple(filled), dates, grade, growth)


def _value(text: str, where: Span | float) -> float:
    if where.__class__ is tuple:
        return float(text[where[0]:where[1]].replace(",", ""))
    return where


def _month(text: str, where: Span | int | None) -> int | None:
    if isinstance(where, tuple):
        return int(text[where[0]:where[1]])
    return where


@lru_cache(maxsize=1 << 16)
def _template(shape: str) -> _Template:
    grade = shape if shape in GRADES else None
    if grade is None and (found := _TEXT_GRADE.search(shape)):
        grade = found.group(0)
    text = _strip_non_targets(shape)
    deadlines, text = _read_deadlines(text)
    if "年" in text:
        text = _BARE_YEAR.sub(_blank, text)
    quantities = _read_quantities(text)
    if not quantities and (span := _CN_SPAN_ALONE.match(text)) is not None:
        number = _chinese_number(span.group(1))
        if number is not None:
            quantities = (_QuantitySlot(number, None, span.group(2), None, False),)
    return _Template(quantities, deadlines, grade, bool(_GROWTH.search(text)))


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _strip_non_targets(text: str) -> str:
    for guard, pattern in _NOT_TARGETS:
        if guard in text:
            text = pattern.sub(_blank, text)
    if _ASCII_LETTER.search(text):
        text = _LATIN_CODE.sub(_blank, text)
    if "年" in text or "-" in text:
        text = _YEAR_RANGE.sub(_blank, text)
    return text


def _read_deadlines(text: str) -> tuple[tuple[_DeadlineSlot, ...], str]:
    """Deadlines found, and the text with them blanked (2024 is not a quantity)."""
    found: list[_DeadlineSlot] = []

    def take(match: re.Match[str], slot: _DeadlineSlot) -> str:
        found.append(slot)
        return _blank(match)

    def ymd(m: re.Match[str]) -> str:
        year, month = (1, 2) if m.group(1) else (4, 5)
        if not 1 <= int(m.group(month)) <= 12:
            return m.group(0)
        return take(m, _DeadlineSlot("date", m.span(), m.span(year), m.span(month)))

    def year_end(m: re.Match[str]) -> str:
        month = 6 if m.group(2) == "上半年" else 12
        return take(m, _DeadlineSlot("date", m.span(), m.span(1), month))

    def next_year(m: re.Match[str]) -> str:
        month = m.span(1) if m.group(1) else 12
        return take(m, _DeadlineSlot("date", m.span(), None, month, next_year=True))

    def month(m: re.Match[str]) -> str:
        group = 1 if m.group(1) else 3
        if not 1 <= int(m.group(group)) <= 12:
            return m.group(0)
        return take(m, _DeadlineSlot("date", m.span(), None, m.span(group)))

    def relative(m: re.Match[str]) -> str:
        return take(m, _DeadlineSlot("relative", m.span()))

    has_digit = _DIGIT.search(text) is not None
    if has_digit and ("年" in text or "-" in text or "/" in text or "." in text):
        text = _DATE_YMD.sub(ymd, text)
    if "年" in text:
        if has_digit:
            text = _DATE_YEAR_END.sub(year_end, text)
        text = _NEXT_YEAR.sub(next_year, text)
    if has_digit and "月" in text:
        text = _DATE_MONTH.sub(month, text)
    if (has_digit or _CN_DIGIT.search(text)) and _RELATIVE_GUARD.search(text):
        text = _RELATIVE.sub(relative, text)
    if _RELATIVE_WORDS_GUARD.search(text):
        text = _RELATIVE_WORDS.sub(relative, text)
    if _PERIODIC_GUARD.search(text):
        found.extend(_DeadlineSlot("periodic", m.span()) for m in _PERIODIC.finditer(text))
    if (year := _YEAR_ALONE.match(text)) is not None:
        found.append(_DeadlineSlot("date", year.span(), year.span(1), 12))
        text = _blank(year)
    if "全年" in text:
        found.extend(_DeadlineSlot("span", m.span()) for m in _FULL_YEAR.finditer(text))
    found.sort(key=lambda slot: slot.span)
    return tuple(found), text


def _read_quantities(text: str) -> tuple[_QuantitySlot, ...]:
    found: list[tuple[int, int, Span | float, Span | float | None, str | None]] = []
    if _DIGIT.search(text):
        for m in _QUANTITY.finditer(text):
            high = m.span(2) if m.group(2) else None
            found.append((m.start(), m.end(), m.span(1), high, m.group(3)))
    if _CN_DIGIT.search(text):
        for m in _CN_QUANTITY.finditer(text):
            number = _chinese_number(m.group(1))
            if number is not None:
                found.append((m.start(), m.end(), number, None, m.group(2)))
        found.sort(key=lambda item: item[0])
    if not found:
        return ()
    # A number's clause starts after the last comma/semicolon before it.
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    return tuple(_quantity(text, breaks, *item) for item in found)


def _quantity(text: str, breaks: list[int], start: int, end: int, low: Span | float,
              high: Span | float | None, unit: str | None) -> _QuantitySlot:
    cut = bisect.bisect_left(breaks, start)
    before = text[breaks[cut - 1] + 1 if cut else 0:start]
    after = text[end:end + 6]
    comparator = _prefix_comparator(before) or _suffix_comparator(after)
    rate = unit in MONEY_UNITS and bool(_RATE_BEFORE.search(before) or _RATE_AFTER.match(after))
    return _QuantitySlot(low, high, unit, comparator, rate)


def _prefix_comparator(before: str) -> str | None:
    found = _PREFIX_REVERSED.match(before[::-1])
    if found:
        return _PREFIX_COMPARATORS[found.group(1)[::-1]]
    near = _PREFIX_NEAR.search(before[-10:])
    return _PREFIX_COMPARATORS[near.group(1)] if near else None


def _suffix_comparator(after: str) -> str | None:
    found = _SUFFIX.match(after)
    return _SUFFIX_COMPARATORS[found.group(1)] if found else None


def _chinese_number(text: str) -> float | None:
    """一 … 九千九百九十九; None for anything else (so 一一 is not read)."""
    total, current = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if current is not None:
                return None
            current = _CN_DIGITS[ch]
        else:
            factor = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (1 if current is None else current) * factor
            current = None
    total += current or 0
    return float(total) if total or text == "零" else None


# --- subjects ----------------------------------------------------------------------
# What an indicator is about, without what it promises: ``全年督查不少于 50 次`` and
# ``全年督查 30 次`` have the subject ``全年督查#``. ``xlperf compare`` matches indicators of two
# years by it. Built from the same words and patterns as ``read_target``, so a number the
# reader reads as a target is exactly what the subject leaves out.
_SUBJECT_QUANTITY = re.compile(
    r"(?:累计|共计|合计|共|约)?\s*"
    rf"(?:{_alternation(_PREFIX_COMPARATORS)})?\s*(?:累计|共计|合计|共|约)?\s*"
    rf"(?:(?<![\d.]){_NUMBER}(?:\s*(?:-|~|～|—|–|至|到)\s*{_NUMBER})?\s*(?:{_UNITS})?"
    rf"|(?<![第统唯同逐进专单万之])[零一二两三四五六七八九十百千]+(?:{_CN_UNITS}))"
    rf"\s*(?:{_alternation(_SUFFIX_COMPARATORS)})?"
)
SUBJECT_NUMBER = "#"  # what stands where a number was


@lru_cache(maxsize=1 << 16)
def subject(text: str) -> str:
    """The indicator's text without its numbers, units and comparators, spaces and
    punctuation, full- and half-width alike: the same subject in two years' tables."""
    plain = unicodedata.normalize("NFKC", text or "")
    plain = _SUBJECT_QUANTITY.sub(SUBJECT_NUMBER, plain)
    return "".join(ch for ch in plain if ch.isalnum() or ch == SUBJECT_NUMBER)
