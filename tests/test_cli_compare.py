"""``xlperf compare LAST THIS`` as a user runs it: two containers, folders, JSON, annotation,
bad input."""

from __future__ import annotations

import hashlib
import json
import shutil
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
OTHER = DATA / "another_department.txt"
FIRST = "重点工作专项督查组工作经费"


def last_year(text: str) -> str:
    """The seed as last year's table: a higher floor, a lower ceiling, its year in a name."""
    return (text.replace("全年督查不少于 50 次", "全年督查不少于 80 次")
            .replace("车辆租赁费不高于 8 万元", "车辆租赁费不高于 6 万元")
            .replace(f"项目名称\t{FIRST}", f"项目名称\t2023年度{FIRST}")
            .replace("2024 年", "2023 年"))


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Last year as a published text, this year (the seed) as a workbook."""
    folder = tmp_path_factory.mktemp("years")
    last = folder / "2023.txt"
    last.write_text(last_year(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    this = folder / "2024.xlsx"
    write_department(read_text(SEED), this)
    return last, this


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["compare", *(str(a) for a in args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str) -> tuple[int, dict]:
    code, out, _ = run(*args, "--format", "json")
    report = json.loads(out)
    jsonschema.validate(report, report_schema())
    return code, report


def test_last_year_as_text_against_this_year_as_a_workbook(years) -> None:
    code, out, _ = run(*years)
    assert code == 0  # warnings only
    assert "警告 Y001 项目01!C11" in out and "80 次 → 50 次" in out
    assert "上限 6 万元 → 8 万元" in out
    assert f"上年“2023年度{FIRST}” → 本年“{FIRST}”" in out
    assert "Y005" not in out and "Y006" not in out  # the renamed project was paired


def test_json_is_the_validate_report_with_the_pairing(years) -> None:
    code, report = run_json(*years)
    assert code == 0
    (entry,) = report["files"]
    assert entry["compared_with"] == str(years[0])
    assert len(entry["pairs"]) == 7
    assert entry["pairs"][0] == {"last": f"2023年度{FIRST}", "this": FIRST, "renamed": True,
                                 "continuing": False}
    rules = [(f["rule"], f["sheet"], f["cell"]) for f in entry["findings"]]
    assert rules == [("Y001", "项目01", "C11"), ("Y001", "项目01", "C19")]
    assert report["summary"]["warning"] == 2


def test_the_same_table_in_two_containers_reports_nothing(years) -> None:
    code, out, _ = run(SEED, years[1])
    assert code == 0 and "未发现问题" in out


def test_ignore_and_select_take_y_codes(years) -> None:
    assert run_json(*years, "--ignore", "Y001")[1]["summary"]["warning"] == 0
    code, _, err = run(*years, "--select", "Z9")
    assert code == 2 and "“Z9”不对应任何规则" in err


def test_an_xlperf_toml_beside_this_year_sets_severity(years, tmp_path: Path) -> None:
    this = shutil.copy(years[1], tmp_path / "2024.xlsx")
    (tmp_path / "xlperf.toml").write_text('[severity]\nY001 = "error"\n', encoding="utf-8")
    code, report = run_json(years[0], this)
    assert code == 1 and report["summary"]["error"] == 2


def test_annotate_marks_this_years_cells_and_leaves_both_inputs(years, tmp_path: Path) -> None:
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in years]
    out = tmp_path / "标注.xlsx"
    code, _, err = run(*years, "--annotate", out)
    assert code == 0 and "已写出标注副本" in err
    book = openpyxl.load_workbook(out)
    assert "80 次 → 50 次" in book["项目01"]["C11"].comment.text
    assert any("Y001" in str(c.value) for row in book["校验结果"].iter_rows() for c in row)
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in years] == before


def test_annotate_needs_this_year_as_a_workbook(years, tmp_path: Path) -> None:
    code, _, err = run(years[1], years[0], "--annotate", tmp_path / "a.xlsx")
    assert code == 2 and "没有单元格可标注" in err
    assert not (tmp_path / "a.xlsx").exists()


def test_two_folders_pair_departments_by_name(tmp_path: Path) -> None:
    last, this = tmp_path / "2023", tmp_path / "2024"
    last.mkdir(), this.mkdir()
    (last / "甲.txt").write_text(last_year(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(OTHER, last / "乙.txt")
    write_department(read_text(SEED), this / "政府办2024.xlsx")
    write_department(read_text(OTHER), this / "农业农村局.xlsx")
    code, report = run_json(last, this)
    assert code == 0
    partners = {Path(e["file"]).name: Path(e["compared_with"]).name for e in report["files"]}
    assert partners == {"农业农村局.xlsx": "乙.txt", "政府办2024.xlsx": "甲.txt"}
    by_file = {Path(e["file"]).name: e["findings"] for e in report["files"]}
    assert by_file["农业农村局.xlsx"] == []
    assert [f["cell"] for f in by_file["政府办2024.xlsx"]] == ["C11", "C19"]


def test_a_department_only_in_one_year(tmp_path: Path) -> None:
    last, this = tmp_path / "2023", tmp_path / "2024"
    last.mkdir(), this.mkdir()
    shutil.copy(OTHER, last / "乙.txt")
    shutil.copy(SEED, this / "甲.txt")
    code, report = run_json(last, this)
    rules = {Path(e["file"]).name: {f["rule"] for f in e["findings"]} for e in report["files"]}
    assert rules == {"甲.txt": {"Y005"}, "乙.txt": {"Y006"}}
    assert code == 0


def test_an_unreadable_file_in_a_folder_is_listed_and_exits_2(tmp_path: Path) -> None:
    last, this = tmp_path / "2023", tmp_path / "2024"
    last.mkdir(), this.mkdir()
    shutil.copy(SEED, last / "甲.txt")
    shutil.copy(SEED, this / "甲.txt")
    shutil.copy(DATA / "not_a_notice.txt", this / "说明.txt")
    code, report = run_json(last, this)
    errors = {Path(e["file"]).name: e.get("error") for e in report["files"]}
    assert code == 2 and errors["甲.txt"] is None and errors["说明.txt"]


@pytest.mark.parametrize(("args", "words"), [
    (("缺失.xlsx", SEED), "找不到上年的表（LAST）"),
    ((SEED, DATA), "应同为文件或同为文件夹"),
    ((DATA / "not_a_notice.txt", SEED), "上年的表（LAST）无法读取"),
    ((SEED, DATA / "binary_garbage.txt"), "本年的表（THIS）无法读取"),
])
def test_bad_input_is_one_chinese_line_and_exit_2(args, words: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and words in err and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_empty_folder_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    code, _, err = run(tmp_path / "a", tmp_path / "b")
    assert code == 2 and "没有可读取的绩效目标表" in err


def test_rules_lists_the_y_family() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert "Y001" in result.stdout and "Y007" in result.stdout
    result = CliRunner().invoke(cli, ["rules", "--code", "Y002"])
    assert "照搬上年" in result.stdout and "本年：项目年度金额：15" in result.stdout


def test_two_files_pair_whatever_their_names_a_real_published_table(tmp_path: Path) -> None:
    """A real table (湘潭, no department name) against this year's copy with fewer vehicles,
    a shorter range and a higher satisfaction rate: the two lowered targets, nothing else."""
    real = DATA / "real_layouts" / "01-xiangtan-wupaoche.txt"
    text = real.read_text(encoding="utf-8")
    this = tmp_path / "本年.txt"
    this.write_text(text.replace("配备车辆数\t10辆", "配备车辆数\t8辆").replace("≥80M", "≥60M")
                    .replace("满意程度\t≥85%", "满意程度\t≥90%"), encoding="utf-8")
    code, report = run_json(real, this)
    assert code == 0
    (entry,) = report["files"]
    messages = [f["message"] for f in entry["findings"]]
    assert [f["rule"] for f in entry["findings"]] == ["Y001", "Y001"]
    assert "10 辆 → 8 辆" in messages[0] and "80M → 60M" in messages[1]


def test_annotate_never_overwrites_last_years_workbook(tmp_path: Path) -> None:
    last = tmp_path / "2023.xlsx"
    write_department(read_text(SEED), last)
    this = shutil.copy(last, tmp_path / "2024.xlsx")
    before = last.read_bytes()
    code, _, err = run(last, this, "--annotate", last)
    assert code == 2 and "就是上年的表" in err
    assert last.read_bytes() == before


def test_a_bad_compare_setting_names_the_file_and_exits_2(years, tmp_path: Path) -> None:
    this = shutil.copy(years[1], tmp_path / "2024.xlsx")
    (tmp_path / "xlperf.toml").write_text('[compare]\ncopied_amount_change = "很多"\n',
                                          encoding="utf-8")
    code, out, err = run(years[0], this)
    assert code == 2 and "xlperf.toml" in err and "copied_amount_change" in err and out == ""
