"""The notice as a Word document in the GB/T 9704-2012 layout.

All numbers come from ``xlperf.notice.gbt9704``; this module only places
things. Formatting lives in named paragraph styles (公文正文, 附件标题 …), so
staff can restyle a copy in Word and pass it back as ``notice.docx`` in
``--templates DIR``: styles found there are used as they are.
"""

from __future__ import annotations

import os
from itertools import pairwise
from typing import TYPE_CHECKING

from xlperf.atomic import atomic_path
from xlperf.notice import gbt9704 as g
from xlperf.notice.content import Notice, Table, xml_safe
from xlperf.notice.docx_package import finish_package

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

TWIPS_PER_PT = 20
ALIGN = {"left": 0, "center": 1, "right": 2, "justify": 3}  # WD_ALIGN_PARAGRAPH values


def write_docx(notice: Notice, target: str | os.PathLike[str],
               style_template: str | os.PathLike[str] | None = None) -> None:
    """Write ``notice`` to ``target`` atomically."""
    document = build_document(notice, style_template)
    with atomic_path(target) as tmp:
        document.save(str(tmp))


def build_document(notice: Notice,
                   style_template: str | os.PathLike[str] | None = None) -> Document:
    import docx

    document = docx.Document(str(style_template) if style_template else None)
    _clear_body(document)
    styles = _ensure_styles(document)
    _page_setup(document)
    _page_numbers(document, styles["page_number"])
    _headers(document, styles["draft"], notice.draft)
    if notice.draft:
        _draft_reasons(document, notice, styles["draft_note"])
    _notice_page(document, notice, styles)
    _attachment(document, notice, styles)
    finish_package(document, notice)
    return document


# --- styles -----------------------------------------------------------------------------------

def _ensure_styles(document: Document) -> dict[str, ParagraphStyle]:
    """The notice's paragraph styles: the template's own when it has them, else created."""
    from docx.enum.style import WD_STYLE_TYPE

    _east_asian_defaults(document)
    existing = {s.name: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    result = {}
    for key, spec in g.STYLES.items():
        style = existing.get(spec.name)
        if style is None:
            style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.style_id = "Notice" + key.title().replace("_", "")  # ASCII ids, Chinese names
            style.base_style = existing.get("Normal")
            style.quick_style = True
            _apply_spec(style, spec)
        result[key] = style
    return result


def _apply_spec(style: ParagraphStyle, spec: g.StyleSpec) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style.font
    font.name = spec.latin
    font.size = Pt(spec.size_pt)
    font.bold = spec.bold
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), spec.font)
    fmt = style.paragraph_format
    fmt.alignment = ALIGN[spec.align]
    fmt.space_before = Pt(spec.space_pt)
    fmt.space_after = Pt(spec.space_pt)
    ppr = style.element.get_or_add_pPr()
    if spec.fixed_line_pt:  # 28.95 pt, one grid line: 22 lines a page (tables: 13 pt)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.fixed_line_pt)
    else:  # tables, page numbers: single spacing
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # Not snapped to the character grid: see gbt9704.CHAR_CONDENSE_PT.
    ppr.insert_element_before(_switch("w:snapToGrid"), *_AFTER_AUTOSPACE[3:])
    if spec.condense_pt:
        _condense(style.element.get_or_add_rPr(), spec.condense_pt)
    if spec.first_line_chars:
        _indent(ppr, spec.size_pt, first_line=spec.first_line_chars)
    # No automatic gap between Chinese and digits: "2024年2月5日" as GB/T 9704 prints it.
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        ppr.insert_element_before(_switch(name), *_AFTER_AUTOSPACE)


def _condense(rpr: object, points: float) -> None:
    """Letter spacing (w:spacing in twentieths of a point, negative: closer)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(points * TWIPS_PER_PT)))
    rpr.insert_element_before(spacing, *_AFTER_SPACING)  # type: ignore[attr-defined]


# rPr children that come after w:spacing in the schema's sequence.
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                  "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                  "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
# pPr children that come after autoSpaceDE/DN in the schema's sequence.
_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                    "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _switch(name: str, on: bool = False) -> object:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    element = OxmlElement(name)
    element.set(qn("w:val"), "1" if on else "0")
    return element


def _east_asian_defaults(document: Document) -> None:
    """Body font as the document default, East Asian name explicit (no theme fonts)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    fonts = rpr.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") if rpr is not None else None
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:ascii"), g.FONT_LATIN)
        fonts.set(qn("w:hAnsi"), g.FONT_LATIN)
        fonts.set(qn("w:eastAsia"), g.FONT_BODY)
    normal = document.styles["Normal"]
    normal.font.size = Pt(g.SIZE_BODY_PT)
    normal.font.name = g.FONT_LATIN
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), g.FONT_BODY)


