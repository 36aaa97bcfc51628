"""The installers and the Chinese read-me of the offline bundle (``xlperf excel bundle``).

``install.cmd`` is written in code page 936 (GBK) with CRLF: cmd.exe reads a
batch file in the console's code page, 936 on Chinese Windows, so its Chinese
lines show as written there. Both installers do the same, per user and
offline: a fresh environment from the Python named on the command line (or
found), ``pip --isolated install --no-index`` from the bundle's wheels (no
index, no pip configuration of the PC), then on Windows ``xlperf excel
install``, which writes the config and copies the bundle's add-in byte for byte.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlperf.excel.bundle import Target

VENV_WINDOWS = r"%LOCALAPPDATA%\xlperf\venv"
VENV_POSIX = "${XLPERF_HOME:-$HOME/.local/share/xlperf}/venv"

_INSTALL_CMD = r"""@echo off
rem xlperf offline install for one Windows user: no administrator rights, no internet.
rem   install.cmd                        Python {python} from the py launcher, else from PATH
rem   install.cmd D:\python\python.exe   that Python (a portable one on a share, say)
rem Creates {venv}, installs the wheels of this folder with --no-index, then
rem "xlperf excel install" writes %USERPROFILE%\.xlperf\xlperf.conf and copies
rem xlperf.xlam into the user's XLSTART folder (trusted by default).
rem No parenthesised blocks: a ")" in a path such as "Program Files (x86)" would end one.
setlocal EnableExtensions
set "BUNDLE=%~dp0"
set "VENV={venv}"
set "PYTHONHOME="
set "PYTHONPATH="
set "PY=%~1"
{find_with_launcher}
{find_on_path}
if not defined PY goto no_python
"%PY%" -c "import sys; sys.exit(sys.version_info[:2] != {version})" 2>nul || goto wrong_python
echo 请先关闭所有 Excel 窗口。
echo [1/3] 在 %VENV% 建立 Python 环境……
"%PY%" -m venv --clear "%VENV%" || goto failed
echo [2/3] 从本文件夹安装 xlperf，不联网……
"%VENV%\Scripts\python.exe" -m pip --isolated install --no-index ^
  --find-links "%BUNDLE%wheels" xlperf || goto failed
echo [3/3] 写入配置并放入加载项……
"%VENV%\Scripts\xlperf.exe" excel install --addin "%BUNDLE%xlperf.xlam" || goto failed
echo 安装完成：重新启动 Excel，功能区会出现“绩效目标”选项卡。
if not defined XLPERF_NO_PAUSE pause
exit /b 0
:no_python
echo 找不到 Python {python}。请先安装 Python {python}：python.org 的 Windows 安装包，
echo 选“仅为我安装”就不需要管理员权限；
echo 或者把 python.exe 的完整路径写在后面运行：install.cmd D:\python\python.exe
goto failed
:wrong_python
echo %PY% 不是 Python {python}：本安装包中的 wheel 只适用于 Python {python}。
:failed
echo 安装没有完成。若提示文件被占用，请关闭所有 Excel 窗口后重试；仍不行请把本窗口截图发给信息科。
if not defined XLPERF_NO_PAUSE pause
exit /b 1
"""

_INSTALL_SH = """#!/bin/sh
# xlperf offline install for one user: no root rights, no internet.
#   sh install.sh                            python{python} from PATH
#   sh install.sh /opt/python/bin/python{python}   that Python
# Creates {venv} and installs the wheels of this
# folder with --no-index; the command is then that environment's bin/xlperf.
set -eu
bundle=$(cd "$(dirname "$0")" && pwd)
venv="{venv}"
python="${{1:-python{python}}}"
unset PYTHONHOME PYTHONPATH 2>/dev/null || true
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != {version})' 2>/dev/null; then
  echo "找不到 Python {python}（$python）：本安装包中的 wheel 只适用于 Python {python}。" >&2
  echo "用法：sh install.sh Python{python}的路径" >&2
  exit 1
