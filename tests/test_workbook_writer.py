"""The written workbook: what a finance officer sees in Excel, and what the reader reads back."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlperf.model import Department, Indicator, Project, load_framework
from xlperf.model.serialize import comparable
from xlperf.model.vocabulary import label_key, vocabulary
from xlperf.sources.text.reader import read_text
from xlperf.sources.workbook.reader import UNCACHED_FORMULA, read_workbook
from xlperf.writers.workbook import layout
from xlperf.writers.workbook.regenerate import TEMPLATE_NAME, regenerate, sample_name
from xlperf.writers.workbook.writer import write_department, write_template

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).parent / "data" / "seed_notice.txt"
FRAMEWORK = load_framework()


@pytest.fixture(scope="module")
def seed() -> Department:
    return read_text(SEED)


@pytest.fixture(scope="module")
def seed_book(seed, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.xlsx"
    write_department(seed, path)
    return path


def project(name: str = "督查经费", **fields) -> Project:
    indicators = fields.pop("indicators", [
        Indicator("1-产出指标", "11-数量指标", "全年督查不少于 50 次", weight=60.0),
        Indicator("1-产出指标", "11-数量指标", "通报不少于 20 期", weight=40.0),
    ])
    return Project(name=name, amount=fields.pop("amount", 10.0), indicators=indicators, **fields)


# --- what the reader reads back -------------------------------------------------------------

def test_seed_reads_back_the_same(seed, seed_book):
    again = read_workbook(seed_book)
    assert comparable(again) == comparable(seed)
    assert UNCACHED_FORMULA not in str(comparable(again))  # our own =SUM total is not data
    assert [p.sheet for p in again.projects] == [f"项目0{i}" for i in range(1, 8)]


def test_sheet_text_is_stored_as_utf8_like_excel_stores_it(seed, seed_book):
    """openpyxl writes each Chinese character as ``&#NNNNN;``; the saved sheets hold the
    characters themselves, as Excel's do (smaller, faster for every reader)."""
    with zipfile.ZipFile(seed_book) as package:
        sheets = [package.read(n) for n in package.namelist() if n.startswith("xl/worksheets/")]
    text = b"".join(sheets)
    assert seed.projects[0].name.encode("utf-8") in text
    assert not re.search(rb"&#[0-9]{3,};", text)
    assert b"<?xml" not in text or b'encoding="UTF-8"' in text


def test_long_project_name_keeps_its_full_name_in_b3(seed, seed_book):
    long_name = seed.projects[5].name
    assert len(long_name) > 31  # longer than Excel allows for a sheet name
    sheet = openpyxl.load_workbook(seed_book)["项目06"]
    assert sheet["B3"].value == long_name
    assert read_workbook(seed_book).projects[5].name == long_name


def test_user_text_that_looks_like_a_formula_stays_text(tmp_path):
    dangerous = '=HYPERLINK("http://x","y")'
    indicators = [Indicator("1-产出指标", "11-数量指标", "-1", weight=50.0),
                  Indicator("1-产出指标", "11-数量指标", "@SUM(A1)", weight=30.0, value="+1"),
                  Indicator("1-产出指标", "11-数量指标", "#REF!", weight=20.0)]
    department = Department(name="=1+1", projects=[project(dangerous, indicators=indicators)])
    path = tmp_path / "formula_text.xlsx"
    write_department(department, path)

    sheet = openpyxl.load_workbook(path)["项目01"]
    for address, text in (("B3", dangerous), ("C11", "-1"), ("C12", "@SUM(A1)"),
                          ("E12", "+1"), ("C13", "#REF!")):
        assert (sheet[address].value, sheet[address].data_type) == (text, "s")
    assert openpyxl.load_workbook(path)[layout.DEPARTMENT_SHEET]["B2"].data_type == "s"
    again = read_workbook(path)
    assert again.name == "=1+1"
    assert again.projects[0].name == dangerous
    assert [i.name for i in again.projects[0].indicators] == ["-1", "@SUM(A1)", "#REF!"]


