"""The 审核意见 sent back to a unit (``xlperf validate DIR --opinions-dir OUT/``): a Word file.

One document per file checked: whom it is for, the verdict (通过 / 不通过), and a table of
what to change, project by project and cell by cell, with how to fix it — what a reviewer
would otherwise type up from the report. To keep it to about one page, findings of one
rule in one project share a row that lists their cells (``C15、C16、C22``) under the
rule's title; a rule found once keeps its full message; a fix already given says
``同第 N 条``. Errors come first in each project: they are what must change before
publication.

The layout reuses the notice's GB/T 9704 styles, page and page numbers
(``xlperf.notice.docx_writer``): 方正小标宋 title, 仿宋 3号 body, the table in 五号. User text
is passed through ``xml_safe`` and escaped, so a name can never become markup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from xlperf.reports.marks import SEVERITY_WORDS
from xlperf.reports.results import FileResult
from xlperf.reports.summary import counts, fix_text, passes, rule_title, status_of, unit_name
from xlperf.safe_text import path_text, xml_safe
from xlperf.validation.findings import SEVERITIES, Finding

if TYPE_CHECKING:
    from docx.document import Document

    from xlperf.outputs import Output

TITLE = "项目支出绩效目标审核意见"
DEPARTMENT_GROUP = "部门整体"
ADDRESSEE_UNKNOWN = "报送单位"
# Table columns: (header, width in mm); they add up to the 156 mm text width.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 10.0), ("位置", 32.0), ("级别", 11.0), ("问题", 55.0), ("修改建议", 48.0),
)
CELLS_SHOWN = 8  # cells listed in a grouped row before "等 N 处"


@dataclass(frozen=True)
class Item:
    """One row of the table: where, how serious, what is wrong, what to do."""

    place: str
    severity: str
    problem: str
    fix: str


@dataclass(frozen=True)
class Opinion:
    """What the document says, before any Word markup (tested on its own)."""

    unit: str
    file: str
    verdict: str  # 通过 / 不通过
    opening: str  # the paragraph after the salutation
    projects: list[tuple[str, list[Item]]]
    closing: str

    @property
    def addressee(self) -> str:
        """Whom it is sent to: the department, or 报送单位 when the file did not say."""
        return self.unit if not self.unit.startswith("（") else ADDRESSEE_UNKNOWN


def build_opinion(result: FileResult) -> Opinion:
    unit = unit_name(result)
    name = _file_name(result.file)
    if result.unreadable:
        return Opinion(unit, name, "不通过",
                       f"你单位报送的《{name}》无法读取：{result.error}。", [],
                       "请按上述说明处理后重新报送。")
    # Accepted findings stay: nothing to change there (the report lists them with the reason).
    to_change = [f for f in result.findings if status_of(f) != "accepted"]
    listed = Counter(f.severity for f in to_change)
    found = "、".join(f"{SEVERITY_WORDS[s]} {listed[s]} 处" for s in SEVERITIES if listed[s])
    left_out = "、".join(f"{SEVERITY_WORDS.get(s, s)} {n} 处"
                        for s, n in counts(result).items() if n and not listed[s])
    note = f"（另有{left_out}，本意见未列出）" if left_out else ""
    verdict = "通过" if passes(result) else "不通过"
    opening = f"你单位报送的《{name}》共 {result.projects} 个项目，经审核，"
    if not found:
        opening += f"未发现{'须修改的问题' if note else '问题'}{note}。审核结论：{verdict}。"
        return Opinion(unit, name, verdict, opening, [], "")
    opening += f"发现{found}{note}。"
    if listed["error"]:
        opening += f"审核结论：{verdict}，错误须修改后方可公开；具体意见如下："
        closing = "请按上述意见修改后重新报送。"
        if listed["warning"]:
            closing += "警告请逐项核实，确需保留的请说明理由。"
    else:
        opening += f"审核结论：{verdict}；以下问题请逐项核实："
        closing = "以上问题不影响公开，请核实后酌情修改，确需保留的请说明理由。"
    return Opinion(unit, name, verdict, opening, _by_project(to_change), closing)


def _file_name(path: str) -> str:
    from pathlib import PurePath

    return path_text(PurePath(path).name)  # bytes that are not UTF-8 shown as \\xff


def _by_project(findings: list[Finding]) -> list[tuple[str, list[Item]]]:
    """Projects in the order met (department level first); per project, errors first, one
    row per rule with its cells. A project's own sheet is named once, in its heading
    (``项目：… （工作表 项目07）``), so its rows give the cells alone."""
    projects: dict[str | None, dict[tuple[str, str], list[Finding]]] = {}
    for finding in findings:
        groups = projects.setdefault(finding.project, {})
        groups.setdefault((finding.severity, finding.rule), []).append(finding)
    if None in projects:
        projects = {None: projects.pop(None), **projects}
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    result = []
    for project, groups in projects.items():
        ordered = sorted(groups.items(), key=lambda item: rank.get(item[0][0], len(rank)))
        home = _home_sheet([f for group in groups.values() for f in group])
        heading = (project or DEPARTMENT_GROUP) + (f"（工作表 {home}）" if home else "")
        result.append((heading, [_item(group, home) for _, group in ordered]))
    return result


def _home_sheet(findings: list[Finding]) -> str | None:
    """The one sheet all of a project's located findings are on, if there is one."""
    sheets = {f.sheet for f in findings if f.sheet and f.cell}
    return sheets.pop() if len(sheets) == 1 else None


