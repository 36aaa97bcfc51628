"""Word files (.docx) as text lines and tables, opened with python-docx.

The package is checked before python-docx opens it (a zip bomb is refused
from the sizes the zip declares, as for workbooks). Then the body is walked
in order (content controls opened, headers and footers not read):

- a paragraph is a line of text (its soft line breaks split it);
- a table is laid out on its grid: a cell spanning grid columns
  (``w:gridSpan``) or continuing a vertical merge (``w:vMerge``) covers its
  slots, its text in its first cell and the covered cells empty, as a
  workbook's merged cells read; ``w:gridBefore`` leaves the row's first
  columns empty. A cell's paragraphs are its lines. A table inside a cell is
  not read as a table (goal tables are not nested); its text stays the cell's.

A .doc (Word 97–2003) is refused with what to do: save it as .docx. It is not
converted through LibreOffice: findings would point at a file the user does
not have, and finance PCs rarely have LibreOffice (docs/sources.md).

Findings on a Word file point at ``第 2 个表 第 5 行``.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from xlperf.errors import InputError
from xlperf.model import Department
from xlperf.reader import Trace
from xlperf.sources.document import Document, TableCells, checked_size, read_document
from xlperf.sources.workbook.checks import MAX_RATIO, OLE2_SIGNATURE, RATIO_MIN_SIZE

MAX_BYTES = 50 * 1024 * 1024  # a notice with its tables is tens of kB; pictures make MB
MAX_UNCOMPRESSED = 200 * 1024 * 1024
TEXT_PLACE = "正文"
KIND = "Word 文档"
SAVE_AS_DOCX = "请在 Word 或 WPS 中打开，另存为 .docx（Word 文档）后再试"
DOC_MESSAGE = "这是旧版 Word 文档（.doc），xlperf 只能读取 .docx；" + SAVE_AS_DOCX


def read_docx(path: str | os.PathLike[str], trace: Trace | None = None) -> Department:
    """Read a Word file; ``InputError`` (Chinese, naming the file) if it holds no goal table."""
    source = os.fspath(path)
    content = _checked_package(Path(path), source)
    return read_document(word_document(content, source), source, trace)


def word_document(content: bytes, source: str | None = None) -> Document:
    """The Word file's paragraphs and tables in reading order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        opened = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"Word 文档已损坏或不是 .docx（{exc.__class__.__name__}）；"
                         + SAVE_AS_DOCX, file=source) from None
    except Exception as exc:  # lxml's XMLSyntaxError and others for a damaged part
        raise InputError(f"Word 文档的内容无法解析（{exc.__class__.__name__}），文件可能已损坏；"
                         + SAVE_AS_DOCX, file=source) from None
    walker = _Walker(Document(KIND, source))
    walker.walk(opened.element.body)
    return walker.document


def _checked_package(path: Path, source: str) -> bytes:
    checked_size(path, source, MAX_BYTES, "Word 文档")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）", file=source) from None
    if content.startswith(OLE2_SIGNATURE) or path.suffix.lower() == ".doc":
        raise InputError(DOC_MESSAGE, file=source)
    if not content.startswith(b"PK\x03\x04"):
        raise InputError("这不是 Word 文档（.docx）：文件内容不是 Word 的格式；" + SAVE_AS_DOCX,
                         file=source)
    _refuse_bomb(content, source)
    return content


def _refuse_bomb(content: bytes, source: str) -> None:
    """Sizes the zip declares (zipfile never inflates a member past its declared size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("Word 文档已损坏或不完整（可能下载时被截断）；" + SAVE_AS_DOCX,
                         file=source) from None
    names = {item.filename for item in members}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise InputError("这是 Excel 工作簿，不是 Word 文档；请把扩展名改为 .xlsx 后再读取",
                             file=source)
        raise InputError("这是一个压缩文件，但不是 Word 文档（缺少 word/document.xml）",
                         file=source)
    total = sum(item.file_size for item in members)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"Word 文档解压后约 {total // (1024 * 1024)} MB，超过上限 "
                         f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB，可能是恶意文件，已拒绝读取",
                         file=source)
    for item in members:
        if item.file_size > RATIO_MIN_SIZE and item.file_size > MAX_RATIO * max(
                item.compress_size, 1):
            raise InputError(f"Word 文档中的 {item.filename} 压缩比异常（超过 {MAX_RATIO} 倍），"
                             "可能是恶意文件（压缩炸弹），已拒绝读取", file=source)


class _Walker:
    """The body in order: paragraphs into lines, tables into the document."""

    def __init__(self, document: Document) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.lines = 0
        self.p, self.tbl, self.sdt = qn("w:p"), qn("w:tbl"), qn("w:sdt")
        self.sdt_content = qn("w:sdtContent")

    def walk(self, body) -> None:
        for child in body.iterchildren():
            if child.tag == self.p:
                self._paragraph(child)
            elif child.tag == self.tbl:
                self._table(child)
            elif child.tag in (self.sdt, self.sdt_content):
                self.walk(child)

    def _paragraph(self, p) -> None:
        for line in paragraph_text(p).split("\n"):
            text = line.strip(" \u3000\u00a0\t")
            if text:
                self.lines += 1
                self.document.add_line(text, TEXT_PLACE, self.lines)

    def _table(self, tbl) -> None:
        from docx.oxml.ns import qn

        cells = TableCells(self.document)
        rows = [tr for tr in tbl.iterchildren(qn("w:tr"))]
        for index, tr in enumerate(rows):
            column = _int(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
            for tc in tr.iterchildren(qn("w:tc")):
                span = max(1, _int(tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), 1))
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                continues = merge is not None and merge.get(qn("w:val")) in (None, "continue")
                if not (continues and cells.continue_down(index, column, span)):
                    cells.put(index, column, cell_text(tc), 1, span)
                column += span
        if rows:
            self.document.add_table(cells.rows(), f"第 {self.document.tables + 1} 个表",
                                    cells.merged)


def paragraph_text(p) -> str:
    """A paragraph's text as Word shows it (runs, hyperlinks; tabs and breaks kept)."""
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


def cell_text(tc) -> str:
    """A cell's paragraphs (and those of anything nested in it) as its lines."""
    from docx.oxml.ns import qn

    lines = [paragraph_text(p) for p in tc.iter(qn("w:p"))]
    return "\n".join(line for line in lines if line.strip()).strip()


def _int(element, default: int) -> int:
    """A ``w:val`` count, clamped to 0…1000 (a table has at most 63 columns in Word)."""
    if element is None:
        return default
    from docx.oxml.ns import qn

    try:
        return max(0, min(int(element.get(qn("w:val"))), 1000))
    except (TypeError, ValueError):
        return default
