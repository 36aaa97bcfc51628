"""A level label with the form's note to the person filling it in — 宁夏's
``数量指标 (必填硬性指标)``, ``经济效益 指标 (选填)`` — is the level it names.

The table is a 2022 goal table as the office published it (原州区自然资源局,
http://www.yzh.gov.cn/xxgk_13314/zfxxgkml/zdxzjcygk/zdju/202203/t20220301_3340181.html),
copied from the page (a merged cell only in its first row) and as a workbook.
Before, the browser copy carried 数量指标 down to every 产出 row and lost the 效益 rows'
二级 (their labels went into the 三级 column); the workbook read each label but S002 said
``数量指标(必填硬性指标)`` was no 二级 of the framework, and C002 found no 成本指标.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from workbook_builders import save_workbook

from xlperf.sources import read_department
from xlperf.validation.engine import validate

GOAL = ("在东马场林场、东岳山林场、古树林场、红庄林场、马渠林场、沈河林场、水沟林场 7 个林场和"
        "古雁办、官厅镇、黄铎堡镇、开城镇、彭堡镇、炭山乡、头营镇、寨科乡、张易镇、中河乡、三营镇 "
        "11 个乡镇(街道办事处)实施营造林8万亩。其中:新造林3万亩,未成林抚育提升及退化林改造5万亩;"
        "修建作业道30公里。")
HEADER = [
    ["(2022年度)"],
    ["项目名称", "原州区2022年南部水源涵养林建设项目"],
    ["主管部门及代码", "固原市原州区自然资源局", "实施单位", "固原市原州区自然资源局"],
    ["项目属性", "新建", "项目期", "2022年3月-2023年11月"],
    ["项目资金 (万元)", "年度资金总额:", "6070.00"],
    ["其中:财政拨款", "6070.00"],
    ["其他资金"],
    ["年度总体目标", GOAL],
    ["绩 效 指 标", "一级指标", "二级指标", "三级指标", "指标值"],
]
# The rows as published (the page's excerpt ends at 满意度指标): (一级 or None, 二级 or None,
# 三级, 指标值 or None), None where the page's merged cell is above (or, for the 指标值 of the
# three 效益 rows, where the 三级 cell spans it).
ROWS = [
    ("产出指标", "数量指标 (必填硬性指标)", "实施营造林总面积(亩)", "80000"),
    (None, None, "其中:实施新造林总面积(亩)", "30000"),
    (None, None, "实施未成林抚育提升及退化林改造总面积(亩)", "50000"),
    (None, None, "修建作业道长度(公里)", "30"),
    (None, "质量指标 (必填)", "苗木成活率(≥**%)", "85"),
    (None, "时效指标 (必填)", "项目完成时间", "2023年底"),
    (None, "成本指标 (必填硬性指标)", "项目总投入(≥**万元)", "6070"),
    ("效益指标", "经济效益 指标 (选填)", "增加就业机会,提高农民收入。", None),
    (None, "社会效益 指标 (必填)", "受益人数(人)", "132"),
    (None, "生态效益 指标 (选填)", "提高森林覆盖率,促进生物多样性保护。", None),
    (None, "可持续影响 指标 (必填)",
     "提高森林生态系统服务功能,显著改善项目区及周边地区的生态环境。", None),
]
# What the table says each row's levels are.
EXPECTED = [("产出指标", "数量指标")] * 4 + [
    ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
    ("效益指标", "经济效益指标"), ("效益指标", "社会效益指标"), ("效益指标", "生态效益指标"),
    ("效益指标", "可持续影响指标")]


def _write(tmp_path: Path, container: str, rows=ROWS) -> Path:
    """The page's browser copy (the first column's 绩效指标 merged down, each merged level
    only in its first row), or the office's workbook with those cells merged."""
    if container == "txt":
        lines = ["\t".join(row) for row in HEADER]
        lines += ["\t".join(cell for cell in row if cell is not None) for row in rows]
        path = tmp_path / "申报表.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    first = len(HEADER) + 1
    grid = [list(row) for row in HEADER]
    grid += [[None, *row] for row in rows]
    merges = [f"A{len(HEADER)}:A{len(HEADER) + len(rows)}"]
    for column, index in (("B", 0), ("C", 1)):
        starts = [i for i, row in enumerate(rows) if row[index] is not None] + [len(rows)]
        merges += [f"{column}{first + a}:{column}{first + b - 1}"
                   for a, b in pairwise(starts) if b - a > 1]
    merges += [f"D{first + i}:E{first + i}" for i, row in enumerate(rows) if row[3] is None]
    return save_workbook(tmp_path / "申报表.xlsx", {"Sheet1": grid}, merges={"Sheet1": merges})


def _core(label: str) -> str:
    return "".join(label.split()).split("(")[0]


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_level_with_the_forms_note_is_that_level(tmp_path: Path, container: str) -> None:
    department = read_department(_write(tmp_path, container))
    [project] = department.projects
    read = [(_core(i.level1), _core(i.level2)) for i in project.indicators]
    assert read == EXPECTED
    assert [i.name for i in project.indicators] == [row[2] for row in ROWS]
    codes = {f.rule for f in validate([department])}
    assert "S002" not in codes and "S001" not in codes
    assert "C002" not in codes  # 成本指标 (必填硬性指标) is the cost indicator


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_noted_level_under_the_wrong_first_level_is_still_reported(
        tmp_path: Path, container: str) -> None:
    """A 社会效益 written where the table has its 时效指标 (under 产出指标) stays an S002,
    note or no note."""
    rows = list(ROWS)
    rows[5] = (None, "社会效益指标 (必填)", "项目完成时间", "2023年底")
    department = read_department(_write(tmp_path, container, rows))
    found = [f for f in validate([department]) if f.rule == "S002"]
    assert len(found) == 1
    assert "社会效益指标" in found[0].message and "不属于" in found[0].message
