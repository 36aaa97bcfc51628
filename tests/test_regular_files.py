"""Regular files only (issue 11, item 8): a pipe never hangs a command, a symlink loop never
crashes a folder run, and what was skipped is said."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_process import CAN_FORK, run
from contract import assert_no_traceback, assert_refused
from hostile_corpus import (
    fs_broken_symlink,
    fs_fifo_text,
    fs_fifo_workbook,
    fs_inbox_with_a_pipe,
    fs_symlink_loop,
)

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")


@pytest.mark.parametrize("build", [fs_fifo_workbook, fs_fifo_text])
@pytest.mark.parametrize("command", ["show", "validate", "export"])
def test_a_named_pipe_is_refused_at_once(build, command: str, tmp_path: Path) -> None:
    source = build(tmp_path)
    done = run([command, source], cwd=tmp_path, timeout=20)
    assert not done.timed_out, "waited on the pipe"
    if command == "validate":
        assert done.code == 2 and "不是普通文件" in done.out, str(done)
    else:
        assert_refused(done, "不是普通文件", source.name)


@pytest.mark.parametrize(("build", "words"), [(fs_symlink_loop, "循环的符号链接"),
                                              (fs_broken_symlink, "指向的文件不存在")])
def test_a_symlink_that_leads_nowhere_is_named_for_what_it_is(build, words: str,
                                                              tmp_path: Path) -> None:
    source = build(tmp_path)
    assert_refused(run(["show", source], cwd=tmp_path), words)
    done = run(["validate", source], cwd=tmp_path)
    assert done.code == 2 and words in done.out, str(done)


def test_a_folder_with_a_pipe_and_a_loop_is_checked_and_says_what_it_skipped(
        tmp_path: Path) -> None:
    inbox = fs_inbox_with_a_pipe(tmp_path)
    done = run(["validate", inbox, "--format", "json"], cwd=tmp_path, timeout=30)
    assert not done.timed_out
    assert done.code == 0, str(done)
    assert_no_traceback(done)
    report = json.loads(done.stdout)
    assert report["summary"]["files"] == 10
    lines = done.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("已跳过 2 个")
    assert "管道.xlsx" in lines[0] and "循环.xlsx" in lines[0]
    published = run(["notice", inbox, "-o", tmp_path / "out"], cwd=tmp_path, timeout=60)
    assert published.code == 0, str(published)
    assert "已跳过 2 个" in published.err


def test_a_hard_link_inside_a_folder_is_still_a_file_to_check(tmp_path: Path) -> None:
    inbox = fs_inbox_with_a_pipe(tmp_path)
    os.unlink(inbox / "管道.xlsx")
    done = run(["validate", inbox, "--format", "json"], cwd=tmp_path)
    assert json.loads(done.stdout)["summary"]["files"] == 10
