"""R rules: what the reader says about the form itself — no findings about the table's content.

A reviewer must know what xlperf did not judge and what it could not read: a
form without weights (the W rules do not apply to it), a self-evaluation
table (read, not judged as a goal table), a row the reader could not place.
"""

from __future__ import annotations

import numpy as np

from xlperf.model import ReadingNote
from xlperf.validation.rules.base import Example, Row, Rule

# The catalogue's good project written as a form without a weight column.
_NO_WEIGHTS = {"columns": ("level1", "level2", "name", "value")}
_NO_WEIGHT_ROWS = (
    Row("1-产出指标", "11-数量指标", "全年督查次数", None, "≥50 次"),
    Row("1-产出指标", "12-质量指标", "督查问题整改率", None, "≥95%"),
    Row("1-产出指标", "13-时效指标", "办结时限", None, "11 月底前"),
    Row("1-产出指标", "14-成本指标", "车辆租赁费", None, "≤8 万元"),
    Row("2-效益指标", "22-社会效益", "群众对督查工作知晓率", None, "≥90%"),
    Row("3-满意度指标", "31-服务对象满意度", "服务对象满意度", None, "≥90%"),
)

R001 = Rule(
    code="R001", severity="info", title="表格没有权重列",
    message="{unweighted} 个项目的表格没有权重（绩效值、权重或分值）列，未检查权重（W001–W005）",
    basis="表样不同：有的表样（如 2015 年中央表样、省级申报表）只有指标值，没有权重；"
          "没有权重列的表不是“权重没填”",
    fix="无需修改；如本地要求填写权重，请改用含“绩效值”列的模板（xlperf new）",
    explain="每个文件报告一次。有权重列的表照常检查 W001–W005。",
    check=lambda f: ~(f["is_dept_first"] & (f["unweighted"] > 0)),
    level="department", cell="first_cell", at_row=False, forms="all",
    fails=Example("表格只有指标值列", project=_NO_WEIGHTS, rows=_NO_WEIGHT_ROWS),
    passes=Example("表格有绩效值列"),
)

R002 = Rule(
    code="R002", severity="info", title="绩效自评表，未按目标表校验",
    message="这是绩效自评表：已读取其中的目标、分值和实际值，未按绩效目标表的规则校验",
    basis="绩效自评表（财预〔2020〕10号）在年度结束后填写，与年初的绩效目标表要求不同",
    fix="无需修改；要校验绩效目标，请提供该项目年初的绩效目标表",
    check=lambda f: ~(f["is_first"] & ~f["goal_table"]),
    level="project", cell="first_cell", at_row=False, forms="all",
    fails=Example("表格是绩效自评表", project={"layout": "self_evaluation"}),
    passes=Example("表格是绩效目标表"),
)

def _note_fields(row: dict) -> dict:
    """A note the reader could not place reads “这一行未能识别（why）…”; one it understood and
    left out on purpose (a column no field reads, a field's second value, 实际完成情况)
    says so in its own words, which end in 未读取."""
    text, reason = row["text"], row["reason"]
    short = text if len(text) <= 40 else text[:40] + "…"
    understood = reason.endswith(("未读取", "未作为指标读取", "未作为项目读取"))
    what = reason if understood else f"这一行未能识别（{reason}），没有作为指标读取"
    return {"text_short": short, "what": what}


R003 = Rule(
    code="R003", severity="info", title="有未能识别的行",
    message="{what}：{text_short}",
    basis="读取时不猜测：无法确定各单元格含义的行单独列出，不会被丢弃，也不会被当作指标",
    fix="核对这一行：若是要公开的指标，请把各项填入表格中对应的列（一级、二级、三级指标、"
        "指标值）；若不是（说明文字、签名、隐藏的行、填报示例、表外的列等），无需修改",
    check=lambda f: np.zeros(f.rows, dtype=bool),  # every note is reported
    frame="notes", forms="all",
    uses=("text", "reason"),
    fields=_note_fields,
    explain="提示写作“这一行未能识别（原因），没有作为指标读取：内容”；读取时已明白、特意未读取的"
            "内容（表格中不属于绩效目标表的列、同一字段的第二个值、自评表的实际完成情况等）"
            "写作“原因……未读取：内容”。",
    fails=Example("指标表中有一行只有一段文字", project={"notes": [ReadingNote(
        "计划邀请正副处级领导职务授课 | 说明", "无法确定各单元格属于哪一列", cell="A18",
        row=18)]}),
    passes=Example("每一行都已识别"),
)

RULES = (R001, R002, R003)
