"""The indicator framework (一级 → 二级 indicators) as data, and choosing one from a table.

Frameworks live in ``xlperf/data/frameworks/*.toml``: the standard one (the
seed), cost as its own first level (财预〔2021〕101号), the 2015 central form
(satisfaction a 二级 of 效益) and the older provincial names (项目完成指标 /
项目效益指标). Labels are written ``code-name`` (``11-数量指标``);
``parse_label`` splits them, and drops what is not part of the name: an
outline number (``一、``, ``（一）``, ``1、``, ``1.``: ``vocabulary.OUTLINE``) and a
declared score (``产出指标(50分)``, see ``level_score``).

Names are compared with or without a trailing 指标 (``社会效益`` is
``社会效益指标``) and through each level's aliases. Unless configured, the
framework a table is checked against is the one that explains most of its own
labels (``choose``), so a central-form table is not reported for being one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from xlperf.model.vocabulary import OUTLINE

_LABEL = re.compile(r"^\s*(\d+)\s*[-－—–‐.、]?\s*(\S.*?)\s*$")
# A score declared after a 一级 name: 产出指标(50分), 效益指标（20 分）; and, after a name
# ending in 指标 (so a 三级 such as 培训人数（300） is never cut), without brackets or
# without 分 as text copies write it: 产出指标50分, 产出指标 50分, 产出指标（50）, 产出指标：50分.
_NUMBER = r"(\d+(?:\.\d+)?)"
_SCORE = re.compile(
    rf"\s*(?:[（(]\s*{_NUMBER}\s*分\s*[)）]"
    rf"|(?<=指标)(?:\s*[:：]?\s*{_NUMBER}\s*分|\s*[（(]\s*{_NUMBER}\s*[)）]"
    rf"|\s*[:：]\s*{_NUMBER}))\s*$")
# A score range after a 一级 name ending in 指标, as 重庆's 审批表 writes it: 成本指标(0-20)分,
# 产出指标（40-50分）. It bounds the scores of the rows under it and declares no score of its own.
_SCORE_RANGE = re.compile(
    rf"(?<=指标)\s*[（(]\s*{_NUMBER}\s*[-－—–~～至]\s*{_NUMBER}\s*分?\s*[)）]\s*分?\s*$")
# The order frameworks are preferred in when they explain a table equally well.
PREFERENCE = ("standard", "central-2015", "provincial", "cost-first-level")


@dataclass(frozen=True)
class Level2:
    code: str
    name: str
    kind: str
    parent: str  # code of its 一级
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.code}-{self.name}"

    def names(self, key: str) -> bool:
        return key == name_key(self.name) or key in self._alias_keys

    @property
    def _alias_keys(self) -> frozenset[str]:
        return frozenset(name_key(a) for a in self.aliases)


@dataclass(frozen=True)
class Level1:
    code: str
    name: str
    kind: str
    children: tuple[Level2, ...]
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.code}-{self.name}"

    def names(self, key: str) -> bool:
        return key == name_key(self.name) or key in {name_key(a) for a in self.aliases}


@dataclass(frozen=True)
class Placement:
    """What a framework says of a row's 一级/二级 labels (rules S001/S002, kinds)."""

    level1: Level1 | None  # the 一级 as written (code and name agree), else None
    level1_loose: Level1 | None  # … or by name or code alone (for the row's kind)
    level2: Level2 | None  # the 二级 loosely (by name or code), for the row's kind
    problem: str | None  # None | "unknown" | "mismatch" | "parent" (S002)


