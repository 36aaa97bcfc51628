"""The Word notice's package, read as XML: its metadata, language and fonts tell the truth."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from notice_support import seed

from xlperf.notice.content import build_notice
from xlperf.notice.docx_writer import write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
# Japanese script: kana, the fonts of python-docx's template, its language.
JAPANESE = re.compile(r"[\u3040-\u30ff]|ＭＳ|MS (?:Mincho|Gothic)|ja-JP|\"Jpan\"")


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("docx") / "notice.docx"
    before = datetime.now(UTC).replace(microsecond=0)
    write_docx(build_notice(seed()), path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["_written_after"] = before.isoformat().encode()
    return parts


def _xml(package: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(package[name])


def test_core_properties_name_the_department_and_the_time_of_writing(package) -> None:
    core = _xml(package, "docProps/core.xml")
    department = seed().name
    assert core.findtext("dc:title", namespaces=NS) == f"{department}2024年项目支出预算绩效目标"
    assert core.findtext("dc:creator", namespaces=NS) == department
    assert core.findtext("cp:lastModifiedBy", namespaces=NS) == "xlperf"
    assert core.findtext("dc:language", namespaces=NS) == "zh-CN"
    written_after = datetime.fromisoformat(package["_written_after"].decode())
    for tag in ("dcterms:created", "dcterms:modified"):
        stamp = datetime.fromisoformat(core.findtext(tag, namespaces=NS).replace("Z", "+00:00"))
        assert written_after - timedelta(seconds=1) <= stamp <= datetime.now(UTC)
    assert b"2013" not in package["docProps/core.xml"]


def test_app_properties_name_xlperf_and_no_mac_word_template(package) -> None:
    app = _xml(package, "docProps/app.xml")
    assert app.findtext("ep:Application", namespaces=NS) == "xlperf"
    assert app.findtext("ep:Company", namespaces=NS) == seed().name
    text = package["docProps/app.xml"].decode()
    assert "Macintosh" not in text and "Normal.dotm" not in text and "Template" not in text


def test_no_leftovers_of_the_default_template(package) -> None:
    """No thumbnail of another document, no bibliography item, no Word 2010 style copy, no
    fixed document id or revision ids shared by every file xlperf writes."""
    names = set(package)
    assert not any(n.startswith(("docProps/thumbnail", "customXml/")) for n in names)
    assert "word/stylesWithEffects.xml" not in names
    settings = package["word/settings.xml"].decode()
    assert "w14:docId" not in settings and "<w:rsids>" not in settings
    for rels in (n for n in names if n.endswith(".rels")):
        target = package[rels].decode()
        assert "thumbnail" not in target and "customXml" not in target
        assert "stylesWithEffects" not in target
    content_types = package["[Content_Types].xml"].decode()
    assert "stylesWithEffects" not in content_types and "customXml" not in content_types


def test_language_is_zh_cn(package) -> None:
    styles = _xml(package, "word/styles.xml")
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{{{W}}}eastAsia") == "zh-CN"
    theme_lang = _xml(package, "word/settings.xml").find("w:themeFontLang", NS)
    assert theme_lang.get(f"{{{W}}}eastAsia") == "zh-CN"  # theme fonts resolve via 简体中文


def test_no_japanese_fonts_anywhere(package) -> None:
    for name, blob in package.items():
        if name.endswith(".xml"):
            found = JAPANESE.search(blob.decode("utf-8"))
            assert found is None, f"{name}: {found.group(0)}"


def _fonts(package) -> dict[str, etree._Element]:
    table = _xml(package, "word/fontTable.xml")
    return {font.get(f"{{{W}}}name"): font for font in table.findall("w:font", NS)}


def test_font_table_declares_the_gbt9704_fonts_with_stand_ins(package) -> None:
    fonts = _fonts(package)
    expected = {"仿宋_GB2312": "仿宋", "方正小标宋简体": "宋体", "黑体": "SimHei", "宋体": "SimSun"}
    for name, stand_in in expected.items():
        font = fonts[name]
        alt = font.find("w:altName", NS).get(f"{{{W}}}val").split(",")
        assert stand_in in alt, (name, alt)
        assert font.find("w:charset", NS).get(f"{{{W}}}val") == "86"  # GB2312
        assert len(font.find("w:panose1", NS).get(f"{{{W}}}val")) == 20
        assert font.find("w:family", NS) is not None and font.find("w:pitch", NS) is not None
    assert "方正小标宋_GBK" in fonts["方正小标宋简体"].find("w:altName", NS).get(f"{{{W}}}val")


def test_font_table_lists_every_font_the_styles_use_and_no_other(package) -> None:
    styles = package["word/styles.xml"].decode()
    used = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', styles))
    declared = set(_fonts(package))
    assert used <= declared
    assert "Cambria" not in declared and "Calibri" not in declared  # unused template fonts


def test_a_restyled_template_keeps_its_own_fonts_in_the_table(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    first = tmp_path / "notice.docx"
    write_docx(build_notice(seed()), first)
    template = docx.Document(str(first))
    template.styles["公文正文"].element.rPr.rFonts.set(qn("w:eastAsia"), "华文仿宋")
    template.save(str(first))
    again = tmp_path / "again.docx"
    write_docx(build_notice(seed()), again, style_template=first)
    with zipfile.ZipFile(again) as archive:
        table = archive.read("word/fontTable.xml").decode()
    assert 'w:name="华文仿宋"' in table and 'w:name="仿宋_GB2312"' in table
