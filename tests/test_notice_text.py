"""The txt and html notice: the seed's wording, the import round trip, escaping, draft marks."""

from __future__ import annotations

import copy
import html.parser

import pytest
from notice_support import SEED, clean_seed, seed, without_pdf_spaces

from xlperf.model.serialize import comparable
from xlperf.notice.content import build_notice, published_spacing
from xlperf.notice.render import Renderer
from xlperf.sources.text.reader import parse_text


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def _notice_lines(text: str) -> list[str]:
    """The notice part: the non-empty lines before the first table heading line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[:lines.index("部门项目支出预算绩效目标表")]


def test_seed_notice_is_reproduced_from_its_department(renderer: Renderer) -> None:
    department = seed()
    text = renderer.render("txt", build_notice(department), department)
    ours = _notice_lines(text)
    expected = _notice_lines(SEED.read_text(encoding="utf-8"))
    assert len(expected) == 6
    # department, title, body sentence, 附件 line, signing body, date — in the seed's order
    assert [without_pdf_spaces(x) for x in ours] == [without_pdf_spaces(x) for x in expected]
    assert expected[2].startswith("根据《中华人民共和国预算法》")
    assert "附件：2024 年市本级部门项目支出预算绩效目标表" in expected


def test_date_follows_gbt9704_without_padding_or_spaces(renderer: Renderer) -> None:
    department = seed()
    text = renderer.render("txt", build_notice(department), department)
    assert "\n2024年2月5日\n" in text
    assert "2024 年 2 月" not in text


@pytest.mark.parametrize("make", [seed, clean_seed], ids=["seed", "seed-without-faulty"])
def test_txt_imports_back_to_the_same_department(renderer: Renderer, make) -> None:
    department = make()
    notice = build_notice(department)
    text = renderer.render("txt", notice, department)
    back = parse_text(text)
    assert back.disclosure == notice.body  # the notice writes its own sentence (GB/T 9704)
    assert without_disclosure(back) == without_disclosure(department)


def without_disclosure(department) -> dict:
    """The department as the notice prints it: its own disclosure sentence, GB/T spacing."""
    data = comparable(department)
    data.pop("disclosure")
    data["attachment_title"] = published_spacing(data["attachment_title"])
    return data


def test_txt_round_trip_keeps_a_separate_value_column_and_multiline_goal(
        renderer: Renderer) -> None:
    department = clean_seed()
    project = department.projects[0]
    project.goal = "第一行目标\n第二行目标"
    project.indicators[0].value = "≥50 次"
    text = renderer.render("txt", build_notice(department), department)
    back = parse_text(text)
    assert without_disclosure(back) == without_disclosure(department)
    assert back.projects[0].indicators[0].value == "≥50 次"


def test_body_sentence_lists_every_legal_basis(renderer: Renderer) -> None:
    department = clean_seed()
    department.legal_basis = ["《中华人民共和国预算法》", "预算绩效管理办法"]
    notice = build_notice(department)
    assert notice.body == ("根据《中华人民共和国预算法》《预算绩效管理办法》有关要求，"
                           "现将石嘴山市人民政府办公室2024年项目支出预算绩效目标予以公开。")


def test_missing_notice_fields_fall_back_to_the_department() -> None:
    department = clean_seed()
    department.attachment_title = ""
    department.signing_body = ""
    department.published = None
    notice = build_notice(department)
    assert notice.attachment_note == "附件：石嘴山市人民政府办公室2024年项目支出预算绩效目标表"
    assert notice.signing_body == "石嘴山市人民政府办公室"
    assert notice.date == ""


def test_draft_txt_starts_with_the_mark(renderer: Renderer) -> None:
    department = seed()
    text = renderer.render("txt", build_notice(department, draft=True), department)
    assert text.splitlines()[0].startswith("【草稿】")


class _Cells(html.parser.HTMLParser):
    """Collects table cells with their rowspan, and every <script> element."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, int, str]] = []
        self.scripts = 0
        self._open: tuple[str, int] | None = None
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "script":
            self.scripts += 1
        if tag in ("td", "th"):
            self._open = (tag, int(attrs.get("rowspan", 1)))
            self.cells.append((tag, int(attrs.get("rowspan", 1)), ""))

    def handle_data(self, data):
        if self._open and self.cells:
            tag, span, text = self.cells[-1]
            self.cells[-1] = (tag, span, text + data)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._open = None


def test_html_merges_level1_and_level2_as_rowspans(renderer: Renderer) -> None:
    department = seed()
    page = _Cells()
    page.feed(renderer.render("html", build_notice(department), department))
    first = department.projects[0]
    outputs = sum(1 for i in first.indicators if i.level1 == "1-产出指标")
    quantity = sum(1 for i in first.indicators if i.level2 == "11-数量指标")
    assert ("th", outputs, "1-产出指标") in page.cells
    assert ("th", quantity, "11-数量指标") in page.cells
    assert page.lang == "zh-CN"


def test_html_escapes_markup_from_the_workbook(renderer: Renderer) -> None:
    department = copy.deepcopy(clean_seed())
    department.projects[0].name = "<script>alert('x')</script>项目"
    department.projects[0].indicators[0].name = "<img src=x onerror=alert(1)>"
    text = renderer.render("html", build_notice(department), department)
    page = _Cells()
    page.feed(text)
    assert page.scripts == 0
    assert "<img" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;项目" in text


def test_html_is_self_contained(renderer: Renderer) -> None:
    department = seed()
    text = renderer.render("html", build_notice(department), department)
    for external in ("<link", "src=", "url(", "@import", "http://", "https://"):
        assert external not in text
    assert "@media print" in text


def test_html_draft_has_banner_and_print_mark(renderer: Renderer) -> None:
    department = seed()
    text = renderer.render("html", build_notice(department, draft=True), department)
    assert 'class="draft-banner"' in text
    assert "position: fixed" in text  # repeated on every printed page
    assert "<title>【草稿】" in text
