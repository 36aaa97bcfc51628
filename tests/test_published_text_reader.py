"""Reading the published text layout: the seed, each quirk in its own file, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xlperf.errors import InputError
from xlperf.model.serialize import comparable
from xlperf.sources import read_department
from xlperf.sources.text.decoding import MAX_BYTES
from xlperf.sources.text.reader import parse_text, read_text

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_notice.txt"


@pytest.fixture(scope="module")
def seed():
    return read_text(SEED)


def find(project, name):
    return next(item for item in project.indicators if item.name == name)


def applicable_weight(project):
    return sum(i.weight for i in project.indicators if not i.not_applicable and i.weight)


# -- the seed ---------------------------------------------------------------------


def test_seed_notice_fields(seed):
    assert seed.name == "石嘴山市人民政府办公室"
    assert seed.year == 2024
    assert seed.published == date(2024, 2, 5)
    assert seed.legal_basis == [
        "《中华人民共和国预算法》",
        "《自治区党委 人民政府关于全面实施预算绩效管理的实施意见》（宁党发〔2019〕9号）",
    ]
    assert seed.attachment_title == "2024 年市本级部门项目支出预算绩效目标表"
    assert seed.signing_body == "石嘴山市人民政府办公室"
    assert seed.source == str(SEED)


def test_seed_projects_and_header_fields(seed):
    assert len(seed.projects) == 7
    assert [p.sheet for p in seed.projects] == [None] * 7  # a text has no sheets
    first = seed.projects[0]
    assert first.name == "重点工作专项督查组工作经费"
    assert first.competent_department == "石嘴山市人民政府办公室"
    assert first.implementing_unit == "石嘴山市人民政府办公室"
    assert first.attribute == "0101-一年期项目"
    assert first.term == "1年"
    assert first.division == "01-行政政法科"
    assert first.amount == 10.0
    assert first.goal == "主要用于市政府督查及督查保障工作"
    sixth = seed.projects[5]
    assert sixth.name == "各项业务经费（含政府总值班室、保密档案管理、政策解读及日常工作经费）"
    assert sixth.amount == 76.9
    assert seed.projects[6].amount == 32.5


def test_seed_first_indicator_with_its_line(seed):
    item = seed.projects[0].indicators[0]
    assert (item.level1, item.level2, item.name, item.weight) == (
        "1-产出指标", "11-数量指标", "全年督查不少于 50 次", 20.0)
    assert item.not_applicable is False
    assert item.value is None
    assert item.row == 24  # the line in the file
    assert item.sheet is None and item.cell is None


def test_seed_rows_that_lost_their_leading_tabs(seed):
    sustain = find(seed.projects[0], "不断推动市政府重点工作高质量完成，推动经济社会高质量发展")
    assert (sustain.level1, sustain.level2, sustain.weight) == ("2-效益指标", "24-可持续影响", 4.0)
    cost = find(seed.projects[1], "全市 5 个政府网站和 228 个政务新媒体全年检测费用为 12 万元")
    assert (cost.level1, cost.level2, cost.weight) == ("1-产出指标", "14-成本指标", 10.0)
    upgrade = find(seed.projects[2], "网站改版升级，经初步询价为15万元")
    assert (upgrade.level1, upgrade.level2, upgrade.weight) == ("1-产出指标", "14-成本指标", 6.0)
    assert find(seed.projects[5], "总量成本控制").level2 == "14-成本指标"
    assert find(seed.projects[5], "总量成本控制").weight == 3.0
    # The row after the lost-tab one continues the same 二级 group.
    weibo = seed.projects[2].indicators[seed.projects[2].indicators.index(upgrade) + 2]
    assert weibo.name.startswith("微博") and weibo.level2 == "14-成本指标"


def test_seed_weights_add_up_to_100_except_the_last_project(seed):
    """Every weight, also of the rows that lost tabs, lands on an indicator."""
    assert [applicable_weight(p) for p in seed.projects] == [100] * 6 + [0]


def test_seed_blank_line_inside_a_table_does_not_end_it(seed):
    sixth = seed.projects[5]
    assert len(sixth.indicators) == 38
    economic = [i for i in sixth.indicators if i.level2 == "21-经济效益"]
    assert len(economic) == 1 and economic[0].weight == 0.0 and economic[0].row == 171


def test_seed_not_applicable_rows_with_blank_or_zero_weight(seed):
    first = seed.projects[0]
    na = [i for i in first.indicators if i.not_applicable]
    assert [(i.level2, i.weight) for i in na] == [("21-经济效益", None), ("23-生态效益", None)]
    last = seed.projects[6]
    assert len(last.indicators) == 9
    assert all(i.not_applicable and i.name == "本指标不适用" and i.weight == 0.0
               for i in last.indicators)
    assert last.indicators[-1].level1 == "3-满意度指标"


def test_seed_has_nothing_to_normalise(seed):
    assert seed.normalizations == []


def test_read_department_dispatches_txt_to_the_text_reader(seed):
    assert comparable(read_department(SEED)) == comparable(seed)


# -- encodings and line endings ------------------------------------------------------


def test_gbk_encoded_file_with_crlf():
    dept = read_text(DATA / "gbk_encoded.txt")
    expected = parse_text((DATA / "gbk_encoded.txt").read_bytes().decode("gbk"))
    assert comparable(dept) == comparable(expected)
    assert dept.name == "惠农区教育局"
    assert dept.published == date(2024, 3, 1)
    project = dept.projects[0]
    assert project.implementing_unit == "惠农区第一幼儿园"
    assert project.goal == "按每生每年 1500 元标准补助公办幼儿园在园幼儿保育教育费。"
    assert project.amount == 58.5
    assert [i.weight for i in project.indicators] == [30.0, 20.0, 20.0, 20.0, 10.0]


def test_utf8_bom_and_crlf_leave_no_trace_in_the_text():
    dept = read_text(DATA / "utf8_bom_crlf.txt")
    assert dept.name == "大武口区卫生健康局"
    project = dept.projects[0]
    assert project.name == "基本公共卫生服务项目"
    assert project.amount == 210.0
    assert project.goal == "为辖区常住居民免费提供 12 类基本公共卫生服务。"
    assert project.indicators[-1].name == "居民满意度≥85%"
    assert project.indicators[-1].weight == 10.0


def test_old_mac_cr_line_endings_read_like_lf():
    text = SEED.read_text(encoding="utf-8")
    assert comparable(parse_text(text.replace("\n", "\r"))) == comparable(parse_text(text))


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    assert len(read_text(path).projects) == 7


# -- quirks, one file each ----------------------------------------------------------


def test_fullwidth_digits_and_stray_spaces():
    dept = read_text(DATA / "fullwidth_digits.txt")
    assert dept.year == 2024
    assert dept.published == date(2024, 2, 8)
    assert dept.attachment_title == "２０２４ 年项目支出预算绩效目标表"  # prose kept as written
    project = dept.projects[0]
    assert project.name == "统计调查业务经费"
    assert project.amount == 25.5
    assert project.attribute == "0101-一年期项目"
    rows = [(i.level1, i.level2, i.name, i.weight) for i in project.indicators]
    assert rows == [
        ("1-产出指标", "11-数量指标", "全年开展专项统计调查 ３ 次", 10.0),
        ("1-产出指标", "11-数量指标", "发布统计公报 1 期", 20.0),
        ("1-产出指标", "12-质量指标", "数据差错率低于 1%", 30.0),
        ("2-效益指标", "22-社会效益", "为政府决策提供数据支撑", 30.0),
        ("3-满意度指标", "31-服务对象满意度", "数据使用单位满意度≥90%", 10.0),
    ]


def test_repairs_are_recorded_for_rule_t001_with_their_line():
    dept = read_text(DATA / "fullwidth_digits.txt")
    repairs = {(n.kind, n.original, n.row) for n in dept.normalizations}
    assert ("fullwidth", "１０", 22) in repairs
    assert ("fullwidth", "２５．５", 19) in repairs
    assert ("hyphen", "22—社会效益", 25) in repairs
    assert ("space", " 20 ", 23) in repairs
    assert ("space", " 统计调查业务经费 ", 16) in repairs
    assert {n.project for n in dept.normalizations} == {"统计调查业务经费"}
    assert all(n.sheet is None and n.cell is None for n in dept.normalizations)


def test_lost_leading_tabs_are_placed_by_content():
    project = read_text(DATA / "lost_leading_tabs.txt").projects[0]
    rows = [(i.level1, i.level2, i.name, i.weight) for i in project.indicators]
    assert rows == [
        ("1-产出指标", "11-数量指标", "保障驻村工作队 12 支", 10.0),
        # starts with "1-2": a 三级 name, not a 一级 label
        ("1-产出指标", "11-数量指标", "1-2 名驻村干部生活补助按月发放", 10.0),
        ("1-产出指标", "13-时效指标", "每月 10 日前发放补助", 10.0),
        ("1-产出指标", "14-成本指标", "每人每天生活补助不高于 80 元", 10.0),
        ("1-产出指标", "14-成本指标", "驻村工作队办公经费每队 1 万元", 10.0),
        ("1-产出指标", "14-成本指标", "慰问困难群众支出不高于 2 万元", 10.0),
        ("2-效益指标", "22-社会效益", "帮助村集体经济年收入增长 10%", 20.0),
        ("2-效益指标", "24-可持续影响", "建立驻村帮扶长效机制", 10.0),
        ("3-满意度指标", "31-服务对象满意度", "群众满意度≥90%", 10.0),
    ]


def test_blank_lines_in_and_between_tables():
    dept = read_text(DATA / "blank_lines_in_table.txt")
    assert [p.name for p in dept.projects] == ["城市道路清扫保洁", "公厕运行维护"]
    first, second = dept.projects
    assert first.division == "02-市容环卫科" and first.amount == 300.0
    assert first.goal == "保障主城区道路清扫保洁。"
    assert [i.weight for i in first.indicators] == [30.0, 20.0, 20.0, 20.0, 10.0]
    assert first.indicators[1].level2 == "11-数量指标"
    assert [i.name for i in second.indicators] == [
        "维护公厕 120 座", "公厕全年正常开放", "市民满意度≥85%"]


def test_values_that_are_not_numbers_are_kept_as_text():
    department = read_text(DATA / "value_not_number.txt")
    first, second = department.projects
    assert first.amount == 10.0  # 10万元: the unit is read, and the reading is reported
    assert ("unit", "10万元") in {(n.kind, n.original) for n in department.normalizations}
    assert second.amount == "待定"
    assert [i.weight for i in first.indicators] == ["待定", "二十", 30.0, 10.0]
    assert second.indicators[-1].not_applicable and second.indicators[-1].weight is None


def test_indicator_value_column_is_mapped_by_its_header():
    project = read_text(DATA / "with_indicator_value_column.txt").projects[0]
    rows = [(i.level2, i.name, i.value, i.weight) for i in project.indicators]
    assert rows == [
        ("11-数量指标", "定量检测批次", "≥800 批次", 30.0),
        ("11-数量指标", "快速检测批次", "≥5000 批次", 20.0),
        ("12-质量指标", "检测合格率", "≥98%", None),
        ("14-成本指标", "每批次定量检测费用", "≤200 元", 10.0),
        ("22-社会效益", "不发生重大农产品质量安全事件", "0 起", 20.0),
        ("24-可持续影响", "农产品质量安全追溯体系覆盖率", "≥60%", 10.0),  # lost its tab
        ("31-服务对象满意度", "消费者满意度", "≥90%", 10.0),
    ]


def test_amounts_declared_in_yuan_become_wan_yuan():
    assert read_text(DATA / "amounts_in_yuan.txt").projects[0].amount == 15.0


def test_another_department_as_a_new_user_would_bring_it():
    """Different office: wrapped body, salutation, 汉字 date, page breaks, 4 framework levels."""
    dept = read_text(DATA / "another_department.txt")
    assert dept.name == "平罗县农业农村局"
    assert dept.year == 2025
    assert dept.published == date(2025, 1, 20)
    assert dept.signing_body == "平罗县农业农村局"
    assert dept.attachment_title == "平罗县农业农村局2025年项目支出预算绩效目标表"
    assert dept.legal_basis == [
        "《中华人民共和国预算法》",
        "《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）",
        "《平罗县县级预算绩效管理办法》（平政办发〔2022〕15号）",
    ]
    farmland, toilets, vaccines = dept.projects
    assert farmland.term == "长期" and farmland.amount == 128.35
    assert farmland.implementing_unit == "平罗县农田建设服务中心"
    assert farmland.goal == ("对全县已建成的高标准农田开展日常管护，\n"
                             "确保灌排设施完好率达到 95% 以上，\n保障粮食稳产增产。")
    # the table goes on after a page number and a repeated heading; the note ends it
    assert len(farmland.indicators) == 10
    social = find(farmland, "保障项目区群众灌溉用水")
    assert (social.level1, social.level2, social.weight) == ("2-效益指标", "22-社会效益", 10.0)
    na = find(farmland, "本指标不适用此项目")
    assert na.not_applicable and na.weight is None
    assert find(farmland, "建立长效管护机制").weight is None
    assert find(farmland, "每亩管护成本不高于 10 元").level2 == "14-成本指标"
    assert toilets.amount == "待定" and toilets.attribute == "0102-多年期项目"
    cost = find(vaccines, "疫苗及耗材费用不高于 40 万元")
    assert (cost.level1, cost.level2) == ("4-成本指标", "41-经济成本")
    assert vaccines.amount == 46.8


def test_a_title_line_gives_the_year_but_never_the_department():
    """A notice title is not a department line: the department is left for 部门信息 to ask."""
    text = ("石嘴山市民政局2024年项目支出绩效目标\n\n部门项目支出预算绩效目标表\n"
            "项目名称\t低保资金\t\t\n一级指标\t二级指标\t三级指标\t绩效值\n"
            "1-产出指标\t11-数量指标\t保障 3000 人\t100\n")
    dept = parse_text(text)
    assert (dept.name, dept.year) == ("", 2024)


TABLE = ("部门项目支出预算绩效目标表\n项目名称\t低保资金\t\t\n"
         "一级指标\t二级指标\t三级指标\t绩效值\n1-产出指标\t11-数量指标\t保障 3000 人\t100\n")


def test_further_attachments_are_a_note_and_the_signature_below_them_is_read():
    """附件：1.… / 2.…表: the second item is the notice's, not the first table's title —
    before, the table started there and the signer and date under it were dropped unsaid."""
    text = ("某县财政局\n2024年项目支出绩效目标公开\n根据《中华人民共和国预算法》要求，现将2024年"
            "项目支出绩效目标予以公开。\n附件：1.项目支出绩效目标表\n"
            "      2.部门整体支出绩效目标表\n\n某县财政局\n2024年1月20日\n\n" + TABLE)
    dept = parse_text(text)
    assert (dept.signing_body, dept.published) == ("某县财政局", date(2024, 1, 20))
    assert dept.attachment_title == "1.项目支出绩效目标表"
    assert [(n.text, n.row) for n in dept.notes] == [("2.部门整体支出绩效目标表", 5)]
    assert "其他附件" in dept.notes[0].reason
    assert [p.name for p in dept.projects] == ["低保资金"]


def test_a_web_pages_date_and_furniture_copied_with_the_notice():
    """Copied from a government site: 发布时间/来源 and 【打印】 lines are no department, and
    the date written 2024-01-20 is the notice's date."""
    text = ("发布时间：2024-01-20 10:32 来源：某县财政局 浏览次数：35\n【字体：大 中 小】\n"
            "某县财政局\n2024年项目支出绩效目标公开\n根据《中华人民共和国预算法》要求，现将2024年"
            "项目支出绩效目标予以公开。\n某县财政局\n2024-01-20\n" + TABLE)
    dept = parse_text(text)
    assert (dept.name, dept.signing_body) == ("某县财政局", "某县财政局")
    assert dept.published == date(2024, 1, 20)
    assert not dept.notes


