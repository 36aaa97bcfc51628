"""The hostile-input battery: every command on every case of ``hostile_corpus``, by contract.

For each run: the exit code expected for that input; on refusal exactly one
Chinese line on standard error (or, for ``validate``, the reason in its
report); never a traceback, never click's English, never a control character
on the terminal; JSON that parses; the input unchanged to the byte; nothing
written on refusal, only complete files otherwise; within the time and the
memory bounds. Output paths (detours, links, read-only places), kill -9 and
Ctrl-C in the middle of writing have their own cases below.

Each command runs as its own process (``cli_process``: forked, so the battery
takes minutes, not the quarter of an hour that fresh interpreters would).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import zipfile
from pathlib import Path

import pytest
from cli_process import CAN_FORK, NOBODY, Run, children, run
from contract import CJK, assert_complete, assert_no_traceback, assert_refused, snapshot
from hostile_corpus import CASES, FORMULAS, Case, clean, workbook

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")

TIMEOUT_S = 90  # a hang, not a speed target: refusals take under a second (benchmarks/limits.py)
MEMORY_MB = 1200  # what one command may add; the largest below the limits stay under half
CONTROL = {byte for byte in range(32) if byte not in (9, 10)} | {0x7F}


def commands(kind: str) -> dict[str, list[str]]:
    """Each command on an input ``{i}``, writing under the output folder ``{o}``."""
    found = {
        "show": ["show", "{i}"],
        "show-json": ["show", "{i}", "--json"],
        "export": ["export", "{i}"],
        "export-file": ["export", "{i}", "-o", "{o}/导出.txt"],
        "validate": ["validate", "{i}"],
        "validate-json": ["validate", "{i}", "--format", "json"],
        "notice": ["notice", "{i}", "-o", "{o}/公开"],
    }
    if kind in ("workbook", "folder"):
        found["annotate"] = ["validate", "{i}", "--annotate", "{o}/标记.xlsx"]
    if kind == "text":
        found["import"] = ["import", "{i}", "-o", "{o}/导入.xlsx"]
    return found


def expected(case: Case, command: str) -> frozenset[int]:
    if command in case.expect:
        return case.expect[command]
    if case.refused:
        return frozenset({2})
    if case.kind == "folder" and command not in ("validate", "validate-json", "notice"):
        return frozenset({2})  # one file at a time
    return frozenset({0})


RUNS = [(case, command) for case in CASES for command in commands(case.kind)]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    from hostile_corpus import write_all

    return write_all(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize(("case", "command"), RUNS,
                         ids=[f"{case.name}-{command}" for case, command in RUNS])
def test_every_command_keeps_the_contract_on_every_case(case: Case, command: str, corpus,
                                                         tmp_path: Path) -> None:
    source = corpus[case.name]
    before = snapshot(source.parent)
    args = [part.replace("{i}", os.fsdecode(source)).replace("{o}", str(tmp_path))
            for part in commands(case.kind)[command]]
    done = run(args, cwd=source.parent, timeout=TIMEOUT_S)
    assert not done.timed_out, f"no answer within {TIMEOUT_S} s (a hang)\n{done}"
    assert done.code in expected(case, command), str(done)
    assert done.grown_mb < MEMORY_MB, str(done)
    assert_no_traceback(done)
    assert_printable(done)
    if done.code == 2:
        assert_reason(done, command, case)
    else:
        assert all(CJK.search(line) for line in done.err.splitlines() if line.strip()), str(done)
    if command in ("show-json", "validate-json") and done.stdout:
        json.loads(done.stdout.decode("utf-8"))  # valid UTF-8, valid JSON
    assert snapshot(source.parent) == before, "the input changed"
    written = sorted(tmp_path.rglob("*"))
    if done.code not in (0, 1):
        assert written == [], f"a refused run wrote {written}"
    for path in written:
        assert not path.name.startswith("."), f"left behind: {path}"
        if path.is_file():
            assert_complete(path)
            assert_safe_output(path, case)
    for secret in case.never_shown:
        assert secret not in done.stdout + done.stderr


def assert_printable(done: Run) -> None:
    """No control character reaches the terminal: no name moves the cursor or opens a link."""
    for stream in (done.stdout, done.stderr):
        assert not CONTROL & set(stream), f"control characters printed\n{done}"


def assert_reason(done: Run, command: str, case: Case) -> None:
    """Exit 2: one Chinese line on stderr, or (validate) the reason in the report. A folder
    may name each file it could not read (and what it skipped), each on its own line."""
    lines = [line for line in done.err.splitlines() if line.strip()]
    if command in ("validate", "validate-json", "annotate") and done.stdout.strip():
        assert "无法读取" in done.out or '"error"' in done.out, str(done)
        assert all(CJK.search(line) for line in lines), str(done)
        assert len(lines) <= (2 if case.kind == "folder" else 1), str(done)
        return
    if case.kind == "folder":
        assert lines and all(CJK.search(line) for line in lines), str(done)
        assert lines[-1].startswith("错误："), str(done)
        return
    assert_refused(done)


def assert_safe_output(path: Path, case: Case) -> None:
    """Outputs hold user text as text: no formula in a notice workbook, no live markup in a
    page, no secret a hostile input tried to pull in."""
    data = _contents(path)
    for secret in case.never_shown:
        assert secret not in data, path
    if path.suffix == ".html":
        assert b"<script>alert" not in data, path
        assert b'" onmouseover="' not in data, path
    if path.suffix == ".xlsx" and "公开" in path.parts:
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    assert b"<f>" not in package.read(name), f"{path}: {name} holds a formula"


def _contents(path: Path) -> bytes:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as package:
            return b"".join(package.read(name) for name in package.namelist())
    return path.read_bytes()


def test_the_formula_injection_case_still_reads_its_formulas_as_text(corpus) -> None:
    """The battery's formula case is what it says: the names come back as the text typed."""
    from xlperf.sources.workbook.reader import read_workbook

    names = [project.name for project in read_workbook(corpus["wb_formula_injection"]).projects]
    assert names[:len(FORMULAS)] == list(FORMULAS)


