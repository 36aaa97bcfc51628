"""A 一级 written with the score range the form allows it — 奉节's 审批表: ``成本指标(0-20)分``,
``产出指标 (40-50)分`` — is that 一级.

``data/session9/fengjie-jgy.txt`` is the browser copy of the table 奉节县云雾土家族乡 published
for its 2023 加工园配套设施建设项目 (http://cqfj.gov.cn/index/xz_168/ywtjzx/zwxx_61303/
gsgg_107031/202402/t20240201_12892054.html; the page's excerpt ends under the 成本指标 rows),
``fengjie-jgy.xlsx`` the same HTML table as a workbook with its merged cells. Before, S001
said ``成本指标(0-20)分`` was no 一级 of the framework.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from session9_tables import read_edited

from xlperf.model.framework import level_score
from xlperf.validation.engine import validate

LEVEL1 = "成本指标(0-20)分"


def _read(tmp_path: Path, container: str, level1: str = LEVEL1):
    """The page as copied, or the office's workbook — with its 一级 cell holding ``level1``."""
    return read_edited(tmp_path, "fengjie-jgy", container, LEVEL1, level1)


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_first_level_with_its_score_range_is_that_level(tmp_path: Path,
                                                          container: str) -> None:
    department = _read(tmp_path, container)
    [indicator] = department.projects[0].indicators
    assert (indicator.level1, indicator.level2, indicator.name, indicator.value) == (
        LEVEL1, "经济成本指标", "项目建设成本", "≤65万元")
    assert [f for f in validate([department]) if f.rule in ("S001", "S002", "W006")] == []
    assert level_score(LEVEL1) is None  # a range is no score the table declares


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_first_level_outside_the_framework_is_still_s001(tmp_path: Path,
                                                           container: str) -> None:
    department = _read(tmp_path, container, "投入指标(0-20)分")
    found = [f.message for f in validate([department]) if f.rule == "S001"]
    assert found == ["一级指标“投入指标(0-20)分”不是指标体系中的一级指标"]
