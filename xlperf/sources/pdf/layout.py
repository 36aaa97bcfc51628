"""What a PDF page holds, as pdfplumber finds it: text lines and ruled tables with positions.

A browser (or a word processor allowing it) may cut a table row at a page
break and draw no rule where it cuts: the column rules run on past the last
horizontal rule. ``open_ends`` finds where they run out, so the table is
closed there (pdfplumber's explicit lines) and the half row is a row of
cells, marked ``open_bottom`` / ``open_top`` to be joined with its other half.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_TOLERANCE = 1.0  # points
_RULE = 3.0  # points: an edge shorter than this is the end of a rule, not a rule


@dataclass
class Line:
    top: float
    text: str
    cells: list[str]
    margin: bool
    words: list[dict] = field(default_factory=list)


@dataclass
class Table:
    bbox: tuple[float, float, float, float]
    rows: list[list[str]]
    open_top: bool = False  # its first row is the lower half of a row cut at the page break
    open_bottom: bool = False  # its last row is the upper half of a row cut at the page break

    @property
    def top(self) -> float:
        return self.bbox[1]


@dataclass
class Page:
    number: int
    blocks: list[Line | Table] = field(default_factory=list)


def unwrap(cell: str | None) -> str:
    """A cell's lines joined as the text was written: without a space (a narrow cell
    wraps Chinese text and numbers anywhere: ``3,309`` / ``,840.00``), except between
    two Latin letters (English words wrap at a space)."""
    if not cell:
        return ""
    parts = [part.strip() for part in cell.split("\n")]
    text = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        joint = " " if _latin(text[-1:]) and _latin(part[:1]) else ""
        text = f"{text}{joint}{part}" if text else part
    return text


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def without_background(page):
    """The page without the fill painted behind its content: a browser paints a page's
    background (``body { background: #fff }``) as one rectangle over the printable
    area, whose sides pdfplumber would take for rules — framing the text above a table
    into it, and closing a cell cut at the page break at the foot of the page."""
    area = page.width * page.height / 4  # no cell or shaded block is this large
    if not any(_is_background(rect, area) for rect in page.rects):
        return page
    return page.filter(lambda obj: obj.get("object_type") != "rect"
                       or not _is_background(obj, area))


def _is_background(rect: dict, area: float) -> bool:
    return bool(rect.get("fill")) and not rect.get("stroke") and \
        rect["width"] * rect["height"] > area


def open_ends(page) -> tuple[float | None, float | None]:
    """Where the column rules run above the first / below the last horizontal rule."""
    vertical, horizontal = _rules(page)
    if not vertical or not horizontal:
        return None, None
    top, bottom = min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)
    first, last = min(e["top"] for e in horizontal), max(e["top"] for e in horizontal)
    return (top if top < first - _TOLERANCE else None,
            bottom if bottom > last + _TOLERANCE else None)


def rule_ends(page) -> list[float]:
    """Where the column rules begin and end: the lines that close a page's tables.

    A merged cell cut at the page break (Chromium cuts a 一级 cell spanning rows) has
    no rule under it even where the rows beside it have theirs; closed at the foot of
    the rules, it is a cell of its own instead of no cell (its text lost)."""
    vertical, horizontal = _rules(page)
    if not vertical or not horizontal:
        return []
    return [min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)]


def _rules(page) -> tuple[list[dict], list[dict]]:
    # a rule drawn as a thin rectangle (Chromium) has short edges across its ends: not rules
    return ([e for e in page.edges if e["orientation"] == "v" and e["height"] > _RULE],
            [e for e in page.edges if e["orientation"] == "h" and e["width"] > _RULE])


def closes(edge: float | None, y: float) -> bool:
    return edge is not None and abs(edge - y) <= _TOLERANCE
