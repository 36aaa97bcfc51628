"""The hostile-input corpus: every broken, huge or malicious input of issue 11, written by code.

What an attacker or a careless user hands xlperf: zip bombs, billion laughs
and XXE, renamed and encrypted files, a cell at XFD1048576, names that are
formulas, markup, templates, control characters or path traversal, texts
too large or too long, pipes and symlink loops, file names that are not
UTF-8 — and the ordinary files, so that what works keeps working. Each case
is a function that writes its input into a folder; ``tests/test_hostile.py``
runs every command on every case and checks the contract (tests/contract.py).

    .venv/bin/python tests/hostile_corpus.py OUTDIR     writes every case (about 25 MB)

Nothing here is committed as a binary: the cases are small to describe and
are written in a few seconds.
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SEED = DATA / "seed_notice.txt"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Case:
    """One hostile input: how to write it, and what every command must do with it.

    ``refused``: every command that reads it exits 2 (it is not a usable input).
    ``expect``: exit codes for particular commands, where they differ from the
    rule (a seed with real errors: validate exits 1). ``kind`` picks the
    commands: a workbook is also annotated, a text is also imported.
    """

    name: str
    kind: str  # workbook | text | folder
    build: Callable[[Path], Path]
    refused: bool = False
    expect: dict[str, frozenset[int]] = field(default_factory=dict)
    # Text that must reach no output and no stream (the password file of an XXE).
    never_shown: tuple[bytes, ...] = ()
    note: str = ""


def codes(*values: int) -> frozenset[int]:
    return frozenset(values)


# --- materials ----------------------------------------------------------------------------

def seed():
    from xlperf.sources.text.reader import read_text

    return read_text(SEED)


def clean():
    """The seed without its faulty last project: publishable."""
    department = copy.deepcopy(seed())
    department.projects = department.projects[:-1]
    return department


def workbook(department, path: Path) -> Path:
    from xlperf.writers.workbook.writer import write_department

    write_department(department, path)
    return path


def rename(base, **names: str):
    """``base`` (a department) with its name (``department=``) or the names of its projects
    (``p0=``, ``p1=`` …) replaced."""
    department = copy.deepcopy(base)
    for key, value in names.items():
        if key == "department":
            department.name = department.signing_body = value
        else:
            department.projects[int(key.removeprefix("p"))].name = value
    return department


def edited(path: Path, edit: Callable[[object], None]) -> Path:
    """The workbook at ``path`` changed by ``edit(openpyxl workbook)`` and saved again."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def rewritten(source: Path, target: Path, change: Callable[[str, bytes], bytes | None],
              extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the package with each member passed through ``change`` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = change(item.filename, old.read(item))
            if data is not None:
                new.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


