"""What every command promises for bad input (cli.md, the brief), as assertions.

Exit code 2 and one Chinese line on standard error (``错误：…``) for input
that cannot be used; never a traceback or click's English; inputs unchanged
to the byte; nothing written, or only complete files.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from pathlib import Path

from cli_process import Run

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_NOISE = ("Traceback", "Error:", "Aborted!", "Exception", "Usage:")


def assert_no_traceback(run: Run) -> None:
    for text in (run.out, run.err):
        for noise in ENGLISH_NOISE:
            assert noise not in text, str(run)


def assert_refused(run: Run, *words: str) -> str:
    """Exit 2 with exactly one Chinese line on stderr (containing ``words``); returns it."""
    assert run.code == 2, str(run)
    assert_no_traceback(run)
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, str(run)
    line = lines[0]
    assert line.startswith("错误：") and CJK.search(line[3:]), str(run)
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    return line


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every entry under ``folder`` (not following links): its content hash and mode."""
    found: dict[str, tuple[str, int]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            key = os.fsdecode(path.relative_to(folder))
            if stat.S_ISREG(info.st_mode):
                found[key] = (hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mode)
            elif stat.S_ISLNK(info.st_mode):
                found[key] = ("link:" + os.readlink(path), info.st_mode)
            else:
                found[key] = ("", info.st_mode)
    return found


def assert_complete(path: Path) -> None:
    """A written file is whole: zips open and test clean, texts decode, pages close."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".docx", ".zip", ".xlam"):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path
    elif suffix == ".txt":
        assert data.decode("utf-8").strip(), path
    elif suffix == ".html":
        assert data.decode("utf-8").rstrip().endswith("</html>"), path
    elif suffix == ".pdf":
        assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:], path
