"""The two ways xlperf is compared with: the naive way and frictionless-py.

Naive: what a capable analyst would write first — openpyxl opens each
workbook, each project sheet becomes a DataFrame, and one pandera schema
(covering the same checks as xlperf's catalogue, as well as a row-by-row
schema can) validates it, once per project.

frictionless: a row-level Table Schema per project sheet (types, enums,
required, ranges, a row constraint). frictionless cannot express group facts
(weights adding up to 100, cost totals) without custom code, so it does less
work than the other two; its rate is an upper bound. It runs twice: on the
.xlsx sheets as a user would point it at them (frictionless opens the workbook
with openpyxl once per sheet), and on CSV exports of the same sheets, the
export not timed — the most generous comparison.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

LEVEL1 = ["1-产出指标", "2-效益指标", "3-满意度指标"]
LEVEL2 = ["11-数量指标", "12-质量指标", "13-时效指标", "14-成本指标", "21-经济效益",
          "22-社会效益", "23-生态效益", "24-可持续影响", "31-服务对象满意度"]
HEADER = {"project": "B3", "competent_department": "B4", "implementing_unit": "D4",
          "attribute": "B5", "term": "D5", "amount": "D6", "goal": "B7"}
FIRST_ROW = 11
NOT_APPLICABLE = "本指标不适用"
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|元)")
AMOUNT_ANY = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元)")
MEASURABLE = re.compile(r"\d|[%％]|好|较好|一般|差|达到")
FLOOR = re.compile(r"不低于|不少于|以上|≥")


# --- naive: openpyxl + one pandera validation per project ---------------------


def naive_schema():
    import pandas as pd
    import pandera.pandas as pa

    def weights_add_up(df: pd.DataFrame) -> pd.Series:
        total = df.loc[~df["not_applicable"], "weight"].sum()
        return pd.Series(abs(total - 100) < 1e-6, index=df.index)

    def has_output_and_effect(df: pd.DataFrame) -> pd.Series:
        live = df[~df["not_applicable"]]
        ok = live["level1"].eq("1-产出指标").any() and live["level1"].eq("2-效益指标").any()
        return pd.Series(ok, index=df.index)

    def cost_within_amount(df: pd.DataFrame) -> pd.Series:
        cost = df[df["level2"].eq("14-成本指标")]["name"].map(_amount_in_wan).sum()
        amount = pd.to_numeric(df["amount"], errors="coerce").iloc[0]
        return pd.Series(pd.isna(amount) or cost <= amount, index=df.index)

    def level2_under_level1(df: pd.DataFrame) -> pd.Series:
        return df["level2"].str[:1] == df["level1"].str[:1]

    text = pa.Column(str, pa.Check.str_length(min_value=1), nullable=False)
    return pa.DataFrameSchema(
        {
            "level1": pa.Column(str, pa.Check.isin(LEVEL1)),
            "level2": pa.Column(str, pa.Check.isin(LEVEL2)),
            "name": pa.Column(str, [
                pa.Check.str_length(min_value=1),
                pa.Check(lambda s: s.str.contains(MEASURABLE), element_wise=False),
                pa.Check(lambda s: s.map(_percent_ok)),
            ]),
            "weight": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
            "not_applicable": pa.Column(bool),
            "project": text, "competent_department": text, "implementing_unit": text,
            "attribute": text,
            "term": text, "goal": pa.Column(str, pa.Check.str_length(min_value=10)),
            "amount": pa.Column(float, pa.Check.gt(0), nullable=True),
        },
        checks=[
            pa.Check(weights_add_up),
            pa.Check(has_output_and_effect),
            pa.Check(cost_within_amount),
            pa.Check(level2_under_level1),
            pa.Check(lambda df: ~(df["not_applicable"] & df["weight"].fillna(0).ne(0))),
            pa.Check(lambda df: df["not_applicable"] | df["weight"].fillna(0).gt(0)),
            pa.Check(lambda df: ~(df["name"].duplicated(keep=False) & ~df["not_applicable"])),
            pa.Check(lambda df: ~(df["level2"].eq("14-成本指标") & ~df["not_applicable"]
                                  & (~df["name"].str.contains(AMOUNT_ANY)
                                     | df["name"].str.contains(FLOOR)))),
            pa.Check(lambda df: df["level2"].eq("14-成本指标").any()),
            pa.Check(lambda df: df["level1"].eq("3-满意度指标").any()),
        ],
    )


def _percent_ok(text: str) -> bool:
    return all(0 <= float(v) <= 100 for v in PERCENT.findall(text or ""))


def _amount_in_wan(text: str) -> float:
    found = AMOUNT.findall(text or "")
    return sum(float(v) / (1 if unit == "万元" else 10000) for v, unit in found)


def naive_validate(path: Path, schema) -> int:
    """Validate one workbook the naive way; the number of failure cases found."""
    import openpyxl
    import pandas as pd
    import pandera.errors

    workbook = openpyxl.load_workbook(path, data_only=True)
    failures = 0
    for sheet in workbook.worksheets:
        if not sheet.title.startswith("项目") or sheet.title == "项目清单":
            continue
        frame = pd.DataFrame(_rows(sheet))
        if frame.empty:
            failures += 1
            continue
        header = {key: sheet[ref].value for key, ref in HEADER.items()}
        for key, value in header.items():
            frame[key] = value if key != "amount" else float(pd.to_numeric(value, errors="coerce"))
        for key in ("project", "competent_department", "implementing_unit", "attribute", "term",
                    "goal"):
            frame[key] = frame[key].fillna("").astype(str)
        try:
            schema.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            failures += len(exc.failure_cases)
    return failures


def _rows(sheet) -> list[dict]:
    rows, level1, level2 = [], "", ""
    for a, b, c, d, *_ in sheet.iter_rows(min_row=FIRST_ROW, max_col=5, values_only=True):
        if a == "合计":
            break
        level1, level2 = a or level1, b or level2
        name = str(c or "").strip()
        weight = pd_number(d)
        rows.append({"level1": level1, "level2": level2, "name": name, "weight": weight,
                     "not_applicable": name == NOT_APPLICABLE})
    return rows


def pd_number(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return float("nan")


# --- frictionless: a row-level Table Schema per project sheet -----------------


def frictionless_schema():
    from frictionless import Schema, fields

    return Schema(fields=[
        fields.StringField(name="一级指标", constraints={"enum": LEVEL1}),
        fields.StringField(name="二级指标", constraints={"enum": LEVEL2}),
        fields.StringField(name="三级指标", constraints={"required": True}),
        fields.NumberField(name="绩效值", constraints={"minimum": 0, "maximum": 100}),
        fields.StringField(name="指标值"),
    ])


def frictionless_checklist():
    from frictionless import Checklist, checks

    return Checklist(checks=[
        checks.row_constraint(formula="三级指标 != '本指标不适用' or not 绩效值"),
        checks.duplicate_row(),
    ])


def project_sheets(path: Path) -> list[str]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return [n for n in workbook.sheet_names if n.startswith("项目") and n != "项目清单"]


def frictionless_validate_xlsx(path: Path, schema, checklist) -> int:
    """Each project sheet as a frictionless Resource on the .xlsx; the number of errors."""
    from frictionless import Dialect, Resource, formats

    errors = 0
    for sheet in project_sheets(path):
        dialect = Dialect(header_rows=[FIRST_ROW - 1], comment_char="合计",
                          controls=[formats.ExcelControl(sheet=sheet, fill_merged_cells=True)])
        resource = Resource(path=path.name, basepath=str(path.parent), format="xlsx",
                            dialect=dialect, schema=schema)
        report = resource.validate(checklist=checklist)
        errors += len(report.flatten(["type"]))
    return errors


def export_csv(path: Path, folder: Path) -> list[Path]:
    """The project sheets' indicator tables as CSV (merged 一级/二级 filled down)."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    written = []
    for sheet in project_sheets(path):
        rows = workbook.get_sheet_by_name(sheet).to_python()
        out = folder / f"{path.stem}-{sheet}.csv"
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["一级指标", "二级指标", "三级指标", "绩效值", "指标值"])
            level1 = level2 = ""
            for row in rows[FIRST_ROW - 1:]:
                if row and row[0] == "合计":
                    break
                level1, level2 = row[0] or level1, row[1] or level2
                writer.writerow([level1, level2, *row[2:5]])
        written.append(out)
    return written


def frictionless_validate_csv(paths: list[Path], schema, checklist) -> int:
    from frictionless import Resource

    errors = 0
    for path in paths:
        resource = Resource(path=path.name, basepath=str(path.parent), schema=schema)
        report = resource.validate(checklist=checklist)
        errors += len(report.flatten(["type"]))
    return errors
