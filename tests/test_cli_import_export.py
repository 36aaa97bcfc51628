"""``xlperf import``, ``export`` and ``show`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.model.serialize import comparable
from xlperf.sources import read_department
from xlperf.sources.text.reader import parse_text, read_text

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_notice.txt"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def assert_one_chinese_error_line(result, file_name: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1
    assert lines[0].startswith("错误：") and file_name in lines[0]


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("import") / "政府办.xlsx"
    result = run("import", str(SEED), "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


# -- import ---------------------------------------------------------------------------


def test_import_writes_the_workbook_and_prints_a_summary(tmp_path):
    target = tmp_path / "政府办.xlsx"
    result = run("import", str(SEED), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    summary = result.stdout.strip()
    assert "\n" not in summary
    assert "石嘴山市人民政府办公室" in summary
    assert "7 个项目" in summary and "194.40 万元" in summary  # 10+12+35+16+12+76.9+32.5


def test_import_says_that_a_cost_breakdown_is_not_carried(tmp_path):
    """The workbook has no cost breakdown: before, import left it out without a word."""
    source = tmp_path / "成本.txt"
    source.write_text("项目名称\t技能培训\n项目预算成本构成\t金额\n培训费\t8\n资料费\t2\n"
                      "合计\t10\n一级指标\t二级指标\t三级指标\t指标值\n"
                      "产出指标\t数量指标\t培训人次\t≥500人次\n", encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "成本.xlsx"))
    assert result.exit_code == 0, result.output
    assert "未写入 项目“技能培训”的成本构成表（3 行）" in result.stdout


def test_import_of_a_two_level_table_with_scores_writes_its_total(tmp_path):
    """A two-level table's weight is its third column: the 合计 label merged over A:C hid
    the total's cell and import stopped with an internal error (exit 70)."""
    source = tmp_path / "两级.txt"
    source.write_text("项目名称\t老年人能力评估\n项目年度金额\t45\n"
                      "一级指标\t二级指标\t分值\t当年预期实现值\n"
                      "数量指标\t评估人数\t60\t1500人\n效益指标\t精准识别率\t30\t≥90%\n"
                      "满意度指标\t受评老人满意度\t10\t≥90%\n", encoding="utf-8")
    target = tmp_path / "两级.xlsx"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target)["项目01"]
    (total,) = [row for row in sheet.iter_rows() if row[0].value == "合计"]
    assert [c.coordinate for c in total if str(c.value or "").startswith("=SUM(")] == [
        total[2].coordinate]


def test_import_keeps_the_scores_of_the_long_term_side(tmp_path):
    """分值 on both sides of a 长期/年度 table: the long-term block was written without its
    scores, and import refused its own workbook (“长期指标的第 1 个的权重”)."""
    source = tmp_path / "长期.txt"
    source.write_text(
        "项目名称\t高标准农田建设\n项目年度金额\t1200\n"
        "一级指标\t二级指标（长期）\t三级指标（长期）\t指标值（长期）\t分值（长期）"
        "\t二级指标（年度）\t三级指标（年度）\t指标值（年度）\t分值（年度）\n"
        "产出指标\t数量指标\t建成面积\t5万亩\t60\t数量指标\t新建面积\t1万亩\t60\n"
        "效益指标\t社会效益指标\t粮食产能\t提高\t30\t社会效益指标\t受益农户\t≥300户\t30\n"
        "满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t10\t服务对象满意度指标"
        "\t农户满意度\t≥90%\t10\n", encoding="utf-8")
    target = tmp_path / "长期.xlsx"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    (project,) = read_department(target).projects
    assert [i.weight for i in project.long_term_indicators] == [60.0, 30.0, 10.0]
    assert [i.weight for i in project.indicators] == [60.0, 30.0, 10.0]


