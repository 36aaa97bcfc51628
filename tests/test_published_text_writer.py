"""Writing the published text layout, and the round trip text -> model -> text -> model."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlperf.model import Department, Indicator, Project, notice_words
from xlperf.model.framework import bundled_frameworks, load_framework
from xlperf.model.serialize import comparable
from xlperf.model.text import parse_number
from xlperf.model.vocabulary import is_not_applicable, is_page_links, vocabulary
from xlperf.reader.notice import squeeze
from xlperf.sources.text.reader import parse_text, read_text
from xlperf.writers.text import disclosure_sentence, format_tables, format_text
from xlperf.writers.workbook.layout import COLUMN_LABELS, PROJECT_ATTRIBUTES

HEADER_ALIASES = vocabulary().header_fields
COLUMN_ALIASES = vocabulary().columns

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_notice.txt"
READABLE = sorted(
    path.name for path in DATA.glob("*.txt")
    if path.name not in {"not_a_notice.txt", "binary_garbage.txt", "unknown_encoding.txt",
                         "empty.txt"}
)

# The seed's rows that lost their leading tabs, and how a well-formed table writes them.
REPAIRED = {
    "24-可持续影响\t不断推动市政府重点工作高质量完成，推动经济社会高质量发展\t4\t":
        "\t24-可持续影响\t不断推动市政府重点工作高质量完成，推动经济社会高质量发展\t4",
    "14-成本指标\t全市 5 个政府网站和 228 个政务新媒体全年检测费用为 12 万元\t10\t":
        "\t14-成本指标\t全市 5 个政府网站和 228 个政务新媒体全年检测费用为 12 万元\t10",
    "网站改版升级，经初步询价为15万元\t\t6\t": "\t\t网站改版升级，经初步询价为15万元\t6",
    "网站技术运维2万元/年\t\t6\t": "\t\t网站技术运维2万元/年\t6",
    "值班系统设备维护费\t\t3\t": "\t\t值班系统设备维护费\t3",
    "总量成本控制\t\t3\t": "\t\t总量成本控制\t3",
    "自觉把做好新形势下值班工作与中央、自治区工作全局联系起来，统筹开展值班工作，提高服务保障能力，"
    "为全市经济社会高质量发展保驾护航\t\t2\t":
        "\t\t自觉把做好新形势下值班工作与中央、自治区工作全局联系起来，统筹开展值班工作，提高服务保障能力，"
        "为全市经济社会高质量发展保驾护航\t2",
}


def nonblank(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_export_of_the_seed_is_the_seed_with_its_lost_tabs_repaired():
    """Line for line, the export is the published text, minus PDF damage."""
    expected = [REPAIRED.get(line, line) for line in nonblank(SEED.read_text(encoding="utf-8"))]
    assert nonblank(format_text(read_text(SEED))) == expected


def test_blank_weight_stays_blank_and_amounts_keep_two_decimals():
    lines = format_tables(read_text(SEED)).split("\n")
    assert "2-效益指标\t21-经济效益\t本指标不适用\t" in lines  # seed project 1: blank weight
    assert "项目主管处室\t01-行政政法科\t项目年度金额\t76.90" in lines
    assert lines.count("部门项目支出预算绩效目标表") == 7
    assert "石嘴山市人民政府办公室" not in lines  # tables only, no notice


def test_notice_part_in_the_seed_shape():
    lines = format_text(read_text(SEED)).split("\n")
    assert lines[:12] == [
        "石嘴山市人民政府办公室", "",
        "2024 年项目支出预算绩效目标", "",
        "根据《中华人民共和国预算法》《自治区党委 人民政府关于全面实施预算绩效管理的实施意见》"
        "（宁党发〔2019〕9号）有关要求，"
        "现将石嘴山市人民政府办公室 2024 年项目支出预算绩效目标予以公开。", "",
        "附件：2024 年市本级部门项目支出预算绩效目标表", "",
        "石嘴山市人民政府办公室", "2024 年 2 月 5 日", "",
        "部门项目支出预算绩效目标表",
    ]


@pytest.mark.parametrize("name", READABLE)
def test_round_trip_of_every_sample(name):
    original = read_text(DATA / name)
    again = parse_text(format_text(original))
    assert comparable(again) == comparable(original)
    assert again.normalizations == []  # the export is clean text
    assert format_text(again) == format_text(original)


def test_value_column_only_where_a_project_has_values():
    dept = read_text(DATA / "with_indicator_value_column.txt")
    text = format_tables(dept)
    assert "一级指标\t二级指标\t三级指标\t绩效值\t指标值" in text
    assert "\t\t快速检测批次\t20\t≥5000 批次" in text
    assert "一级指标\t二级指标\t三级指标\t绩效值\n" in format_tables(read_text(SEED))


def test_amount_with_more_precision_than_published_is_not_rounded():
    project = Project(name="小额项目", amount=12.3456,
                      indicators=[Indicator("1-产出指标", "11-数量指标", "完成 1 项", 100.0)])
    text = format_tables(Department(projects=[project]))
    assert "项目年度金额\t12.3456" in text
    assert parse_text(text).projects[0].amount == 12.3456


def test_tabs_and_line_breaks_inside_cells():
    project = Project(name="名称\t含制表符", goal="第一行\n第二行",
                      indicators=[Indicator("1-产出指标", "11-数量指标", "跨\n行", 100.0)])
    back = parse_text(format_tables(Department(projects=[project]))).projects[0]
    assert back.name == "名称 含制表符"
    assert back.goal == "第一行\n第二行"  # the goal keeps its lines
    assert back.indicators[0].name == "跨 行"


# -- property: any department survives format_text -> parse_text ------------------------

FRAMEWORK = load_framework("standard")
LEVELS = [(l1.label, l2.label) for l1 in FRAMEWORK.level1 for l2 in l1.children]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
INNER = st.one_of(CJK, st.sampled_from(list("，。、；：“”《》（）%≥≤·/.-+ 0123456789ABCxyz")))


# The layout has no escaping: a cell that reads like its structure is read as that
# structure (docs/published-text.md, "Reserved phrases"), so generated text avoids
# these — and only these — phrases.
RESERVED_INSIDE = ("绩效目标", "予以公开", "公开如下", "单位：")
RESERVED_START = ("根据", "按照", "依据", "现将", "附件", "注", "备注", "说明", "本指标不适用")
RESERVED_CELLS = frozenset(
    [label for labels in HEADER_ALIASES.values() for label in labels]
    + [label for field, label in COLUMN_LABELS.items()]
    + [alias for aliases in COLUMN_ALIASES.values() for alias in aliases]
    + [text for name in bundled_frameworks() for l1 in load_framework(name).level1
       for level in (l1, *l1.children) for text in (level.name, level.label)]
)


def ordinary(text: str) -> bool:
    return (not any(word in text for word in RESERVED_INSIDE)
            and not text.startswith(RESERVED_START) and text.replace(" ", "") not in RESERVED_CELLS)


def prose(max_size: int = 24) -> st.SearchStrategy[str]:
    """Text as a user writes it: starts with a Chinese character, no tabs or line breaks."""
    return st.builds(lambda head, tail: (head + tail).rstrip(), CJK,
                     st.text(INNER, max_size=max_size)).filter(ordinary)


def not_a_title(text: str) -> bool:
    """A notice line the reader takes for a title or for a web page's furniture (公告, 说明,
    a year, 关于…, 来源：…) is one: a department's name or signer never reads so."""
    key = squeeze(text)
    return not (notice_words.TITLE_WORDS.search(key) or notice_words.PAGE_CHROME.match(key)
                or notice_words.BREADCRUMB.match(key) or is_page_links(key))


