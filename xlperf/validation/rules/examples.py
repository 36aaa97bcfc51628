"""The catalogue's examples as departments: one good project, changed a little per example.

The good project passes every rule; an example names only what it changes, so
the docs can show exactly that and the tests run exactly that. Cells are
placed as the workbook writer places them (xlperf/writers/workbook/layout.py),
so findings on examples point at real-looking cells.
"""

from __future__ import annotations

from dataclasses import replace

from xlperf.model import Department, Indicator, Normalization, Project, ReadingNote
from xlperf.validation.config import Config
from xlperf.validation.rules.base import Example, Row
from xlperf.writers.workbook.layout import (
    COLUMNS,
    FIRST_INDICATOR_ROW,
    HEADER_CELLS,
    is_not_applicable,
    project_sheet_name,
)

DEPARTMENT = "某某市人民政府办公室"
YEAR = 2024
SOURCE = "示例.xlsx"

GOOD_HEADER: dict[str, object] = {
    "name": "重点工作专项督查经费",
    "competent_department": DEPARTMENT,
    "implementing_unit": DEPARTMENT,
    "attribute": "0101-一年期项目",
    "term": "1年",
    "division": "01-行政政法科",
    "amount": 10.0,
    "goal": "全年开展专项督查不少于 50 次，推动重点任务按期完成",
}
GOOD_ROWS: tuple[Row, ...] = (
    Row("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 20.0),
    Row("1-产出指标", "12-质量指标", "督查问题整改率达到 95%", 20.0),
    Row("1-产出指标", "13-时效指标", "11 月底前全部办结", 10.0),
    Row("1-产出指标", "14-成本指标", "车辆租赁费不高于 8 万元", 10.0),
    Row("2-效益指标", "21-经济效益", "本指标不适用", None),
    Row("2-效益指标", "22-社会效益", "群众对督查工作知晓率达到 90%", 30.0),
    Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度不低于 90%", 10.0),
)


# Another project of the department, for the cross-project examples (family X): it
# passes every rule and shares no indicator with the good project.
SIBLING_NAME = "政府网站运行维护费"
SIBLING_ROWS: tuple[Row, ...] = (
    Row("1-产出指标", "11-数量指标", "维护政府网站 5 个", 30.0),
    Row("1-产出指标", "12-质量指标", "网站全年安全运行率达到 99%", 20.0),
    Row("1-产出指标", "13-时效指标", "信息发布 1 个工作日内完成", 10.0),
    Row("1-产出指标", "14-成本指标", "网站技术运维费不高于 2 万元", 10.0),
    Row("2-效益指标", "22-社会效益", "政务信息主动公开率达到 100%", 20.0),
    Row("3-满意度指标", "31-服务对象满意度", "网站用户满意度不低于 90%", 10.0),
)
# The sibling's rows the docs show (the ones the examples play on).
SIBLING_SHOWN = (SIBLING_ROWS[0], SIBLING_ROWS[3])


LABELS = {"name": "项目名称", "competent_department": "主管部门", "implementing_unit": "实施单位",
          "attribute": "项目属性", "term": "项目期限", "division": "项目主管处室",
          "amount": "项目年度金额", "goal": "年度总体绩效目标", "columns": "表格的列",
          "layout": "表样", "notes": "未识别的行", "cost_lines": "成本构成",
          "template_notes": "表下一行",
          "stated_total": "合计行所写总分"}


def build(example: Example, base: Config | None = None) -> tuple[Department, Config]:
    """The department an example describes, and the configuration it runs under."""
    rows = list(example.rows if example.rows is not None else GOOD_ROWS)
    for index, row in example.change.items():
        rows[index] = row
    header = {**GOOD_HEADER, **example.project}
    projects = [_project(header, rows, 1)]
    if example.twin:
        projects.append(_project(header, list(GOOD_ROWS), 2))
    if example.sibling is not None:  # stated first: the example's project is reported
        sibling = {**GOOD_HEADER, "name": SIBLING_NAME}
        projects = [_project(sibling, list(example.sibling), 1), _project(header, rows, 2)]
    department = Department(name=DEPARTMENT, year=YEAR, projects=projects, source=SOURCE)
    fields = dict(example.department)
    normalizations = fields.pop("normalizations", [])
    department = replace(department, **fields)
    department.normalizations = [_located(n, projects[-1]) for n in normalizations]
    department.settings = dict(example.settings)
    return department, (base or Config())


def _project(header: dict[str, object], rows: list[Row], index: int) -> Project:
    sheet = project_sheet_name(index)
    project = Project(**header, sheet=sheet, cells=dict(HEADER_CELLS))
    for offset, row in enumerate(rows):
        number = FIRST_INDICATOR_ROW + offset
        project.indicators.append(Indicator(
            level1=row.level1, level2=row.level2, name=row.name, weight=row.weight,
            value=row.value, unit=row.unit, not_applicable=is_not_applicable(row.name),
            sheet=sheet,
            cell=f"{COLUMNS['name']}{number}", weight_cell=f"{COLUMNS['weight']}{number}",
            row=number, level2_cell=f"{COLUMNS['level2']}{number}",
        ))
    project.total_cell = f"{COLUMNS['weight']}{FIRST_INDICATOR_ROW + len(rows)}"
    return project


def _located(note: Normalization, project: Project) -> Normalization:
    return replace(note, sheet=note.sheet or project.sheet, project=note.project or project.name)


def describe(example: Example) -> list[str]:
    """The example as short lines for the docs: what differs from the good project."""
    lines: list[str] = []
    for key, value in example.project.items():
        lines.append(f"{LABELS.get(key, key)}：{show(value)}")
    rows = example.rows if example.rows is not None else [example.change[i]
                                                          for i in sorted(example.change)]
    lines.extend(_row_line(row) for row in rows)
    if example.twin:
        lines.append(f"第二个项目，项目名称同为“{GOOD_HEADER['name']}”")
    if example.sibling is not None:
        shown = SIBLING_SHOWN if example.sibling == SIBLING_ROWS else example.sibling
        which = "，其中：" if shown is SIBLING_SHOWN else "的指标："
        lines.append(f"同一部门在前的另一个项目“{SIBLING_NAME}”{which}")
        lines.extend(f"　{_row_line(row)}" for row in shown)
    department_labels = {"declared_total": "部门项目合计（万元）", "year": "预算年度"}
    for key, value in example.department.items():
        if key == "normalizations":
            lines.extend(f"读取时修复：{n.original}" for n in value)
        else:
            lines.append(f"{department_labels.get(key, key)}：{show(value)}")
    for key, value in example.settings.items():
        lines.append(f"部门信息 {key}：{value}")
    return lines


def _row_line(row: Row) -> str:
    value = f"（指标值 {row.value}）" if row.value else ""
    unit = f"（计量单位 {row.unit}）" if row.unit else ""
    return f"{row.level1} | {row.level2} | {show(row.name)}{value}{unit} | {show(row.weight)}"


def show(value: object) -> str:
    """A value as the docs print it: 10.0 → 10, blank → （空）, a list item by item
    (成本构成 车辆租赁费 6、合计 10; a note's text and row)."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, list):
        return "、".join(show(item) for item in value)
    if isinstance(value, tuple) and len(value) == 2:
        return f"{value[0]} {show(value[1])}"
    if isinstance(value, ReadingNote):
        return f"第 {value.row} 行“{value.text}”" if value.row else f"“{value.text}”"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
