"""PDFs as text lines and tables, page by page, read with pdfplumber.

pdfplumber (on pdfminer.six, pure Python, maintained, MIT) finds *ruled*
tables from the lines and rectangles a PDF draws — what Word, WPS,
LibreOffice and browsers draw for a table's borders — and gives each cell's
text with the cells a merged cell covers left empty (``None``), which is how
a workbook's merged cells read. Camelot needs Ghostscript or OpenCV, PyMuPDF
is AGPL; pdfplumber needs neither and installs from wheels on Windows.

Per page: the tables (``第 3 页 第 1 个表``, rows numbered on that page), and
the text outside them as lines (``第 3 页`` and the line on the page), in the
order they stand on the page. A line spaced out like the columns of a table
without rules is split into cells there. Across pages:

- a table that ends a page and a table that starts the next one are one
  table: the rows carry on in the one grid, without the page's running
  header and footer between them, and without the heading rows that the
  word processor repeated at the top of the next page;
- running headers and footers (a line in the top or bottom margin repeated
  on several pages, such as 草稿 — 仅供内部审阅) are not read at all.

A cell's text wrapped over several lines is joined (without a space between
Chinese characters). A PDF without any text but with pictures is a scan:
"这是扫描件，没有可复制的文字，无法读取". A PDF that needs a password says so.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

from xlperf.errors import InputError
from xlperf.model import Department
from xlperf.reader import Trace
from xlperf.sources.document import Document, checked_size, read_document
from xlperf.sources.pdf.layout import (
    Line,
    Page,
    Table,
    closes,
    open_ends,
    rule_ends,
    unwrap,
    without_background,
)

MAX_BYTES = 100 * 1024 * 1024
MAX_PAGES = 300  # a department's tables fill one or two pages each
KIND = "PDF"
SCANNED = "这是扫描件，没有可复制的文字，无法读取"
MARGIN = 0.10  # the top and bottom tenth of a page: where running headers and footers stand
COLUMN_GAP_EM = 2.0  # a gap this wide (in character heights) inside a text line separates cells
_DIGITS = re.compile(r"\d+")


def read_pdf(path: str | os.PathLike[str], trace: Trace | None = None) -> Department:
    """Read a PDF; ``InputError`` (Chinese, naming the file) if it holds no goal table."""
    source = os.fspath(path)
    _check_file(Path(path), source)
    return read_document(pdf_document(Path(path), source), source, trace)


def pdf_document(path: Path, source: str | None = None) -> Document:
    """The PDF's text lines and tables, pages joined where a table goes on."""
    pages = _read_pages(path, source)
    document = Document(KIND)
    furniture = _running_lines(pages)
    for page in pages:
        page.blocks = [b for b in page.blocks
                       if not (isinstance(b, Line) and b.margin and _key(b.text) in furniture)]
    continued: list[list[str]] | None = None  # the open table's first rows (its heading)
    cut = False  # the page before ended in half a row
    for page in pages:
        blocks = page.blocks
        tables = 0
        line_number = 0
        for index, block in enumerate(blocks):
            if isinstance(block, Line):
                line_number += 1
                document.add_line(block.text, f"第 {page.number} 页", line_number, block.cells)
                continue
            tables += 1
            rows, skipped = block.rows, 0
            if continued is not None and index == 0:  # goes on from the page before
                skipped = _repeated_heading(rows, continued)
                if cut and block.open_top and rows[skipped:]:
                    _join_halves(document.rows[-1], rows[skipped])
                    skipped += 1
            else:
                continued = rows[:8]
            if rows[skipped:]:
                document.add_table(rows[skipped:], f"第 {page.number} 页 第 {tables} 个表",
                                   first_line=skipped + 1)
        last = blocks[-1] if blocks else None
        if not isinstance(last, Table):
            continued = None  # text after the last table: the next page starts afresh
        cut = isinstance(last, Table) and last.open_bottom
    return document


def _read_pages(path: Path, source: str | None) -> list[Page]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    _quiet_fonts()
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        raise _open_error(exc, source) from None
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise InputError(f"PDF 文件已损坏，无法读取（{exc.__class__.__name__}）", file=source) \
            from None
    with pdf:
        count = _page_count(pdf)
        if count > MAX_PAGES:
            raise InputError(f"PDF 共 {count} 页，超过 {MAX_PAGES} 页上限，"
                             "不像一个部门的绩效目标表；请只保留本部门的页面"
                             "（或拆分为每个部门一个文件）后再试", file=source)
        pages, chars, images = [], 0, 0
        try:
            for page in pdf.pages:
                chars += len(page.chars)
                images += len(page.images)
                pages.append(_read_page(page))
                page.close()  # pdfplumber caches each page's layout until closed
        except PdfminerException as exc:
            raise _open_error(exc, source) from None
        except Exception as exc:
            raise InputError(f"PDF 文件已损坏，无法读取（{exc.__class__.__name__}）",
                             file=source) from None
    if not chars:
        raise InputError(SCANNED if images else "PDF 中没有任何文字，无法读取", file=source)
    return pages


