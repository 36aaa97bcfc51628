"""Goal tables as a reviewer gets them from a PDF: the text a viewer or pdftotext extracts.

Each text here is how a table printed to PDF (LibreOffice, from a workbook with wrapped
cells) comes out of the extraction: cells cut over lines where they wrapped, a label
merged over two cells kept as a cell and an empty one, merged 一级/二级 labels printed in
the middle of their rows. The expected readings are written from the tables.
"""

from __future__ import annotations

import pytest

from xlperf.errors import InputError
from xlperf.sources.text.reader import parse_text

# A 绩效目标自评表 whose labels are merged over two cells (A:B), copied cell by cell.
SELF_EVALUATION = (
    "项目支出绩效自评表(2023年度)\n"
    "\t\t\t\t\t\t\t单位：元\n"
    "项目名称\t\t农村公路养护项目\t\t项目负责人及电话\t\t张三 13800000000\t\n"
    "主管部门\t\t某县交通运输局\t\t实施单位\t\t某县公路养护中心\t\n"
    "资金情况(元)\t\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分\t\n"
    "年度资金总额:\t\t2,560,000.00\t2,432,000.00\t10\t95.00%\t9.5\t\n"
    "年度总体目标\t\t年初设定目标\t\t\t年度总体目标完成情况综述\t\t\n"
    "\t\t完成农村公路养护120公里\t\t\t完成养护126公里\t\t\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t分值\t年度指标值\t全年实际值\t得分\n"
    "\t产出指标(60分)\t数量指标\t完成道路养护里程\t60\t≥120公里\t126公里\t60\n"
    "\t效益指标(30分)\t社会效益指标\t群众出行条件改善情况\t30\t明显改善\t明显改善\t28\n"
    "总分\t\t\t\t100\t\t\t98\n")


def test_a_self_evaluation_funds_line_merged_over_two_cells_gives_the_amount():
    """`年度资金总额:⇥⇥2,560,000.00⇥…` under `资金情况(元)⇥⇥全年预算数(A)⇥…`: the line keeps
    the merged label's empty cell as the header row does, so the amount is the number under
    全年预算数, in 元. Before, the reader counted one cell after the label, found the empty
    one, and the amount was lost without a word (H002 on a table that has it)."""
    (project,) = parse_text(SELF_EVALUATION).projects
    assert project.amount == pytest.approx(256.0)
    assert [(i.name, i.weight) for i in project.indicators] == [
        ("完成道路养护里程", 60.0), ("群众出行条件改善情况", 30.0)]


def test_a_browser_copy_of_the_funds_line_still_counts_cells_after_its_label():
    """A browser copy leaves a merged 项目资金 cell out of the lines below it: those are
    shorter than the header row, and the amount is found by its order, as before."""
    text = ("项目名称\t某项目\n"
            "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
            "年度资金总额\t80\t100\t96\t10\t96%\t9.6\n"
            "一级指标\t二级指标\t三级指标\t分值\t年度指标值\t全年实际值\t得分\n"
            "产出指标\t数量指标\t培训人数\t90\t≥100人\t120人\t90\n")
    (project,) = parse_text(text).projects
    assert project.amount == 100.0


def test_a_funds_line_with_nothing_under_the_budget_column_is_a_note():
    """Numbers beside 年度资金总额 but none under 全年预算数: which one is the amount cannot
    be told, so the line is a reading note with its line, never a guess (before: dropped
    without a word)."""
    text = SELF_EVALUATION.replace("年度资金总额:\t\t2,560,000.00\t", "年度资金总额:\t\t\t")
    (project,) = parse_text(text).projects
    assert project.amount is None
    (note,) = [n for n in project.notes if "预算数" in n.reason]
    assert note.row == 6
    assert "2,432,000.00" in note.text


# ``pdftotext -layout`` of a seed-form table whose merged 一级/二级 cells are vertically
# centred (as offices format them): each label is printed amid the rows it labels.
CENTRED = """部门项目支出预算绩效目标表
项目名称        学生资助专项经费
项目年度金额    200
一级指标        二级指标            三级指标                          绩效值
                                    资助学生不少于 3000 人次          30
1-产出指标      11-数量指标
                                    资助资金按学期及时发放            20
2-效益指标      22-社会效益         保障学生顺利完成学业              40
3-满意度指标    31-服务对象满意度   受助学生满意度≥90%                10
"""


