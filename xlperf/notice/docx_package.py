"""The Word file's package tells the truth: who made it, when, in which language, which fonts.

python-docx starts every document from its own default template, a 2013 file saved by
Mac Word: app.xml names "Microsoft Macintosh Word" and Normal.dotm, a thumbnail shows a
blank page, a bibliography item and Word 2010's stylesWithEffects ride along, the
settings carry a fixed document id and revision ids, and the East Asian defaults are
Japanese (theme fonts ＭＳ 明朝 / ＭＳ ゴシック, ``themeFontLang`` ja-JP, font table
entries). Here those give way to the notice's own facts: the department as author, the
time of writing, xlperf as the application, zh-CN, and a font table that lists the
fonts the document uses with the stand-ins Word may take for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from xlperf.notice import gbt9704 as g
from xlperf.notice.content import Notice, property_text, xml_safe

if TYPE_CHECKING:
    from docx.document import Document

APPLICATION = "xlperf"
LANGUAGE = "zh-CN"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
# Parts of python-docx's template that describe some other document (by relationship type).
_LEFTOVER_TYPES = ("/thumbnail", "/stylesWithEffects", "/customXml")


@dataclass(frozen=True)
class FontEntry:
    """What Word needs to find a font or a substitute: PANOSE, character set, family, pitch."""

    panose: str
    charset: str  # "86": GB2312
    family: str
    pitch: str


# The fonts the notice names, as Windows describes them (86 = GB2312 character set).
FONT_ENTRIES: dict[str, FontEntry] = {
    g.FONT_LATIN: FontEntry("02020603050405020304", "00", "roman", "variable"),
    g.FONT_TITLE: FontEntry("02000000000000000000", "86", "roman", "variable"),
    g.FONT_BODY: FontEntry("02010609030101010101", "86", "modern", "fixed"),
    g.FONT_HEITI: FontEntry("02010609060101010101", "86", "modern", "fixed"),
    g.FONT_KAITI: FontEntry("02010609030101010101", "86", "modern", "fixed"),
    g.FONT_PAGE_NUMBER: FontEntry("02010600030101010101", "86", "auto", "variable"),
}


def finish_package(document: Document, notice: Notice, now: datetime | None = None) -> None:
    """Replace the template's metadata, language, theme fonts and font table; drop leftovers."""
    _core_properties(document, notice, now or datetime.now(UTC))
    parts = {str(part.partname): part for part in document.part.package.iter_parts()}
    if "/docProps/app.xml" in parts:
        parts["/docProps/app.xml"]._blob = _app_xml(notice).encode("utf-8")
    _language(document)
    _settings(document)
    theme = parts.get("/word/theme/theme1.xml")
    if theme is not None:
        theme._blob = _theme_without_japanese(theme.blob)
    _drop_leftovers(document)
    fonts = parts.get("/word/fontTable.xml")
    if fonts is not None:
        fonts._blob = font_table(used_fonts(document), fonts.blob).encode("utf-8")


def _core_properties(document: Document, notice: Notice, now: datetime) -> None:
    props = document.core_properties
    stamp = now.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props.title = property_text(f"{notice.department}{notice.title}")
    props.subject = property_text(notice.attachment_title)
    props.author = property_text(notice.department)
    props.last_modified_by = APPLICATION
    props.comments = f"由 {APPLICATION} 生成" + ("（草稿）" if notice.draft else "")
    props.keywords = "草稿" if notice.draft else ""
    props.language = LANGUAGE
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def _app_xml(notice: Notice) -> str:
    """Extended properties: the application and the issuing body, nothing about Word."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    company = _escape(xml_safe(notice.department))
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<Properties xmlns="{ns}" xmlns:vt="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/docPropsVTypes"><Application>{APPLICATION}</Application>'
            f"<DocSecurity>0</DocSecurity><Company>{company}</Company>"
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc></Properties>")


def _language(document: Document) -> None:
    """w:lang in the document defaults: Chinese East Asian text (Word's proofing, line breaking)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


def _settings(document: Document) -> None:
    """Theme fonts resolve through zh-CN; no template's document id, revision ids or preview."""
    from docx.oxml.ns import qn

    settings = document.settings.element
    for tag in ("w:rsids", "w:savePreviewPicture", "w:proofState", "w:attachedTemplate"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    for element in settings.findall(f"{{{_W14}}}docId"):
        settings.remove(element)
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), LANGUAGE)


def _theme_without_japanese(blob: bytes) -> bytes:
    """The theme's font scheme without its Japanese script fonts (ＭＳ ゴシック / ＭＳ 明朝)."""
    from lxml import etree

    root = etree.fromstring(blob)
    for font in root.iter(f"{{{_A}}}font"):
        if font.get("script") == "Jpan":
            font.getparent().remove(font)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_leftovers(document: Document) -> None:
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if not rel.is_external and rel.reltype.endswith(_LEFTOVER_TYPES):
                rels.pop(rid)


_FONT_ATTRS = re.compile(rb'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"')


def used_fonts(document: Document) -> list[str]:
    """Every font name the styles, body, headers and footers set, in order of first use."""
    names: dict[str, None] = {}
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith("/word/") and name.endswith(".xml") and "fontTable" not in name:
            for match in _FONT_ATTRS.finditer(part.blob):
                names.setdefault(_unescape(match.group(1).decode("utf-8")))
    return list(names)


def font_table(names: list[str], original: bytes = b"") -> str:
    """word/fontTable.xml for ``names``: our description, else the template's own entry."""
    kept = _entries(original)
    body = []
    for name in names:
        entry = FONT_ENTRIES.get(name)
        if entry is None:
            body.append(kept.get(name, f"<w:font w:name={quoteattr(name)}/>"))
            continue
        stand_ins = g.FONT_FALLBACKS.get(name, ())
        alt = f"<w:altName w:val={quoteattr(','.join(stand_ins))}/>" if stand_ins else ""
        body.append(f"<w:font w:name={quoteattr(name)}>{alt}"
                    f'<w:panose1 w:val="{entry.panose}"/><w:charset w:val="{entry.charset}"/>'
                    f'<w:family w:val="{entry.family}"/><w:pitch w:val="{entry.pitch}"/>'
                    "</w:font>")
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:fonts xmlns:w="{_W}">{"".join(body)}</w:fonts>')


def _entries(original: bytes) -> dict[str, str]:
    """The template's own font entries by name (a restyled template may use other fonts)."""
    if not original:
        return {}
    from lxml import etree

    root = etree.fromstring(original)
    entries = {}
    for font in root.findall(f"{{{_W}}}font"):
        copy = etree.tostring(font, encoding="unicode")
        entries[font.get(f"{{{_W}}}name", "")] = re.sub(r'\sxmlns:\w+="[^"]*"', "", copy)
    return entries


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _unescape(text: str) -> str:
    from xml.sax.saxutils import unescape

    return unescape(text, {"&quot;": '"', "&apos;": "'"})
