"""A small MS-CFB (compound file, "OLE2") writer: version 3, 512-byte sectors.

``vbaProject.bin`` is a compound file. PyPI has readers (olefile, which can only
modify streams in place) and young one-author writers, so xlperf writes its own;
the format needs only a few rules:

- the file is a 512-byte header followed by 512-byte sectors; the FAT chains
  sectors together (and marks its own sectors), the header lists the FAT
  sectors (109 of them, more through DIFAT sectors);
- streams under 4096 bytes live in the mini stream (64-byte mini sectors,
  chained by the mini FAT); the mini stream itself is the root entry's stream;
- the directory is an array of 128-byte entries; each storage's children form
  a binary search tree ordered by length, then by upper-cased UTF-16 name
  (§2.6.4). All nodes are black: §2.6.4 names this as a valid red-black tree
  when it is built balanced, so the tree is built from the sorted middle out.

Layout written: header, FAT, DIFAT, directory, mini FAT, mini stream, then the
large streams — each contiguous, so every chain is a run of sectors.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

DIFSECT = 0xFFFFFFFC
FATSECT = 0xFFFFFFFD
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF

_STORAGE, _STREAM, _ROOT = 1, 2, 5
_BLACK = 1
_ENTRIES_PER_SECTOR = SECTOR // 128
_IDS_PER_SECTOR = SECTOR // 4
_HEADER_DIFAT = 109
_MAX_NAME = 31  # UTF-16 code units, the terminating NUL makes 32


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: dict[str, _Entry] = field(default_factory=dict)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN


def name_key(name: str) -> tuple[int, str]:
    """§2.6.4 order: shorter names first, then by simple upper case of each UTF-16 unit."""
    upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in name)
    return len(name.encode("utf-16-le")) // 2, upper


def write_compound_file(streams: Mapping[str, bytes]) -> bytes:
    """The bytes of a compound file holding ``streams`` (``"VBA/dir"`` → data).

    Path components separated by ``/`` become storages. Names must be 1–31
    characters without ``/ \\ : !`` (§2.6.1).
    """
    root = _tree(streams)
    entries = _number(root)
    _link(root)
    small = [e for e in entries if e.kind == _STREAM and len(e.data) < MINI_CUTOFF]
    large = [e for e in entries if e.kind == _STREAM and len(e.data) >= MINI_CUTOFF]

    mini_fat, mini_stream = _mini(small)
    dir_count = _sectors(len(entries) * 128)
    minifat_count = _sectors(len(mini_fat) * 4)
    ministream_count = _sectors(len(mini_stream))
    large_counts = [_sectors(len(e.data)) for e in large]
    data_count = dir_count + minifat_count + ministream_count + sum(large_counts)
    fat_count, difat_count = _fat_size(data_count)

    fat: list[int] = [FATSECT] * fat_count + [DIFSECT] * difat_count
    first_dir = _chain(fat, dir_count)
    first_minifat = _chain(fat, minifat_count)
    root.start = _chain(fat, ministream_count)
    for entry, count in zip(large, large_counts, strict=True):
        entry.start = _chain(fat, count)
    fat += [FREESECT] * (fat_count * _IDS_PER_SECTOR - len(fat))

    header = _header(fat_count, difat_count, first_dir, first_minifat, minifat_count)
    parts = [header, _pack_ids(fat), _difat(fat_count, difat_count)]
    parts.append(_pad(b"".join(_dir_entry(e, len(mini_stream)) for e in entries), _empty_entry()))
    parts.append(_pad(_pack_ids(mini_fat), b"\xff\xff\xff\xff"))
    parts.append(_pad(mini_stream))
    parts.extend(_pad(e.data) for e in large)
    return b"".join(parts)


def _tree(streams: Mapping[str, bytes]) -> _Entry:
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        *folders, name = path.split("/")
        node = root
        for folder in folders:
            _check_name(folder)
            node = node.children.setdefault(folder, _Entry(folder, _STORAGE))
            if node.kind != _STORAGE:
                raise ValueError(f"{path!r}: {folder!r} is a stream, not a storage")
        _check_name(name)
        if name in node.children:
            raise ValueError(f"{path!r} given twice")
        node.children[name] = _Entry(name, _STREAM, bytes(data))
    return root


def _check_name(name: str) -> None:
    if not name or len(name.encode("utf-16-le")) // 2 > _MAX_NAME or set(name) & set("/\\:!"):
        raise ValueError(f"invalid compound file entry name {name!r}")


def _number(root: _Entry) -> list[_Entry]:
    """Directory order: root first, then breadth first (any order is valid; this one reads well)."""
    order, queue = [], [root]
    while queue:
        entry = queue.pop(0)
        entry.sid = len(order)
        order.append(entry)
        queue.extend(sorted(entry.children.values(), key=lambda e: name_key(e.name)))
    return order


def _link(storage: _Entry) -> None:
    """Give every storage a balanced search tree of its children."""
    ordered = sorted(storage.children.values(), key=lambda e: name_key(e.name))
    storage.child = _balanced(ordered)
    for child in ordered:
        if child.kind == _STORAGE:
            _link(child)


def _balanced(ordered: list[_Entry]) -> int:
    if not ordered:
        return NOSTREAM
    middle = len(ordered) // 2
    node = ordered[middle]
    node.left = _balanced(ordered[:middle])
    node.right = _balanced(ordered[middle + 1 :])
    return node.sid


def _mini(small: Iterable[_Entry]) -> tuple[list[int], bytes]:
    """Place small streams in the mini stream; returns (mini FAT, mini stream bytes)."""
    mini_fat: list[int] = []
    stream = bytearray()
    for entry in small:
        count = -(-len(entry.data) // MINI_SECTOR)
        if count == 0:
            entry.start = ENDOFCHAIN
            continue
        entry.start = len(mini_fat)
        mini_fat.extend(range(entry.start + 1, entry.start + count))
        mini_fat.append(ENDOFCHAIN)
        stream += entry.data + b"\0" * (count * MINI_SECTOR - len(entry.data))
    return mini_fat, bytes(stream)


def _sectors(size: int) -> int:
    return -(-size // SECTOR)


def _fat_size(data_sectors: int) -> tuple[int, int]:
    """FAT and DIFAT sector counts: the FAT must also chain its own and the DIFAT's sectors."""
    fat, difat = 0, 0
    while True:
        needed_fat = _sectors((data_sectors + fat + difat) * 4)
        needed_difat = -(-max(needed_fat - _HEADER_DIFAT, 0) // (_IDS_PER_SECTOR - 1))
        if (needed_fat, needed_difat) == (fat, difat):
            return fat, difat
        fat, difat = needed_fat, needed_difat


def _chain(fat: list[int], count: int) -> int:
    """Append a contiguous chain of ``count`` sectors to ``fat``; its first sector or ENDOFCHAIN."""
    if count == 0:
        return ENDOFCHAIN
    start = len(fat)
    fat.extend(range(start + 1, start + count))
    fat.append(ENDOFCHAIN)
    return start


def _header(fat_count: int, difat_count: int, first_dir: int, first_minifat: int,
            minifat_count: int) -> bytes:
    difat_ids = list(range(min(fat_count, _HEADER_DIFAT)))
    difat_ids += [FREESECT] * (_HEADER_DIFAT - len(difat_ids))
    first_difat = fat_count if difat_count else ENDOFCHAIN
    head = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        SIGNATURE, b"\0" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\0" * 6,
        0,  # number of directory sectors: always 0 in version 3
        fat_count, first_dir, 0, MINI_CUTOFF,
        first_minifat, minifat_count, first_difat, difat_count,
    )
    return head + _pack_ids(difat_ids)