def _item(group: list[Finding], home: str | None) -> Item:
    first = group[0]
    fix = fix_text(first)
    if len(group) == 1:
        return Item(_places(group, home), first.severity, first.message, fix)
    shown = _places(group[:CELLS_SHOWN], home)
    if len(group) > CELLS_SHOWN:
        shown += f" 等 {len(group)} 处"
    title = rule_title(first.rule) or first.message
    return Item(shown, first.severity, f"{title}（{len(group)} 处）", fix)


def _places(findings: list[Finding], home: str | None = None) -> str:
    """``C15 C16 C22`` on the project's own sheet; ``项目清单!B40`` elsewhere: each sheet
    named once, cells apart by spaces (a narrow column breaks between them, never inside
    ``C15``); a finding without a cell by its line or sheet."""
    by_sheet: dict[str, list[str]] = {}
    for finding in findings:
        if finding.sheet and finding.cell:
            by_sheet.setdefault(finding.sheet, []).append(finding.cell)
        else:
            by_sheet.setdefault(_place(finding), [])
    parts = []
    for sheet, cells in by_sheet.items():
        listed = " ".join(dict.fromkeys(cells))
        parts.append(sheet if not cells else listed if sheet == home else f"{sheet}!{listed}")
    return "\n".join(parts)


def _place(finding: Finding) -> str:
    if finding.row is not None:
        return f"第 {finding.row} 行"
    return finding.cell or finding.sheet or ""


# --- the Word file ------------------------------------------------------------------------------

def write_opinion(output: Output, result: FileResult, today: date | None = None) -> None:
    """Write ``result``'s 审核意见 to ``output`` atomically."""
    document = build_document(build_opinion(result), today or date.today())
    with output.writing() as tmp:
        document.save(str(tmp))


@dataclass(frozen=True)
class _Meta:
    """What ``finish_package`` reads of a notice, for this document."""

    department: str
    title: str
    attachment_title: str
    draft: bool = False