def raw_workbook(path: Path, sheets: dict[str, bytes], strings: bytes | None = None) -> Path:
    """A minimal package written by hand: ``sheets`` maps a name to its worksheet XML."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    listed = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, name in enumerate(sheets, start=1))
    links = "".join(f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    if strings is not None:
        links += f'<Relationship Id="rIdS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        overrides += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'{overrides}</Types>'))
        package.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        package.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            f'<sheets>{listed}</sheets></workbook>'))
        package.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{links}</Relationships>'))
        for index, data in enumerate(sheets.values(), start=1):
            package.writestr(f"xl/worksheets/sheet{index}.xml", data)
        if strings is not None:
            package.writestr("xl/sharedStrings.xml", strings)
    return path


def sheet_xml(rows: list[list[object]], extra: str = "", prefix: str = "") -> bytes:
    """A worksheet of inline strings and numbers, ``extra`` cells XML appended to the data."""
    from xlperf.sources.grid import address

    p = f"{prefix}:" if prefix else ""
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if value is None:
                continue
            ref = address(r, c)
            if isinstance(value, int | float):
                cells.append(f'<{p}c r="{ref}"><{p}v>{value}</{p}v></{p}c>')
            else:
                text = str(value).replace("&", "&amp;").replace("<", "&lt;")
                cells.append(f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{text}</{p}t></{p}is>'
                             f'</{p}c>')
        body.append(f'<{p}row r="{r + 1}">{"".join(cells)}</{p}row>')
    namespace = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {namespace}><{p}sheetData>'
            f'{"".join(body)}{extra}</{p}sheetData></{p}worksheet>').encode()


PROJECT_ROWS: list[list[object]] = [
    ["部门项目支出预算绩效目标表"], [None, None, None, "单位：万元"],
    ["项目名称", "重点工作专项督查组工作经费"],
    ["主管部门", "石嘴山市人民政府办公室", "实施单位", "石嘴山市人民政府办公室"],
    ["项目属性", "0101-一年期项目", "项目期限", "1年"],
    ["项目主管处室", "01-行政政法科", "项目年度金额", 10], ["年度总体绩效目标", "保障督查工作"],
    [], [], ["一级指标", "二级指标", "三级指标", "绩效值"],
    ["1-产出指标", "11-数量指标", "全年督查不少于 50 次", 50],
    ["2-效益指标", "22-社会效益", "推动市政府中心工作落实", 40],
    ["3-满意度指标", "31-服务对象满意度", "满意度达到 90%以上", 10],
]


# --- workbooks ----------------------------------------------------------------------------

def wb_seed(folder: Path) -> Path:
    return workbook(seed(), folder / "政府办.xlsx")


def wb_clean(folder: Path) -> Path:
    return workbook(clean(), folder / "干净.xlsx")


def wb_zip_bomb_ratio(folder: Path) -> Path:
    path = folder / "zip_bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (11 * 1024 * 1024))
    return path


def wb_zip_bomb_total(folder: Path) -> Path:
    path = folder / "zip_bomb_total.xlsx"
    member = b"\0" * (5 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(41):
            package.writestr(f"xl/media/image{index}.bin", member)
    return path


_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     for i in range(1, 10)) + "]>")


def wb_billion_laughs(folder: Path) -> Path:
    """Nested entities in the shared strings and a sheet: 10⁹ "lol" if a parser expands them."""
    strings = (f'<?xml version="1.0"?>{_LAUGHS}<sst xmlns="{MAIN}" count="1" uniqueCount="1">'
               '<si><t>&lol9;</t></si></sst>').encode()
    sheet = sheet_xml(PROJECT_ROWS, '<row r="20"><c r="A20" t="s"><v>0</v></c></row>')
    sheet = sheet.replace(b"?>", b"?>" + _LAUGHS.encode(), 1).replace(
        "保障督查工作".encode(), b"&lol9;")
    return raw_workbook(folder / "billion_laughs.xlsx", {"项目01": sheet}, strings)


def wb_xxe(folder: Path) -> Path:
    """An external entity naming the password file, in the shared strings and in a sheet."""
    dtd = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    strings = (f'<?xml version="1.0"?>{dtd}<sst xmlns="{MAIN}" count="1" uniqueCount="1">'
               '<si><t>&xxe;</t></si></sst>').encode()
    sheet = sheet_xml(PROJECT_ROWS, '<row r="20"><c r="A20" t="s"><v>0</v></c></row>')
    sheet = sheet.replace(b"?>", b"?>" + dtd.encode(), 1).replace(
        "保障督查工作".encode(), b"&xxe;")
    return raw_workbook(folder / "xxe.xlsx", {"项目01": sheet}, strings)


def wb_csv_renamed(folder: Path) -> Path:
    path = folder / "csv_renamed.xlsx"
    path.write_text("项目名称,金额\n督查经费,10\n", encoding="gb18030")
    return path


def wb_docx_renamed(folder: Path) -> Path:
    path = folder / "word_renamed.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    return path


def wb_ods_renamed(folder: Path) -> Path:
    path = folder / "ods_renamed.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    return path


def wb_ods_far_repeat(folder: Path, rows: int = 100_000, columns: int = 400) -> Path:
    """An 843-byte .ods whose one far cell is reached by repeated empty rows and columns:
    calamine allocates the whole rectangle (2.5 GB here); no extent is read beforehand."""
    repeated = (f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
                f'table:number-columns-repeated="{columns}"/></table:table-row>')
    far = (f'<table:table-row><table:table-cell table:number-columns-repeated="{columns}"/>'
           '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
           '</table:table-row>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="项目01"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>项目名称</text:p>'
        f'</table:table-cell></table:table-row>{repeated}{far}</table:table>'
        '</office:spreadsheet></office:body></office:document-content>')
    path = folder / "far_repeat.ods"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        package.writestr("META-INF/manifest.xml", _ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return path


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '</manifest:manifest>')


def wb_pdf_renamed(folder: Path) -> Path:
    path = folder / "pdf_renamed.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def wb_xls_renamed(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "old_format.xls", folder / "old_format.xlsx"))


def wb_encrypted(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "password_protected.xlsx", folder / "加密.xlsx"))


def wb_random_bytes(folder: Path) -> Path:
    path = folder / "random.xlsx"
    path.write_bytes(bytes((index * 7919 + 13) % 256 for index in range(4096)))
    return path


def wb_empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def wb_truncated(folder: Path) -> Path:
    whole = wb_clean(folder).read_bytes()
    (folder / "干净.xlsx").unlink()
    path = folder / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def wb_corrupt_sheet(folder: Path) -> Path:
    source = wb_clean(folder)
    target = rewritten(source, folder / "corrupt_sheet.xlsx",
                       lambda name, data: data[: len(data) // 3]
                       if name.startswith("xl/worksheets/") else data)
    source.unlink()
    return target


def wb_damaged_deflate(folder: Path) -> Path:
    """A project sheet whose compressed bytes were zeroed from the middle on (a download
    damaged in transit): the zip directory is intact, the data does not inflate."""
    source = wb_clean(folder)
    name = b"xl/worksheets/sheet3.xml"
    content = bytearray(source.read_bytes())
    source.unlink()
    entry = content.rindex(name) - 46  # the name's last mention: its directory entry
    local = int.from_bytes(content[entry + 42:entry + 46], "little")
    size = int.from_bytes(content[local + 18:local + 22], "little")
    begin = local + 30 + len(name)
    content[begin + size // 2:begin + size] = bytes(size - size // 2)
    path = folder / "damaged_deflate.xlsx"
    path.write_bytes(bytes(content))
    return path


def wb_far_cell(folder: Path) -> Path:
    """One cell at XFD1048576: calamine would allocate 512 GiB and abort."""
    sheet = sheet_xml(PROJECT_ROWS, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    return raw_workbook(folder / "far_cell.xlsx", {"项目01": sheet})


def wb_far_cell_unrelated_sheet(folder: Path) -> Path:
    """The same kind of cell, at XFD20000 of a sheet that is not a goal table: skipped."""
    sheet = sheet_xml([["备注"]], '<row r="20000"><c r="XFD20000"><v>1</v></c></row>')
    return with_sheet(wb_clean(folder), folder / "far_cell_other_sheet.xlsx", "草稿", sheet)


def wb_far_cells_without_r(folder: Path) -> Path:
    """Cells without an ``r`` count on from the last: a row of 20 000 of them at row 2 000."""
    row = "<c><v>1</v></c>" * 20_000
    extra = f'<row r="2000">{row}</row><row>{row}</row>'
    return raw_workbook(folder / "far_cells_without_r.xlsx",
                        {"项目01": sheet_xml(PROJECT_ROWS, extra)})


def wb_far_cell_prefixed(folder: Path) -> Path:
    """A far cell in a sheet whose elements carry a namespace prefix (``<x:c>``)."""
    sheet = sheet_xml(PROJECT_ROWS, '<x:row r="900000"><x:c r="AAA900000"><x:v>1</x:v></x:c>'
                      '</x:row>', prefix="x")
    return raw_workbook(folder / "far_cell_prefixed.xlsx", {"项目01": sheet})


def wb_shared_strings_bomb(folder: Path) -> Path:
    """A shared-string table declaring 10¹⁵ strings: calamine reserves memory and aborts."""
    strings = (f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="1" '
               'uniqueCount="1000000000000000"><si><t>项目名称</t></si></sst>').encode()
    return raw_workbook(folder / "shared_strings_bomb.xlsx",
                        {"项目01": sheet_xml(PROJECT_ROWS)}, strings)


def with_sheet(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of the workbook ``source`` with one more worksheet ``name`` (its XML ``data``)."""
    def change(member: str, content: bytes) -> bytes:
        if member == "xl/workbook.xml":
            return content.replace(b"</sheets>", f'<sheet xmlns:r="{RELS}" name="{name}" '
                                   'sheetId="999" r:id="rIdExtra"/></sheets>'.encode())
        if member == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", f'<Relationship Id="rIdExtra" Type="'
                                   f'{RELS}/worksheet" Target="worksheets/extra.xml"/>'
                                   '</Relationships>'.encode())
        if member == "[Content_Types].xml":
            return content.replace(b"</Types>", b'<Override PartName="/xl/worksheets/extra.xml" '
                                   b'ContentType="application/vnd.openxmlformats-officedocument.'
                                   b'spreadsheetml.worksheet+xml"/></Types>')
        return content

    rewritten(source, target, change, {"xl/worksheets/extra.xml": data})
    source.unlink()
    return target


