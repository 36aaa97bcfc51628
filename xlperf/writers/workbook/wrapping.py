"""Row heights for wrapped text, estimated from the text's width and the column's.

LibreOffice prints a generated workbook's rows at the height the file gives
them (15 pt when it gives none): the wrapped lines of neighbouring rows then
overprint each other in print and PDF. So xlperf sets each height itself.
The estimate errs on the tall side: a row with a spare line costs a little
paper, a row one line short hides text.

Column widths are in Excel's units (about one Latin digit); a Chinese
character (or any East Asian wide or full-width character) takes about two.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable

LINE_POINTS = 15.0  # one line of 11 pt text (Excel's default row)
PADDING_POINTS = 5.0  # above and below the lines
MAX_ROW_POINTS = 409.0  # Excel's largest row height
# A column shows a little less than its width: cell margins, and CJK fonts that are wider
# than two digits in some fallbacks.
COLUMN_MARGIN = 1.5


def text_width(text: str) -> int:
    """``text``'s width in digit units: 2 for a wide (CJK) character, 1 for the others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrapped_lines(text: object, column_width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``column_width`` wide (at least 1)."""
    if text is None or text == "":
        return 1
    usable = max(1.0, column_width - COLUMN_MARGIN)
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in str(text).split("\n"))


def row_height(cells: Iterable[tuple[object, float]], line_points: float = LINE_POINTS) -> float:
    """The height (points) that shows every wrapped cell of a row: ``(text, column width)``."""
    lines = max((wrapped_lines(text, width) for text, width in cells), default=1)
    return min(MAX_ROW_POINTS, line_points * lines + PADDING_POINTS)
