"""Writers of the published families (docs/layouts.md), for round-trip tests of the reader.

Each writer lays a department out the way one family of real forms does — a
grid of cells with merged ranges — independently of xlperf's own writers and
reader. A ``Table`` then becomes what offices send: a text copied from a web
page (``browser_text``: a merged cell appears only in its first row, as a
browser copies a table), a text copied from a PDF (``pdf_text``: merged cells
left empty), a workbook with merged cells (``save_xlsx``), a web page with
rowspan/colspan (``html_page``), a Word file merged by python-docx
(``save_docx``), and PDFs made from those by LibreOffice
(``pdfs_by_libreoffice``) or printed by headless Chromium (``pdf_by_chromium``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xlperf.model import Department, Indicator, Project
from xlperf.model.text import format_number

Cell = str | float | None


@dataclass
class Table:
    """A grid: ``rows`` of cells (None inside a merged range but its first cell) and
    ``merges`` as (top, left, bottom, right), 0-based and inclusive."""

    rows: list[list[Cell]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def add(self, *cells: Cell) -> int:
        self.rows.append(list(cells))
        return len(self.rows) - 1

    def merge_down(self, column: int, top: int, bottom: int) -> None:
        if bottom > top:
            self.merges.append((top, column, bottom, column))
            for row in range(top + 1, bottom + 1):
                self.rows[row][column] = None

    def covered(self) -> set[tuple[int, int]]:
        return {(r, c) for top, left, bottom, right in self.merges
                for r in range(top, bottom + 1) for c in range(left, right + 1)
                if (r, c) != (top, left)}


def _text(value: Cell) -> str:
    if value is None:
        return ""
    return format_number(value) if isinstance(value, float) else str(value)


def browser_text(table: Table) -> str:
    """The table as a browser copies it: merged cells only in their first row; trailing
    empty cells dropped (as some pages give them)."""
    covered = table.covered()
    lines = []
    for r, row in enumerate(table.rows):
        cells = [_text(v) for c, v in enumerate(row) if (r, c) not in covered]
        while cells and not cells[-1]:
            cells.pop()
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def pdf_text(table: Table) -> str:
    """The table as a PDF copy gives it: every cell in its column, merged ones empty."""
    width = max(len(row) for row in table.rows)
    return "\n".join("\t".join(_text(v) for v in row + [None] * (width - len(row)))
                     for row in table.rows) + "\n"


def save_xlsx(table: Table, path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标表"
    for r, row in enumerate(table.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                sheet.cell(row=r, column=c, value=value).data_type = (
                    "n" if isinstance(value, float) else "s")
    for top, left, bottom, right in table.merges:
        sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1,
                          end_column=right + 1)
    book.save(path)
    return path


# --- the families ---------------------------------------------------------------------


def _levels(rows: list[int], table: Table, items: list[Indicator], level1: int,
            level2: int) -> None:
    """Merge each run of equal 一级 (and 一级+二级) down, as the published tables do."""
    for column, key in ((level1, lambda i: (i.level1,)), (level2, lambda i: (i.level1, i.level2))):
        start = 0
        for end in range(1, len(items) + 1):
            if end < len(items) and key(items[end]) == key(items[start]):
                continue
            table.merge_down(column, rows[start], rows[end - 1])
            start = end


def local(department: Department) -> Table:
    """The seed's form (宁夏 市本级): header pairs, 一级|二级|三级|绩效值, a 合计 row."""
    table = Table()
    for project in department.projects:
        table.add("部门项目支出预算绩效目标表")
        table.add(None, None, None, "单位：万元")
        table.add("项目名称", project.name)
        table.add("主管部门", project.competent_department, "实施单位", project.implementing_unit)
        table.add("项目属性", project.attribute, "项目期限", project.term)
        table.add("项目主管处室", project.division, "项目年度金额", project.amount)
        table.add("年度总体绩效目标", project.goal)
        table.add("一级指标", "二级指标", "三级指标", "绩效值")
        rows = [table.add(i.level1, i.level2, i.name, i.weight) for i in project.indicators]
        _levels(rows, table, project.indicators, 0, 1)
        table.add("合计", None, None, sum(i.weight or 0 for i in project.indicators))
    return table


