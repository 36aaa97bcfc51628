"""User text at its destination: worksheets, the terminal, JSON (issue 11, items 7, 10, 14).

Control characters in names (``_x0000_``, ``_x000B_``, pasted from PDFs)
crashed ``--annotate``; ``show`` passed workbook text to rich as markup
(``[/]`` crashed it, ``[link=…]`` made a clickable link); the JSON report
was not valid UTF-8 for a file name with non-UTF-8 bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from cli_process import CAN_FORK, run
from contract import assert_no_traceback
from hostile_corpus import (
    fs_name_not_utf8,
    fs_name_with_escapes,
    wb_control_characters,
    wb_escape_sequences,
    wb_rich_markup,
)

from xlperf.safe_text import path_text, terminal_safe, xml_safe

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")


def test_the_three_destinations() -> None:
    assert xml_safe("督查\x00经费\x0b") == "督查经费"
    assert terminal_safe("\x1b[31m红\n行") == "\\x1b[31m红\n行"
    assert terminal_safe("a\nb", one_line=True) == "a\\x0ab"
    assert path_text("部门\udcb2\udcbf.xlsx") == "部门\\xb2\\xbf.xlsx"


def test_annotating_names_with_control_characters_writes_the_copy(tmp_path: Path) -> None:
    source = wb_control_characters(tmp_path)
    target = tmp_path / "标记.xlsx"
    done = run(["validate", str(source), "--annotate", str(target)], cwd=tmp_path)
    assert done.code == 1, str(done)
    assert_no_traceback(done)
    report = openpyxl.load_workbook(target)["校验结果"]
    cells = {value for row in report.iter_rows(min_row=2, values_only=True) for value in row}
    assert "督查经费（第一批）" in cells  # the project's name, its control characters dropped


def test_export_and_the_notice_drop_control_characters(tmp_path: Path) -> None:
    source = wb_control_characters(tmp_path)
    exported = run(["export", str(source)], cwd=tmp_path)
    assert exported.code == 0 and "督查经费（第一批）" in exported.out
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in exported.out)
    done = run(["notice", str(source), "-o", str(tmp_path / "out"), "--draft"], cwd=tmp_path)
    assert done.code == 0, str(done)
    for page in (tmp_path / "out").rglob("*.html"):
        assert "\x00" not in page.read_text(encoding="utf-8")


def test_show_prints_markup_in_names_as_text(tmp_path: Path) -> None:
    done = run(["show", str(wb_rich_markup(tmp_path))], cwd=tmp_path, env={"COLUMNS": "200"})
    assert done.code == 0, str(done)
    assert "督查[/]经费" in done.out
    assert "[link=http://evil.example]点我[/link]" in done.out
    assert "[bold red]醒目[/bold red]" in done.out


def test_no_escape_sequence_from_a_name_reaches_the_terminal(tmp_path: Path) -> None:
    for args in (["show", str(wb_escape_sequences(tmp_path))],
                 ["validate", str(tmp_path)],
                 ["show", str(fs_name_with_escapes(tmp_path)) + ".missing"]):
        done = run(args, cwd=tmp_path)
        assert "\x1b" not in done.out + done.err, str(done)
        assert_no_traceback(done)


def test_rules_prints_configuration_values_as_text(tmp_path: Path) -> None:
    (tmp_path / "xlperf.toml").write_text('[glossary]\nmeasurable = ["[/]", "[link=x]点[/link]"]\n',
                                          encoding="utf-8")
    done = run(["rules", str(tmp_path)], cwd=tmp_path, env={"COLUMNS": "200"})
    assert done.code == 0, str(done)
    assert "[/]" in done.out and "[link=x]点[/link]" in done.out


def test_the_json_report_is_valid_utf8_for_a_file_name_that_is_not(tmp_path: Path) -> None:
    source = fs_name_not_utf8(tmp_path)
    done = run(["validate", str(tmp_path), "--format", "json"], cwd=tmp_path)
    assert done.code == 0, str(done)
    report = json.loads(done.stdout.decode("utf-8"))
    assert report["files"][0]["file"].endswith("\\xb2\\xbf\\xc3\\xc5.xlsx")
    assert source.exists()
    text = run(["validate", str(tmp_path)], cwd=tmp_path)
    assert "\\xb2\\xbf\\xc3\\xc5.xlsx" in text.stdout.decode("utf-8")