@pytest.mark.parametrize("crumb", ["首页 > 信息公开 > 预算公开", "当前位置：首页 > 财政预决算",
                                   "您现在的位置: 首页 » 通知公告"])
def test_a_web_pages_breadcrumb_is_never_the_department(crumb):
    """A notice copied from a web page starts with the site's breadcrumb. Before (2026-12-03,
    session 8) it was read as the department's name (“首页 > 信息公开 > 预算公开”)."""
    text = (f"{crumb}\n石嘴山市民政局\n2024年项目支出预算绩效目标\n部门项目支出预算绩效目标表\n"
            "项目名称\t低保资金\t\t\n一级指标\t二级指标\t三级指标\t绩效值\n"
            "1-产出指标\t11-数量指标\t保障 3000 人\t100\n")
    assert parse_text(text).name == "石嘴山市民政局"


LAID_OUT = """部门项目支出预算绩效目标表
项目名称        学生资助专项经费
主管部门        某区教育局          实施单位        某区第一中学
项目年度金额    200
年度总体绩效目标  资助家庭经济困难学生不少于 3000 人次
一级指标        二级指标            三级指标                          绩效值
1-产出指标      11-数量指标         资助学生不少于 3000 人次          30
                13-时效指标         资助资金按学期及时发放            20
                14-成本指标         资助资金不超过 200 万元           10
2-效益指标      22-社会效益         保障学生顺利完成学业              30
3-满意度指标    31-服务对象满意度   受助学生满意度≥90%                10
"""


