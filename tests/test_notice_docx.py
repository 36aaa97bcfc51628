"""The Word notice in the GB/T 9704 layout, opened with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from notice_support import seed

from xlperf.notice.content import build_notice, published_spacing
from xlperf.notice.docx_writer import signature_indents, write_docx


@pytest.fixture(scope="module")
def department():
    return seed()


@pytest.fixture(scope="module")
def document(department, tmp_path_factory) -> docx.document.Document:
    path = tmp_path_factory.mktemp("docx") / "notice.docx"
    write_docx(build_notice(department), path)
    return docx.Document(str(path))


def _paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def _east_asian(style) -> str | None:
    """The East Asian font a style sets, looking through its base styles."""
    while style is not None:
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def _close(length, mm: float) -> bool:
    return abs(length - Mm(mm)) <= Mm(0.1)


def test_page_is_a4_with_the_standard_margins(document) -> None:
    section = document.sections[0]
    assert _close(section.page_width, 210) and _close(section.page_height, 297)
    assert _close(section.top_margin, 37) and _close(section.bottom_margin, 35)
    assert _close(section.left_margin, 28) and _close(section.right_margin, 26)


def test_title_is_22pt_xiaobiaosong_centred(document, department) -> None:
    title = next(p for p in document.paragraphs if "2024年项目支出预算绩效目标" in p.text)
    assert title.text.startswith(department.name)
    assert title.style.font.size == Pt(22)
    assert _east_asian(title.style) == "方正小标宋简体"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_body_is_16pt_fangsong_on_a_fixed_22_line_grid(document) -> None:
    body = next(p for p in document.paragraphs if p.text.startswith("根据《"))
    assert body.text.endswith("2024年项目支出预算绩效目标予以公开。")
    style = body.style
    assert style.font.size == Pt(16)
    assert _east_asian(style) == "仿宋_GB2312"
    fmt = style.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert 28 * 12700 <= fmt.line_spacing <= 29.5 * 12700  # 225 mm / 22 lines
    assert fmt.first_line_indent == Pt(32)  # 2 characters of 16 pt


def test_attachment_note_single_attachment_without_number(document, department) -> None:
    note = _paragraph(document, f"附件：{published_spacing(department.attachment_title)}")
    indent = note._p.pPr.ind
    assert indent.get(qn("w:hangingChars")) == "300"  # a wrapped name aligns after "附件："
    assert not any(p.text.startswith("附件：1.") for p in document.paragraphs)


def test_signature_is_unsealed_with_an_unpadded_date(document, department) -> None:
    texts = [p.text for p in document.paragraphs]
    note_at = texts.index(f"附件：{published_spacing(department.attachment_title)}")
    name_at = texts.index(department.signing_body, note_at)
    assert texts[name_at + 1] == "2024年2月5日"
    name = document.paragraphs[name_at]
    assert name.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert name._p.pPr.ind.get(qn("w:rightChars")) == "200"


def test_date_starts_two_characters_right_of_the_signing_body() -> None:
    name_right, date_left = signature_indents("石嘴山市人民政府办公室", "2024年2月5日")
    line = 156 / (16 * 25.4 / 72)  # characters per line
    assert name_right == 2
    assert date_left == pytest.approx(line - 2 - 11 + 2)
    # a date longer than the body moves the body right, the date ends 2 characters in
    name_right, date_left = signature_indents("某局", "2024年12月25日")  # 7 characters wide
    assert name_right == pytest.approx(2 + (2 + 7 - 2))
    assert date_left + 7 == pytest.approx(line - 2)


def test_footers_carry_a_page_field_odd_right_even_left(document) -> None:
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                         (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "<w:instrText" in xml and " PAGE " in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment == side
        assert paragraph.style.font.size == Pt(14)
        assert _east_asian(paragraph.style) == "宋体"


def test_attachment_starts_a_new_page_with_heiti_label(document, department) -> None:
    texts = [p.text for p in document.paragraphs]
    label = document.paragraphs[texts.index("附件")]
    assert label.paragraph_format.page_break_before
    assert label.style.font.size == Pt(16)
    assert _east_asian(label.style) == "黑体"
    title = document.paragraphs[texts.index("附件") + 2]  # line 3, below a blank line
    assert title.text == published_spacing(department.attachment_title)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_one_table_per_project_in_the_seed_layout(document, department) -> None:
    assert len(document.tables) == len(department.projects)
    for table, project in zip(document.tables, department.projects, strict=True):
        assert table.rows[0].cells[0].text == "项目名称"
        assert table.rows[0].cells[-1].text == project.name
        assert [c.text for c in table.rows[5].cells][-1] == "绩效值"
        assert len(table.rows) == 6 + len(project.indicators)


def test_level1_and_level2_cells_are_merged_vertically(document, department) -> None:
    table = document.tables[0]
    project = department.projects[0]
    outputs = sum(1 for i in project.indicators if i.level1 == "1-产出指标")
    column = [row.cells[0] for row in table.rows[6:6 + outputs]]
    assert len({id(cell._tc) for cell in column}) == 1  # one merged cell
    assert column[0].text == "1-产出指标"
    restarts = table._tbl.xml.count('<w:vMerge w:val="restart"/>')
    level1_groups = len({i.level1 for i in project.indicators})
    level2_groups = len({(i.level1, i.level2) for i in project.indicators})
    assert restarts == level1_groups + level2_groups


def test_header_rows_repeat_and_the_table_has_borders(document) -> None:
    table = document.tables[0]
    header = table.rows[5]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[6]._tr.trPr.find(qn("w:tblHeader")) is None
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.tag.split("}")[1] for b in borders} >= {"top", "left", "bottom", "right",
                                                      "insideH", "insideV"}


def test_draft_has_a_mark_in_every_header(department, tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    write_docx(build_notice(department, draft=True), path)
    section = docx.Document(str(path)).sections[0]
    for header in (section.header, section.even_page_header):
        assert "草稿" in header.paragraphs[0].text
    assert not section.different_first_page_header_footer


def test_user_text_with_control_characters_still_writes(department, tmp_path: Path) -> None:
    import copy

    odd = copy.deepcopy(department)
    odd.projects[0].name = "项目\x07名称\x1b"
    path = tmp_path / "odd.docx"
    write_docx(build_notice(odd), path)
    assert docx.Document(str(path)).tables[0].rows[0].cells[-1].text == "项目名称"


def test_a_restyled_word_template_keeps_its_styles(department, tmp_path: Path) -> None:
    """Staff restyle 公文正文 in a notice (here a draft) and save it as notice.docx; new
    notices use its styles but none of its content, headers or footers."""
    first = tmp_path / "first.docx"
    write_docx(build_notice(department, draft=True), first)
    template = docx.Document(str(first))
    template.styles["公文正文"].font.size = Pt(15)
    template.add_paragraph("这段示例文字不应出现在新公告里")
    template.save(str(tmp_path / "notice.docx"))
    again = tmp_path / "again.docx"
    write_docx(build_notice(department), again, style_template=tmp_path / "notice.docx")
    document = docx.Document(str(again))
    body = next(p for p in document.paragraphs if p.text.startswith("根据《"))
    assert body.style.font.size == Pt(15)
    assert not any("示例文字" in p.text for p in document.paragraphs)
    assert len(document.tables) == len(department.projects)
    section = document.sections[0]
    assert _close(section.page_width, 210)
    assert section.footer.paragraphs[0].text.count("—") == 2  # one page number, not two
    assert "草稿" not in section.header._element.xml  # the template's draft mark is gone
