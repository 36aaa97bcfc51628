"""Saving a workbook atomically and, when asked, byte for byte reproducibly.

openpyxl stamps the save time into ``docProps/core.xml`` and into every zip
entry. The committed files in ``workbook/`` must be reproducible (a test
compares them with what the code produces), so the package is rewritten with
one timestamp everywhere and a fixed entry order.

While it is rewritten, the worksheets' text is stored as UTF-8, as Excel
stores it: openpyxl writes every non-ASCII character as a reference
(``&#21512;``), which makes Chinese text 2.7 times larger and slower for
every reader to decode. And every formula whose value xlperf can work out gets
it cached beside it (``cached.py``), as a spreadsheet program would have saved it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from xlperf.atomic import write_bytes_atomic

_CORE = "docProps/core.xml"
_WORKSHEETS = "xl/worksheets/"
_REFERENCE = re.compile(rb"&#([0-9]{3,7});")
_DECLARED = re.compile(rb"<\?xml[^>]*\bencoding=[\"']([^\"']*)[\"']")
_STAMP = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


Previous = Callable[[str, str, str], object]


def save_workbook(workbook, path: str | Path, timestamp: datetime | None = None,
                  verify: Callable[[Path], None] | None = None) -> None:
    """Write ``workbook`` to ``path`` via a temporary file; ``timestamp`` fixes every date in it;
    ``verify`` checks the written file before it is moved into place (and may refuse it)."""
    stamp = (timestamp or datetime.now(UTC)).replace(microsecond=0)
    write_bytes_atomic(path, restamp(*_saved(workbook), stamp), verify)


def save_copy(workbook, path: str | Path, previous: Previous | None = None) -> None:
    """Write ``workbook`` to ``path`` via a temporary file, its sheets' text as UTF-8 and
    everything else as openpyxl wrote it (dates included): for copies of a user's workbook.
    ``previous(sheet, cell, formula)`` gives the cached value of a formula xlperf cannot
    work out (the one it had when the workbook was opened), or None."""
    data, values = _saved(workbook, previous)
    write_bytes_atomic(path, _rewritten(data, lambda item, content: (item, content), values))


def _saved(workbook, previous: Previous | None = None) -> tuple[bytes, dict[str, dict]]:
    """The package openpyxl writes and the formula values to cache, by sheet part."""
    from xlperf.writers.workbook.cached import formula_values

    buffer = io.BytesIO()
    workbook.save(buffer)  # gives each sheet its part name (ws.path)
    values = formula_values(workbook, previous)
    parts = {ws.path.lstrip("/"): values[ws.title] for ws in workbook.worksheets
             if ws.title in values}
    return buffer.getvalue(), parts


def restamp(data: bytes, values: dict[str, dict], stamp: datetime) -> bytes:
    """The same package with ``stamp`` as its created/modified time and every entry's date."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute,
                 stamp.second)

    def stamped(item: zipfile.ZipInfo, content: bytes) -> tuple[zipfile.ZipInfo, bytes]:
        if item.filename == _CORE:
            content = _STAMP.sub(lambda m: m.group(1) + iso + m.group(3), content)
        info = zipfile.ZipInfo(item.filename, date_time=date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        return info, content

    return _rewritten(data, stamped, values)


def _rewritten(data: bytes, change: Callable[[zipfile.ZipInfo, bytes],
                                             tuple[zipfile.ZipInfo, bytes]],
               values: dict[str, dict] | None = None) -> bytes:
    """The package with each entry passed through ``change``, its worksheets' text
    stored as UTF-8 (``plain_characters``) and their formulas' ``values`` cached,
    entries in their order."""
    from xlperf.writers.workbook.cached import with_values

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith(_WORKSHEETS):
                content = plain_characters(content)
                if values and item.filename in values:
                    content = with_values(content, values[item.filename])
            target.writestr(*change(item, content))
    return out.getvalue()


def plain_characters(part: bytes) -> bytes:
    """An XML part with its non-ASCII character references (``&#21512;``) written as
    the characters themselves, in UTF-8; unchanged if it declares another encoding."""
    declared = _DECLARED.match(part)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return part
    return _REFERENCE.sub(_character, part)


def _character(reference: re.Match[bytes]) -> bytes:
    code = int(reference.group(1))
    if code < 0x80 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return reference.group(0)  # ASCII stays escaped (&#60; is "<"); no such character
    return chr(code).encode("utf-8")
