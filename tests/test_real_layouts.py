"""Other offices' tables read as they say, on each path a reviewer takes.

``data/real_layouts/`` holds goal tables other offices published (copied from
../shared/real-layouts, public data) with what each says in expected.json;
``data/layouts/`` tables of the families they do not show, written for these
tests. Each is read as a text, and imported into a workbook and read back
(``xlperf import`` then ``show``): every indicator right (levels, name, value,
weight where the form has one), every project's name and amount right, no
row that is not an indicator read as one. Names compare ignoring spaces and
full/half-width forms, levels by their core name (as expected.json says).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.reader.header import GOAL_ACTUAL
from xlperf.sources import read_department
from xlperf.validation.engine import validate

DATA = Path(__file__).parent / "data"
FOLDERS = (DATA / "real_layouts", DATA / "layouts")


def documents() -> list[tuple[Path, str, dict]]:
    found = []
    for folder in FOLDERS:
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        for key, doc in sorted(expected["documents"].items()):
            texts = [p for p in folder.glob(f"{key}*.txt") if ".raw." not in p.name]
            source = texts[0] if texts else next(folder.glob(f"{key}*.raw.txt"))
            found.append((source, key, doc))
    return found


DOCUMENTS = documents()
READABLE = [d for d in DOCUMENTS if d[2]["expected_outcome"] == "read"]


def nz(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def core(level: object) -> str:
    text = re.sub(r"^(\d+-|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))", "", nz(level))
    text = re.sub(r"\(\d+(\.\d+)?分\)$", "", text)
    return text[:-2] if text.endswith("指标") and len(text) > 2 else text


def said(department, doc: dict, key: str = "indicators") -> list[tuple]:
    """What was read, in expected.json's terms."""
    weights = doc["weights_column"]
    rows = []
    for project in department.projects:
        items = project.indicators if key == "indicators" else project.long_term_indicators
        for item in items:
            rows.append((nz(project.name), core(item.level1), core(item.level2), nz(item.name),
                         nz(item.value), item.weight if weights else None))
    return rows


def expected(doc: dict, key: str = "indicators") -> list[tuple]:
    return [(nz(i["project"]), core(i["level1"]), core(i["level2"]), nz(i["name"]),
             nz(i["value"]), float(i["weight"]) if i["weight"] is not None else None)
            for i in doc.get(key, [])]


def check(department, doc: dict) -> None:
    assert said(department, doc) == expected(doc)  # right, in order, and nothing else
    assert said(department, doc, "long_term_indicators") == expected(doc,
                                                                     "long_term_indicators")
    assert [(nz(p.name), round(p.amount, 4)) for p in department.projects] == [
        (nz(p["name"]), round(float(p["amount"]), 4)) for p in doc["projects"]]
    # The only note a real table leaves: a self-evaluation's 年度总体目标完成情况综述 (what
    # was done), which no field holds (test_a_self_evaluations_summary_of_what_was_done_…).
    assert all(note.reason == GOAL_ACTUAL for project in department.projects
               for note in project.notes)


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=[d[1] for d in READABLE])
def test_the_text_reads_as_it_says(source: Path, key: str, doc: dict) -> None:
    check(read_department(source), doc)


def imported(source: Path, key: str, tmp_path: Path):
    """``xlperf import`` of ``source`` (it must succeed): its result and the workbook."""
    workbook = tmp_path / f"{key}.xlsx"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    return result, workbook


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=[d[1] for d in READABLE])
def test_the_text_imported_then_read_back_reads_as_it_says(source: Path, key: str, doc: dict,
                                                         tmp_path: Path) -> None:
    result, workbook = imported(source, key, tmp_path)
    outside = OUTSIDE_PROJECTS.get(key, []) + NOT_A_FIELD.get(key, [])
    if outside:  # the row is named, with where it is, not counted as read
        assert f"{len(outside)} 行未能识别" in result.output
        assert all(f"未识别 第 {line} 行" in result.output for line in outside)
    else:
        assert "每一行都已识别" in result.output
    check(read_department(workbook), doc)


# Rows that stand outside every project: the budget-system list's unit total line above its
# first project (820-马踏镇部门 | 8,827,620.53), by line.
OUTSIDE_PROJECTS = {"08": [4]}
# Texts kept as a project's reading note because no field holds them: the 中江 self-evaluation's
# 年度总体目标完成情况综述 (what was done, beside the goal), by line.
NOT_A_FIELD = {"10": [9]}


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=[d[1] for d in READABLE])
def test_a_self_evaluations_summary_of_what_was_done_is_a_note_not_dropped(
        source: Path, key: str, doc: dict) -> None:
    """年度总体目标 | 年初设定目标 | 年度总体目标完成情况综述, the two texts below: the goal is
    the first; the second, silently left out before 2026-12-03, is a note on its line."""
    department = read_department(source)
    notes = [note for project in department.projects for note in project.notes]
    assert [note.row for note in notes] == NOT_A_FIELD.get(key, [])
    assert all(note.text.startswith("年度总体目标完成情况综述：") and note.part == "header"
               for note in notes)


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=[d[1] for d in READABLE])
def test_rows_outside_the_projects_are_kept_and_reported(source: Path, key: str,
                                                        doc: dict) -> None:
    department = read_department(source)
    assert [note.row for note in department.notes] == OUTSIDE_PROJECTS.get(key, [])
    noted = [f for f in validate([department]) if f.rule == "R003" and f.project is None]
    assert [f.row for f in noted] == OUTSIDE_PROJECTS.get(key, [])


