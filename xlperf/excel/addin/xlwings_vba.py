"""The VBA module xlwings ships for custom add-ins, read from the installed xlwings at build time.

xlwings' wheel carries ``xlwings_custom_addin.bas`` (its "custom add-in"
design): RunPython, the UDF-server client and the config reader, written for an
add-in whose VBA project is called ``myaddin``. Its ``PROJECT_NAME`` constant
names the config file and sheet (``myaddin.conf``), so the builder embeds the
module with that one constant set to ``xlperf``: the buttons call RunPython in
their own project, no other add-in is needed, and the settings live in
``%USERPROFILE%\\.xlperf\\xlperf.conf``.

Nothing of it is copied into the repository. The add-in always carries the VBA
of the xlwings it was built with; the module names that version, and so does
the DLL it loads in UDF-server mode (``xlwings64-<version>.dll``, installed by
the xlwings wheel beside the Python that runs the buttons) — which is why the
offline bundle pins the xlwings wheel to the same version.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from xlperf.excel.addin.vbaproject import Module, to_crlf

SOURCE_FILE = "xlwings_custom_addin.bas"
PROJECT_NAME = "xlperf"  # the config file is %USERPROFILE%\.xlperf\xlperf.conf
SHIPPED_PROJECT_NAME = "myaddin"
_CONSTANT = 'Public Const PROJECT_NAME As String = "{}"'
_VERSION = re.compile(r'^Public Const XLWINGS_VERSION As String = "([^"]+)"\r?$', re.MULTILINE)
_VB_NAME = re.compile(r'^Attribute VB_Name = "(\w+)"', re.MULTILINE)


class XlwingsModuleError(RuntimeError):
    """The installed xlwings has no custom add-in module of the shape this builder expects."""


def source_path() -> Path:
    """``xlwings_custom_addin.bas`` of the installed xlwings (found without importing it)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise XlwingsModuleError("没有安装 xlwings：请先运行 pip install xlwings。")
    path = Path(spec.origin).parent / SOURCE_FILE
    if not path.is_file():
        raise XlwingsModuleError(f"已安装的 xlwings 中没有自定义加载项模块 {SOURCE_FILE}：{path}")
    return path


def xlwings_module(project_name: str = PROJECT_NAME) -> Module:
    """The module as shipped, with ``PROJECT_NAME`` set to ``project_name``."""
    path = source_path()
    raw = path.read_bytes()
    if not raw.isascii():
        raise XlwingsModuleError(f"{path} 含有非 ASCII 字符，无法按任意代码页嵌入。")
    text = raw.decode("ascii")
    shipped = _CONSTANT.format(SHIPPED_PROJECT_NAME)
    if text.count(shipped) != 1 or not _VB_NAME.search(text) or not _VERSION.search(text):
        raise XlwingsModuleError(
            f"{path} 的格式与预期不同（应有且只有一行 {shipped}）：请换用已验证的 xlwings 版本。")
    name = _VB_NAME.search(text).group(1)
    return Module(name, to_crlf(text.replace(shipped, _CONSTANT.format(project_name))))


def module_version(source: str) -> str:
    """The xlwings version a module was shipped with (its ``XLWINGS_VERSION`` constant)."""
    match = _VERSION.search(source)
    if not match:
        raise XlwingsModuleError("模块中没有 XLWINGS_VERSION 常量")
    return match.group(1)
