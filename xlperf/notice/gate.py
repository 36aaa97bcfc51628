"""What the publication gate holds back besides error findings: text that is not what it says.

A notice names its department and year; without them it names nobody
(``missing_fields``). A workbook written by a script and never opened in
Excel carries formulas without a calculated value; the reader reads each as
the text ``公式未计算：=…`` (``grid.UNCACHED_FORMULA``) so that nothing is
guessed. Validation reports it where a number is needed (weights, amounts),
but a 部门名称 or 项目名称 that is such a formula would be published as
that text: the gate holds the department back and names the field.
"""

from __future__ import annotations

from collections.abc import Iterator

from xlperf.model import Department
from xlperf.sources.grid import UNCACHED_FORMULA
from xlperf.writers.workbook.layout import HEADER_LABELS

# Department fields the notice prints, with the label the user knows them by.
_DEPARTMENT_TEXT = (("name", "部门名称"), ("signing_body", "落款单位"),
                    ("attachment_title", "附件名称"))
_PROJECT_TEXT = ("name", "competent_department", "implementing_unit", "attribute", "term",
                 "division", "goal")


def uncalculated_fields(department: Department) -> list[str]:
    """Where the notice would print a formula without a value: ``部门名称``,
    ``项目02 B3 项目名称`` …, in the order of the workbook."""
    return list(_uncalculated(department))


def _uncalculated(department: Department) -> Iterator[str]:
    for key, label in _DEPARTMENT_TEXT:
        if _is_formula(getattr(department, key)):
            yield label
    if any(_is_formula(item) for item in department.legal_basis):
        yield "依据文件"
    for project in department.projects:
        for key in _PROJECT_TEXT:
            if _is_formula(getattr(project, key)):
                where = " ".join(part for part in (project.sheet, project.cells.get(key)) if part)
                yield f"{where} {HEADER_LABELS.get(key, key)}".strip()
        for indicator in project.indicators:
            if any(_is_formula(text) for text in (indicator.name, indicator.value,
                                                  indicator.level1, indicator.level2)):
                where = " ".join(part for part in (indicator.sheet, indicator.cell) if part)
                yield f"{where} 三级指标".strip()


def _is_formula(text: object) -> bool:
    return isinstance(text, str) and text.startswith(UNCACHED_FORMULA)
