"""Reading workbooks the way finance staff fill them in: merged cells, text numbers, blank rows…"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from workbook_builders import (
    DEPARTMENT,
    PROJECT,
    SEED_LIKE_INDICATORS,
    info_rows,
    project_sheet_rows,
    save_workbook,
)

from xlperf.errors import InputError
from xlperf.sources.workbook.reader import UNCACHED_FORMULA, read_workbook


def only_project(path: Path):
    department = read_workbook(path)
    assert len(department.projects) == 1
    return department.projects[0]


def seed_like(path: Path) -> Path:
    return save_workbook(path, {"项目01": project_sheet_rows(SEED_LIKE_INDICATORS)})


def test_merged_cells_are_filled_down(tmp_path):
    path = save_workbook(tmp_path / "merged_cells.xlsx",
                         {"项目01": project_sheet_rows(SEED_LIKE_INDICATORS)},
                         merges={"项目01": ["A11:A13", "B11:B12", "A14:A15"]})
    project = only_project(path)
    assert [(i.level1, i.level2) for i in project.indicators] == [
        ("1-产出指标", "11-数量指标"), ("1-产出指标", "11-数量指标"),
        ("1-产出指标", "12-质量指标"), ("2-效益指标", "21-经济效益"),
        ("2-效益指标", "22-社会效益"), ("3-满意度指标", "31-服务对象满意度")]


def test_every_indicator_knows_its_cells(tmp_path):
    project = only_project(seed_like(tmp_path / "cells.xlsx"))
    second = project.indicators[1]
    assert (second.sheet, second.cell, second.weight_cell, second.row) == (
        "项目01", "C12", "D12", 12)
    assert project.cells["name"] == "B3"
    assert project.cells["implementing_unit"] == "D4"
    assert project.cells["amount"] == "D6"
    assert project.cells["goal"] == "B7"


def test_header_fields(tmp_path):
    project = only_project(seed_like(tmp_path / "header.xlsx"))
    assert project.name == PROJECT
    assert project.competent_department == project.implementing_unit == DEPARTMENT
    assert (project.attribute, project.term, project.division) == ("0101-一年期项目", "1年",
                                                                  "01-行政政法科")
    assert project.amount == 10.0
    assert project.goal == "主要用于市政府督查及督查保障工作"


def test_blank_continuation_cells_without_merge_are_filled_down(tmp_path):
    rows = [["1-产出指标", "11-数量指标", "甲 10 次", 50],
            [None, None, "乙 20 次", 20],
            ["2-效益指标", None, "丙", 30]]  # a new 一级 must not inherit the old 二级
    project = only_project(save_workbook(tmp_path / "blank_continuation.xlsx",
                                         {"项目01": project_sheet_rows(rows)}))
    assert [(i.level1, i.level2) for i in project.indicators] == [
        ("1-产出指标", "11-数量指标"), ("1-产出指标", "11-数量指标"), ("2-效益指标", "")]


def test_numbers_typed_as_text_are_numbers(tmp_path):
    rows = [["1-产出指标", "11-数量指标", "甲", "60"], [None, None, "乙", " 40 "]]
    path = save_workbook(tmp_path / "numbers_as_text.xlsx",
                         {"项目01": project_sheet_rows(rows, amount="12.5")})
    department = read_workbook(path)
    project = department.projects[0]
    assert [i.weight for i in project.indicators] == [60.0, 40.0]
    assert project.amount == 12.5
    spaces = [n for n in department.normalizations if n.kind == "space"]
    assert [(n.cell, n.original, n.project) for n in spaces] == [("D12", " 40 ", PROJECT)]


def test_fullwidth_digits_are_read_and_reported(tmp_path):
    rows = [["１－产出指标", "１１－数量指标", "全年督查不少于 50 次", "１００"]]
    path = save_workbook(tmp_path / "fullwidth_digits.xlsx",
                         {"项目01": project_sheet_rows(rows, amount="１０")})
    department = read_workbook(path)
    item = department.projects[0].indicators[0]
    assert (item.level1, item.level2, item.weight) == ("1-产出指标", "11-数量指标", 100.0)
    assert department.projects[0].amount == 10.0
    repaired = {(n.kind, n.cell) for n in department.normalizations}
    assert {("fullwidth", "A11"), ("fullwidth", "B11"), ("fullwidth", "D11"),
            ("fullwidth", "D6")} <= repaired
    assert all(n.sheet == "项目01" and n.project == PROJECT for n in department.normalizations)


def test_values_that_are_not_numbers_are_kept_as_written(tmp_path):
    rows = [["1-产出指标", "11-数量指标", "甲", "待定"]]
    path = save_workbook(tmp_path / "value_not_number.xlsx",
                         {"项目01": project_sheet_rows(rows, amount="待定")})
    project = only_project(path)
    assert project.amount == "待定"
    assert project.indicators[0].weight == "待定"


def test_an_amount_written_with_its_unit_is_read_in_wan_yuan(tmp_path):
    """Other offices write 250万 or 8,000元 in the amount cell: read, and reported (T001)."""
    for written, amount in (("10万元", 10.0), ("250万", 250.0), ("8,000元", 0.8)):
        rows = project_sheet_rows([["1-产出指标", "11-数量指标", "甲", 100]], amount=written)
        path = save_workbook(tmp_path / f"amount_{amount}.xlsx", {"项目01": rows})
        department = read_workbook(path)
        assert department.projects[0].amount == amount
        assert ("unit", written) in {(n.kind, n.original) for n in department.normalizations}


def test_blank_rows_inside_the_table_are_skipped(tmp_path):
    rows = [["1-产出指标", "11-数量指标", "甲", 50], [], [None, None, "乙", 50], [], []]
    project = only_project(save_workbook(tmp_path / "blank_rows.xlsx",
                                         {"项目01": project_sheet_rows(rows)}))
    assert [(i.name, i.cell) for i in project.indicators] == [("甲", "C11"), ("乙", "C13")]


def test_not_applicable_and_nameless_rows(tmp_path):
    rows = [["1-产出指标", "11-数量指标", " 本指标不适用 ", 0],
            [None, "12-质量指标", None, 5],  # a weight without 三级 text is still a row (S003)
            [None, "13-时效指标", "本指标不适用此项目", None]]  # as budget systems write it
    project = only_project(save_workbook(tmp_path / "not_applicable.xlsx",
                                         {"项目01": project_sheet_rows(rows)}))
    first, second, third = project.indicators
    assert first.not_applicable and first.name == "本指标不适用"
    assert third.not_applicable and third.name == "本指标不适用此项目"
    assert (second.name, second.weight, second.not_applicable) == ("", 5.0, False)


def test_table_ends_at_the_total_row(tmp_path):
    rows = [["1-产出指标", "11-数量指标", "甲", 100], ["合计", None, None, "=SUM(D11:D11)"],
            [None, None, "表外备注", 3]]
    project = only_project(save_workbook(tmp_path / "total_row.xlsx",
                                         {"项目01": project_sheet_rows(rows)}))
    assert [i.name for i in project.indicators] == ["甲"]
    assert project.total_cell == "D12"


def test_project_sheet_is_found_by_content_not_name(tmp_path):
    path = save_workbook(tmp_path / "sheet_renamed_project.xlsx", {
        "说明": [["填表说明：每个项目一张表"]],
        "项目清单": [["序号", "项目名称", "金额（万元）"], [1, PROJECT, 10]],
        "督查经费": project_sheet_rows(SEED_LIKE_INDICATORS),
    })
    project = only_project(path)
    assert project.sheet == "督查经费"
    assert project.indicators[0].sheet == "督查经费"


def test_hand_made_layout_with_shifted_columns_and_aliases(tmp_path):
    rows = [
        [None, "项目名称：", None, "网站运维费"],
        [None, "项目年度金额（万元）", " 35 "],
        [None, "年度总体绩效目标", "保障政府网站安全运行"],
        [None, "一级指标", "二级指标", "三级指标", "权重（分）", "指标值"],
        [None, "1-产出指标", "11-数量指标", "网站个数", 60, "5 个"],
        [None, None, "14-成本指标", "运维费用", 40, 35],
    ]
    project = only_project(save_workbook(tmp_path / "hand_layout.xlsx", {"Sheet1": rows}))
    assert project.name == "网站运维费"
    assert project.cells["name"] == "D1"
    assert project.amount == 35.0
    assert [(i.name, i.weight, i.value, i.cell) for i in project.indicators] == [
        ("网站个数", 60.0, "5 个", "D5"), ("运维费用", 40.0, "35", "D6")]


# The central form of 财预〔2015〕88号, as departments that copied it fill it in.
CENTRAL_FORM_ROWS = [
    ["项目支出绩效目标申报表"],
    ["项目名称", "社区养老服务补助"],
    ["主管部门及代码", "民政局 101", "实施单位", "民政局"],
    ["项目资金（万元）", "年度资金总额：", 120],
    [None, "其中：财政拨款", 120],
    ["年度总体目标", "为全区 60 岁以上老人提供居家养老服务"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "服务老人人数", "≥2000人"],
    ["效益指标", "社会效益指标", "老年人生活质量", "明显提高"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"],
]


def test_central_form_header_labels_are_read(tmp_path):
    path = save_workbook(tmp_path / "central_form.xlsx", {"申报表": CENTRAL_FORM_ROWS})
    project = only_project(path)
    assert (project.competent_department, project.implementing_unit) == ("民政局 101", "民政局")
    assert (project.amount, project.cells["amount"]) == (120.0, "C4")
    assert project.goal == "为全区 60 岁以上老人提供居家养老服务"
    assert [(i.level2, i.name, i.value, i.weight) for i in project.indicators] == [
        ("数量指标", "服务老人人数", "≥2000人", None),
        ("社会效益指标", "老年人生活质量", "明显提高", None),
        ("服务对象满意度指标", "服务对象满意度", "≥90%", None),
    ]


def test_labels_written_with_their_value_in_one_cell(tmp_path):
    """A hand-made header: 项目名称：… in one cell; the value keeps any colon of its own."""
    rows = [
        ["项目名称：社区养老服务补助"],
        ["主管部门：民政局", None, "实施单位: 养老服务中心"],
        ["项目年度金额（万元）：１２０"],
        ["年度总体绩效目标：一是：为老人提供居家养老服务"],
        ["备注：本表由科室填写", None, "项目名称：写在说明里的文字不是新表"],
        ["一级指标", "二级指标", "三级指标", "绩效值"],
        ["1-产出指标", "11-数量指标", "服务老人不少于 2000 人", 100],
    ]
    department = read_workbook(save_workbook(tmp_path / "inline.xlsx", {"Sheet1": rows}))
    (project,) = department.projects
    assert (project.name, project.competent_department, project.implementing_unit) == (
        "社区养老服务补助", "民政局", "养老服务中心")
    assert project.amount == 120.0
    assert project.goal == "一是：为老人提供居家养老服务"
    assert project.cells == {"name": "A1", "competent_department": "A2",
                             "implementing_unit": "C2", "amount": "A3", "goal": "A4"}
    assert [n.original for n in department.normalizations] == ["１２０"]
    assert [i.name for i in project.indicators] == ["服务老人不少于 2000 人"]


@pytest.mark.parametrize(("unit_line", "label", "written", "amount"), [
    ("单位：元", "项目年度金额", 120000, 12.0),
    (None, "项目年度金额（元）", 120000, 12.0),
    ("单位：元", "项目年度金额（万元）", 12, 12.0),  # the label's own unit wins
    ("单位：万元", "项目年度金额", 12, 12.0),
    (None, "项目年度金额（元）：", "１２００００", 12.0),
])
def test_amounts_declared_in_yuan_are_read_in_wan_yuan(tmp_path, unit_line, label, written,
                                                       amount):
    rows = project_sheet_rows(SEED_LIKE_INDICATORS, amount=written)
    rows[1] = [None, None, None, unit_line]
    rows[5] = ["项目主管处室", "01-行政政法科", label, written]
    assert only_project(seed_like_with(tmp_path, rows)).amount == amount


def test_an_amount_in_yuan_written_with_its_label_in_one_cell(tmp_path):
    rows = project_sheet_rows(SEED_LIKE_INDICATORS)
    rows[5] = ["项目主管处室", "01-行政政法科", "项目年度金额（元）：50000"]
    assert only_project(seed_like_with(tmp_path, rows)).amount == 5.0


def seed_like_with(tmp_path: Path, rows: list) -> Path:
    return save_workbook(tmp_path / "amount.xlsx", {"项目01": rows})


@pytest.mark.parametrize(("weight_header", "value_header"), [
    ("指标权重", "预期目标值"), ("指标分值", "指标目标值"), ("权重（%）", "年度指标值"),
])
def test_other_offices_column_headers(tmp_path, weight_header, value_header):
    rows = project_sheet_rows([["1-产出指标", "11-数量指标", "服务老人人数", 100, "≥2000人"]])
    rows[9] = ["一级指标", "二级指标", "三级指标", weight_header, value_header]
    (indicator,) = only_project(seed_like_with(tmp_path, rows)).indicators
    assert (indicator.weight, indicator.value) == (100.0, "≥2000人")


def test_several_tables_stacked_in_one_sheet(tmp_path):
    first = project_sheet_rows([["1-产出指标", "11-数量指标", "甲", 100]], name="项目甲")
    second = project_sheet_rows([["1-产出指标", "11-数量指标", "乙", 100]], name="项目乙")
    department = read_workbook(save_workbook(tmp_path / "stacked.xlsx",
                                             {"全部": [*first, [], *second]}))
    assert [(p.name, [i.name for i in p.indicators]) for p in department.projects] == [
        ("项目甲", ["甲"]), ("项目乙", ["乙"])]
    assert department.projects[1].indicators[0].cell == "C23"  # 11 rows, a blank one, 10 more


def test_department_sheet(tmp_path):
    info = info_rows(预算年度="２０２４年", 公开日期="2024年2月5日")
    info[4:4] = [["依据文件", "《中华人民共和国预算法》"],
                 [None, "《自治区党委 人民政府关于全面实施预算绩效管理的实施意见》"],
                 ["依据文件", "《第三个文件》"]]
    info += [["部门项目合计（万元）", 194.4], ["权重合计要求", 100], ["忽略规则", "Q001,C004"]]
    path = save_workbook(tmp_path / "department_info.xlsx",
                         {"部门信息": info, "项目01": project_sheet_rows(SEED_LIKE_INDICATORS)})
    department = read_workbook(path)
    assert department.name == DEPARTMENT
    assert department.year == 2024
    assert department.published == date(2024, 2, 5)
    assert department.legal_basis == ["《中华人民共和国预算法》",
                                      "《自治区党委 人民政府关于全面实施预算绩效管理的实施意见》",
                                      "《第三个文件》"]
    assert department.attachment_title == "2024 年市本级部门项目支出预算绩效目标表"
    assert department.signing_body == DEPARTMENT
    assert (department.declared_total, department.declared_total_cell) == (194.4, "B10")
    assert department.settings == {"required_total": "100", "ignore": "Q001,C004"}
    assert department.source == str(path)


def test_a_year_that_is_not_a_year_names_its_cell(tmp_path):
    path = save_workbook(tmp_path / "bad_year.xlsx", {
        "部门信息": info_rows(预算年度="明年"), "项目01": project_sheet_rows(SEED_LIKE_INDICATORS)})
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert (caught.value.sheet, caught.value.cell) == ("部门信息", "B3")
    assert "明年" in caught.value.message and "bad_year.xlsx" in caught.value.describe()


def test_formula_without_cached_value_is_reported_not_read_as_blank(tmp_path):
    rows = [["1-产出指标", "11-数量指标", "甲", "=50+50"]]
    path = save_workbook(tmp_path / "formula_without_cache.xlsx",
                         {"项目01": project_sheet_rows(rows, amount="=5*2")})
    project = only_project(path)
    assert project.indicators[0].weight == f"{UNCACHED_FORMULA}：=50+50"
    assert project.amount == f"{UNCACHED_FORMULA}：=5*2"


def formula_workbook_rewritten(tmp_path: Path, rewrite) -> Path:
    """A workbook with an uncalculated ``=50+50`` weight, each part passed through
    ``rewrite(name, data)`` as another program might have written it."""
    rows = [["1-产出指标", "11-数量指标", "甲", "=50+50"]]
    source = save_workbook(tmp_path / "plain.xlsx", {"项目01": project_sheet_rows(rows)})
    rewritten = tmp_path / "rewritten.xlsx"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(rewritten, "w") as out:
        for item in package.infolist():
            out.writestr(item, rewrite(item.filename, package.read(item.filename)))
    return rewritten


def test_formula_is_found_whatever_order_the_sheet_list_is_written_in(tmp_path):
    """Other programs write the sheet list with other attribute orders, quotes, prefixes
    and relative targets; the formula scan finds the sheet all the same."""
    def rewrite(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return re.sub(rb'<sheet xmlns:r="([^"]*)" name="([^"]*)"(.*?) r:id="([^"]*)"/>',
                          rb"<sheet xmlns:x='\1' x:id='\4' \3 name='\2'/>", data)
        if name == "xl/_rels/workbook.xml.rels":
            return re.sub(rb'Target="/xl/([^"]*)" Id="([^"]*)"', rb'Id="\2" Target="\1"', data)
        return data

    path = formula_workbook_rewritten(tmp_path, rewrite)
    assert b"x:id='rId" in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert only_project(path).indicators[0].weight == f"{UNCACHED_FORMULA}：=50+50"


def test_formula_is_found_in_a_sheet_written_with_a_namespace_prefix(tmp_path):
    """Some writers spell every element with a prefix (``<x:c>``, ``<x:f>``)."""
    def rewrite(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            data = re.sub(rb"<(/?)([A-Za-z]\w*[ />])", rb"<\1x:\2", data)
            return data.replace(b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x=")
        return data

    path = formula_workbook_rewritten(tmp_path, rewrite)
    assert b"<x:f>50+50</x:f>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert only_project(path).indicators[0].weight == f"{UNCACHED_FORMULA}：=50+50"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_formula_with_cached_value_reads_its_value(tmp_path):
    """LibreOffice calculates and caches; an empty text result is a value, not a missing one."""
    rows = [["1-产出指标", "11-数量指标", "甲", "=50+50"],
            [None, None, '=IF(1>2,"乙","")', 0]]
    source = save_workbook(tmp_path / "formula.xlsx", {"项目01": project_sheet_rows(rows)})
    out = tmp_path / "calculated"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    project = only_project(out / "formula.xlsx")
    assert [(i.name, i.weight) for i in project.indicators] == [("甲", 100.0), ("", 0.0)]


def test_reading_leaves_the_file_untouched(tmp_path):
    path = seed_like(tmp_path / "untouched.xlsx")
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    read_workbook(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["untouched.xlsx"]


def test_a_blank_template_sheet_next_to_a_filled_one_is_ignored(tmp_path):
    blank = project_sheet_rows([["1-产出指标", "11-数量指标"], [None, "12-质量指标"]], name=None,
                               amount=None, goal=None)
    path = save_workbook(tmp_path / "one_blank.xlsx", {
        "项目01": project_sheet_rows(SEED_LIKE_INDICATORS), "项目02": blank})
    assert [p.sheet for p in read_workbook(path).projects] == ["项目01"]
