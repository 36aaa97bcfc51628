"""The annotated copy: marks where the findings are, everything else as it was, input untouched."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from xlperf.errors import InputError
from xlperf.reports.annotate import annotate_workbook, apply_marks, clear_marks
from xlperf.reports.marks import Fill, Note, ReportSheet, plan_marks
from xlperf.validation.findings import Finding

RED, YELLOW, BLUE = "FFC7CE", "FFEB9C", "DDEBF7"  # the fills documented in validation-reports.md
PROJECT = "重点工作专项督查组工作经费"


def make_workbook(path: Path) -> Path:
    """A small goal-table workbook with the things a copy must keep."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "项目01"
    sheet["A1"] = "部门项目支出预算绩效目标表"
    sheet.merge_cells("A1:E1")
    sheet["A3"], sheet["B3"] = "项目名称", PROJECT
    sheet.merge_cells("B3:E3")
    sheet["A7"], sheet["B7"] = "年度总体绩效目标", "主要用于市政府督查及督查保障工作"
    sheet.merge_cells("B7:E9")
    for column, label in zip("ABCD", ("一级指标", "二级指标", "三级指标", "绩效值"), strict=True):
        sheet[f"{column}10"] = label
    rows = [("1-产出指标", "11-数量指标", "全年督查不少于 50 次", 20),
            (None, None, "全年制发督查通报不少于 20 期", 10),
            (None, "14-成本指标", "车辆租赁费不高于 8 万元", 3)]
    for offset, row in enumerate(rows):
        for column, value in zip("ABCD", row, strict=True):
            sheet[f"{column}{11 + offset}"] = value
    sheet["A14"], sheet["D14"] = "合计", "=SUM(D11:D13)"
    sheet["C12"].fill = PatternFill("solid", fgColor="00B050")  # the user's own green
    sheet["C12"].font = Font(italic=True)
    sheet["C13"].comment = Comment("请财务科核实金额", "张三")
    validation = DataValidation(type="list", formula1='"1-产出指标,2-效益指标,3-满意度指标"')
    sheet.add_data_validation(validation)
    validation.add("A11:A13")
    red = PatternFill("solid", fgColor="FF0000")
    rule = CellIsRule(operator="notEqual", formula=["100"], fill=red)
    sheet.conditional_formatting.add("D14", rule)
    workbook.defined_names["权重合计"] = DefinedName("权重合计", attr_text="'项目01'!$D$14")
    other = workbook.create_sheet("项目02")
    other["B3"] = "第二个项目"
    workbook.save(path)
    return path


def findings() -> list[Finding]:
    return [
        Finding("W001", "error", "权重合计为 33，应为 100", PROJECT, "项目01", "D14"),
        Finding("Q001", "warning", "目标不可衡量：全年制发督查通报", PROJECT, "项目01", "C12"),
        Finding("S004", "warning", "三级指标重复", PROJECT, "项目01", "C12"),
        Finding("T001", "info", "全角数字已转换", PROJECT, "项目01", "C11"),
        Finding("C003", "warning", "没有满意度指标", PROJECT, "项目01", None),
        Finding("K003", "error", "部门合计与项目合计不符", None, None, None),
    ]


def fill_of(cell) -> str | None:
    if cell.fill.fill_type != "solid":
        return None
    return cell.fill.fgColor.rgb[-6:].upper()


@pytest.fixture
def annotated(tmp_path: Path) -> tuple[Path, Path]:
    source = make_workbook(tmp_path / "部门.xlsx")
    target = tmp_path / "部门-标注.xlsx"
    annotate_workbook(source, target, findings())
    return source, target


def test_offending_cells_are_filled_by_severity(annotated) -> None:
    sheet = openpyxl.load_workbook(annotated[1])["项目01"]
    assert fill_of(sheet["D14"]) == RED
    assert fill_of(sheet["C12"]) == YELLOW
    assert fill_of(sheet["C11"]) == BLUE
    assert fill_of(sheet["C13"]) is None  # no finding there


