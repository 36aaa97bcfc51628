"""Reading the 校验说明 sheet: the findings a reviewer accepted, one row each, with a reason.

A header row names the columns (规则, 工作表, 单元格 or 项目, 理由; any order,
labels in ``model/info_fields.ACCEPT_COLUMNS``), found within the sheet's
first rows; every non-blank row below it is one acceptance. Nothing here is
judged: a row without a reason or with an unknown code is still read, and the
validation says why it was not used (``validation/acceptance.py``), so a typo
in a reviewer's note never makes the workbook unreadable.
"""

from __future__ import annotations

import unicodedata

from xlperf.limits import MAX_ACCEPTANCES
from xlperf.model import Acceptance
from xlperf.model.info_fields import ACCEPT_COLUMNS, ACCEPT_SHEET
from xlperf.sources.grid import Grid, address, is_blank

HEADER_ROWS = 10  # the header must be within these rows
_LABELS = {label: key for key, labels in ACCEPT_COLUMNS.items() for label in labels}


def read_acceptances(grid: Grid) -> list[Acceptance]:
    """Every acceptance row of the 校验说明 sheet ``grid`` (none without a header)."""
    found = _header(grid)
    if found is None:
        return []
    header_row, columns = found
    acceptances: list[Acceptance] = []
    for row in range(header_row + 1, len(grid.rows)):
        if len(acceptances) == MAX_ACCEPTANCES:  # the rest are not read (limits.py)
            break
        values = {key: _text(grid.raw(row, column)) for key, column in columns.items()}
        if not any(values.values()):
            continue
        code, cell = (_typed(values.get(key, "")) for key in ("code", "cell"))
        acceptances.append(Acceptance(
            code=code.upper(), reason=values.get("reason", ""),
            sheet=values.get("sheet") or None, cell=cell or None,
            project=values.get("project") or None,
            where=f"{grid.sheet or ACCEPT_SHEET}!{address(row, min(columns.values()))}"))
    return acceptances


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """The header's row and the column of each key, once a row names both 规则 and 理由."""
    for row in range(min(HEADER_ROWS, len(grid.rows))):
        columns: dict[str, int] = {}
        for column in range(len(grid.rows[row])):
            key = _LABELS.get(_typed(_text(grid.raw(row, column))))
            if key is not None and key not in columns:
                columns[key] = column
        if "code" in columns and "reason" in columns:
            return row, columns
    return None


def _text(raw: object) -> str:
    if is_blank(raw):
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def _typed(text: str) -> str:
    """A code or cell as typed with a Chinese input method: ｑ００１, Ｃ１５ (full-width)."""
    return unicodedata.normalize("NFKC", text).replace(" ", "")
