"""Refusing files that are not readable workbooks, before any parser sees them.

Finance staff get files by mail and chat: old .xls, password-protected
workbooks, CSVs renamed to .xlsx, truncated downloads. Each gets a one-line
Chinese reason that says what to do. Zip bombs (a tiny file that inflates to
gigabytes) are refused from the sizes the zip declares, before calamine
decompresses anything.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from xlperf.errors import InputError
from xlperf.sources.files import open_input

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
# An encrypted .xlsx is an OLE2 compound file holding an "EncryptionInfo" stream;
# directory entry names are stored in UTF-16LE.
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

KEEP_INFLATED = 4 * 1024 * 1024  # members kept inflated for a second reader, at most
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a goal-table workbook is a few hundred kB
MAX_RATIO = 100  # XML compresses 10-30×; far more on a large member means a bomb
RATIO_MIN_SIZE = 10 * 1024 * 1024  # small members may compress well, harmlessly

SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开后另存为 .xlsx 再试"
# Other zip-based formats: a member that names them, and what to tell the user.
OTHER_PACKAGES = (
    ("word/document.xml", "这是 Word 文档，不是 Excel 工作簿"),
    ("ppt/presentation.xml", "这是 PowerPoint 演示文稿，不是 Excel 工作簿"),
)
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Package:
    """A workbook file that passed the checks, read once: its bytes and zip directory.

    The formula scan reads members from it, so a workbook is opened as a zip
    once, not twice (that cost about a millisecond a workbook). ``kind`` is
    what the bytes are (``xlsx``, ``xlsb``, ``ods`` or ``xls``), whatever the
    file is called.
    """

    content: bytes
    members: dict[str, zipfile.ZipInfo]
    kind: str = "xlsx"
    distinct: bool = True  # no two members share a name (``members`` keeps the last)
    where: str | None = None  # the file, for messages
    # Inflated members kept for other readers (the extent check, the formula scan, calamine).
    _read: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    def read(self, name: str) -> bytes:
        """A member's bytes (``KeyError`` if there is none)."""
        data = self.inflated(name)
        if data is None:
            try:
                with zipfile.ZipFile(io.BytesIO(self.content)) as package:
                    data = package.read(self.members[name])
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                raise damaged_member(name, self.where) from exc
            self._keep(name, data)
        return data

    def inflated(self, name: str) -> bytes | None:
        """A deflated member's bytes, inflated once and kept; None when ``ZipFile`` must read
        it (stored, damaged or unusual: ``read`` then raises what ``ZipFile`` raises)."""
        data = self._read.get(name)
        if data is None:
            data = _inflate(self.content, self.members[name])
            if data is not None:
                self._keep(name, data)
        return data

    def _keep(self, name: str, data: bytes) -> None:
        if len(data) <= KEEP_INFLATED:
            self._read[name] = data

    @cached_property
    def sheets(self) -> dict[str, str]:
        """Sheet name → its worksheet member, read once for every reader of the package.

        A target differing from its member only in case (``WORKSHEETS/SHEET3.XML``) is the
        member calamine reads (it looks members up ignoring case), so it is checked too.
        """
        from xlperf.sources.workbook.formulas import sheet_parts

        parts = sheet_parts(self.read)
        if all(member in self.members for member in parts.values()):
            return parts
        by_case = {name.casefold(): name for name in self.members}
        return {sheet: member if member in self.members else by_case.get(member.casefold(),
                                                                          member)
                for sheet, member in parts.items()}

    def head(self, name: str, size: int = 4096) -> bytes:
        """About the first ``size`` bytes of a member, without inflating the rest."""
        info = self.members[name]
        start = info.header_offset
        if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1 \
                or self.content[start:start + 4] != b"PK\x03\x04":
            return self.read(name)[:size]
        begin = start + 30 + int.from_bytes(self.content[start + 26:start + 28], "little") \
            + int.from_bytes(self.content[start + 28:start + 30], "little")
        try:
            return zlib.decompressobj(-zlib.MAX_WBITS).decompress(
                self.content[begin:begin + info.compress_size], size)
        except zlib.error:
            return b""


