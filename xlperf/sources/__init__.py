"""Sources: each turns one kind of container into grids of cells for the table reader.

``read_department`` picks the source by file type, so every command takes any
of them: workbooks (.xlsx/.xlsm, .xls, .xlsb, .ods, read by python-calamine)
and texts (.txt: tab-separated lines copied from a PDF or a web page).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from xlperf.errors import InputError
from xlperf.model import Department

if TYPE_CHECKING:
    from xlperf.reader import Trace

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
TEXT_SUFFIXES = frozenset({".txt"})
SOURCE_SUFFIXES = WORKBOOK_SUFFIXES | TEXT_SUFFIXES


def read_department(path: str | Path, trace: Trace | None = None) -> Department:
    """Read a department from any source xlperf knows; ``InputError`` (Chinese) otherwise.

    ``trace`` collects how each row was read (``xlperf show --explain``).
    """
    path = Path(path)
    if path.is_dir():
        raise InputError("这是一个文件夹；这个命令一次读取一个工作簿或文本，"
                         "整个文件夹请用 xlperf validate 或 xlperf notice", file=str(path))
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from xlperf.sources.workbook.reader import read_workbook

        return read_workbook(path, trace)
    if suffix in TEXT_SUFFIXES:
        from xlperf.sources.text.reader import read_text

        return read_text(path, trace)
    kinds = "、".join(sorted(SOURCE_SUFFIXES))
    raise InputError(f"不支持的文件类型“{suffix or '无扩展名'}”，可以读取的有：{kinds}",
                     file=str(path))
