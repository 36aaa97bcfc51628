"""Reading numbers and cleaning text the way finance staff type them.

Full-width digits (``１０``), thousands separators, stray spaces and odd
hyphens occur in files from other offices. These helpers repair only what is
safe (digits and punctuation inside numbers) and say what they repaired, so
rule T001 can tell the user; prose is never rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．－＋，％", "0123456789.-+,%"
)
_ODD_HYPHENS = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-", "‑": "-", "﹣": "-"})
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


def has_fullwidth_digits(text: str) -> bool:
    return any("０" <= ch <= "９" for ch in text)


_BLANK = " \t\r\n\u3000\u00a0"  # what trimming a cell removes


def clean_cell(text: str) -> tuple[str, list[str]]:
    """Trim a cell's text; return it with the kinds of repair made (for T001).

    Leading/trailing spaces (ASCII, ideographic U+3000, no-break) are removed;
    inner runs of spaces are kept as written because they can be meaningful
    (``自治区党委 人民政府``).
    """
    repairs: list[str] = []
    stripped = text.strip(_BLANK)
    if stripped != text and text.strip():
        repairs.append("space")
    return stripped, repairs


def split_label_value(raw: object) -> tuple[str, str] | None:
    """``'项目名称：社区养老'`` → ``('项目名称', '社区养老')``: a label and its value in one cell.

    Hand-made tables and PDF text often write a header that way. Split at the
    first colon (full or half width); None when either side would be blank.
    Whether the left side is a label is the caller's question.
    """
    if not isinstance(raw, str):
        return None
    wide, narrow = raw.find("："), raw.find(":")
    colon = narrow if wide < 0 else wide if narrow < 0 else min(wide, narrow)
    if colon < 0:
        return None
    label, value = raw[:colon], raw[colon + 1:].strip(_BLANK)
    if not label.strip(_BLANK) or not value:
        return None
    return label, value


def parse_number(raw: object) -> tuple[float | str | None, list[str]]:
    """A cell's value as a number when it is one; else the original text.

    Returns ``(value, repairs)``: ``None`` for blank, a float for numbers
    (including ``'１０'``, ``' 10 '``, ``'1,234.5'``), otherwise the stripped
    original string (``'待定'``, ``'10万元'``) so validation can report it.
    """
    if raw is None:
        return None, []
    if isinstance(raw, bool):
        return str(raw), []
    if isinstance(raw, int | float):
        return float(raw), []
    text, repairs = clean_cell(str(raw))
    if not text:
        return None, repairs
    if has_fullwidth_digits(text) or any(ch in text for ch in "．－＋，％"):
        repairs.append("fullwidth")
    candidate = _SPACES.sub("", text.translate(_FULLWIDTH).translate(_ODD_HYPHENS))
    if _NUMBER.match(candidate):
        return float(candidate.replace(",", "")), repairs
    return text, [r for r in repairs if r != "fullwidth"]


# A weight or score written with its unit: 10分, 10 分, 10%, １０％ — offices write all of them.
_WEIGHT_WITH_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(分|%)$")


def parse_weight(raw: object) -> tuple[float | str | None, list[str]]:
    """A weight (绩效值, 权重, 分值) as ``parse_number`` reads it, and also a number written
    with the unit every weight has (``10分``, ``10%``): that is the number, not a guess, and
    ``"weight_unit"`` among the repairs lets rule T001 say so. Anything else (``待定``,
    ``10万元``, ``10-15``) stays text for rule W002.
    """
    value, repairs = parse_number(raw)
    if not isinstance(value, str):
        return value, repairs
    match = _WEIGHT_WITH_UNIT.match(_SPACES.sub("", unicodedata.normalize("NFKC", value)))
    if match is None:
        return value, repairs
    return float(match.group(1)), [*repairs, "weight_unit"]


def normalize_label(text: str) -> str:
    """NFKC a 一级/二级 label (``１１－数量指标`` → ``11-数量指标``).

    Labels are codes, not prose, so normalising them fully is safe.
    """
    text = unicodedata.normalize("NFKC", text or "").translate(_ODD_HYPHENS)
    return _SPACES.sub("", text)


def format_number(value: float | str | None) -> str:
    """How a number is written back into a table: ``10.0`` → ``10``, ``76.9`` → ``76.9``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def format_amount(value: float | str | None) -> str:
    """An amount in 万元 as published: whole numbers bare, others with two decimals (76.90)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return format_number(value)


# An amount written with its unit: 250万, 10000万元, 8,000元, 854万(其中…).
_AMOUNT_WITH_UNIT = re.compile(
    r"^\s*([+-]?\d+(?:,\d{3})*(?:\.\d+)?)\s*\(?(亿元|万元|万|千元|元)\)?(?P<rest>.*)$", re.S)
_MONEY_FACTORS = {"亿元": 10_000.0, "万元": 1.0, "万": 1.0, "千元": 0.1, "元": 0.0001}


def read_amount(raw: object, divisor: float = 1.0) -> tuple[float | str | None, list[str]]:
    """An amount in 万元: a number in the table's unit (divided by ``divisor``), or a
    number written with its own unit (``250万``, ``8,000元``), which wins.

    Returns ``(value, repairs)`` like ``parse_number``; ``"unit"`` among the repairs
    says the unit was read from the text (rule T001 tells the user). Anything
    else (``待定``, ``854万854万``) stays text for rule H002.
    """
    value, repairs = parse_number(raw)
    if isinstance(value, float):
        return (value / divisor if divisor != 1 else value), repairs
    if not isinstance(value, str):
        return value, repairs
    text = unicodedata.normalize("NFKC", value)
    match = _AMOUNT_WITH_UNIT.match(text)
    if match is None or _repeats_amount(match.group("rest")):
        return value, repairs
    number = float(match.group(1).replace(",", ""))
    amount = number * _MONEY_FACTORS[match.group(2)]
    return round(amount, 6), [*repairs, "unit"]


def _repeats_amount(rest: str) -> bool:
    """``854万854万``: the cell holds more than one amount outside brackets; not read."""
    outside = re.sub(r"[(（][^)）]*[)）]", "", rest)
    return bool(re.search(r"\d", outside))


_PERIOD = re.compile(
    r"^\s*(\d{4}(?:\s*[年./-]\s*\d{1,2}(?:\s*[月./-]\s*\d{1,2}\s*日?)?\s*月?)?\s*年?)\s*"
    r"(?:-|~|～|—|–|至|到)\s*"
    r"((?:\d{4}\s*[年./-]?\s*)?\d{1,2}(?:\s*[月./-]\s*\d{1,2}\s*日?)?\s*月?|\d{4}\s*年?)\s*$")


@lru_cache(maxsize=1024)  # a batch's tables repeat a few terms (1年, 3年)
def split_period(term: str) -> tuple[str, str] | None:
    """``2023.07-2024.01`` → ``('2023.07', '2024.01')``: a term written as its start and end.

    None for a length (``1年``, ``3年``) or anything else.
    """
    match = _PERIOD.match(unicodedata.normalize("NFKC", term or ""))
    if match is None:
        return None
    return match.group(1).strip(), match.group(2).strip()
