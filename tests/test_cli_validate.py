"""``xlperf validate``: exit codes, folders, broken files, JSON, annotation — as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.reports.json_report import report_schema
from xlperf.sources.text.reader import read_text
from xlperf.writers.workbook.writer import write_department

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_notice.txt"
LAST_PROJECT = "自治区党政专用通信网二级网运行维护费"


@pytest.fixture(scope="session")
def seed_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed notice imported into a workbook (its last project has two errors)."""
    path = tmp_path_factory.mktemp("seed") / "政府办.xlsx"
    write_department(read_text(SEED), path)
    return path


@pytest.fixture(scope="session")
def clean_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed without its last project: warnings at most, no error."""
    department = read_text(SEED)
    department.projects = department.projects[:-1]
    path = tmp_path_factory.mktemp("clean") / "干净.xlsx"
    write_department(department, path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> tuple[int, dict]:
    code, out, _ = run(*args, "--format", "json")
    report = json.loads(out)
    jsonschema.validate(report, report_schema())
    return code, report


def broken(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    return path


def test_seed_gives_exactly_c001_and_w001_on_its_last_project(seed_workbook: Path) -> None:
    code, report = run_json(str(seed_workbook))
    assert code == 1
    (entry,) = report["files"]
    assert entry["department"] == "石嘴山市人民政府办公室" and entry["projects"] == 7
    errors = [f for f in entry["findings"] if f["severity"] == "error"]
    assert sorted(f["rule"] for f in errors) == ["C001", "W001"]
    assert {f["project"] for f in errors} == {LAST_PROJECT}
    assert all(f["sheet"] == "项目07" for f in errors)
    assert report["summary"]["error"] == 2


def test_clean_workbook_exits_0(clean_workbook: Path) -> None:
    code, out, _ = run(str(clean_workbook))
    assert code == 0
    assert "错误 0 个" in out.strip().splitlines()[-1]


def test_text_report_names_the_cells(seed_workbook: Path) -> None:
    code, out, _ = run(str(seed_workbook))
    assert code == 1
    lines = [line.strip() for line in out.splitlines()]
    assert LAST_PROJECT in lines
    assert any(line.startswith("错误 W001 项目07!") for line in lines)
    assert lines[-1].startswith("共检查 1 个文件、7 个项目：错误 2 个")


def test_a_central_form_table_is_judged_by_its_content_and_every_finding_has_a_cell(
        tmp_path: Path) -> None:
    """A department that copied the central form (主管部门及代码, 年度资金总额, 社会效益指标,
    no 绩效值 column): no finding about labels it wrote another accepted way, none about
    fields the form does not have (项目属性, 项目期限), no weight finding on a form that has
    no weights (one R001 says so), and every finding has a cell."""
    from test_workbook_reader import CENTRAL_FORM_ROWS
    from workbook_builders import save_workbook

    path = save_workbook(tmp_path / "申报表.xlsx", {"申报表": CENTRAL_FORM_ROWS})
    code, report = run_json(str(path))
    assert code == 0
    findings = report["files"][0]["findings"]
    assert sorted({f["rule"] for f in findings}) == ["C002", "Q001", "R001"]
    assert [f["rule"] for f in findings].count("R001") == 1
    assert all(f["cell"] for f in findings)


def test_folder_is_searched_recursively_skipping_lock_and_hidden_files(
        tmp_path: Path, clean_workbook: Path) -> None:
    (tmp_path / "一科" / "二组").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    shutil.copy(clean_workbook, tmp_path / "甲.xlsx")
    shutil.copy(clean_workbook, tmp_path / "一科" / "二组" / "乙.XLSX")
    shutil.copy(clean_workbook, tmp_path / "~$甲.xlsx")  # Excel's lock file
    shutil.copy(clean_workbook, tmp_path / ".隐藏.xlsx")
    shutil.copy(clean_workbook, tmp_path / ".git" / "丙.xlsx")
    shutil.copy(SEED, tmp_path / "公告.txt")  # text is read only when named explicitly
    code, report = run_json(str(tmp_path))
    checked = sorted(Path(entry["file"]).relative_to(tmp_path).as_posix()
                     for entry in report["files"])
    assert checked == ["一科/二组/乙.XLSX", "甲.xlsx"]
    assert code == 0


def test_broken_file_is_listed_and_the_run_goes_on(tmp_path: Path, seed_workbook: Path) -> None:
    shutil.copy(seed_workbook, tmp_path / "a.xlsx")
    broken(tmp_path / "b.xlsx")
    code, report = run_json(str(tmp_path))
    assert code == 2
    by_name = {Path(entry["file"]).name: entry for entry in report["files"]}
    assert by_name["b.xlsx"]["error"] and by_name["b.xlsx"]["findings"] == []
    assert {f["rule"] for f in by_name["a.xlsx"]["findings"]} >= {"C001", "W001"}
    assert report["summary"]["unreadable"] == 1 and report["summary"]["files"] == 2


def test_unreadable_file_wins_over_errors_in_text_mode(tmp_path: Path, seed_workbook: Path) -> None:
    code, out, _ = run(str(seed_workbook), str(broken(tmp_path / "坏.xlsx")))
    assert code == 2
    assert "无法读取" in out and "坏.xlsx" in out
    assert out.strip().splitlines()[-1].endswith("无法读取 1 个文件")


def test_missing_path_is_reported_not_a_traceback(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "没有这个.xlsx"))
    assert code == 2
    assert "不存在" in out and "Traceback" not in out + err


def test_published_text_given_explicitly_is_checked(tmp_path: Path) -> None:
    code, report = run_json(str(SEED))
    assert code == 1
    assert sorted(f["rule"] for f in report["files"][0]["findings"]
                  if f["severity"] == "error") == ["C001", "W001"]


def test_select_and_ignore_filter_by_code_or_prefix(seed_workbook: Path) -> None:
    code, report = run_json(str(seed_workbook), "--select", "W")
    assert {f["rule"][0] for f in report["files"][0]["findings"]} == {"W"}
    assert code == 1
    code, report = run_json(str(seed_workbook), "--ignore", "C001,W001")
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert not rules & {"C001", "W001"}
    assert code == 0


@pytest.mark.parametrize("codes", ["权重", "W999", "Z"])
def test_bad_rule_code_is_a_usage_error(seed_workbook: Path, codes: str) -> None:
    code, out, err = run(str(seed_workbook), "--ignore", codes)
    assert code == 2 and codes in err and "规则" in err
    assert out == ""  # nothing checked, nothing reported


def test_annotate_writes_a_marked_copy_and_leaves_the_input(tmp_path: Path,
                                                            seed_workbook: Path) -> None:
    source = tmp_path / "政府办.xlsx"
    shutil.copy(seed_workbook, source)
    data = source.read_bytes()
    target = tmp_path / "标注" / "政府办-标注.xlsx"
    code, _, err = run(str(source), "--annotate", str(target))
    assert code == 1 and "标注副本" in err
    assert source.read_bytes() == data
    workbook = openpyxl.load_workbook(target)
    rules = [row[1] for row in workbook["校验结果"].iter_rows(min_row=2, values_only=True)]
    assert "W001" in rules and "C001" in rules
    w001 = next(r for r in workbook["校验结果"].iter_rows(min_row=2) if r[1].value == "W001")
    sheet, cell = w001[3].value, w001[4].value
    assert "W001" in workbook[sheet][cell].comment.text


def test_annotate_needs_exactly_one_workbook(tmp_path: Path, seed_workbook: Path,
                                             clean_workbook: Path) -> None:
    target = tmp_path / "out.xlsx"
    code, _, err = run(str(seed_workbook), str(clean_workbook), "--annotate", str(target))
    assert code == 2 and "单个工作簿" in err
    assert not target.exists()


def test_annotate_of_an_unreadable_workbook_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    code, _, _ = run(str(broken(tmp_path / "坏.xlsx")), "--annotate", str(target))
    assert code == 2 and not target.exists()


def test_long_batch_keeps_stderr_clean_when_not_a_terminal(tmp_path: Path,
                                                           clean_workbook: Path) -> None:
    for index in range(22):
        shutil.copy(clean_workbook, tmp_path / f"部门{index:02d}.xlsx")
    result = subprocess.run([sys.executable, "-m", "xlperf", "validate", str(tmp_path),
                             "--format", "json", "--jobs", "2"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 22
    assert [Path(e["file"]).name for e in report["files"]] == [
        f"部门{index:02d}.xlsx" for index in range(22)]


def test_folder_config_applies_to_the_workbooks_in_it(tmp_path: Path,
                                                      seed_workbook: Path) -> None:
    relaxed, strict = tmp_path / "宽松", tmp_path / "严格"
    relaxed.mkdir(), strict.mkdir()
    shutil.copy(seed_workbook, relaxed / "政府办.xlsx")
    shutil.copy(seed_workbook, strict / "政府办.xlsx")
    (relaxed / "xlperf.toml").write_text('ignore = ["C001", "W001"]\n', encoding="utf-8")
    code, report = run_json(str(relaxed), str(strict))
    errors = {Path(e["file"]).parent.name: [f["rule"] for f in e["findings"]
                                            if f["severity"] == "error"]
              for e in report["files"]}
    assert errors == {"宽松": [], "严格": ["C001", "W001"]}
    assert code == 1


def test_explicit_config_file_is_used_for_every_workbook(tmp_path: Path,
                                                         seed_workbook: Path) -> None:
    config = tmp_path / "市财政局规则.toml"
    config.write_text('[severity]\nW001 = "warning"\nC001 = "warning"\n', encoding="utf-8")
    code, report = run_json(str(seed_workbook), "--config", str(config))
    assert code == 0
    assert report["summary"]["error"] == 0


def test_broken_config_is_one_chinese_line_and_exit_2(tmp_path: Path,
                                                      seed_workbook: Path) -> None:
    config = tmp_path / "坏.toml"
    config.write_text("ignore = [C001\n", encoding="utf-8")
    code, out, err = run(str(seed_workbook), "--config", str(config))
    assert code == 2 and "坏.toml" in err and "TOML" in err
    assert out == "" and "Traceback" not in err


def test_department_with_unreadable_settings_is_listed_and_the_batch_goes_on(
        tmp_path: Path, seed_workbook: Path) -> None:
    department = read_text(SEED)
    department.settings = {"required_total": "一百"}
    write_department(department, tmp_path / "设置有误.xlsx")
    shutil.copy(seed_workbook, tmp_path / "正常.xlsx")
    code, report = run_json(str(tmp_path))
    by_name = {Path(e["file"]).name: e for e in report["files"]}
    assert "权重合计要求" in by_name["设置有误.xlsx"]["error"]
    assert {"C001", "W001"} <= {f["rule"] for f in by_name["正常.xlsx"]["findings"]}
    assert code == 2


@pytest.mark.parametrize("bound", [("GROUP_FILES", 2), ("ENGINE_ROWS", 1)],
                         ids=["groups of 2 files", "one department per engine call"])
def test_validating_in_groups_gives_the_same_report_as_one_call(
        tmp_path: Path, seed_workbook: Path, clean_workbook: Path, monkeypatch,
        bound: tuple[str, int]) -> None:
    for index in range(5):
        shutil.copy(seed_workbook if index % 2 else clean_workbook, tmp_path / f"{index}.xlsx")
    _, whole = run_json(str(tmp_path), "--jobs", "1")
    monkeypatch.setattr(f"xlperf.cli.validate_run.{bound[0]}", bound[1])
    _, grouped = run_json(str(tmp_path), "--jobs", "1")
    assert grouped == whole
    assert whole["summary"]["error"] == 4  # C001 + W001 in each of the two seed copies


def test_reading_in_worker_processes_gives_the_same_report_as_serial(
        tmp_path: Path, seed_workbook: Path, clean_workbook: Path) -> None:
    # Departments come back from the workers pickled: every cell address,
    # weight and note must survive the trip.
    for index in range(6):
        shutil.copy(seed_workbook if index % 2 else clean_workbook, tmp_path / f"{index}.xlsx")
    _, serial = run_json(str(tmp_path), "--jobs", "1")
    _, parallel = run_json(str(tmp_path), "--jobs", "2")
    assert parallel == serial
    cells = {f["cell"] for e in parallel["files"] for f in e["findings"]}
    assert "D20" in cells  # W001 on the seed's last project (cli.md)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_again_by_a_spreadsheet_program_gives_the_same_report(
        tmp_path: Path, seed_workbook: Path) -> None:
    """Offices send workbooks saved by Excel, WPS or LibreOffice, not by xlperf: shared strings
    instead of inline text, calculated 合计 formulas, their own merged-cell records."""
    saved = tmp_path / "另存"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(saved), str(seed_workbook)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(saved / seed_workbook.name) as package:
        assert "xl/sharedStrings.xml" in package.namelist()  # really rewritten
    _, ours = run_json(str(seed_workbook))
    _, theirs = run_json(str(saved / seed_workbook.name))

    def findings(report: dict) -> list[tuple]:
        return [(f["rule"], f["project"], f["sheet"], f["cell"], f["message"])
                for f in report["files"][0]["findings"]]

    assert findings(theirs) == findings(ours)
    assert ("W001", LAST_PROJECT, "项目07", "D20", "权重合计为 0，应为 100") in findings(theirs)


def test_progress_counts_every_file_read_by_the_workers(tmp_path: Path,
                                                        clean_workbook: Path) -> None:
    from xlperf.cli.batch import collect_paths
    from xlperf.cli.validate_run import RunOptions
    from xlperf.cli.validate_run import run as run_files

    for index in range(9):
        shutil.copy(clean_workbook, tmp_path / f"{index}.xlsx")
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 broken")
    steps: list[int] = []
    results = run_files(collect_paths([tmp_path]), RunOptions(jobs=2), steps.append)
    assert sum(steps) == 10  # the bar reaches the end, broken file included
    assert [Path(r.file).name for r in results] == sorted(p.name for p in tmp_path.iterdir())
    assert [r.error is not None for r in results].count(True) == 1


def test_workers_started_the_windows_way_give_the_same_report(
        tmp_path: Path, seed_workbook: Path, clean_workbook: Path, monkeypatch) -> None:
    # Windows has no fork: workers are spawned and import everything themselves.
    for index in range(4):
        shutil.copy(seed_workbook if index % 2 else clean_workbook, tmp_path / f"{index}.xlsx")
    _, serial = run_json(str(tmp_path), "--jobs", "1")
    monkeypatch.setattr("xlperf.workers.START_METHOD", "spawn")
    _, spawned = run_json(str(tmp_path), "--jobs", "2")
    assert spawned == serial


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory, seed_workbook: Path) -> dict[str, Path]:
    """The seed workbook as an office saves it in the older and the open formats."""
    folder = tmp_path_factory.mktemp("formats")
    for suffix in ("xls", "ods"):
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo",
                        "--convert-to", suffix, "--outdir", str(folder), str(seed_workbook)],
                       check=True, capture_output=True, timeout=180)
    return {suffix: folder / f"{seed_workbook.stem}.{suffix}" for suffix in ("xls", "ods")}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_annotate_of_an_xls_or_ods_writes_an_xlsx_copy_and_says_so(
        tmp_path: Path, saved_by_libreoffice: dict[str, Path], seed_workbook: Path,
        suffix: str) -> None:
    source = tmp_path / f"政府办.{suffix}"
    shutil.copy(saved_by_libreoffice[suffix], source)
    data = source.read_bytes()
    target = tmp_path / "政府办-标注.xlsx"
    code, _, err = run(str(source), "--annotate", str(target))
    assert code == 1 and ".xlsx 格式" in err and "未保留" in err
    assert source.read_bytes() == data
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["项目07"]
    original = openpyxl.load_workbook(seed_workbook)["项目07"]
    assert "W001" in sheet["D20"].comment.text and "C001" in sheet["C11"].comment.text
    for cell in ("A3", "B3", "C11", "D19"):  # every cell where it was: marks hit the table
        assert sheet[cell].value == original[cell].value
    if suffix == "xls":  # calamine reads no merged cells from an .ods (documented)
        assert {str(r) for r in sheet.merged_cells.ranges} == \
            {str(r) for r in original.merged_cells.ranges}
    rules = [row[1] for row in workbook["校验结果"].iter_rows(min_row=2, values_only=True)]
    assert {"W001", "C001"} <= set(rules)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_copy_of_an_xls_must_be_named_xlsx(tmp_path: Path,
                                               saved_by_libreoffice: dict[str, Path]) -> None:
    target = tmp_path / "标注.xls"
    code, _, err = run(str(saved_by_libreoffice["xls"]), "--annotate", str(target))
    assert code == 2 and "只能保存为 .xlsx" in err and "标注.xlsx" in err
    assert not target.exists()


def test_a_published_text_cannot_be_annotated(tmp_path: Path) -> None:
    source = tmp_path / "公告.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(str(source), "--annotate", str(tmp_path / "标记.xlsx"))
    assert code == 2 and "公开文本" in err and not (tmp_path / "标记.xlsx").exists()
