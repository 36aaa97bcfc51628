"""The words the table-review rules read, as data in one place (rules T002–T003, S005,
Q005–Q007, H005, W006 and the cross-project family X).

A published table keeps what the template said to the person filling it in
(``注：各地请根据实际情况…``, ``(≥**株)``, ``XX``, ``请填写``); a satisfaction indicator names
满意度 and is a rate; a unit written in an indicator's name (``村组干部230人``) names the
same thing as its 度量单位 column unless both are one of the equivalent spellings below.
The rules take these words from here, never spell them themselves.
"""

from __future__ import annotations

import re

# Template text: what the form said to the person filling it in, left in the table.
# (Each placeholder starts with one of the characters of _TEMPLATE_CHARS below.)
TEMPLATE_PLACEHOLDERS = re.compile(
    r"\*{2,}|＊{2,}|×{2,}|✕{2,}|(?<![A-Za-z])(?:X{2,}|x{2,}|Ｘ{2,}|ｘ{2,})(?![A-Za-z])"
)
TEMPLATE_PHRASES: tuple[str, ...] = (
    "请填写", "请在此填写", "请根据实际情况", "各地请根据", "根据实际情况填写", "根据实际情况调整",
    "根据实际情况设置", "此处填写", "填写说明",
)

# Words that make an indicator a satisfaction indicator (a bare 满意 is not: 人民满意的服务型政府).
SATISFACTION_WORDS: tuple[str, ...] = ("满意度", "满意率", "满意程度", "满意比例", "满意比率")

# An indicator counting events that should not happen (安全事故, 投诉, 违规问题 …) states a
# target of zero when its 指标值 says so in a word: 无 (and 0起 in figures; 无发生, 零发生 are
# grades of every indicator, ``targets.GRADES``).
ZERO_VALUES: tuple[str, ...] = ("无", "没有")
EVENT_WORDS = re.compile(
    r"事故|事件|投诉|案件|违规|违纪|违法|差错|舆情|纠纷|信访|上访|伤亡|损失|失误|泄露|泄密"
    r"|问题|隐患|风险|处罚|通报|返工|失学|辍学")

# Units that name the same thing: an indicator's name may say 人 where the 度量单位 column
# says 名. Each group is one unit; a unit in no group is equal only to itself.
EQUIVALENT_UNITS: tuple[frozenset[str], ...] = (
    frozenset({"人", "名", "位"}),
    frozenset({"人次", "人·次"}),
    frozenset({"平方米", "平米", "㎡", "m²", "m2"}),
    frozenset({"公里", "千米", "km"}),
    frozenset({"千克", "公斤", "kg"}),
    frozenset({"米", "m", "M"}),
    frozenset({"天", "日"}),
    frozenset({"工作日", "个工作日"}),
    frozenset({"月", "个月"}),
    frozenset({"次", "场次"}),
    frozenset({"%", "％"}),
)

# An indicator's name may carry its target's unit in brackets: 培训人数（人）, 经费(万元).
UNIT_IN_NAME = re.compile(r"[(（]\s*[\u4e00-\u9fffA-Za-z%‰/²·]{1,4}\s*[)）]\s*$")

# A 一级 label may declare its score: 产出指标(70分), 效益指标（20 分）.
DECLARED_SCORE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")

# An amount cell holding more than an amount: 854万854万, 12万元12, 10 万元 万元.
REPEATED_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?\s*(?:万元|万|元)?)\s*(?:\1\s*)+$")

# Cross-project rules (X): a subject must say this much (characters, numbers left out)
# to be one fact; shorter ones (完成率#, 满意度#) are shared by unrelated projects.
SUBJECT_MIN_CHARS = 4
# X002: a project's table copied from another's — at least this many of its applicable
# indicators, and at least this share of them, word for word; a text in more than
# SHARED_TEXT_PROJECTS projects is a department-wide indicator, not a copy.
COPIED_MIN_ROWS = 3
COPIED_MIN_SHARE = 0.5
SHARED_TEXT_PROJECTS = 5


def same_unit(first: str, second: str) -> bool:
    """Whether two units name the same thing (人 and 名 do; 人 and 个 do not)."""
    first, second = first.strip(), second.strip()
    if first == second:
        return True
    return any(first in group and second in group for group in EQUIVALENT_UNITS)


# A character every template text has (a placeholder's, or a phrase's first): nearly every
# indicator has none, and one character-class search says so (an alternation of every
# phrase tried at every position cost several times more).
_TEMPLATE_CHARS = re.compile(
    "[" + re.escape("*＊×✕XxＸｘ" + "".join({phrase[0] for phrase in TEMPLATE_PHRASES})) + "]")
_SATISFACTION = re.compile("|".join(map(re.escape, SATISFACTION_WORDS)))


def has_template_text(text: str) -> str:
    """The template text left in ``text`` (``**``, ``请填写`` …), or ``""``."""
    if not text or _TEMPLATE_CHARS.search(text) is None:
        return ""
    if found := TEMPLATE_PLACEHOLDERS.search(text):
        return found.group(0)
    return next((phrase for phrase in TEMPLATE_PHRASES if phrase in text), "")


def names_satisfaction(text: str) -> bool:
    """Whether an indicator's text names a satisfaction rate (满意度, 满意率 …)."""
    return _SATISFACTION.search(text) is not None


def states_zero_events(name: str, value: str) -> bool:
    """Whether ``value`` is 无 for an indicator that counts unwanted events (安全事故 | 无):
    a target of zero, as measurable as 0起."""
    return value.strip() in ZERO_VALUES and EVENT_WORDS.search(name) is not None