def notice_line(max_size: int) -> st.SearchStrategy[str]:
    return prose(max_size).filter(not_a_title)


def not_a_number(text: str) -> bool:
    return isinstance(parse_number(text)[0], str)


coded_level1 = st.builds(lambda code, name: f"{code}-{name}指标",
                         st.integers(4, 9), st.text(CJK, min_size=1, max_size=6))
coded_level2 = st.builds(lambda code, name: f"{code}-{name}效益",
                         st.integers(40, 99), st.text(CJK, min_size=1, max_size=6))
levels = st.one_of(st.sampled_from(LEVELS), st.tuples(coded_level1, coded_level2))
weights = st.one_of(st.none(), st.integers(0, 200).map(lambda n: n / 2),
                    prose(6).filter(not_a_number))
amounts = st.one_of(st.none(), st.integers(0, 10**7).map(lambda n: n / 100),
                    prose(6).filter(not_a_number))


@st.composite
def indicators(draw, with_values: bool) -> Indicator:
    level1, level2 = draw(levels)
    if draw(st.booleans()) and draw(st.booleans()):
        return Indicator(level1, level2, "本指标不适用", draw(st.sampled_from([None, 0.0])),
                         not_applicable=True)
    value = draw(st.one_of(st.none(), prose(10))) if with_values else None
    name = draw(prose())
    return Indicator(level1, level2, name, draw(weights), value=value,
                     not_applicable=is_not_applicable(name))  # 无 alone does not apply


