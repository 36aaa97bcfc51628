"""The vocabulary's labels are recognised however a user decorates them, and prose is not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xlperf.model.vocabulary import (
    column_label,
    funds_kind,
    header_field,
    is_not_applicable,
    is_stop_row_label,
    vocabulary,
)

FIELD_LABELS = [(field, label) for field, labels in vocabulary().header_fields.items()
                for label in labels]
# What people put around a label: spaces (also U+3000), a required mark, a colon,
# a note in brackets, an outline number.
BEFORE = st.sampled_from(["", " ", "\u3000", "*", "＊", "一、", "（二）", "3、", "\u00a0"])
AFTER = st.sampled_from(["", " ", "\u3000", "：", ":", "（万元）", "(元)", "\t"])


@st.composite
def decorated(draw) -> tuple[str, str]:
    field, label = draw(st.sampled_from(FIELD_LABELS))
    chars = list(label)
    for _ in range(draw(st.integers(0, 3))):  # spaces inside: "项 目 名 称"
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from([" ", "\u3000"])))
    return field, draw(BEFORE) + "".join(chars) + draw(AFTER)


@settings(max_examples=400)
@given(decorated())
def test_a_decorated_label_names_its_field(case: tuple[str, str]) -> None:
    field, text = case
    assert header_field(text)[0] == field


def test_a_unit_note_on_a_label_is_kept_for_the_amount() -> None:
    assert header_field("项目年度金额（元）") == ("amount", "元")
    assert header_field("年度本级 预算金额") == ("amount", "")


def test_prose_and_numbers_are_not_labels() -> None:
    assert header_field("城乡环境卫生整治补助资金")[0] is None
    assert header_field("项目名称不超过36个字")[0] is None
    assert header_field("12.5")[0] is None
    assert not is_stop_row_label("合计完成培训 20 场")


def test_column_headers_and_their_sides() -> None:
    assert column_label("二级指标（长期）").roles == ("level2",)
    assert column_label("二级指标（长期）").side == "long_term"
    assert column_label("三级指标(年度)").side == "annual"
    assert column_label("指标值(包含数字及文字描述)").roles == ("value",)
    assert "weight" in column_label("分值").roles
    assert column_label("项目进展情况") is None


def test_rows_that_end_a_table() -> None:
    for text in ("合计", "总分", "财政部门审核意见", "填表人: 宋云花 联系电话:16607326331",
                 "＊合计"):
        assert is_stop_row_label(text), text


def test_funds_lines() -> None:
    assert funds_kind("其中：财政拨款") == "fiscal"
    assert funds_kind("(一)财政拨款小计") == "fiscal"
    assert funds_kind("其中 :上级资金") == "fiscal"
    assert funds_kind("(二)自有资金小计") == "other"
    assert funds_kind("1、一般公共预算") == "fiscal_parts"
    assert funds_kind("事业收入") == "parts"


def test_not_applicable_written_other_ways() -> None:
    for text in ("本指标不适用", "本指标不适用此项目", "不适用", "该项不适用", "不涉及", "无", "/"):
        assert is_not_applicable(text), text
    assert not is_not_applicable("无障碍设施改造 3 处")
