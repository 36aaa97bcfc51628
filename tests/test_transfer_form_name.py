"""A transfer payment's form names its project under ``专项(项目)名称`` (陈仓区, 2020).

``data/session9/chencang-nyys.txt`` is the browser copy of the goal table 陈仓区财政局
published with its 2020 水利发展资金 (http://www.chencang.gov.cn/col8173/col8180/col8789/
col9203/202005/t20200529_126007.html), ``chencang-nyys.xlsx`` the same HTML table as a
workbook with its merged cells. Before, the label was not one of the name's, so the row was
a reading note and H001 said the project had no name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from session9_tables import read_edited

from xlperf.validation.engine import validate

NAME = "农村饮水安全巩固提升工程专项"
GOAL = "完成省级水利发展农村饮水项目投资500,改善提升9200人饮水条件。"


def _read(tmp_path: Path, container: str, old: str = "", new: str = ""):
    """The page as copied, or the office's workbook — with the cell ``old`` holding ``new``."""
    return read_edited(tmp_path, "chencang-nyys", container, old, new)


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_the_special_funds_name_label_gives_the_projects_name(tmp_path: Path,
                                                              container: str) -> None:
    department = _read(tmp_path, container)
    [project] = department.projects
    assert (project.name, project.amount) == (NAME, 500.0)
    assert [f for f in validate([department]) if f.rule == "H001"] == []


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_field_left_empty_on_that_form_is_still_h001(tmp_path: Path,
                                                       container: str) -> None:
    """The same table with its 总体目标 cell empty: H001 names the goal, not the name."""
    department = _read(tmp_path, container, GOAL, "")
    assert department.projects[0].name == NAME
    found = [f.message for f in validate([department]) if f.rule == "H001"]
    assert found == ["表头未填写：年度总体绩效目标"]
