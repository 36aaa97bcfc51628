"""Sources: each turns one kind of container into grids of cells for the table reader.

``read_department`` picks the source by file type, so every command takes any
of them: workbooks (.xlsx/.xlsm, .xls, .xlsb, .ods, read by python-calamine),
texts (.txt: tab-separated lines copied from a PDF or a web page), and what
offices publish (docs/sources.md): web pages (.html/.htm, lxml), Word files
(.docx, python-docx; a .doc gets a message) and PDFs (pdfplumber).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from xlperf.errors import InputError
from xlperf.model import Department

if TYPE_CHECKING:
    from xlperf.reader import Trace

WORKBOOK_KINDS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")  # in the order messages name them
WORKBOOK_SUFFIXES = frozenset(WORKBOOK_KINDS)
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
WORD_SUFFIXES = frozenset({".docx", ".doc"})  # .doc: refused with what to do
PDF_SUFFIXES = frozenset({".pdf"})
DOCUMENT_SUFFIXES = HTML_SUFFIXES | WORD_SUFFIXES | PDF_SUFFIXES
SOURCE_SUFFIXES = WORKBOOK_SUFFIXES | TEXT_SUFFIXES | DOCUMENT_SUFFIXES


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
    if suffix in HTML_SUFFIXES:
        from xlperf.sources.html.reader import read_html

        return read_html(path, trace)
    if suffix in WORD_SUFFIXES:
        from xlperf.sources.docx.reader import read_docx

        return read_docx(path, trace)
    if suffix in PDF_SUFFIXES:
        from xlperf.sources.pdf.reader import read_pdf

        return read_pdf(path, trace)
    kinds = "、".join(sorted(SOURCE_SUFFIXES))
    raise InputError(f"不支持的文件类型“{suffix or '无扩展名'}”，可以读取的有：{kinds}",
                     file=str(path))