# --- output paths -------------------------------------------------------------------------

@pytest.fixture
def desk():
    """A world-readable folder with a department workbook and a published text: the read-only
    place is tried as nobody when the tests run as root (root may write anywhere)."""
    folder = Path(tempfile.mkdtemp(prefix="xlperf-desk-"))
    try:
        folder.chmod(0o755)
        workbook(clean(), folder / "in.xlsx")
        shutil.copy(Path(__file__).parent / "data" / "seed_notice.txt", folder / "seed.txt")
        for path in folder.iterdir():
            path.chmod(0o644)
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


ATTACHMENT = "out/石嘴山市人民政府办公室/石嘴山市人民政府办公室2024年项目支出预算绩效目标表.xlsx"
# What each command reads and the option that names where it writes.
WRITERS = {
    "new": (None, ["new"]),
    "import": ("seed.txt", ["import", "seed.txt", "-o"]),
    "export": ("in.xlsx", ["export", "in.xlsx", "-o"]),
    "annotate": ("in.xlsx", ["validate", "in.xlsx", "--annotate"]),
    "notice": ("in.xlsx", ["notice", "in.xlsx", "-o"]),
}


def through_a_missing_folder(desk: Path, command: str) -> list[str]:
    """``nosuch/../in.xlsx``: the existing file (an input, or replaced only with --force)."""
    if command == "notice":
        run(["notice", "in.xlsx", "-o", "out"], cwd=desk)
        return [*WRITERS[command][1], "nosuch/../out"]
    return [*WRITERS[command][1], "nosuch/../in.xlsx"]


def _linked(make) -> object:
    def place(desk: Path, command: str) -> list[str]:
        source = WRITERS[command][0]
        if command == "notice":  # the input, linked where the notice writes its attachment
            (desk / ATTACHMENT).parent.mkdir(parents=True)
            make(desk / source, desk / ATTACHMENT)
            return [*WRITERS[command][1], "out", "--force"]
        make(desk / source, desk / "link.xlsx")
        return [*WRITERS[command][1], "link.xlsx", "--force" if command == "import" else "-q"]
    return place


def below_a_file(desk: Path, command: str) -> list[str]:
    (desk / "note.txt").write_text("一个文件", encoding="utf-8")
    return [*WRITERS[command][1], "note.txt/sub/x.xlsx" if command != "notice" else "note.txt/out"]


