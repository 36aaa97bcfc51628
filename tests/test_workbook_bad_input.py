"""Files that are not readable workbooks get one Chinese line naming the file, never a traceback."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from workbook_builders import SEED_LIKE_INDICATORS, project_sheet_rows, save_workbook

from xlperf.errors import InputError
from xlperf.reader.tables import MAX_INDICATOR_ROWS
from xlperf.sources import read_department
from xlperf.sources.workbook import checks
from xlperf.sources.workbook.reader import read_workbook

DATA = Path(__file__).parent / "data"


def refusal(path: Path) -> InputError:
    """The InputError reading ``path`` raises; its line must name the file."""
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert path.name in caught.value.describe()
    assert "\n" not in caught.value.describe()
    return caught.value


def good_workbook(path: Path) -> Path:
    return save_workbook(path, {"项目01": project_sheet_rows(SEED_LIKE_INDICATORS)})


def test_truncated_download(tmp_path):
    whole = good_workbook(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "corrupt_truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "损坏或不完整" in refusal(path).message


def test_corrupt_member_inside_a_valid_zip(tmp_path):
    path = tmp_path / "corrupt_sheet_xml.xlsx"
    with zipfile.ZipFile(good_workbook(tmp_path / "ok.xlsx")) as source, \
            zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 3]  # cut in the middle of an element
            target.writestr(item, data)
    assert "损坏" in refusal(path).message


def test_old_xls_renamed_to_xlsx_reads_by_its_content(tmp_path):
    path = tmp_path / "old_format.xlsx"
    shutil.copyfile(DATA / "old_format.xls", path)
    assert read_department(path).projects[0].name == "重点工作专项督查组工作经费"


def test_old_xls_is_read_natively():
    department = read_department(DATA / "old_format.xls")
    (project,) = department.projects
    assert project.indicators[0].name == "全年督查不少于 50 次"
    assert project.indicators[0].cell == "C3"  # findings point at its cells


def test_password_protected_workbook():
    assert "密码" in refusal(DATA / "password_protected.xlsx").message


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "csv_renamed.xlsx"
    path.write_text("项目名称,金额\n督查经费,10\n", encoding="gb18030")
    assert "CSV" in refusal(path).message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert "0 字节" in refusal(path).message


def test_random_bytes(tmp_path):
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    assert "无法识别" in refusal(path).message


def test_word_document_renamed(tmp_path):
    path = tmp_path / "word_renamed.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    assert "Word" in refusal(path).message


def test_missing_file_and_folder(tmp_path):
    assert "找不到" in refusal(tmp_path / "missing.xlsx").message
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert "文件夹" in refusal(folder).message


def test_empty_workbook(tmp_path):
    path = tmp_path / "empty_workbook.xlsx"
    openpyxl.Workbook().save(path)
    assert "空的" in refusal(path).message


def test_workbook_without_project_sheet(tmp_path):
    path = save_workbook(tmp_path / "no_project_sheet.xlsx", {
        "Sheet1": [["姓名", "金额"], ["张三", 10]],
        "汇总": [["序号", "项目名称", "金额（万元）"], [1, "督查经费", 10]],  # a list, not a table
    })
    assert "没有找到项目工作表" in refusal(path).message


def test_blank_template_is_not_a_department_yet(tmp_path):
    from xlperf.writers.workbook.writer import write_template

    path = tmp_path / "template.xlsx"
    write_template(path)
    error = refusal(path)
    assert "项目01" in error.message and "还没有填写" in error.message


def test_indicator_table_with_100_000_rows_is_refused_with_its_sheet(tmp_path):
    path = tmp_path / "huge_table.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("项目01")
    for row in project_sheet_rows([]):
        sheet.append(row)
    for index in range(100_000):
        sheet.append(["1-产出指标", "11-数量指标", f"指标 {index}", 1])
    book.save(path)
    error = refusal(path)
    assert error.sheet == "项目01"
    assert str(MAX_INDICATOR_ROWS) in error.message
    assert error.cell == f"A{11 + MAX_INDICATOR_ROWS}"


def test_a_big_sheet_that_is_not_a_project_does_not_stop_reading(tmp_path):
    path = tmp_path / "big_other_sheet.xlsx"
    book = openpyxl.Workbook(write_only=True)
    data = book.create_sheet("明细")
    for index in range(100_000):
        data.append([index, "支出明细", index * 1.5])
    project = book.create_sheet("项目01")
    for row in project_sheet_rows(SEED_LIKE_INDICATORS):
        project.append(row)
    book.save(path)
    assert [p.sheet for p in read_workbook(path).projects] == ["项目01"]


def test_zip_bomb_by_compression_ratio(tmp_path):
    path = tmp_path / "zip_bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (checks.RATIO_MIN_SIZE + 1))
    assert "压缩" in refusal(path).message


def test_zip_bomb_by_total_size(tmp_path):
    """Many members, each small enough to pass the ratio check, adding up past the limit."""
    member = b"\0" * (checks.RATIO_MIN_SIZE // 2)
    count = checks.MAX_UNCOMPRESSED // len(member) + 1
    path = tmp_path / "zip_bomb_total.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(count):
            package.writestr(f"xl/media/image{index}.bin", member)
    assert "超过上限" in refusal(path).message


def test_a_file_too_large_to_be_a_goal_table_is_refused_before_it_is_read(tmp_path):
    """A zip-looking file past the limit is refused from its size: it is never read into memory
    (the file here is sparse, so it costs no disk)."""
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(checks.MAX_UNCOMPRESSED + 1)
    assert "超过上限" in refusal(path).message


def test_refusals_write_nothing(tmp_path):
    path = tmp_path / "csv_renamed.xlsx"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    refusal(path)
    assert [p.name for p in tmp_path.iterdir()] == ["csv_renamed.xlsx"]
