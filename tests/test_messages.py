"""Each message names the real cause and what to do (issue 11, item 13)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from cli_process import CAN_FORK, run
from click.testing import CliRunner
from contract import assert_refused
from hostile_corpus import DATA, seed_text, tx_utf16_without_bom, wb_bracket_sheet_names, wb_clean

from xlperf.cli import cli

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")


@pytest.mark.parametrize(("name", "cause"), [("公告.txt", "公开文本"), ("表.csv", "CSV")])
def test_annotate_names_the_file_type_it_cannot_mark(name: str, cause: str,
                                                     tmp_path: Path) -> None:
    shutil.copy(DATA / "old_format.xls", tmp_path / name)
    line = assert_refused(run(["validate", name, "--annotate", "标记.xlsx"], cwd=tmp_path),
                          cause, ".xlsx")
    assert "这次给出了" not in line


@pytest.mark.parametrize("name", ["旧.xls", "二进制.xlsb", "表格.ods", "其实是旧版.xlsx"])
def test_annotate_of_an_old_format_writes_an_xlsx_copy_whatever_it_is_called(
        name: str, tmp_path: Path) -> None:
    shutil.copy(DATA / "old_format.xls", tmp_path / name)
    done = run(["validate", name, "--annotate", "标记.xlsx"], cwd=tmp_path)
    assert done.code in (0, 1), str(done)
    assert "只含单元格内容" in done.err and (tmp_path / "标记.xlsx").exists()


def test_annotate_names_a_sheet_name_excel_forbids_not_a_damaged_file(tmp_path: Path) -> None:
    source = wb_bracket_sheet_names(tmp_path)
    line = assert_refused(run(["validate", source, "--annotate", tmp_path / "m.xlsx"],
                              cwd=tmp_path), "项目[01]", "重命名")
    assert "损坏" not in line


def test_utf16_without_its_bom_is_read_as_text(tmp_path: Path) -> None:
    source = tx_utf16_without_bom(tmp_path)
    done = run(["show", source, "--json"], cwd=tmp_path)
    assert done.code == 0, str(done)
    assert "石嘴山市人民政府办公室" in done.out
    big_endian = tmp_path / "be.txt"
    big_endian.write_bytes(seed_text().encode("utf-16-be"))
    assert run(["show", big_endian], cwd=tmp_path).code == 0


def test_a_symlinked_department_folder_is_blamed_on_the_link(tmp_path: Path) -> None:
    source = wb_clean(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "out" / "石嘴山市人民政府办公室")
    line = assert_refused(run(["notice", source, "-o", tmp_path / "out"], cwd=tmp_path),
                          "符号链接", "删除这个链接")
    assert "部门名称" not in line
    assert not any((tmp_path / "elsewhere").iterdir())


def test_a_symlinked_output_folder_itself_is_where_the_user_wants_it(tmp_path: Path) -> None:
    source = wb_clean(tmp_path)
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "out")
    done = run(["notice", source, "-o", tmp_path / "out"], cwd=tmp_path)
    assert done.code == 0, str(done)
    assert any((tmp_path / "real").rglob("*.docx"))


def test_a_defect_of_xlperf_is_one_chinese_line_exit_70_and_its_traceback_in_a_file(
    tmp_path: Path, monkeypatch
) -> None:
    # Not bad input but a bug: Python's English traceback and exit 1 ("errors found" to a
    # batch script) would mislead; the user gets one line naming the log to send.
    import xlperf.sources

    def broken(*args, **kwargs):
        raise RuntimeError("模拟的缺陷")

    monkeypatch.setattr(xlperf.sources, "read_department", broken)
    monkeypatch.delenv("XLPERF_DEBUG", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = CliRunner().invoke(cli, ["show", str(DATA / "seed_notice.txt")])
    assert result.exit_code == 70
    assert "Traceback" not in result.output
    assert "xlperf 内部错误（RuntimeError：模拟的缺陷）" in result.stderr
    logs = list(tmp_path.glob("xlperf-内部错误-*.txt"))
    assert len(logs) == 1 and "RuntimeError: 模拟的缺陷" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in result.stderr


COMMANDS = ["new", "add-project", "import", "export", "show", "validate", "compare", "rules",
            "notice", "excel", "excel build-addin", "excel bundle", "excel install", "demo"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_commands_help_shows_how_to_run_it(command: str) -> None:
    """`--help` explains with an example: each command's help has a line running it as a
    user would type it (xlperf validate 部门.xlsx …), under 例：."""
    result = CliRunner().invoke(cli, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = next(index for index, line in enumerate(lines) if "例：" in line)
    example = re.compile(rf"^\s*(例：)?\s*xlperf {re.escape(command)}( |$)")
    assert any(example.match(line) for line in lines[start:]), result.output
