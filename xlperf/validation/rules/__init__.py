"""The rule catalogue: every code in ../shared/spec/rules.md, one entry of data each.

Families live in their own modules (header, structure, coverage, weights,
quality, consistency, hygiene, reading, across); this module lists them in code order. The
engine, ``xlperf rules`` and docs/rules.md all read ``CATALOGUE``.
"""

from __future__ import annotations

from xlperf.validation.rules import (
    across,
    consistency,
    coverage,
    header,
    hygiene,
    quality,
    reading,
    structure,
    weights,
)
from xlperf.validation.rules.base import Example, Row, Rule

CATALOGUE: tuple[Rule, ...] = (
    *header.RULES, *structure.RULES, *coverage.RULES, *weights.RULES, *quality.RULES,
    *consistency.RULES, *hygiene.RULES, *reading.RULES, *across.RULES,
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in CATALOGUE}
CODES: tuple[str, ...] = tuple(BY_CODE)
# The order rules are listed in (and findings on one row are sorted by).
ORDER: dict[str, int] = {code: index for index, code in enumerate(CODES)}

__all__ = ["BY_CODE", "CATALOGUE", "CODES", "ORDER", "Example", "Row", "Rule"]
