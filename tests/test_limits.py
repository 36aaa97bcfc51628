"""Size limits (issue 11, item 15): beyond them a command refuses at once, naming the limit.

A 49 MB text with 24 409 projects kept import busy past 400 s at 1.1 GB and
notice at 5.3 GB; a single 40 MB line kept show busy 285 s; annotating a
workbook with a 1 000 000-row extra sheet took 211 s and 2.35 GB. The time
and memory below the limits are measured in benchmarks/limits.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_process import CAN_FORK, run
from contract import assert_refused
from hostile_corpus import (
    tx_long_line,
    tx_long_notice_part,
    tx_one_line,
    tx_too_large,
    tx_too_many_projects,
    wb_big_data_sheet,
    wb_too_many_sheets,
)

from xlperf import limits
from xlperf.errors import InputError
from xlperf.sources.text.reader import parse_text, read_text
from xlperf.sources.workbook.reader import read_workbook

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")


@pytest.mark.parametrize(("build", "words"), [
    (tx_too_large, ("10 MB",)),
    (tx_too_many_projects, (str(limits.MAX_PROJECTS),)),
    (tx_long_line, ("个字符", str(limits.MAX_LINE_CHARS))),
    (tx_one_line, ("换行",)),
    (tx_long_notice_part, (str(limits.MAX_NOTICE_CHARS),)),
])
def test_a_text_beyond_a_limit_is_refused_by_every_command(build, words, tmp_path: Path) -> None:
    source = build(tmp_path)
    for args in (["show", source], ["import", source, "-o", tmp_path / "x.xlsx"],
                 ["notice", source, "-o", tmp_path / "out"], ["export", source]):
        assert_refused(run(args, cwd=tmp_path), source.name, *words)
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_the_text_limit_is_checked_before_the_tables_are_parsed(tmp_path: Path,
                                                                monkeypatch) -> None:
    """Refused in seconds: the tables of a too-large text are never read."""
    from xlperf.sources.text import reader

    source = tx_too_many_projects(tmp_path)
    monkeypatch.setattr(reader, "read_tables", lambda *args: pytest.fail("parsed"))
    with pytest.raises(InputError, match="项目"):
        read_text(source)


def test_a_department_at_the_limit_is_read(tmp_path: Path) -> None:
    text = tx_too_many_projects(tmp_path).read_text(encoding="utf-8")
    start = text.index("项目名称")
    table = text[start:].split("\n")[:14]
    department = parse_text(text[:start] + ("\n".join(table) + "\n") * limits.MAX_PROJECTS)
    assert len(department.projects) == limits.MAX_PROJECTS


def test_a_workbook_with_more_sheets_than_a_department_has_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=str(limits.MAX_SHEETS)):
        read_workbook(wb_too_many_sheets(tmp_path))


def test_a_workbook_too_large_to_annotate_is_refused_before_the_run(tmp_path: Path) -> None:
    source = wb_big_data_sheet(tmp_path)
    done = run(["validate", source, "--annotate", tmp_path / "标记.xlsx"], cwd=tmp_path)
    line = assert_refused(done, str(limits.MAX_ANNOTATE_CELLS))
    assert "标注副本" in line
    assert done.out == ""  # refused before anything was checked or printed
    assert not (tmp_path / "标记.xlsx").exists()


def test_text_longer_than_a_cell_is_refused_not_cut_on_import(tmp_path: Path) -> None:
    from hostile_corpus import tx_long_goal

    source = tx_long_goal(tmp_path)
    done = run(["import", source, "-o", tmp_path / "导入.xlsx"], cwd=tmp_path)
    assert_refused(done, "32767", "项目01!B9")  # the goal cell of the written workbook
    assert not (tmp_path / "导入.xlsx").exists()
