"""A sheet's extent, read before calamine loads it (issue 11, item 6).

One cell at XFD1048576 made calamine allocate 512 GiB and abort (exit 134)
in every command; a shared-string table declaring 10¹⁵ strings did the same.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from cli_process import CAN_FORK, run
from contract import assert_refused
from hostile_corpus import (
    MAIN,
    PROJECT_ROWS,
    raw_workbook,
    sheet_xml,
    wb_big_data_sheet,
    wb_clean,
    wb_far_cell,
    wb_far_cell_prefixed,
    wb_far_cell_unrelated_sheet,
    wb_far_cells_without_r,
    wb_ods_far_repeat,
    wb_shared_strings_bomb,
)

from xlperf.sources.workbook.extent import Extent, sheet_extent

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")


def walked(cells: str) -> Extent:
    return sheet_extent(f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData>'
                        "</worksheet>".encode())


def test_extent_counts_as_calamine_does() -> None:
    assert walked('<row r="1"><c r="A1"><v>1</v></c></row>'
                  '<row r="30000"><c r="C30000"><v>1</v></c></row>') == Extent(30000, 3,
                                                                               ("C30000",))
    # Cells without r take the next column; a row without r comes after the last one.
    assert walked('<row r="2000"><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'
                  ).cells == 2001 * 2
    # Empty cells (<c …/>) do not count: calamine skips them.
    assert walked('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576" s="1"/></row>'
                  '<row r="5000"><c r="B5000"><v>1</v></c></row>').cells == 5000 * 2


def test_the_common_case_is_settled_by_one_search() -> None:
    data = sheet_xml(PROJECT_ROWS)
    assert sheet_extent(data).cells <= 999 * 702


# Read in a process of its own: without the fix calamine aborts, or allocates gigabytes.

def shown(path: Path) -> tuple[int, str]:
    done = run(["show", str(path), "--json"], cwd=path.parent)
    return done.code, done.err if done.code else done.out


@pytest.mark.parametrize(("build", "where"), [
    (wb_far_cell, "工作表 项目01，单元格 XFD1048576："),
    (wb_far_cells_without_r, "工作表 项目01："),
    (wb_far_cell_prefixed, "工作表 项目01，单元格 AAA900000："),
])
def test_a_goal_table_reaching_too_far_is_refused_naming_its_sheet(build, where: str,
                                                                   tmp_path: Path) -> None:
    code, text = shown(build(tmp_path))
    assert code == 2, text
    assert where in text and "行 ×" in text and "删除" in text


def test_a_far_cell_in_a_sheet_that_is_no_goal_table_is_skipped(tmp_path: Path) -> None:
    code, text = shown(wb_far_cell_unrelated_sheet(tmp_path))
    assert code == 0, text
    department = json.loads(text)
    assert department["department"] == "石嘴山市人民政府办公室" and len(department["projects"]) == 6


def test_a_large_data_sheet_within_the_limit_is_still_read_past(tmp_path: Path) -> None:
    code, text = shown(wb_big_data_sheet(tmp_path))
    assert code == 0 and len(json.loads(text)["projects"]) == 6, text


def test_a_shared_string_table_declaring_impossible_counts_is_refused(tmp_path: Path) -> None:
    code, text = shown(wb_shared_strings_bomb(tmp_path))
    assert code == 2 and "共享字符串" in text, text


def test_a_label_held_as_a_shared_string_marks_a_sheet_as_a_goal_table(tmp_path: Path) -> None:
    """Excel writes labels to the shared strings: a far-reaching sheet whose 项目名称 lives
    there (even split into rich-text runs) is refused, not skipped."""
    strings = (f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><r><t>项目</t></r>'
               '<r><t>名称</t></r></si></sst>').encode()
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="3"><c r="A3" t="s"><v>0</v></c>'
             '</row><row r="900000"><c r="XFD900000"><v>1</v></c></row></sheetData>'
             '</worksheet>').encode()
    code, text = shown(raw_workbook(tmp_path / "shared.xlsx", {"表一": sheet}, strings))
    assert code == 2 and "工作表 表一" in text, text


@pytest.mark.parametrize("args", [["show", "{i}"], ["validate", "{i}", "--annotate", "{o}"],
                                  ["export", "{i}"], ["notice", "{i}", "-o", "{d}"]])
def test_every_command_refuses_the_far_cell_in_one_line(args, tmp_path: Path) -> None:
    source = wb_far_cell(tmp_path)
    done = run([a.format(i=source, o=tmp_path / "o.xlsx", d=tmp_path / "d") for a in args],
               cwd=tmp_path)
    if args[0] == "validate":  # the report names the reason, exit 2
        assert done.code == 2 and "XFD1048576" in done.out, str(done)
    else:
        assert_refused(done, "XFD1048576")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["far_cell.xlsx"]


@pytest.mark.parametrize("folder", [False, True])
def test_a_tiny_ods_asking_for_gigabytes_is_refused_in_bounded_memory(folder: bool,
                                                                      tmp_path: Path) -> None:
    """An .ods has no extent to read beforehand: its reading process may map 1 GB
    (limits.READING_MEMORY) and no more. Uncapped, this 843-byte file took 20 s and 2.8 GB."""
    source = wb_ods_far_repeat(tmp_path)
    if folder:  # in a batch, read by a pool worker
        for index in range(9):
            (tmp_path / f"{index}.xlsx").write_bytes(wb_clean(tmp_path).read_bytes())
    target = tmp_path if folder else source
    done = run(["validate", str(target)], cwd=tmp_path, memory_mb=None)
    assert done.code == 2 and "far_repeat.ods — 无法读取" in done.out, str(done)
    assert "意外终止" in done.out, str(done)
    assert done.peak_mb < 1800, str(done)
    assert "memory allocation" not in done.err  # calamine's dying words are not shown



def test_a_far_cell_behind_a_target_in_other_case_is_still_refused(tmp_path: Path) -> None:
    """calamine finds ``/XL/WORKSHEETS/SHEET1.XML`` ignoring case; the extent check must too
    (it once skipped such a sheet, and calamine then tried to allocate its whole range)."""
    source = wb_far_cell(tmp_path)
    target = tmp_path / "upper.xlsx"
    with zipfile.ZipFile(source) as zin, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = re.sub(rb'Target="([^"]*worksheets/[^"]*)"',
                              lambda m: b'Target="' + m.group(1).upper() + b'"', data)
            zout.writestr(item.filename, data)
    assert b"WORKSHEETS" in zipfile.ZipFile(target).read("xl/_rels/workbook.xml.rels")
    assert_refused(run(["show", str(target)], cwd=tmp_path), "XFD1048576")
