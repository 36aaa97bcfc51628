"""Which project of last year is which project of this year, and which indicator which.

Projects pair by name: first the same name (ignoring spacing and full/half
width), then a name that differs only in its year, brackets or spacing
(``2023年度政务公开经费`` and ``政务公开经费（2024年）``). Several projects of one
key pair in table order. Indicators of a project pair pair by their subject
(``validation.targets.subject``: the text without numbers, units and
comparators); rows marked 本指标不适用 take no part.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from xlperf.model import Department, Indicator, Project
from xlperf.model.review_words import CONTINUING_WORDS, NAME_BRACKETS, NAME_YEAR
from xlperf.validation.targets import SUBJECT_NUMBER, subject

T = TypeVar("T")
_NO_BRACKETS = str.maketrans("", "", NAME_BRACKETS)


def exact_key(name: str) -> str:
    """A name as written, without spacing and with full-width forms made half-width."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).lower()


def loose_key(name: str) -> str:
    """A name without its year, brackets and spacing: the same project in another year."""
    text = NAME_YEAR.sub("", unicodedata.normalize("NFKC", name or ""))
    return exact_key(text.translate(_NO_BRACKETS))


def is_continuing(project: Project) -> bool:
    """The project says in its 项目属性 that it goes on from last year (上年延续性项目)."""
    attribute = unicodedata.normalize("NFKC", project.attribute or "")
    return any(word in attribute for word in CONTINUING_WORDS)


def pair_up(last: Sequence[T], this: Sequence[T], keys: Iterable[Callable[[T], str]]
            ) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pairs by each key in turn (items of one key in order); what is left on each side."""
    pairs: list[tuple[int, int]] = []
    left_last, left_this = list(range(len(last))), list(range(len(this)))
    for key in keys:
        waiting: dict[str, list[int]] = {}
        for index in left_last:
            waiting.setdefault(key(last[index]), []).append(index)
        unpaired: list[int] = []
        for index in left_this:
            queue = waiting.get(key(this[index]))
            if queue:
                pairs.append((queue.pop(0), index))
            else:
                unpaired.append(index)
        paired_last = {a for a, _ in pairs}
        left_last = [i for i in left_last if i not in paired_last]
        left_this = unpaired
    pairs.sort(key=lambda pair: pair[1])
    return ([(last[a], this[b]) for a, b in pairs], [last[i] for i in left_last],
            [this[i] for i in left_this])


def indicator_key(indicator: Indicator) -> str:
    """An indicator's subject, numbers left out entirely: a 指标值 column or not, the same."""
    found = subject(indicator.name).replace(SUBJECT_NUMBER, "")
    return found or exact_key(indicator.name)


def applicable(project: Project) -> list[Indicator]:
    return [i for i in project.indicators if not i.not_applicable and (i.name or "").strip()]


@dataclass
class ProjectPair:
    """A project of both years, with its indicators paired by subject."""

    last: Project
    this: Project
    indicators: list[tuple[Indicator, Indicator]] = field(default_factory=list)
    dropped: list[Indicator] = field(default_factory=list)  # last year's, not found this year
    added: list[Indicator] = field(default_factory=list)  # this year's, not found last year

    @property
    def renamed(self) -> bool:
        return exact_key(self.last.name) != exact_key(self.this.name)

    @property
    def continuing(self) -> bool:
        return is_continuing(self.this)


@dataclass
class Comparison:
    """Two years of one department, paired: what every Y rule reads."""

    last: Department
    this: Department
    pairs: list[ProjectPair]
    discontinued: list[Project]  # last year's projects with no partner this year
    new: list[Project]  # this year's projects with no partner last year


def compare_departments(last: Department, this: Department) -> Comparison:
    """Pair the two years' projects and, within each pair, their indicators."""
    paired, gone, new = pair_up(last.projects, this.projects,
                                (lambda p: exact_key(p.name), lambda p: loose_key(p.name)))
    pairs = []
    for old, current in paired:
        matched, dropped, added = pair_up(applicable(old), applicable(current), (indicator_key,))
        pairs.append(ProjectPair(old, current, matched, dropped, added))
    return Comparison(last, this, pairs, gone, new)


def department_key(department: Department, path: Path) -> str:
    """How two folders' files pair: the department's name, else the file's name, each
    without year, brackets and spacing."""
    return loose_key(department.name) or loose_key(path.stem)
