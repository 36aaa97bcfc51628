"""Safe folder and file names from department names.

A department name is user text: it can hold ``/``, ``..``, control
characters, names Windows reserves (``CON``) or be 200 characters long. A
folder name built from it must stay inside OUTDIR on every system the
package is copied to (Windows shares, zip readers), and two departments must
not land in the same folder.
"""

from __future__ import annotations

import re
import unicodedata

MAX_FOLDER_CHARS = 50  # 150 bytes of UTF-8 Chinese; full paths stay far under Windows' 260
MAX_FILE_STEM_CHARS = 40
FALLBACK = "未命名部门"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u2028\u2029\u200b-\u200f\u202a-\u202e]')
_SPACES = re.compile(r"[\s\u3000]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def safe_name(text: str, limit: int = MAX_FOLDER_CHARS, fallback: str = FALLBACK) -> str:
    """One path component that is safe everywhere: no separators, no dot names, capped."""
    name = unicodedata.normalize("NFC", text or "")
    name = _UNSAFE.sub("_", name)
    name = _SPACES.sub(" ", name).strip(" ._")
    name = name[:limit].rstrip(" .")
    if not name or set(name) <= {".", "_"}:
        name = fallback
    if _WINDOWS_RESERVED.match(name):
        name = f"_{name}"
    return name


def unique_names(texts: list[str], limit: int = MAX_FOLDER_CHARS) -> list[str]:
    """Safe names, de-duplicated case-insensitively by adding ``-2``, ``-3`` …"""
    taken: set[str] = set()
    result = []
    for text in texts:
        base = safe_name(text, limit)
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            suffix = f"-{number}"
            name = base[: limit - len(suffix)] + suffix
        taken.add(name.casefold())
        result.append(name)
    return result
