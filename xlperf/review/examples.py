"""The Y rules' examples as two departments, last year's and this year's.

Each side is the catalogue's good project (validation/rules/examples.py)
with the example's changes, so the docs show exactly what differs and the
tests run exactly that. Last year's department is for 预算年度 2023 and read
from ``上年.xlsx``; this year's for 2024 from ``示例.xlsx``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from xlperf.model import Department
from xlperf.review.rules import PairExample
from xlperf.validation.rules.examples import LABELS, YEAR, build, describe, show

LAST_SOURCE = "上年.xlsx"


def build_pair(example: PairExample) -> tuple[Department, Department]:
    """(last year's department, this year's department) the example describes."""
    last = _side(example.last, example.last_extra)
    this = _side(example.this, example.this_extra)
    return replace(last, year=YEAR - 1, source=LAST_SOURCE), this


def _side(example: Any, extra: Mapping[str, Any] | None) -> Department:
    if extra is not None:
        example = replace(example, twin=True)
    department, _ = build(example)
    if extra is not None:
        second = department.projects[1]
        for key, value in extra.items():
            setattr(second, key, value)
    return department


def describe_pair(example: PairExample) -> list[str]:
    """The example as short lines for the docs: what each year changes."""
    lines: list[str] = []
    for label, side, extra in (("上年", example.last, example.last_extra),
                               ("本年", example.this, example.this_extra)):
        changes = [line for line in describe(side) if not line.startswith("第二个项目")]
        if extra is not None:
            fields = "，".join(f"{LABELS.get(k, k)}“{show(v)}”" for k, v in extra.items())
            changes.append(f"另有一个项目：{fields}")
        lines.extend(f"{label}：{line}" for line in changes)
    return lines
