"""Outputs appear whole or not at all, with an ordinary file mode."""

import os
import stat
import sys

import pytest

from xlperf.atomic import atomic_path, write_text_atomic


def test_output_gets_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "out.txt", "内容")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "out.txt").stat().st_mode)
    assert mode == 0o644


def test_failed_write_leaves_previous_file_and_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("旧内容", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("半截", encoding="utf-8")
        raise RuntimeError("crash while writing")
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_ctrl_c_the_moment_the_temporary_file_exists_leaves_nothing_behind(tmp_path):
    """Ctrl-C lands between two Python lines, wherever the program is: here at the first
    line after the temporary file appears (as in the battery's Ctrl-C during import, which
    left ``.导入.xlsx.*.tmp`` behind when the signal came inside ``tempfile.mkstemp``)."""
    target = tmp_path / "导入.xlsx"

    def ctrl_c_once_the_file_exists(frame, event, arg):
        if any(name.startswith(f".{target.name}.") for name in os.listdir(tmp_path)):
            raise KeyboardInterrupt  # raised in the traced line; tracing stops there
        return ctrl_c_once_the_file_exists

    sys.settrace(ctrl_c_once_the_file_exists)
    try:
        with pytest.raises(KeyboardInterrupt), atomic_path(target) as tmp:
            tmp.write_bytes(b"PK")
    finally:
        sys.settrace(None)
    assert os.listdir(tmp_path) == []
