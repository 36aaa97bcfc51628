"""T rules: the user's text itself — what the reader repaired (full-width digits, spaces,
hyphens), and what the template said to the person filling it in, left in the table."""

from __future__ import annotations

import numpy as np

from xlperf.model import Normalization, ReadingNote
from xlperf.validation.rules.base import Example, Row, Rule

KIND_NAMES = {"fullwidth": "修复全角数字或符号", "space": "修复多余的空格",
              "hyphen": "修复非标准连字符", "unit": "把写在金额中的单位换算为万元",
              "weight_unit": "去掉权重中写的单位",
              "flat_yuan": "把未注明单位的预算数按预算系统导出的“元”换算为万元"}

T001 = Rule(
    code="T001", severity="info", title="读取时做了规范化",
    message="读取时已自动{kind_name}：“{original}”",
    basis="整洁：全角数字、多余空格、非标准连字符会让其他系统读错数字或编码",
    fix="在单元格中改用半角数字、删除多余空格、用普通连字符“-”，权重只填数字",
    explain="读取时还会把写在金额中的单位换算为万元（“250万”），去掉权重中写的单位（“10分”“10%”）；"
            "预算系统导出清单的预算数未注明单位（表头和“单位：”行都没有写）时按元读取。",
    check=lambda f: np.zeros(f.rows, dtype=bool),  # every repair is reported
    frame="normalizations", forms="all",
    uses=("kind",),
    fields=lambda r: {"kind_name": KIND_NAMES.get(r["kind"], r["kind"])},
    fails=Example("权重写成全角“２０”", department={"normalizations": [
        Normalization("fullwidth", "２０", cell="D11")]}),
    passes=Example("没有需要修复的文字"),
)



def _row_text(row: dict) -> dict:
    value = row["value"] if isinstance(row["value"], str) and row["value"].strip() else ""
    text = f"{row['name']} {value}".strip()
    return {"text": text if len(text) <= 40 else text[:40] + "…"}


T002 = Rule(
    code="T002", severity="warning", title="指标中留有模板文字",
    message="指标“{text}”中留有模板文字“{template_text}”",
    basis="完整性：模板中的占位符（**、XX、××）和填表提示（请填写、各地请根据实际情况…）"
          "应替换为本项目的内容后再公开",
    fix="把占位符换成本项目的目标值，删去填表提示",
    explain="占位符和提示词在 xlperf/model/check_words.py 中。",
    check=lambda f: f["template_text"] == "",
    forms="all", fields=_row_text, uses=("name", "value"),
    fails=Example("质量指标抄自模板：“整改率(≥**%)”",
                  change={1: Row("1-产出指标", "12-质量指标", "督查问题整改率(≥**%)达到 95%",
                                 20.0)}),
    passes=Example("指标中没有占位符和填表提示"),
)

T003 = Rule(
    code="T003", severity="warning", title="表头留有模板文字",
    message="表头“{t003_field}”中留有模板文字“{t003_text}”",
    basis="完整性：模板中的占位符和填表提示应替换为本项目的内容后再公开",
    fix="在指向的单元格填写本项目的内容",
    check=lambda f: ~(f["is_first"] & (f["t003_field"] != "")),
    level="project", cell="t003_cell", at_row=False, forms="all",
    fails=Example("年度目标中留有“XX”",
                  project={"goal": "全年开展专项督查不少于 50 次，推动 XX 项重点任务按期完成"}),
    passes=Example("表头各字段都是本项目的内容"),
)

T004 = Rule(
    code="T004", severity="warning", title="表中留有模板的填表说明",
    message="表中留有模板的填表说明：{text_short}",
    basis="完整性：模板中给填表人看的说明（注：各地请根据实际情况…）不是本项目的内容，"
          "公开前应删去",
    fix="删去这一行说明",
    check=lambda f: np.zeros(f.rows, dtype=bool),  # every such row is reported
    frame="template_notes", forms="all", uses=("text",),
    fields=lambda r: {"text_short": r["text"] if len(r["text"]) <= 40
                      else r["text"][:40] + "…"},
    fails=Example("表下留有“注：各地请根据实际情况调整指标”", project={"template_notes": [
        ReadingNote("注：各地请根据实际情况调整指标", "模板中的填表说明", cell="A19",
                    row=19)]}),
    passes=Example("表中没有模板的填表说明"),
)

RULES = (T001, T002, T003, T004)
