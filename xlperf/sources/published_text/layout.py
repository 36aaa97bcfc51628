"""The published text layout in one place: what the reader recognises and the writer writes.

The layout is the text a PDF of the published notice gives when copied out:
a short notice, then one table per project with tab-separated cells and the
merged cells flattened (see ``docs/published-text.md``). Keeping the labels,
the notice sentences and the header block here means the reader and the
writer cannot drift apart.
"""

from __future__ import annotations

import re

# The header block as the published table prints it: one tuple of fields per
# line, each field written as ``label<TAB>value``. A one-field line is padded
# with empty cells to the table's width (the seed: ``项目名称\tX\t\t``).
HEADER_ROWS: tuple[tuple[str, ...], ...] = (
    ("name",),
    ("competent_department", "implementing_unit"),
    ("attribute", "term"),
    ("division", "amount"),
    ("goal",),
)
TABLE_WIDTH = 4

# A unit line (``单位：万元``) alone; units are divided as the workbook reader does
# (workbook.layout: AMOUNT_DIVISORS, UNIT_IN_TEXT).
UNIT_LINE = re.compile(r"^[（(]?单位[:：](万元|元)[）)]?$")

# The notice before the first table, in the seed's shape.
NOTICE_TITLE = "{year} 年项目支出预算绩效目标"
NOTICE_BODY = "{basis}现将{subject}项目支出预算绩效目标予以公开。"
BASIS_CLAUSE = "根据{items}有关要求，"
ATTACHMENT_PREFIX = "附件："
DATE_FORMAT = "{year} 年 {month} 月 {day} 日"

# How the reader recognises those lines (after NFKC and removing spaces).
TITLE_LINE = re.compile(r"^(?P<before>.*?)(?P<year>\d{4})年度?(?P<after>.*绩效目标.*)$")
BASIS_START = re.compile(r"^(根据|按照|依据)")
BODY_START = re.compile(r"^(根据|按照|依据|现将)")
# A wrapped body sentence ends at a blank line or at the end of its sentence.
BODY_END = re.compile(r"(予以公开|公开如下)|[。：:]$")
ATTACHMENT_LINE = re.compile(r"^附件\d*[:：](?P<title>.*)$")
DATE_LINE = re.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日$")
CJK_DATE_LINE = re.compile(r"^(?P<year>[〇○零一二三四五六七八九]{4})年"
                           r"(?P<month>[一二三四五六七八九十]{1,3})月"
                           r"(?P<day>[一二三四五六七八九十]{1,3})日$")
# One legal basis document: 《title》 and the （文号） that may follow it.
BASIS_ITEM = re.compile(r"《[^《》]*》(?:\s*[（(][^（）()]*[）)])?")
BASIS_END = re.compile(r"[，,]?\s*现将|予以公开")
BASIS_TAIL = re.compile(r"(的)?(有关|相关)?(要求|规定|精神)[，,]?$")

# The central form's amount block: 项目资金（万元）<TAB>年度资金总额<TAB>120, then the
# breakdown rows 其中：财政拨款 / 其他资金 (not read: the model has one amount).
AMOUNT_BREAKDOWN = re.compile(r"^(其中|财政拨款|其他资金|中期资金总额)")
# What may stand before the department in a title: 关于公开石嘴山市民政局2024年…
TITLE_PREFIX = re.compile(r"^关于(公开|公布|印发)?")
# Lines that are not content: PDF page numbers (``— 3 —``) and a bare 附件 mark.
PAGE_NUMBER = re.compile(r"^[-—－–]*\d+[-—－–]*$|^第\d+页(共\d+页)?$")
ATTACHMENT_MARK = re.compile(r"^附件\d*$")
# A note under a table ends the table's rows.
NOTE_LINE = re.compile(r"^(注|备注|说明)\d*[:：]")

# A table heading: the title of each table (also ``2024年…绩效目标表``), and the unit line.
# (the unit may share the heading's line: ``部门项目支出预算绩效目标表  单位：万元``).
TABLE_HEADING = re.compile(r"^(?!附件).*项目支出(预算)?绩效目标表([（(]?单位[:：]万?元[）)]?)?$")

# A 一级/二级 label written with its code (``1-产出指标``, ``11-数量指标``) after
# normalize_label. Only the code's length tells the level; the name must be a
# short run of Chinese characters, so a 三级 name such as ``1-2 名挂职领导`` or
# ``5-10分钟`` is never taken for a label.
CODED_LABEL = re.compile(r"^(?P<code>\d{1,2})-(?P<name>[\u4e00-\u9fff]{2,12})$")
# … and the name must end like a level name does, so ``1-全年督查`` stays a 三级 name.
LABEL_ENDINGS = ("指标", "效益", "影响", "满意度", "成本")
