"""Saving a workbook atomically and, when asked, byte for byte reproducibly.

openpyxl stamps the save time into ``docProps/core.xml`` and into every zip
entry. The committed files in ``workbook/`` must be reproducible (a test
compares them with what the code produces), so the package is rewritten with
one timestamp everywhere and a fixed entry order.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from xlperf.atomic import write_bytes_atomic

_CORE = "docProps/core.xml"
_STAMP = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def save_workbook(workbook, path: str | Path, timestamp: datetime | None = None) -> None:
    """Write ``workbook`` to ``path`` via a temporary file; ``timestamp`` fixes every date in it."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = (timestamp or datetime.now(UTC)).replace(microsecond=0)
    write_bytes_atomic(path, restamp(buffer.getvalue(), stamp))


def restamp(data: bytes, stamp: datetime) -> bytes:
    """The same package with ``stamp`` as its created/modified time and every entry's date."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute,
                 stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == _CORE:
                content = _STAMP.sub(lambda m: m.group(1) + iso + m.group(3), content)
            info = zipfile.ZipInfo(item.filename, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, content)
    return out.getvalue()
