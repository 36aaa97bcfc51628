"""A weight written with its unit (``10分``, ``10%``) is that weight: read, and said so.

Offices type the unit into the weight or score column as often as not; before, each such
cell was a W002 error (“权重不是有效数字”) and the project's W001 was left unknown — a
false alarm on every row of a table that is right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from workbook_builders import save_workbook

from xlperf.sources import read_department
from xlperf.sources.text.reader import parse_text
from xlperf.validation.engine import validate

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "权重"]
ROWS = [["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["效益指标", "社会效益指标", "就业率", "≥60%"],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"]]


def _table(weights: list[str]) -> list[list[str]]:
    return [["项目名称", "技能培训"], ["项目年度金额", "10"], HEADER,
            *[[*row, weight] for row, weight in zip(ROWS, weights, strict=True)]]


def _text(weights: list[str]) -> str:
    return "".join("\t".join(cells) + "\n" for cells in _table(weights))


@pytest.mark.parametrize("weights", [["40分", "30分", "30分"], ["40%", "30%", "30%"],
                                     ["４０分", "30 分", "３０％"]])
def test_a_weight_with_its_unit_is_read_as_the_number(weights: list[str]) -> None:
    department = parse_text(_text(weights))
    (project,) = department.projects
    assert [i.weight for i in project.indicators] == [40.0, 30.0, 30.0]
    findings = validate([department])
    assert not [f for f in findings if f.rule in ("W001", "W002", "W004")]
    notes = [f for f in findings if f.rule == "T001" and "单位" in f.message]
    assert [f.message for f in notes] == [
        f"读取时已自动去掉权重中写的单位：“{w}”" for w in weights]


def test_a_weight_with_its_unit_in_a_workbook_points_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "weights.xlsx"
    save_workbook(path, {"项目": _table(["40分", "30分", "30分"])})
    department = read_department(path)
    findings = validate([department])
    assert [i.weight for i in department.projects[0].indicators] == [40.0, 30.0, 30.0]
    assert not [f for f in findings if f.rule in ("W001", "W002")]
    assert [(f.sheet, f.cell) for f in findings if f.rule == "T001"] == [
        ("项目", "E4"), ("项目", "E5"), ("项目", "E6")]


@pytest.mark.parametrize("weight", ["待定", "10万元", "10-15", "约10分"])
def test_a_weight_that_is_not_a_number_with_its_unit_stays_w002(weight: str) -> None:
    findings = validate([parse_text(_text([weight, "30", "30"]))])
    (w002,) = [f for f in findings if f.rule == "W002"]
    assert weight in w002.message


@pytest.mark.parametrize("weight", ["10%", "10分", "10.00%"])
def test_a_row_that_lost_its_first_cells_keeps_a_weight_written_with_its_unit(
        weight: str) -> None:
    """A browser copy leaves out the merged 一级: ``成本指标⇥养护成本≤120万元⇥10%`` was read
    as 一级 成本指标, 二级 the indicator, 三级 ``10%`` (S002, W004, W001 false alarms)."""
    text = ("项目名称\t道路养护\n项目年度金额\t120\n一级指标\t二级指标\t三级指标\t权重\n"
            f"产出指标\t数量指标\t养护道路≥50公里\t{weight.replace('10', '50')}\n"
            f"成本指标\t养护成本≤120万元\t{weight}\n"
            f"效益指标\t社会效益指标\t通行条件改善率≥90%\t{weight.replace('10', '30')}\n"
            f"满意度指标\t服务对象满意度指标\t群众满意度≥90%\t{weight}\n")
    (project,) = parse_text(text).projects
    rows = [(i.level1, i.level2, i.name, i.weight) for i in project.indicators]
    assert rows[1] == ("产出指标", "成本指标", "养护成本≤120万元", 10.0)
    assert sum(i.weight for i in project.indicators) == 100.0
