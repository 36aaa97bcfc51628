"""The web page printed by headless Chromium looks like the Word notice printed by LibreOffice:
the same pages, a project's header block never alone, its name on continuation pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from notice_support import find_chromium, print_to_pdf, seed

from xlperf.notice.content import build_notice
from xlperf.notice.docx_writer import write_docx
from xlperf.notice.pdf import convert, find_soffice
from xlperf.notice.render import Renderer

pdfplumber = pytest.importorskip("pdfplumber")
pytestmark = [
    pytest.mark.skipif(find_chromium() is None,
                       reason="headless Chromium is needed to print the web page "
                              "(apt-get install chromium; .ci/run installs it)"),
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is needed for the docx PDF"),
]
# A table's heading (not the attachment's title 2024年市本级部门项目支出预算绩效目标表).
TABLE_HEADING = re.compile(r"(?<!市本级)部门项目支出预算绩效目标表")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[str]]:
    """Page texts of the seed notice: the web page through Chromium, the docx through LO."""
    folder = tmp_path_factory.mktemp("print")
    department = seed()
    notice = build_notice(department)
    html = folder / "notice.html"
    html.write_text(Renderer().render("html", notice, department), encoding="utf-8")
    write_docx(notice, folder / "notice.docx")
    convert([(folder / "notice.docx", folder / "docx.pdf")])
    print_to_pdf(html, folder / "html.pdf", folder / "profile")
    return {kind: _pages(folder / f"{kind}.pdf") for kind in ("html", "docx")}


def _pages(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [re.sub(r"\s+", "", page.extract_text() or "") for page in document.pages]


def test_the_web_page_prints_on_as_many_pages_as_the_word_notice(printed) -> None:
    html, docx = len(printed["html"]), len(printed["docx"])
    assert abs(html - docx) <= 1, f"web page {html} pages, Word notice {docx}"


def test_each_project_starts_a_page_with_its_header_and_first_indicators(printed) -> None:
    pages = printed["html"]
    starts = [n for n, text in enumerate(pages) if TABLE_HEADING.search(text)]
    projects = seed().projects
    assert len(starts) == len(projects)
    for page, project in zip(starts, projects, strict=True):
        text = pages[page]
        assert project.name.replace(" ", "") in text
        first = project.indicators[0].name.replace(" ", "")[:12]
        assert first in text, f"{project.name}: header block alone on page {page + 1}"


def test_continuation_pages_repeat_the_project_name(printed) -> None:
    pages = printed["html"]
    projects = iter(seed().projects)
    current, continued = None, 0
    for number, text in enumerate(pages[1:], 2):
        if TABLE_HEADING.search(text):
            current = next(projects)
        elif current is not None:
            assert current.name.replace(" ", "") in text, f"page {number} names no project"
            continued += 1
    assert continued >= 2  # the seed has projects that run onto a second page


def test_a_document_number_is_not_broken_across_lines(tmp_path: Path) -> None:
    department = seed()
    notice = build_notice(department)
    html = tmp_path / "notice.html"
    html.write_text(Renderer().render("html", notice, department), encoding="utf-8")
    pdf = print_to_pdf(html, tmp_path / "notice.pdf", tmp_path / "profile")
    with pdfplumber.open(pdf) as document:
        lines = (document.pages[0].extract_text() or "").splitlines()
    line = next(line for line in lines if "宁党发" in line or "〔2019〕" in line)
    assert "宁党发〔2019〕9号" in re.sub(r"\s+", "", line), lines
