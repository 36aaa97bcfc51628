"""Write a ``vbaProject.bin`` (MS-OVBA §2.3) from VBA source text.

The project is written the way Office itself reads a project that has never
been compiled: module streams hold only compressed source (MODULEOFFSET 0, no
performance cache) and ``_VBA_PROJECT`` is the seven bytes of the
specification's example (§3.1.1: version 0xFFFF, which tells Office to compile
from source on first load, §2.3.4.1). The structure imitates what Excel writes:
PROJECT and PROJECTwm at the root, ``VBA/dir`` with a PROJECTCOMPATVERSION
record and the stdole and Office references, one stream per module.

Decision: the project code page is 936 (GBK), the ANSI code page of Chinese
Windows, which the VBA editor there uses when it saves the project again. The
modules themselves are ASCII only (their Chinese text is built at run time by
``ChrW``), so they read the same under any code page.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from xlperf.excel.addin import cfb, ovba

CODEPAGE = 936
LCID = 0x0409  # §2.3.4.2.1.3: MUST be 0x409 whatever the user's language
SYSKIND_WIN64 = 0x00000003
# §3.1.1: Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00, Reserved3 0x0001, no cache.
VBA_PROJECT_HEADER = bytes.fromhex("CC61FFFF000100")
# §2.3.4.2.1.2: the "Office Model version" of the project. Optional; files saved by
# Excel 365 carry 4 (oletools issue 808 shows one), VBA 5.0 wrote none.
COMPAT_VERSION = 4
HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
VERSION_COMPATIBLE = "393222000"

# Object bases of Excel's document modules (the VB_Base attribute of real files).
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"

# (name, LIBID) of the registered type libraries every Excel project references:
# stdole for IDispatch basics, Office for IRibbonControl.
REFERENCES: tuple[tuple[str, str], ...] = (
    ("stdole", r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0"
               r"#C:\Windows\System32\stdole2.tlb#OLE Automation"),
    ("Office", r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0"
               r"#C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL"
               r"#Microsoft Office 16.0 Object Library"),
)

# Unprotected, visible project (decrypted values of real files): §2.3.1.15–17.
PROTECTION_STATE = b"\0\0\0\0"
NO_PASSWORD = b"\0"
VISIBLE = b"\xff"

_VB_NAME = re.compile(r'^Attribute VB_Name = "([A-Za-z][A-Za-z0-9_]*)"\s*$', re.MULTILINE)


@dataclass(frozen=True)
class Module:
    """One VBA module: its name and its source exactly as stored (Attribute lines, CRLF)."""

    name: str
    source: str
    kind: Literal["procedural", "document"] = "procedural"


def read_bas(path: str | Path) -> Module:
    """A procedural module from an exported ``.bas`` file; its name is its VB_Name attribute."""
    text = Path(path).read_text(encoding="utf-8")
    match = _VB_NAME.search(text)
    if not match:
        raise ValueError(f"{path}: no 'Attribute VB_Name = \"…\"' line")
    return Module(match.group(1), to_crlf(text))


def document_module(name: str, base: str) -> Module:
    """An empty document module (ThisWorkbook, a sheet) with the attributes Excel writes."""
    lines = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{base}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    return Module(name, "\r\n".join(lines) + "\r\n", "document")


def to_crlf(text: str) -> str:
    """VBA stores CRLF line ends; the repository keeps LF."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def build_vba_project(modules: Sequence[Module], *, name: str = "xlperf",
                      codepage: int = CODEPAGE) -> bytes:
    """The compound file bytes of a VBA project holding ``modules``."""
    names = [m.name.lower() for m in modules]
    if len(set(names)) != len(names):
        raise ValueError("module names must be unique (VBA ignores case)")
    codec = codec_for(codepage)
    project_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"xlperf:{name}")).upper() + "}"
    streams = {
        "PROJECT": project_stream(modules, name, project_id, codec),
        "PROJECTwm": projectwm_stream(modules, codec),
        "VBA/_VBA_PROJECT": VBA_PROJECT_HEADER,
        "VBA/dir": ovba.compress(dir_stream(modules, name, codepage, codec)),
    }
    for module in modules:
        streams[f"VBA/{module.name}"] = ovba.compress(module.source.encode(codec))
    return cfb.write_compound_file(streams)


def codec_for(codepage: int) -> str:
    """The Python codec of a Windows code page (936 → GBK)."""
    return f"cp{codepage}"


# PROJECT stream (§2.3.1): text, one property per line.


def project_stream(modules: Sequence[Module], name: str, project_id: str, codec: str) -> bytes:
    lines = [f'ID="{project_id}"']
    for module in modules:
        if module.kind == "document":
            lines.append(f"Document={module.name}/&H00000000")
        else:
            lines.append(f"Module={module.name}")
    lines += [
        f'Name="{name}"',
        'HelpContextID="0"',
        f'VersionCompatible32="{VERSION_COMPATIBLE}"',
        f'CMG="{encrypt(PROTECTION_STATE, project_id, "CMG")}"',
        f'DPB="{encrypt(NO_PASSWORD, project_id, "DPB")}"',
        f'GC="{encrypt(VISIBLE, project_id, "GC")}"',
        "",
        "[Host Extender Info]",
        HOST_EXTENDER,
        "",
        "[Workspace]",
    ]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]
    return ("\r\n".join(lines) + "\r\n").encode(codec)