def central(department: Department) -> Table:
    """The 2015 central form: 项目资金 block, 中期/年度 goals with their values below,
    a 绩效指标 block column, 一级|二级|三级|指标值, no weights."""
    table = Table()
    for project in department.projects:
        table.add("项目支出绩效目标申报表")
        table.add("（2020年度）")
        table.add("项目名称", project.name)
        table.add("主管部门及代码", project.competent_department, "实施单位",
                  project.implementing_unit)
        top = table.add("项目资金（万元）", "年度资金总额", project.amount)
        table.add(None, "其中：财政拨款", project.funds.fiscal if project.funds else None)
        bottom = table.add(None, "其他资金", project.funds.other if project.funds else None)
        table.merge_down(0, top, bottom)
        top = table.add("总体目标", "中期目标", "年度目标")
        bottom = table.add(None, project.mid_term_goal, project.goal)
        table.merge_down(0, top, bottom)
        first = table.add("绩效指标", "一级指标", "二级指标", "三级指标", "指标值")
        rows = [table.add(None, i.level1, i.level2, i.name, i.value)
                for i in project.indicators]
        _levels(rows, table, project.indicators, 1, 2)
        table.merge_down(0, first, rows[-1])
    return table


def long_term_pairs(department: Department) -> Table:
    """长期/年度 column pairs: 二级/三级/指标值 once for the long term, once for the year."""
    table = Table()
    for project in department.projects:
        table.add("项目支出绩效目标表")
        table.add("项目名称", project.name)
        table.add("主管部门", project.competent_department, "实施单位", project.implementing_unit)
        table.add("项目资金（万元）", "年度资金总额", project.amount)
        top = table.add("总体目标", "长期目标", "年度目标")
        bottom = table.add(None, project.mid_term_goal, project.goal)
        table.merge_down(0, top, bottom)
        table.add("一级指标", "二级指标（长期）", "三级指标（长期）", "指标值（长期）",
                  "二级指标（年度）", "三级指标（年度）", "指标值（年度）")
        for annual, lasting in zip(project.indicators, project.long_term_indicators,
                                   strict=True):
            table.add(annual.level1, lasting.level2, lasting.name, lasting.value,
                      annual.level2, annual.name, annual.value)
    return table


SYMBOLS = {"≥": "≥", "≤": "≤", "=": "="}


def flat_list(department: Department) -> Table:
    """A budget system's export: one row per indicator, the project in its first columns
    (merged down its rows), amounts in 元 with thousands separators."""
    table = Table()
    table.add("部门预算项目绩效目标申报表(2023年度)")
    table.add("金额单位:元")
    table.add("单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标",
              "指标性质", "指标值", "度量单位", "权重", "指标方向性")
    runs: list[tuple[str, int, int]] = []  # a unit's rows: 单位名称 merges over them
    for project in department.projects:
        yuan = f"{project.amount * 10000:,.2f}"
        rows = [table.add(project.implementing_unit, project.name, yuan, project.goal,
                          i.level1, i.level2, i.name, i.comparator, i.target, i.unit, i.weight,
                          "正向指标")
                for i in project.indicators]
        for column in (1, 2, 3):
            table.merge_down(column, rows[0], rows[-1])
        if runs and runs[-1][0] == project.implementing_unit:
            runs[-1] = (runs[-1][0], runs[-1][1], rows[-1])
        else:
            runs.append((project.implementing_unit, rows[0], rows[-1]))
    for _, top, bottom in runs:
        table.merge_down(0, top, bottom)
    return table