def test_a_spaced_pdf_text_with_labels_amid_their_rows_is_refused():
    """Laid out with spaces, `1-产出指标 11-数量指标` on a line of its own between two rows
    labels both — but nothing in the text says which rows; read at the gaps, the first row
    had no 一级 and 二级 (S001, S002) and a label carried down could give others the wrong
    one. Such a text is refused saying how to copy it again (before: read with the
    levels wrong)."""
    with pytest.raises(InputError, match="连在了一起"):
        parse_text(CENTRED)


TWO_LEVEL_SPACED = """2022年市直部门预算项目支出绩效目标表
项目名称        市第三中学校舍维修改造                 项目类别        本级支出项目
绩效目标        完成校舍维修改造3000平方米，更新课桌椅600套
一级指标        二级指标                        绩效标准        当年预期实现值
数量指标        维修改造校舍面积                    计划标准        ≥3,000平方米
数量指标        更新课桌椅数量                     计划标准        600套
时效指标        项目完工时间                      计划标准        2022年8月31日前
经济成本指标      每平方米维修成本                    行业标准        ≤800元
            改善学生学习生活条件，消除校舍安全隐患，保障正常教
效益指标                                  其他标准          明显改善
            学秩序
满意度指标       师生满意度                       计划标准        ≥90%
"""


def test_a_spaced_pdf_text_with_a_wrapped_indicator_cut_around_its_row_is_refused():
    """A wrapped indicator centred in its row (a two-level table, `pdftotext -layout`): its
    first line above the row, its last below, the row holding the category, the standard
    and the value. Read at the gaps, `改善学生学习生活条件…` was an indicator under 经济成本指标,
    `其他标准` the 效益指标's name and `学秩序` one more indicator; now refused."""
    with pytest.raises(InputError, match="连在了一起"):
        parse_text(TWO_LEVEL_SPACED)


def test_a_spaced_pdf_text_with_a_level_row_under_its_own_levels_is_still_read():
    """A 二级 listed on its own (no indicators) under a row carrying its own levels is a row
    of levels, as before: the text is read."""
    text = """项目名称        学生资助专项经费
一级指标        二级指标            三级指标                          绩效值
1-产出指标      11-数量指标         资助学生不少于 3000 人次          60
2-效益指标      21-经济效益
                22-社会效益         保障学生顺利完成学业              40
"""
    (project,) = parse_text(text).projects
    assert [(i.level2, i.name, i.weight) for i in project.indicators] == [
        ("11-数量指标", "资助学生不少于 3000 人次", 60.0),
        ("22-社会效益", "保障学生顺利完成学业", 40.0)]


# A 长期/年度 table whose narrow header cells wrapped right before their closing bracket.
PAIRS = (
    "项目名称\t高标准农田建设项目\t\t\t\t\t\n"
    "项目资金（元\n"
    "）\t年度资金总额\t30,000,000.00\t\t\t\t\n"
    "一级指标\t二级指标（长期\n"
    "）\t三级指标（长期）\t指标值（长期）\t二级指标（年度\n"
    "）\t三级指标（年度）\t指标值（年度）\n"
    "产出指标\t数量指标\t累计建成高标准农田面积\t≥10万亩\t数量指标\t新建高标准农田面积\t≥2万亩\n"
    "效益指标\t社会效益指标\t累计受益农户数量\t≥15,000户\t社会效益指标\t受益农户数量\t≥3,000户\n")


def test_lines_cut_inside_a_bracket_are_one_row():
    """`二级指标（长期` then `）⇥三级指标（长期）⇥…`: a bracket left open at a line's end and
    closed at the next line's start is a cell cut where it wrapped. Joined, the indicator
    header is found and its label `项目资金（元）` gives the amount in 元; before, the text was
    refused (表格的单元格连在了一起…)."""
    (project,) = parse_text(PAIRS).projects
    assert project.amount == 3000.0
    assert [(i.level2, i.name, i.value) for i in project.indicators] == [
        ("数量指标", "新建高标准农田面积", "≥2万亩"), ("社会效益指标", "受益农户数量", "≥3,000户")]
    assert [(i.name, i.value) for i in project.long_term_indicators] == [
        ("累计建成高标准农田面积", "≥10万亩"), ("累计受益农户数量", "≥15,000户")]
    assert project.notes == []


