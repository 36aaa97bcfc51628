"""Edit a template in LibreOffice as a finance officer would, and report what it shows.

Usage: python3 lo_template_edit.py PIPE_NAME WORKBOOK_PATH SHEET
Run by the system python3 (with uno) from tests/test_template_libreoffice.py.

On SHEET: type a weight into the first indicator row, then insert a row directly
above 合计, one at the top of the indicator block and one in its middle, typing a
weight into each new row (40, 30, 20 with the 10 above: 100). After recalculating,
print as JSON the 合计 cell's value and whether its red alert formula holds; then
change the middle weight to 15 (95) and report both again.
"""

import contextlib
import json
import sys

import uno
from lo_list_basic import connect, prop

HEADER_ROW = 10  # 一级指标 | 二级指标 | 三级指标 | 绩效值 (1-based)
WEIGHT_COLUMN = 3  # D, 0-based


def total_row(sheet):
    """The 0-based row whose column A reads 合计."""
    for row in range(HEADER_ROW, 400):
        if sheet.getCellByPosition(0, row).getString() == "合计":
            return row
    raise SystemExit("no 合计 row")


def insert_row(sheet, index, weight):
    """Insert a row at 0-based ``index`` (what Excel's Insert does) and type a weight in it."""
    sheet.getRows().insertByIndex(index, 1)
    sheet.getCellByPosition(WEIGHT_COLUMN, index).setValue(weight)


def alert(doc, sheet, row):
    """Whether the 合计 cell's conditional format (red) applies: its formula, evaluated in a
    spare cell (the formula's references are absolute, so they mean the same there)."""
    cell = sheet.getCellByPosition(WEIGHT_COLUMN, row)
    formats = sheet.ConditionalFormats
    for entry in formats.getConditionalFormats():
        ranges = entry.Range.getRangeAddresses()
        if any(r.StartRow <= row <= r.EndRow and r.StartColumn <= WEIGHT_COLUMN <= r.EndColumn
               for r in ranges):
            condition = entry.getByIndex(0)
            spare = sheet.getCellByPosition(40, row)
            # setFormula takes the API grammar, whose separator is ";".
            spare.setFormula("=" + condition.Formula1.replace(",", ";"))
            doc.calculateAll()
            result = spare.getValue() if not spare.getError() else None
            spare.setString("")
            return {"red": None if result is None else bool(result), "formula": condition.Formula1,
                    "total": cell.getValue(), "shown": cell.getString()}
    return {"red": None, "formula": None, "total": cell.getValue(), "shown": cell.getString()}


def main():
    pipe, path, sheet_name = sys.argv[1], sys.argv[2], sys.argv[3]
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                       (prop("Hidden", True),))
    sheet = doc.Sheets.getByName(sheet_name)
    first = HEADER_ROW  # 0-based index of the first indicator row (row 11)
    sheet.getCellByPosition(WEIGHT_COLUMN, first).setValue(10)
    insert_row(sheet, total_row(sheet), 40)  # directly above 合计
    insert_row(sheet, first, 30)  # at the top of the block
    middle = (first + total_row(sheet)) // 2
    insert_row(sheet, middle, 20)  # in the middle
    doc.calculateAll()
    row = total_row(sheet)
    before = alert(doc, sheet, row)
    sheet.getCellByPosition(WEIGHT_COLUMN, middle).setValue(15)
    doc.calculateAll()
    after = alert(doc, sheet, row)
    doc.close(True)
    print(json.dumps({"balanced": before, "short": after, "total_row": row + 1},
                     ensure_ascii=False))
    with contextlib.suppress(Exception):  # the bridge drops as LibreOffice exits
        desktop.terminate()


if __name__ == "__main__":
    main()
