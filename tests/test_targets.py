"""The target reader: what an indicator promises, read the way a reviewer reads it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlperf.validation.targets import read_target

# --- comparators ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "comparator", "number"), [
    ("全年督查不少于 50 次", ">=", 50),
    ("全年制发督查通报、督查专报共不少于 20 期", ">=", 20),
    ("满意度≥90%", ">=", 90),
    ("满意度>=90%", ">=", 90),
    ("人大代表、政协委员满意度达到 90%以上", ">=", 90),
    ("至少开展 3 次培训", ">=", 3),
    ("受理量超过 100 件", ">", 100),
    ("车辆租赁费不高于 8 万元", "<=", 8),
    ("印刷费不超过 2 万元", "<=", 2),
    ("差旅费≤3万元", "<=", 3),
    ("成本控制在 5 万元以内", "<=", 5),
    ("投诉率低于 5%", "<", 5),
    ("检测费用为 12 万元", "=", 12),
    ("每节课3小时左右", "=", 3),
    ("满意度在90%以上", ">=", 90),
    # the variants Chinese input methods type for ≥ and ≤ (NFKC keeps them as they are)
    ("满意度≧95%", ">=", 95),
    ("差旅费≦3万元", "<=", 3),
    ("满意度⩾90%", ">=", 90),
    ("印刷费⩽2万元", "<=", 2),
])
def test_comparator_and_number(text: str, comparator: str, number: float) -> None:
    target = read_target(text)
    assert target.comparator == comparator
    assert target.number == number


def test_no_comparator_when_the_text_only_states_a_count() -> None:
    target = read_target("全市政府网站 5 个")
    assert target.comparator is None
    assert (target.number, target.unit) == (5, "个")


# --- numbers, units, ranges ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("做好全年 1-2 名挂职领导工作保障", 1, 2, "名"),
    ("“政策公开讲”每期时长5-10分钟，画质清晰", 5, 10, "分钟"),
    ("完成样本 10～20 个", 10, 20, "个"),
    ("市内培训3天，每天2节课", 3, 3, "天"),
    ("全年开展两次培训", 2, 2, "次"),
    ("全年十二期", 12, 12, "期"),
    ("１０次", 10, 10, "次"),
    ("处理１，２００件", 1200, 1200, "件"),
])
def test_numbers_units_and_ranges(text: str, low: float, high: float, unit: str) -> None:
    first = read_target(text).quantities[0]
    assert (first.low, first.high, first.unit) == (low, high, unit)


@pytest.mark.parametrize("text", [
    "根据《2024年工作要点》推进改革",
    "按照石政办发〔2022〕112号文件精神办理",
    "0101-一年期项目",
    "纸张尺寸为A4",
    "推进5G网络建设",
    "完成2024年度工作",
    "统一部署、进一步落实",
])
def test_titles_document_numbers_and_codes_are_not_targets(text: str) -> None:
    target = read_target(text)
    assert target.quantities == ()
    assert not target.measurable


# --- percentages -------------------------------------------------------------------------


def test_percentages() -> None:
    assert read_target("满意度达到 120%").percent == 120
    assert read_target("覆盖率９５％").percent == 95
    assert read_target("合格率 95%-100%").percents == (95, 100)
    assert read_target("全年督查不少于 50 次").percent is None


def test_growth_is_noticed() -> None:
    assert read_target("营业收入同比增长 150%").growth
    assert not read_target("知晓率达到 90%").growth


# --- money: totals and rates ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "amount"), [
    ("全年用于督查工作的车辆租赁费不高于 8 万元", 8),
    ("网站改版升级，经初步询价为15万元", 15),
    ("全市政府网站和政务新媒体日常管理4万元/年", 4),  # per year = the annual total
    ("每年运维费 4 万元", 4),
    ("全年印刷费 2000 元", 0.2),
    ("设备购置费不超过 1.5 亿元", 15000),
    ("全年费用 12 万元，其中印刷费 2 万元", 12),  # a breakdown is not added up
    ("全年 12 期，每期 2000 元，共计 2.4 万元", 2.4),
])
def test_totals_in_wan(text: str, amount: float) -> None:
    assert read_target(text).amount_wan == pytest.approx(amount)


@pytest.mark.parametrize("text", [
    "“政策公开讲”节目每期2000元",
    "内页每页0.35元，封皮每本3元",
    "投递每本价格4元",
    "讲课费 500 元/学时",
    "伙食补助标准为每人每天 100 元",
    "印刷单价 0.35 元",
])
def test_rates_are_not_totals(text: str) -> None:
    target = read_target(text)
    assert target.money
    assert target.is_rate
    assert target.amount_wan is None


def test_a_cost_floor_is_noticed() -> None:
    assert read_target("全年培训费不低于 5 万元").money_lower_bound
    assert not read_target("全年培训费不高于 5 万元").money_lower_bound


def test_fifteen_wan_without_yuan_is_not_money() -> None:
    assert read_target("询价约 15 万").money == ()


# --- deadlines -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "year", "month"), [
    ("人大代表建议、政协提案 11 月底前全部办复", "date", None, 11),
    ("2024年12月底完成改造", "date", 2024, 12),
    ("2025年3月31日前完成验收", "date", 2025, 3),
    ("2024-06-30前完成", "date", 2024, 6),
    ("2024年底前完成", "date", 2024, 12),
    ("每期制作完成3个工作日内网上发布", "relative", None, None),
    ("市政府网站改版自合同签订后3个月内完成改版上线", "relative", None, None),
    ("三个工作日内办结", "relative", None, None),
    ("印制：每月15日前出版上月公报", "periodic", None, None),
    ("监测公司每周反馈严重性错误", "periodic", None, None),
    ("全年365天应急值守", "span", None, None),
    ("第三季度完成", "relative", None, None),
])
def test_deadlines(text: str, kind: str, year: int | None, month: int | None) -> None:
    deadline = read_target(text).deadline
    assert deadline is not None
    assert (deadline.kind, deadline.year, deadline.month) == (kind, year, month)


def test_next_year_is_noticed() -> None:
    deadline = read_target("次年3月底前完成结算").deadline
    assert deadline is not None and deadline.next_year and deadline.month == 3


def test_a_month_that_does_not_exist_is_no_deadline() -> None:
    assert all(d.kind != "date" for d in read_target("13月底前完成").deadlines)


def test_all_stated_years_are_kept() -> None:
    years = read_target("2024年6月底前完成招标，2025年3月底前完成验收").deadline_years
    assert years == (2024, 2025)


# --- grades and measurability ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["好", "较好", "一般", "差", "达到", "部分达到", "未达到", "优",
                                   "良", "合格"])
def test_a_grade_in_the_value_column_is_measurable(value: str) -> None:
    target = read_target("项目实施效果", value)
    assert target.grade == value
    assert target.measurable


def test_the_value_column_wins_over_the_text() -> None:
    assert read_target("全年督查次数", "≥50次").number == 50
    assert read_target("全年督查不少于 50 次", None).number == 50
    assert read_target("全年督查不少于 50 次", "  ").number == 50


@pytest.mark.parametrize("text", [
    "做好工作保障",
    "有力推动市政府工作报告重点任务落实",
    "及时保障市政府专项督查组开展督查工作",
    "效果明显",
])
def test_vague_targets_are_not_measurable(text: str) -> None:
    assert not read_target(text).measurable


@pytest.mark.parametrize("text", [
    "全年督查不少于 50 次",
    "满意度≥90%",
    "11 月底前全部办复",
    "市政府网站改版后各项指标达到合同约定标准",
    "验收合格",
    "做好全年 1-2 名挂职领导工作保障",
])
def test_measurable_targets(text: str) -> None:
    assert read_target(text).measurable


@pytest.mark.parametrize(("name", "value"), [
    ("补助资金发放", "按月发放"),           # a schedule, like 每月
    ("资助资金发放时间", "按学期及时发放"),
    ("补助资金拨付", "逐月拨付"),
    ("公共服务覆盖面", "全覆盖"),           # everyone: 100%
    ("困难群众救助", "应保尽保"),
    ("家庭经济困难学生就学保障", "应助尽助"),
    ("重大舆情事件", "零发生"),             # an event that does not happen: 0
    ("安全生产事故", "杜绝"),
    ("项目持续发挥效益年限", "两年"),       # a span in Chinese numerals
    ("完成时间", "2025年"),                # within that year
    ("按时保质完成物业管理工作", "2021年全年"),  # the whole year (金寨, session 9)
    ("资金使用合规性", "合规"),             # a state there or not
    ("系统运行", "正常"),
    ("长效保洁机制", "建立"),
    ("空气质量优良天数比率", "不低于上年"),  # last year's figure as the bound
])
def test_targets_offices_write_in_words_are_measurable(name: str, value: str) -> None:
    """Before, each of these was Q001 (没有可衡量的目标值) on a table that is right."""
    assert read_target(name, value).measurable


def test_a_year_alone_as_a_timeliness_value_is_a_deadline_in_that_year() -> None:
    deadline = read_target("完成时间", "2025年").deadline
    assert (deadline.year, deadline.month) == (2025, 12)
    assert read_target("2025年度培训工作").deadline is None  # a year inside a text is no deadline
    whole = read_target("按时保质完成物业管理工作", "2021年全年").deadline
    assert (whole.year, whole.month) == (2021, 12)


@pytest.mark.parametrize("value", ["逐年提高", "有所改善", "按年度计划推进", "及时", "长期"])
def test_vague_values_stay_unmeasurable(value: str) -> None:
    assert not read_target("项目实施效果", value).measurable


def test_same_shape_different_numbers_are_read_separately() -> None:
    # The reader parses a phrasing once and fills in the digits; the digits must not leak.
    assert read_target("全年督查不少于 30 次").number == 30
    assert read_target("全年督查不少于 45 次").number == 45
    assert read_target("12 月底前完成").deadline.month == 12
    assert all(d.kind != "date" for d in read_target("45 月底前完成").deadlines)


# --- properties --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=20)))
def test_never_crashes_on_any_text(text: str, value: str | None) -> None:
    target = read_target(text, value)
    assert isinstance(target.measurable, bool)
    for quantity in target.quantities:
        assert quantity.low <= quantity.high


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9),
       st.sampled_from(["次", "期", "件", "个", "人", "项"]),
       st.sampled_from(["全年督查", "开展培训", "", "完成"]),
       st.sampled_from(["", " ", "　"]))
def test_generated_floors_give_their_number(n: int, unit: str, prefix: str, space: str) -> None:
    target = read_target(f"{prefix}不少于{space}{n}{space}{unit}")
    assert target.comparator == ">="
    assert target.number == n
    assert target.unit == unit


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=0, max_value=100000, places=2), st.sampled_from(["每期", "每本",
                                                                             "每人每天"]))
def test_generated_rates_are_never_totals(amount: object, per: str) -> None:
    target = read_target(f"印刷费{per}{amount}元")
    assert target.amount_wan is None
    assert target.is_rate