def _difat(fat_count: int, difat_count: int) -> bytes:
    """DIFAT sectors: 127 FAT sector numbers each, then the next DIFAT sector (or ENDOFCHAIN)."""
    rest = list(range(_HEADER_DIFAT, fat_count))
    out = []
    for i in range(difat_count):
        ids = rest[i * 127 : (i + 1) * 127]
        ids += [FREESECT] * (127 - len(ids))
        last = i == difat_count - 1
        ids.append(ENDOFCHAIN if last else fat_count + i + 1)
        out.append(_pack_ids(ids))
    return b"".join(out)


def _dir_entry(entry: _Entry, ministream_size: int) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\0\0"
    if entry.kind == _ROOT:
        size, start = ministream_size, entry.start
    elif entry.kind == _STREAM:
        size, start = len(entry.data), entry.start
    else:
        size, start = 0, 0
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name, len(name), entry.kind, _BLACK, entry.left, entry.right, entry.child,
        b"\0" * 16, 0, 0, 0, start, size,
    )


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                       b"\0" * 16, 0, 0, 0, 0, 0)


def _pack_ids(ids: list[int]) -> bytes:
    return struct.pack(f"<{len(ids)}I", *ids)


def _pad(data: bytes, filler: bytes = b"\0") -> bytes:
    """Fill the last sector with ``filler`` repeated (zeros, free mini FAT ids, empty entries)."""
    rest = -len(data) % SECTOR
    return data + (filler * (rest // len(filler) + 1))[:rest]
