"""The families of published goal tables (docs/layouts.md), by the name the model gives them.

``Project.layout`` holds one of these keys; reports show the Chinese title.
"""

from __future__ import annotations

LAYOUTS: dict[str, str] = {
    "local": "本地表样",
    "central": "2015 年中央表样",
    "long_term_pairs": "长期/年度对照表",
    "provincial": "省级申报表",
    "transfer": "转移支付申报表",
    "flat_list": "预算系统导出清单",
    "two_level": "两级指标表",
    "self_evaluation": "绩效自评表",
}

# Forms that are not goal tables: their targets are read, the goal-table rules do not apply.
NOT_GOAL_TABLES = frozenset({"self_evaluation"})


def layout_title(key: str) -> str:
    return LAYOUTS.get(key, key or "未识别")