@st.composite
def projects(draw) -> Project:
    goal_lines = draw(st.lists(prose(40), min_size=1, max_size=3))
    return Project(
        name=draw(prose()),
        competent_department=draw(st.one_of(st.just(""), prose(12))),
        implementing_unit=draw(st.one_of(st.just(""), prose(12))),
        attribute=draw(st.sampled_from(("", *PROJECT_ATTRIBUTES))),
        term=draw(st.sampled_from(["", "1年", "3年", "长期"])),
        division=draw(st.one_of(st.just(""), prose(8))),
        amount=draw(amounts),
        goal="\n".join(goal_lines),
        indicators=draw(st.lists(indicators(draw(st.booleans())), min_size=1, max_size=12)),
    )


legal_item = st.builds(
    lambda title, number: f"《{title}》" + (f"（{number}）" if number else ""),
    st.text(st.one_of(CJK, st.just(" ")), min_size=1, max_size=20).map(str.strip).filter(bool),
    st.one_of(st.just(""), st.text(st.one_of(CJK, st.sampled_from("〔〕0123456789号")),
                                   min_size=1, max_size=12)),
)

def published(department: Department, with_notice: bool) -> Department:
    """A published text has its notice (the disclosure sentence xlperf writes), or is a bare
    table with no notice fields at all."""
    if with_notice:
        department.disclosure = disclosure_sentence(department)
    else:
        department = replace(department, name="", year=None, published=None, legal_basis=[],
                             attachment_title="", signing_body="")
    return department


bare_departments = st.builds(
    Department,
    name=notice_line(16),
    year=st.one_of(st.none(), st.integers(2000, 2099)),
    published=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2099, 12, 31))),
    # Distinct names: a table whose 项目名称 (and header) the next one repeats is that table
    # continued on a new page (docs/layouts.md); two projects of one name are H004's case.
    projects=st.lists(projects(), min_size=1, max_size=4, unique_by=lambda p: p.name),
    legal_basis=st.lists(legal_item, max_size=3),
    attachment_title=st.one_of(st.just(""), prose(20)),
    signing_body=st.one_of(st.just(""), notice_line(16)),
)
departments = st.builds(published, bare_departments, st.booleans())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(departments)
def test_any_department_round_trips_through_the_text_layout(department):
    again = parse_text(format_text(department))
    assert comparable(again) == comparable(department)


def test_signer_ending_in_a_colon_is_not_mistaken_for_a_salutation():
    # Found by hypothesis in CI: a colon line after the body is the signer, only
    # colon lines before the body are salutations (各有关单位：).
    department = Department(
        name="一", signing_body="一：", disclosure="现将一项目支出预算绩效目标予以公开。",
        projects=[Project(name="一", goal="一", indicators=[
            Indicator(level1="1-产出指标", level2="11-数量指标", name="一")])],
    )
    assert parse_text(format_text(department)).signing_body == "一："


def test_a_goal_line_ending_in_a_form_title_stays_in_the_goal():
    # Found by hypothesis in CI: a goal's second line "一绩效自评表" was taken for the title of
    # a self-evaluation table, so the goal table came back as one with scores.
    department = Department(projects=[Project(name="一", goal="一\n一绩效自评表", indicators=[
        Indicator(level1="1-产出指标", level2="11-数量指标", name="一", weight=0.0)])])
    again = parse_text(format_text(department))
    assert again.projects[0].goal == "一\n一绩效自评表"
    assert again.projects[0].layout != "self_evaluation"
    assert again.projects[0].indicators[0].score is None


def test_an_indicator_without_a_weight_round_trips_beside_one_with_a_long_name():
    """The line xlperf writes for it (``⇥⇥督查通报⇥``) is a row of its own, never a wrapped
    tail of the 三级 above (docs/layouts.md, 2026-12-03, session 8)."""
    rows = [("1-产出指标", "11-数量指标", "全年督查不少于50次", 10.0),
            ("1-产出指标", "11-数量指标", "督查通报", None),
            ("2-效益指标", "22-社会效益", "推动工作落实", 90.0)]
    indicators = [Indicator(level1=a, level2=b, name=c, weight=w) for a, b, c, w in rows]
    department = Department(name="某局", projects=[Project(name="甲", goal="督查工作",
                                                         indicators=indicators)])
    again = parse_text(format_text(department))
    assert [(i.name, i.weight) for i in again.projects[0].indicators] == [
        ("全年督查不少于50次", 10.0), ("督查通报", None), ("推动工作落实", 90.0)]
