"""T rules: what the reader repaired in the user's text (full-width digits, spaces, hyphens)."""

from __future__ import annotations

import numpy as np

from xlperf.model import Normalization
from xlperf.validation.rules.base import Example, Rule

KIND_NAMES = {"fullwidth": "修复全角数字或符号", "space": "修复多余的空格",
              "hyphen": "修复非标准连字符", "unit": "把写在金额中的单位换算为万元"}

T001 = Rule(
    code="T001", severity="info", title="读取时做了规范化",
    message="读取时已自动{kind_name}：“{original}”",
    basis="整洁：全角数字、多余空格、非标准连字符会让其他系统读错数字或编码",
    fix="在单元格中改用半角数字、删除多余空格、用普通连字符“-”",
    check=lambda f: np.zeros(len(f), dtype=bool),  # every repair is reported
    column="original", frame="normalizations", forms="all",
    uses=("kind",),
    fields=lambda r: {"kind_name": KIND_NAMES.get(r["kind"], r["kind"])},
    fails=Example("权重写成全角“２０”", department={"normalizations": [
        Normalization("fullwidth", "２０", cell="D11")]}),
    passes=Example("没有需要修复的文字"),
)

RULES = (T001,)