def test_import_refuses_a_workbook_that_reads_back_differently(tmp_path, monkeypatch):
    """A workbook writer that loses an indicator (simulated: the read-back drops the last
    one) is caught before the workbook is moved into place: exit 2, the difference named,
    nothing written."""
    import xlperf.sources.workbook.reader as workbook_reader

    real = workbook_reader.read_workbook

    def losing_one(path, *args, **kwargs):
        department = real(path, *args, **kwargs)
        department.projects[-1].indicators.pop()
        return department

    monkeypatch.setattr(workbook_reader, "read_workbook", losing_one)
    target = tmp_path / "政府办.xlsx"
    result = run("import", str(SEED), "-o", str(target))
    assert_one_chinese_error_line(result, "政府办.xlsx")
    assert "读回后与原文不一致" in result.stderr
    last = len(read_text(SEED).projects[-1].indicators)
    assert f"原文 {last} 个，工作簿中 {last - 1} 个" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_import_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "已有.xlsx"
    target.write_bytes(b"the user's own workbook")
    result = run("import", str(SEED), "-o", str(target))
    assert_one_chinese_error_line(result, "已有.xlsx")
    assert "--force" in result.stderr
    assert target.read_bytes() == b"the user's own workbook"
    forced = run("import", str(SEED), "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != b"the user's own workbook"


def test_import_defaults_to_a_workbook_beside_the_text(tmp_path):
    notice = tmp_path / "公开文本.txt"
    notice.write_bytes((DATA / "gbk_encoded.txt").read_bytes())
    result = run("import", str(notice))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "公开文本.xlsx").exists()


@pytest.mark.parametrize("name", ["binary_garbage.txt", "not_a_notice.txt", "unknown_encoding.txt",
                                  "empty.txt", "missing.txt"])
def test_import_bad_text_exits_2_and_writes_nothing(tmp_path, name):
    target = tmp_path / "out.xlsx"
    result = run("import", str(DATA / name), "-o", str(target))
    assert_one_chinese_error_line(result, name)
    assert list(tmp_path.iterdir()) == []


def test_output_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path):
    not_a_folder = tmp_path / "说明.txt"
    not_a_folder.write_text("a file where a folder should be", encoding="utf-8")
    result = run("import", str(SEED), "-o", str(not_a_folder / "out.xlsx"))
    assert_one_chinese_error_line(result, "out.xlsx")
    exported = run("export", str(SEED), "-o", str(not_a_folder / "out.txt"))
    assert_one_chinese_error_line(exported, "out.txt")


def test_import_needs_an_xlsx_output(tmp_path):
    result = run("import", str(SEED), "-o", str(tmp_path / "out.csv"))
    assert_one_chinese_error_line(result, "out.csv")


# -- export ---------------------------------------------------------------------------


def test_export_of_an_imported_workbook_gives_back_the_same_department(seed_workbook):
    result = run("export", str(seed_workbook), "--format", "txt")
    assert result.exit_code == 0, result.output
    assert comparable(parse_text(result.stdout)) == comparable(read_text(SEED))


def test_export_of_the_imported_seed_has_the_seed_s_columns(seed_workbook):
    """The seed has no 指标值 column; xlperf's workbook always has one (empty). The text
    exported from the imported seed is laid out as the seed was published, without an
    empty column added to every table."""
    result = run("export", str(seed_workbook), "--format", "txt")
    assert result.exit_code == 0, result.output
    heading = "一级指标\t二级指标\t三级指标"
    published = [line for line in SEED.read_text(encoding="utf-8").splitlines()
                 if line.startswith(heading)]
    exported = [line for line in result.stdout.splitlines() if line.startswith(heading)]
    assert len(published) == 7 and exported == published


@pytest.mark.parametrize("name", [
    "gbk_encoded.txt", "utf8_bom_crlf.txt", "fullwidth_digits.txt", "lost_leading_tabs.txt",
    "blank_lines_in_table.txt", "value_not_number.txt", "with_indicator_value_column.txt",
    "amounts_in_yuan.txt", "another_department.txt",
])
def test_import_then_export_round_trip(tmp_path, name):
    workbook = tmp_path / "dept.xlsx"
    assert run("import", str(DATA / name), "-o", str(workbook)).exit_code == 0
    result = run("export", str(workbook))
    assert result.exit_code == 0, result.output
    assert comparable(parse_text(result.stdout)) == comparable(read_text(DATA / name))


def test_export_to_a_gb18030_file(seed_workbook, tmp_path):
    target = tmp_path / "公开.txt"
    result = run("export", str(seed_workbook), "-o", str(target), "--encoding", "gb18030")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = target.read_bytes().decode("gb18030")
    assert text.startswith("石嘴山市人民政府办公室\n")
    assert comparable(read_text(target)) == comparable(read_text(SEED))


def test_export_reads_a_published_text_too(tmp_path):
    result = run("export", str(DATA / "lost_leading_tabs.txt"))
    assert result.exit_code == 0, result.output
    assert "\t\t1-2 名驻村干部生活补助按月发放\t10\n" in result.stdout


