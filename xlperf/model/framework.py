"""The indicator framework (一级 → 二级 indicators) as data.

The framework lives in ``xlperf/data/frameworks/*.toml`` so that a province's
variant (cost as its own first level) is configuration. Labels are written
``code-name`` (``11-数量指标``); ``parse_label`` splits them and the
framework answers what a label means.

Names are compared with or without a trailing 指标: local forms (the seed)
write ``22-社会效益``, the central form (财预〔2015〕88号) ``社会效益指标``,
and some tables ``产出`` for ``产出指标`` — one indicator each (``name_key``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

_LABEL = re.compile(r"^\s*(\d+)\s*[-－—–‐.、]?\s*(\S.*?)\s*$")
# An outline number in front of a name (一、产出指标, （一）数量指标, (二)质量指标): the
# item's place in the table, not a framework code, so the name alone is matched.
_ORDINAL = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．])\s*"
)


@dataclass(frozen=True)
class Level2:
    code: str
    name: str
    kind: str
    parent: str  # code of its 一级

    @property
    def label(self) -> str:
        return f"{self.code}-{self.name}"


@dataclass(frozen=True)
class Level1:
    code: str
    name: str
    kind: str
    children: tuple[Level2, ...]

    @property
    def label(self) -> str:
        return f"{self.code}-{self.name}"


@dataclass(frozen=True)
class Framework:
    name: str
    title: str
    level1: tuple[Level1, ...]

    def first(self, label: str) -> Level1 | None:
        """The 一级 a label names, by code and name; None when unknown or inconsistent."""
        code, name = parse_label(label)
        key = name_key(name)
        for item in self.level1:
            if (code or item.code) == item.code and key == name_key(item.name):
                return item
        return None

    def first_by_name(self, name: str) -> Level1 | None:
        key = name_key(name)
        return next((item for item in self.level1 if name_key(item.name) == key), None)

    def second(self, label: str) -> Level2 | None:
        """The 二级 a label names (code and name must agree); None otherwise."""
        code, name = parse_label(label)
        key = name_key(name)
        for item in self.all_level2():
            if (code or item.code) == item.code and key == name_key(item.name):
                return item
        return None

    def second_by_code(self, code: str) -> Level2 | None:
        return next((item for item in self.all_level2() if item.code == code), None)

    def second_by_name(self, name: str) -> Level2 | None:
        key = name_key(name)
        return next((item for item in self.all_level2() if name_key(item.name) == key), None)

    def all_level2(self) -> tuple[Level2, ...]:
        return tuple(child for item in self.level1 for child in item.children)

    def kind_of(self, level1: str, level2: str) -> str | None:
        """The 二级 kind (``cost``, ``satisfaction`` …) of a row, or None when unknown."""
        second = self.second(level2)
        return second.kind if second else None


def name_key(name: str) -> str:
    """A 一级/二级 name as compared: ``社会效益指标`` and ``社会效益`` are the same 二级."""
    return name.removesuffix("指标") or name


def parse_label(label: str) -> tuple[str | None, str]:
    """``'11-数量指标'`` → ``('11', '数量指标')``; a bare name → ``(None, name)``;
    ``'（一）数量指标'`` → ``(None, '数量指标')``."""
    text = _ORDINAL.sub("", (label or "").strip())
    match = _LABEL.match(text)
    if match:
        return match.group(1), match.group(2).strip()
    return None, text


def _from_toml(data: dict) -> Framework:
    level1 = tuple(
        Level1(
            code=str(item["code"]),
            name=item["name"],
            kind=item["kind"],
            children=tuple(
                Level2(str(c["code"]), c["name"], c["kind"], str(item["code"]))
                for c in item.get("level2", [])
            ),
        )
        for item in data["level1"]
    )
    return Framework(name=data["name"], title=data.get("title", data["name"]), level1=level1)


@cache
def load_framework(name_or_path: str = "standard") -> Framework:
    """A bundled framework by name (``standard``, ``cost-first-level``) or a TOML file path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return _from_toml(tomllib.loads(path.read_text(encoding="utf-8")))
    text = resources.files("xlperf.data.frameworks").joinpath(f"{name_or_path}.toml")
    return _from_toml(tomllib.loads(text.read_text(encoding="utf-8")))


def bundled_frameworks() -> list[str]:
    folder = resources.files("xlperf.data.frameworks")
    names = (p.name for p in folder.iterdir())
    return sorted(name.removesuffix(".toml") for name in names if name.endswith(".toml"))
