"""A document — a web page, a Word file, a PDF — as text lines and tables in reading order.

Each document source (``sources/html``, ``sources/docx``, ``sources/pdf``)
only walks its container and hands this module what it finds, in order: a
line of text, or a table already expanded into a rectangle of cells (a merged
cell's text in its first cell, the cells it covers empty — as a workbook's
merged cells read, so the reader carries a merged 一级/二级 down). Everything
after that is shared with the text importer:

- the lines before the first table are the notice (``reader.notice``);
- from there on, the text lines and the tables' rows form **one grid**, as a
  text does: a title or unit line above a table (``单位：元``) reaches the
  reader, and a table continued on the next page is simply more rows;
- every row keeps where it is: ``第 2 个表`` and its row in the table (web page,
  Word), ``第 3 页 第 1 个表`` and its row on that page (PDF), or the text line
  (``正文`` / ``第 3 页`` and its line), so findings say ``第 3 页 第 1 个表 第 5 行``.

No table logic lives here or in the sources: the one reader (``xlperf.reader``)
decides what the rows mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xlperf.errors import InputError
from xlperf.model import Department
from xlperf.model.vocabulary import mentions_indicator_header
from xlperf.reader import Trace, read_tables
from xlperf.reader.notice import continues_attachments, read_notice
from xlperf.reader.row_cells import starts_table
from xlperf.sources.grid import Grid

# A document holding more cells than this (all tables expanded) is refused before
# reading: a department's tables have tens of thousands; a hostile rowspan/colspan
# could otherwise make millions out of a small file.
MAX_CELLS = 500_000
_PROSE_WORDS = re.compile(r"产出指标|效益指标|满意度指标|数量指标|质量指标")


@dataclass
class Document:
    """Text lines and table rows in reading order, each with its place and number.

    ``kind`` names the container for messages (``网页``, ``Word 文档``, ``PDF``);
    ``source`` the file, so a refusal while reading names it like every other one.
    """

    kind: str
    source: str | None = None
    rows: list[list[str]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # a text line as written ("" in a table)
    places: list[str | None] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    in_table: list[bool] = field(default_factory=list)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    tables: int = 0
    cells: int = 0

    def add_line(self, text: str, place: str | None, number: int,
                 cells: list[str] | None = None) -> None:
        """A line of text outside the tables (a paragraph, a title, the signature);
        ``cells``: the line split where a PDF spaces it out like a table without rules."""
        self.rows.append(cells or [text])
        self.texts.append(text)
        self.places.append(place)
        self.lines.append(number)
        self.in_table.append(False)

    def add_table(self, rows: list[list[str]], place: str,
                  merged: list[tuple[tuple[int, int], tuple[int, int]]] = (),
                  first_line: int = 1) -> None:
        """A table's rows (already expanded, their cells counted: ``TableCells`` counts
        as it lays a table out, a PDF's reader before adding); ``merged`` relative to its
        first row."""
        top = len(self.rows)
        for number, row in enumerate(rows, start=first_line):
            self.rows.append(row)
            self.texts.append("")
            self.places.append(place)
            self.lines.append(number)
            self.in_table.append(True)
        self.merged.extend(((r0 + top, c0), (r1 + top, c1)) for (r0, c0), (r1, c1) in merged)
        self.tables += 1

    def count_cells(self, count: int) -> None:
        """Refuse a document whose tables would expand into too many cells."""
        self.cells += count
        if self.cells > MAX_CELLS:
            raise InputError(f"{self.kind}中的表格过大（超过 {MAX_CELLS // 10000} 万个单元格），"
                             "不像绩效目标表，已停止读取", file=self.source)


def checked_size(path, source: str, limit: int, kind: str) -> int:
    """The size of a file to read, after refusing a missing one, a folder, or one over
    ``limit`` bytes (before anything is read)."""
    if not path.exists():
        raise InputError("文件不存在", file=source)
    if not path.is_file():
        raise InputError("这不是一个文件（可能是文件夹）", file=source)
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"{kind}文件过大（{size / 1024 / 1024:.0f} MB），超过 "
                         f"{limit // 1024 // 1024} MB 上限，不像绩效目标表", file=source)
    return size


def read_document(document: Document, source: str, trace: Trace | None = None) -> Department:
    """The department a document's lines and tables describe; ``InputError`` if none."""
    start = _start(document)
    if start is None:
        raise InputError(_nothing_found(document, projects=False), file=source)
    department = Department(source=source)
    notice = [text for text, table in zip(document.texts[:start], document.in_table[:start],
                                          strict=True) if not table]
    # Numbered 1, 2, 3 … in the order read (a PDF's own line numbers restart on each page).
    read_notice(list(enumerate(notice, start=1)), department, source)
    grid = Grid(None, document.rows[start:], addressed=False,
                lines=document.lines[start:], places=document.places[start:],
                merged=[((r0 - start, c0), (r1 - start, c1))
                        for (r0, c0), (r1, c1) in document.merged])
    reading = read_tables([grid], trace)
    projects = reading.projects
    if not any(project.indicators for project in projects):
        raise InputError(_nothing_found(document, projects=bool(projects)), file=source)
    department.projects = projects
    department.year = department.year or reading.year  # the notice's first, else the titles'
    department.notes = department.notes + reading.notes  # the notice's first
    department.normalizations = grid.normalizations
    return department


