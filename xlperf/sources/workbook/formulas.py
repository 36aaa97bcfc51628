"""Finding formula cells that carry no calculated value.

calamine reads the value a spreadsheet program cached when it last saved;
a workbook written by a script (openpyxl, pandas) and never opened in
Excel has formulas without one, and calamine returns them empty. Reading
them as blank would silently drop a weight or an amount, so the reader asks
this module which cells are such formulas and reports them instead of
guessing (see ``UNCACHED_FORMULA`` in reader.py).

Only the sheets the reader reads are inflated (from the bytes the file
checks already read, ``checks.Package``), and formula cells are found by a
byte search; a sheet whose elements carry a namespace prefix (``<x:c>``) is
parsed as XML instead.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
from collections.abc import Callable
from xml.etree import ElementTree

from xlperf.sources.workbook.checks import Package

_WORKBOOK = "xl/workbook.xml"
_RELS = "xl/_rels/workbook.xml.rels"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# The two small parts naming the sheets, read with a byte search: parsing them
# as XML took a third of this module's time on a 30-sheet workbook.
_SHEET_TAG = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*)>")
_RELATIONSHIP_TAG = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)>")
_DOUBLE_QUOTED = re.compile(rb'([\w.:-]+)\s*=\s*"([^"]*)"')
_SINGLE_QUOTED = re.compile(rb"""([\w.:-]+)\s*=\s*'([^']*)'""")


def _attributes(tag: bytes) -> dict[bytes, str]:
    """A tag's attributes by local name (``r:id`` → ``id``), their values unescaped."""
    pairs = _DOUBLE_QUOTED.findall(tag)
    if b"'" in tag:
        pairs += _SINGLE_QUOTED.findall(tag)
    return {name.rpartition(b":")[2]: _text(value) for name, value in pairs}


# The usual attribute orders, read in one search over the whole part; a part
# written otherwise is read tag by tag (``_attributes``).
_SHEET_NAME_ID = re.compile(
    rb'<(?:[\w.-]+:)?sheet\s[^>]*?\bname="([^"]*)"[^>]*?\s[\w.-]+:id="([^"]*)"')
_REL_ID_TARGET = re.compile(
    rb'<(?:[\w.-]+:)?Relationship\s[^>]*?\bId="([^"]*)"[^>]*?\sTarget="([^"]*)"')
_REL_TARGET_ID = re.compile(
    rb'<(?:[\w.-]+:)?Relationship\s[^>]*?\bTarget="([^"]*)"[^>]*?\sId="([^"]*)"')


def sheet_parts(read: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name → its XML member (``xl/worksheets/sheet1.xml``); ``read`` gives a member."""
    targets = {rel_id: _member(target) for rel_id, target in _relationships(read(_RELS))}
    return {name: targets[rel_id] for name, rel_id in _sheets(read(_WORKBOOK))
            if rel_id in targets}


def _relationships(part: bytes) -> list[tuple[str, str]]:
    """(Id, Target) of each relationship."""
    found = _REL_ID_TARGET.findall(part)
    found += [(rel_id, target) for target, rel_id in _REL_TARGET_ID.findall(part)]
    if len(found) != len(_RELATIONSHIP_TAG.findall(part)):
        tags = map(_attributes, _RELATIONSHIP_TAG.findall(part))
        return [(tag.get(b"Id", ""), tag.get(b"Target", "")) for tag in tags]
    return [(_text(rel_id), _text(target)) for rel_id, target in found]


def _sheets(part: bytes) -> list[tuple[str, str]]:
    """(name, relationship id) of each sheet, in workbook order."""
    found = _SHEET_NAME_ID.findall(part)
    if len(found) != len(_SHEET_TAG.findall(part)):
        tags = map(_attributes, _SHEET_TAG.findall(part))
        return [(tag.get(b"name", ""), tag.get(b"id", "")) for tag in tags]
    return [(_text(name), _text(rel_id)) for name, rel_id in found]


def _member(target: str) -> str:
    """A relationship's target as a member name: absolute, or relative to ``xl/``."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


def _text(value: bytes) -> str:
    return html.unescape(value.decode("utf-8"))


def uncached_formulas(package: Package, sheets: list[str]) -> dict[str, dict[str, str]]:
    """For each named sheet: cell address → formula text, for formulas with no cached value."""
    found: dict[str, dict[str, str]] = {}
    parts = package.sheets
    for sheet in sheets:
        member = parts.get(sheet)
        if member is None or member not in package.members:
            continue
        data = package.read(member)
        end = data.rfind(b"</sheetData>")  # cells end there; <formula> of validations follow
        if end >= 0:
            cells = _scan_fast(data, end)
        elif b":sheetData>" in data:  # <x:sheetData>: namespace prefixes in use
            cells = _scan_tree(data)
        else:  # <sheetData/>: no cells
            continue
        if cells:
            found[sheet] = cells
    return found


# A cell with a formula, then its cached value if any: <v>…</v>, <v/>, or an inline <is>.
_FORMULA_CELL = re.compile(
    rb"<c\s([^>]*)>\s*<f(?:\s[^>]*)?(?:/>|>([^<]*)</f>)\s*(<v>([^<]*)</v>|<v\s*/>|<is>)?")
_ADDRESS = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_STRING_TYPE = re.compile(rb'\bt="str"')


# Where a ``_FORMULA_CELL`` match can have its <f: ``<f`` then a space, ``/`` or ``>``.
# A regex finds it about 1.4× faster than ``bytes.find(b"<f")``, which stops at every
# ``<f`` of ``<family …>`` and has no literal to skip by.
_FORMULA_START = re.compile(rb"<f[\s/>]")


def _formula_cells(data: bytes, limit: int):
    """``_FORMULA_CELL`` matches, found from each ``<f`` back to its cell's ``<c``.

    The same matches as ``finditer`` over the whole sheet (a match is a ``<c …>``
    tag followed only by spaces and ``<f``), but only formula cells are tried:
    a sheet has thousands of cells and a handful of formulas.
    """
    search = _FORMULA_START.search
    found = search(data, 0, limit)
    while found is not None:
        position = found.start()
        start = data.rfind(b"<c", 0, position)
        match = _FORMULA_CELL.match(data, start) if start >= 0 else None
        if match and not data[match.end(1) + 1:position].strip():
            yield match
            found = search(data, match.end(), limit)
        else:
            found = search(data, position + 2, limit)


def _scan_fast(data: bytes, limit: int) -> dict[str, str]:
    """The common case (no namespace prefixes): a byte search, ~10× faster than parsing."""
    cells: dict[str, str] = {}
    for match in _formula_cells(data, limit):
        attributes, formula, value_element, value = match.groups()
        cached = value_element is not None and (
            bool(value) or value_element == b"<is>" or bool(_STRING_TYPE.search(attributes)))
        where = _ADDRESS.search(attributes)
        if not cached and where:
            cells[where.group(1).decode()] = html.unescape((formula or b"").decode("utf-8"))
    return cells


def _scan_tree(data: bytes) -> dict[str, str]:
    cells: dict[str, str] = {}
    for _, element in ElementTree.iterparse(io.BytesIO(data), events=("end",)):
        if _local(element.tag) != "c":
            continue
        formula = value = None
        for child in element:
            name = _local(child.tag)
            if name == "f":
                formula = child
            elif name == "v":
                value = child
        # t="str" with an empty <v/> is a cached empty string, not a missing value.
        cached = value is not None and (bool(value.text) or element.get("t") == "str")
        if formula is not None and not cached and element.get("r"):
            cells[element.get("r")] = formula.text or ""
        element.clear()
    return cells
