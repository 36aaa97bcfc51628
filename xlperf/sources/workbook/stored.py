"""The workbook handed to calamine with its worksheets already inflated: each sheet inflated once.

Before calamine loads a sheet, xlperf inflates its XML to check its extent
(``extent.py``) and to find formulas without a cached value
(``formulas.py``); calamine then inflated the same bytes again, about a
millisecond a workbook of 30 project sheets. ``for_calamine`` writes the
package anew in memory with those members *stored* (uncompressed, with
their original CRC-32), and every other member copied as it is, still
compressed: calamine parses the very same XML without inflating it.

Only a plain package is written anew: every member deflated or stored, not
encrypted, named once, its local header where the directory says, the file
ending with the directory's end record. Anything else (and a package whose
sheet list cannot be read) is handed over as it came, so calamine reports
on it exactly as before.
"""

from __future__ import annotations

import struct
import zipfile

from xlperf.sources.workbook.checks import KEEP_INFLATED, Package

# The stored copy holds at most this much inflated XML: beyond it calamine inflates the rest.
STORED_AT_MOST = 32 * 1024 * 1024
_LOCAL = struct.Struct("<4s5H3I2H")
_CENTRAL = struct.Struct("<4s6H3I5H2I")
_END = struct.Struct("<4s4H2IH")
_UTF8_NAME = 0x0800
_PLAIN_FLAGS = 0x080E  # deflate level (bits 1–2), data descriptor (3), UTF-8 names (11)
_DOS_DATE = 0x21  # 1980-01-01: calamine reads no dates


def for_calamine(package: Package) -> bytes:
    """The package's bytes with its worksheets stored inflated (the original when not plain)."""
    if not _plain(package):
        return package.content
    try:
        worksheets = list(dict.fromkeys(package.sheets.values()))
    except Exception:  # an unreadable sheet list: calamine says what is wrong, as before
        return package.content
    inflated = _inflate_worksheets(package, worksheets)
    if not inflated:
        return package.content
    try:
        return _write(package, inflated) or package.content
    except (struct.error, UnicodeError):  # a field that does not fit: the original, as before
        return package.content


def _plain(package: Package) -> bool:
    """A zip written by a spreadsheet program or library, nothing unusual in its structure."""
    content, members = package.content, package.members
    if package.kind != "xlsx" or not package.distinct or content[-22:-18] != b"PK\x05\x06":
        return False
    if not members or len(members) > 0xFFFF:  # the end record counts members in 16 bits
        return False
    if min(info.header_offset for info in members.values()) != 0:
        return False
    return all(info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
               and not info.flag_bits & ~_PLAIN_FLAGS
               and content[info.header_offset:info.header_offset + 4] == b"PK\x03\x04"
               for info in members.values())


def _inflate_worksheets(package: Package, worksheets: list[str]) -> dict[str, bytes]:
    """Each worksheet member small enough to keep, inflated once (the checks reuse it), in
    workbook order until ``STORED_AT_MOST``."""
    inflated: dict[str, bytes] = {}
    total = 0
    for name in worksheets:
        info = package.members.get(name)
        if info is None or info.file_size > KEEP_INFLATED:
            continue
        if total + info.file_size > STORED_AT_MOST:
            break
        data = package.inflated(name)
        if data is not None:
            inflated[name] = data
            total += len(data)
    return inflated


def _write(package: Package, inflated: dict[str, bytes]) -> bytes | None:
    """Local headers and data, then the central directory and its end record; None when a
    member's compressed bytes run past the end of the file (calamine then reads the original)."""
    content = package.content
    parts: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, info in package.members.items():
        data = inflated.get(name)
        if data is not None:
            method, flags, body = zipfile.ZIP_STORED, info.flag_bits & _UTF8_NAME, data
        else:
            method, flags = info.compress_type, info.flag_bits & (_PLAIN_FLAGS & ~0x0008)
            body = _raw(content, info)
            if len(body) != info.compress_size:
                return None
        encoded = info.orig_filename.encode("utf-8" if info.flag_bits & _UTF8_NAME else "cp437")
        parts += (_LOCAL.pack(b"PK\x03\x04", 20, flags, method, 0, _DOS_DATE, info.CRC,
                              len(body), info.file_size, len(encoded), 0), encoded, body)
        directory += (_CENTRAL.pack(b"PK\x01\x02", 20, 20, flags, method, 0, _DOS_DATE,
                                    info.CRC, len(body), info.file_size, len(encoded),
                                    len(info.extra), 0, 0, 0, 0, offset),
                      encoded, info.extra)
        offset += _LOCAL.size + len(encoded) + len(body)
    listing = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(package.members), len(package.members),
                    len(listing), offset, 0)
    return b"".join((*parts, listing, end))


def _raw(content: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes as they are in the file (still compressed)."""
    start = info.header_offset
    begin = start + 30 + int.from_bytes(content[start + 26:start + 28], "little") \
        + int.from_bytes(content[start + 28:start + 30], "little")
    return content[begin:begin + info.compress_size]
