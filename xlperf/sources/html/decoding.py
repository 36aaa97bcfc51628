"""A saved web page's bytes as text, in the encoding the page declares.

Government sites still serve GB2312/GBK pages; a browser's "save page" keeps
the bytes and the ``<meta charset>`` that names them. The page's own
declaration is honoured first (a byte-order mark, then ``<meta charset=…>`` /
``<meta http-equiv="Content-Type" content="…; charset=…">`` / an XML
declaration near the top), GB2312 and GBK read as their superset GB18030;
a page that declares nothing is tried as UTF-8, then GB18030. A page whose
bytes do not fit what it declares is tried the same way before it is refused:
it is never read with replacement characters.
"""

from __future__ import annotations

import codecs
import re

from xlperf.errors import InputError

PRESCAN_BYTES = 8192  # browsers look at the first 1024; saved pages put long comments first
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# Labels that name a subset of GB18030: a GB2312 page often holds GBK characters.
_GB = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "windows-936",
                 "euc-cn", "csgb2312", "chinese", "iso-ir-58", "gb18030"})
FALLBACKS = ("utf-8", "gb18030")


def declared_encoding(data: bytes) -> str | None:
    """The encoding the page names (a Python codec name), or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:PRESCAN_BYTES]
    match = _XML.match(head) or _META.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _GB:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes, file: str | None = None) -> str:
    """The page as text; ``InputError`` when no encoding fits its bytes."""
    declared = declared_encoding(data)
    tried = [declared] if declared else []
    tried += [name for name in FALLBACKS if name != declared]
    for name in tried:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    said = f"网页声明的编码是 {declared}，但内容不是这种编码；" if declared else ""
    raise InputError(f"{said}无法识别网页的文字编码（已尝试 {'、'.join(tried)}）；"
                     "请在浏览器中打开后另存为“网页，仅 HTML”再试", file=file)
