"""How the Y rules' messages show things: texts, places in either year's tables, money.

A message names both years' numbers and where each stands (``项目01!C11`` in a
workbook, ``第 24 行`` in a text, ``第 2 页 第 1 个表 第 7 行`` in a PDF), so a
reviewer can check it without opening anything else.
"""

from __future__ import annotations

from xlperf.model import Indicator, Project
from xlperf.model.text import format_number

TEXT_LIMIT = 40  # longer indicator texts are shortened in messages ("…")


def text(value: str | None) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= TEXT_LIMIT else value[:TEXT_LIMIT] + "…"


def indicator_text(indicator: Indicator) -> str:
    value = (indicator.value or "").strip()
    return text(f"{indicator.name} {value}" if value else indicator.name)


def where(sheet: str | None, cell: str | None, row: int | None) -> str:
    """``项目01!C8``, ``第 12 行`` (a text has lines, no cells), or ``位置不明``."""
    if sheet and cell:
        return f"{sheet}!{cell}"
    if row is not None:
        return f"{sheet} 第 {row} 行" if sheet else f"第 {row} 行"
    return sheet or "位置不明"


def indicator_where(indicator: Indicator) -> str:
    return where(indicator.sheet, indicator.cell, indicator.row)


def header_where(project: Project, key: str) -> str:
    return where(project.sheet, project.cells.get(key), project.lines.get(key))


def amount_text(project: Project) -> str:
    amount = project.amount
    if isinstance(amount, int | float):
        return f"{format_number(float(amount))} 万元"
    return f"“{amount}”" if amount else "（未填写）"


def percent(ratio: float) -> str:
    return f"{format_number(round(abs(ratio - 1) * 100, 1))}%"


def amount_change(ratio: float | None) -> str:
    if ratio is None:
        return "无法比较"
    if abs(ratio - 1) < 0.0005:
        return "持平"
    return ("增加 " if ratio > 1 else "减少 ") + percent(ratio)