def test_values_that_are_not_numbers_round_trip_as_text(tmp_path):
    indicators = [Indicator("1-产出指标", "11-数量指标", "甲", weight="待定")]
    path = tmp_path / "pending.xlsx"
    write_department(Department(projects=[project(amount="待定", indicators=indicators)]), path)
    sheet = openpyxl.load_workbook(path)["项目01"]
    assert (sheet["D8"].value, sheet["D8"].data_type) == ("待定", "s")
    again = read_workbook(path).projects[0]
    assert (again.amount, again.indicators[0].weight) == ("待定", "待定")


def test_notice_fields_and_settings_round_trip(tmp_path):
    department = Department(
        name="某某局", year=2025, published=date(2025, 2, 10),
        legal_basis=["《预算法》", "《实施意见》（宁党发〔2019〕9号）", "《第三份》"],
        attachment_title="2025 年部门项目支出预算绩效目标表", signing_body="某某局",
        declared_total=10.0, settings={"required_total": "100", "ignore": "Q001,C004"},
        projects=[project()])
    path = tmp_path / "notice_fields.xlsx"
    write_department(department, path)
    again = read_workbook(path)
    assert comparable(again) == comparable(department)
    assert again.declared_total == 10.0
    assert again.settings == department.settings
    info = openpyxl.load_workbook(path)[layout.DEPARTMENT_SHEET]
    assert info[again.declared_total_cell].value == 10.0


# --- hypothesis: any department survives write → read --------------------------------------

RESERVED = {label_key(text) for text in (
    *layout.HEADER_LABELS.values(), *layout.COLUMN_LABELS.values(),
    *(a for aliases in vocabulary().columns.values() for a in aliases),
    *(f.label for f in (*layout.DEPARTMENT_FIELDS, *layout.SETTING_FIELDS)),
    layout.TOTAL_LABEL, "总计", layout.TABLE_TITLE, layout.UNIT_LABEL, "单位：元")}
ALPHABET = "督查经费全年不少于次满意度达到以上项目（）《》，。、%=+-@#ab1 ０５"
texts = st.text(ALPHABET, min_size=1, max_size=40).map(str.strip).filter(
    lambda s: s and label_key(s) not in RESERVED)
optional_texts = st.one_of(st.just(""), texts)
# Amounts and weights as people write them: up to 4 decimals. (openpyxl writes 16
# significant digits, so a float with more than that would not survive; none occurs.)
numbers = st.builds(lambda n, places: n / 10**places, st.integers(0, 10**9),
                    st.integers(0, 4))
not_numbers = st.sampled_from(["待定", "约 5", "854万854万"])  # 10万元 reads as 10
level1s = st.sampled_from([item.label for item in FRAMEWORK.level1])
level2s = st.sampled_from([item.label for item in FRAMEWORK.all_level2()])


@st.composite
def indicators(draw) -> Indicator:
    name = draw(st.one_of(texts, st.just(layout.NOT_APPLICABLE)))
    return Indicator(level1=draw(level1s), level2=draw(level2s), name=name,
                     weight=draw(st.one_of(st.none(), numbers, not_numbers)),
                     value=draw(st.one_of(st.none(), texts)),
                     not_applicable=layout.is_not_applicable(name))


@st.composite
def projects(draw) -> Project:
    fields = {key: draw(optional_texts) for key in (
        "competent_department", "implementing_unit", "term", "division", "goal")}
    # 项目属性 is a code: the reader normalises one typed with full-width digits (T001).
    fields["attribute"] = draw(st.sampled_from(("", *layout.PROJECT_ATTRIBUTES, "上年延续性项目")))
    return Project(name=draw(texts), amount=draw(st.one_of(st.none(), numbers, not_numbers)),
                   indicators=draw(st.lists(indicators(), max_size=12)), **fields)


