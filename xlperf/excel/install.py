"""Install the add-in for one Windows user: the settings its xlwings module reads, the add-in file.

What the buttons need, and nothing else (no xlwings add-in, no admin rights):

1. ``%USERPROFILE%\\.xlperf\\xlperf.conf`` — the user config of the xlwings module
   embedded in the add-in (its project name is xlperf): ``INTERPRETER_WIN`` is the
   Python that has xlperf, ``USE UDF SERVER`` keeps that Python running between
   clicks (the warm button). xlwings reads the file with VBA's ``Input #``, that
   is in the PC's ANSI code page, so it is written in that code page;
2. ``xlperf.xlam`` where Excel opens it at start: the user's XLSTART folder,
   trusted by default and needing no registry entry; or, for PCs whose policy
   blocks XLSTART, the AddIns folder ticked in Excel's Add-ins list
   (``HKCU\\…\\Excel\\Options`` ``OPEN``, ``OPEN1`` …) and registered as a trusted
   location. Only one of the two places holds it: two copies would load twice.

The file logic is plain Python (tested on Linux); only the registry calls need Windows.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

from xlperf.errors import InputError

ADDIN_NAME = "xlperf.xlam"
CONFIG_FOLDER = ".xlperf"  # %USERPROFILE%\.xlperf\xlperf.conf, named after the VBA project
CONFIG_NAME = "xlperf.conf"
INTERPRETER_KEY = "INTERPRETER_WIN"
UDF_SERVER_KEY = "USE UDF SERVER"
OFFICE_VERSIONS = ("16.0", "15.0", "14.0")  # 2016/2019/2021/365, 2013, 2010
_OPTIONS = r"Software\Microsoft\Office\{version}\Excel\Options"
_TRUSTED = r"Software\Microsoft\Office\{version}\Excel\Security\Trusted Locations\xlperf"
_OPEN_NAME = re.compile(r"^OPEN(\d*)$", re.IGNORECASE)
_KEY = re.compile(rb'^\s*"([^"]*)"')


def appdata() -> Path:
    return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")


def xlstart_folder() -> Path:
    """The user's XLSTART folder: Excel opens what it holds at start and trusts it by default."""
    return appdata() / "Microsoft" / "Excel" / "XLSTART"


def addin_folder() -> Path:
    """The folder Excel's Add-ins dialog browses first (%APPDATA%\\Microsoft\\AddIns)."""
    return appdata() / "Microsoft" / "AddIns"


def config_path() -> Path:
    """Where the embedded xlwings module looks for the user's settings (GetConfigFilePath)."""
    return Path(os.environ.get("USERPROFILE") or Path.home()) / CONFIG_FOLDER / CONFIG_NAME


def ansi_encoding() -> str:
    """The code page VBA's file statements read in: the ANSI code page on Windows."""
    return "mbcs" if sys.platform.startswith("win") else "utf-8"


def button_settings(python: str) -> dict[str, str]:
    """The settings the buttons need: which Python, and keep it running between clicks."""
    return {INTERPRETER_KEY: python, UDF_SERVER_KEY: "True"}


def write_settings(config: Path, settings: Mapping[str, str],
                   encoding: str | None = None) -> dict[str, str | None]:
    """Set ``settings`` in the config file, one ``"KEY","VALUE"`` line each, as xlwings writes.

    Other lines are kept byte for byte. Returns the previous value of every key
    that changed (None when it was not set).
    """
    encoding = encoding or ansi_encoding()
    lines = config.read_bytes().splitlines() if config.exists() else []
    changed: dict[str, str | None] = {}
    for key, value in settings.items():
        entry = _entry(key, value, encoding)
        index = next((i for i, line in enumerate(lines) if _key_of(line) == key.upper()), None)
        if index is None:
            lines.append(entry)
            changed[key] = None
        elif lines[index] != entry:
            changed[key] = _value_of(lines[index], encoding)
            lines[index] = entry
    if changed or not config.exists():
        from xlperf.atomic import write_bytes_atomic

        write_bytes_atomic(config, b"".join(line + b"\r\n" for line in lines))
    return changed


def _entry(key: str, value: str, encoding: str) -> bytes:
    try:
        return f'"{key}","{value}"'.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"{value} 含有本机代码页不能表示的字符，Excel 中的 xlwings 读不出："
                         "请把 Python 装到路径只含英文字母、数字或中文的文件夹。") from exc


