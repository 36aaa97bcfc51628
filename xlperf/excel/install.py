"""Install the add-in on a Windows PC: xlwings' add-in, the Python it runs, xlperf.xlam.

What the buttons need, in order:
1. xlwings' own add-in (``xlwings.xlam`` in XLSTART) — it provides RunPython;
2. ``INTERPRETER_WIN`` in ``%USERPROFILE%\\.xlwings\\xlwings.conf`` pointing at the
   Python that has xlperf installed (xlwings reads it on every button press);
3. ``xlperf.xlam`` in the user's add-in folder, registered under
   ``HKCU\\Software\\Microsoft\\Office\\<version>\\Excel\\Options`` as ``OPEN``,
   ``OPEN1`` … — the values Excel's Add-ins dialog writes for ticked add-ins.

The file and text logic is plain Python (tested on Linux); only the registry
calls need Windows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ADDIN_NAME = "xlperf.xlam"
OFFICE_VERSIONS = ("16.0", "15.0", "14.0")  # 2016/2019/2021/365, 2013, 2010
INTERPRETER_KEY = "INTERPRETER_WIN"
_OPTIONS = r"Software\Microsoft\Office\{version}\Excel\Options"
_TRUSTED = r"Software\Microsoft\Office\{version}\Excel\Security\Trusted Locations\xlperf"
_OPEN_NAME = re.compile(r"^OPEN(\d*)$", re.IGNORECASE)


def appdata() -> Path:
    return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")


def addin_folder() -> Path:
    """The folder Excel's Add-ins dialog browses first (%APPDATA%\\Microsoft\\AddIns)."""
    return appdata() / "Microsoft" / "AddIns"


def xlwings_addin_path() -> Path:
    """Where ``xlwings addin install`` puts xlwings.xlam (the user's XLSTART folder)."""
    return appdata() / "Microsoft" / "Excel" / "XLSTART" / "xlwings.xlam"


def xlwings_config_path() -> Path:
    return Path.home() / ".xlwings" / "xlwings.conf"


def set_interpreter(config: Path, python: str) -> tuple[bool, str | None]:
    """Make xlwings.conf name ``python`` as INTERPRETER_WIN; returns (changed, previous value).

    Other settings in the file are kept as they are, line by line.
    """
    lines = config.read_text(encoding="utf-8").splitlines() if config.exists() else []
    entry = f'"{INTERPRETER_KEY}","{python}"'
    for index, line in enumerate(lines):
        values = re.findall(r'"([^"]*)"', line)
        if values and values[0].upper() == INTERPRETER_KEY:
            previous = values[1] if len(values) > 1 else ""
            if previous == python:
                return False, previous
            lines[index] = entry
            _write_lines(config, lines)
            return True, previous
    _write_lines(config, [*lines, entry])
    return True, None


def _write_lines(config: Path, lines: list[str]) -> None:
    from xlperf.atomic import write_text_atomic

    write_text_atomic(config, "".join(f"{line}\n" for line in lines))


def open_value_name(existing: Mapping[str, str], addin: Path) -> str | None:
    """The registry value to add (``OPEN``, ``OPEN1`` …), or None when ``addin`` is registered."""
    numbers = set()
    for name, value in existing.items():
        match = _OPEN_NAME.match(name)
        if not match:
            continue
        if addin.name.lower() in value.lower():
            return None
        numbers.add(int(match.group(1) or 0))
    number = 0
    while number in numbers:
        number += 1
    return "OPEN" if number == 0 else f"OPEN{number}"


def install_xlwings_addin() -> subprocess.CompletedProcess[str]:
    """Run ``xlwings addin install`` with this Python (it also writes xlwings.conf if missing)."""
    code = "import sys; from xlwings.cli import main; sys.argv[0] = 'xlwings'; main()"
    return subprocess.run([sys.executable, "-c", code, "addin", "install"],
                          capture_output=True, text=True, check=False)


def excel_version() -> str:
    """The newest Office version with an Excel Options key for this user (16.0 when none)."""
    import winreg

    for version in OFFICE_VERSIONS:
        try:
            winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CURRENT_USER,
                                           _OPTIONS.format(version=version)))
            return version
        except OSError:
            continue
    return OFFICE_VERSIONS[0]


def register_addin(addin: Path, version: str) -> str | None:
    """Tick the add-in in Excel's Add-ins list; returns the value name written, or None."""
    import winreg

    key = winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, _OPTIONS.format(version=version), 0,
                             winreg.KEY_READ | winreg.KEY_SET_VALUE)
    with key:
        existing: dict[str, str] = {}
        index = 0
        while True:
            try:
                name, value, _ = winreg.EnumValue(key, index)
            except OSError:
                break
            existing[name] = str(value)
            index += 1
        name = open_value_name(existing, addin)
        if name:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, f'"{addin}"')
        return name


def trust_folder(folder: Path, version: str) -> None:
    """Add ``folder`` to Excel's Trusted Locations (what Trust Center › Add new location does)."""
    import winreg

    key = winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, _TRUSTED.format(version=version), 0,
                             winreg.KEY_SET_VALUE)
    with key:
        winreg.SetValueEx(key, "Path", 0, winreg.REG_SZ, f"{folder}\\")
        winreg.SetValueEx(key, "Description", 0, winreg.REG_SZ, "xlperf 绩效目标加载项")
        winreg.SetValueEx(key, "AllowSubfolders", 0, winreg.REG_DWORD, 0)