@dataclass(frozen=True)
class Framework:
    name: str
    title: str
    level1: tuple[Level1, ...]
    # place()'s answers by label pair: a batch repeats a few pairs on every row.
    _placed: dict[tuple[str, str], Placement] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    def first(self, label: str) -> Level1 | None:
        """The 一级 a label names, by code and name; None when unknown or inconsistent."""
        code, name = parse_label(label)
        key = name_key(name)
        for item in self.level1:
            if (code or item.code) == item.code and item.names(key):
                return item
        return None

    def first_by_name(self, name: str) -> Level1 | None:
        key = name_key(name)
        return next((item for item in self.level1 if item.names(key)), None)

    def second(self, label: str, under: Level1 | None = None) -> Level2 | None:
        """The 二级 a label names (code and name must agree), among ``under``'s first."""
        code, name = parse_label(label)
        key = name_key(name)
        for item in self._level2_near(under):
            if (code or item.code) == item.code and item.names(key):
                return item
        return None

    def second_by_code(self, code: str) -> Level2 | None:
        return next((item for item in self.all_level2() if item.code == code), None)

    def second_by_name(self, name: str, under: Level1 | None = None) -> Level2 | None:
        key = name_key(name)
        return next((item for item in self._level2_near(under) if item.names(key)), None)

    def all_level2(self) -> tuple[Level2, ...]:
        return tuple(child for item in self.level1 for child in item.children)

    def _level2_near(self, under: Level1 | None) -> tuple[Level2, ...]:
        """All 二级, those of ``under`` first: 服务对象满意度 may sit under two 一级."""
        if under is None:
            return self.all_level2()
        return under.children + tuple(c for c in self.all_level2() if c.parent != under.code)

    def parent_of(self, level2: Level2) -> Level1 | None:
        return next((item for item in self.level1 if item.code == level2.parent), None)

    def place(self, level1: str, level2: str) -> Placement:
        """The framework's reading of a row's two labels (see ``Placement``)."""
        placed = self._placed.get((level1, level2))
        if placed is None:
            placed = self._placed[level1, level2] = _place(self, level1, level2)
        return placed

    def kind_of(self, level1: str, level2: str) -> str | None:
        """The 二级 kind (``cost``, ``satisfaction`` …) of a row, or None when unknown."""
        second = self.place(level1, level2).level2
        return second.kind if second else None


def _place(framework: Framework, label1: str, label2: str) -> Placement:
    first = framework.first(label1)
    code1, name1 = parse_label(label1)
    loose1 = first or framework.first_by_name(name1) \
        or next((item for item in framework.level1 if code1 and item.code == code1), None)
    second = framework.second(label2, loose1)
    code2, name2 = parse_label(label2)
    by_code = framework.second_by_code(code2) if code2 else None
    by_name = framework.second_by_name(name2, loose1)
    loose2 = second or by_name or by_code
    if second is None:
        problem = "unknown" if by_code is None and by_name is None else "mismatch"
    elif first is not None and second.parent != first.code:
        problem = "parent"
    else:
        problem = None
    return Placement(first, loose1, loose2, problem)


def name_key(name: str) -> str:
    """A 一级/二级 name as compared: ``社会效益指标`` and ``社会效益`` are the same 二级."""
    name = "".join(unicodedata.normalize("NFKC", name or "").split())
    return name.removesuffix("指标") or name


@lru_cache(maxsize=8192)
def parse_label(label: str) -> tuple[str | None, str]:
    """``'11-数量指标'`` → ``('11', '数量指标')``; a bare name → ``(None, name)``;
    ``'（一）数量指标'`` and ``'1、数量指标'`` → ``(None, '数量指标')`` (an outline number, not
    a code: codes are written ``11-``); ``'产出指标(50分)'`` (or ``产出指标50分``,
    ``产出指标：50分``) → ``(None, '产出指标')``; a score range (``成本指标(0-20)分``) likewise."""
    text = _SCORE_RANGE.sub("", _SCORE.sub("", OUTLINE.sub("", (label or "").strip())))
    match = _LABEL.match(text)
    if match:
        return match.group(1), match.group(2).strip()
    return None, text


def level_score(label: str) -> float | None:
    """The score a 一级 label declares: ``产出指标(50分)`` → 50.0; None when it declares none."""
    match = _SCORE.search(unicodedata.normalize("NFKC", label or ""))
    if match is None:
        return None
    return float(next(group for group in match.groups() if group is not None))


