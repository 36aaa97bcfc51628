"""One spelling of the notice's own words: ``2024年`` without spaces in the title and the
附件 line alike (GB/T 9704), a 文号 kept on one line in the web page."""

from __future__ import annotations

import copy
import re

import docx
from notice_support import seed

from xlperf.notice.content import build_notice
from xlperf.notice.docx_writer import write_docx
from xlperf.notice.render import Renderer

DIGIT_SPACE = re.compile(r"\d[ \u3000\u00a0]+[\u4e00-\u9fff]|[\u4e00-\u9fff][ \u3000\u00a0]+\d")


def test_the_seed_writes_2024_nian_with_a_space_the_title_does_not() -> None:
    department = seed()
    assert department.attachment_title == "2024 年市本级部门项目支出预算绩效目标表"
    notice = build_notice(department)
    assert notice.title == "2024年项目支出预算绩效目标"
    assert notice.attachment_note == "附件：2024年市本级部门项目支出预算绩效目标表"
    assert notice.attachment_title == "2024年市本级部门项目支出预算绩效目标表"


def test_no_format_prints_a_space_between_digits_and_chinese(tmp_path) -> None:
    department = copy.deepcopy(seed())
    department.legal_basis = ["《关于加强预算管理的通知》（X财预〔 2024 〕 12 号）"]
    notice = build_notice(department)
    renderer = Renderer()
    for kind in ("txt", "html"):
        text = renderer.render(kind, notice, department)
        start = text.find("<body")  # the page's text, not its stylesheet
        head = text[max(start, 0):text.index("附件：") + 40]  # the notice page, not the tables
        assert not DIGIT_SPACE.search(head), (kind, DIGIT_SPACE.search(head).group(0))
    write_docx(notice, tmp_path / "notice.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "notice.docx")).paragraphs]
    assert "附件：2024年市本级部门项目支出预算绩效目标表" in paragraphs
    assert any("（X财预〔2024〕12号）" in p for p in paragraphs)
    assert not any(DIGIT_SPACE.search(p) for p in paragraphs if "年" in p or "号" in p)


def test_a_document_number_is_one_unbreakable_span_of_text() -> None:
    department = copy.deepcopy(seed())
    department.legal_basis = ["《通知》（X财预〔2024〕12号）", "<script>alert(1)</script>"]
    page = Renderer().render("html", build_notice(department), department)
    assert '<span class="keep">X财预〔2024〕12号</span>' in page
    assert '<span class="keep">宁党发〔2019〕9号</span>' not in page  # replaced basis
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert ".keep { white-space: nowrap; }" in page
