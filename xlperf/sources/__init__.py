"""Sources: where departments come from (workbooks, published text).

``read_department`` picks the reader by file type, so commands take either.
"""

from __future__ import annotations

from pathlib import Path

from xlperf.errors import InputError
from xlperf.model import Department

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
TEXT_SUFFIXES = frozenset({".txt"})


def read_department(path: str | Path) -> Department:
    """Read a department from a workbook (.xlsx/.xlsm) or published text (.txt)."""
    path = Path(path)
    if path.is_dir():
        raise InputError("这是一个文件夹；这个命令一次读取一个工作簿或文本，"
                         "整个文件夹请用 xlperf validate 或 xlperf notice", file=str(path))
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from xlperf.sources.workbook.reader import read_workbook

        return read_workbook(path)
    if suffix in TEXT_SUFFIXES:
        from xlperf.sources.published_text.reader import read_text

        return read_text(path)
    if suffix == ".xls":
        raise InputError("这是旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再试",
                         file=str(path))
    raise InputError(f"不支持的文件类型“{suffix or '无扩展名'}”，请使用 .xlsx 工作簿或 .txt 文本",
                     file=str(path))