def two_level(department: Department) -> Table:
    """湖北 2022: a cost breakdown above, then 数量指标/…/效益指标/满意度指标 | the indicator
    | 绩效标准 | 当年预期实现值."""
    table = Table()
    for project in department.projects:
        table.add("2022年市直部门预算项目支出绩效目标表")
        table.add("项目名称", project.name, "项目类别", "本级支出项目")
        table.add("项目预算成本构成", "金额", "测算依据")
        for item, amount in project.cost_lines:
            table.add(item, amount, "依据合同")
        table.add("绩效目标", project.goal)
        table.add("一级指标", "二级指标", "绩效标准", "当年预期实现值")
        rows = []
        for item in project.indicators:
            rows.append(table.add(item.level2 or item.level1, item.name, item.standard,
                                  item.value))
        start = 0
        categories = [i.level2 or i.level1 for i in project.indicators]
        for end in range(1, len(rows) + 1):
            if end < len(rows) and categories[end] == categories[start]:
                continue
            table.merge_down(0, rows[start], rows[end - 1])
            start = end
    return table


def self_evaluation(department: Department) -> Table:
    """A 绩效目标自评表: 一级 with its score, 分值 | 年度指标值 | 全年实际值 | 得分, a 总分 row."""
    table = Table()
    for project in department.projects:
        table.add("绩效目标自评表(2022年度)")
        table.add("项目名称", project.name, "项目负责人及电话", "张三 13800000000")
        table.add("主管部门", project.competent_department, "实施单位", project.implementing_unit)
        table.add("资金情况(万元)", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)",
                  "得分")
        table.add("年度资金总额:", project.amount, project.amount, 10.0, "100.00%", 10.0)
        top = table.add("年度总体目标", "年初设定目标", "年度总体目标完成情况综述")
        bottom = table.add(None, project.goal, "已按计划完成")
        table.merge_down(0, top, bottom)
        first = table.add("绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值",
                          "全年实际值", "得分")
        rows = [table.add(None, i.level1, i.level2, i.name, i.weight, i.value, i.actual,
                          i.points) for i in project.indicators]
        _levels(rows, table, project.indicators, 1, 2)
        table.merge_down(0, first, rows[-1])
        table.add("……")
        table.add("总分", sum(i.weight or 0 for i in project.indicators))
    return table


# The two ways provincial 申报表 head their value column (湖南 / 四川).
PROVINCIAL_VALUE_HEADERS = ("指标值及单位", "指标值(包含数字及文字描述)")


def provincial(department: Department) -> Table:
    """A provincial 申报表 (湖南, 四川 …): their own header labels, a block label merged down
    the indicator rows, 指标值及单位 (or 指标值(包含数字及文字描述)) and 绩效标准; the
    reviewer's and signer's rows (财政部门审核意见, 填表人, 联系电话) after the table.

    The projects alternate between the 湖南 form (项目支出名称 | 预算部门, 年度本级预算金额,
    本年度绩效指标) and the 四川 one (项目名称, 主管部门 | 预算单位, 项目资金 block,
    绩效指标), so a department of two or more shows both."""
    table = Table()
    for number, project in enumerate(department.projects):
        hunan = number % 2 == 0
        table.add("2023年项目支出绩效目标申报表")
        table.add("填报单位:(盖章)", None, None, None, "单位:万元")
        if hunan:
            table.add("项目支出名称", project.name, "预算部门", project.competent_department)
            table.add("项目执行单位", project.implementing_unit)
            table.add("年度本级预算金额", project.amount, "该项目支出上级资金", 0.0)
            table.add("项目支出实施期", project.term)
        else:
            table.add("项目名称", project.name)
            table.add("主管部门", project.competent_department, "预算单位",
                      project.implementing_unit)
            table.add("项目资金(万元)", "年度资金总额", project.amount)
            table.add("项目期", project.term)
        table.add("实施期绩效目标", project.mid_term_goal)
        table.add("本年度绩效目标", project.goal)
        first = table.add("本年度绩效指标" if hunan else "绩效指标", "一级指标", "二级指标",
                          "三级指标", PROVINCIAL_VALUE_HEADERS[number % 2], "绩效标准")
        entries = _every_second_level(project.indicators) if hunan else [
            (i.level1, i.level2, i) for i in project.indicators]
        rows = [table.add(None, level1, level2, *((i.name, i.value, i.standard) if i else ()))
                for level1, level2, i in entries]
        for column, width in ((1, 1), (2, 2)):
            _merge_runs(table, rows, [entry[:width] for entry in entries], column)
        table.merge_down(0, first, rows[-1])
        _signatures(table, hunan)
    return table


