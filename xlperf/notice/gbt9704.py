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

# Font names as government templates write them.
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEITI = "黑体"
FONT_KAITI = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"  # digits and Latin letters in body text

# Sizes (pt): 2号 = 22, 3号 = 16, 4号 = 14, 五号 = 10.5.
SIZE_TITLE_PT = 22.0
SIZE_BODY_PT = 16.0
SIZE_PAGE_NUMBER_PT = 14.0
SIZE_TABLE_PT = 10.5  # 五号, the usual size for tables in attachments
SIZE_TABLE_TITLE_PT = 16.0

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
TABLE_BORDER_EIGHTHS = 4  # border width in eighths of a point (0.5 pt)
TABLE_CELL_MARGIN_MM = 1.2  # left and right

# Marks.
DRAFT_HEADER = "草稿 — 仅供内部审阅，未经审核，不得公开"
DRAFT_COLOR = "C00000"
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
    fixed_line_pt: float | None = LINE_PITCH_PT  # None: single spacing (tables)
    latin: str = FONT_LATIN  # digits and Latin letters
    space_pt: float = 0  # before and after the paragraph


# The styles the writer creates (or finds in a restyled Word template).
STYLES: dict[str, StyleSpec] = {
    "title": StyleSpec("公文标题", FONT_TITLE, SIZE_TITLE_PT, align="center"),
    "body": StyleSpec("公文正文", FONT_BODY, SIZE_BODY_PT, first_line_chars=BODY_INDENT_CHARS),
    "attachment_note": StyleSpec("附件说明", FONT_BODY, SIZE_BODY_PT),
    "signature": StyleSpec("发文机关署名", FONT_BODY, SIZE_BODY_PT, align="right"),
    "attachment_label": StyleSpec("附件标识", FONT_HEITI, SIZE_BODY_PT, align="left"),
    "attachment_title": StyleSpec("附件标题", FONT_TITLE, SIZE_TITLE_PT, align="center"),
    "table_title": StyleSpec("表格标题", FONT_HEITI, SIZE_TABLE_TITLE_PT, align="center"),
    "table_unit": StyleSpec("表格单位", FONT_BODY, SIZE_TABLE_PT, align="right",
                            fixed_line_pt=None),
    "table_text": StyleSpec("表格文字", FONT_BODY, SIZE_TABLE_PT, align="left",
                            fixed_line_pt=None, space_pt=TABLE_TEXT_SPACE_PT),
    "table_head": StyleSpec("表格表头", FONT_HEITI, SIZE_TABLE_PT, align="center",
                            fixed_line_pt=None, space_pt=TABLE_TEXT_SPACE_PT),
    "page_number": StyleSpec("页码", FONT_PAGE_NUMBER, SIZE_PAGE_NUMBER_PT, align="right",
                             fixed_line_pt=None, latin=FONT_PAGE_NUMBER),
    "draft": StyleSpec("草稿标记", FONT_HEITI, 12.0, bold=True, align="center",
                       fixed_line_pt=None),
}


def footer_distance_mm() -> float:
    """Page edge to the page number's baseline area: 7 mm below the text block, one line high."""
    line_mm = SIZE_PAGE_NUMBER_PT * 25.4 / 72
    return MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - line_mm