def test_a_pdf_text_laid_out_with_spaces_is_read_at_its_wide_gaps():
    """``pdftotext -layout`` (and a PDF viewer's copy) spaces the cells out instead of tabs.
    Before (2026-12-03, session 8) it was refused (表格的单元格连在了一起…); a cell's own
    words stay one space apart."""
    department = parse_text(LAID_OUT)
    (project,) = department.projects
    assert (project.name, project.implementing_unit, project.amount) == (
        "学生资助专项经费", "某区第一中学", 200.0)
    assert [(i.level1, i.level2, i.name, i.weight) for i in project.indicators][:2] == [
        ("1-产出指标", "11-数量指标", "资助学生不少于 3000 人次", 30.0),
        ("1-产出指标", "13-时效指标", "资助资金按学期及时发放", 20.0)]
    assert [i.weight for i in project.indicators] == [30.0, 20.0, 10.0, 30.0, 10.0]
    assert project.notes == []


def test_a_pdf_text_laid_out_in_narrow_columns_is_still_refused():
    """Narrow columns wrap each cell onto lines of its own: read at the gaps, most rows
    would be fragments, so the text is refused as before, saying how to copy it again."""
    text = LAID_OUT.replace("资助资金按学期及时发放            20",
                            "资助资金按学期及  20\n                                    时发放")
    text = text.replace("保障学生顺利完成学业              30",
                        "保障学生顺利完  30\n                                    成学业")
    with pytest.raises(InputError, match="连在了一起"):
        parse_text(text)