# The second levels a 湖南 申报表 lists under each first level, filled in or not.
PROVINCIAL_SECOND_LEVELS = {
    "项目完成指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "项目效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
                   "社会公众或服务对象满意度指标"),
    "满意度指标": ("服务对象满意度指标",),
}


def _every_second_level(items: list[Indicator]) -> list[tuple[str, str, Indicator | None]]:
    """The rows of a form that lists every 二级 of its 一级s: a 二级 without indicators is
    a row of levels only (效益指标 | 生态效益指标, the rest empty), as the 湖南 form has."""
    entries: list[tuple[str, str, Indicator | None]] = []
    for level1 in dict.fromkeys(i.level1 for i in items):
        listed = PROVINCIAL_SECOND_LEVELS.get(level1)  # another framework's: its own only
        for level2 in listed or dict.fromkeys(i.level2 for i in items if i.level1 == level1):
            under = [i for i in items if (i.level1, i.level2) == (level1, level2)]
            entries += [(level1, level2, i) for i in under] or [(level1, level2, None)]
    return entries


def _merge_runs(table: Table, rows: list[int], keys: list[tuple], column: int) -> None:
    """Merge ``column`` down each run of rows with equal keys."""
    start = 0
    for end in range(1, len(rows) + 1):
        if end < len(rows) and keys[end] == keys[start]:
            continue
        table.merge_down(column, rows[start], rows[end - 1])
        start = end


def _signatures(table: Table, one_line: bool) -> None:
    """The rows under a 申报表: the finance office's opinion (left blank), then who filled
    it in — on one line (湖南), or as label/value pairs (四川)."""
    table.add("财政部门审核意见", None)
    if one_line:
        table.add("填表人: 张三 联系电话:13800000000 填报日期: 单位负责人签字:")
    else:
        table.add("填表人", "张三", "联系电话", "13800000000")


# A template's instructions to whoever fills it in, left inside the table (rule T004).
TEMPLATE_NOTE = "注：各地请根据实际情况设置具体指标，指标值须量化"
GOAL_NOTE = "注：年度目标请根据实际情况填写，应与资金量、产出和效益相匹配"


def transfer(department: Department) -> Table:
    """A transfer-payment 申报表 (中央转移支付 / 衔接资金): 项目负责人及电话, a 资金情况 block
    with 其中：财政拨款 / 其他资金, the goal, 一级|二级|三级|指标值 under a 绩效指标 block
    label, and the template's notes left inside.

    The projects alternate between two fillings of the template: 总体目标 over 年度目标
    (the goal in the row below) and the note in the table's last row; or 项目负责人及电话
    beside the name, 年度总体目标 beside its goal with the template's note under it, and
    the indicator note left between the 产出 and 效益 rows."""
    table = Table()
    for number, project in enumerate(department.projects):
        plain = number % 2 == 0
        table.add("XX县2023年衔接推进乡村振兴补助资金项目绩效目标申报表")
        table.add("填报单位：XX镇人民政府")
        if plain:
            table.add("项目名称", project.name)
            table.add("项目负责人及电话", "张三 13800000000")
        else:
            table.add("项目名称", project.name, "项目负责人及电话", "张三 13800000000")
        table.add("主管部门", project.competent_department, "实施单位", project.implementing_unit)
        funds = project.funds
        top = table.add("资金情况(万元)", "年度资金总额:", project.amount)
        table.add(None, "其中：财政拨款", funds.fiscal if funds else None)
        bottom = table.add(None, "其他资金", funds.other if funds and funds.other else None)
        table.merge_down(0, top, bottom)
        if plain:
            top = table.add("总体目标", "年度目标")
            bottom = table.add(None, project.goal)
            table.merge_down(0, top, bottom)
        else:
            table.add("年度总体目标", project.goal)
            _note_row(table, GOAL_NOTE, 0)
        first = table.add("绩效指标", "一级指标", "二级指标", "三级指标", "指标值")
        if plain:
            rows = [table.add(None, i.level1, i.level2, i.name, i.value)
                    for i in project.indicators]
            _levels(rows, table, project.indicators, 1, 2)
            table.merge_down(0, first, rows[-1])
            _note_row(table, TEMPLATE_NOTE, 0)
            continue
        outputs = [i for i in project.indicators if i.level1 == "产出指标"]
        rest = project.indicators[len(outputs):]
        rows = [table.add(None, i.level1, i.level2, i.name, i.value) for i in outputs]
        _levels(rows, table, outputs, 1, 2)
        _note_row(table, TEMPLATE_NOTE, 1)  # the block label's merge runs past it
        rows = [table.add(None, i.level1, i.level2, i.name, i.value) for i in rest]
        _levels(rows, table, rest, 1, 2)
        table.merge_down(0, first, rows[-1])
    return table