def test_each_marked_cell_has_one_comment_listing_its_findings(annotated) -> None:
    sheet = openpyxl.load_workbook(annotated[1])["项目01"]
    note = sheet["C12"].comment
    assert note.author == "xlperf"
    assert "Q001" in note.text and "目标不可衡量：全年制发督查通报" in note.text
    assert "S004" in note.text and "三级指标重复" in note.text
    total_note = sheet["D14"].comment.text
    assert "W001" in total_note and "权重合计为 33，应为 100" in total_note


def test_report_sheet_lists_every_finding_with_links(annotated) -> None:
    workbook = openpyxl.load_workbook(annotated[1])
    report = workbook["校验结果"]
    rows = list(report.iter_rows(values_only=True))
    assert rows[0] == ("级别", "规则", "项目", "工作表", "单元格", "说明", "修改建议")
    assert len(rows) == 1 + len(findings())
    assert ("错误", "W001", PROJECT, "项目01", "D14", "权重合计为 33，应为 100", None) in rows
    assert ("错误", "K003", "（部门）", None, None, "部门合计与项目合计不符", None) in rows
    w001_row = next(r for r in report.iter_rows(min_row=2) if r[1].value == "W001")
    assert w001_row[4].hyperlink.location == "'项目01'!D14"
    assert all(cell.font.b for cell in report[1])
    assert report.freeze_panes == "A2"
    assert report.auto_filter.ref == f"A1:G{len(rows)}"
    assert report.column_dimensions["F"].width > report.column_dimensions["A"].width


def test_everything_else_is_kept(annotated) -> None:
    source, target = annotated
    before, after = openpyxl.load_workbook(source), openpyxl.load_workbook(target)
    old, new = before["项目01"], after["项目01"]
    assert {str(r) for r in new.merged_cells.ranges} == {"A1:E1", "B3:E3", "B7:E9"}
    assert new["D14"].value == "=SUM(D11:D13)"
    assert [str(dv.sqref) for dv in new.data_validations.dataValidation] == ["A11:A13"]
    assert [str(rng.sqref) for rng in new.conditional_formatting] == ["D14"]
    assert after.defined_names["权重合计"].attr_text == "'项目01'!$D$14"
    assert new["C12"].font.i  # the user's italic stays under our fill
    for row_old, row_new in zip(old.iter_rows(), new.iter_rows(), strict=True):
        assert [c.value for c in row_old] == [c.value for c in row_new]
    assert after.sheetnames[:2] == ["项目01", "项目02"]
    assert after["项目02"]["B3"].value == "第二个项目"


def test_copy_stores_text_as_utf8_and_keeps_the_created_date(annotated) -> None:
    """Text as Excel stores it (not openpyxl's ``&#NNNNN;``); the workbook's own dates kept."""
    source, target = annotated
    with zipfile.ZipFile(target) as package:
        sheets = b"".join(package.read(n) for n in package.namelist()
                          if n.startswith("xl/worksheets/"))
    assert PROJECT.encode("utf-8") in sheets
    assert not re.search(rb"&#[0-9]{3,};", sheets)
    created = openpyxl.load_workbook(source).properties.created
    assert openpyxl.load_workbook(target).properties.created == created


