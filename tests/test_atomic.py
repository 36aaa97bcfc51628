"""Outputs appear whole or not at all, with an ordinary file mode."""

import os
import stat

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
