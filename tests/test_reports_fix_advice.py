"""Every finding says how to fix it: terminal, JSON, the annotated copy's notes and 校验结果.

The advice is the rule's own ``fix`` (the catalogue's data, which ``xlperf rules --code``
shows); these tests check it reaches each report of a real run over the seed.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.reports.json_report import report_schema
from xlperf.sources.text.reader import read_text
from xlperf.validation.rules import BY_CODE
from xlperf.writers.workbook.writer import write_department

SEED = Path(__file__).parent / "data" / "seed_notice.txt"
W001_FIX = BY_CODE["W001"].fix
C001_FIX = BY_CODE["C001"].fix


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "政府办.xlsx"
    write_department(read_text(SEED), path)
    return path


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.stdout


def test_terminal_gives_the_fix_on_an_indented_line_under_each_finding(seed_workbook) -> None:
    _, out = validate(str(seed_workbook))
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "W001" in line and "D20" in line)
    advice = lines[at + 1]
    assert advice.strip() == f"修改建议：{W001_FIX}"
    finding_indent = len(lines[at]) - len(lines[at].lstrip())
    assert len(advice) - len(advice.lstrip()) > finding_indent  # under it, indented further


def test_json_findings_carry_the_fix_and_stay_valid(seed_workbook) -> None:
    _, out = validate(str(seed_workbook), "--format", "json")
    report = json.loads(out)
    jsonschema.validate(report, report_schema())
    findings = report["files"][0]["findings"]
    w001 = next(f for f in findings if f["rule"] == "W001")
    assert w001["fix"] == W001_FIX
    assert all(f.get("fix") for f in findings)  # every rule of the catalogue says how


def test_annotated_note_and_report_sheet_give_the_fix(seed_workbook, tmp_path) -> None:
    target = tmp_path / "标注.xlsx"
    validate(str(seed_workbook), "--annotate", str(target))
    workbook = openpyxl.load_workbook(target)
    note = workbook["项目07"]["D20"].comment.text
    assert f"修改建议：{W001_FIX}" in note
    report = workbook["校验结果"]
    header = [cell.value for cell in report[1]]
    assert "修改建议" in header
    column = header.index("修改建议")
    rows = {row[1]: row for row in report.iter_rows(min_row=2, values_only=True)}
    assert rows["W001"][column] == W001_FIX
    assert rows["C001"][column] == C001_FIX


def test_notice_held_back_lists_each_error_with_its_fix(seed_workbook, tmp_path) -> None:
    result = CliRunner().invoke(cli, ["notice", str(seed_workbook), "-o", str(tmp_path / "公开"),
                                      "--format", "txt"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    at = next(i for i, line in enumerate(lines) if "[W001]" in line)
    assert lines[at + 1].strip() == f"修改建议：{W001_FIX}"