def test_heading_and_unit_on_one_line_end_the_table_above():
    text = ("部门项目支出预算绩效目标表  单位：万元\n项目名称\t甲\t\t\n"
            "一级指标\t二级指标\t三级指标\t绩效值\n1-产出指标\t11-数量指标\t完成 1 项\t100\n"
            "部门项目支出预算绩效目标表\t\t\t（单位：元）\n项目名称\t乙\t\t\n项目年度金额\t20000\t\t\n"
            "一级指标\t二级指标\t三级指标\t绩效值\n1-产出指标\t11-数量指标\t完成 2 项\t100\n")
    first, second = parse_text(text).projects
    assert [i.name for i in first.indicators] == ["完成 1 项"]
    assert second.amount == 2.0


def test_header_labels_with_units_and_aliases():
    text = ("项目名称\t路灯维护\t\t\n主管单位\t某局\t项目实施单位\t某中心\n"
            "项目属性\t0101-一年期项目\t实施期限\t1年\n"
            "主管科室\t02-科\t项目年度金额（万元）\t８\n年度绩效目标\t维护路灯\t\t\n"
            "一级指标\t二级指标\t三级指标\t权重（分）\n1-产出指标\t11-数量指标\t维护 500 盏\t100\n")
    project = parse_text(text).projects[0]
    assert (project.competent_department, project.implementing_unit) == ("某局", "某中心")
    assert (project.term, project.division, project.amount) == ("1年", "02-科", 8.0)
    assert project.goal == "维护路灯"
    assert project.indicators[0].weight == 100.0


