"""A reviewer accepts one warning with a reason: in the workbook's 校验说明 sheet or xlperf.toml.

The report then shows it as 已接受 with the reason instead of as a warning — in the
terminal, in the JSON report and in the annotated copy — and an error can never be
accepted away from the publication gate.
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
from xlperf.writers.workbook.writer import write_department

SEED = Path(__file__).parent / "data" / "seed_notice.txt"
REASON = "该指标按省厅统一口径填写，不设数值"
GREEN = "C6EFCE"


def seed_workbook(folder: Path, rows: list[list[str | None]] | None = None,
                  header: tuple[str, ...] = ("规则", "工作表", "单元格", "理由")) -> Path:
    """The seed as a workbook; with ``rows``, a 校验说明 sheet holding them."""
    path = folder / "政府办.xlsx"
    write_department(read_text(SEED), path)
    if rows is not None:
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.create_sheet("校验说明")
        sheet.append(list(header))
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:  # text as typed, even "=…" (a quoted entry)
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        workbook.save(path)
    return path


def validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.stdout + result.stderr


def report(*args: str) -> tuple[int, dict]:
    code, out = validate(*args, "--format", "json")
    data = json.loads(out)
    jsonschema.validate(data, report_schema())
    return code, data


def test_an_accepted_warning_shows_as_accepted_with_its_reason(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path, [["Q001", "项目01", "C15", REASON]])
    code, out = validate(str(path))
    assert code == 1  # the seed's two errors are untouched
    lines = [line.strip() for line in out.splitlines()]
    at = next(i for i, line in enumerate(lines) if "Q001 项目01!C15" in line)
    assert lines[at].startswith("已接受 Q001 项目01!C15")
    assert lines[at + 1] == f"接受理由：{REASON}"
    assert not any(line.startswith("警告 Q001 项目01!C15") for line in lines)
    assert "已接受 1 个" in lines[-1]


def test_json_report_marks_the_finding_and_counts_it_apart(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path, [["Q001", "项目01", "C15", REASON]])
    plain = tmp_path / "plain"
    plain.mkdir()
    _, before = report(str(seed_workbook(plain)))
    _, after = report(str(path))
    findings = after["files"][0]["findings"]
    accepted = [f for f in findings if "accepted" in f]
    assert [(f["rule"], f["cell"], f["accepted"]) for f in accepted] == [("Q001", "C15", REASON)]
    assert after["summary"]["accepted"] == 1
    assert after["summary"]["warning"] == before["summary"]["warning"] - 1
    assert after["summary"]["error"] == before["summary"]["error"] == 2
    assert "accepted" not in before["summary"]


def test_the_annotated_copy_shows_accepted_in_green_with_the_reason(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path, [["Q001", "项目01", "C15", REASON]])
    target = tmp_path / "标注.xlsx"
    validate(str(path), "--annotate", str(target))
    workbook = openpyxl.load_workbook(target)
    cell = workbook["项目01"]["C15"]
    assert cell.fill.fgColor.rgb[-6:].upper() == GREEN
    assert "已接受 Q001" in cell.comment.text and f"接受理由：{REASON}" in cell.comment.text
    rows = [row for row in workbook["校验结果"].iter_rows(min_row=2, values_only=True)
            if row[1] == "Q001" and row[4] == "C15"]
    assert len(rows) == 1 and rows[0][0] == "已接受" and rows[0][-1] == f"接受理由：{REASON}"


def test_an_error_cannot_be_accepted_and_the_report_says_why(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path, [["W001", "项目07", "D20", "权重以后再调"]])
    code, out = validate(str(path))
    assert code == 1
    lines = [line.strip() for line in out.splitlines()]
    assert any(line.startswith("错误 W001 项目07!D20") for line in lines)
    assert not any(line.startswith("已接受") for line in lines)
    assert "校验说明!A2：W001 项目07!D20 是“错误”，错误不能接受" in out
    _, data = report(str(path))
    w001 = next(f for f in data["files"][0]["findings"] if f["rule"] == "W001")
    assert "accepted" not in w001 and w001["severity"] == "error"


@pytest.mark.parametrize(("row", "why"), [
    (["Q001", "项目01", "C99", REASON], "没有对应的问题"),
    (["Q001", "项目01", "C15", None], "没有填写理由"),
    (["Q999", "项目01", "C15", REASON], "不是规则代码"),
    (["Q001", None, "C15", REASON], "没有填写工作表"),
])
def test_an_acceptance_that_cannot_be_used_is_named_and_changes_nothing(
        tmp_path: Path, row: list, why: str) -> None:
    path = seed_workbook(tmp_path, [row])
    code, out = validate(str(path))
    assert code == 1
    assert "校验说明!A2：" in out and why in out
    assert "警告 Q001 项目01!C15" in out and "已接受 1 个" not in out


def test_the_place_may_be_typed_as_the_report_shows_it_and_full_width(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path, [["Ｑ００１", None, "项目01!Ｃ１５", REASON]],
                         header=("规则代码", "工作表", "单元格", "接受理由"))
    _, out = validate(str(path))
    assert "已接受 Q001 项目01!C15" in out


def test_xlperf_toml_accepts_a_finding_of_the_workbook_it_names(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path)
    (tmp_path / "xlperf.toml").write_text(
        '[[accept]]\nfile = "政府办.xlsx"\ncode = "S004"\ncell = "项目06!C42"\n'
        'reason = "两处保密工作分属不同科室"\n'
        '[[accept]]\nfile = "别的单位.xlsx"\ncode = "Q001"\nsheet = "项目01"\ncell = "C16"\n'
        'reason = "别的单位的"\n', encoding="utf-8")
    _, out = validate(str(path))
    assert "已接受 S004 项目06!C42" in out and "接受理由：两处保密工作分属不同科室" in out
    assert "警告 Q001 项目01!C16" in out  # the other workbook's acceptance does not apply here
    assert "注意" not in out


@pytest.mark.parametrize(("toml", "said"), [
    ('[[accept]]\ncode = "S004"\ncell = "项目06!C42"\nreason = "x"\n', "缺少 file"),
    ('[[accept]]\nfile = "a.xlsx"\ncode = "S004"\ncell = "C42"\n', "缺少 reason"),
    ('[[accept]]\nfile = "a.xlsx"\ncode = "S0"\ncell = "C42"\nreason = "x"\n', "不是规则代码"),
    ('[[accept]]\nfile = "a.xlsx"\ncode = "S004"\nreason = "x"\n', "应给出 cell"),
    ('[[accept]]\nfile = "a.xlsx"\ncode = "S004"\ncell = "C1"\nreason = "x"\nwho = "me"\n',
     "“who”不是可用的键"),
])
def test_a_broken_accept_table_is_one_chinese_line_and_exit_2(tmp_path: Path, toml: str,
                                                              said: str) -> None:
    path = seed_workbook(tmp_path)
    (tmp_path / "xlperf.toml").write_text(toml, encoding="utf-8")
    code, out = validate(str(path))
    assert code == 2 and said in out and "xlperf.toml" in out


def test_the_ribbon_button_honours_the_sheet_too(tmp_path: Path) -> None:
    """校验 in Excel reads the same 校验说明 sheet (through the openpyxl adapter here)."""
    from xlperf.excel.book import validate as press_validate
    from xlperf.excel.openpyxl_book import OpenpyxlBook

    path = seed_workbook(tmp_path, [["Q001", "项目01", "C15", REASON]])
    findings = press_validate(OpenpyxlBook.open(path))
    accepted = [(f.rule, f.cell, f.accepted) for f in findings if f.accepted]
    assert accepted == [("Q001", "C15", REASON)]


def test_a_reason_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = seed_workbook(tmp_path, [["Q001", "项目01", "C15", "=HYPERLINK(\"http://x\")"]])
    target = tmp_path / "标注.xlsx"
    validate(str(path), "--annotate", str(target))
    report = openpyxl.load_workbook(target)["校验结果"]
    cell = next(row[-1] for row in report.iter_rows(min_row=2) if row[0].value == "已接受")
    assert cell.data_type == "s" and cell.value == "接受理由：=HYPERLINK(\"http://x\")"