def _start(document: Document) -> int | None:
    """The first table row, or the title/unit/header line just above the first table."""
    first_table = next((i for i, table in enumerate(document.in_table) if table), None)
    end = first_table if first_table is not None else len(document.rows)
    lines = list(enumerate(document.texts))
    for index in range(end):
        if starts_table(document.rows[index]) and not continues_attachments(lines, index):
            return index
    return first_table


def _nothing_found(document: Document, projects: bool) -> str:
    from xlperf.sources.text.reader import PROSE, RUN_TOGETHER

    text = "".join(document.texts)
    if not projects and not document.tables and mentions_indicator_header(text):
        return RUN_TOGETHER
    if not projects and _PROSE_WORDS.search(text) and not document.tables:
        return PROSE
    if not document.tables:
        return (f"{document.kind}中没有表格，找不到绩效目标表；请确认这是公开绩效目标表的"
                f"{document.kind}（表格形式，含“项目名称”“一级指标”等表头）")
    return (f"{document.kind}中有 {document.tables} 个表格，但都不是绩效目标表"
            "（没有“项目名称”“一级指标”等表头，或没有绩效指标）")


class TableCells:
    """A table being laid out on its grid: cells placed with their spans, a merged cell's
    text in its first cell and the cells it covers empty (``merged`` lists the ranges)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.grid: list[list[str | None]] = []  # None: a slot no cell has taken yet
        self.merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self._owner: dict[tuple[int, int], int] = {}  # a cell's first slot → its merge, or -1

    def free(self, row: int, column: int) -> bool:
        self._reach(row, column)
        return self.grid[row][column] is None

    def put(self, row: int, column: int, text: str, rows: int = 1, columns: int = 1) -> None:
        """A cell at (row, column) spanning ``rows`` × ``columns`` slots."""
        self.document.count_cells(rows * columns)
        for r in range(row, row + rows):
            self._reach(r, column + columns - 1)
            line = self.grid[r]
            for c in range(column, column + columns):
                if line[c] is None:
                    line[c] = ""
        self.grid[row][column] = text
        merge = -1
        if rows > 1 or columns > 1:
            self.merged.append(((row, column), (row + rows - 1, column + columns - 1)))
            merge = len(self.merged) - 1
        self._owner[(row, column)] = merge

    def continue_down(self, row: int, column: int, columns: int = 1) -> bool:
        """Word's vertical merge: the cell above at ``column`` covers (row, column) too.
        False when no cell above starts there (the caller then places a plain cell)."""
        above = self._owner.get((row - 1, column))
        if above is None:
            return False
        self.document.count_cells(columns)
        self._reach(row, column + columns - 1)
        for c in range(column, column + columns):
            self.grid[row][c] = ""
        if above < 0:
            self.merged.append(((row - 1, column), (row, column + columns - 1)))
            above = len(self.merged) - 1
            self._owner[(row - 1, column)] = above
        else:
            top, (_, right) = self.merged[above]
            self.merged[above] = (top, (row, max(right, column + columns - 1)))
        self._owner[(row, column)] = above
        return True

    def rows(self) -> list[list[str]]:
        width = max((len(line) for line in self.grid), default=0)
        return [[cell or "" for cell in line] + [""] * (width - len(line)) for line in self.grid]

    def _reach(self, row: int, column: int) -> None:
        while len(self.grid) <= row:
            self.grid.append([])
        line = self.grid[row]
        if len(line) <= column:
            line.extend([None] * (column + 1 - len(line)))