def wb_big_data_sheet(folder: Path) -> Path:
    """A publishable department plus a 500 000-row data sheet (too large to annotate)."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 500_001))
    data = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{rows}'
            '</sheetData></worksheet>').encode()
    return with_sheet(wb_clean(folder), folder / "big_data_sheet.xlsx", "明细", data)


def wb_too_many_sheets(folder: Path) -> Path:
    from xlperf.limits import MAX_SHEETS

    small = sheet_xml([["备注"]])
    sheets = {"项目01": sheet_xml(PROJECT_ROWS), **{f"表{i}": small for i in range(MAX_SHEETS)}}
    return raw_workbook(folder / "too_many_sheets.xlsx", sheets)


def wb_control_characters(folder: Path) -> Path:
    """Names with ``_x0000_`` and ``_x000B_`` (PDF text pasted into cells): control characters
    once read."""
    return workbook(rename(seed(), p0="督查_x0000_经费_x000B_（第一批）",
                           department="石嘴山市_x0001_人民政府办公室"),
                    folder / "control_characters.xlsx")


def wb_escape_sequences(folder: Path) -> Path:
    """Names holding terminal escape sequences: clear the screen, a clickable link."""
    return workbook(rename(clean(), p0="_x001B_[2J_x001B_[31m红色项目",
                           p1="_x001B_]8;;http://evil.example/_x0007_点我_x001B_]8;;_x0007_"),
                    folder / "escape_sequences.xlsx")


def wb_rich_markup(folder: Path) -> Path:
    return workbook(rename(clean(), p0="督查[/]经费", p1="[bold red]醒目[/bold red]",
                           department="[link=http://evil.example]点我[/link]"),
                    folder / "markup.xlsx")


FORMULAS = ('=HYPERLINK("http://evil.example","点我")', "=cmd|' /C calc'!A0", "@SUM(1+1)",
            "+1+1", "-1+1")


def wb_formula_injection(folder: Path) -> Path:
    department = clean()
    for project, text in zip(department.projects, FORMULAS, strict=False):
        project.name = text
        project.indicators[0].name = text
    department.name = department.signing_body = "=1+1"
    return workbook(department, folder / "formula_injection.xlsx")


TEMPLATE_TEXT = ("<script>alert(1)</script>", "{{ 7*7 }}",
                 "{% for x in range(10**9) %}x{% endfor %}", '" onmouseover="alert(1)',
                 "{{ ''.__class__.__mro__ }}")


def wb_html_and_template_injection(folder: Path) -> Path:
    department = clean()
    for project, text in zip(department.projects, TEMPLATE_TEXT, strict=False):
        project.name = text
        project.goal = text
    department.name = department.signing_body = "<b>部门</b>{{ 7*7 }}"
    return workbook(department, folder / "html_injection.xlsx")


def wb_uncalculated_names(folder: Path) -> Path:
    """部门名称 and 项目名称 as formulas saved without a value (a script wrote the file)."""
    def edit(book) -> None:
        book["部门信息"]["B2"] = '=HYPERLINK("http://evil.example","石嘴山市人民政府办公室")'
        book["项目01"]["B3"] = '=CONCATENATE("重点工作","专项督查组工作经费")'

    return edited(workbook(clean(), folder / "uncalculated_names.xlsx"), edit)


def wb_invalid_setting(folder: Path) -> Path:
    """权重合计要求 = abc: the department's settings cannot be read."""
    def edit(book) -> None:
        sheet = book["部门信息"]
        for row in sheet.iter_rows(min_col=1, max_col=1):
            if row[0].value == "权重合计要求":
                sheet.cell(row[0].row, 2, "abc")

    return edited(workbook(clean(), folder / "invalid_setting.xlsx"), edit)