def _indent(ppr: object, size_pt: float, *, first_line: float = 0, left: float = 0,
            hanging: float = 0, right: float = 0) -> None:
    """Indents in characters: the *Chars attributes Word and LibreOffice honour, plus twips."""
    from docx.oxml.ns import qn

    ind = ppr.get_or_add_ind()  # type: ignore[attr-defined]
    values = {"firstLine": first_line, "left": left, "hanging": hanging, "right": right}
    for name, chars in values.items():
        if chars:
            ind.set(qn(f"w:{name}"), str(round(chars * size_pt * TWIPS_PER_PT)))
            ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))


# --- page -------------------------------------------------------------------------------------

def _page_setup(document: Document) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Mm

    for section in document.sections:
        section.page_width = Mm(g.PAGE_WIDTH_MM)
        section.page_height = Mm(g.PAGE_HEIGHT_MM)
        section.top_margin = Mm(g.MARGIN_TOP_MM)
        section.bottom_margin = Mm(g.MARGIN_BOTTOM_MM)
        section.left_margin = Mm(g.MARGIN_LEFT_MM)
        section.right_margin = Mm(g.MARGIN_RIGHT_MM)
        section.footer_distance = Mm(g.footer_distance_mm())
        section.header_distance = Mm(15)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        # 指定行和字符网格: 22 lines of 28.95 pt, 28 characters of 15.79 pt.
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(round(g.LINE_PITCH_PT * TWIPS_PER_PT)))
        grid.set(qn("w:charSpace"), str(g.GRID_CHAR_SPACE))


def _page_numbers(document: Document, style: ParagraphStyle) -> None:
    """"— 1 —": odd pages right, even pages left, one character in (evenAndOddHeaders)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = _fresh_paragraph(footer)
        paragraph._p.style = style.style_id
        paragraph.alignment = ALIGN[side]
        ppr = paragraph._p.get_or_add_pPr()
        _indent(ppr, g.SIZE_PAGE_NUMBER_PT, **{side: g.PAGE_NUMBER_SIDE_CHARS})
        paragraph.add_run(f"{g.PAGE_NUMBER_DASH} ")
        _page_field(paragraph)
        paragraph.add_run(f" {g.PAGE_NUMBER_DASH}")


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field (begin / instruction / separate / result / end), as Word writes it."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _fresh_paragraph(part: object) -> Paragraph:
    """The only, empty paragraph of a header or footer (a restyled template may bring its own)."""
    part.is_linked_to_previous = False  # type: ignore[attr-defined]
    element = part._element  # type: ignore[attr-defined]
    for child in list(element):
        element.remove(child)
    return part.add_paragraph()  # type: ignore[attr-defined]


def _headers(document: Document, style: ParagraphStyle, draft: bool) -> None:
    """Empty headers, or 草稿 at the top of every page (odd and even; page 1 uses the odd one)."""
    from docx.oxml.parser import parse_xml
    from docx.shared import RGBColor

    section = document.sections[0]
    section.different_first_page_header_footer = False
    for header in (section.header, section.even_page_header):
        paragraph = _fresh_paragraph(header)
        if draft:
            paragraph._p.style = style.style_id
            run = paragraph.add_run(g.DRAFT_HEADER)
            run.font.color.rgb = RGBColor.from_string(g.DRAFT_COLOR)
            paragraph._p.append(parse_xml(_WATERMARK))


# 草稿 across the middle of every page behind the text: a Word watermark (a VML word-art
# shape anchored in the header, as Word's own 水印 is), which LibreOffice renders too.
_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/></v:shapetype>'
    '<v:shape id="xlperfDraftMark" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:120pt;'
    "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    f'mso-position-vertical-relative:margin" fillcolor="#{g.DRAFT_WATERMARK_COLOR}" '
    'stroked="f"><v:textpath style="font-family:&quot;' + g.FONT_HEITI + '&quot;;'
    f'font-size:1pt" string="{g.DRAFT_WATERMARK}"/></v:shape></w:pict></w:r>'
)


def _draft_reasons(document: Document, notice: Notice, style: ParagraphStyle) -> None:
    """Above the title of a draft, in a red box: why it is one (what blocks publication)."""
    from docx.shared import RGBColor

    reasons = notice.draft_reasons
    shown = reasons[:g.DRAFT_REASONS_SHOWN]
    lines = [g.DRAFT_REASONS_TITLE.format(count=len(reasons)) if reasons else g.DRAFT_NO_REASONS]
    lines += [f"{number}. {reason}" for number, reason in enumerate(shown, 1)]
    if len(reasons) > len(shown):
        lines.append(g.DRAFT_REASONS_MORE.format(count=len(reasons) - len(shown)))
    for index, line in enumerate(lines):
        paragraph = _add(document, style, xml_safe(line))
        paragraph.runs[0].font.bold = index == 0
        paragraph.runs[0].font.color.rgb = RGBColor.from_string(g.DRAFT_COLOR)
        paragraph._p.get_or_add_pPr().insert_element_before(_box(), *_AFTER_BORDER)
    _add(document, style)


def _box() -> object:
    """A red paragraph border; consecutive paragraphs with the same one share one box."""
    from docx.oxml.parser import parse_xml

    sides = "".join(f'<w:{side} w:val="single" w:sz="8" w:space="4" w:color="{g.DRAFT_COLOR}"/>'
                    for side in ("top", "left", "bottom", "right"))
    return parse_xml(f'<w:pBdr xmlns:w="{_W}">{sides}</w:pBdr>')


# pPr children that come after w:pBdr in the schema's sequence.
_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                 "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", *_AFTER_AUTOSPACE)


# --- the notice page --------------------------------------------------------------------------

def _notice_page(document: Document, notice: Notice, styles: dict) -> None:
    title = _add(document, styles["title"])
    title.add_run(xml_safe(notice.department))
    title.add_run().add_break()
    title.add_run(xml_safe(notice.title))
    _add(document, styles["body"])
    _add(document, styles["body"], xml_safe(notice.body))
    _add(document, styles["body"])
    note = _add(document, styles["attachment_note"], xml_safe(notice.attachment_note))
    # Single attachment: "附件：" two characters in; a wrapped name aligns with its first character.
    _indent(note._p.get_or_add_pPr(), g.SIZE_BODY_PT, left=g.BODY_INDENT_CHARS + 3, hanging=3)
    _add(document, styles["body"])
    _signature(document, notice, styles["signature"])


def _add(document: Document, style: ParagraphStyle, text: str = "") -> Paragraph:
    """A paragraph in ``style``, set by id: python-docx's lookup by style object is slow."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style.style_id
    return paragraph


