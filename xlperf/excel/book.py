"""What each ribbon button does to a book, through the port (``xlperf.excel.port``).

``book`` may be an ``xw.Book``, an openpyxl ``Workbook`` or an adapter; the
functions return what they did, so tests and the command line can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlperf.errors import InputError
from xlperf.excel.port import BookPort
from xlperf.model import Department
from xlperf.validation.findings import SEVERITIES, Finding
from xlperf.writers.workbook import layout

CONFIG_NAME = "xlperf.toml"
NOTICE_FOLDER_SUFFIX = "-公告"  # 政府办.xlsx → 政府办-公告/ beside it
_PROJECT_SHEET = re.compile(rf"^{layout.PROJECT_SHEET_PREFIX}(\d+)$")
# Header fields a new project starts without (主管部门, 实施单位, 处室 are usually shared).
NEW_PROJECT_BLANKS = ("name", "attribute", "term", "amount", "goal")
INDICATOR_INPUTS = ("name", "weight", "value")  # 三级指标, 绩效值, 指标值


def as_port(book: Any) -> BookPort:
    """The adapter for ``book``: an ``xw.Book``, an openpyxl ``Workbook``, or a port already."""
    module = type(book).__module__
    if module.startswith("xlwings"):
        from xlperf.excel.xlwings_book import XlwingsBook

        return XlwingsBook(book)
    if module.startswith("openpyxl"):
        from xlperf.excel.openpyxl_book import OpenpyxlBook

        return OpenpyxlBook(book)
    return book


@dataclass(frozen=True)
class Summary:
    """What a validation found, counted for the one-line message."""

    projects: int
    counts: dict[str, int]

    @property
    def line(self) -> str:
        error, warning, info = (self.counts.get(s, 0) for s in SEVERITIES)
        accepted = self.counts.get("accepted", 0)
        if not (error or warning or info or accepted):
            return f"校验完成：{self.projects} 个项目，未发现问题。"
        also = f"、已接受 {accepted} 个" if accepted else ""
        return (f"校验完成：{self.projects} 个项目，错误 {error} 个、警告 {warning} 个、"
                f"提示 {info} 个{also}，已在单元格上标色并加批注，详见“校验结果”工作表。")


def validate(book: Any) -> list[Finding]:
    """校验: mark the book's findings (replacing earlier marks) and show the summary."""
    port = as_port(book)
    department = port.read_department()
    findings = check(port, department)
    port.mark(findings)
    summary = Summary(len(department.projects), _counts(findings))
    port.status(summary.line)
    port.alert(summary.line)
    return findings


def check(port: BookPort, department: Department) -> list[Finding]:
    """The rule engine on one department, with the configuration a command-line run would use."""
    from xlperf.validation.acceptance import accept
    from xlperf.validation.engine import validate as run_rules

    config = _config(port, department)
    findings = run_rules([department], config)
    acceptances = [*(config.accepts if config is not None else ()), *department.acceptances]
    return accept(findings, acceptances, port.name)[0] if acceptances else findings


def _config(port: BookPort, department: Department) -> Any:
    """``xlperf.toml`` beside the workbook with its 部门信息 settings over it, as on the
    command line; an unsaved book has only its 部门信息 settings (the engine applies them)."""
    if port.folder is None:
        return None
    from xlperf.validation.config import load_config

    config = load_config(port.folder / CONFIG_NAME)
    return config.merged_with(department.settings) if department.settings else config


def _counts(findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.status] = counts.get(finding.status, 0) + 1
    return counts


def clear_marks(book: Any) -> int:
    """清除标记: restore the cells validate marked and remove its sheets."""
    port = as_port(book)
    restored = port.clear()
    line = f"已清除 {restored} 处校验标记。" if restored else "没有需要清除的校验标记。"
    port.status(line)
    return restored


def add_project(book: Any, name: str | None = None) -> str:
    """新增项目: a new project sheet laid out like the first one, blank, listed in 项目清单;
    ``name`` (``xlperf add-project --name``) is written as its 项目名称."""
    port = as_port(book)
    sheets = port.sheet_names()
    numbered = [(int(m.group(1)), s) for s in sheets if (m := _PROJECT_SHEET.match(s))]
    if not numbered:
        raise InputError("没有找到项目工作表（如“项目01”）：请用 xlperf new 生成的模板填报",
                         file=port.name)
    template = min(numbered)[1]
    sheet = layout.project_sheet_name(max(number for number, _ in numbered) + 1)
    port.copy_sheet(template, sheet, after=max(numbered)[1])
    cells = header_cells(port.read_values(sheet))
    _blank_inputs(port, sheet, cells)
    if name:
        port.write_values(sheet, cells["name"], [[name]])  # stays text
    _list_project(port, sheet, cells)
    port.activate(sheet)
    port.status(f"已新增项目工作表“{sheet}”，请填写项目名称和绩效指标。")
    return sheet


def header_cells(rows: list[list[Any]]) -> dict[str, str]:
    """Where a project sheet keeps each header value: the cell right of its label.

    Found by label, so a workbook written by an older xlperf (its header block had
    实施单位 in D4 and the amount in D6) gets its own cells blanked and listed, not
    the ones the current layout would use; a label not found keeps the current cell.
    """
    from openpyxl.utils import get_column_letter

    cells = dict(layout.HEADER_CELLS)
    wanted = {label: key for key, label in layout.HEADER_LABELS.items()}
    for number, row in enumerate(rows[:layout.INDICATOR_HEADER_ROW - 1], start=1):
        for column, value in enumerate(row[:-1], start=1):
            key = wanted.get(str(value).strip()) if isinstance(value, str) else None
            if key is not None:
                cells[key] = f"{get_column_letter(column + 1)}{number}"
    return cells


