"""A timeliness target written ``2021年全年`` is a deadline in that year, as ``2021年`` is.

``data/session9/jinzhai-wygl.txt`` is the browser copy of the goal table 金寨经济开发区
published for its 物业管理 project (https://www.ahjinzhai.gov.cn/public/6617781/
34383152.html, 2021; a rowspan cell only in its first row), ``jinzhai-wygl.xlsx`` the same
HTML table as a workbook with its merged cells. Before, ``按时保质完成… | 2021年全年`` had a
Q001 (没有可衡量的目标值) on a row that states its time limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xlperf.sources import read_department
from xlperf.validation.engine import validate
from xlperf.validation.targets import read_target

DATA = Path(__file__).parent / "data" / "session9"
TIMELY = "指标1:按时保质完成开发区安置小区物业管理工作"
# The rows whose targets say no number, time or grade (a description, 显著改善, 持续保障):
# Q001 as before.
VAGUE = ["指标1:完成开发区工委、管委下达的安置小区物业费清算任务,指导小区物业开展文明创…",
         "指标1:改善安置小区群众生活质量,提升安置小区生活水平。助力全县文明城市创建。",
         "指标1:优化安置小区生活环境,提高居民生活质量,营造安全舒适的居住环境。",
         "指标1:持续提供人力物力保障,解决居民群众生产生活问题"]


def test_a_year_with_whole_year_is_a_deadline_in_that_year() -> None:
    deadline = read_target(TIMELY, "2021年全年").deadline
    assert (deadline.year, deadline.month) == (2021, 12)


@pytest.mark.parametrize("source", ["jinzhai-wygl.txt", "jinzhai-wygl.xlsx"])
def test_only_the_vague_targets_are_q001(source: str) -> None:
    department = read_department(DATA / source)
    [project] = department.projects
    assert [i.value for i in project.indicators if i.name == TIMELY] == ["2021年全年"]
    found = [f.message for f in validate([department]) if f.rule == "Q001"]
    assert found == [f"指标“{name}”没有可衡量的目标值（数字、百分比、时限或等级）"
                     for name in VAGUE]
