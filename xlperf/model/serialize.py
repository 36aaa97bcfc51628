"""The department model as JSON, exactly as ``../shared/spec/model.md`` shows it.

Other tools read this output, so the keys and their order are a contract:
do not add keys here; internal fields (cells of header fields, repairs)
stay out of it.
"""

from __future__ import annotations

from typing import Any

from xlperf.model.entities import Department, Indicator, Project


def indicator_to_dict(item: Indicator) -> dict[str, Any]:
    return {
        "level1": item.level1,
        "level2": item.level2,
        "name": item.name,
        "value": item.value,
        "weight": item.weight,
        "not_applicable": item.not_applicable,
        "cell": item.cell,
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
    }


def department_to_dict(department: Department) -> dict[str, Any]:
    return {
        "department": department.name,
        "year": department.year,
        "published": department.published.isoformat() if department.published else None,
        "projects": [project_to_dict(p) for p in department.projects],
    }


def comparable(department: Department) -> dict[str, Any]:
    """What "the same department" means for round trips: content, not locations."""
    data = department_to_dict(department)
    for project in data["projects"]:
        project.pop("sheet")
        for item in project["indicators"]:
            item.pop("cell")
    data["legal_basis"] = list(department.legal_basis)
    data["attachment_title"] = department.attachment_title
    data["signing_body"] = department.signing_body
    return data
