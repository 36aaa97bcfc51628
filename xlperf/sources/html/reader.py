"""Web pages (.html/.htm saved from a browser) as text lines and tables, parsed with lxml.

The page is decoded as it declares (``decoding.py``) and parsed by lxml's
HTML parser (libxml2: forgiving, as a browser is, with unclosed tags and
stray markup). Then it is walked in reading order:

- every ``<table>`` that holds no other table is a table: its rows
  (``tr`` directly, or in ``thead``/``tbody``/``tfoot``) laid out as the HTML
  table model does, a ``rowspan``/``colspan`` cell taking its slots — its
  text in its first cell, the cells it covers empty, as a workbook's merged
  cells read (the reader carries a merged 一级 down; repeating the text
  instead would make a merged 资金情况 label a label on every row). Spans are
  clamped as browsers clamp them (colspan ≤ 1000, a rowspan no further than
  the table's last row);
- a table that holds tables is page layout (old government sites wrap the
  whole page in one): its cells are read as text and its inner tables as
  tables;
- the rest is text: each block (``p``, ``div``, ``h1`` …, ``li``, ``br``) a
  line, white space collapsed as a browser shows it. ``<head>``, scripts and
  styles are not read.

Findings on a page point at ``第 2 个表 第 5 行`` (the table and its row).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from xlperf.errors import InputError
from xlperf.model import Department
from xlperf.reader import Trace
from xlperf.sources.document import Document, TableCells, checked_size, read_document
from xlperf.sources.html.decoding import decode_page

MAX_BYTES = 20 * 1024 * 1024  # a department's page is tens to hundreds of kB
MAX_COLSPAN = 1000  # the HTML standard's clamps
MAX_ROWSPAN = 65534
TEXT_PLACE = "正文"
KIND = "网页"

_SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "title", "iframe",
                      "object", "embed", "svg", "math", "select", "option", "button",
                      "textarea"})
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
                     "dt", "dd", "section", "article", "header", "footer", "main", "nav",
                     "aside", "blockquote", "pre", "address", "center", "form", "fieldset",
                     "figure", "figcaption", "hr", "caption", "tr", "td", "th", "table",
                     "tbody", "thead", "tfoot", "body", "html", "legend", "details",
                     "summary"})
_SPACES = re.compile(r"[ \t\n\r\f]+")
_SIGNATURES = (
    (b"PK\x03\x04", "这是压缩文件（可能是改了扩展名的 Word 或 Excel 文件），不是网页"),
    (b"%PDF", "这是 PDF 文件，不是网页；请把扩展名改回 .pdf 后再读取"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Office 文件（.doc/.xls），不是网页"),
)


def read_html(path: str | os.PathLike[str], trace: Trace | None = None) -> Department:
    """Read a saved web page; ``InputError`` (Chinese, naming the file) if it holds no table."""
    source = os.fspath(path)
    data = _page_bytes(Path(path), source)
    return read_document(page_document(data, source), source, trace)


def page_document(data: bytes, source: str | None = None) -> Document:
    """The page's text lines and tables in reading order."""
    import lxml.html
    from lxml import etree

    text = decode_page(data, source)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a str that declares bytes
    if not text.strip():
        raise InputError("网页是空的", file=source)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"无法解析网页（{exc}）", file=source) from None
    walker = _Walker(Document(KIND, source))
    walker.walk(root)
    walker.flush()
    return walker.document


def _page_bytes(path: Path, source: str) -> bytes:
    checked_size(path, source, MAX_BYTES, "网页")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）", file=source) from None
    if not data.strip():
        raise InputError("网页是空的", file=source)
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(message, file=source)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("这不是网页文件（含有二进制内容）", file=source)
    return data


class _Walker:
    """The page in reading order: text into lines, tables into the document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.buffer: list[str] = []
        self.lines = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip(" \u3000\u00a0")
        self.buffer.clear()
        if text:
            self.lines += 1
            self.document.add_line(text, TEXT_PLACE, self.lines)

    def walk(self, element) -> None:
        tag = _tag(element)
        if not tag or tag in _SKIPPED:  # a comment, a script …: its tail is the parent's
            return
        if tag == "table" and not element.xpath(".//table"):
            self.flush()
            self._table(element)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()

    def _table(self, table) -> None:
        for caption in table.xpath("./caption"):
            self.walk(caption)
        self.flush()
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        cells = TableCells(self.document)
        for index, row in enumerate(rows):
            column = 0
            for cell in row.xpath("./td | ./th"):
                while not cells.free(index, column):
                    column += 1
                span = _span(cell.get("colspan"), MAX_COLSPAN)
                down = _span(cell.get("rowspan"), MAX_ROWSPAN, zero=len(rows) - index)
                cells.put(index, column, cell_text(cell), min(down, len(rows) - index), span)
                column += span
        if rows:
            self.document.add_table(cells.rows(), f"第 {self.document.tables + 1} 个表",
                                    cells.merged)


def cell_text(cell) -> str:
    """A cell's text as shown: its lines (``br``, paragraphs) kept, white space collapsed."""
    walker = _Walker(Document(KIND))
    walker.walk(cell)
    walker.flush()
    return "\n".join(walker.document.texts)


def _span(raw: str | None, limit: int, zero: int = 1) -> int:
    """A rowspan/colspan attribute as browsers read it: leading digits, else 1; 0 means
    to the end of the table (rows)."""
    match = re.match(r"\s*(\d+)", raw or "")
    if not match:
        return 1
    value = int(match.group(1)[:7])
    if value == 0:
        return max(zero, 1)
    return min(value, limit)


def _tag(element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""  # comments and processing instructions
