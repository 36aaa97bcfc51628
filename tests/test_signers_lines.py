"""The reviewers' and signers' lines under a table — ``财政部门支出股室初审意见 | (盖章)``,
``区扶贫办审核意见 | (盖章)``, whichever office they name — end the indicator rows.

``data/session9/nanyue-lyfp.txt`` is the browser copy of a goal table the 南岳区 finance
bureau published (http://www.nanyue.gov.cn/nyczj/czysgk/2018njyqnddbmyjs/xcj/nyqnyzzf/
20200211/i951217.html; a rowspan cell only in its first row), ``nanyue-lyfp.xlsx`` the same
HTML table as a workbook with its merged cells. Before, its three lines for the reviewers'
seals were three indicators under 服务对象满意度指标, each with a Q001.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from session9_tables import read_edited

from xlperf.validation.engine import validate

SIGNERS = ("财政部门支出股室初审意见", "财政部门绩效评价股审核意见", "区扶贫办审核意见")
# The table's last indicator and the count of its rows (8 产出, 4 效益, 4 满意度).
LAST, COUNT = "游客满意度(≥**%)", 16


def _read(tmp_path: Path, container: str, old: str = "", new: str = ""):
    """The page as copied, or the office's workbook — with the cell ``old`` holding ``new``."""
    return read_edited(tmp_path, "nanyue-lyfp", container, old, new)


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_the_reviewers_seal_lines_are_no_indicators(tmp_path: Path, container: str) -> None:
    department = _read(tmp_path, container)
    [project] = department.projects
    names = [i.name for i in project.indicators]
    assert len(names) == COUNT and names[-1] == LAST
    assert not any(name.startswith(SIGNERS) for name in names)
    assert [f for f in validate([department]) if f.rule == "Q001"] == []


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_an_unmeasurable_indicator_above_them_is_still_q001(tmp_path: Path,
                                                            container: str) -> None:
    """流转土地 | 按需流转 (no number, no grade) in the same table stays a Q001."""
    department = _read(tmp_path, container, ">=60亩", "按需流转")
    found = [f for f in validate([department]) if f.rule == "Q001"]
    assert [f.message for f in found] == [
        "指标“流转土地”没有可衡量的目标值（数字、百分比、时限或等级）"]


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_an_indicator_ending_in_review_words_is_still_an_indicator(tmp_path: Path,
                                                                 container: str) -> None:
    """A 三级 named 按时出具审核意见 with its target beside it (the first cell of its row in a
    browser copy) is an indicator, and the rows under it are read on."""
    department = _read(tmp_path, container, "流转土地", "按时出具审核意见")
    names = [i.name for i in department.projects[0].indicators]
    assert "按时出具审核意见" in names and len(names) == COUNT and names[-1] == LAST
