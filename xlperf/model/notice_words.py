"""The notice around the tables: the sentences xlperf writes and how it recognises them.

The published notice (``department / title / 根据…予以公开。/ 附件：… / signer /
date``) is read by ``xlperf.reader.notice`` from any source's lines, written
back by the text writer and rendered by ``xlperf.notice``. Keeping the
wording and the patterns in one place keeps them from drifting apart.
"""

from __future__ import annotations

import re

# The notice as xlperf writes it, in the seed's shape.
NOTICE_TITLE = "{year} 年项目支出预算绩效目标"
NOTICE_BODY = "{basis}现将{subject}项目支出预算绩效目标予以公开。"
BASIS_CLAUSE = "根据{items}有关要求，"
ATTACHMENT_PREFIX = "附件："
DATE_FORMAT = "{year} 年 {month} 月 {day} 日"

# How the reader recognises those lines (after NFKC and removing spaces).
TITLE_LINE = re.compile(r"^(?P<before>.*?)(?P<year>\d{4})年度?(?P<after>.*绩效目标.*)$")
BASIS_START = re.compile(r"^(根据|按照|依据|依照)")
# A body sentence: starts like one, or discloses (…予以公开 / 现将… / 公开如下).
BODY_START = re.compile(r"^(根据|按照|依据|依照|现将|为(贯彻|落实|进一步|做好|加强|深入|全面))")
BODY_HINT = re.compile(r"予以公开|公开如下|公示如下|现将.*(公开|公示)")
# A wrapped body sentence ends at a blank line or at the end of its sentence.
BODY_END = re.compile(r"(予以公开|公开如下|公示如下)|[。：:]$")
ATTACHMENT_LINE = re.compile(r"^附件\d*[:：](?P<title>.*)$")
# A further item of an attachment list (附件：1.…表 / 2.…表): the notice's, not a table's title.
ATTACHMENT_ITEM = re.compile(r"^[（(]?\d{1,2}[)）.、．]\D")
FURTHER_ATTACHMENT = "附件清单中的其他附件，xlperf 只读取其中的绩效目标表，这一行未读取"
DATE_LINE = re.compile(r"^(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日$")
# A web page's date (2024-01-20, 2024.1.20, 2024/01/20): the same date, written by a site.
NUMERIC_DATE_LINE = re.compile(
    r"^(?P<year>\d{4})(?P<sep>[-./])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})$")
CJK_DATE_LINE = re.compile(r"^(?P<year>[〇○零一二三四五六七八九]{4})年"
                           r"(?P<month>[一二三四五六七八九十]{1,3})月"
                           r"(?P<day>[一二三四五六七八九十]{1,3})日$")
# One legal basis document: 《title》 and the （文号） that may follow it.
BASIS_ITEM = re.compile(r"《[^《》]*》(?:\s*[（(][^（）()]*[）)])?")
BASIS_END = re.compile(r"[，,]?\s*现将|予以公开|公开如下")
BASIS_TAIL = re.compile(r"(的)?(有关|相关)?(要求|规定|精神)[，,]?$")
# A line that is a title, not a department: a form's or a notice's (通知, 公示, 说明 …), a
# budget disclosure's (2024年度部门预算公开, 目录): a department's name states no year.
TITLE_WORDS = re.compile(r"绩效目标|绩效指标|通知|公告|公示|说明|^关于|目标表|申报表|自评表|"
                         r"\d{4}年|公开$|^目录$|^[一二三四五六七八九十]+、")
# The marks xlperf puts on a draft (notice/gbt9704.py, the txt template, the notice workbook):
# the 草稿 banner, why it is one (``【草稿原因 1】…``, ``以下 2 个问题…``, ``1. [C001] …``) and
# ``……另有 N 个问题``.
# They are not the department's text: a draft read back keeps its real department and signer.
DRAFT_LINE = re.compile(r"^(【草稿|草稿$|草稿[—–\-:：]|以下\d+个问题修改后方可公开"
                        r"|(\d+\.)?\[[A-Z]\d{3}\]|……另有\d+个问题)")
# Lines that are not content: PDF page numbers (``— 3 —``) and a bare 附件 mark.
PAGE_NUMBER = re.compile(r"^[-—－–]*\d+[-—－–]*$|^第\d+页(共\d+页)?$")
ATTACHMENT_MARK = re.compile(r"^附件\d*$")
# A web page's furniture copied with the notice (发布时间：…, 来源：…, 【打印】): not its text.
# (Its lines of links, 【打印】【关闭】, are the vocabulary's ``is_page_links``.)
PAGE_CHROME = re.compile(r"^【?(发布时间|发布日期|信息来源|来源|作者|浏览次数|阅读次数|点击数|"
                         r"访问量|字号|字体|分享到)[:：]")
# A web page's breadcrumb copied with the notice (``首页 > 信息公开 > 预算公开``, ``当前位置：…``):
# the site's navigation, never the department (matched squeezed: no spaces).
BREADCRUMB = re.compile(r"^(当前位置|您现在的位置|您的位置|现在位置|所在位置)[:：]"
                        r"|^(网站)?首页(>|＞|»|›|/|-{1,2}>|→)")