def _key_of(line: bytes) -> str | None:
    match = _KEY.match(line)
    return match.group(1).decode("ascii", "replace").upper() if match else None


def _value_of(line: bytes, encoding: str) -> str:
    values = re.findall(rb'"([^"]*)"', line)
    return values[1].decode(encoding, "replace") if len(values) > 1 else ""


def read_settings(config: Path, encoding: str | None = None) -> dict[str, str]:
    """The file's settings as xlwings' GetConfigFromFile sees them (upper-case keys)."""
    encoding = encoding or ansi_encoding()
    if not config.exists():
        return {}
    return {key: _value_of(line, encoding) for line in config.read_bytes().splitlines()
            if (key := _key_of(line))}


def check_addin(path: Path) -> None:
    """Refuse a file that is not an add-in xlperf built (before it goes where Excel opens it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError("不是加载项文件（.xlam）", file=str(path)) from exc
    if "xl/vbaProject.bin" not in names or b"addin.macroEnabled" not in types:
        raise InputError("不是 xlperf 生成的加载项（缺少 VBA 项目）", file=str(path))


def place_addin(source: Path | None, target: Path) -> None:
    """Copy ``source`` (the bundle's add-in, byte for byte) to ``target``, or build it there."""
    if source is None:
        from xlperf.excel.addin.package import build_addin

        build_addin(target)
        return
    check_addin(source)
    from xlperf.atomic import atomic_path

    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)


def install_for_user(python: str, source: Path | None, *, trust_location: bool = False,
                     encoding: str | None = None) -> tuple[Path, list[str]]:
    """Write the settings and place the add-in; returns (add-in path, Chinese report lines).

    The registry (Add-ins list, trusted location) is left to the caller, on Windows.
    """
    lines = []
    config = config_path()
    for key, previous in write_settings(config, button_settings(python), encoding).items():
        value = button_settings(python)[key]
        lines.append(f"{config}：{key} 由 {previous} 改为 {value}" if previous
                     else f"{config}：{key} = {value}")
    target = (addin_folder() if trust_location else xlstart_folder()) / ADDIN_NAME
    other = (xlstart_folder() if trust_location else addin_folder()) / ADDIN_NAME
    place_addin(source, target)
    lines.append(f"已放入加载项：{target}")
    if other.exists():
        other.unlink()
        lines.append(f"已删除另一位置的旧加载项（避免加载两份）：{other}")
    return target, lines


# The registry (Windows only).


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


def open_values_of(existing: Mapping[str, str], addin_name: str) -> list[str]:
    """The ``OPEN…`` values that load a file called ``addin_name`` (to untick it)."""
    return [name for name, value in existing.items()
            if _OPEN_NAME.match(name) and addin_name.lower() in value.lower()]


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


def _options(version: str) -> tuple[object, dict[str, str]]:
    import winreg

    key = winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, _OPTIONS.format(version=version), 0,
                             winreg.KEY_READ | winreg.KEY_SET_VALUE)
    existing: dict[str, str] = {}
    index = 0
    while True:
        try:
            name, value, _ = winreg.EnumValue(key, index)
        except OSError:
            break
        existing[name] = str(value)
        index += 1
    return key, existing


def register_addin(addin: Path, version: str) -> str | None:
    """Tick the add-in in Excel's Add-ins list; returns the value name written, or None."""
    import winreg

    key, existing = _options(version)
    with key:
        name = open_value_name(existing, addin)
        if name:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, f'"{addin}"')
        return name


def unregister_addin(addin_name: str, version: str) -> list[str]:
    """Untick every ``addin_name`` in the Add-ins list (Excel would miss the removed file)."""
    import winreg

    key, existing = _options(version)
    with key:
        names = open_values_of(existing, addin_name)
        for name in names:
            winreg.DeleteValue(key, name)
        return names


def trust_folder(folder: Path, version: str) -> None:
    """Add ``folder`` to Excel's Trusted Locations (what Trust Center › Add new location does)."""
    import winreg

    key = winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, _TRUSTED.format(version=version), 0,
                             winreg.KEY_SET_VALUE)
    with key:
        winreg.SetValueEx(key, "Path", 0, winreg.REG_SZ, f"{folder}\\")
        winreg.SetValueEx(key, "Description", 0, winreg.REG_SZ, "xlperf 绩效目标加载项")
        winreg.SetValueEx(key, "AllowSubfolders", 0, winreg.REG_DWORD, 0)