def _quiet_fonts() -> None:
    """pdfminer warns on stderr of every font whose descriptor lacks a FontBBox ("Could not
    get FontBBox …", common in PDFs from office suites and printers): noise to a user, and
    harmless (pdfminer uses an empty box; the text reads the same). Only that logger, only
    above warnings — any other logging stays as the application set it."""
    logging.getLogger("pdfminer.pdffont").setLevel(logging.ERROR)


def _open_error(exc: Exception, source: str | None) -> InputError:
    cause = exc.args[0] if exc.args else exc
    name = cause.__class__.__name__
    if "Password" in name or "Encrypt" in name:
        return InputError("PDF 设置了打开密码（已加密），xlperf 无法读取；"
                          "请用密码打开后另存（或打印）为不加密的 PDF 再试", file=source)
    return InputError(f"PDF 文件已损坏，无法读取（{name}）", file=source)


def _page_count(pdf) -> int:
    """The page count the document declares, read without building the pages."""
    from pdfminer.pdftypes import resolve1

    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:  # a damaged page tree: count the pages as pdfplumber finds them
        return len(pdf.pages)


def _read_page(page) -> Page:
    page = without_background(page)
    top, bottom = open_ends(page)
    closing = rule_ends(page)
    found = page.find_tables({"explicit_horizontal_lines": closing} if closing else None)
    boxes = [table.bbox for table in found]
    blocks: list[Line | Table] = [
        Table(table.bbox, [[unwrap(cell) for cell in row] for row in table.extract()],
              open_top=closes(top, table.bbox[1]), open_bottom=closes(bottom, table.bbox[3]))
        for table in found]
    outside = page.filter(lambda obj: obj.get("object_type") != "char"
                          or not any(_inside(obj, box) for box in boxes))
    blocks += _lines(outside.extract_words(), page.height)
    blocks.sort(key=lambda block: block.top)
    return Page(page.page_number, [b for b in blocks if not isinstance(b, Table) or b.rows])


def _inside(char: dict, box: tuple) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(words: list[dict], height: float) -> list[Line]:
    """Words grouped into lines by their height on the page, split into cells at wide gaps."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= 0.5 * _size(lines[-1][0]):
            lines[-1].append(word)
        else:
            lines.append([word])
    result = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        cells = [[line[0]["text"]]]
        for before, word in pairwise(line):
            if word["x0"] - before["x1"] > COLUMN_GAP_EM * _size(word):
                cells.append([word["text"]])
            else:
                cells[-1].append(word["text"])
        texts = [" ".join(parts) for parts in cells]
        top = line[0]["top"]
        margin = top < MARGIN * height or top > (1 - MARGIN) * height
        result.append(Line(top, " ".join(texts), texts if len(texts) > 1 else [], margin,
                           line))
    return result


def _size(word: dict) -> float:
    return max(word["bottom"] - word["top"], 1.0)


def _key(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


def _running_lines(pages: list[Page]) -> set[str]:
    """Texts (page numbers aside) standing in a margin on more than one page."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(b.text) for b in page.blocks if isinstance(b, Line) and b.margin})
    return {key for key, count in counts.items() if count > 1}


def _join_halves(upper: list[str], lower: list[str]) -> None:
    """The two halves of a row cut at a page break, cell by cell, into the upper one."""
    for column, text in enumerate(lower[:len(upper)]):
        if text:
            upper[column] = unwrap(f"{upper[column]}\n{text}")


def _repeated_heading(rows: list[list[str]], heading: list[list[str]]) -> int:
    """How many of a continued table's first rows repeat the heading of its first page."""
    repeated = 0
    while (repeated < len(rows) and repeated < len(heading)
           and rows[repeated] == heading[repeated]):
        repeated += 1
    return repeated


def _check_file(path: Path, source: str) -> None:
    checked_size(path, source, MAX_BYTES, "PDF ")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF" not in head:
        raise InputError("这不是 PDF 文件（文件开头没有 PDF 标记）；请确认文件完整，"
                         "或用 PDF 阅读器打开后另存再试", file=source)