def _inflate(content: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """A deflated member straight from the file's bytes (``ZipFile.read`` costs ~10× more
    per small member); None when it is not the plain case, so ``ZipFile`` handles it."""
    start = info.header_offset
    if (info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1
            or content[start:start + 4] != b"PK\x03\x04"):
        return None
    name_length = int.from_bytes(content[start + 26:start + 28], "little")
    extra_length = int.from_bytes(content[start + 28:start + 30], "little")
    begin = start + 30 + name_length + extra_length
    try:
        data = zlib.decompress(content[begin:begin + info.compress_size], -zlib.MAX_WBITS)
    except zlib.error:
        return None
    return data if len(data) == info.file_size else None


def check_workbook_file(path: Path) -> Package:
    """Raise ``InputError`` unless ``path`` is a sane workbook: .xlsx/.xlsm, .xlsb, .ods
    (zip packages, checked for bombs) or an old .xls (OLE2, not encrypted)."""
    where = str(path)
    if path.is_dir():
        raise InputError("这是一个文件夹，不是工作簿", file=where)
    content = b""
    try:
        with open_input(path) as handle:  # a regular file, or a reason (never waits on a pipe)
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(4096)
            if head.startswith((*ZIP_SIGNATURES, OLE2_SIGNATURE)) and size <= MAX_UNCOMPRESSED:
                content = head + handle.read(MAX_UNCOMPRESSED + 1 - len(head))
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）", file=where) from None
    if size == 0:
        raise InputError("文件是空的（0 字节），不是 Excel 工作簿", file=where)
    if size > MAX_UNCOMPRESSED:
        raise _too_large(size, where, what="")
    if head.startswith(OLE2_SIGNATURE):
        _refuse_encrypted(content, where)
        return Package(content, {}, "xls")
    if not head.startswith(ZIP_SIGNATURES):
        _refuse_other(path, head)
    return _check_package(content, where)


def _refuse_encrypted(content: bytes, where: str) -> None:
    """An encrypted .xlsx is an OLE2 file with an EncryptionInfo stream; an old .xls with
    a password is refused by calamine when it is read."""
    if ENCRYPTION_STREAM in content:
        raise InputError("工作簿设置了打开密码，xlperf 无法读取；请在 Excel 或 WPS 中取消密码"
                         "（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存再试",
                         file=where)
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in content[:1 << 20]:
        raise InputError("这是旧版 Word 文档（.doc），不是 Excel 工作簿；"
                         "请在 Word 中另存为 .docx 或把表格复制到 Excel 后再试", file=where)


def _refuse_other(path: Path, head: bytes) -> None:
    if _looks_like_text(head):
        raise InputError("这是文本文件（可能是改了扩展名的 CSV），不是 Excel 工作簿；"
                         + SAVE_AS_XLSX, file=str(path))
    raise InputError(f"无法识别的文件格式，不是 Excel 工作簿（.xlsx）；{SAVE_AS_XLSX}",
                     file=str(path))


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text has NULs
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
    return False


def damaged_member(name: str, where: str | None) -> InputError:
    """A member whose bytes do not inflate to what the zip directory says (a bad CRC, cut
    or garbled data): the file was damaged on its way, not a fault of xlperf."""
    return InputError(f"文件已损坏：其中的 {name} 无法完整解压（校验和不符或数据不完整，"
                      "可能下载或复制时出错）；请重新获取文件，或在 Excel/WPS 中打开并另存后再试",
                      file=where)


def _too_large(size: int, where: str, what: str = "解压后") -> InputError:
    return InputError(f"文件{what}约 {size // (1024 * 1024)} MB，超过上限 "
                      f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB，"
                      "可能已损坏或是恶意文件，已拒绝读取", file=where)


def _check_package(content: bytes, where: str) -> Package:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("文件已损坏或不完整（可能下载或复制时被截断），无法作为 .xlsx 打开；"
                         "请重新获取文件，或在 Excel 中打开并另存后再试", file=where) from None
    names = {item.filename for item in members}
    kind = _package_kind(content, names)
    if kind is None:
        message = next((text for member, text in OTHER_PACKAGES if member in names),
                       "这是一个压缩文件，但不是 Excel 工作簿（缺少 xl/workbook.xml）")
        raise InputError(message, file=where)
    total = sum(item.file_size for item in members)
    if total > MAX_UNCOMPRESSED:
        raise _too_large(total, where)
    for item in members:
        if item.file_size > RATIO_MIN_SIZE and item.file_size > MAX_RATIO * max(
                item.compress_size, 1):
            raise InputError(f"文件中的 {item.filename} 压缩比异常（超过 {MAX_RATIO} 倍），"
                             "可能是恶意文件（压缩炸弹），已拒绝读取", file=where)
    by_name = {item.filename: item for item in members}
    package = Package(content, by_name, kind, distinct=len(by_name) == len(members),
                      where=where)
    if kind == "xlsx":
        from xlperf.sources.workbook.extent import check_shared_strings

        check_shared_strings(package, where)
    return package


def _package_kind(content: bytes, names: set[str]) -> str | None:
    """xlsx (also .xlsm), xlsb or ods, by what the package holds; None for other zips."""
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "content.xml" in names and ODS_MIMETYPE in content[:200]:
        return "ods"
    return None