@st.composite
def departments(draw) -> Department:
    return Department(
        name=draw(optional_texts), year=draw(st.one_of(st.none(), st.integers(2000, 2100))),
        published=draw(st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2099, 12, 31)))),
        legal_basis=draw(st.lists(texts, max_size=3)),
        attachment_title=draw(optional_texts), signing_body=draw(optional_texts),
        disclosure=draw(optional_texts),
        projects=draw(st.lists(projects(), min_size=1, max_size=3)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(department=departments())
def test_any_department_reads_back_the_same(department, tmp_path):
    path = tmp_path / "generated.xlsx"
    write_department(department, path)
    assert comparable(read_workbook(path)) == comparable(department)


# --- what Excel shows: validations, conditional format, print set-up ------------------------

def validations(sheet) -> dict[str, tuple[str, str | None, str | None]]:
    return {str(dv.sqref): (dv.type, dv.operator, dv.formula1)
            for dv in sheet.data_validations.dataValidation}


def test_project_sheet_helps_the_person_typing(seed_book):
    book = openpyxl.load_workbook(seed_book)
    sheet = book["项目01"]
    rules = validations(sheet)
    assert rules["A11:A26"] == ("list", None, "'_lists'!$A$1:$A$3")
    assert rules["B11:B26"][0] == "list" and "INDIRECT" in rules["B11:B26"][2]
    assert rules["B6"] == ("list", None, "'_lists'!$C$1:$C$3")
    lists = book[layout.HELPER_SHEET]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists["A"] if c.value] == [item.label for item in FRAMEWORK.level1]
    assert [c.value for c in lists["C"] if c.value] == list(layout.PROJECT_ATTRIBUTES)


