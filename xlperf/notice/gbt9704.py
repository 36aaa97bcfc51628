"""The GB/T 9704-2012 layout numbers the Word notice uses — one place, read by docx_writer.

Values follow the standard (§5.2 paper and text block, §7.3 body, §7.5 page
numbers; see docs/notice.md). Government templates name fonts that Debian
does not ship; renderers fall back to another CJK font, Word on a Chinese
PC uses the named ones.
"""

from __future__ import annotations

from dataclasses import dataclass

# Paper and margins (mm): A4, 天头 37, 订口 28; text block 156 × 225.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0
MARGIN_RIGHT_MM = 26.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225

# The grid: 22 lines × 28 characters. 225 mm / 22 lines ≈ 28.95 pt per line.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH_PT = 28.95
POINTS_PER_MM = 72 / 25.4

# Font names as government templates write them, and what may stand in for each: Word reads
# the stand-ins from the font table (w:altName), the PDF check accepts them as installed.
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEITI = "黑体"
FONT_KAITI = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"  # digits and Latin letters in body text
FONT_FALLBACKS: dict[str, tuple[str, ...]] = {
    FONT_TITLE: ("方正小标宋_GBK", "华文中宋", "宋体", "SimSun"),
    FONT_BODY: ("仿宋", "FangSong"),
    FONT_HEITI: ("SimHei",),
    FONT_KAITI: ("楷体", "KaiTi"),
    FONT_PAGE_NUMBER: ("SimSun",),
}

# Sizes (pt): 2号 = 22, 3号 = 16, 4号 = 14, 五号 = 10.5.
SIZE_TITLE_PT = 22.0
SIZE_BODY_PT = 16.0
SIZE_PAGE_NUMBER_PT = 14.0
SIZE_TABLE_PT = 10.5  # 五号, the usual size for tables in attachments
SIZE_TABLE_TITLE_PT = 16.0

# 28 characters in the 156 mm line: a pitch of 15.79 pt, 0.21 pt less than the 16 pt glyphs.
# The page grid (w:docGrid linesAndChars) declares it as Word expects: charSpace is that
# difference in 4096ths of a point (ECMA-376 §17.6.5): -848, as in government templates.
CHAR_PITCH_PT = TEXT_WIDTH_MM * POINTS_PER_MM / CHARS_PER_LINE
GRID_CHAR_SPACE = round((CHAR_PITCH_PT - SIZE_BODY_PT) * 4096)
# LibreOffice puts a glyph wider than the grid's pitch into two cells (14 characters a line),
# so the notice's paragraphs do not snap to the character grid; their characters are set
# 0.3 pt closer instead (w:spacing), which gives 28 a line in Word and LibreOffice alike
# (0.21 pt is the exact difference; LibreOffice's rounding and fallback fonts need the rest).
CHAR_CONDENSE_PT = -0.3

# Indents and positions, in characters of the body font.
BODY_INDENT_CHARS = 2  # every paragraph's first line
SIGNATURE_RIGHT_CHARS = 2  # the issuing body ends 2 characters from the right
DATE_SHIFT_CHARS = 2  # the date starts 2 characters right of the body's first character
PAGE_NUMBER_SIDE_CHARS = 1  # odd pages: 1 character from the right; even: from the left
PAGE_NUMBER_GAP_MM = 7.0  # the page number sits 7 mm below the text block
PAGE_NUMBER_DASH = "—"  # one-character dash on each side: "— 1 —"

# Table column widths (mm); each row adds up to the text width (156). The Word
# table's grid is the union of both rows' boundaries, so the header block and
# the indicator rows each get the widths their text needs.
TABLE_COLUMNS_MM: dict[bool, tuple[float, ...]] = {
    # without a separate 指标值 column: 一级, 二级, 三级, 绩效值
    False: (26.0, 28.0, 86.0, 16.0),
    # with it: 一级, 二级, 三级, 指标值, 绩效值
    True: (24.0, 26.0, 62.0, 28.0, 16.0),
}
# The header block: label, value, label, value (项目名称 and 年度总体绩效目标 use label + rest).
TABLE_HEADER_MM: tuple[float, float, float, float] = (26.0, 52.0, 26.0, 52.0)
TABLE_TEXT_SPACE_PT = 2.0  # air above and below the text in a cell
# Table lines at exactly 13 pt (固定值): rows are as tall in Word, WPS and LibreOffice whatever
# font stands in for 仿宋 (single spacing follows the font: 2 pt a row more under zh-CN here).
TABLE_LINE_PT = 13.0
TABLE_BORDER_EIGHTHS = 4  # border width in eighths of a point (0.5 pt)
TABLE_CELL_MARGIN_MM = 1.2  # left and right

