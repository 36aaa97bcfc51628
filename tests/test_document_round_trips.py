"""Any department, in any published family, read back from a web page, a Word file and a PDF.

The generated departments and the family writers are test_layout_families'; the
containers are family_writers' (``html_page``, ``save_docx``, and PDFs that
LibreOffice makes from the Word files). And the notice xlperf itself writes —
``xlperf notice --format txt,html,docx,pdf`` — imports back to the department
its text gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from family_writers import (
    FAMILIES,
    chromium,
    html_page,
    libreoffice,
    pdf_by_chromium,
    pdfs_by_libreoffice,
    reading_notes,
    save_docx,
    what_it_says,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_layout_families import departments

from xlperf.cli import cli
from xlperf.model import Department
from xlperf.model.serialize import comparable, difference
from xlperf.sources import read_department
from xlperf.sources.text.reader import read_text
from xlperf.writers.workbook.writer import write_department

DATA = Path(__file__).parent / "data"
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.function_scoped_fixture])


def _reads_back(read: Department, department: Department, family: str) -> None:
    assert what_it_says(read, family) == what_it_says(department, family)
    assert [[n.text for n in p.notes] for p in read.projects] == \
        reading_notes(department, family)
    assert {p.layout for p in read.projects} == {family}


@pytest.mark.parametrize("container", ["html", "gb2312", "docx"])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_any_department_reads_back_from_a_page_and_a_word_file(family: str, container: str,
                                                               tmp_path: Path) -> None:
    @settings(max_examples=15, **SETTINGS)
    @given(departments(family))
    def reads_back(department: Department) -> None:
        table = FAMILIES[family](department)
        if container == "docx":
            path = save_docx(table, tmp_path / "table.docx")
        else:
            path = tmp_path / "table.html"
            path.write_bytes(html_page(table, encoding="gb2312" if container == "gb2312"
                                       else "utf-8"))
        _reads_back(read_department(path), department, family)

    reads_back()


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")
def test_any_department_reads_back_from_a_pdf_made_by_libreoffice(tmp_path: Path) -> None:
    """One department per family per example, converted in one LibreOffice run (a start
    costs seconds); no shrinking (each step would be a conversion)."""
    @settings(max_examples=3, phases=(Phase.explicit, Phase.reuse, Phase.generate),
              **SETTINGS)
    @given(st.tuples(*(departments(family) for family in FAMILIES)))
    def reads_back(generated: tuple[Department, ...]) -> None:
        folder = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        files = [save_docx(FAMILIES[family](department), folder / f"{family}.docx")
                 for family, department in zip(FAMILIES, generated, strict=True)]
        pdfs = pdfs_by_libreoffice(files, folder / "pdf")
        for family, department, pdf in zip(FAMILIES, generated, pdfs, strict=True):
            _reads_back(read_department(pdf), department, family)

    reads_back()


@pytest.fixture(scope="module")
def notices(tmp_path_factory) -> dict[str, Path]:
    """The seed without its project that has errors, written by ``xlperf notice``."""
    folder = tmp_path_factory.mktemp("notice")
    department = read_text(DATA / "seed_notice.txt")
    department.projects = department.projects[:-1]
    workbook = folder / "部门.xlsx"
    write_department(department, workbook)
    formats = "txt,html,docx" + (",pdf" if libreoffice() else "")
    # The GB/T 9704 fonts are not installed here: the PDF is set in substitutes, which
    # changes its look, not its text.
    result = CliRunner().invoke(cli, ["notice", str(workbook), "-o", str(folder / "out"),
                                      "--format", formats, "--allow-font-substitution"])
    assert result.exit_code == 0, result.output
    return {path.suffix.lstrip("."): path for path in (folder / "out").rglob("*.*")
            if path.parent.name != "out"}


@pytest.mark.parametrize("kind", ["html", "docx"])
def test_the_notice_xlperf_writes_imports_back_to_the_same_department(notices, kind: str) -> None:
    assert difference(read_department(notices["txt"]), read_department(notices[kind])) is None


def _without_spaces(data):
    """A department's comparable content with white space removed from every text."""
    if isinstance(data, dict):
        return {key: _without_spaces(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_without_spaces(value) for value in data]
    return "".join(data.split()) if isinstance(data, str) else data


def test_the_notice_as_pdf_imports_back_to_the_same_department(notices) -> None:
    """A PDF's text has no reliable spaces: LibreOffice spaces Chinese from digits
    (``办公室 2024 年``), as a PDF copy does. Everything but spaces is the same."""
    if "pdf" not in notices:
        pytest.skip("LibreOffice is not installed")
    expected, read = (comparable(read_department(notices[k])) for k in ("txt", "pdf"))
    assert _without_spaces(read) == _without_spaces(expected)
    assert read["projects"] == expected["projects"]  # the tables, spaces and all


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")
def test_the_notice_page_printed_by_chromium_imports_back(notices, tmp_path: Path) -> None:
    pdf = pdf_by_chromium(notices["html"], tmp_path / "notice.pdf")
    expected, read = (comparable(read_department(path)) for path in (notices["txt"], pdf))
    assert _without_spaces(read) == _without_spaces(expected)


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")
def test_a_long_project_printed_by_chromium_over_pages_reads_back_as_one(tmp_path: Path) -> None:
    """The seed's 38-indicator project alone: Chromium prints it over two pages, repeating
    its header block (<thead>) and cutting the merged 1-产出指标 cell at the break."""
    import pdfplumber

    from xlperf.notice.content import build_notice
    from xlperf.notice.render import Renderer

    department = read_text(DATA / "seed_notice.txt")
    (long,) = [p for p in department.projects if len(p.indicators) == 38]
    department.projects = [long]
    page = tmp_path / "notice.html"
    page.write_text(Renderer().render("html", build_notice(department), department),
                    encoding="utf-8")
    pdf = pdf_by_chromium(page, tmp_path / "notice.pdf")
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) >= 3  # the notice, and the table over two pages or more

    (read,) = read_department(pdf).projects
    assert read.notes == []
    assert _without_spaces(read.goal) == _without_spaces(long.goal)
    assert [(i.level1, i.level2, _without_spaces(i.name), i.weight) for i in read.indicators] \
        == [(i.level1, i.level2, _without_spaces(i.name), i.weight) for i in long.indicators]
