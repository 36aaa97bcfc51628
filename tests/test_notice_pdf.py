"""LibreOffice renders the Word notice: page count, page numbers, draft marks, a PNG to look at."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from notice_support import seed, without_pdf_spaces

from xlperf.notice.content import build_notice
from xlperf.notice.docx_writer import write_docx
from xlperf.notice.pdf import convert, find_soffice

pytestmark = pytest.mark.skipif(find_soffice() is None or shutil.which("pdfinfo") is None,
                                reason="LibreOffice and poppler-utils are needed to render")


def _two_short_projects():
    department = copy.deepcopy(seed())
    department.projects = department.projects[:2]  # each fits on one page
    return department


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """One LibreOffice run for every document the tests look at."""
    folder = tmp_path_factory.mktemp("pdf")
    documents = {"seed": build_notice(seed()), "draft": build_notice(seed(), draft=True),
                 "two": build_notice(_two_short_projects())}
    pairs = []
    for name, notice in documents.items():
        write_docx(notice, folder / f"{name}.docx")
        pairs.append((folder / f"{name}.docx", folder / f"{name}.pdf"))
    convert(pairs)
    return {name: pdf for name, (_, pdf) in zip(documents, pairs, strict=True)}


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _page_text(pdf: Path, page: int) -> str:
    result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf),
                             "-"], capture_output=True, text=True, check=True)
    return result.stdout


def test_notice_page_then_one_page_per_short_project(pdfs) -> None:
    pdf = pdfs["two"]
    assert _pages(pdf) == 3
    first, second, third = (_page_text(pdf, n) for n in (1, 2, 3))
    assert "根据《中华人民共和国预算法》" in first and "项目名称" not in first
    assert second.lstrip().startswith("附件")
    names = [p.name for p in _two_short_projects().projects]
    assert names[0] in second and names[1] in third


def test_seed_renders_every_project_on_a_page_of_its_own(pdfs) -> None:
    pdf = pdfs["seed"]
    projects = seed().projects
    pages = _pages(pdf)
    assert 1 + len(projects) <= pages <= 1 + 2 * len(projects)
    texts = [_page_text(pdf, n) for n in range(1, pages + 1)]
    heading = re.compile(r"^\s*部门项目支出预算绩效目标表\s*$", re.M)
    starts = [n for n, text in enumerate(texts) if heading.search(text)]
    assert len(starts) == len(projects)  # each table starts a page with its heading
    for page, project in zip(starts, projects, strict=True):
        assert project.name in texts[page]


def test_every_page_carries_its_number(pdfs) -> None:
    pdf = pdfs["seed"]
    for number in range(1, _pages(pdf) + 1):
        text = without_pdf_spaces(_page_text(pdf, number))
        assert re.search(rf"—\s*{number}\s*—", text), f"page {number} has no page number"


def test_draft_mark_on_every_page(pdfs) -> None:
    pdf = pdfs["draft"]
    for number in range(1, _pages(pdf) + 1):
        assert "草稿" in _page_text(pdf, number)


def test_a_page_turns_into_png(pdfs, tmp_path: Path) -> None:
    """A page turns into a PNG to look at (as the developer did); it must be a real image."""
    subprocess.run(["pdftoppm", "-r", "50", "-f", "2", "-l", "2", "-png", str(pdfs["seed"]),
                    str(tmp_path / "attachment")], check=True)
    png = next(tmp_path.glob("attachment*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