def onto_a_folder(desk: Path, command: str) -> list[str]:
    (desk / "x.xlsx").mkdir()
    return [*WRITERS[command][1], "x.xlsx" if command != "notice" else "in.xlsx"]


def read_only_folder(desk: Path, command: str) -> list[str]:
    (desk / "ro").mkdir()
    (desk / "ro").chmod(0o555)
    return [*WRITERS[command][1], "ro/x.xlsx" if command != "notice" else "ro/out"]


def symlinked_department_folder(desk: Path, command: str) -> list[str]:
    (desk / "elsewhere").mkdir()
    (desk / "out").mkdir()
    os.symlink(desk / "elsewhere", desk / "out" / "石嘴山市人民政府办公室")
    return [*WRITERS[command][1], "out"]


PLACES = (
    (through_a_missing_folder, tuple(WRITERS)),
    (_linked(os.link), ("import", "export", "annotate", "notice")),
    (_linked(os.symlink), ("import", "export", "annotate", "notice")),
    (below_a_file, tuple(WRITERS)),
    (onto_a_folder, tuple(WRITERS)),
    (read_only_folder, tuple(WRITERS)),
    (symlinked_department_folder, ("notice",)),
)
PLACE_NAMES = ("through_a_missing_folder", "hard_link_to_the_input", "symlink_to_the_input",
               "below_a_file", "onto_a_folder", "read_only_folder",
               "symlinked_department_folder")
PLACE_RUNS = [(name, place, command) for name, (place, used) in zip(PLACE_NAMES, PLACES,
                                                                    strict=True)
              for command in used]


@pytest.mark.parametrize(("name", "place", "command"), PLACE_RUNS,
                         ids=[f"{name}-{command}" for name, _, command in PLACE_RUNS])
def test_no_output_path_reaches_an_input_or_leaves_a_traceback(name, place, command,
                                                               desk: Path) -> None:
    args = [arg for arg in place(desk, command) if arg != "-q"]
    before = snapshot(desk)
    user = NOBODY if name == "read_only_folder" and os.geteuid() == 0 else None
    done = run(args, cwd=desk, user=user, timeout=TIMEOUT_S)
    assert_refused(done)
    assert snapshot(desk) == before


# --- interrupted while writing ------------------------------------------------------------

@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    first = workbook(clean(), folder / "部门00.xlsx")
    for index in range(1, 16):
        os.link(first, folder / f"部门{index:02d}.xlsx")
    return folder


def _rendering(out: Path):
    return lambda pid: any(out.glob(".xlperf-notice-*/package/*/*"))


def _writing_workbook(out: Path):
    return lambda pid: any(out.glob(".导入.xlsx.*.tmp"))


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT],
                         ids=["kill-9", "ctrl-c"])
@pytest.mark.parametrize("command", ["notice", "import", "validate"])
def test_interrupted_in_the_middle_leaves_only_complete_files(command: str, signal_number: int,
                                                              inbox: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的公告.txt").write_text("上次生成的，不能丢", encoding="utf-8")
    before = snapshot(inbox)
    if command == "notice":
        args, when = ["notice", str(inbox), "-o", str(out), "--jobs", "2"], _rendering(out)
    elif command == "import":
        seed = Path(__file__).parent / "data" / "seed_notice.txt"
        args, when = ["import", str(seed), "-o", str(out / "导入.xlsx")], _writing_workbook(out)
    else:
        args = ["validate", str(inbox), "--jobs", "2", "--format", "json"]
        when = lambda pid: bool(children(pid))  # noqa: E731 - the workers are reading
    done = run(args, interrupt=(when, signal_number), timeout=TIMEOUT_S)
    assert snapshot(inbox) == before
    if done.code in (0, 1):
        pytest.skip("the command finished before it could be interrupted")
    if signal_number == signal.SIGINT:
        assert done.code == 130 and done.err.strip() == "已中断", str(done)
        assert_no_traceback(done)
    else:
        assert done.code == -signal.SIGKILL, str(done)
    assert (out / "上次的公告.txt").read_text(encoding="utf-8") == "上次生成的，不能丢"
    for path in out.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            assert_complete(path)  # a file in view is whole; kill -9 may leave hidden temps
        if signal_number == signal.SIGINT:
            assert not path.name.startswith("."), f"Ctrl-C left {path} behind"