def test_central_form_amount_block_and_title_without_a_department():
    """The central form's 项目资金 block (group label, 年度资金总额, 其中 rows); a title that
    names no department (关于公开…的说明) leaves the name blank rather than 关于公开."""
    text = ("关于公开2025年项目支出绩效目标的说明\n\n项目支出绩效目标表\n单位：万元\n"
            "项目名称\t社区养老服务补助\n主管部门及代码\t民政局 101\t实施单位\t民政局\n"
            "项目资金（万元）\t年度资金总额\t120\n\t其中：财政拨款\t100\n\t其他资金\t20\n"
            "年度总体目标\t为老人提供居家养老服务\n其中，助餐服务覆盖全部社区\n"
            "一级指标\t二级指标\t三级指标\t指标值\t分值\n"
            "产出指标\t数量指标\t服务老人人数\t≥2000人\t70\n"
            "效益指标\t社会效益指标\t老年人生活质量\t明显提高\t30\n")
    dept = parse_text(text)
    assert (dept.name, dept.year) == ("", 2025)
    project = dept.projects[0]
    assert (project.competent_department, project.amount) == ("民政局 101", 120.0)
    assert project.goal == "为老人提供居家养老服务\n其中，助餐服务覆盖全部社区"
    assert [(i.name, i.value, i.weight) for i in project.indicators] == [
        ("服务老人人数", "≥2000人", 70.0), ("老年人生活质量", "明显提高", 30.0)]