def test_export_never_overwrites_its_input(seed_workbook):
    before = seed_workbook.read_bytes()
    result = run("export", str(seed_workbook), "-o", str(seed_workbook))
    assert_one_chinese_error_line(result, seed_workbook.name)
    assert seed_workbook.read_bytes() == before


def test_export_of_a_corrupt_workbook(tmp_path):
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    result = run("export", str(broken))
    assert_one_chinese_error_line(result, "坏.xlsx")


# -- show -----------------------------------------------------------------------------


def test_show_json_prints_the_model_as_model_md_shows_it(seed_workbook):
    result = run("show", str(seed_workbook), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # model.md's keys first, in its order; the keys xlperf adds after them (docs/model.md).
    assert list(data) == ["department", "year", "published", "projects", "notes"]
    assert data["notes"] == []  # the seed's workbook has no row outside its projects
    assert (data["department"], data["year"], data["published"]) == (
        "石嘴山市人民政府办公室", 2024, "2024-02-05")
    first = data["projects"][0]
    # model.md's keys first, in its order; the keys other layouts add after them.
    assert list(first)[:10] == ["name", "competent_department", "implementing_unit",
                                "attribute", "term", "division", "amount", "goal", "sheet",
                                "indicators"]
    assert {"mid_term_goal", "funds", "period", "layout", "columns", "notes"} <= set(first)
    assert first["amount"] == 10.0 and first["sheet"] == "项目01"
    indicator = first["indicators"][0]
    assert dict(list(indicator.items())[:7]) == {  # the example in model.md
        "level1": "1-产出指标", "level2": "11-数量指标", "name": "全年督查不少于 50 次",
        "value": None, "weight": 20.0, "not_applicable": False, "cell": "C11"}
    assert {"comparator", "target", "unit", "direction", "standard", "score"} <= set(indicator)
    assert data["projects"][5]["amount"] == 76.9
    assert "石嘴山" in result.stdout  # Chinese as written, not \\u escapes
    assert result.stdout.startswith('{\n  "department"')  # indent=2


def test_show_summary_table(seed_workbook):
    result = run("show", str(seed_workbook))
    assert result.exit_code == 0, result.output
    for text in ("项目01", "项目07", "金额（万元）", "权重合计", "76.90", "194.40", "共 7 个项目"):
        assert text in result.stdout


def test_show_missing_workbook(tmp_path):
    result = run("show", str(tmp_path / "无.xlsx"))
    assert_one_chinese_error_line(result, "无.xlsx")


def _rules(path: Path) -> list[str]:
    """The findings' rules, less those about the source's form that import settles (T001)."""
    result = run("validate", str(path), "--format", "json")
    return sorted(f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]
                  if f["rule"] != "T001")


def test_two_units_projects_of_one_name_are_no_duplicate_after_import(tmp_path):
    """A flat list's (单位名称, 项目名称) is one project: imported into a sheet each, the two
    units' projects of one name are still not H004 (before: an error only after import)."""
    source = tmp_path / "清单.txt"
    row = "产出指标\t数量指标\t保障村数量\t=\t11\t个\t100\t正向指标"
    source.write_text(
        "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值"
        "\t度量单位\t权重\t指标方向性\n"
        f"301001-某镇人民政府\t村级组织运转经费\t22\t保障运转。\t{row}\n"
        f"301002-某镇农业服务中心\t村级组织运转经费\t22\t保障运转。\t{row}\n", encoding="utf-8")
    target = tmp_path / "清单.xlsx"
    assert run("import", str(source), "-o", str(target)).exit_code == 0
    assert "H004" not in _rules(source)
    assert _rules(target) == _rules(source)


def test_an_amount_given_as_its_funds_reads_back_without_a_stray_row(tmp_path):
    """财政资金 120 and no 项目金额 label: the workbook holds the funds row, not a bare 120
    beside no label that read back as an unplaced row (R003 only after import)."""
    source = tmp_path / "财政资金.txt"
    source.write_text(
        "项目名称\t测试项目甲\n主管部门\t某某局\t实施单位\t某某中心\n财政资金\t120\n"
        "年度总体绩效目标\t完成培训500人次。\n一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t培训人次\t≥500人次\n", encoding="utf-8")
    target = tmp_path / "财政资金.xlsx"
    assert run("import", str(source), "-o", str(target)).exit_code == 0
    assert "R003" not in _rules(target)
    assert _rules(target) == _rules(source)
    assert read_department(target).projects[0].amount == 120