def test_prose_with_a_bracket_over_two_lines_is_left_as_it_is():
    """Two lines of the notice, no tab in either: nothing says they are cells."""
    text = ("某县教育局关于公开（2024年\n度）项目支出绩效目标的说明\n"
            "项目名称\t某项目\n一级指标\t二级指标\t三级指标\t绩效值\n"
            "1-产出指标\t11-数量指标\t完成 1 项\t100\n")
    department = parse_text(text)
    assert [i.name for i in department.projects[0].indicators] == ["完成 1 项"]


# A budget-system list over two pages: the second repeats the header (print titles), whose
# last cell wrapped there, and its first row leaves the unit merged from the page above.
FLAT = (
    "金额单位:元\n"
    "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位"
    "\t权重\t指标方向性\n"
    "某县第三小学\t课后服务补助经费\t268,000.00\t开展课后服务\t产出指标\t数量指标\t服务学生人数\t≥\t800"
    "\t人\t100\t正向指标\n"
    "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位"
    "\t权重\t指标方向\n"
    "性\n"
    "\t图书购置经费\t150,000.00\t购置图书\t产出指标\t数量指标\t购置图书册数\t≥\t3,000"
    "\t册\t60\t正向指标\n"
    "\t\t\t\t满意度指标\t服务对象满意度指标\t学生满意度\t≥\t90\t%\t40\t正向指标\n")


def test_a_header_cell_wrapped_at_its_end_is_joined():
    """`…⇥指标方向` then `性`: the repeated header's last cell and the short line under it
    make 指标方向性, a column the vocabulary knows; before, `性` was read as a 单位名称 and
    became the unit of the project under it (whose unit is merged down from the page above)."""
    first, second = parse_text(FLAT).projects
    assert (second.name, second.implementing_unit, second.amount) == (
        "图书购置经费", "某县第三小学", 15.0)
    assert [(i.name, i.value, i.weight) for i in second.indicators] == [
        ("购置图书册数", "≥3,000册", 60.0), ("学生满意度", "≥90%", 40.0)]
    assert first.notes == second.notes == []


# The seed's form printed from Word with narrow columns: the 三级 wraps onto many lines,
# each further line holding the cell's next piece, the last one the weight.
NARROW = (
    "项目名称\t政务新媒体平台动态监测费\t\t\n"
    "项目年度金额\t12\t\t\n"
    "一级指标\t二级指标\t三级指标\t绩效值\n"
    "1-产出指标\t11-数量指标\t全市政府网站 5 个\t40\n"
    "\t12-质量指标\t按照《国务院办公厅秘书局\n"
    "关于印发政府网站与政务新\n媒体检查指标、监管工作年\n度考核指标的通知》要求，\n"
    "进一步加强和完善政府网站\n及政务新媒体日常管理和常\n态化监管工作\t30\n"
    "\t13-时效指标\t根据《石嘴山市人民政府办\n公室关于印发全市政府系统\n"
    "值班工作规范（试行）的通\n知》精神，全年365天应急值\n守\t30\n")


def test_an_indicator_wrapped_onto_seven_lines_is_one_row():
    """A cut row's further lines are joined up to a dozen and more (a long 三级 in a narrow
    column); before, six at most: the first line was an indicator without its weight, the
    next five notes and the last an indicator `态化监管工作` with the weight."""
    (project,) = parse_text(NARROW).projects
    assert [(i.level2, i.name, i.weight) for i in project.indicators][:2] == [
        ("11-数量指标", "全市政府网站 5 个", 40.0),
        ("12-质量指标", "按照《国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年"
         "度考核指标的通知》要求，进一步加强和完善政府网站及政务新媒体日常管理和常态化监管工作",
         30.0)]


