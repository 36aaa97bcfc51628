"""Reading a text (the published notice, or a table copied from a PDF or web page).

``read_text`` takes a file as offices send it (GBK or UTF-8, BOM, CRLF);
``parse_text`` takes the decoded text. The text becomes one grid (a row per
line, cells split at tabs, each row keeping its line number) for the table
reader; the lines before the first table are the notice. A text has no sheets
or cells: findings on it point at lines (``第 12 行``).
"""

from __future__ import annotations

import os
import re

from xlperf.errors import InputError
from xlperf.limits import check_projects, check_text
from xlperf.model import Department
from xlperf.model.vocabulary import is_header_label, mentions_indicator_header
from xlperf.reader import Trace, read_tables
from xlperf.reader import cells as kinds
from xlperf.reader.columns import indicator_header
from xlperf.reader.notice import continues_attachments, read_notice
from xlperf.reader.row_cells import starts_table
from xlperf.reader.wrapped import join_cut_brackets, join_cut_header_tails
from xlperf.sources.grid import Grid
from xlperf.sources.text.decoding import read_notice_file

NO_TABLE = ("没有找到绩效目标表（没有“项目名称”“一级指标”等表头）；"
            "请确认这是项目支出绩效目标表的文字（制表符分隔，如从 PDF 或网页复制）")
PROSE = ("这是一段文字说明，不是表格：绩效指标写成了句子，xlperf 无法逐项读取；"
         "请改用附件中的绩效目标表（.xlsx），或把指标整理成表格后再试")
_PROSE_WORDS = re.compile(r"产出指标|效益指标|满意度指标|数量指标|质量指标")
# Between two cells of a text laid out with spaces: two or more (a cell's own words are
# one space apart: ``全年督查不少于 50 次``).
_COLUMN_GAP = re.compile(r"[ \u3000]{2,}")
# The indicator header is there, but no row under it could be read as an indicator.
NO_INDICATORS = ("找到了指标表头（一级指标、二级指标等），但其下没有一行能作为指标读取"
                 "（表是空的，或各行的单元格与表头的列对不上）；请填写指标，"
                 "或检查每一行是否按表头分列（单元格之间是制表符）后再试")
# A table whose cells ran together (copied from a page that lost its cell boundaries): the
# column headers are there, the tabs between the cells are not.
RUN_TOGETHER = ("表格的单元格连在了一起（各列之间没有制表符），xlperf 分不清哪段文字属于哪一列；"
                "请打开原网页或 PDF，选中表格复制后粘贴为文本（单元格之间应是制表符），"
                "或改用附件中的绩效目标表（.xlsx）后再试")


def no_table_message(text: str, rows: list[list[str]], projects: bool = False) -> str:
    """Why a text holds no goal table, in the words that tell the user what to do
    (``projects``: a header block was read, but no indicator under it). The column headers
    named in the text but in no row's own cells: the table's cells ran together."""
    has_header = any(map(indicator_header, rows))
    if mentions_indicator_header(text) and not has_header:
        return RUN_TOGETHER
    if has_header:
        return NO_INDICATORS
    return PROSE if _PROSE_WORDS.search(text) and not projects else NO_TABLE


def read_text(path: str | os.PathLike[str], trace: Trace | None = None) -> Department:
    """Read a text file; ``InputError`` (Chinese, naming the file) if it holds no goal table."""
    source = os.fspath(path)
    return parse_text(read_notice_file(path), source=source, trace=trace)


def parse_text(text: str, source: str | None = None, trace: Trace | None = None) -> Department:
    """The department a text describes; ``source`` names it in messages."""
    lines = join_cut_brackets(split_lines(text))  # a PDF copy's cut rows: reader/wrapped.py
    rows = [line.split("\t") for _, line in lines]
    start = _first_table(lines, rows)
    spaced = _laid_out_with_spaces(text, rows, lines)
    if spaced is not None:  # a PDF's text laid out with spaces (pdftotext -layout)
        rows = spaced
        start = _first_table(lines, rows)
    join_cut_header_tails(lines, rows)
    check_text(text, lines, start, source)  # size limits, before the tables are parsed
    if start is None:
        raise InputError(no_table_message(text, rows), file=source)
    start = _with_rows_above(rows, start)
    department = Department(source=source)
    read_notice(lines[:start], department, source)
    grid = Grid(None, rows[start:], lines=[number for number, _ in lines[start:]],
                addressed=False)
    reading = read_tables([grid], trace)
    projects = reading.projects
    if not any(project.indicators for project in projects):
        raise InputError(no_table_message(text, rows, bool(projects)), file=source)
    if spaced is not None and (not _reads_cleanly(projects) or _cells_over_lines(spaced)):
        raise InputError(RUN_TOGETHER, file=source)
    check_projects(len(projects), source)
    department.projects = projects
    department.year = department.year or reading.year  # the notice's first, else the titles'
    department.notes = department.notes + reading.notes  # the notice's first
    department.normalizations = grid.normalizations
    return department


