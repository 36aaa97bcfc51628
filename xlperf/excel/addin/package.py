"""Zip the ribbon and the VBA project into ``xlperf.xlam`` or into an ``.xlsm`` template.

Both packages are written by hand with zipfile: openpyxl would drop the
``customUI`` relationship, and the parts needed are few. The add-in is a
one-sheet workbook whose main part has the add-in content type; the macro
workbook is the workbook writer's template with the VBA project, the ribbon
and the macro-enabled content type added by rewriting its zip.

Both carry the ribbon module of ``excel/vba`` and the xlwings module
(``xlwings_vba``), whose RunPython the buttons call. The add-in is the same
bytes whenever the same xlperf and xlwings build it (fixed zip timestamps, stored
entries), so IT can whitelist one SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from xlperf.atomic import atomic_path
from xlperf.excel.addin.vbaproject import (
    WORKBOOK_BASE,
    WORKSHEET_BASE,
    Module,
    build_vba_project,
    document_module,
    read_bas,
)
from xlperf.excel.addin.xlwings_vba import xlwings_module

ADDIN_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
UI_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
VBA_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CUSTOM_UI_PART = "customUI/customUI.xml"
VBA_PART = "xl/vbaProject.bin"
WORKBOOK_CODE_NAME = "ThisWorkbook"

ADDIN_TITLE = "绩效目标（xlperf）"
ADDIN_DESCRIPTION = ("项目支出预算绩效目标表的校验、清除标记、新增项目与生成公告；"
                     "按钮通过内嵌的 xlwings 模块调用 xlperf。")
# 1980-01-01, the earliest time a zip entry can carry: the same inputs give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def vba_sources() -> list[Path]:
    """The ``.bas`` modules shipped in the package, in a stable order."""
    folder = resources.files("xlperf.excel") / "vba"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".bas"))


def custom_ui() -> bytes:
    return (resources.files("xlperf.excel") / "customUI.xml").read_bytes()


def code_modules() -> list[Module]:
    """The ribbon callbacks and the xlwings module they call (read from the installed xlwings)."""
    return [*(read_bas(path) for path in vba_sources()), xlwings_module()]


# The add-in (.xlam).


def build_addin(path: str | Path) -> Path:
    """Write ``xlperf.xlam`` to ``path`` (atomically) and return the path."""
    modules = [document_module(WORKBOOK_CODE_NAME, WORKBOOK_BASE),
               document_module("Sheet1", WORKSHEET_BASE), *code_modules()]
    parts = {
        "[Content_Types].xml": _addin_content_types(),
        "_rels/.rels": _relationships([
            ("rId1", f"{_OFFICE_REL}/officeDocument", "xl/workbook.xml"),
            ("rId2", f"{_PACKAGE_REL}/metadata/core-properties", "docProps/core.xml"),
            ("rId3", UI_RELATIONSHIP, CUSTOM_UI_PART),
        ]),
        "docProps/core.xml": _core_properties(ADDIN_TITLE, ADDIN_DESCRIPTION),
        CUSTOM_UI_PART: custom_ui(),
        "xl/workbook.xml": _addin_workbook(),
        "xl/_rels/workbook.xml.rels": _relationships([
            ("rId1", f"{_OFFICE_REL}/worksheet", "worksheets/sheet1.xml"),
            ("rId2", f"{_OFFICE_REL}/styles", "styles.xml"),
            ("rId3", VBA_RELATIONSHIP, "vbaProject.bin"),
        ]),
        "xl/worksheets/sheet1.xml": _empty_sheet(),
        "xl/styles.xml": _styles(),
        VBA_PART: build_vba_project(modules, name="xlperf"),
    }
    _write_zip(path, parts.items(), compress=False)
    return Path(path)


def sha256_of(path: str | Path) -> str:
    """The digest security software whitelists the add-in by (upper-case hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest().upper()


def _addin_content_types() -> bytes:
    overrides = {
        "/xl/workbook.xml": ADDIN_TYPE,
        "/xl/worksheets/sheet1.xml":
            "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        "/xl/styles.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        f"/{VBA_PART}": VBA_TYPE,
    }
    rows = "".join(f"<Override PartName={quoteattr(k)} ContentType={quoteattr(v)}/>"
                   for k, v in overrides.items())
    return (
        _DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + rows + "</Types>"
    ).encode()


def _relationships(rows: Iterable[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<Relationship Id={quoteattr(i)} Type={quoteattr(t)} Target={quoteattr(g)}/>"
                   for i, t, g in rows)
    return (_DECL + f'<Relationships xmlns="{_PACKAGE_REL}">{body}</Relationships>').encode()


def _core_properties(title: str, description: str) -> bytes:
    """Excel's Add-ins dialog shows the title and, below the list, the description."""
    return (
        _DECL + '<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:description>{escape(description)}"
        "</dc:description><dc:creator>xlperf</dc:creator></cp:coreProperties>"
    ).encode()


def _addin_workbook() -> bytes:
    return (
        _DECL + f'<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE_REL}">'
        f'<workbookPr codeName="{WORKBOOK_CODE_NAME}"/>'
        '<bookViews><workbookView/></bookViews>'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ).encode()


def _empty_sheet() -> bytes:
    return (_DECL + f'<worksheet xmlns="{_MAIN}"><sheetPr codeName="Sheet1"/>'
            "<sheetData/></worksheet>").encode()


def _styles() -> bytes:
    """The smallest stylesheet Excel accepts: one font, two fills, one border, one format."""
    return (
        _DECL + f'<styleSheet xmlns="{_MAIN}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"'
        ' xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0"'
        ' builtinId="0"/></cellStyles></styleSheet>'
    ).encode()


def _write_zip(path: str | Path, parts: Iterable[tuple[str, bytes]], *,
               compress: bool = True) -> None:
    """Entries with a fixed time; ``compress=False`` stores them, so the bytes do not depend
    on the zlib build either (the add-in: one SHA-256 wherever it is built)."""
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", method) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


# The macro workbook (.xlsm): an existing .xlsx plus the ribbon and the VBA project.


def embed_macros(source: str | Path, target: str | Path) -> Path:
    """Copy the workbook ``source`` (.xlsx) to ``target`` (.xlsm) with the ribbon and VBA added.

    Every worksheet gets a code name and a document module, as Excel itself
    writes them, so the VBA project and the sheets agree from the first load.
    """
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    if VBA_PART in parts:
        raise ValueError(f"{source} already holds a VBA project")
    sheet_parts = _worksheet_parts(parts)
    code_names = [_sheet_code_name(parts[p]) or f"Sheet{i}" for i, p in enumerate(sheet_parts, 1)]
    for part, code_name in zip(sheet_parts, code_names, strict=True):
        parts[part] = _with_sheet_code_name(parts[part], code_name)
    parts["xl/workbook.xml"] = _with_workbook_code_name(parts["xl/workbook.xml"])
    modules = [document_module(WORKBOOK_CODE_NAME, WORKBOOK_BASE),
               *(document_module(name, WORKSHEET_BASE) for name in code_names), *code_modules()]
    parts[VBA_PART] = build_vba_project(modules, name="VBAProject")
    parts[CUSTOM_UI_PART] = custom_ui()
    parts["[Content_Types].xml"] = _macro_content_types(parts["[Content_Types].xml"])
    parts["_rels/.rels"] = _add_relationship(parts["_rels/.rels"], UI_RELATIONSHIP, CUSTOM_UI_PART)
    parts["xl/_rels/workbook.xml.rels"] = _add_relationship(
        parts["xl/_rels/workbook.xml.rels"], VBA_RELATIONSHIP, "vbaProject.bin")
    _write_zip(target, parts.items())
    return Path(target)


def _worksheet_parts(parts: dict[str, bytes]) -> list[str]:
    """Worksheet part names in the workbook's sheet order."""
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        if tag_attr(tag, "Type") == f"{_OFFICE_REL}/worksheet":
            target = tag_attr(tag, "Target") or ""
            absolute = target.startswith("/")
            targets[tag_attr(tag, "Id")] = target[1:] if absolute else f"xl/{target}"
    workbook = parts["xl/workbook.xml"].decode("utf-8")
    ordered = []
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        rel_id = next((v for k, v in re.findall(r'([\w:]+)="([^"]*)"', tag)
                       if k.endswith(":id")), None)
        if rel_id in targets:
            ordered.append(targets[rel_id])
    return ordered


def tag_attr(tag: str, name: str) -> str | None:
    """An attribute's value in one start tag (machine-written parts: one quote style)."""
    match = re.search(rf'\s{re.escape(name)}="([^"]*)"', tag)
    return match.group(1) if match else None


def _sheet_code_name(xml: bytes) -> str | None:
    match = re.search(rb"<(?:\w+:)?sheetPr\b[^>]*>", xml)
    return tag_attr(match.group(0).decode("utf-8"), "codeName") if match else None


def _with_sheet_code_name(xml: bytes, code_name: str) -> bytes:
    """Give the worksheet a code name; sheetPr is the first child of worksheet when present."""
    text = xml.decode("utf-8")
    existing = re.search(r"<((?:\w+:)?)sheetPr\b([^>]*?)(/?)>", text)
    if existing:
        if tag_attr(existing.group(0), "codeName"):
            return xml
        prefix, attrs, close = existing.groups()
        tag = f'<{prefix}sheetPr{attrs} codeName="{code_name}"{close}>'
        return (text[: existing.start()] + tag + text[existing.end() :]).encode("utf-8")
    root = re.search(r"<((?:\w+:)?)worksheet\b[^>]*>", text)
    if not root:
        raise ValueError("worksheet part without a worksheet element")
    tag = f'<{root.group(1)}sheetPr codeName="{code_name}"/>'
    return (text[: root.end()] + tag + text[root.end() :]).encode("utf-8")


def _with_workbook_code_name(xml: bytes) -> bytes:
    """Set workbookPr/@codeName (inserting workbookPr where the schema's order puts it)."""
    text = xml.decode("utf-8")
    existing = re.search(r"<((?:\w+:)?)workbookPr\b([^>]*?)(/?)>", text)
    if existing:
        prefix, attrs, close = existing.groups()
        attrs = re.sub(r'\scodeName="[^"]*"', "", attrs)
        tag = f'<{prefix}workbookPr{attrs} codeName="{WORKBOOK_CODE_NAME}"{close}>'
        return (text[: existing.start()] + tag + text[existing.end() :]).encode("utf-8")
    anchor = re.search(r"<((?:\w+:)?)(?:workbookProtection|bookViews|sheets)\b", text)
    if not anchor:
        raise ValueError("workbook part without sheets")
    tag = f'<{anchor.group(1)}workbookPr codeName="{WORKBOOK_CODE_NAME}"/>'
    return (text[: anchor.start()] + tag + text[anchor.start() :]).encode("utf-8")


def _macro_content_types(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    if PLAIN_WORKBOOK_TYPE not in text:
        raise ValueError("the template is not a plain .xlsx workbook")
    text = text.replace(PLAIN_WORKBOOK_TYPE, MACRO_WORKBOOK_TYPE)
    override = f'<Override PartName="/{VBA_PART}" ContentType="{VBA_TYPE}"/>'
    return text.replace("</Types>", override + "</Types>").encode("utf-8")


def _add_relationship(xml: bytes, rel_type: str, target: str) -> bytes:
    text = xml.decode("utf-8")
    used = set(re.findall(r'\sId="([^"]*)"', text))
    number = 1
    while f"rId{number}" in used:
        number += 1
    row = f'<Relationship Id="rId{number}" Type="{rel_type}" Target="{target}"/>'
    return text.replace("</Relationships>", row + "</Relationships>").encode("utf-8")


def write_macro_template(path: str | Path, department: str | None = None,
                         year: int | None = None) -> Path:
    """``xlperf new PATH --macro-workbook``: the template workbook with the ribbon and VBA inside.

    For PCs where add-ins cannot be installed: the workbook carries its own
    绩效目标 tab (it still needs xlwings and Python to run the buttons).
    """
    import tempfile

    from xlperf.writers.workbook.writer import write_template

    with tempfile.TemporaryDirectory(prefix="xlperf-") as folder:
        plain = Path(folder) / "template.xlsx"
        write_template(plain, department=department, year=year)
        return embed_macros(plain, path)
