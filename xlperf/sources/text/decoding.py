"""Turning a notice file's bytes into text, the way Chinese offices save them.

Files come from Chinese Windows machines as GBK/GB18030 as often as UTF-8
(with or without a BOM), sometimes as UTF-16 ("Unicode" in Notepad). Anything
that is not text (an .xlsx or a PDF renamed to .txt, binary garbage) or too
large is refused with one Chinese sentence naming the file, before parsing.
"""

from __future__ import annotations

import codecs
import os
import unicodedata

from xlperf.errors import InputError
from xlperf.limits import MAX_TEXT_BYTES, check_text_file_size
from xlperf.sources.files import open_input

MAX_BYTES = MAX_TEXT_BYTES
_MB = MAX_BYTES // 1024 // 1024
# Tried in order; GB18030 is a superset of GBK and GB2312.
ENCODINGS = ("utf-8-sig", "gb18030")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Files that are clearly something else, by their first bytes.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "这是 Excel 工作簿或压缩文件，不是文本；工作簿请直接用 xlperf show 查看"),
    (b"%PDF", "这是 PDF 文件，不是文本；请在 PDF 阅读器中全选复制表格文字，另存为 .txt 后再导入"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Office 文件（.xls/.doc），不是文本；请另存为 .txt 后再导入"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


def read_notice_file(path: str | os.PathLike[str]) -> str:
    """The decoded text of a notice file; ``InputError`` for anything that is not one."""
    name = os.fspath(path)
    try:
        with open_input(path) as handle:  # a regular file, or a reason (never waits on a pipe)
            check_text_file_size(os.fstat(handle.fileno()).st_size, name)
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）", file=name) from exc
    check_text_file_size(len(data), name)
    return decode_notice(data, name)


def decode_notice(data: bytes, file: str | None = None) -> str:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, then GB18030; refuse binaries."""
    if len(data) > MAX_BYTES:
        raise InputError(f"文本过大，超过 {_MB} MB 上限", file=file)
    if not data.strip():
        raise InputError("文件是空的", file=file)
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(message, file=file)
    if data.startswith(_UTF16_BOMS):
        text = _decode_utf16(data, file)
    elif b"\x00" in data:
        text = _utf16_without_bom(data, file)
    else:
        text = _decode_first(data, file)
    _refuse_binary_text(text, file)
    return text


def _decode_utf16(data: bytes, file: str | None) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise InputError("文件以 UTF-16 标记开头但内容无法解码", file=file) from exc


def _utf16_without_bom(data: bytes, file: str | None) -> str:
    """UTF-16 saved without its BOM (some exports do): the tabs, digits and line breaks of a
    goal table are ASCII, so one byte in two is NUL, nearly all at odd offsets
    (little-endian) or at even ones (big-endian). Anything else with NULs is binary."""
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if len(data) % 2 == 0 and zeros >= half // 10 and others * 4 <= zeros:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    raise InputError("这不是文本文件（含有二进制内容）；若是“Unicode”文本，"
                     "请在记事本中另存为 UTF-8 后再试", file=file)


def _decode_first(data: bytes, file: str | None) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文本编码（已尝试 UTF-8 和 GB18030/GBK），"
                     "请在记事本中另存为 UTF-8 后再试", file=file)


def _refuse_binary_text(text: str, file: str | None) -> None:
    """Bytes that happen to decode but are mostly control characters are not a notice."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch not in _ALLOWED_CONTROLS
                   and unicodedata.category(ch) in ("Cc", "Co", "Cs"))
    if controls > max(8, len(sample) // 100):
        raise InputError("这不是文本文件（含有大量控制字符或乱码）", file=file)
