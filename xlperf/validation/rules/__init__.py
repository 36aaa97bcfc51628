"""The rule catalogue: every code in ../shared/spec/rules.md, one entry of data each.

Families live in their own modules (header, structure, coverage, weights,
quality, consistency, hygiene, reading, across); this module lists them in code order. The
engine, ``xlperf rules`` and docs/rules.md all read ``CATALOGUE``. The Y family
(``xlperf compare``, xlperf/review/rules.py) compares two years instead of
checking one table; ``LISTED``, ``BY_CODE`` and ``CODES`` include it, loaded on
first use (review/rules.py builds its examples from this package's base).
"""

from __future__ import annotations

from typing import Any

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
# The order rules are listed in (and findings on one row are sorted by).
ORDER: dict[str, int] = {rule.code: index for index, rule in enumerate(CATALOGUE)}


def __getattr__(name: str) -> Any:
    """``LISTED`` (every rule ``xlperf rules`` lists: the catalogue, then the Y family),
    ``BY_CODE`` and ``CODES`` (every code xlperf.toml, --select and --ignore may name)."""
    if name not in ("LISTED", "BY_CODE", "CODES"):
        raise AttributeError(name)
    from xlperf.review.rules import RULES as COMPARE_RULES

    listed = (*CATALOGUE, *COMPARE_RULES)
    by_code = {rule.code: rule for rule in listed}
    globals().update(LISTED=listed, BY_CODE=by_code, CODES=tuple(by_code))
    return globals()[name]


__all__ = ["BY_CODE", "CATALOGUE", "CODES", "LISTED", "ORDER", "Example", "Row", "Rule"]
