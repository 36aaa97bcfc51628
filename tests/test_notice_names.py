"""Folder names from department names stay inside OUTDIR on every system."""

from __future__ import annotations

import pytest

from xlperf.notice.names import MAX_FOLDER_CHARS, safe_name, unique_names

NASTY = ["../../etc", "..", ".", "a/b\\c", "政府办\x00\x07\x1b", "CON", "nul.txt", " 空格 ",
         "局" * 200, "<>:\"|?*", "\u202e反转", "", "   "]


@pytest.mark.parametrize("name", NASTY)
def test_safe_name_is_one_harmless_component(name: str) -> None:
    safe = safe_name(name)
    assert safe and safe not in (".", "..")
    assert not set(safe) & set('/\\<>:"|?*')
    assert all(ord(ch) >= 32 and ch not in "\u202e" for ch in safe)
    assert len(safe) <= MAX_FOLDER_CHARS
    assert safe == safe.strip(" .")
    assert safe.split(".")[0].lower() not in {"con", "nul", "prn", "aux"}


def test_chinese_names_are_kept_as_written() -> None:
    assert safe_name("石嘴山市人民政府办公室") == "石嘴山市人民政府办公室"


def test_duplicates_get_numbered_case_insensitively() -> None:
    assert unique_names(["财政局", "财政局", "a/b", "a_b", "Ab", "AB"]) == [
        "财政局", "财政局-2", "a_b", "a_b-2", "Ab", "AB-2"]


def test_numbered_long_names_stay_within_the_cap() -> None:
    names = unique_names(["局" * 200] * 3)
    assert len(set(names)) == 3 and all(len(n) <= MAX_FOLDER_CHARS for n in names)
