"""Reading the published text layout (a notice, then one goal table per project).

``read_text`` takes a file as offices send it (GBK or UTF-8, BOM, CRLF);
``parse_text`` takes the decoded text. The notice part goes to the department
fields, each table to a ``Project``; every indicator keeps its line number in
``Indicator.row`` (a text has no sheet or cell), and each project gets the
sheet name it will have in the workbook (``项目01`` …) so that a department
read from text and the same department read from its workbook compare equal.
"""

from __future__ import annotations

import os

from xlperf.errors import InputError
from xlperf.limits import check_projects, check_text
from xlperf.model import Department
from xlperf.sources.published_text.decoding import read_notice_file
from xlperf.sources.published_text.notice import read_notice
from xlperf.sources.published_text.tables import TableReader, is_table_start

NO_TABLE = ("未找到“部门项目支出预算绩效目标表”（没有“项目名称”行），"
            "请确认这是公开的项目支出绩效目标文本")


def read_text(path: str | os.PathLike[str]) -> Department:
    """Read a published notice file; ``InputError`` (Chinese, naming the file) if it is not one."""
    source = os.fspath(path)
    return parse_text(read_notice_file(path), source=source)


def parse_text(text: str, source: str | None = None) -> Department:
    """The department a published text describes; ``source`` names it in messages."""
    lines = split_lines(text)
    start = next((i for i, (_, line) in enumerate(lines) if is_table_start(line)), None)
    check_text(text, lines, start, source)  # size limits, before the tables are parsed
    if start is None:
        raise InputError(NO_TABLE, file=source)
    department = Department(source=source)
    read_notice(lines[:start], department, source)
    tables = TableReader(department)
    for number, line in lines[start:]:
        tables.feed(number, line)
    tables.finish()
    if not department.projects:
        raise InputError(NO_TABLE, file=source)
    check_projects(len(department.projects), source)
    return department


def split_lines(text: str) -> list[tuple[int, str]]:
    """Numbered lines; CRLF, CR and LF all end a line, and a leading BOM is dropped.

    Only these three end a line (as in any editor). The form feeds pdftotext
    puts at page breaks are dropped; other characters stay text.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "")
    return list(enumerate(text.split("\n"), start=1))
