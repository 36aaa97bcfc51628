"""The real layouts' tables rebuilt as the web pages they were copied from.

Each ``.txt`` in data/real_layouts and data/layouts is a browser copy: a merged
(rowspan) cell appears only in its first row, and later rows leave it out.
``rebuild`` turns the rows back into a table with its merged cells, from what
a reader of the page sees (``LAYOUTS`` below, written by reading each table):

- ``text``: lines that stand outside the table (titles above it, notes below);
- ``blocks``: runs of rows (first, last; 1-based lines) whose first row has
  cells that span down: each later row's cells stand right-aligned under the
  first row's last cell (or under the column given third, where the first row
  has a column the others leave empty), and the cells it leaves out on the
  left are covered by the cells above them (their rowspan grows);
- ``starts``: rows of a block whose cells start at a given column instead
  (a row whose empty last cells the copy dropped);
- every other row starts at the left, its last cell spanning the rest of the
  table's width (colspan), as these forms' label/value rows do.

``check_rebuilt`` asserts the rebuilt table copies back to the ``.txt`` rows
(browser_text), so the rebuild adds nothing and loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from family_writers import Table, browser_text


@dataclass(frozen=True)
class Layout:
    text: frozenset[int] = frozenset()
    blocks: tuple[tuple[int, ...], ...] = ()
    starts: dict[int, int] = field(default_factory=dict)


LAYOUTS = {
    "01": Layout(frozenset({1, 20}), ((8, 18),)),
    "03": Layout(frozenset({1, 2, 19}), ((5, 6), (7, 8), (9, 18))),
    "06": Layout(frozenset({1, 2}), ((5, 13), (14, 15), (16, 28))),
    "08": Layout(frozenset({1}), ((5, 17),), {17: 4}),
    "10": Layout(frozenset({1}), ((8, 9), (10, 20, 7)), {11: 1, 17: 1}),
    "ezhou_two_level": Layout(frozenset({1}), ((11, 19),)),
    "long_term_pairs": Layout(frozenset({1, 2}), ((6, 8), (9, 10), (11, 17))),
    "ningxia_values": Layout(frozenset({1, 2, 3, 4, 5, 6}), ((12, 20),)),
    "transfer": Layout(frozenset({1, 2}), ((6, 8), (10, 17)), {8: 1}),
}


@dataclass
class Rebuilt:
    before: list[str]
    table: Table
    after: list[str]


def rebuild(source: Path, key: str) -> Rebuilt:
    layout = LAYOUTS[key]
    lines = source.read_text(encoding="utf-8").rstrip("\n").split("\n")
    numbered = [(n, line.split("\t")) for n, line in enumerate(lines, start=1)]
    rows = [(n, cells) for n, cells in numbered if n not in layout.text]
    first_row = rows[0][0]
    before = [lines[n - 1] for n in sorted(layout.text) if n < first_row and lines[n - 1]]
    after = [lines[n - 1] for n in sorted(layout.text) if n > first_row and lines[n - 1]]
    width = max(len(cells) for _, cells in rows)
    owner: dict[tuple[int, int], tuple[int, int]] = {}  # slot → the cell covering it
    extent: dict[tuple[int, int], list[int]] = {}  # a cell → [bottom, right]
    table = Table()
    block_of = {n: block for block in layout.blocks for n in range(block[0], block[1] + 1)}
    ends: dict[tuple[int, ...], int] = {}  # a block → the column its rows end in
    for index, (number, cells) in enumerate(rows):
        block = block_of.get(number)
        if block is None or number == block[0] or number in layout.starts:
            start = layout.starts.get(number, 0)
            last_span = width - start - len(cells) + 1 if number not in layout.starts else 1
        else:
            start = ends[block] - len(cells) + 1
            last_span = 1 if len(block) > 2 else width - ends[block]
        if block is not None and number == block[0]:
            ends[block] = block[2] if len(block) > 2 else len(cells) - 1
        table.rows.append([None] * width)
        for column in range(start):  # left out by the copy: covered from above
            above = owner[(index - 1, column)]
            owner[(index, column)] = above
            extent[above][0] = index
        for offset, text in enumerate(cells):
            column = start + offset
            span = last_span if offset == len(cells) - 1 else 1
            table.rows[index][column] = text
            extent[(index, column)] = [index, column + span - 1]
            for c in range(column, column + span):
                owner[(index, c)] = (index, column)
        for column in range(start + len(cells) + last_span - 1, width):  # dropped empties
            if (index, column) not in owner:
                table.rows[index][column] = ""
                owner[(index, column)] = (index, column)
                extent[(index, column)] = [index, column]
    for (top, left), (bottom, right) in extent.items():
        if (bottom, right) != (top, left):
            table.merges.append((top, left, bottom, right))
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    if (r, c) != (top, left):
                        table.rows[r][c] = None
    return Rebuilt(before, table, after)


def check_rebuilt(source: Path, rebuilt: Rebuilt, key: str) -> None:
    """The rebuilt table, copied as a browser copies it, gives the .txt's table rows."""
    layout = LAYOUTS[key]
    lines = source.read_text(encoding="utf-8").rstrip("\n").split("\n")
    wanted = [line.rstrip("\t") for n, line in enumerate(lines, start=1)
              if n not in layout.text]
    copied = browser_text(rebuilt.table).rstrip("\n").split("\n")
    assert copied == wanted
