"""28 characters × 22 lines (GB/T 9704 §5.2.2), measured on the PDF LibreOffice renders."""

from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from notice_support import clean_seed

from xlperf.notice.content import build_notice
from xlperf.notice.docx_writer import write_docx
from xlperf.notice.pdf import convert, find_soffice

pdfplumber = pytest.importorskip("pdfplumber")
PT_PER_MM = 72 / 25.4
TOP_MM, BOTTOM_MM = 37, 297 - 35  # the text block


def long_body_department():
    """A body sentence of Chinese only, long enough to fill page 1 and all of page 2."""
    department = copy.deepcopy(clean_seed())
    department.legal_basis = ["关于全面实施预算绩效管理的实施意见",
                              "中华人民共和国预算法实施条例" * 100]
    department.projects = department.projects[:1]
    return department


def lines_of(page, size: float | None = None) -> list[str]:
    """The page's text lines inside the text block (no page number), top to bottom;
    with ``size``, only lines in that font size (16: the body, not the 22 pt title)."""
    rows: dict[int, list] = defaultdict(list)
    for char in page.chars:
        if char["text"].strip() and TOP_MM * PT_PER_MM - 2 <= char["top"] <= BOTTOM_MM * PT_PER_MM:
            rows[round(char["bottom"])].append(char)
    return ["".join(c["text"] for c in sorted(rows[y], key=lambda c: c["x0"]))
            for y in sorted(rows) if size is None or abs(rows[y][0]["size"] - size) < 0.5]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, Path]:
    if find_soffice() is None:
        pytest.skip("LibreOffice is needed to render the notice")
    folder = tmp_path_factory.mktemp("grid")
    path, pdf = folder / "long.docx", folder / "long.pdf"
    write_docx(build_notice(long_body_department()), path)
    convert([(path, pdf)])
    return path, pdf


def test_the_page_grid_declares_lines_and_characters(rendered) -> None:
    grid = docx.Document(str(rendered[0])).sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm
    pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096  # ECMA-376 §17.6.5
    assert 156 * PT_PER_MM / 29 < pitch <= 156 * PT_PER_MM / 28  # 28 characters in 156 mm


def test_a_full_line_holds_28_characters(rendered) -> None:
    with pdfplumber.open(rendered[1]) as pdf:
        first, *full = lines_of(pdf.pages[0], size=16)  # the body runs on to page 2
    assert first.startswith("根据《") and len(first) == 26  # indented two characters
    assert full and all(len(line) == 28 for line in full), [len(x) for x in full]


def test_a_full_page_holds_22_lines(rendered) -> None:
    with pdfplumber.open(rendered[1]) as pdf:
        second = lines_of(pdf.pages[1])
    assert all("实施条例" in line or "预算法" in line for line in second[:22])
    assert len(second) == 22