def test_user_comment_is_kept_under_ours_and_restored_on_clear(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    target = tmp_path / "b.xlsx"
    annotate_workbook(source, target, [Finding("Q003", "warning", "成本指标写成下限", PROJECT,
                                               "项目01", "C13")])
    note = openpyxl.load_workbook(target)["项目01"]["C13"].comment
    assert "Q003" in note.text and "请财务科核实金额" in note.text
    workbook = openpyxl.load_workbook(target)
    clear_marks(workbook)
    restored = workbook["项目01"]["C13"].comment
    assert restored.text == "请财务科核实金额" and restored.author == "张三"


def test_input_is_never_modified(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "部门.xlsx")
    data, mtime = source.read_bytes(), source.stat().st_mtime_ns
    annotate_workbook(source, tmp_path / "out.xlsx", findings())
    assert source.read_bytes() == data
    assert source.stat().st_mtime_ns == mtime


def test_reannotating_replaces_marks_instead_of_piling_up(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    annotate_workbook(source, first, findings())
    annotate_workbook(first, second,
                      [Finding("S003", "error", "三级指标为空", PROJECT, "项目01", "C11")])
    workbook = openpyxl.load_workbook(second)
    sheet = workbook["项目01"]
    assert [s for s in workbook.sheetnames if s.startswith("校验结果")] == ["校验结果"]
    assert workbook["校验结果"].max_row == 2
    assert fill_of(sheet["C11"]) == RED and "S003" in sheet["C11"].comment.text
    assert "T001" not in sheet["C11"].comment.text
    assert fill_of(sheet["D14"]) is None and sheet["D14"].comment is None
    assert fill_of(sheet["C12"]) == "00B050"  # the user's green is back
    assert sheet["C13"].comment.text == "请财务科核实金额"


def test_clear_marks_gives_back_the_original_formatting(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(source)
    apply_marks(workbook, findings())
    clear_marks(workbook)
    sheet = workbook["项目01"]
    assert fill_of(sheet["C12"]) == "00B050"
    assert fill_of(sheet["D14"]) is None and sheet["D14"].comment is None
    assert workbook.sheetnames == ["项目01", "项目02"]


def test_a_fill_the_user_changed_after_marking_is_kept_on_clear(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(make_workbook(tmp_path / "a.xlsx"))
    apply_marks(workbook, findings())
    workbook["项目01"]["D14"].fill = PatternFill("solid", fgColor="7030A0")
    clear_marks(workbook)
    assert fill_of(workbook["项目01"]["D14"]) == "7030A0"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "-3", "@SUM(A1)",
                                  "#N/A"])
def test_user_text_never_becomes_a_formula(tmp_path: Path, text: str) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    target = tmp_path / "b.xlsx"
    annotate_workbook(source, target, [Finding("S003", "error", text, text, "项目01", "C11")])
    report = openpyxl.load_workbook(target)["校验结果"]
    assert report["C2"].value == text and report["C2"].data_type == "s"
    assert report["F2"].value == text and report["F2"].data_type == "s"
    with zipfile.ZipFile(target) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sum("<f>" in archive.read(n).decode() for n in names) == 1  # only the user's SUM


def test_finding_inside_a_merged_range_marks_its_visible_cell(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    target = tmp_path / "b.xlsx"
    annotate_workbook(source, target,
                      [Finding("C004", "warning", "目标过于简略", PROJECT, "项目01", "C8")])
    sheet = openpyxl.load_workbook(target)["项目01"]
    assert fill_of(sheet["B7"]) == YELLOW and "C004" in sheet["B7"].comment.text


def test_merged_ranges_are_the_sheets_own(tmp_path: Path) -> None:
    """C8 lies in 项目01's merged B7:E9 but is a cell of its own on 项目02 (as A8 beside the
    range is); a finding inside the range and one on its visible cell share one fill (the
    worse colour) and one note."""
    source = make_workbook(tmp_path / "a.xlsx")
    target = tmp_path / "b.xlsx"
    annotate_workbook(source, target, [
        Finding("C004", "warning", "目标过于简略", PROJECT, "项目01", "C8"),
        Finding("C005", "error", "目标与项目无关", PROJECT, "项目01", "B7"),
        Finding("Q001", "info", "第二个项目的提示", "第二个项目", "项目02", "C8"),
        Finding("T001", "info", "标签旁的提示", PROJECT, "项目01", "A8"),  # left of the range
    ])
    workbook = openpyxl.load_workbook(target)
    goal = workbook["项目01"]["B7"]
    assert fill_of(goal) == RED
    assert "C004" in goal.comment.text and "C005" in goal.comment.text
    assert workbook["项目01"]["C8"].comment is None
    assert fill_of(workbook["项目01"]["A8"]) == BLUE and "T001" in goal.parent["A8"].comment.text
    other = workbook["项目02"]
    assert fill_of(other["C8"]) == BLUE and "Q001" in other["C8"].comment.text
    assert fill_of(other["B7"]) is None and other["B7"].comment is None


def test_report_rows_are_coloured_linked_and_wrapped_each_by_its_own_finding(
    tmp_path: Path,
) -> None:
    """Rows of mixed severities, with and without a cell: each 级别 cell has its own colour,
    only the rows with a sheet link (blue, underlined), the long columns wrap, the others not."""
    source = make_workbook(tmp_path / "a.xlsx")
    mixed = [findings()[i] for i in (1, 0, 3, 4, 5, 2, 0)]
    annotate_workbook(source, tmp_path / "b.xlsx", mixed)
    report = openpyxl.load_workbook(tmp_path / "b.xlsx")["校验结果"]
    rows = list(report.iter_rows(min_row=2))
    assert len(rows) == len(mixed)
    colours = {"error": RED, "warning": YELLOW, "info": BLUE}
    for row, finding in zip(rows, mixed, strict=True):
        assert row[1].value == finding.rule
        assert fill_of(row[0]) == colours[finding.severity]
        assert all(fill_of(cell) is None for cell in row[1:])
        link = row[4]
        if finding.sheet:  # a finding on a whole sheet links to its A1
            assert link.hyperlink.location == f"'{finding.sheet}'!{finding.cell or 'A1'}"
            assert link.font.u == "single" and link.font.color.rgb.endswith("0563C1")
        else:
            assert link.hyperlink is None and not link.font.u
        assert [cell.alignment.wrap_text for cell in row] == [
            None, None, True, None, None, True, True]
        assert {cell.alignment.vertical for cell in row} == {"top"}
    assert all(cell.font.b and not cell.alignment.wrap_text for cell in report[1])


def test_findings_on_missing_sheets_are_listed_but_not_marked(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    target = tmp_path / "b.xlsx"
    annotate_workbook(source, target,
                      [Finding("H001", "error", "项目名称为空", "x", "项目09", "B3")])
    workbook = openpyxl.load_workbook(target)
    assert workbook["校验结果"]["B2"].value == "H001"
    assert fill_of(workbook["项目01"]["B3"]) is None


def test_no_findings_still_writes_a_report_sheet_saying_so(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    annotate_workbook(source, tmp_path / "b.xlsx", [])
    report = openpyxl.load_workbook(tmp_path / "b.xlsx")["校验结果"]
    assert report.max_row == 2 and report["F2"].value == "未发现问题"


def test_users_own_sheet_named_like_the_report_is_not_replaced(tmp_path: Path) -> None:
    source = tmp_path / "a.xlsx"
    workbook = openpyxl.load_workbook(make_workbook(source))
    workbook.create_sheet("校验结果")["A1"] = "科室自己的记录"
    workbook.save(source)
    annotate_workbook(source, tmp_path / "b.xlsx", findings())
    out = openpyxl.load_workbook(tmp_path / "b.xlsx")
    assert out["校验结果"]["A1"].value == "科室自己的记录"
    assert out["校验结果 (2)"]["B2"].value == "W001"


def test_target_must_differ_from_source_and_keep_its_type(tmp_path: Path) -> None:
    source = make_workbook(tmp_path / "a.xlsx")
    with pytest.raises(InputError):
        annotate_workbook(source, source, findings())
    with pytest.raises(InputError):
        annotate_workbook(source, tmp_path / "b.xlsm", findings())


def test_plan_marks_groups_findings_per_cell() -> None:
    actions = plan_marks(findings())
    fills = {(a.sheet, a.cell): a.colour for a in actions if isinstance(a, Fill)}
    assert fills == {("项目01", "D14"): RED, ("项目01", "C12"): YELLOW, ("项目01", "C11"): BLUE}
    notes = [a for a in actions if isinstance(a, Note) and a.cell == "C12"]
    assert len(notes) == 1 and "Q001" in notes[0].text and "S004" in notes[0].text
    report = [a for a in actions if isinstance(a, ReportSheet)]
    assert len(report) == 1 and len(report[0].rows) == len(findings())


def test_the_copy_opens_on_the_report_and_clearing_gives_the_old_active_sheet_back(
        tmp_path: Path) -> None:
    source = tmp_path / "a.xlsx"
    workbook = openpyxl.load_workbook(make_workbook(source))
    workbook.active = workbook["项目02"]
    workbook.save(source)
    annotate_workbook(source, tmp_path / "b.xlsx", findings())
    marked = openpyxl.load_workbook(tmp_path / "b.xlsx")
    assert marked.active.title == "校验结果"
    assert [s.title for s in marked.worksheets if s.sheet_view.tabSelected] == ["校验结果"]
    clear_marks(marked)
    assert marked.active.title == "项目02"
    assert [s.title for s in marked.worksheets if s.sheet_view.tabSelected] == ["项目02"]


def test_a_note_saved_by_excel_under_the_users_name_is_still_cleared(tmp_path: Path) -> None:
    """Excel saves the ribbon's notes under the user's name, not "xlperf"."""
    source = make_workbook(tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(source)
    apply_marks(workbook, findings())
    ours = workbook["项目01"]["D14"].comment
    workbook["项目01"]["D14"].comment = Comment(ours.text, "李四")
    clear_marks(workbook)
    assert workbook["项目01"]["D14"].comment is None
    assert workbook["项目01"]["C13"].comment.text == "请财务科核实金额"


def test_annotating_a_macro_workbook_keeps_its_buttons(tmp_path: Path) -> None:
    """The .xlsm ``xlperf new --macro-workbook`` writes, filled in and checked with --annotate:
    the copy must still carry the VBA project and the ribbon, byte for byte."""
    from click.testing import CliRunner

    from xlperf.cli import cli

    source = tmp_path / "按钮.xlsm"
    assert CliRunner().invoke(cli, ["new", str(source), "--macro-workbook"]).exit_code == 0
    workbook = openpyxl.load_workbook(source, keep_vba=True)
    sheet = workbook["项目01"]
    sheet["B3"], sheet["D8"] = "办公设备购置", 12  # 项目名称, 项目年度金额
    sheet["C11"], sheet["D11"] = "购置台式计算机数量≥10台", 30  # weights total 30, not 100
    workbook.save(source)
    before = source.read_bytes()
    target = tmp_path / "标注.xlsm"

    result = CliRunner().invoke(cli, ["validate", str(source), "--annotate", str(target)])

    assert result.exit_code == 1 and source.read_bytes() == before
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target) as copy:
        for part in ("xl/vbaProject.bin", "customUI/customUI.xml"):
            assert copy.read(part) == original.read(part)
        assert b"macroEnabled.main+xml" in copy.read("[Content_Types].xml")
        assert b"customUI/customUI.xml" in copy.read("_rels/.rels")
    marked = openpyxl.load_workbook(target, keep_vba=True)
    listed = {cell.value for row in marked["校验结果"].iter_rows() for cell in row}
    assert "W001" in listed


def test_reading_the_annotated_copy_reads_no_row_of_the_marks_sheet(annotated) -> None:
    """The very hidden _xlperf_marks sheet is xlperf's own record; before 2026-12-03
    (session 8) validating an annotated copy gave an R003 note for each of its rows."""
    from xlperf.reports.marks import MARKS_SHEET
    from xlperf.sources import read_department

    department = read_department(annotated[1])
    notes = department.notes + [n for p in department.projects for n in p.notes]
    assert all(note.sheet != MARKS_SHEET for note in notes)