def test_a_wrapped_indicator_that_begins_like_a_notice_sentence_goes_on_with_the_rows():
    """`⇥13-时效指标⇥根据《石嘴山市人民政府办` — a line that begins like a notice sentence,
    but in the 三级 column with its tabs kept and completed by the lines below: the cell's
    first line, not the table's end. Before, the table ended there and every row below was
    a note (its weights lost: W001)."""
    (project,) = parse_text(NARROW).projects
    assert len(project.indicators) == 3
    last = project.indicators[-1]
    assert (last.level2, last.name, last.weight) == (
        "13-时效指标", "根据《石嘴山市人民政府办公室关于印发全市政府系统值班工作规范（试行）的通"
        "知》精神，全年365天应急值守", 30.0)
    assert project.notes == []


def test_a_notice_sentence_under_the_table_still_ends_it():
    """A sentence after the table that the lines below do not complete into a row ends the
    rows, as before."""
    text = NARROW + "\t\t根据《预算法》要求予以公开\n\t\t某县人民政府办公室\n"
    (project,) = parse_text(text).projects
    assert len(project.indicators) == 3


def test_a_flat_list_goes_on_under_its_header_repeated_on_the_next_page():
    """A PDF prints a merged cell's text once, in the middle of its range: a project whose
    rows run onto the next page leaves its 单位名称 / 项目名称 / 预算数 cells blank there,
    under the repeated header. The header repeating the list's own, the list goes on: the
    blank cells are the merged ones, carried down as on the page above. Before, each such
    row was a department note (“没有项目名称，无法确定属于哪个项目”) and the project lost
    its indicators (W001)."""
    lines = FLAT.splitlines(keepends=True)
    text = ("".join(lines[:3]) + lines[1]
            + "\t\t\t\t满意度指标\t服务对象满意度指标\t学生满意度\t≥\t90\t%\t0\t正向指标\n"
            + "\t图书购置经费\t150,000.00\t购置图书\t产出指标\t数量指标\t购置图书册数\t≥\t3,000"
            "\t册\t100\t正向指标\n")
    department = parse_text(text)
    first, second = department.projects
    assert [(i.level1, i.name) for i in first.indicators] == [
        ("产出指标", "服务学生人数"), ("满意度指标", "学生满意度")]
    assert (second.name, second.implementing_unit) == ("图书购置经费", "某县第三小学")
    assert department.notes == []


# The 2015 central form from a Word file: goals side by side under their labels and a
# 二级 cut where they wrapped, every cell kept with its tab.
CENTRAL = (
    "项目名称\t\t基层干部教育培训项目\t\t\n"
    "项目资金\t中期资金总额\t13,500,000.00\t年度资金总额\t4,500,000.00\n"
    "总体目标\t中期目标（2024年-2026年）\t\t年度目标\t\n"
    "\t三年内完成全省基层干部轮训一遍，建立培训\n"
    "成果转化长效机制\t\t全年培训基层干部3000人次，培训合格率不\n"
    "低于95%，学员满意度不低于90%\t\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
    "\t产出指标\t数量指标\t培训基层干部人次\t≥3,000人次\n"
    "\t效益指标\t社会效益指标\t基层干部履职能力提升情况\t明显提升\n"
    "\t\t社会公众或服务对象\n"
    "满意度指标\t参训学员满意度\t≥90%\n")


def test_goals_side_by_side_cut_where_they_wrapped_are_each_joined():
    """`⇥三年内完成…建立培训` stops inside the 中期目标 (the 年度目标 has a label too); the next
    lines complete the row, each goal under its label. Before, the mid-term goal's first
    line was read as the annual goal (with the annual one after it) and its end as the
    mid-term goal."""
    (project,) = parse_text(CENTRAL).projects
    assert project.mid_term_goal == "三年内完成全省基层干部轮训一遍，建立培训成果转化长效机制"
    assert project.goal == "全年培训基层干部3000人次，培训合格率不低于95%，学员满意度不低于90%"
    assert project.notes == []


def test_a_goal_line_of_a_browser_copy_is_not_joined():
    """A browser copy leaves the merged 总体目标 out (the line starts with the goal): its goal
    rows are read as before, never joined."""
    lines = CENTRAL.splitlines(keepends=True)
    text = "".join([*lines[:2], "总体目标\t中期目标（2024年-2026年）\t年度目标\n",
                    "三年内完成全省基层干部轮训一遍\t全年培训基层干部3000人次\n", *lines[6:]])
    (project,) = parse_text(text).projects
    assert (project.mid_term_goal, project.goal) == ("三年内完成全省基层干部轮训一遍",
                                                     "全年培训基层干部3000人次")