def wb_bracket_sheet_names(folder: Path) -> Path:
    """A sheet named 项目[01]: Excel forbids it, other programs write it, calamine reads it."""
    source = wb_clean(folder)
    target = rewritten(source, folder / "bracket_sheet.xlsx",
                       lambda name, data: data.replace('name="项目01"'.encode(),
                                                       'name="项目[01]"'.encode())
                       if name == "xl/workbook.xml" else data)
    source.unlink()
    return target


def wb_long_department_name(folder: Path) -> Path:
    """A name of 250 characters: Word's document properties hold 255."""
    return workbook(rename(clean(), department="石嘴山市" + "很" * 246),
                    folder / "long_department_name.xlsx")


def wb_apostrophes(folder: Path) -> Path:
    return workbook(rename(clean(), p0="张三's 项目", p1="'引号'开头"), folder / "apostrophes.xlsx")


def wb_path_traversal_names(folder: Path) -> Path:
    return workbook(rename(clean(), department="../../../etc/cron.d/xlperf",
                           p0="..\\..\\Windows\\System32", p1="/etc/passwd", p2="CON"),
                    folder / "traversal.xlsx")


def wb_reserved_names(folder: Path) -> Path:
    return workbook(rename(clean(), department="NUL.txt"), folder / "reserved_names.xlsx")


