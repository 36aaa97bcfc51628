"""A 指标值 split on the row below its header — last year's actual beside this year's
target — reads this year's target (黄石's 项目支出绩效目标批复表, 2022).

``data/session9/huangshi-ztb.txt`` is the browser copy of the table 黄石市财政局 published
for 中共黄石市委党校's 主体班 (http://czj.huangshi.gov.cn/2020xxgkzn/2020gknr/2020czzj/
2020zxzj/202201/t20220125_875008.html; a rowspan cell only in its first row),
``huangshi-ztb.xlsx`` the same HTML table as a workbook with its merged cells: 指标值 over
``2021年实际实现值 | 预期2022年实现值``. Before, the browser copy read that second header row
as an indicator (S001, S002, Q001) and the workbook took the empty 2021 column as every
target (a Q001 on 10 rows that state their target, a Q007 on the satisfaction rate).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from xlperf.sources import read_department
from xlperf.validation.engine import validate

DATA = Path(__file__).parent / "data" / "session9"
# The table's rows as it states them: (三级, 预期2022年实现值).
ROWS = [("主体班培训人次", "280人次"), ("邀请校外名师、领导授课人次", "25人次"),
        ("情景教学或外训批次", "6次"), ("理论教育和党性教育课时比例", "70%"),
        ("开设课程数量", "220"), ("培训完成率", "100%"), ("邀请校外名师、领导授课完成率", "100%"),
        ("情景教学或外训完成率", "100%"), ("理论教育和党性教育课时比例完成率", "100%"),
        ("课程数量达标率", "100%"), ("及时完成率", "100%"), ("成本控制率", "100%"),
        ("培训学员对培训效果满意度", "≥95%")]


def _read(tmp_path: Path, container: str, blank_target_of: str = ""):
    """The page as copied, or the office's workbook; ``blank_target_of`` names a row whose
    预期2022年实现值 is left empty."""
    if container == "txt":
        lines = (DATA / "huangshi-ztb.txt").read_text(encoding="utf-8").splitlines()
        for k, line in enumerate(lines):
            cells = line.split("\t")
            if blank_target_of and blank_target_of in cells:
                cells[cells.index(blank_target_of) + 2] = ""
                lines[k] = "\t".join(cells)
        path = tmp_path / "批复表.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return read_department(path)
    book = openpyxl.load_workbook(DATA / "huangshi-ztb.xlsx")
    for row in book.active.iter_rows():
        if blank_target_of and any(cell.value == blank_target_of for cell in row):
            row[5].value = None  # column F: 预期2022年实现值
    book.save(path := tmp_path / "批复表.xlsx")
    return read_department(path)


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_the_split_value_reads_this_years_target(tmp_path: Path, container: str) -> None:
    department = _read(tmp_path, container)
    [project] = department.projects
    assert [(i.name, i.value) for i in project.indicators] == ROWS
    levels = {(i.level1, i.level2) for i in project.indicators}
    assert levels == {("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
                      ("产出指标", "成本指标"), ("满意度指标", "服务对象满意度指标")}
    codes = {f.rule for f in validate([department])}
    assert not codes & {"S001", "S002", "S003", "Q001", "Q007"}
    notes = [n.text for n in project.notes]
    assert "2021年实际实现值" in notes  # the column no field reads, said once


@pytest.mark.parametrize("container", ["txt", "xlsx"])
def test_a_target_left_empty_beside_last_years_actual_is_still_q001(
        tmp_path: Path, container: str) -> None:
    """培训完成率 with its 预期2022年实现值 empty: Q001, though the row has a 2021 column."""
    department = _read(tmp_path, container, "培训完成率")
    found = [f.message for f in validate([department]) if f.rule == "Q001"]
    assert found == ["指标“培训完成率”没有可衡量的目标值（数字、百分比、时限或等级）"]
    # and the table's real gaps stay: no 效益指标 (C001), 220 without a unit (Q005)
    codes = {f.rule for f in validate([department])}
    assert {"C001", "Q005"} <= codes