def encrypt(data: bytes, project_id: str, label: str) -> str:
    """§2.4.3.2 data encryption (an obfuscation keyed by the project ID), as upper-case hex.

    The seed and the ignored bytes are derived from the project ID and the
    property name, so a build is reproducible byte for byte.
    """
    noise = hashlib.sha256(f"{project_id}:{label}".encode()).digest()
    seed = noise[0]
    project_key = sum(project_id.encode("ascii")) & 0xFF
    version_enc = seed ^ 2
    key_enc = seed ^ project_key
    out = bytearray([seed, version_enc, key_enc])
    plain_1, enc_1, enc_2 = project_key, key_enc, version_enc
    ignored = noise[1 : 1 + (seed & 6) // 2]
    for byte in ignored + struct.pack("<I", len(data)) + data:
        encrypted = byte ^ ((enc_2 + plain_1) & 0xFF)
        out.append(encrypted)
        enc_2, enc_1, plain_1 = enc_1, encrypted, byte
    return out.hex().upper()


def decrypt(text: str) -> tuple[int, bytes]:
    """§2.4.3.3: (project key, data) of an encrypted PROJECT property."""
    raw = bytes.fromhex(text)
    seed, version_enc, key_enc = raw[:3]
    project_key = seed ^ key_enc
    plain_1, enc_1, enc_2 = project_key, key_enc, version_enc
    plain = bytearray()
    for encrypted in raw[3:]:
        byte = encrypted ^ ((enc_2 + plain_1) & 0xFF)
        plain.append(byte)
        enc_2, enc_1, plain_1 = enc_1, encrypted, byte
    rest = bytes(plain[(seed & 6) // 2 :])
    (length,) = struct.unpack_from("<I", rest)
    return project_key, rest[4 : 4 + length]


# PROJECTwm stream (§2.3.3): module names in MBCS and UTF-16.


def projectwm_stream(modules: Sequence[Module], codec: str) -> bytes:
    parts = [m.name.encode(codec) + b"\0" + m.name.encode("utf-16-le") + b"\0\0" for m in modules]
    return b"".join(parts) + b"\0\0"


# dir stream (§2.3.4.2): records of (id, size, data).


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _pair(record_id: int, text: bytes, unicode_id: int, unicode_text: bytes) -> bytes:
    """A record followed by its Unicode twin (the 'Reserved' id is the twin's id)."""
    return _record(record_id, text) + _record(unicode_id, unicode_text)


def dir_stream(modules: Sequence[Module], name: str, codepage: int, codec: str) -> bytes:
    """The uncompressed dir stream: project information, references, modules."""
    out = bytearray()
    out += _record(0x0001, struct.pack("<I", SYSKIND_WIN64))
    out += _record(0x004A, struct.pack("<I", COMPAT_VERSION))  # PROJECTCOMPATVERSION
    out += _record(0x0002, struct.pack("<I", LCID))
    out += _record(0x0014, struct.pack("<I", LCID))
    out += _record(0x0003, struct.pack("<H", codepage))
    out += _record(0x0004, name.encode(codec))
    out += _pair(0x0005, b"", 0x0040, b"")  # DOCSTRING
    out += _pair(0x0006, b"", 0x003D, b"")  # HELPFILEPATH (twice, per the spec)
    out += _record(0x0007, struct.pack("<I", 0))  # HELPCONTEXT
    out += _record(0x0008, struct.pack("<I", 0))  # LIBFLAGS
    # VERSION: a Reserved field of 4 stands where the size would be, then 4 + 2 bytes.
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)
    out += _pair(0x000C, b"", 0x003C, b"")  # CONSTANTS
    for ref_name, libid in REFERENCES:
        out += _pair(0x0016, ref_name.encode(codec), 0x003E, ref_name.encode("utf-16-le"))
        libid_bytes = libid.encode(codec)
        body = struct.pack("<I", len(libid_bytes)) + libid_bytes + struct.pack("<IH", 0, 0)
        out += _record(0x000D, body)
    out += _record(0x000F, struct.pack("<H", len(modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))  # PROJECTCOOKIE
    for module in modules:
        out += _module_records(module, codec)
    out += _record(0x0010, b"")
    return bytes(out)


def _module_records(module: Module, codec: str) -> bytes:
    name, name_u = module.name.encode(codec), module.name.encode("utf-16-le")
    out = bytearray()
    out += _record(0x0019, name)  # MODULENAME
    out += _record(0x0047, name_u)  # MODULENAMEUNICODE
    out += _pair(0x001A, name, 0x0032, name_u)  # MODULESTREAMNAME
    out += _pair(0x001C, b"", 0x0048, b"")  # MODULEDOCSTRING
    out += _record(0x0031, struct.pack("<I", 0))  # MODULEOFFSET: source starts the stream
    out += _record(0x001E, struct.pack("<I", 0))  # MODULEHELPCONTEXT
    out += _record(0x002C, struct.pack("<H", 0xFFFF))  # MODULECOOKIE
    out += _record(0x0022 if module.kind == "document" else 0x0021, b"")  # MODULETYPE
    out += _record(0x002B, b"")  # terminator
    return bytes(out)
