"""User text made safe for where it goes: XML-based files, the terminal, JSON.

Names come from files (PDF text pasted into a cell brings ``_x0000_``,
``_x000B_``; calamine decodes them to control characters) and from the file
system (a name with an escape sequence, a newline, or bytes that are not
UTF-8, which Python keeps as lone surrogates). Each writer takes its text
through one of these functions:

- ``xml_safe``: workbooks (openpyxl refuses control characters outright) and
  Word files (XML 1.0 cannot hold them) — the characters are dropped;
- ``terminal_safe``: anything printed — a control character or a byte that is
  not UTF-8 is shown as an escape (``\\x1b``, ``\\xff``), so no name can move
  the cursor, colour the screen, open a link or split a message in two;
- ``path_text``: a file name in the JSON report — its non-UTF-8 bytes as
  ``\\xff``, so the report is always valid UTF-8.
"""

from __future__ import annotations

import dataclasses
import os
import re
from typing import Any

# Characters XML 1.0 cannot hold (and lone surrogates, which UTF-8 cannot encode).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Shown escaped on a terminal: C0 and C1 controls, DEL, line and paragraph separators,
# bidirectional overrides (text that reads differently from what it is), surrogates.
_NOT_SHOWN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                        r"\ud800-\udfff]")
_NOT_SHOWN_IN_A_LINE = re.compile(_NOT_SHOWN.pattern[:-1] + r"\t\n]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def xml_safe(text: object) -> str:
    """``text`` without the characters a worksheet or a Word file cannot store."""
    return _NOT_XML.sub("", "" if text is None else str(text))


def terminal_safe(text: object, *, one_line: bool = False) -> str:
    """``text`` with control characters and non-UTF-8 bytes shown as escapes.

    ``one_line`` escapes tabs and line breaks too: for a message that must stay
    one line (an error naming a file called ``a\\nb.xlsx``).
    """
    pattern = _NOT_SHOWN_IN_A_LINE if one_line else _NOT_SHOWN
    return pattern.sub(_escape, "" if text is None else str(text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def path_text(name: str | os.PathLike[str]) -> str:
    """A file name as valid UTF-8 text: bytes that were not UTF-8 become ``\\xff``."""
    text = os.fspath(name)
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


def without_control_characters(value: Any) -> Any:
    """``value`` (a department, or any of its parts) with ``xml_safe`` applied to every string
    in it, rebuilt only where something changed: what a workbook will hold, so that the
    workbook ``xlperf import`` writes reads back equal to what it was given."""
    if isinstance(value, str):
        return xml_safe(value) if _NOT_XML.search(value) else value
    if isinstance(value, list | tuple):
        items = [without_control_characters(item) for item in value]
        changed = any(new is not old for new, old in zip(items, value, strict=True))
        return type(value)(items) if changed else value
    if isinstance(value, dict):
        items = {key: without_control_characters(item) for key, item in value.items()}
        return items if any(items[key] is not value[key] for key in value) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = without_control_characters(old)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
