"""How xlperf workbooks look, and the one safe way to put user text into a cell.

Fonts, borders and fills are data here so the writer stays about *where*
things go. ``set_text`` is the only way the writer stores text a user typed:
openpyxl turns any string starting with ``=`` into a formula and ``#REF!``
into an error, so a project called ``=HYPERLINK(...)`` would become a live
link in the published workbook. Forcing the cell type to text (and setting
Excel's quote prefix, the leading apostrophe) keeps it text for every reader
and keeps it text when someone edits the cell in Excel later.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from xlperf.limits import check_cell_text
from xlperf.safe_text import xml_safe

FONT_NAME = "宋体"  # present on every Chinese Windows; LibreOffice falls back to a CJK font
FONT_SIZE = 11

BODY = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
TITLE = Font(name=FONT_NAME, size=16, bold=True)
HINT = Font(name=FONT_NAME, size=10, color="808080")
LINK = Font(name=FONT_NAME, size=FONT_SIZE, color="0563C1", underline="single")

LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
# The weight total when it misses the required total (Excel's "Bad" red).
ALERT_FILL = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
ALERT_FONT = Font(bold=True, color="9C0006")

_THIN = Side(style="thin", color="000000")
THIN_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

WRAP = Alignment(wrap_text=True, vertical="center")
WRAP_LEFT = Alignment(horizontal="left", wrap_text=True, vertical="center")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")

AMOUNT_FORMAT = "0.00"
WEIGHT_FORMAT = "General"
DATE_FORMAT = "yyyy-mm-dd"

# Text that a spreadsheet (or a CSV export of it) could read as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def set_text(cell, value: str | None) -> None:
    """Store ``value`` in ``cell`` as text, never as a formula or an error value.

    Characters that cannot exist in a worksheet (control characters from PDF
    extraction) are dropped, since openpyxl refuses them outright; text longer
    than a cell holds is refused (``limits.CellTooLong``), never cut.
    """
    if value is None or value == "":
        cell.value = None
        return
    text = xml_safe(value)
    check_cell_text(text, cell.parent.title, cell.coordinate)  # openpyxl would cut it silently
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_STARTS):
        cell.quotePrefix = True


def set_number_or_text(cell, value: float | str | None, number_format: str) -> None:
    """A number as a number cell; anything else (``待定``) as text, exactly as given."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = number_format
    else:
        set_text(cell, value)