def build_document(opinion: Opinion, today: date) -> Document:
    import io

    import docx

    from xlperf.notice import gbt9704 as g
    from xlperf.notice.docx_package import finish_package
    from xlperf.notice.docx_writer import _add, _indent

    blank, styles = _blank()
    document = docx.Document(io.BytesIO(blank))
    _add(document, styles["title"], TITLE)
    _add(document, styles["body"])
    _add(document, styles["attachment_note"], xml_safe(f"{opinion.addressee}："))
    _add(document, styles["body"], xml_safe(opinion.opening))
    if opinion.projects:
        _table(document, opinion, styles)
    if opinion.closing:
        _add(document, styles["body"], opinion.closing)
    stamp = _add(document, styles["signature"], f"{today.year}年{today.month}月{today.day}日")
    stamp.paragraph_format.space_before = docx.shared.Pt(g.LINE_PITCH_PT)
    _indent(stamp._p.get_or_add_pPr(), g.SIZE_BODY_PT, right=g.SIGNATURE_RIGHT_CHARS)
    finish_package(document, _Meta("", f"{opinion.addressee}{TITLE}", TITLE))
    document.core_properties.author = ""  # the reviewer, whom xlperf does not know
    return document


@dataclass(frozen=True)
class _StyleId:
    style_id: str


_BLANK: list[tuple[bytes, dict[str, _StyleId]]] = []


def _blank() -> tuple[bytes, dict[str, _StyleId]]:
    """The empty styled page (the notice's styles, page, page numbers) as a .docx, made once
    a run: creating the styles takes ~0.17 s, opening the saved page ~0.04 s."""
    if not _BLANK:
        import io

        import docx

        from xlperf.notice.docx_writer import (
            _clear_body,
            _ensure_styles,
            _headers,
            _page_numbers,
            _page_setup,
        )

        document = docx.Document()
        _clear_body(document)
        styles = _ensure_styles(document)
        _page_setup(document)
        _page_numbers(document, styles["page_number"])
        _headers(document, styles["draft"], False)
        buffer = io.BytesIO()
        document.save(buffer)
        _BLANK.append((buffer.getvalue(),
                       {key: _StyleId(style.style_id) for key, style in styles.items()}))
    return _BLANK[0]


def _table(document: Document, opinion: Opinion, styles: dict) -> None:
    """The findings as one table, written as WordprocessingML (as the notice's tables are):
    a header row repeated on each page, a row per project, then its items."""
    from itertools import accumulate, pairwise

    from docx.oxml.parser import parse_xml

    from xlperf.notice import gbt9704 as g
    from xlperf.notice.docx_writer import _TBL_OPEN, _row, _twips_mm

    text, head = styles["table_text"].style_id, styles["table_head"].style_id
    edges = [0.0, *accumulate(width for _, width in COLUMNS)]
    spans = list(pairwise(edges))
    rows = [_row([(a, b, name, head, "center") for (a, b), (name, _) in zip(spans, COLUMNS,
                                                                             strict=True)],
                 edges, header=True)]
    number = 0
    first_with: dict[str, int] = {}  # a fix text already given: "同第 N 条" (one page)
    for project, items in opinion.projects:
        heading = _row([(0.0, edges[-1], f"项目：{project}", head, "left")], edges, header=False)
        # Kept with its first item: a project's name never ends a page alone.
        rows.append(heading.replace(f'<w:pStyle w:val="{head}"/>',
                                    f'<w:pStyle w:val="{head}"/><w:keepNext/>', 1))
        for item in items:
            number += 1
            word = SEVERITY_WORDS.get(item.severity, item.severity)
            fix = f"同第 {first_with[item.fix]} 条" if item.fix in first_with else item.fix
            first_with.setdefault(item.fix, number)
            values = [(str(number), "center"), (item.place, "left"), (word, "center"),
                      (item.problem, "left"), (fix, "left")]
            rows.append(_row([(a, b, value, text, align)
                              for (a, b), (value, align) in zip(spans, values, strict=True)],
                             edges, header=False))
    widths = [_twips_mm(b - a) for a, b in spans]
    xml = [_TBL_OPEN.format(width=sum(widths), border=g.TABLE_BORDER_EIGHTHS,
                            margin=_twips_mm(g.TABLE_CELL_MARGIN_MM)),
           "<w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>",
           *rows, "</w:tbl>"]
    document.element.body.insert_element_before(parse_xml("".join(xml)), "w:sectPr")
