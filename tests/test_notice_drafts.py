"""A draft says why it is one (first page, index.html) and is marked on every page."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from notice_support import find_chromium, print_to_pdf, seed, write_workbook

from xlperf.cli import cli
from xlperf.notice.content import build_notice
from xlperf.notice.docx_writer import write_docx
from xlperf.notice.render import Renderer


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> dict[str, Path]:
    """The seed (C001 on its last project) as a workbook, rendered with --draft."""
    folder = tmp_path_factory.mktemp("draft")
    department = copy.deepcopy(seed())
    department.name = department.signing_body = "某某局"
    workbook = write_workbook(department, folder / "某某局.xlsx")
    out = folder / "out"
    result = CliRunner().invoke(cli, ["notice", str(workbook), "-o", str(out), "--draft",
                                      "--format", "txt,html,docx"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    files = {p.suffix: p for p in (out / "某某局").iterdir()}
    return {**files, "index": out / "index.html"}


def test_the_drafts_first_page_lists_the_errors_that_made_it_one(drafted) -> None:
    document = docx.Document(str(drafted[".docx"]))
    texts = [p.text for p in document.paragraphs]
    title = next(n for n, text in enumerate(texts) if text.startswith("某某局"))
    before = "\n".join(texts[:title])  # above the title, on the first page
    assert "草稿：以下 2 个问题修改后方可公开" in before  # the seed's C001 and W001 errors
    assert "[C001]" in before and "[W001]" in before and "工作表 项目07" in before


def test_the_web_page_and_the_index_say_why(drafted) -> None:
    page = drafted[".html"].read_text(encoding="utf-8")
    banner = page[page.index('class="draft-banner"'):page.index("</div>")]
    assert "[C001]" in banner and "项目07" in banner
    index = drafted["index"].read_text(encoding="utf-8")
    assert "草稿原因" in index and "[C001]" in index and "项目07" in index
    assert "【草稿原因 1】[C001]" in drafted[".txt"].read_text(encoding="utf-8")


def test_every_page_of_the_word_draft_carries_a_watermark(drafted) -> None:
    section = docx.Document(str(drafted[".docx"])).sections[0]
    assert not section.different_first_page_header_footer  # page 1 uses the odd header
    for header in (section.header, section.even_page_header):
        xml = header._element.xml
        assert "草稿" in header.paragraphs[0].text
        assert 'string="草稿"' in xml and "v:textpath" in xml  # Word's 水印 shape


def test_reasons_are_text_not_markup(tmp_path: Path) -> None:
    department = seed()
    notice = build_notice(department, draft=True, reasons=["<b onclick=x>项目“<i>”</b>"])
    page = Renderer().render("html", notice, department)
    assert "<b onclick" not in page and "&lt;b onclick=x&gt;" in page
    write_docx(notice, tmp_path / "draft.docx")
    texts = [p.text for p in docx.Document(str(tmp_path / "draft.docx")).paragraphs]
    assert "1. <b onclick=x>项目“<i>”</b>" in texts


@pytest.mark.skipif(find_chromium() is None, reason="headless Chromium is needed to print")
def test_the_printed_web_draft_is_marked_on_every_page(drafted, tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = print_to_pdf(drafted[".html"], tmp_path / "draft.pdf", tmp_path / "profile")
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() or "" for page in document.pages]
        marks = [{c["text"] for c in page.chars if c["size"] > 60} for page in document.pages]
    assert len(pages) > 1 and all(mark >= {"草", "稿"} for mark in marks)  # the big watermark
    assert "[C001]" in pages[0]  # the reasons print on the first page



@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx"])
def test_a_draft_read_back_keeps_its_department_not_its_draft_marks(drafted, suffix) -> None:
    # A reviewer importing a draft someone sent: the 草稿 banner, the reasons list and the
    # watermark are xlperf's marks, not the department's name or signer.
    from xlperf.sources import read_department

    department = read_department(drafted[suffix])
    assert department.name == "某某局"
    assert department.signing_body == "某某局"
    assert department.year == 2024 and len(department.projects) == len(seed().projects)