def test_drop_downs_warn_about_a_typed_entry_outside_the_list(seed_book):
    """showErrorMessage on, warning style: Excel asks 是否继续 (a spelling the rules still
    accept may be kept), instead of taking any text without a word."""
    book = openpyxl.load_workbook(seed_book)
    lists = [dv for name in ("项目01", layout.DEPARTMENT_SHEET)
             for dv in book[name].data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 4  # 一级, 二级, 项目属性, 指标体系
    for dv in lists:
        assert dv.showErrorMessage and dv.errorStyle == "warning" and dv.error, dv.sqref


def test_level2_lists_are_named_per_level1(seed_book):
    book = openpyxl.load_workbook(seed_book)
    for index, first in enumerate(FRAMEWORK.level1, start=1):
        sheet, cells = next(book.defined_names[f"二级指标列表_{index}"].destinations)
        values = [c.value for row in book[sheet][cells] for c in row]
        assert values == [child.label for child in first.children]


def test_number_checks_match_the_rules(seed_book):
    """H002: an amount is a positive number; W002: a weight is between 0 and 100."""
    rules = {str(dv.sqref): dv for dv in
             openpyxl.load_workbook(seed_book)["项目01"].data_validations.dataValidation}
    amount, weight = rules["D8"], rules["D11:D26"]
    assert (amount.type, amount.operator, amount.formula1) == ("decimal", "greaterThan", "0")
    assert (weight.type, weight.operator, weight.formula1, weight.formula2) == (
        "decimal", "between", "0", "100")
    assert amount.showErrorMessage and weight.showErrorMessage
    assert amount.errorStyle == weight.errorStyle == "stop"


def test_framework_is_chosen_by_its_chinese_name(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    info = book[layout.DEPARTMENT_SHEET]
    row = next(c.row for c in info["A"] if c.value == "指标体系")
    dv, = [dv for dv in info.data_validations.dataValidation if f"B{row}" in dv.sqref]
    choices = [c.value for r in book[layout.HELPER_SHEET][dv.formula1.split("!")[1]] for c in r]
    assert choices[:2] == ["自动", "标准（成本在产出指标下）"]
    assert "成本为一级指标" in choices and "standard" not in choices


@pytest.mark.parametrize("typed", ["成本为一级指标", "标准(成本在产出指标下)"])
def test_a_typed_chinese_framework_name_reads(tmp_path, typed):
    from xlperf.validation.config import Config
    from xlperf.validation.engine import validate

    department = Department(name="某局", projects=[project()], settings={"framework": typed})
    path = tmp_path / "dept.xlsx"
    write_department(department, path)
    read = read_workbook(path)
    assert read.settings["framework"] == typed
    config = Config().merged_with(read.settings)
    assert config.framework == ("cost-first-level" if "一级" in typed else "standard")
    validate([read], config)  # no 指标体系 error: the workbook stays readable
    lists = openpyxl.load_workbook(path)[layout.HELPER_SHEET]
    expected = load_framework(config.framework)
    assert [c.value for c in lists["A"] if c.value] == [i.label for i in expected.level1]


def test_weight_total_is_a_live_sum_that_turns_red(seed_book):
    book = openpyxl.load_workbook(seed_book)
    sheet = book["项目01"]
    assert sheet["A27"].value == "合计"
    assert sheet["D27"].value == "=SUM(D10:INDEX(D:D,ROW()-1))"  # header to the row above
    assert read_workbook(seed_book).projects[0].total_cell == "D27"
    (cell_range, rules), = [(str(r.sqref), r.rules) for r in sheet.conditional_formatting]
    assert cell_range == "D27"
    formula = rules[0].formula[0]
    assert "$D$27" in formula and "权重合计要求" in formula and "100" in formula
    assert rules[0].dxf.fill.fgColor.rgb.endswith("FFC7CE") and rules[0].dxf.font.b
    required = book.defined_names["权重合计要求"].attr_text
    sheet_name, cell = required.split("!")
    label_row = int(cell.split("$")[-1])
    assert book[sheet_name.strip("'")][f"A{label_row}"].value == "权重合计要求"


def test_project_sheet_prints_on_a4(seed_book):
    sheet = openpyxl.load_workbook(seed_book)["项目01"]
    setup = sheet.page_setup
    assert (int(setup.paperSize), setup.orientation) == (9, "portrait")  # 9 = A4
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$10"  # name, header block, column heads
    assert sheet.print_area == "'项目01'!$A$1:$D$27"
    assert sheet.freeze_panes == "A11"
    assert sheet.column_dimensions["C"].width >= 50
    assert sheet["C11"].font.name == "宋体" and sheet["C11"].alignment.wrap_text
    assert sheet["C11"].border.left.style == "thin"


def test_print_area_includes_indicator_values_when_there_are_any(tmp_path):
    indicators = [Indicator("1-产出指标", "11-数量指标", "网站个数", weight=100.0, value="5 个")]
    path = tmp_path / "with_values.xlsx"
    write_department(Department(projects=[project(indicators=indicators)]), path)
    sheet = openpyxl.load_workbook(path)["项目01"]
    assert sheet.print_area == "'项目01'!$A$1:$E$12"
    assert sheet["E10"].value == "指标值" and sheet["E11"].value == "5 个"


def test_levels_are_merged_down_their_group(seed_book):
    merged = {str(r) for r in openpyxl.load_workbook(seed_book)["项目01"].merged_cells.ranges}
    # seed project 1: 1-产出指标 has 10 rows (11-20), 11-数量指标 2 rows, 12-质量指标 3 rows
    assert {"A1:D1", "B3:D3", "B9:D9", "A11:A20", "B11:B12", "B13:B15",
            "A27:C27"} <= merged


def test_project_list_follows_the_project_sheets(seed, seed_book):
    sheet = openpyxl.load_workbook(seed_book)[layout.PROJECT_LIST_SHEET]
    assert [c.value for c in sheet[1]] == ["序号", "项目名称", "金额（万元）", "工作表"]
    assert sheet["B2"].value == "=IF('项目01'!B3=\"\",\"\",'项目01'!B3)"
    assert sheet["C2"].value == "=IF('项目01'!D8=\"\",\"\",'项目01'!D8)"
    assert sheet["D8"].hyperlink.location == "'项目07'!A1"
    assert sheet["A9"].value == "合计" and sheet["C9"].value == "=SUM(C1:INDEX(C:C,ROW()-1))"


def test_viewers_that_do_not_calculate_see_the_list_and_totals(seed, seed_book):
    """python-calamine (what pandas uses) shows the cached values, as a phone preview does."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(seed_book))
    listing = book.get_sheet_by_name(layout.PROJECT_LIST_SHEET).to_python()
    assert [row[1] for row in listing[1:8]] == [p.name for p in seed.projects]
    assert [row[2] for row in listing[1:8]] == [p.amount for p in seed.projects]
    assert listing[8][0] == "合计" and listing[8][2] == pytest.approx(194.4)
    first = book.get_sheet_by_name("项目01").to_python()
    assert first[26][0] == "合计" and first[26][3] == 100  # D27, the weights of project 1


@pytest.mark.parametrize("kind", ["template", "department"])
def test_every_formula_carries_a_cached_value(tmp_path, seed, kind):
    path = tmp_path / "book.xlsx"
    write_template(path) if kind == "template" else write_department(seed, path)
    formulas = 0
    for name, part in members(path).items():
        if name.startswith("xl/worksheets/"):
            cells = re.findall(rb'<c r="[A-Z]+[0-9]+"([^>]*)><f>[^<]*</f><v>([^<]*)</v>', part)
            formulas += part.count(b"<f>")
            assert len(cells) == part.count(b"<f>"), name  # every formula has its <v>
            for attributes, value in cells:  # a blank result is cached as an empty text
                assert value or b't="str"' in attributes, (name, attributes)
    assert formulas >= (3 if kind == "template" else 7 * 2 + 1 + 7)


def test_sheet_order_and_department_sheet(seed_book):
    book = openpyxl.load_workbook(seed_book)
    assert book.sheetnames[:3] == [layout.DEPARTMENT_SHEET, layout.PROJECT_LIST_SHEET, "项目01"]
    assert book.sheetnames[-1] == layout.HELPER_SHEET
    info = book[layout.DEPARTMENT_SHEET]
    labels = [c.value for c in info["A"]]
    for field in (*layout.DEPARTMENT_FIELDS, *layout.SETTING_FIELDS):
        assert field.label in labels
    year_row = labels.index("预算年度") + 1
    assert validations(info)[f"B{year_row}"][0] == "whole"
    date_row = labels.index("公开日期") + 1
    assert validations(info)[f"B{date_row}"][0] == "date"


# --- the blank template ----------------------------------------------------------------------

def test_template_has_the_framework_rows_and_room(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path, department="某某局", year=2025)
    book = openpyxl.load_workbook(path)
    info = book[layout.DEPARTMENT_SHEET]
    assert (info["B2"].value, info["B3"].value) == ("某某局", 2025)
    sheet = book["项目01"]
    level2 = [sheet[f"B{row}"].value for row in range(11, 60) if sheet[f"B{row}"].value]
    assert level2 == [item.label for item in FRAMEWORK.all_level2()]
    total_row = next(r for r in range(11, 80) if sheet[f"A{r}"].value == "合计")
    assert total_row - 11 > 2 * len(level2)  # blank rows for staff below the framework rows
    assert sheet[f"D{total_row}"].value == "=SUM(D10:INDEX(D:D,ROW()-1))"
    assert all(sheet[f"D{row}"].value is None for row in range(11, total_row))
    assert sheet["B4"].value == "某某局"


def test_template_project_list_follows_the_project_sheet(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    sheet = openpyxl.load_workbook(path)[layout.PROJECT_LIST_SHEET]
    assert "'项目01'!B3" in sheet["B2"].value and "'项目01'!D8" in sheet["C2"].value


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_template(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path, department="某某局", year=2025)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "template.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    assert pages == 3  # 部门信息, 项目清单, 项目01 — each on one A4 page
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "部门项目支出预算绩效目标表" in text and "31-服务对象满意度" in text


# --- reproducible output, committed files -----------------------------------------------------

def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_same_input_same_bytes(tmp_path, seed):
    stamp = datetime(2024, 2, 5, tzinfo=UTC)
    write_department(seed, tmp_path / "a.xlsx", timestamp=stamp)
    write_department(seed, tmp_path / "b.xlsx", timestamp=stamp)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    core = members(tmp_path / "a.xlsx")["docProps/core.xml"].decode()
    assert "2024-02-05T00:00:00Z" in core


def test_committed_workbooks_match_the_code(tmp_path, seed):
    """If this fails, run `make workbooks` and commit workbook/."""
    regenerate(tmp_path)
    for name in (TEMPLATE_NAME, sample_name(seed)):
        committed = ROOT / "workbook" / name
        assert committed.exists(), f"workbook/{name} is missing: run make workbooks"
        assert members(committed) == members(tmp_path / name), f"workbook/{name} is stale"


def test_s002_points_at_the_level2_cell(tmp_path):
    """The wrong 二级 is marked where it is written (B), not on the row's 三级 text (C)."""
    from xlperf.validation.engine import validate

    indicators = [Indicator("1-产出指标", "11-数量指标", "全年督查不少于 50 次", weight=60.0),
                  Indicator("1-产出指标", "21-经济效益", "通报不少于 20 期", weight=40.0)]
    path = tmp_path / "s002.xlsx"
    write_department(Department(name="某局", projects=[project(indicators=indicators)]), path)
    found = [(f.sheet, f.cell) for f in validate([read_workbook(path)]) if f.rule == "S002"]
    assert found == [("项目01", "B12")]
    assert openpyxl.load_workbook(path)["项目01"]["B12"].value == "21-经济效益"


def test_header_block_gives_long_values_the_table_width(seed_book):
    """实施单位 is not squeezed into the narrow 绩效值 column: the unit names take a row of
    their own across the table; the short values sit in pairs."""
    sheet = openpyxl.load_workbook(seed_book)["项目01"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"B3:D3", "B4:D4", "B5:D5", "B6:D6", "B7:D7", "B9:D9"} <= merged
    assert [sheet[f"A{row}"].value for row in range(3, 10)] == [
        "项目名称", "主管部门", "实施单位", "项目属性", "项目主管处室", "项目期限",
        "年度总体绩效目标"]
    assert sheet["B5"].value == "石嘴山市人民政府办公室"
    assert sheet["B8"].value == "1年"
    assert (sheet["C8"].value, sheet["D8"].value) == ("项目年度金额", 10)  # a number in 绩效值


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_long_project_repeats_its_name_and_header_on_every_page(tmp_path):
    indicators = [Indicator("1-产出指标", "11-数量指标", f"第 {n} 项督查任务按期完成，形成报告",
                            weight=1.0) for n in range(1, 101)]
    path = tmp_path / "long.xlsx"
    write_department(Department(projects=[project("长项目专项经费", indicators=indicators)]),
                     path)
    assert openpyxl.load_workbook(path)["项目01"].print_title_rows == "$3:$10"
    pages = rendered_pages(path, tmp_path, "项目01")
    assert len(pages) == 2
    for text in pages:
        assert "长项目专项经费" in text and "三级指标" in text and "绩效值" in text


def rendered_pages(path: Path, tmp_path: Path, sheet: str) -> list[str]:
    """The text of each printed page of ``sheet`` (the workbook printed by LibreOffice)."""
    book = openpyxl.load_workbook(path)
    for other in book.sheetnames:
        if other != sheet:
            book[other].sheet_state = "hidden"  # LibreOffice prints the visible sheets
    single = tmp_path / "single.xlsx"
    book.save(single)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(single)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "single.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]