def _note_row(table: Table, note: str, left: int, width: int = 5) -> None:
    """A note written across the table from column ``left`` (one merged cell)."""
    row = table.add(*[None] * left, note, *[None] * (width - left - 1))
    table.merges.append((row, left, row, width - 1))


def template_notes(department: Department, family: str) -> list[list[str]]:
    """The template notes each project's table keeps (transfer), in order."""
    if family != "transfer":
        return [[] for _ in department.projects]
    return [[TEMPLATE_NOTE] if number % 2 == 0 else [GOAL_NOTE, TEMPLATE_NOTE]
            for number in range(len(department.projects))]


def reading_notes(department: Department, family: str) -> list[list[str]]:
    """The reading notes each project's table gives: a self-evaluation's 年度总体目标完成情况
    综述 (what was done), which no field of the model holds."""
    if family != "self_evaluation":
        return [[] for _ in department.projects]
    return [["年度总体目标完成情况综述：已按计划完成"] for _ in department.projects]


FAMILIES: dict[str, Callable[[Department], Table]] = {
    "local": local, "central": central, "long_term_pairs": long_term_pairs,
    "provincial": provincial, "transfer": transfer,
    "flat_list": flat_list, "two_level": two_level, "self_evaluation": self_evaluation,
}


def what_it_says(department: Department, family: str) -> dict:
    """What a family carries of a department: the content a reader must give back."""
    def indicator(item: Indicator) -> tuple:
        return (item.level1, item.level2, item.name, item.value, item.weight)

    projects = []
    for project in department.projects:
        entry: dict = {"name": project.name, "amount": project.amount,
                       "goal": project.goal,
                       "indicators": [indicator(i) for i in project.indicators]}
        if family in ("central", "long_term_pairs", "provincial"):
            entry["mid_term_goal"] = project.mid_term_goal
        if family == "provincial":
            entry["standards"] = [i.standard for i in project.indicators]
            entry["header"] = (project.competent_department, project.implementing_unit,
                               project.term)
        if family == "transfer":
            entry["header"] = (project.competent_department, project.implementing_unit)
            entry["fiscal"] = project.funds.fiscal if project.funds else None
        if family == "long_term_pairs":
            entry["long_term"] = [indicator(i) for i in project.long_term_indicators]
        if family == "flat_list":
            entry["unit"] = project.implementing_unit
        projects.append(entry)
    return {"projects": projects}


def read_back(department: Department, family: str) -> dict:
    """The same view of a department as read (for comparing with ``what_it_says``)."""
    return what_it_says(department, family)




# --- the containers offices publish: a web page, a Word file, a PDF ------------------


