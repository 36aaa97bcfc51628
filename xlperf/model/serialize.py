"""The department model as JSON, as ``../shared/spec/model.md`` shows it.

Other tools read this output, so the keys and their order are a contract: the
keys of model.md come first and keep their meaning; the keys other layouts
add (docs/model.md, "What other layouts add") follow them. Internal fields
(cells of header fields, repairs) stay out of it.
"""

from __future__ import annotations

from typing import Any

from xlperf.model.entities import Department, Funds, Indicator, Project, ReadingNote


def indicator_to_dict(item: Indicator) -> dict[str, Any]:
    return {
        "level1": item.level1,
        "level2": item.level2,
        "name": item.name,
        "value": item.value,
        "weight": item.weight,
        "not_applicable": item.not_applicable,
        "cell": item.cell,
        # added for other layouts (model.md, "What other layouts add")
        "comparator": item.comparator,
        "target": item.target,
        "unit": item.unit,
        "direction": item.direction,
        "standard": item.standard,
        "score": item.score,
        "actual": item.actual,
        "points": item.points,
        "row": item.row,
    }


def project_to_dict(project: Project) -> dict[str, Any]:
    return {
        "name": project.name,
        "competent_department": project.competent_department,
        "implementing_unit": project.implementing_unit,
        "attribute": project.attribute,
        "term": project.term,
        "division": project.division,
        "amount": project.amount,
        "goal": project.goal,
        "sheet": project.sheet,
        "indicators": [indicator_to_dict(i) for i in project.indicators],
        # added for other layouts
        "mid_term_goal": project.mid_term_goal,
        "funds": _funds(project.funds),
        "period": ({"start": project.period[0], "end": project.period[1]}
                   if project.period else None),
        "layout": project.layout or None,
        "framework": project.framework or None,
        "columns": list(project.columns) if project.columns is not None else None,
        "long_term_indicators": [indicator_to_dict(i) for i in project.long_term_indicators],
        "notes": [_note(note) for note in project.notes],
    }


def _funds(funds: Funds | None) -> dict[str, Any] | None:
    if funds is None:
        return None
    return {"total": funds.total, "fiscal": funds.fiscal, "other": funds.other}


def _note(note: ReadingNote) -> dict[str, Any]:
    return {"text": note.text, "reason": note.reason, "sheet": note.sheet, "cell": note.cell,
            "row": note.row, "part": note.part}


def department_to_dict(department: Department) -> dict[str, Any]:
    return {
        "department": department.name,
        "year": department.year,
        "published": department.published.isoformat() if department.published else None,
        "projects": [project_to_dict(p) for p in department.projects],
        # added: rows outside every project (docs/model.md)
        "notes": [_note(note) for note in department.notes],
    }


# What a round trip (import then read back, text → workbook → text) must keep: content,
# not where it was, how the reader found it, or which family the form was read as.
_LOCATIONS = ("cell", "row")
_READING = ("sheet", "layout", "framework", "notes")


SEED_COLUMNS = ("level1", "level2", "name", "weight")


def form_columns(project: Project) -> list[str]:
    """The columns that change what a form says: a project built in code has the seed's;
    指标值 is left out (every xlperf sheet offers it; the indicators say if it is used)."""
    columns = project.columns if project.columns is not None else SEED_COLUMNS
    return sorted(set(columns) - {"value"})


# The header fields of the seed's form, which has a label for each of them.
SEED_FIELDS = ("name", "competent_department", "implementing_unit", "attribute", "term",
               "division", "amount", "goal")


def form_labels(project: Project) -> list[str]:
    """The header fields the form has a label for (rule H001 asks only for those)."""
    labels = project.labels if project.labels is not None else frozenset(SEED_FIELDS)
    return sorted(labels | {"name"})


def comparable(department: Department) -> dict[str, Any]:
    """What "the same department" means for round trips: content, not locations."""
    data = department_to_dict(department)
    data.pop("notes")  # how the source was read, like a project's notes
    for project, original in zip(data["projects"], department.projects, strict=True):
        for key in _READING:
            project.pop(key)
        project["columns"] = form_columns(original)
        project["labels"] = form_labels(original)
        for item in (*project["indicators"], *project["long_term_indicators"]):
            for key in _LOCATIONS:
                item.pop(key)
    data["legal_basis"] = list(department.legal_basis)
    data["disclosure"] = department.disclosure
    data["attachment_title"] = department.attachment_title
    data["signing_body"] = department.signing_body
    return data


_KEY_NAMES = {
    "department": "部门名称", "year": "预算年度", "published": "公开日期", "projects": "项目",
    "legal_basis": "依据文件", "disclosure": "公开说明", "attachment_title": "附件名称",
    "signing_body": "落款单位", "name": "名称", "competent_department": "主管部门",
    "implementing_unit": "实施单位", "attribute": "项目属性", "term": "项目期限",
    "division": "项目主管处室", "amount": "项目年度金额", "goal": "年度总体绩效目标",
    "mid_term_goal": "中期目标", "funds": "资金来源", "period": "实施期", "columns": "表格的列",
    "indicators": "指标", "long_term_indicators": "长期指标", "level1": "一级指标",
    "level2": "二级指标", "value": "指标值", "weight": "权重", "not_applicable": "是否不适用",
    "comparator": "指标性质", "target": "目标值", "unit": "计量单位", "direction": "指标方向",
    "standard": "绩效标准", "score": "分值", "actual": "全年实际值", "points": "得分",
}


def difference(expected: Department, actual: Department) -> str | None:
    """The first place two departments differ (``comparable`` content), in Chinese; None
    when they are the same. ``xlperf import`` names it when a workbook reads back wrong."""
    return _first_difference(comparable(expected), comparable(actual), [])


def _first_difference(a: Any, b: Any, path: list[str]) -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            found = _first_difference(a[key], b.get(key), [*path, _KEY_NAMES.get(key, key)])
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for index, (left, right) in enumerate(zip(a, b, strict=False)):
            found = _first_difference(left, right, [*path, f"第 {index + 1} 个"])
            if found:
                return found
        if len(a) != len(b):
            return f"{'的'.join(path)}：原文 {len(a)} 个，工作簿中 {len(b)} 个"
        return None
    if a != b:
        return f"{'的'.join(path)}：原文为“{_shown(a)}”，工作簿中为“{_shown(b)}”"
    return None


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"
