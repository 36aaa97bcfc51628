"""The notice under hostile input: the gate cannot be bypassed, a failure writes nothing.

Issue 11, items 3, 4, 5 and 11: a department with an unreadable setting was
published; a 250-character name crashed python-docx after the txt and html
were written; the workbook cut text at 32 767 characters without a word and
its 目录 links broke on an apostrophe; a formula without a value in
部门名称 or 项目名称 was published as ``公式未计算：=…``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from cli_process import CAN_FORK, run
from contract import assert_refused
from hostile_corpus import (
    tx_long_goal,
    wb_apostrophes,
    wb_clean,
    wb_invalid_setting,
    wb_long_department_name,
    wb_uncalculated_names,
)

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_department_whose_settings_cannot_be_read_is_never_published(tmp_path: Path) -> None:
    bad = wb_invalid_setting(tmp_path)
    good = wb_clean(tmp_path)
    done = run(["notice", str(bad), str(good), "-o", str(tmp_path / "out")], cwd=tmp_path)
    assert done.code == 2, str(done)
    assert "权重合计要求" in done.err and bad.name in done.err
    assert not (tmp_path / "out").exists()


def test_a_formula_without_a_value_in_a_name_holds_publication(tmp_path: Path) -> None:
    source = wb_uncalculated_names(tmp_path)
    out = tmp_path / "out"
    done = run(["notice", str(source), "-o", str(out)], cwd=tmp_path)
    assert done.code == 1, str(done)
    assert "部门名称" in done.err and "没有计算结果的公式" in done.err
    assert not out.exists() or not any(out.rglob("*.txt"))


def test_the_gate_names_each_field_that_is_a_formula() -> None:
    from xlperf.notice.gate import uncalculated_fields
    from xlperf.sources.workbook.reader import read_workbook

    folder = Path(__import__("tempfile").mkdtemp())
    try:
        fields = uncalculated_fields(read_workbook(wb_uncalculated_names(folder)))
    finally:
        shutil.rmtree(folder)
    assert fields == ["部门名称", "项目01 B3 项目名称"]


def test_a_draft_still_renders_and_says_why(tmp_path: Path) -> None:
    source = wb_uncalculated_names(tmp_path)
    done = run(["notice", str(source), "-o", str(tmp_path / "out"), "--draft"], cwd=tmp_path)
    assert done.code == 0, str(done)
    assert "按草稿生成" in done.err


def test_a_name_longer_than_word_allows_renders_every_format(tmp_path: Path) -> None:
    import docx

    source = wb_long_department_name(tmp_path)
    done = run(["notice", str(source), "-o", str(tmp_path / "out")], cwd=tmp_path)
    assert done.code == 0, str(done)
    document = next((tmp_path / "out").rglob("*.docx"))
    title = docx.Document(str(document)).core_properties.title
    assert len(title) == 255 and title.endswith("…")
    assert {p.suffix for p in (tmp_path / "out").rglob("*.*")} >= {".txt", ".html", ".docx",
                                                                  ".xlsx", ".zip"}


def test_a_failure_in_one_format_leaves_no_other_format_behind(tmp_path: Path) -> None:
    """The txt and html render first; the xlsx then refuses a 40 000-character goal."""
    source = tx_long_goal(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次.txt").write_text("上次的公告", encoding="utf-8")
    done = run(["notice", str(source), "-o", str(out)], cwd=tmp_path)
    line = assert_refused(done, "32767", "项目“重点工作专项督查组工作经费”")
    assert "附件表格" in line and "--format" in line
    assert files_under(out) == ["上次.txt"]


def test_without_the_workbook_the_long_goal_is_published_whole(tmp_path: Path) -> None:
    source = tx_long_goal(tmp_path)
    done = run(["notice", str(source), "-o", str(tmp_path / "out"), "--format", "txt"],
               cwd=tmp_path)
    assert done.code == 0, str(done)
    text = next((tmp_path / "out").rglob("*.txt")).read_text(encoding="utf-8")
    assert "长" * 40_000 in text


def test_contents_links_survive_an_apostrophe_in_a_sheet_name(tmp_path: Path) -> None:
    source = wb_apostrophes(tmp_path)
    done = run(["notice", str(source), "-o", str(tmp_path / "out"), "--format", "xlsx"],
               cwd=tmp_path)
    assert done.code == 0, str(done)
    book = openpyxl.load_workbook(next((tmp_path / "out").rglob("*.xlsx")))
    contents = book["目录"]
    links = [cell.hyperlink for row in contents.iter_rows() for cell in row if cell.hyperlink]
    assert links
    for link in links:
        quoted, _, cell = link.location.rpartition("!")
        sheet = quoted[1:-1].replace("''", "'")
        assert sheet in book.sheetnames and cell == "A1", link.location
    assert any("'" in link.location[1:-4].replace("''", "") for link in links) is False
    assert any("''" in link.location for link in links)