def _from_toml(data: dict) -> Framework:
    level1 = tuple(
        Level1(
            code=str(item["code"]),
            name=item["name"],
            kind=item["kind"],
            children=tuple(
                Level2(str(c["code"]), c["name"], c["kind"], str(item["code"]),
                       tuple(c.get("aliases", ())))
                for c in item.get("level2", [])
            ),
            aliases=tuple(item.get("aliases", ())),
        )
        for item in data["level1"]
    )
    return Framework(name=data["name"], title=data.get("title", data["name"]), level1=level1)


@cache
def load_framework(name_or_path: str = "standard") -> Framework:
    """A bundled framework by name (``standard``, ``cost-first-level`` …) or a TOML file path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return _from_toml(tomllib.loads(path.read_text(encoding="utf-8")))
    text = resources.files("xlperf.data.frameworks").joinpath(f"{name_or_path}.toml")
    return _from_toml(tomllib.loads(text.read_text(encoding="utf-8")))


# The word that leaves the choice to each table (``choose``), as 部门信息 offers it first.
AUTOMATIC = "自动"
AUTOMATIC_WORDS = frozenset({"", AUTOMATIC, "auto", "automatic"})


def framework_choices() -> tuple[str, ...]:
    """What 部门信息's 指标体系 drop-down offers: 自动, then each bundled framework by its
    Chinese name (its ``title``, 标准（成本在产出指标下） …), in ``PREFERENCE`` order."""
    return (AUTOMATIC, *(load_framework(name).title for name in bundled_frameworks()))


def bundled_name(text: str) -> str | None:
    """The bundled framework ``text`` names, by its name (``standard``) or its Chinese
    title (``成本为一级指标``, full-width or half-width brackets alike); else None."""
    key = unicodedata.normalize("NFKC", text or "").strip()
    for name in bundled_frameworks():
        if key in (name, unicodedata.normalize("NFKC", load_framework(name).title)):
            return name
    return None


@cache
def bundled_frameworks() -> tuple[str, ...]:
    folder = resources.files("xlperf.data.frameworks")
    names = {p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")}
    preferred = [name for name in PREFERENCE if name in names]
    return (*preferred, *sorted(names - set(preferred)))


def choose(pairs: Iterable[tuple[str, str]],
           candidates: tuple[str, ...] | None = None) -> str:
    """The bundled framework that explains most of these (一级, 二级) label pairs.

    A pair is explained when its 一级 is known and its 二级 is known under it;
    ties go to the earlier framework of ``PREFERENCE`` (the standard one first).
    """
    return _choose(frozenset((a, b) for a, b in pairs if a or b),
                   candidates or bundled_frameworks())


@lru_cache(maxsize=4096)
def _choose(distinct: frozenset[tuple[str, str]], names: tuple[str, ...]) -> str:
    """Cached: a batch's tables repeat a few sets of labels."""
    if not distinct:
        return names[0]
    scores = [(_explained(load_framework(name), set(distinct)), -index, name)
              for index, name in enumerate(names)]
    return max(scores)[2]


def _explained(framework: Framework, pairs: set[tuple[str, str]]) -> int:
    score = 0
    for level1, level2 in pairs:
        placed = framework.place(level1, level2)
        score += (placed.level1 is not None) + (placed.problem is None)
    return score


@cache
def level_names() -> tuple[frozenset[str], frozenset[str]]:
    """Every 一级 and 二级 name key of the bundled frameworks (for placing cells by content)."""
    first: set[str] = set()
    second: set[str] = set()
    for name in bundled_frameworks():
        for level1 in load_framework(name).level1:
            first.add(name_key(level1.name))
            first.update(name_key(a) for a in level1.aliases)
            for level2 in level1.children:
                second.add(name_key(level2.name))
                second.update(name_key(a) for a in level2.aliases)
    return frozenset(first), frozenset(second)