# --- published texts ----------------------------------------------------------------------

def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def clean_text() -> str:
    """The publishable department as published text (what ``xlperf export`` writes)."""
    from xlperf.writers.text import format_text

    return format_text(clean())


def with_line(text: str, starts: str, line: str) -> str:
    """``text`` with its first line that starts with ``starts`` replaced by ``line``."""
    lines = text.split("\n")
    index = next(i for i, value in enumerate(lines) if value.startswith(starts))
    lines[index] = line
    return "\n".join(lines)


def tx_seed(folder: Path) -> Path:
    return Path(shutil.copy(SEED, folder / "公告.txt"))


def tx_gbk(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "gbk_encoded.txt", folder / "gbk.txt"))


def tx_utf8_bom_crlf(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "utf8_bom_crlf.txt", folder / "bom_crlf.txt"))


def tx_utf16_bom(folder: Path) -> Path:
    path = folder / "utf16.txt"
    path.write_bytes(seed_text().encode("utf-16"))
    return path


def tx_utf16_without_bom(folder: Path) -> Path:
    path = folder / "utf16_no_bom.txt"
    path.write_bytes(seed_text().encode("utf-16-le"))
    return path


def tx_binary(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "binary_garbage.txt", folder / "binary.txt"))


def tx_empty(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "empty.txt", folder / "empty.txt"))


def tx_pdf(folder: Path) -> Path:
    path = folder / "pdf.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    return path


def tx_workbook(folder: Path) -> Path:
    return Path(shutil.copy(wb_clean(folder), folder / "workbook.txt"))


def tx_not_a_notice(folder: Path) -> Path:
    return Path(shutil.copy(DATA / "not_a_notice.txt", folder / "not_a_notice.txt"))


def tx_nul_bytes(folder: Path) -> Path:
    path = folder / "nul.txt"
    path.write_bytes(seed_text().encode() + b"\0" * 64 + b"\x01\x02\x03" * 64)
    return path


