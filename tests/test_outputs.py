"""Output paths: no detour, link or race reaches an input; no write failure is a traceback.

Issue 11, items 1, 2 and 9: ``export in.xlsx -o nosuch/../in.xlsx`` replaced
the department workbook with text; ``notice --force`` overwrote its own
input; a read-only folder, a folder where a file should go or a file where a
folder should be gave tracebacks.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from cli_process import CAN_FORK, NOBODY, run
from contract import assert_refused, snapshot
from notice_support import clean_seed

from xlperf.atomic import atomic_path
from xlperf.errors import OutputExists
from xlperf.outputs import Output
from xlperf.writers.workbook.writer import write_department

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")

SEED = Path(__file__).parent / "data" / "seed_notice.txt"


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory) -> Path:
    """The seed without its faulty last project: a notice is published, not a draft."""
    path = tmp_path_factory.mktemp("outputs") / "in.xlsx"
    write_department(clean_seed(), path)
    return path


@pytest.fixture
def folder(tmp_path: Path, seed_workbook: Path) -> Path:
    shutil.copy(seed_workbook, tmp_path / "in.xlsx")
    shutil.copy(SEED, tmp_path / "seed.txt")
    return tmp_path


# Commands whose output path is the input spelled through a folder that does not exist.
DETOURS = {
    "export": ["export", "in.xlsx", "-o", "nosuch/../in.xlsx"],
    "annotate": ["validate", "in.xlsx", "--annotate", "nosuch/../in.xlsx"],
    "import": ["import", "seed.txt", "-o", "nosuch/../in.xlsx"],
    "new": ["new", "nosuch/../in.xlsx"],
}


@pytest.mark.parametrize("command", DETOURS)
def test_an_output_through_a_missing_folder_never_replaces_a_file(command: str,
                                                                  folder: Path) -> None:
    before = snapshot(folder)
    done = run(DETOURS[command], cwd=folder)
    assert_refused(done, "in.xlsx")
    assert snapshot(folder) == before  # nothing replaced, no folder "nosuch" left behind


def test_notice_through_a_missing_folder_keeps_the_files_of_the_last_run(folder: Path) -> None:
    first = run(["notice", "in.xlsx", "-o", "out"], cwd=folder)
    assert first.code == 0, str(first)
    before = snapshot(folder)
    again = run(["notice", "in.xlsx", "-o", "nosuch/../out"], cwd=folder)
    assert_refused(again, "已存在", "--force")
    assert snapshot(folder) == before


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_an_output_that_is_the_input_under_another_name_is_refused(link: str,
                                                                   folder: Path) -> None:
    (os.link if link == "hard" else os.symlink)(folder / "in.xlsx", folder / "other.xlsx")
    before = snapshot(folder)
    for args in (["export", "in.xlsx", "-o", "other.xlsx"],
                 ["validate", "in.xlsx", "--annotate", "other.xlsx"],
                 ["import", "seed.txt", "-o", "other.xlsx", "--force"]):
        if args[0] == "import":
            (folder / "other.xlsx").unlink()
            (os.link if link == "hard" else os.symlink)(folder / "seed.txt",
                                                        folder / "other.xlsx")
            before = snapshot(folder)
        assert_refused(run(args, cwd=folder), "输入文件")
        assert snapshot(folder) == before


def test_notice_with_force_never_overwrites_its_input(folder: Path) -> None:
    """Re-running on the generated .txt, and a workbook saved under the attachment's name."""
    first = run(["notice", "in.xlsx", "-o", "out"], cwd=folder)
    assert first.code == 0, str(first)
    department = next(p for p in (folder / "out").iterdir() if p.is_dir())
    text = next(department.glob("*.txt"))
    before = snapshot(folder)
    again = run(["notice", str(text), "-o", "out", "--force"], cwd=folder)
    assert_refused(again, "输入文件")
    assert snapshot(folder) == before
    attachment = next(department.glob("*表.xlsx"))
    shutil.copy(folder / "in.xlsx", attachment)
    before = snapshot(folder)
    again = run(["notice", str(attachment), "-o", "out", "--force"], cwd=folder)
    assert_refused(again, "输入文件")
    assert snapshot(folder) == before


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path: Path) -> None:
    """The check right before the rename: another program saved the file meanwhile."""
    target = tmp_path / "部门.xlsx"
    output = Output(target)
    with pytest.raises(OutputExists), output.writing() as tmp:
        tmp.write_bytes(b"ours")
        target.write_bytes(b"theirs")
    assert target.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["部门.xlsx"]


def test_atomic_path_checks_once_the_folder_exists_and_before_the_rename(tmp_path: Path) -> None:
    calls = []
    with atomic_path(tmp_path / "a" / "b.txt", check=lambda: calls.append(
            (tmp_path / "a").is_dir())) as tmp:
        tmp.write_text("x")
    assert calls == [True, True]


# --- places that cannot be written (item 9) ----------------------------------------------

@pytest.fixture
def shared(seed_workbook: Path):
    """A world-readable folder (the read-only case runs as nobody when the tests run as root,
    since root may write anywhere) holding the inputs and a folder without write permission."""
    base = Path(tempfile.mkdtemp(prefix="xlperf-ro-"))
    try:
        base.chmod(0o755)
        shutil.copy(seed_workbook, base / "in.xlsx")
        shutil.copy(SEED, base / "seed.txt")
        for name in ("in.xlsx", "seed.txt"):
            (base / name).chmod(0o644)
        (base / "ro").mkdir()
        (base / "ro").chmod(0o555)
        yield base
    finally:
        (base / "ro").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


UNWRITABLE = {
    "new": ["new", "{out}/部门.xlsx"],
    "import": ["import", "seed.txt", "-o", "{out}/部门.xlsx"],
    "export": ["export", "in.xlsx", "-o", "{out}/部门.txt"],
    "annotate": ["validate", "in.xlsx", "--annotate", "{out}/标记.xlsx"],
    "notice": ["notice", "in.xlsx", "-o", "{out}/公开"],
}


@pytest.mark.parametrize("command", UNWRITABLE)
def test_a_read_only_folder_is_one_chinese_line(command: str, shared: Path) -> None:
    before = snapshot(shared)
    args = [part.format(out="ro") for part in UNWRITABLE[command]]
    done = run(args, cwd=shared, user=NOBODY if os.geteuid() == 0 else None)
    assert_refused(done, "写入权限")
    assert snapshot(shared) == before


@pytest.mark.parametrize("command", UNWRITABLE)
def test_an_output_below_a_file_is_one_chinese_line(command: str, folder: Path) -> None:
    (folder / "note.txt").write_text("a file, not a folder")
    before = snapshot(folder)
    args = [part.format(out="note.txt/sub") for part in UNWRITABLE[command]]
    assert_refused(run(args, cwd=folder), "note.txt", "不是文件夹")
    assert snapshot(folder) == before


@pytest.mark.parametrize("command", ["new", "import", "export", "annotate"])
def test_an_output_onto_an_existing_folder_is_one_chinese_line(command: str,
                                                               folder: Path) -> None:
    (folder / "x.xlsx").mkdir()
    (folder / "x.txt").mkdir()
    args = [part.replace("{out}/部门", "x").replace("{out}/标记", "x")
            for part in UNWRITABLE[command]]
    before = snapshot(folder)
    assert_refused(run(args, cwd=folder), "文件夹")
    assert snapshot(folder) == before
