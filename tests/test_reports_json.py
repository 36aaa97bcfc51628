"""The JSON report: exactly cli.md's shape, unreadable files listed, valid against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from xlperf.reports.json_report import build_report, dumps, report_schema
from xlperf.reports.results import FileResult
from xlperf.validation.findings import Finding

LAST_PROJECT = "自治区党政专用通信网二级网运行维护费"


def w001() -> Finding:
    return Finding("W001", "error", "权重合计为 0，应为 100", LAST_PROJECT, "项目07", "D20",
                   "submissions/政府办.xlsx")


def test_file_entry_matches_cli_md_example() -> None:
    result = FileResult("submissions/政府办.xlsx", "石嘴山市人民政府办公室", 7, [w001()])
    report = build_report([result])
    # The example of cli.md, written out by hand.
    assert report["version"] == 1
    assert report["files"] == [{
        "file": "submissions/政府办.xlsx",
        "department": "石嘴山市人民政府办公室",
        "projects": 7,
        "findings": [
            {"rule": "W001", "severity": "error", "project": LAST_PROJECT,
             "sheet": "项目07", "cell": "D20", "message": "权重合计为 0，应为 100",
             "row": None},  # added after cli.md's keys: the line, for a text without cells
        ],
        "layouts": [], "frameworks": [],  # added after cli.md's keys: the forms read
    }]
    assert report["summary"] == {"files": 1, "projects": 7, "error": 1, "warning": 0, "info": 0}


def test_summary_counts_every_severity_across_files() -> None:
    results = [
        FileResult("a.xlsx", "甲局", 3, [
            w001(),
            Finding("Q001", "warning", "目标不可衡量", "项目甲", "项目01", "C12"),
            Finding("Q001", "warning", "目标不可衡量", "项目甲", "项目01", "C13"),
        ]),
        FileResult("b.xlsx", "乙局", 2,
                   [Finding("T001", "info", "全角数字已转换", None, None, None)]),
    ]
    summary = build_report(results)["summary"]
    assert summary == {"files": 2, "projects": 5, "error": 1, "warning": 2, "info": 1}


def test_unreadable_file_is_listed_with_its_reason_and_counted() -> None:
    results = [
        FileResult("ok.xlsx", "甲局", 2, []),
        FileResult("坏.xlsx", error="文件已损坏或不是 xlsx 工作簿"),
    ]
    report = build_report(results)
    broken = report["files"][1]
    assert broken == {"file": "坏.xlsx", "department": None, "projects": 0, "findings": [],
                      "error": "文件已损坏或不是 xlsx 工作簿"}
    assert "error" not in report["files"][0]
    assert report["summary"]["files"] == 2
    assert report["summary"]["unreadable"] == 1


def test_department_level_finding_has_null_project_and_cell() -> None:
    finding = Finding("K003", "error", "部门合计 100 与项目合计 97 不符", None, None, None)
    entry = build_report([FileResult("a.xlsx", "甲局", 1, [finding])])["files"][0]
    assert entry["findings"][0]["project"] is None
    assert entry["findings"][0]["cell"] is None


def test_dumps_keeps_chinese_readable_and_round_trips() -> None:
    report = build_report([FileResult("政府办.xlsx", "石嘴山市人民政府办公室", 7, [w001()])])
    text = dumps(report)
    assert "石嘴山市人民政府办公室" in text and "\\u" not in text
    assert json.loads(text) == report


def test_reports_validate_against_the_schema() -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for results in (
        [],
        [FileResult("a.xlsx", "甲局", 7, [w001()])],
        [FileResult("a.xlsx", "甲局", 7, []), FileResult("b.xlsx", error="无法打开")],
    ):
        jsonschema.validate(build_report(results), schema)


@pytest.mark.parametrize("spoil", [
    lambda r: r["files"][0]["findings"][0].update(severity="fatal"),
    lambda r: r["files"][0]["findings"][0].pop("cell"),
    lambda r: r["summary"].pop("info"),
    lambda r: r.update(version=2),
    lambda r: r["files"][0].update(error="无法打开"),  # unreadable yet with findings
])
def test_schema_rejects_reports_that_break_the_contract(spoil) -> None:
    report = build_report([FileResult("a.xlsx", "甲局", 7, [w001()])])
    spoil(report)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, report_schema())


def test_the_report_says_how_each_file_was_read(tmp_path) -> None:
    """A reviewer sees which family a table was read as and which framework checked it."""
    import shutil

    from click.testing import CliRunner

    from xlperf.cli import cli

    source = Path(__file__).parent / "data" / "real_layouts" / "03-wuhan-qingshan-jyj-bzxx.txt"
    shutil.copy(source, tmp_path / "a.txt")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "a.txt"), "--format", "json"])
    (entry,) = json.loads(result.stdout)["files"]
    assert (entry["layouts"], entry["frameworks"]) == (["central"], ["central-2015"])
    terminal = CliRunner().invoke(cli, ["validate", str(tmp_path / "a.txt")]).stdout
    assert "按2015 年中央表样读取" in terminal and "满意度在效益指标下" in terminal


def test_the_report_written_in_pieces_is_the_same_text(monkeypatch) -> None:
    """validate --format json writes its report piece by piece (a city's report is hundreds
    of MB as one string); the pieces must join to exactly the one-string text."""
    from xlperf.reports import json_report

    report = {"version": 1, "files": [{"file": f"部门{i}.xlsx", "findings": [
        {"rule": "W001", "message": "权重合计为 95，应为 100", "cell": f"D{i}"}] * 3}
        for i in range(200)], "summary": {"files": 200}}
    monkeypatch.setattr(json_report, "PIECE_CHARS", 1000)
    parts = list(json_report.pieces(report))
    assert len(parts) > 10  # really in pieces
    assert "".join(parts) == json_report.dumps(report)