def _spans(table: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """(top, left) of each merged range → (rows, columns) it spans."""
    return {(top, left): (bottom - top + 1, right - left + 1)
            for top, left, bottom, right in table.merges}


def _html_text(value: Cell) -> str:
    from html import escape

    return "<br>".join(escape(line) for line in _text(value).split("\n"))


def html_page(table: Table, before: list[str] = (), after: list[str] = (),
              encoding: str = "utf-8") -> bytes:
    """The table as a web page shows it: one ``<table>``, a merged cell as one ``td`` with
    rowspan/colspan and the cells it covers left out; ``before``/``after`` as paragraphs
    around it; the bytes in ``encoding``, which the page declares."""
    from html import escape

    covered, spans = table.covered(), _spans(table)
    width = max(len(row) for row in table.rows)
    out = [f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
           f'content="text/html; charset={encoding}"><title>绩效目标</title></head><body>']
    out += [f"<p>{escape(line)}</p>" for line in before]
    out.append('<table border="1" cellspacing="0">')
    for r, row in enumerate(table.rows):
        cells = []
        for c in range(width):
            if (r, c) in covered:
                continue
            down, across = spans.get((r, c), (1, 1))
            span = (f' rowspan="{down}"' if down > 1 else "") + (
                f' colspan="{across}"' if across > 1 else "")
            value = row[c] if c < len(row) else None
            cells.append(f"<td{span}>{_html_text(value)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    out += [f"<p>{escape(line)}</p>" for line in after]
    out.append("</body></html>\n")
    return "\n".join(out).encode(encoding)


def save_docx(table: Table, path: Path, before: list[str] = (), after: list[str] = ()) -> Path:
    """The table in a Word file made by python-docx, merged as Word merges (``Cell.merge``
    writes vMerge and gridSpan), rows kept whole on a page; ``before``/``after`` paragraphs."""
    import docx
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    width = max(len(row) for row in table.rows)
    grid = document.add_table(rows=len(table.rows), cols=width)
    grid.style = "Table Grid"
    covered = table.covered()
    cells = [list(row.cells) for row in grid.rows]  # read once: Table.cell costs O(cells)
    for r, row in enumerate(table.rows):
        for c in range(width):
            value = row[c] if c < len(row) else None
            if (r, c) not in covered and value not in (None, ""):
                cells[r][c].text = _text(value)
            for paragraph in cells[r][c].paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
        grid.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for top, left, bottom, right in table.merges:
        cells[top][left].merge(cells[bottom][right])
    for line in after:
        document.add_paragraph(line)
    document.save(path)
    return path



def libreoffice() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def pdfs_by_libreoffice(sources: list[Path], folder: Path) -> list[Path]:
    """Each .docx (or .html) converted to PDF by LibreOffice, all in one run (a start costs
    seconds), with a private profile."""
    return converted_by_libreoffice(sources, folder, "pdf")


def converted_by_libreoffice(sources: list[Path], folder: Path, target: str,
                             import_filter: str | None = None) -> list[Path]:
    """Each source converted to ``target`` (pdf, xlsx …) by LibreOffice in one run, with a
    private profile; ``import_filter`` opens the sources with that filter (an .html page
    in Calc: ``calc_HTML_WebQuery``, as a spreadsheet user opens a web page's table)."""
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    program = libreoffice()
    assert program is not None
    opening = [f"--infilter={import_filter}"] if import_filter else []
    subprocess.run([program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--norestore", *opening, "--convert-to", target,
                    "--outdir", str(folder), *map(str, sources)],
                   check=True, capture_output=True, timeout=600,
                   env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    produced = [folder / f"{source.stem}.{target}" for source in sources]
    missing = [p.name for p in produced if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return produced


def chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def pdf_by_chromium(page: Path, target: Path) -> Path:
    """A web page printed to PDF by headless Chromium, as a user's "print to PDF" does.

    The flags keep it off the network (this machine and CI have none) and out of the
    user's profile; ``--no-sandbox`` because tests run as root here."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="xlperf-chromium-") as profile:
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={target}", page.as_uri()],
                       check=True, capture_output=True, timeout=180)
    assert target.exists()
    return target


__all__ = ["FAMILIES", "GOAL_NOTE", "TEMPLATE_NOTE", "Project", "Table", "browser_text",
           "chromium", "html_page", "libreoffice", "pdf_by_chromium", "pdf_text",
           "pdfs_by_libreoffice", "read_back", "save_docx", "save_xlsx", "template_notes",
           "what_it_says"]
