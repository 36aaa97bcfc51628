"""The real tables session 9's probes used (data/session9), read as published.

Each is kept twice: the page's browser copy (``.txt``) and the office's workbook with
its merged cells (``.xlsx``). A test reads either, optionally with one text written
otherwise — in the copy, every occurrence; in the workbook, each cell holding exactly it
(written empty, the cell is blank) — to show a fix and, beside it, what still fails.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from xlperf.model import Department
from xlperf.sources import read_department

DATA = Path(__file__).parent / "data" / "session9"


def read_edited(tmp_path: Path, stem: str, container: str, old: str = "",
                new: str = "") -> Department:
    """Table ``stem`` as its copy (``container`` "txt") or its workbook ("xlsx"), with the
    text ``old`` written ``new``."""
    if container == "txt":
        text = (DATA / f"{stem}.txt").read_text(encoding="utf-8")
        path = tmp_path / f"{stem}.txt"
        path.write_text(text.replace(old, new) if old else text, encoding="utf-8")
        return read_department(path)
    book = openpyxl.load_workbook(DATA / f"{stem}.xlsx")
    for row in book.active.iter_rows():
        for cell in row:
            if old and cell.value == old:
                cell.value = new or None
    book.save(path := tmp_path / f"{stem}.xlsx")
    return read_department(path)