def test_labels_written_with_their_value_in_one_cell():
    text = ("项目名称：社区养老服务补助\n主管部门：民政局\t实施单位：养老服务中心\n"
            "项目年度金额：120\n年度总体绩效目标：为老人提供居家养老服务\n"
            "一级指标\t二级指标\t三级指标\t绩效值\n"
            "1-产出指标\t11-数量指标\t服务老人不少于 2000 人\t100\n")
    (project,) = parse_text(text).projects
    assert (project.name, project.competent_department, project.implementing_unit) == (
        "社区养老服务补助", "民政局", "养老服务中心")
    assert (project.amount, project.goal) == (120.0, "为老人提供居家养老服务")
    assert [i.weight for i in project.indicators] == [100.0]


def test_a_label_ending_in_a_colon_with_its_value_on_the_next_lines():
    text = ("项目名称：社区养老\n年度总体绩效目标：\n为老人提供服务，\n覆盖全部社区。\n"
            "一级指标\t二级指标\t三级指标\t绩效值\n1-产出指标\t11-数量指标\t服务 2000 人\t100\n")
    (project,) = parse_text(text).projects
    assert project.name == "社区养老"
    assert project.goal == "为老人提供服务，\n覆盖全部社区。"


def test_a_row_that_lost_its_tabs_is_placed_by_a_central_form_level_name():
    text = ("项目名称\t社区养老\n一级指标\t二级指标\t三级指标\t绩效值\n"
            "产出指标\t数量指标\t服务老人不少于 2000 人\t70\n"
            "社会效益指标\t老年人生活质量明显提高\t30\n")
    (project,) = parse_text(text).projects
    last = project.indicators[-1]
    assert (last.level1, last.level2, last.name, last.weight) == (
        "产出指标", "社会效益指标", "老年人生活质量明显提高", 30.0)


@pytest.mark.parametrize("title", [
    "关于公开平罗县民政局2025年项目支出绩效目标的说明",
    "关于下达2025年项目资金的通知",
    "绩效目标表",
    "2023年项目支出绩效目标申报表",
])
def test_a_form_or_notice_title_is_never_the_department(title):
    text = (f"{title}\n\n项目名称\t低保资金\n"
            "一级指标\t二级指标\t三级指标\t绩效值\n1-产出指标\t11-数量指标\t保障 3000 人\t100\n")
    department = parse_text(text)
    assert department.name == "" and department.signing_body == ""
    assert department.disclosure == ""


# -- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "words"), [
    ("not_a_notice.txt", "项目名称"),
    ("binary_garbage.txt", "不是文本文件"),
    ("unknown_encoding.txt", "GB18030"),
    ("empty.txt", "空"),
])
def test_bad_files_are_refused_with_a_chinese_message_naming_the_file(name, words):
    with pytest.raises(InputError) as caught:
        read_text(DATA / name)
    message = caught.value.describe()
    assert name in message and words in message
    assert "\n" not in message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="文件夹"):
        read_text(tmp_path)


def test_files_that_are_something_else(tmp_path):
    pdf = tmp_path / "公告.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(InputError, match="PDF"):
        read_text(pdf)
    xlsx = tmp_path / "book.txt"
    xlsx.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(InputError, match="Excel"):
        read_text(xlsx)


def test_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no 50 MB written
    with pytest.raises(InputError, match="上限"):
        read_text(path)


def test_invalid_signing_date_names_its_line():
    text = SEED.read_text(encoding="utf-8").replace("2024 年 2 月 5 日", "2024 年 2 月 30 日")
    with pytest.raises(InputError, match="第 12 行"):
        parse_text(text, source="x.txt")


def test_notice_without_tables_is_refused():
    with pytest.raises(InputError, match="项目名称"):
        parse_text("\n".join(SEED.read_text(encoding="utf-8").split("\n")[:13]))  # notice only


def test_chinese_brackets_in_a_level_label_are_no_repair():
    """产出指标（50分） is how Chinese is written: T001 said it repaired “全角数字或符号” on
    every such row. Full-width digits in a label still are a repair."""
    text = ("项目名称\t技能培训\n一级指标\t二级指标\t三级指标\t指标值\t分值\n"
            "产出指标（50分）\t数量指标\t培训人次\t≥500人次\t50\n"
            "效益指标（５０分）\t社会效益指标\t就业率\t≥60%\t50\n")
    dept = parse_text(text)
    assert [i.level1 for i in dept.projects[0].indicators] == ["产出指标(50分)",
                                                                "效益指标(50分)"]
    assert [(n.kind, n.original) for n in dept.normalizations] == [
        ("fullwidth", "效益指标（５０分）")]
