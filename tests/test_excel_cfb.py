"""The compound file writer, read back by olefile (an independent, strict reader)."""

from __future__ import annotations

import io
import random

import olefile
import pytest

from xlperf.excel.addin import cfb

SIZES = [0, 1, 63, 64, 65, 4095, 4096, 4097, 100_000]


def reopen(data: bytes) -> olefile.OleFileIO:
    # DEFECT_INCORRECT: olefile raises on anything the specification forbids.
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


def random_bytes(size: int, seed: int = 0) -> bytes:
    return random.Random(seed * 1_000_003 + size).randbytes(size)


def test_every_stream_size_comes_back_byte_exact() -> None:
    streams = {f"size{size}": random_bytes(size) for size in SIZES}
    ole = reopen(cfb.write_compound_file(streams))
    for name, data in streams.items():
        assert ole.get_size(name) == len(data)
        assert ole.openstream(name).read() == data


def test_small_and_large_streams_go_to_the_mini_stream_and_the_fat() -> None:
    ole = reopen(cfb.write_compound_file({"small": b"x" * 4095, "large": b"y" * 4096}))
    assert ole.minisectorcutoff == 4096
    entries = {e.name: e for e in ole.direntries if e is not None}
    assert entries["small"].size < ole.minisectorcutoff
    assert entries["large"].size >= ole.minisectorcutoff
    assert ole.openstream("small").read() == b"x" * 4095


def test_many_entries_in_nested_storages() -> None:
    streams = {f"VBA/Module{i:03d}": random_bytes(i * 37, i) for i in range(150)}
    streams.update({f"Other/Deeper/s{i}": random_bytes(5000 + i, i) for i in range(20)})
    streams.update({"PROJECT": b"ID=...", "PROJECTwm": b"\0\0"})
    ole = reopen(cfb.write_compound_file(streams))
    listed = {"/".join(path) for path in ole.listdir(streams=True, storages=False)}
    assert listed == set(streams)
    for name, data in streams.items():
        assert ole.openstream(name).read() == data
    assert ole.get_type("VBA") == olefile.STGTY_STORAGE
    assert ole.get_type("Other/Deeper") == olefile.STGTY_STORAGE


def test_a_stream_needing_more_than_109_fat_sectors_uses_difat() -> None:
    big = random_bytes(7_500_000, 3)  # 14 649 sectors → 115 FAT sectors
    data = cfb.write_compound_file({"big": big, "small": b"abc"})
    ole = reopen(data)
    assert ole.num_difat_sectors == 1
    assert ole.openstream("big").read() == big
    assert ole.openstream("small").read() == b"abc"


def test_header_says_version_3_with_512_byte_sectors() -> None:
    data = cfb.write_compound_file({"a": b"1"})
    ole = reopen(data)
    assert (ole.dll_version, ole.minor_version) == (3, 0x3E)
    assert ole.sectorsize == 512 and ole.minisectorsize == 64
    assert len(data) % 512 == 0


def test_siblings_form_a_search_tree_in_cfb_name_order() -> None:
    names = ["b", "A", "aa", "AB", "ab_", "Zz", "_VBA_PROJECT", "dir", "ThisWorkbook", "Sheet1",
             "\u00e9t\u00e9", "\u00c9T\u00c9x", "x" * 31]
    ole = reopen(cfb.write_compound_file({f"VBA/{n}": b"." for n in names}))
    storage = next(e for e in ole.direntries if e is not None and e.name == "VBA")
    in_order = _in_order(ole, storage.sid_child)
    assert sorted(in_order) == sorted(names)
    # §2.6.4: shorter names first; equal lengths compare by upper case.
    keys = [(len(n), n.upper()) for n in in_order]
    assert keys == sorted(keys)
    assert all(e.color == 1 for e in ole.direntries if e is not None)  # all black


def _in_order(ole: olefile.OleFileIO, sid: int) -> list[str]:
    if sid == olefile.NOSTREAM:
        return []
    entry = ole.direntries[sid]
    return [*_in_order(ole, entry.sid_left), entry.name, *_in_order(ole, entry.sid_right)]


def test_the_tree_is_balanced() -> None:
    ole = reopen(cfb.write_compound_file({f"s{i:03d}": b"" for i in range(100)}))
    root = ole.direntries[0]
    assert _depth(ole, root.sid_child) <= 7  # ⌈log2(101)⌉


def _depth(ole: olefile.OleFileIO, sid: int) -> int:
    if sid == olefile.NOSTREAM:
        return 0
    entry = ole.direntries[sid]
    return 1 + max(_depth(ole, entry.sid_left), _depth(ole, entry.sid_right))


def test_name_order_puts_length_before_letters() -> None:
    assert cfb.name_key("Z") < cfb.name_key("aa")
    assert cfb.name_key("abc") < cfb.name_key("ABD")
    assert cfb.name_key("abc")[1] == cfb.name_key("ABC")[1]


@pytest.mark.parametrize("name", ["", "a/b:", "x" * 32, "bad!name"])
def test_invalid_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        cfb.write_compound_file({f"VBA/{name}" if "/" not in name else name: b""})


def test_same_input_same_bytes() -> None:
    streams = {"PROJECT": b"a", "VBA/dir": b"b" * 5000}
    assert cfb.write_compound_file(streams) == cfb.write_compound_file(dict(streams))