fi
echo "[1/2] 在 $venv 建立 Python 环境……"
"$python" -m venv --clear "$venv"
echo "[2/2] 从本文件夹安装 xlperf，不联网……"
"$venv/bin/python" -m pip --isolated install --no-index --find-links "$bundle/wheels" xlperf
echo "安装完成：$venv/bin/xlperf --help"
"""

_README = """xlperf {xlperf} 离线安装包（{label}）

本文件夹用于在不能上网的电脑上安装 xlperf{with_excel}，不需要管理员权限。

  wheels{sep}        xlperf 及其全部依赖（{wheels} 个 wheel 文件）
  xlperf.xlam    “绩效目标”Excel 加载项
  {script:<15}安装脚本

{steps}
加载项 xlperf.xlam 的 SHA-256（供安全软件加入白名单）：
  {digest}
加载项内嵌的 xlwings VBA 模块版本为 {xlwings}，与 wheels 中的 xlwings 相同；请勿单独升级 xlwings。
详细说明和排错：xlperf 源代码中的 docs/excel-install.md。
"""

_STEPS_WINDOWS = """安装步骤：
  1. 先安装 Python {python}：python.org 的 Windows 安装包，
     选“仅为我安装”（Install just for me）就不需要管理员权限；
     或使用信息科放在本机或共享盘上的便携版 Python {python}。
  2. 关闭所有 Excel 窗口。
  3. 双击 install.cmd。使用便携版 Python 时，在命令提示符中运行：
       install.cmd D:\\python\\python.exe
  4. 重新启动 Excel，功能区出现“绩效目标”选项卡。

安装后：Python 环境在 %LOCALAPPDATA%\\xlperf\\venv，配置在 %USERPROFILE%\\.xlperf\\xlperf.conf，
加载项在 %APPDATA%\\Microsoft\\Excel\\XLSTART\\xlperf.xlam（Excel 默认信任该文件夹）。
"""

_STEPS_POSIX = """安装步骤：
  1. 确认本机有 Python {python}（python{python} --version）。
  2. 运行：sh install.sh（或 sh install.sh Python{python}的路径）。
  3. 之后使用：~/.local/share/xlperf/venv/bin/xlperf validate 工作簿.xlsx
"""


WITH_EXCEL = " 和 Excel“绩效目标”加载项"
COMMAND_LINE_ONLY = "（命令行；加载项可拷到 Windows 电脑使用）"


def _version_tuple(target: Target) -> str:
    major, minor = target.version
    return f"({major}, {minor})"


def _find_python(command: str) -> str:
    """A batch line that sets PY to the python.exe ``command`` runs, when PY is not set yet."""
    return (f"if not defined PY for /f \"delims=\" %%i in "
            f"('{command} -c \"import sys; print(sys.executable)\" 2^>nul') do set \"PY=%%i\"")


def install_cmd(target: Target) -> str:
    return _INSTALL_CMD.format(python=target.python, version=_version_tuple(target),
                               venv=VENV_WINDOWS,
                               find_with_launcher=_find_python(f"py -{target.python}"),
                               find_on_path=_find_python("python"))


def install_sh(target: Target) -> str:
    return _INSTALL_SH.format(python=target.python, version=_version_tuple(target),
                              venv=VENV_POSIX)


def readme(target: Target, versions: dict[str, str], digest: str, wheels: int) -> str:
    windows = target.is_windows
    steps = (_STEPS_WINDOWS if windows else _STEPS_POSIX).format(python=target.python)
    return _README.format(
        xlperf=versions["xlperf"], xlwings=versions["xlwings"], label=target.label,
        with_excel=WITH_EXCEL if windows else COMMAND_LINE_ONLY, sep="\\" if windows else "/",
        wheels=wheels, script="install.cmd" if windows else "install.sh", steps=steps,
        digest=digest)