def tx_too_large(folder: Path) -> Path:
    """The seed repeated past the 10 MB limit (a city's notices pasted into one file)."""
    from xlperf.limits import MAX_TEXT_BYTES

    text = seed_text().encode()
    path = folder / "too_large.txt"
    path.write_bytes(text * (MAX_TEXT_BYTES // len(text) + 2))
    return path


def tx_too_many_projects(folder: Path) -> Path:
    """More tables than a department has, in under a megabyte."""
    from xlperf.limits import MAX_PROJECTS

    text = seed_text()
    start = text.index("项目名称")
    table = "\n".join(text[start:].split("\n")[:14]) + "\n"
    path = folder / "too_many_projects.txt"
    path.write_text(text[:start] + table * (MAX_PROJECTS + 1), encoding="utf-8")
    return path


def tx_long_line(folder: Path) -> Path:
    from xlperf.limits import MAX_LINE_CHARS

    path = folder / "long_line.txt"
    path.write_text(with_line(seed_text(), "年度总体绩效目标",
                              "年度总体绩效目标\t" + "长" * (MAX_LINE_CHARS + 1)), encoding="utf-8")
    return path


def tx_one_line(folder: Path) -> Path:
    """A whole notice on one line (line breaks lost when copied from a web page)."""
    path = folder / "one_line.txt"
    path.write_text(seed_text().replace("\n", "\t") * 20, encoding="utf-8")
    return path


def tx_long_notice_part(folder: Path) -> Path:
    from xlperf.limits import MAX_NOTICE_CHARS

    text = seed_text()
    path = folder / "long_notice_part.txt"
    path.write_text(("前言。" * 1000 + "\n") * (MAX_NOTICE_CHARS // 3000 + 1) + text,
                    encoding="utf-8")
    return path


def tx_slow_title(folder: Path) -> Path:
    """A line of 9 000 years before the tables: the title pattern tries each of them."""
    path = folder / "slow_title.txt"
    path.write_text("2024年 " * 9000 + "\n" + seed_text(), encoding="utf-8")
    return path


def tx_long_goal(folder: Path) -> Path:
    """A goal of 40 000 characters: more than one Excel cell holds."""
    path = folder / "long_goal.txt"
    path.write_text(with_line(clean_text(), "年度总体绩效目标",
                              "年度总体绩效目标\t" + "长" * 40_000 + "\t\t"), encoding="utf-8")
    return path


def tx_markup_and_controls(folder: Path) -> Path:
    text = seed_text()
    text = text.replace("重点工作专项督查组工作经费",
                        "[link=http://evil.example]督查[/link]\x1b[31m经费", 1)
    path = folder / "markup.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --- the file system ----------------------------------------------------------------------

def fs_fifo_workbook(folder: Path) -> Path:
    path = folder / "pipe.xlsx"
    os.mkfifo(path)
    return path


def fs_fifo_text(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def fs_symlink_loop(folder: Path) -> Path:
    path = folder / "loop.xlsx"
    os.symlink(path.name, path)
    return path


def fs_broken_symlink(folder: Path) -> Path:
    path = folder / "broken.xlsx"
    os.symlink("nowhere.xlsx", path)
    return path


def fs_folder_named_like_a_workbook(folder: Path) -> Path:
    path = folder / "folder.xlsx"
    path.mkdir()
    return path


def fs_name_not_utf8(folder: Path) -> Path:
    """A GBK file name copied from an old system: bytes that are not UTF-8."""
    path = Path(os.fsdecode(bytes(folder) + b"/\xb2\xbf\xc3\xc5.xlsx"))
    return workbook(clean(), path)


def fs_name_with_line_break(folder: Path) -> Path:
    return workbook(clean(), folder / "部门\n第二行.xlsx")


def fs_name_with_escapes(folder: Path) -> Path:
    return workbook(clean(), folder / "\x1b[31m红\x1b]8;;evil.example\x07.xlsx")


def fs_inbox(folder: Path) -> Path:
    """A reviewer's inbox: 40 workbooks, 8 broken ones, a pipe and a symlink loop among them."""
    inbox = folder / "收件箱"
    inbox.mkdir()
    first = workbook(clean(), inbox / "部门00.xlsx")
    for index in range(1, 40):
        os.link(first, inbox / f"部门{index:02d}.xlsx")
    for index in range(8):
        (inbox / f"坏{index}.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    os.mkfifo(inbox / "管道.xlsx")
    os.symlink("循环.xlsx", inbox / "循环.xlsx")
    return inbox


def fs_inbox_with_a_pipe(folder: Path) -> Path:
    """Good workbooks, and a pipe and a loop that are skipped (and said so)."""
    inbox = folder / "收件箱"
    inbox.mkdir()
    first = workbook(clean(), inbox / "部门00.xlsx")
    for index in range(1, 10):
        os.link(first, inbox / f"部门{index:02d}.xlsx")
    os.mkfifo(inbox / "管道.xlsx")
    os.symlink("循环.xlsx", inbox / "循环.xlsx")
    return inbox


ACCEPTED_WITH_ERRORS = {"validate": codes(1), "validate-json": codes(1),
                        "annotate": codes(1), "notice": codes(1)}

CASES: tuple[Case, ...] = (
    Case("wb_seed", "workbook", wb_seed, expect=ACCEPTED_WITH_ERRORS),
    Case("wb_clean", "workbook", wb_clean),
    Case("wb_zip_bomb_ratio", "workbook", wb_zip_bomb_ratio, refused=True),
    Case("wb_zip_bomb_total", "workbook", wb_zip_bomb_total, refused=True),
    Case("wb_billion_laughs", "workbook", wb_billion_laughs, refused=True),
    Case("wb_xxe", "workbook", wb_xxe, refused=True, never_shown=(b"root:x:0:0",)),
    Case("wb_csv_renamed", "workbook", wb_csv_renamed, refused=True),
    Case("wb_docx_renamed", "workbook", wb_docx_renamed, refused=True),
    Case("wb_ods_renamed", "workbook", wb_ods_renamed, refused=True),
    Case("wb_pdf_renamed", "workbook", wb_pdf_renamed, refused=True),
    # An .xls under an .xlsx name is read for what it is; its marked copy is rebuilt.
    Case("wb_xls_renamed", "workbook", wb_xls_renamed, expect=ACCEPTED_WITH_ERRORS),
    Case("wb_encrypted", "workbook", wb_encrypted, refused=True),
    Case("wb_random_bytes", "workbook", wb_random_bytes, refused=True),
    Case("wb_empty", "workbook", wb_empty, refused=True),
    Case("wb_truncated", "workbook", wb_truncated, refused=True),
    Case("wb_corrupt_sheet", "workbook", wb_corrupt_sheet, refused=True),
    Case("wb_damaged_deflate", "workbook", wb_damaged_deflate, refused=True,
         note="a sheet's deflate data damaged: once an internal error (BadZipFile, exit 70)"),
    Case("wb_far_cell", "workbook", wb_far_cell, refused=True),
    Case("wb_ods_far_repeat", "workbook", wb_ods_far_repeat, refused=True),
    Case("wb_far_cell_unrelated_sheet", "workbook", wb_far_cell_unrelated_sheet),
    Case("wb_far_cells_without_r", "workbook", wb_far_cells_without_r, refused=True),
    Case("wb_far_cell_prefixed", "workbook", wb_far_cell_prefixed, refused=True),
    Case("wb_shared_strings_bomb", "workbook", wb_shared_strings_bomb, refused=True),
    Case("wb_big_data_sheet", "workbook", wb_big_data_sheet, expect={"annotate": codes(2)}),
    Case("wb_too_many_sheets", "workbook", wb_too_many_sheets, refused=True),
    Case("wb_control_characters", "workbook", wb_control_characters,
         expect=ACCEPTED_WITH_ERRORS),
    Case("wb_escape_sequences", "workbook", wb_escape_sequences),
    Case("wb_rich_markup", "workbook", wb_rich_markup),
    Case("wb_formula_injection", "workbook", wb_formula_injection,
         expect={"validate": codes(0, 1), "validate-json": codes(0, 1), "annotate": codes(0, 1),
                 "notice": codes(0, 1)}),
    Case("wb_html_and_template_injection", "workbook", wb_html_and_template_injection,
         expect={"validate": codes(0, 1), "validate-json": codes(0, 1), "annotate": codes(0, 1),
                 "notice": codes(0, 1)}),
    Case("wb_uncalculated_names", "workbook", wb_uncalculated_names,
         expect={"notice": codes(1)}),
    Case("wb_invalid_setting", "workbook", wb_invalid_setting,
         expect={"validate": codes(2), "validate-json": codes(2), "annotate": codes(2),
                 "notice": codes(2)}),
    Case("wb_bracket_sheet_names", "workbook", wb_bracket_sheet_names,
         expect={"annotate": codes(2)}),
    Case("wb_long_department_name", "workbook", wb_long_department_name),
    Case("wb_apostrophes", "workbook", wb_apostrophes),
    Case("wb_path_traversal_names", "workbook", wb_path_traversal_names),
    Case("wb_reserved_names", "workbook", wb_reserved_names),
    Case("tx_seed", "text", tx_seed, expect=ACCEPTED_WITH_ERRORS),
    Case("tx_gbk", "text", tx_gbk, expect={"validate": codes(0, 1),
                                            "validate-json": codes(0, 1), "notice": codes(0, 1)}),
    Case("tx_utf8_bom_crlf", "text", tx_utf8_bom_crlf,
         expect={"validate": codes(0, 1), "validate-json": codes(0, 1), "notice": codes(0, 1)}),
    Case("tx_utf16_bom", "text", tx_utf16_bom, expect=ACCEPTED_WITH_ERRORS),
    Case("tx_utf16_without_bom", "text", tx_utf16_without_bom, expect=ACCEPTED_WITH_ERRORS),
    Case("tx_binary", "text", tx_binary, refused=True),
    Case("tx_empty", "text", tx_empty, refused=True),
    Case("tx_pdf", "text", tx_pdf, refused=True),
    Case("tx_workbook", "text", tx_workbook, refused=True),
    Case("tx_not_a_notice", "text", tx_not_a_notice, refused=True),
    Case("tx_nul_bytes", "text", tx_nul_bytes, refused=True),
    Case("tx_too_large", "text", tx_too_large, refused=True),
    Case("tx_too_many_projects", "text", tx_too_many_projects, refused=True),
    Case("tx_long_line", "text", tx_long_line, refused=True),
    Case("tx_one_line", "text", tx_one_line, refused=True),
    Case("tx_long_notice_part", "text", tx_long_notice_part, refused=True),
    Case("tx_slow_title", "text", tx_slow_title, expect=ACCEPTED_WITH_ERRORS),
    Case("tx_long_goal", "text", tx_long_goal, expect={"notice": codes(2), "import": codes(2)}),
    Case("tx_markup_and_controls", "text", tx_markup_and_controls, expect=ACCEPTED_WITH_ERRORS),
    Case("fs_fifo_workbook", "workbook", fs_fifo_workbook, refused=True),
    Case("fs_fifo_text", "text", fs_fifo_text, refused=True),
    Case("fs_symlink_loop", "workbook", fs_symlink_loop, refused=True),
    Case("fs_broken_symlink", "workbook", fs_broken_symlink, refused=True),
    Case("fs_folder_named_like_a_workbook", "workbook", fs_folder_named_like_a_workbook,
         refused=True),
    Case("fs_name_not_utf8", "workbook", fs_name_not_utf8),
    Case("fs_name_with_line_break", "workbook", fs_name_with_line_break),
    Case("fs_name_with_escapes", "workbook", fs_name_with_escapes),
    Case("fs_inbox", "folder", fs_inbox, refused=True),
    Case("fs_inbox_with_a_pipe", "folder", fs_inbox_with_a_pipe),
)
BY_NAME = {case.name: case for case in CASES}


def write_all(folder: Path) -> dict[str, Path]:
    """Every case in its own sub-folder of ``folder``; name → the input's path."""
    inputs = {}
    for case in CASES:
        place = folder / case.name
        place.mkdir(parents=True)
        inputs[case.name] = case.build(place)
    return inputs


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: hostile_corpus.py OUTDIR")
    for name, path in write_all(Path(sys.argv[1])).items():
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        print(f"{name:36} {shown.encode('unicode_escape').decode('ascii')}")


if __name__ == "__main__":
    main()

