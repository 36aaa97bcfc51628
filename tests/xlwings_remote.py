"""A real ``xw.Book`` on xlwings' remote engine, made from a workbook file (tests, benchmarks).

xlwings' remote engine builds a genuine ``xw.Book`` from the JSON a client
(Office.js, VBA) would send and records every change as a JSON action. The
JSON here is what a client sends for a saved workbook: each sheet's values as
Excel shows them (read with calamine), its notes and its visibility.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported


def ensure_remote_engine() -> None:
    """xlwings registers its remote engine at import when it finds the (free) licence key;
    register it here when xlwings was imported before the key was set."""
    import xlwings as xw

    if "remote" not in [engine.name for engine in xw.engines]:
        from xlwings.pro import _xlremote

        xw.engines.add(xw.main.Engine(impl=_xlremote.engine))


def book_json(path: Path) -> dict[str, Any]:
    """What an Office.js client sends for ``path``: every sheet's values, notes and visibility."""
    import openpyxl
    import python_calamine
    import xlwings as xw

    commented = openpyxl.load_workbook(path)
    sheets = []
    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        for meta in book.sheets_metadata:
            notes = [{"address": cell.coordinate} for row in commented[meta.name].iter_rows()
                     for cell in row if cell.comment]
            values = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            sheets.append({
                "name": meta.name,
                "values": [[None if v == "" else v for v in row] for row in values] or [[]],
                "visibility": "Visible" if meta.visible == python_calamine.SheetVisibleEnum.Visible
                else "Hidden",
                "pictures": [], "tables": [], "notes": notes, "shapes": [], "charts": [],
            })
    return {"client": "Office.js", "version": xw.__version__, "names": [], "sheets": sheets,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}}


def remote_book(path: Path, json: dict[str, Any] | None = None) -> Any:
    """A fresh remote-engine book of ``path`` (from ``json`` when it was read already)."""
    import xlwings as xw

    ensure_remote_engine()
    return xw.Book(json=json or book_json(path))
