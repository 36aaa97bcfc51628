"""How much xlperf reads, writes and renders — what a real department has, with a wide margin.

A city department publishes tens of projects a year, the largest a few
hundred; a project table has tens of rows. Inputs far beyond that are not
goal tables but mistakes or attacks (a 49 MB text, a cell at XFD1048576), and
below these limits every command's time and memory grow in proportion to the
input (measured: ``benchmarks/limits.py``, documented in docs/limits.md).
Beyond them a command refuses in seconds, with one Chinese line that says
which limit and what to do, before the expensive work starts.
"""

from __future__ import annotations

import re

from xlperf.errors import InputError

# One department (a workbook or a published text).
MAX_PROJECTS = 1000
# A published text file: 1 000 projects of the seed's size are about 2 MB.
MAX_TEXT_BYTES = 10 * 1024 * 1024
# One line of a published text is one table row; two full Excel cells are more than any has.
MAX_LINE_CHARS = 65_534
# The text before the first table (title, body sentence, 附件, signature): under a page in
# practice; bounded because its lines are matched against several patterns.
MAX_NOTICE_CHARS = 200_000
# Excel's limit for one cell: text beyond it cannot be written to a workbook without losing it.
MAX_CELL_CHARS = 32_767
# Cells a worksheet may span (rows × columns from A1) and still be loaded; calamine allocates
# the whole rectangle (32 bytes a cell). A goal table spans a few hundred.
MAX_SHEET_CELLS = 2_000_000
# Worksheets in one workbook: one per project, plus a few.
MAX_SHEETS = MAX_PROJECTS + 20
# Cells with a value in a workbook to annotate: openpyxl holds each as a Python object and
# writes them all back (about 0.1 ms and 0.5 kB a cell).
MAX_ANNOTATE_CELLS = 400_000
# Rows of a 校验说明 sheet read as acceptances: a reviewer accepts a few findings, not every one.
MAX_ACCEPTANCES = 5_000

# Address space a reading process may take beyond what it has at its start: calamine
# allocates a sheet's whole rectangle, and a tiny .ods/.xls (no extent to check beforehand)
# can ask for gigabytes. A department's workbooks need tens of megabytes.
READING_MEMORY = 1024 * 1024 * 1024

_MB = 1024 * 1024
_TABLE_START = re.compile(r"^[ \t\u3000]*项目名称", re.MULTILINE)


def check_text_file_size(size: int, source: str | None) -> None:
    """A published text larger than ``MAX_TEXT_BYTES``, refused before it is read."""
    if size > MAX_TEXT_BYTES:
        raise InputError(f"文件过大（{size / _MB:.1f} MB），超过公开文本的上限 "
                         f"{MAX_TEXT_BYTES // _MB} MB（约 {MAX_PROJECTS * 5} 个项目的篇幅）；"
                         "请确认这是绩效目标公开文本，过大的文本请按部门拆分", file=source)


def check_text(text: str, lines: list[tuple[int, str]], start: int | None,
               source: str | None) -> None:
    """Refuse a published text beyond the limits, before its tables are parsed.

    ``lines`` are the numbered lines, ``start`` the index of the first table's line
    (None when there is none: a text on one line is told so, not that it has no table).
    """
    check_text_file_size(len(text.encode("utf-8", "surrogatepass")), source)
    for number, line in lines:
        if len(line) > MAX_LINE_CHARS:
            raise InputError(f"第 {number} 行有 {len(line)} 个字符，超过上限 {MAX_LINE_CHARS}："
                             "公开文本的一行是表格的一行，这不像绩效目标表；"
                             "请检查文件是否缺少换行（如从网页或 PDF 复制时丢失）", file=source)
    notice = sum(len(line) for _, line in lines[:start]) if start is not None else 0
    if notice > MAX_NOTICE_CHARS:
        raise InputError(f"第一张表格之前的公告部分有 {notice} 个字符，超过上限 "
                         f"{MAX_NOTICE_CHARS}；请确认文件是绩效目标公开文本，"
                         "并删除表格前多余的内容", file=source)
    tables = sum(1 for _ in _TABLE_START.finditer(text))
    if tables > MAX_PROJECTS:
        raise too_many_projects(tables, source)


def check_projects(count: int, source: str | None) -> None:
    if count > MAX_PROJECTS:
        raise too_many_projects(count, source)


def too_many_projects(count: int, source: str | None) -> InputError:
    return InputError(f"有 {count} 个项目，超过一个部门的上限 {MAX_PROJECTS} 个；"
                      "请确认这是一个部门的绩效目标表，多个部门请分别保存为单独的文件",
                      file=source)


class CellTooLong(InputError):
    """Text too long for one Excel cell (``chars`` characters)."""

    def __init__(self, chars: int, sheet: str | None, cell: str | None) -> None:
        self.chars = chars
        super().__init__(f"这段文字有 {chars} 个字符，超过 Excel 单元格的上限 {MAX_CELL_CHARS} "
                         "个字符，写入工作簿会被截断；请缩短后再试", sheet=sheet, cell=cell)

    def __reduce__(self):  # sent back from a worker process whole
        return CellTooLong, (self.chars, self.sheet, self.cell)


def check_cell_text(text: str, sheet: str | None, cell: str | None) -> None:
    """Text too long for one Excel cell: openpyxl would cut it without a word."""
    if len(text) > MAX_CELL_CHARS:
        raise CellTooLong(len(text), sheet, cell)