def _blank_inputs(port: BookPort, sheet: str, cells: dict[str, str]) -> None:
    """Empty what the user types for a project; labels, levels, formats and 合计 stay."""
    for key in NEW_PROJECT_BLANKS:
        port.write_values(sheet, cells[key], [[None]])
    rows = port.read_values(sheet)
    total = _row_of(rows, layout.TOTAL_LABEL, start=layout.FIRST_INDICATOR_ROW) or len(rows) + 1
    first = layout.FIRST_INDICATOR_ROW
    if total > first:
        for key in INDICATOR_INPUTS:
            port.write_values(sheet, f"{layout.COLUMNS[key]}{first}", [[None]] * (total - first))


def _row_of(rows: list[list[Any]], label: str, start: int = 1) -> int | None:
    """The 1-based row whose column A reads ``label`` (from row ``start``)."""
    for index in range(start - 1, len(rows)):
        if rows[index] and str(rows[index][0]).strip() == label:
            return index + 1
    return None


def _list_project(port: BookPort, sheet: str, cells: dict[str, str]) -> None:
    """Add the project to 项目清单 before its 合计 row, showing the sheet's name and amount."""
    if layout.PROJECT_LIST_SHEET not in port.sheet_names():
        return
    listing = layout.PROJECT_LIST_SHEET
    total = _row_of(port.read_values(listing), layout.TOTAL_LABEL, start=2)
    if total is None:
        return
    port.insert_row(listing, total)
    port.write_values(listing, f"A{total}", [[total - 1]])
    for column, key in (("B", "name"), ("C", "amount")):
        port.write_formula(listing, f"{column}{total}",
                           layout.list_formula(sheet, key, cells[key]))
    port.link(listing, f"D{total}", f"'{sheet}'!A1", sheet)
    port.write_formula(listing, f"C{total + 1}", layout.list_total_formula())


@dataclass(frozen=True)
class NoticeResult:
    folder: Path
    draft: bool
    errors: int


def render_notice(book: Any) -> NoticeResult:
    """生成公告: the notice package in ``<工作簿名>-公告`` next to the workbook.

    The publication gate of ``xlperf notice`` applies: a department with
    error findings, without its name or budget year, or with formulas that
    have no calculated value gets a draft (marked on every page and in file
    names, its first page saying why) instead of the notice. The PDF is made
    only when LibreOffice and the GB/T 9704 fonts are there: a button has no
    ``--allow-font-substitution``, so it leaves the PDF out and says why
    rather than publish a 黑体-looking one. Pressing the button again
    replaces its files.
    """
    from xlperf.notice import package as pkg
    from xlperf.notice.gate import uncalculated_fields

    port = as_port(book)
    if port.folder is None:
        raise InputError("请先保存工作簿：公告会生成在工作簿所在的文件夹中")
    department = port.read_department()
    findings = check(port, department)
    errors = sum(f.severity == "error" for f in findings)
    missing = pkg.missing_fields(department)
    uncalculated = uncalculated_fields(department)
    outdir = port.folder / f"{Path(port.name).stem}{NOTICE_FOLDER_SUFFIX}"
    pdf_absent = _why_no_pdf()
    formats = pkg.DEFAULT_FORMATS if pdf_absent else (*pkg.DEFAULT_FORMATS, "pdf")
    draft = bool(errors or missing or uncalculated)
    reasons = {port.name: pkg.draft_reasons(findings, missing, uncalculated)}
    package = pkg.plan([(department, port.name)], outdir, formats, draft=draft, reasons=reasons)
    pkg.write_package(package)
    line = _notice_line(outdir, errors, missing, uncalculated)
    if pdf_absent:
        line += pdf_absent
    port.status(line)
    port.alert(line)
    return NoticeResult(outdir, draft, errors)


def _why_no_pdf() -> str:
    """"" when the PDF can be made as a 公文; else the sentence saying why it was left out."""
    from xlperf.notice import fonts
    from xlperf.notice.pdf import find_soffice

    if not find_soffice():
        return "未生成 PDF：本机未安装 LibreOffice。"
    missing = fonts.missing_fonts()
    if missing:
        return ("未生成 PDF：本机缺少公文字体 " + "；".join(m.describe() for m in missing)
                + "。请安装后重新生成。")
    return ""


def _notice_line(outdir: Path, errors: int, missing: list[str], uncalculated: list[str]) -> str:
    """The status line after 生成公告: what was written and, for a draft, what to do."""
    if errors:
        return (f"有 {errors} 个错误，已生成标注“草稿”的审阅稿：{outdir}。"
                "请点“校验”查看并修改后重新生成。")
    if missing:
        return (f"“部门信息”表缺少{'、'.join(missing)}，已生成标注“草稿”的审阅稿：{outdir}。"
                "请填写后重新生成。")
    if uncalculated:
        return (f"{'、'.join(uncalculated)}是没有计算结果的公式，已生成标注“草稿”的审阅稿："
                f"{outdir}。请在 Excel 或 WPS 中重新计算并保存后重新生成。")
    return f"已生成公告及附件：{outdir}"