def _laid_out_with_spaces(text: str, rows: list[list[str]],
                          lines: list[tuple[int, str]]) -> list[list[str]] | None:
    """The rows of a text without a tab whose indicator header is there only with its
    cells at wide gaps (``一级指标    二级指标    三级指标    绩效值``), split there; else None."""
    if "\t" in text or any(map(indicator_header, rows)):
        return None
    spaced = [_spaced_cells(line) for _, line in lines]
    return spaced if any(map(indicator_header, spaced)) else None


def _spaced_cells(line: str) -> list[str]:
    """A line laid out with spaces, split at its wide gaps; an indented line starts with
    an empty cell (the merged 一级/二级 left blank), as a copy that lost tabs has none."""
    text = line.strip(" \u3000")
    cells = _COLUMN_GAP.split(text)
    return ["", *cells] if text and _COLUMN_GAP.match(line) else cells


def _reads_cleanly(projects: list) -> bool:
    """A text split at wide gaps is taken only when its rows fit the columns: a narrow
    column's text wraps onto lines of its own and a full one touches the next column
    (one space), and such a layout is refused as before rather than read as fragments."""
    indicators = sum(len(project.indicators) for project in projects)
    notes = sum(1 for project in projects for note in project.notes)
    return notes * 10 <= indicators


def _cells_over_lines(rows: list[list[str]]) -> bool:
    """Whether a table's cells run over lines of their own among its rows.

    A PDF centres a cell's text in its height: a merged 一级/二级 label stands on a line of
    its own amid the rows it labels (`第1项…`, `第2项…`, then `11-数量指标`, then `第3项…`),
    and a wrapped 三级's first and last lines stand above and below its row, which holds the
    other cells. Laid out with spaces, which rows such a line belongs to cannot be told
    from the text — carried down, a label above would give the rows the wrong level, and a
    lone line is no indicator — so such a layout is refused, never read with cells guessed.
    A label alone under a row with its own levels (a 二级 without indicators) is not this."""
    filled_rows = [(cells, [cell for cell in cells if cell.strip()]) for cells in rows]
    filled_rows = [(cells, filled) for cells, filled in filled_rows if filled]
    inside = False
    for number, (cells, filled) in enumerate(filled_rows):
        if indicator_header(cells):
            inside = True
            continue
        if not inside or number == 0:
            continue
        above, above_filled = filled_rows[number - 1]
        below = filled_rows[number + 1][1] if number + 1 < len(filled_rows) else []
        if not above[0] and not indicator_header(above) and all(
                kinds.level_of(cell) for cell in filled):
            return True  # under an indented row: a merged label printed amid its rows
        if len(filled) == 1 and not cells[0] and _table_row(above_filled) and _table_row(below):
            return True  # a wrapped cell's line between two rows of the table
    return False


def _table_row(filled: list[str]) -> bool:
    """A row of the table's cells (two or more, no header label first): not a header block's."""
    return len(filled) >= 2 and not is_header_label(filled[0])


def _first_table(lines: list[tuple[int, str]], rows: list[list[str]]) -> int | None:
    """The first line of the first table: its title, a header field or an indicator header
    — not a further item of the notice's attachment list (``2.…绩效目标表``)."""
    for index, cells in enumerate(rows):
        if starts_table(cells) and not continues_attachments(lines, index):
            return index
    return None


def _with_rows_above(rows: list[list[str]], start: int) -> int:
    """Where the table starts, counting the rows of cells right above the first one the
    reader knows (``预算项目名称 | 某项目`` above ``主管部门 | 某局``): a line of two or more
    cells is part of the table, never a notice line — the table reader keeps it as a note
    if it cannot place it, instead of the notice reader taking it for the department."""
    while start and sum(1 for cell in rows[start - 1] if cell.strip()) >= 2:
        start -= 1
    return start


def split_lines(text: str) -> list[tuple[int, str]]:
    """Numbered lines; CRLF, CR and LF all end a line, and a leading BOM is dropped.

    Only these three end a line (as in any editor). The form feeds pdftotext
    puts at page breaks are dropped; other characters stay text.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "")
    return list(enumerate(text.split("\n"), start=1))
