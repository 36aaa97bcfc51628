"""The words ``xlperf compare`` reads two years' tables by, as data in one place.

A project keeps its name from year to year except for the year in it
(``2023年度…`` → ``2024年度…``), its brackets and its spacing; a project that
goes on from last year says so in its 项目属性 (``上年延续性项目``, ``延续项目``).
Which way an indicator's number is better (more is better for a count, less
for a cost) follows its comparator, else its 指标方向, else its 二级 kind.
"""

from __future__ import annotations

import re

# 项目属性 words that mark a project continued from last year.
CONTINUING_WORDS: tuple[str, ...] = ("延续",)

# Parts of a project name that change with the year and say nothing of the project:
# a year (2024, 2024年, 2024年度, 2023-2025年), then brackets and spacing.
NAME_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*(?:-|—|–|~|至|到)\s*(?:19|20)?\d{2,4})?"
                       r"\s*(?:年度|年)?(?!\d)")
NAME_BRACKETS = "()（）[]［］【】〔〕{}<>《》「」『』\"'“”‘’"

# 指标方向 values (a column some provincial forms have).
HIGHER_IS_BETTER = frozenset({"正向", "正向指标", "越大越好"})
LOWER_IS_BETTER = frozenset({"反向", "反向指标", "越小越好"})
# 二级 kinds (model/framework) whose number is better higher, or lower, when the row
# states no comparator: a count or a satisfaction rate is a floor, a cost a ceiling.
FLOOR_KINDS = frozenset({"quantity", "satisfaction"})
CEILING_KINDS = frozenset({"cost"})
# Words that make a number better lower (差错率 1%, 安全事故 0 起): a row with one of them and
# no comparator or 指标方向 is not judged by its kind.
LOWER_IS_BETTER_WORDS: tuple[str, ...] = (
    "差错", "错误", "失误", "投诉", "事故", "故障", "违规", "违纪", "违法", "超标", "逾期",
    "超期", "滞留", "积压", "返工", "退回", "退件", "损耗", "损失", "流失", "不合格", "死亡",
    "伤亡", "发生率", "误差", "偏差", "空置", "闲置", "能耗", "耗时", "等待时间", "成本",
)
# Percentages under these kinds are rates to reach (合格率 100%, 及时到位率 100%) when no
# comparator is given.
PERCENT_FLOOR_KINDS = frozenset({"quality", "timeliness"})

# How much 项目年度金额 may change (as a share of last year's) before a table copied
# unchanged from last year is reported (Y002); xlperf.toml [compare] copied_amount_change.
COPIED_AMOUNT_CHANGE = 20.0  # percent
