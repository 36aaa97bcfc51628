"""Worker processes that die, and Ctrl-C: the batch goes on, or stops at once with 已中断.

Issue 11, items 6 and 12: one workbook that made calamine abort took a whole
``validate`` batch down (BrokenProcessPool, no report); Ctrl-C exited 1 (the
code for "errors found") with English ``Aborted!``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from cli_process import CAN_FORK, children, run
from contract import assert_no_traceback, snapshot
from notice_support import clean_seed

from xlperf.cli.batch import WORKER_DIED
from xlperf.writers.workbook.writer import write_department

pytestmark = pytest.mark.skipif(
    not CAN_FORK or not Path(f"/proc/self/task/{os.getpid()}/children").exists(),
    reason="needs fork and /proc/PID/task/TID/children (Linux)")


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """Twelve clean workbooks: enough for worker processes (8 or more files)."""
    folder = tmp_path_factory.mktemp("inbox")
    write_department(clean_seed(), folder / "00.xlsx")
    for index in range(1, 12):
        shutil.copy(folder / "00.xlsx", folder / f"{index:02d}.xlsx")
    return folder


@pytest.fixture(scope="module")
def big_inbox(tmp_path_factory, inbox: Path) -> Path:
    """240 workbooks: seconds of work, time to press Ctrl-C in the middle."""
    folder = tmp_path_factory.mktemp("big")
    for index in range(240):
        os.link(inbox / "00.xlsx", folder / f"{index:03d}.xlsx")
    return folder


def kill_every_worker(pid: int) -> None:
    """What an out-of-memory killer does to a machine short of memory, to every worker."""
    for child in children(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)


def test_workers_that_die_are_reported_per_file_and_the_batch_goes_on(inbox: Path) -> None:
    done = run(["validate", str(inbox), "--jobs", "2", "--format", "json"],
               watch=kill_every_worker)
    assert_no_traceback(done)
    report = json.loads(done.stdout)
    files = [Path(entry["file"]).name for entry in report["files"]]
    assert files == sorted(p.name for p in inbox.iterdir())  # every file, once, in order
    died = [entry for entry in report["files"] if entry.get("error") == WORKER_DIED]
    assert died, "no worker was killed: the test did not test anything"
    assert all(entry.get("error") in (None, WORKER_DIED) for entry in report["files"])
    assert done.code == 2
    assert report["summary"]["unreadable"] == len(died)


def test_a_notice_batch_whose_workers_die_writes_nothing(inbox: Path, tmp_path: Path) -> None:
    """Reading for the notice in workers: a dead reader is that file's failure, exit 2, and
    the package is not written without it."""
    done = run(["notice", str(inbox), "-o", str(tmp_path / "out"), "--jobs", "2"],
               watch=kill_every_worker)
    assert_no_traceback(done)
    assert done.code == 2, str(done)
    assert "进程意外终止" in done.err
    assert not (tmp_path / "out").exists()


def test_ctrl_c_says_interrupted_and_exits_130(big_inbox: Path) -> None:
    """Pressed once the workers run (a library may swallow Ctrl-C while it is imported)."""
    done = run(["validate", str(big_inbox), "--jobs", "2"],
               interrupt=(lambda pid: bool(children(pid)), signal.SIGINT))
    assert done.code == 130, str(done)
    assert done.err.strip() == "已中断"
    assert_no_traceback(done)


def test_ctrl_c_while_the_notice_renders_leaves_the_output_folder_as_it_was(
        inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "旧文件.txt").write_text("上次的公告", encoding="utf-8")
    before = snapshot(out)
    done = run(["notice", str(inbox), "-o", str(out), "--jobs", "2", "--force"],
               interrupt=(lambda pid: any(out.glob(".xlperf-notice-*")), signal.SIGINT))
    assert done.code == 130, str(done)
    assert done.err.strip() == "已中断"
    assert snapshot(out) == before


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_work_done_apart_comes_back_or_is_named_when_its_process_dies() -> None:
    """calamine on .xls/.xlsb/.ods has no extent check: it reads in a process of its own, and
    a process that dies is one Chinese line naming the file, not the command's death."""
    from xlperf.errors import InputError
    from xlperf.workers import apart

    assert apart(pow, 2, 10, died="不会用到") == 1024
    with pytest.raises(InputError) as caught:
        apart(_die, died="读取时处理进程意外终止", where="部门.ods")
    assert caught.value.describe() == "文件 部门.ods：读取时处理进程意外终止"