@pytest.mark.parametrize(("source", "key", "doc"),
                         [d for d in DOCUMENTS if d[2]["expected_outcome"] == "refuse"])
def test_prose_is_refused_with_a_message_that_says_so(source: Path, key: str,
                                                      doc: dict, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "文字说明，不是表格" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


# What each table gets from the rules, judged by reading it: every finding is one a reviewer
# would agree with (the form's own shape — no weights, fields it does not have, a
# self-evaluation — gives none beyond the R notes that say so).
FINDINGS = {
    # no weights; 250万 read as 250 万元; 市民对空气质量改善的满意程度 filed under 社会效益
    "01": {"R001", "T001", "S005"},
    "03": {"R001", "Q003", "Q001"},  # 建设项目成本控制率 100%: no amount; 稳步提高: not measurable
    # 明显增加/明显增强/持续加强: not measurable; 严控成本 without amount; the only 满意度
    # indicator is 群众幸福感 明显提升, no satisfaction rate (Q007)
    "06": {"R001", "Q001", "Q003", "Q007"},
    # no 成本指标 in either project; weights add up to 90 (and 60, cut); 村组干部230人 beside
    # the unit 个 (Q006)
    "08": {"C002", "W001", "Q006", "R003"},  # … and the unit total row above the projects
    # a self-evaluation table, read, not judged; its 年度总体目标完成情况综述 kept as a note
    "10": {"R002", "R003"},
    # 明显改善, 建立: not measurable. The tables written for the tests name their offices
    # XX县…, as a template left unfilled does (T003).
    "ningxia_values": {"R001", "Q001", "T003"},
    "ezhou_two_level": {"R001", "Q003", "Q001"},  # 成本控制率 100%; 全年无安全事故
    "long_term_pairs": {"R001", "T003"},
    # … and keeps the template's 注：各地请根据实际情况设置具体指标 under the table (T004).
    "transfer": {"R001", "T003", "T004"},
}


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=[d[1] for d in READABLE])
def test_the_rules_find_what_a_reviewer_would(source: Path, key: str, doc: dict) -> None:
    found = {finding.rule for finding in validate([read_department(source)])}
    assert found == FINDINGS[key]


def test_show_names_the_rows_outside_the_projects() -> None:
    source = next((DATA / "real_layouts").glob("08*[!w].txt"))
    result = CliRunner().invoke(cli, ["show", str(source)])
    assert result.exit_code == 0, result.output
    assert ("未识别 第 4 行（单位合计行（单位编码-名称和金额），不属于任何项目，未作为指标读取）："
            "820-马踏镇部门") in result.output


# What an import settles: the repairs it made (T001) and the rows it named (R003 of rows
# outside the projects) are reported by import, and the workbook holds the repaired table.
SETTLED_BY_IMPORT = {"T001", "R003"}


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=[d[1] for d in READABLE])
def test_the_imported_workbook_gets_the_texts_findings(source: Path, key: str, doc: dict,
                                                       tmp_path: Path) -> None:
    """Import keeps what the rules judge: the template's notes left in a table (T004) too."""
    _, workbook = imported(source, key, tmp_path)
    found = {finding.rule for finding in validate([read_department(workbook)])}
    assert found == FINDINGS[key] - SETTLED_BY_IMPORT


@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=[d[1] for d in READABLE])
def test_the_exported_text_gets_the_texts_findings(source: Path, key: str, doc: dict,
                                                   tmp_path: Path) -> None:
    """Import, then export: the text a reviewer gets back is judged as the source was —
    the template's notes left in the table (T004) are written under it, not dropped."""
    _, workbook = imported(source, key, tmp_path)
    text = tmp_path / f"{key}.txt"
    result = CliRunner().invoke(cli, ["export", str(workbook), "-o", str(text)])
    assert result.exit_code == 0, result.output
    found = {finding.rule for finding in validate([read_department(text)])}
    assert found == FINDINGS[key] - SETTLED_BY_IMPORT


# The documents as the web index gave them (``.raw.txt``): the cells of their tables run
# together (one per line, or a page's text with no tabs at all) — family 9's garbled copies.
GARBLED = sorted(p for p in (DATA / "real_layouts").glob("*.raw.txt")
                 if not p.name.startswith("12"))


@pytest.mark.parametrize("source", GARBLED, ids=[p.name[:2] for p in GARBLED])
def test_a_table_whose_cells_ran_together_is_refused_saying_so(source: Path,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "x.xlsx"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 2
    assert "单元格连在了一起" in result.stderr and "制表符" in result.stderr
    assert "写成了句子" not in result.stderr  # not prose: its column headers are there
    assert not target.exists()


def test_an_empty_table_is_not_called_run_together(tmp_path: Path) -> None:
    """Column headers in their own cells and no indicator under them: the table is empty,
    not garbled."""
    source = tmp_path / "空表.txt"
    source.write_text("项目名称\t某项目\n一级指标\t二级指标\t三级指标\t指标值\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["show", str(source)])
    assert result.exit_code == 2
    assert "单元格连在了一起" not in result.stderr
    # It says what it found, not that there are no such headers.
    assert "找到了指标表头" in result.stderr and "没有找到绩效目标表" not in result.stderr
