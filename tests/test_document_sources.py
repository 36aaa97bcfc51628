"""Other offices' tables read straight from what they publish: a web page, a Word file, a PDF.

Each real layout (data/real_layouts, data/layouts) is rebuilt as the web page
it was copied from (real_layout_pages.py: its merged cells as rowspan), saved
as a GB2312 page too, put in a Word file by python-docx (merged as Word
merges), and turned into a PDF by LibreOffice from that Word file and by
headless Chromium from the page. Every one must read to its expected.json,
exactly as the text does (test_real_layouts.check).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from family_writers import (
    chromium,
    html_page,
    libreoffice,
    pdf_by_chromium,
    pdfs_by_libreoffice,
    save_docx,
)
from real_layout_pages import check_rebuilt, rebuild
from test_real_layouts import DOCUMENTS, FINDINGS, READABLE, check

from xlperf.cli import cli
from xlperf.sources import read_department
from xlperf.validation.engine import validate

IDS = [d[1] for d in READABLE]
needs_libreoffice = pytest.mark.skipif(libreoffice() is None,
                                       reason="LibreOffice is not installed")
needs_chromium = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every readable layout as .html, GB2312 .html, .docx, and (LibreOffice) .pdf."""
    folder = tmp_path_factory.mktemp("documents")
    files: dict[str, dict[str, Path]] = {}
    for source, key, _ in READABLE:
        page = rebuild(source, key)
        check_rebuilt(source, page, key)
        html = folder / f"{key}.html"
        html.write_bytes(html_page(page.table, page.before, page.after))
        gb = folder / f"{key}-gb2312.htm"
        gb.write_bytes(html_page(page.table, page.before, page.after, encoding="gb2312"))
        docx = save_docx(page.table, folder / f"{key}.docx", page.before, page.after)
        files[key] = {"html": html, "gb2312": gb, "docx": docx}
    if libreoffice() is not None:
        pdfs = pdfs_by_libreoffice([files[key]["docx"] for key in files], folder / "pdf")
        for key, pdf in zip(files, pdfs, strict=True):
            files[key]["pdf"] = pdf
    return files


@pytest.mark.parametrize("kind", ["html", "gb2312", "docx"])
@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=IDS)
def test_the_page_and_the_word_file_read_as_the_table_says(built, kind: str, source: Path,
                                                            key: str, doc: dict) -> None:
    check(read_department(built[key][kind]), doc)


@needs_libreoffice
@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=IDS)
def test_the_pdf_made_by_libreoffice_reads_as_the_table_says(built, source: Path, key: str,
                                                             doc: dict) -> None:
    check(read_department(built[key]["pdf"]), doc)


@needs_libreoffice
@pytest.mark.parametrize(("source", "key", "doc"), READABLE, ids=IDS)
def test_the_rules_find_the_same_in_the_pdf_as_in_the_text(built, source: Path, key: str,
                                                           doc: dict) -> None:
    assert {f.rule for f in validate([read_department(built[key]["pdf"])])} == FINDINGS[key]


@needs_chromium
@pytest.mark.parametrize("key", ["01", "08", "10", "long_term_pairs"])
def test_a_page_printed_to_pdf_by_chromium_reads_as_the_table_says(built, key: str,
                                                                   tmp_path: Path) -> None:
    doc = next(d for _, k, d in READABLE if k == key)
    check(read_department(pdf_by_chromium(built[key]["html"], tmp_path / f"{key}.pdf")), doc)


def test_prose_on_a_web_page_is_refused_as_prose(tmp_path: Path) -> None:
    source, _, _ = next(d for d in DOCUMENTS if d[2]["expected_outcome"] == "refuse")
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    page = tmp_path / "prose.html"
    page.write_text("<html><body>" + "".join(f"<p>{line}</p>" for line in lines)
                    + "</body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(page), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "文字说明，不是表格" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


# --- what a user sees: every command takes these files, findings name table and row ---


@needs_libreoffice
def test_findings_on_a_pdf_name_page_table_and_row(built) -> None:
    result = CliRunner().invoke(cli, ["validate", str(built["08"]["pdf"])])
    # 08: the weights of 村组干部报酬 add up to 90 (W001) — said at the table's row on its page
    lines = [line for line in result.stdout.splitlines() if "W001" in line]
    assert lines and all("第 1 页 第 1 个表 第 " in line for line in lines), result.stdout


def test_findings_on_a_word_file_and_a_page_name_the_table_and_row(built) -> None:
    for kind in ("docx", "html"):
        result = CliRunner().invoke(cli, ["validate", str(built["03"][kind])])
        lines = [line for line in result.stdout.splitlines() if "Q001" in line]
        # 义务教育优质均衡发展情况 稳步提高: the 8th row of the table's indicator rows
        assert lines == [line for line in lines if "第 1 个表 第 " in line] and lines


def test_show_names_each_project_s_table(built) -> None:
    result = CliRunner().invoke(cli, ["show", str(built["ningxia_values"]["docx"])])
    assert result.exit_code == 0
    assert "第 1 个表" in result.stdout and "农村人居环境整治" in result.stdout


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
def test_import_and_export_take_the_documents(built, kind: str, tmp_path: Path) -> None:
    if kind not in built["transfer"]:
        pytest.skip("LibreOffice is not installed")
    source = built["transfer"][kind]
    workbook = tmp_path / "部门.xlsx"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    assert "1 个项目、7 条指标" in result.output and "每一行都已识别" in result.output
    text = tmp_path / "公告.txt"
    result = CliRunner().invoke(cli, ["export", str(source), "-o", str(text)])
    assert result.exit_code == 0, result.output
    assert "新建产业路长度" in text.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["html", "docx"])
def test_annotate_refuses_a_document_without_cells(built, kind: str, tmp_path: Path) -> None:
    target = tmp_path / f"标注.{kind}"
    result = CliRunner().invoke(cli, ["validate", str(built["03"][kind]), "--annotate",
                                      str(target)])
    assert result.exit_code == 2
    assert "只能标注工作簿" in result.stderr
    assert not target.exists()


def test_a_word_notice_s_further_attachment_is_a_note_not_the_first_table(
        tmp_path: Path) -> None:
    """附件：1.… then 2.…表 as paragraphs: the signer and date under them stay the notice's."""
    import docx

    document = docx.Document()
    for line in ("某县财政局", "2024年项目支出绩效目标公开",
                 "根据《中华人民共和国预算法》要求，现将2024年项目支出绩效目标予以公开。",
                 "附件：1.项目支出绩效目标表", "2.部门整体支出绩效目标表", "某县财政局",
                 "2024年1月20日", "项目支出绩效目标表"):
        document.add_paragraph(line)
    rows = [["项目名称", "培训经费", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥100人次"]]
    table = document.add_table(rows=len(rows), cols=4)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.save(tmp_path / "公告.docx")
    department = read_department(tmp_path / "公告.docx")
    assert (department.signing_body, str(department.published)) == ("某县财政局", "2024-01-20")
    assert [note.text for note in department.notes] == ["2.部门整体支出绩效目标表"]
    assert [p.name for p in department.projects] == ["培训经费"]