# Marks.
DRAFT_HEADER = "草稿 — 仅供内部审阅，未经审核，不得公开"
DRAFT_COLOR = "C00000"
DRAFT_WATERMARK = "草稿"  # across every page, behind the text
DRAFT_WATERMARK_COLOR = "F2B8B8"
# A draft's first page says why it is one.
DRAFT_REASONS_TITLE = "草稿：以下 {count} 个问题修改后方可公开"
DRAFT_NO_REASONS = "草稿：内部审阅稿（按 --draft 生成），未经审核，不得公开"
DRAFT_REASONS_MORE = "……另有 {count} 个问题，见 xlperf validate 的校验报告"
DRAFT_REASONS_SHOWN = 20
ATTACHMENT_LABEL = "附件"


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style of the notice; staff restyle it in Word by this name."""

    name: str
    font: str
    size_pt: float
    bold: bool = False
    align: str = "justify"  # left | center | right | justify
    first_line_chars: float = 0
    fixed_line_pt: float | None = LINE_PITCH_PT  # exact line height; None: single spacing
    latin: str = FONT_LATIN  # digits and Latin letters
    space_pt: float = 0  # before and after the paragraph
    condense_pt: float = 0  # letter spacing: the body's 28 characters a line


# The styles the writer creates (or finds in a restyled Word template).
STYLES: dict[str, StyleSpec] = {
    "title": StyleSpec("公文标题", FONT_TITLE, SIZE_TITLE_PT, align="center"),
    "body": StyleSpec("公文正文", FONT_BODY, SIZE_BODY_PT, first_line_chars=BODY_INDENT_CHARS,
                      condense_pt=CHAR_CONDENSE_PT),
    "attachment_note": StyleSpec("附件说明", FONT_BODY, SIZE_BODY_PT,
                                 condense_pt=CHAR_CONDENSE_PT),
    "signature": StyleSpec("发文机关署名", FONT_BODY, SIZE_BODY_PT, align="right",
                           condense_pt=CHAR_CONDENSE_PT),
    "attachment_label": StyleSpec("附件标识", FONT_HEITI, SIZE_BODY_PT, align="left",
                                  condense_pt=CHAR_CONDENSE_PT),
    "attachment_title": StyleSpec("附件标题", FONT_TITLE, SIZE_TITLE_PT, align="center"),
    "table_title": StyleSpec("表格标题", FONT_HEITI, SIZE_TABLE_TITLE_PT, align="center"),
    "table_unit": StyleSpec("表格单位", FONT_BODY, SIZE_TABLE_PT, align="right",
                            fixed_line_pt=TABLE_LINE_PT),
    "table_text": StyleSpec("表格文字", FONT_BODY, SIZE_TABLE_PT, align="left",
                            fixed_line_pt=TABLE_LINE_PT, space_pt=TABLE_TEXT_SPACE_PT),
    "table_head": StyleSpec("表格表头", FONT_HEITI, SIZE_TABLE_PT, align="center",
                            fixed_line_pt=TABLE_LINE_PT, space_pt=TABLE_TEXT_SPACE_PT),
    "page_number": StyleSpec("页码", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER_PT, align="right",
                             fixed_line_pt=None, latin=FONT_PAGE_NUMBER),
    "draft": StyleSpec("草稿标记", FONT_HEITI, 12.0, bold=True, align="center",
                       fixed_line_pt=None),
    "draft_note": StyleSpec("草稿说明", FONT_BODY, SIZE_TABLE_PT, align="left",
                            fixed_line_pt=None),
}


def footer_distance_mm() -> float:
    """Page edge to the page number's baseline area: 7 mm below the text block, one line high."""
    line_mm = SIZE_PAGE_NUMBER_PT * 25.4 / 72
    return MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - line_mm
