"""Type 二级 labels into a template in LibreOffice and ask which entries it finds invalid.

Usage: python3 lo_template_choices.py PIPE_NAME WORKBOOK_PATH SHEET JSON_ENTRIES
JSON_ENTRIES maps cells to texts ({"B11": "21-经济效益"}). Each text is typed into its
cell, then LibreOffice's 标记无效数据 (Tools > Detective > Mark Invalid Data) circles
the entries its data validations reject; the circled cells are printed as JSON.
Run by the system python3 (with uno) from tests/test_template_libreoffice.py.
"""

import contextlib
import json
import sys

import uno
from lo_list_basic import connect, prop


def circled(sheet, cells):
    """The cells among ``cells`` with a detective circle drawn over their middle."""
    shapes = [sheet.DrawPage.getByIndex(i) for i in range(sheet.DrawPage.getCount())]
    found = []
    for name in cells:
        cell = sheet.getCellRangeByName(name)
        x = cell.Position.X + cell.Size.Width / 2
        y = cell.Position.Y + cell.Size.Height / 2
        for shape in shapes:
            p, s = shape.Position, shape.Size
            if p.X <= x <= p.X + s.Width and p.Y <= y <= p.Y + s.Height:
                found.append(name)
                break
    return found


def main():
    pipe, path, sheet_name, entries = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                       (prop("Hidden", True),))
    sheet = doc.Sheets.getByName(sheet_name)
    entries = json.loads(entries)
    for name, text in entries.items():
        sheet.getCellRangeByName(name).setString(text)
    doc.calculateAll()
    sheet.showInvalid()
    result = circled(sheet, list(entries))
    doc.close(True)
    print(json.dumps(result, ensure_ascii=False))
    with contextlib.suppress(Exception):  # the bridge drops as LibreOffice exits
        desktop.terminate()


if __name__ == "__main__":
    main()
