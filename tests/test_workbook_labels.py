"""The reader's quick label test must never change which cells count as labels.

``Labels.key`` skips ``label_key`` for text whose first character settles
that it cannot be one of the labels looked for; whatever a user typed, the
answer must equal the slow one.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xlperf.sources.workbook import layout
from xlperf.sources.workbook.grid import Labels, label_key
from xlperf.sources.workbook.project_reader import STOP_KEYS, TABLE_LABELS

LABEL_TEXTS = [*(label for labels in layout.HEADER_ALIASES.values() for label in labels),
               layout.TOTAL_LABEL, layout.TABLE_TITLE, layout.UNIT_LABEL,
               layout.COLUMN_LABELS["level1"], "总计"]
# What people put around a label: spaces (also U+3000), a required mark, a colon,
# a note in brackets, full-width forms that NFKC folds.
DECORATIONS = st.sampled_from(["", " ", "\u3000", "*", "＊", "：", ":", "（万元）", "(注)", "\t",
                               "\u00a0", "Ａ", "1", "-"])


def slow_key(labels: Labels, raw: object) -> str:
    key = label_key(raw)
    return key if key in labels.keys else ""


@st.composite
def cell_texts(draw) -> str:
    label = draw(st.sampled_from(LABEL_TEXTS))
    chars = list(label)
    for _ in range(draw(st.integers(0, 3))):  # spaces inside: "项 目 名 称"
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from([" ", "\u3000"])))
    return draw(DECORATIONS) + "".join(chars) + draw(DECORATIONS)


@settings(max_examples=600)
@given(st.one_of(cell_texts(), st.text(max_size=12)))
def test_the_quick_test_gives_the_slow_answer(text: str) -> None:
    for labels in (TABLE_LABELS, STOP_KEYS):
        assert labels.key(text) == slow_key(labels, text)


def test_labels_typed_with_decorations_are_still_labels() -> None:
    assert TABLE_LABELS.key(" *项目名称：") == "项目名称"
    assert TABLE_LABELS.key("\u3000项 目 名 称 ") == "项目名称"
    assert STOP_KEYS.key("＊合计") == "合计"
    assert TABLE_LABELS.key("项目年度金额（万元）") == "项目年度金额"


def test_prose_and_numbers_are_not_labels() -> None:
    assert TABLE_LABELS.key("城乡环境卫生整治补助资金") == ""
    assert TABLE_LABELS.key("项目名称不超过36个字") == ""
    assert STOP_KEYS.key(12.5) == ""
    assert STOP_KEYS.key("") == ""