def text_width(text: str) -> float:
    """Width in body characters: CJK and full-width take one, ASCII digits and letters half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def signature_indents(signing_body: str, date: str) -> tuple[float, float]:
    """The issuing body's right indent and the date's left indent (characters), unsealed layout.

    GB/T 9704 §7.3.5.2: the body ends 2 characters from the right; the date
    starts 2 characters right of the body's first character. A date longer
    than that moves the body right so the date ends 2 characters from the
    right. The date is placed by its first character (a left indent), so
    digit widths of whatever font renders it cannot move it.
    """
    line = g.TEXT_WIDTH_MM / (g.SIZE_BODY_PT * 25.4 / 72)
    name_w, date_w = text_width(signing_body), text_width(date)
    overhang = max(0.0, g.DATE_SHIFT_CHARS + date_w - name_w)
    name_right = g.SIGNATURE_RIGHT_CHARS + overhang
    return name_right, line - name_right - name_w + g.DATE_SHIFT_CHARS


def _signature(document: Document, notice: Notice, style: ParagraphStyle) -> None:
    from docx.shared import Pt

    name_right, date_left = signature_indents(notice.signing_body, notice.date)
    name = _add(document, style, xml_safe(notice.signing_body))
    _indent(name._p.get_or_add_pPr(), g.SIZE_BODY_PT, right=name_right)
    if notice.date:
        date = _add(document, style, notice.date)
        date.alignment = ALIGN["left"]
        date.paragraph_format.left_indent = Pt(round(date_left * g.SIZE_BODY_PT, 1))


# --- the attachment ---------------------------------------------------------------------------

def _attachment(document: Document, notice: Notice, styles: dict) -> None:
    label = _add(document, styles["attachment_label"], g.ATTACHMENT_LABEL)
    label.paragraph_format.page_break_before = True
    _add(document, styles["body"])
    _add(document, styles["attachment_title"], xml_safe(notice.attachment_title))
    _add(document, styles["body"])
    for index, table in enumerate(notice.tables):
        heading = _add(document, styles["table_title"], notice.table_title)
        heading.paragraph_format.page_break_before = index > 0
        heading.paragraph_format.keep_with_next = True
        unit = _add(document, styles["table_unit"], notice.unit_label)
        unit.paragraph_format.keep_with_next = True
        _project_table(document, table, styles)


def _project_table(document: Document, table: Table, styles: dict) -> None:
    """One project in the seed's layout: header block, then merged 一级/二级 indicator rows.

    The table is written as WordprocessingML directly: python-docx's cell API
    costs seconds for a 30-project department, the markup costs milliseconds.
    """
    from docx.oxml.parser import parse_xml

    text, head = styles["table_text"].style_id, styles["table_head"].style_id
    label, value, label2, _ = table.grid.header[1:]
    columns = table.grid.columns
    grid = table.grid.all
    # A cell: (left edge, right edge, text or merged Cell, style id, alignment), in mm.
    rows = [[(0, label, "项目名称", head, "center"), (label, grid[-1], table.name, text, "left")]]
    for first, first_value, second, second_value in table.header:
        rows.append([(0, label, first, head, "center"), (label, value, first_value, text, "left"),
                     (value, label2, second, head, "center"),
                     (label2, grid[-1], second_value, text, "center")])
    rows.append([(0, label, "年度总体绩效目标", head, "center"),
                 (label, grid[-1], table.goal, text, "left")])
    cells = list(pairwise(columns))
    rows.append([(a, b, name, head, "center") for (a, b), name in zip(cells, table.columns,
                                                                      strict=True)])
    header_count = len(rows)
    for row in table.rows:
        contents = [row.level1, row.level2, row.name, *([row.value] if table.has_value else []),
                    row.weight]
        aligns = ["center", "center", "left", *(["left"] if table.has_value else []), "center"]
        rows.append([(a, b, content, text, align)
                     for (a, b), content, align in zip(cells, contents, aligns, strict=True)])
    widths = [_twips_mm(b - a) for a, b in pairwise(grid)]
    xml = [_TBL_OPEN.format(width=sum(widths), border=g.TABLE_BORDER_EIGHTHS,
                            margin=_twips_mm(g.TABLE_CELL_MARGIN_MM)),
           "<w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    for index, row_cells in enumerate(rows):
        xml.append(_row(row_cells, grid, header=index < header_count))
    xml.append("</w:tbl>")
    document.element.body.insert_element_before(parse_xml("".join(xml)), "w:sectPr")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TBL_OPEN = (
    f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="{{width}}" w:type="dxa"/><w:jc w:val="center"/>'
    "<w:tblBorders>"
    + "".join(f'<w:{side} w:val="single" w:sz="{{border}}" w:space="0" w:color="000000"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>'
    '<w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/>'
    '</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>'
)


def _row(cells: list[tuple], grid: list[float], *, header: bool) -> str:
    """A table row; header rows repeat on each page (tblHeader), no row splits across pages.

    A cell is ``(left, right, text or Cell, style id, alignment)`` with edges on
    the grid (mm); a merged
    一级/二级 ``Cell`` starts a vertical merge (span ≥ 1) or continues it (span 0).
    Word and LibreOffice repeat only rows at the top of a table, so the whole
    header block is marked, ending with the 一级/二级/三级 column header.
    """
    out = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if header else "", "</w:trPr>"]
    for left, right, content, style, align in cells:
        merge = ""
        if not isinstance(content, str):  # a Cell of the 一级/二级 columns
            merge = '<w:vMerge w:val="restart"/>' if content.span else "<w:vMerge/>"
            content = content.text if content.span else ""
        span = grid.index(right) - grid.index(left)
        width = _twips_mm(right - left)
        spans = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{spans}{merge}'
                   f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>'
                   f'<w:jc w:val="{align}"/></w:pPr>{_runs(content)}</w:p></w:tc>')
    out.append("</w:tr>")
    return "".join(out)


def _runs(text: str) -> str:
    """Escaped text as one run; line breaks inside a cell become w:br."""
    from xml.sax.saxutils import escape

    lines = xml_safe(text).replace("\r\n", "\n").split("\n")
    if lines == [""]:
        return ""
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{body}</w:r>"


def _twips_mm(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _clear_body(document: Document) -> None:
    """A restyled Word template may hold sample text; keep only its section settings."""
    body = document.element.body
    for child in list(body):
        if child.tag.endswith("}sectPr"):
            continue
        body.remove(child)