def test_a_second_level_cut_where_it_wrapped_is_joined():
    """`⇥⇥社会公众或服务对象` then `满意度指标⇥参训学员满意度⇥≥90%`: the tail is a level label
    too, but with the piece above it makes 社会公众或服务对象满意度指标, which the piece alone
    is not — one cell cut, not a row of its own. Before, `满意度指标` was read as the 二级 of
    a row under 效益指标."""
    (project,) = parse_text(CENTRAL).projects
    assert [(i.level1, i.level2, i.name, i.value) for i in project.indicators][-1] == (
        "效益指标", "社会公众或服务对象满意度指标", "参训学员满意度", "≥90%")


@pytest.mark.parametrize("mark", ["续表", "续表1", "（续表）", "续表：", "接上表", "续表2-1"])
def test_a_continued_mark_atop_the_next_page_is_the_pages(mark):
    """A printed table's next page starts with `续表` (before its repeated header, or alone):
    the page's mark, skipped like a page number. Before, it was a reading note (R003
    “只有一段文字，无法确定是否为指标”) — a false alarm on a table that is right."""
    text = ("项目名称\t学生资助\t\t\n项目年度金额\t200\t\t\n"
            "一级指标\t二级指标\t三级指标\t绩效值\n"
            "1-产出指标\t11-数量指标\t资助学生不少于 3000 人次\t60\n"
            f"- 1 -\n{mark}\t\t\t\n一级指标\t二级指标\t三级指标\t绩效值\n"
            "\t12-质量指标\t资金发放准确率100%\t40\n")
    department = parse_text(text)
    (project,) = department.projects
    assert [(i.level1, i.level2, i.weight) for i in project.indicators] == [
        ("1-产出指标", "11-数量指标", 60.0), ("1-产出指标", "12-质量指标", 40.0)]
    assert project.notes == department.notes == []


def test_a_row_that_only_begins_with_the_word_is_not_a_mark():
    """`续表说明…` is text, not the mark: it stays a note where it cannot be placed."""
    text = ("项目名称\t学生资助\t\t\n一级指标\t二级指标\t三级指标\t绩效值\n"
            "1-产出指标\t11-数量指标\t资助学生不少于 3000 人次\t100\n续表说明见附件\n")
    (project,) = parse_text(text).projects
    assert [note.text for note in project.notes] == ["续表说明见附件"]


def test_a_wrapped_line_that_begins_like_a_notice_sentence_is_the_cells_rest():
    """`…邮政公司根据赠阅单` then `按照地址准确投递至384` then `个单位⇥10`: a cell's further line
    may begin with 按照 or 根据, as the seed's 《石嘴山市政府公报》 row does printed in a narrow
    column; it is joined like any other (a stop row, 填表人, 注： or a date is not). Before,
    the join stopped there, the table ended at that line and the rows below were notes."""
    text = (NARROW.split("\t13-时效指标")[0]
            + "\t13-时效指标\t投递：邮寄种类为中国邮政挂刷，邮政公司根据赠阅单\n"
              "按照地址准确投递至384\n个单位\t30\n")
    (project,) = parse_text(text).projects
    assert [i.weight for i in project.indicators] == [40.0, 30.0, 30.0]
    assert project.indicators[-1].name == ("投递：邮寄种类为中国邮政挂刷，邮政公司根据赠阅单"
                                           "按照地址准确投递至384个单位")
    assert project.notes == []


def test_a_funds_line_of_dashes_is_no_note():
    """`上年结转资金⇥⇥⇥⇥-⇥⇥-`: nothing under 预算数 and only dashes elsewhere — a line the form
    left unfilled, not an amount that cannot be placed."""
    text = SELF_EVALUATION.replace(
        "年度资金总额:\t\t2,560,000.00\t2,432,000.00\t10\t95.00%\t9.5\t\n",
        "年度资金总额:\t\t2,560,000.00\t2,432,000.00\t10\t95.00%\t9.5\t\n上年结转资金\t\t\t\t-\t\t-\t\n")
    (project,) = parse_text(text).projects
    assert project.amount == pytest.approx(256.0)
    assert not [n for n in project.notes if "预算数" in n.reason]
