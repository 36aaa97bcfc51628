"""The 10号 form's numbered slots left empty (``指标2：`` under ``指标1：完成…``) are rows the
form left for more indicators, as ``……`` is, on every path.

``data/session9/tianchang-shzh.txt`` is the browser copy of the self-evaluation 天长市水利局
published for its 水旱灾害防御经费 (2022; a rowspan cell only in its first row),
``tianchang-shzh.xlsx`` the same HTML table as a workbook with its merged cells. Before,
the text dropped each empty slot (没有指标内容) but the workbook read eight of them as
indicators named ``指标2:`` (18 indicators against the text's 10).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlperf.sources import read_department

DATA = Path(__file__).parent / "data" / "session9"
# The table's indicators as it states them (三级 and 年度指标值; 生态效益's row says /).
ROWS = [("指标1:完成中型灌区节水改造项目数量", "1"), ("指标2:完成农业综合水价改革项目", "1"),
        ("指标1:工程质量合格", None), ("指标1:年度资金支付完成率100%", None),
        ("指标1:资金执行在预算范围内", None), ("指标1:全市安全度汛", None),
        ("指标1:保护全市人口财产不受损失", None), ("指标1:/", "/"),
        ("指标1:已建工程良性运行", None), ("指标1:服务对象满意度", "90%")]


@pytest.mark.parametrize("source", ["tianchang-shzh.txt", "tianchang-shzh.xlsx"])
def test_empty_numbered_slots_are_no_indicators(source: str) -> None:
    [project] = read_department(DATA / source).projects
    assert [(i.name, i.value or None) for i in project.indicators] == ROWS
    assert [i.weight for i in project.indicators if i.name == "指标2:完成农业综合水价改革项目"] \
        == [10.0]  # a slot with its content is an indicator, score and all
