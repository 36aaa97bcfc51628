"""``xlperf new``: a fresh template, never over someone's work without --force."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.writers.workbook import layout


def run(*args: str):
    return CliRunner().invoke(cli, ["new", *args])


def test_new_writes_a_template_with_the_department(tmp_path):
    path = tmp_path / "部门.xlsx"
    result = run(str(path), "--department", "某某局", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert str(path) in result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == [layout.DEPARTMENT_SHEET, layout.PROJECT_LIST_SHEET, "项目01"]
    info = book[layout.DEPARTMENT_SHEET]
    assert (info["A2"].value, info["B2"].value) == ("部门名称", "某某局")
    assert (info["A3"].value, info["B3"].value) == ("预算年度", 2025)


def test_new_without_options_leaves_the_fields_blank(tmp_path):
    path = tmp_path / "blank.xlsx"
    assert run(str(path)).exit_code == 0
    info = openpyxl.load_workbook(path)[layout.DEPARTMENT_SHEET]
    assert info["B2"].value is None and info["B3"].value is None


def test_new_refuses_to_overwrite(tmp_path):
    path = tmp_path / "已填写.xlsx"
    path.write_bytes(b"someone's work")
    result = run(str(path))
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == b"someone's work"
    assert [p.name for p in tmp_path.iterdir()] == ["已填写.xlsx"]  # no temporary file left


def test_new_overwrites_with_force(tmp_path):
    path = tmp_path / "旧.xlsx"
    path.write_bytes(b"old")
    assert run(str(path), "--force").exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == layout.DEPARTMENT_SHEET


def test_new_refuses_other_suffixes_and_bad_years(tmp_path):
    result = run(str(tmp_path / "部门.xls"))
    assert result.exit_code == 2 and ".xlsx" in result.output
    assert not (tmp_path / "部门.xls").exists()
    assert run(str(tmp_path / "部门.xlsx"), "--year", "24").exit_code == 2


def test_new_creates_missing_folders(tmp_path):
    path = tmp_path / "2025" / "某某局.xlsx"
    assert run(str(path)).exit_code == 0
    assert path.exists()
