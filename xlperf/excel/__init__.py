"""Excel: the ribbon buttons' Python side, and the add-in builder (``xlperf.excel.addin``).

Each button of the 绩效目标 tab runs ``import xlperf.excel as x; x.on_…()``
through RunPython of the xlwings module embedded in the add-in, which tells
Python which workbook is active; ``xw.Book.caller()`` returns it. With ``USE
UDF SERVER`` (the default ``xlperf excel install`` writes) the same Python
process serves every click, so only the first one pays for starting Python and
importing pandas; this module and the book functions stay imported.

The entry points only translate between Excel and the book-level functions of
``xlperf.excel.book`` (which also work on an openpyxl workbook): a problem with
the user's workbook becomes a Chinese message box, never a traceback.

Keep this module light: it is imported on every button press, and by the
add-in builder, which needs neither xlwings nor pandas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlperf.errors import InputError

HELP_TEXT = """绩效目标选项卡（xlperf {version}）

校验：按规则检查当前工作簿，在有问题的单元格上标色、加批注，并列出“校验结果”工作表。
清除标记：去掉校验留下的底色、批注和“校验结果”，恢复原来的格式。
新增项目：按第一张项目表的格式增加一张空白项目表，并登记到“项目清单”。
生成公告：在工作簿所在文件夹生成公告及附件；有错误时只生成“草稿”。

按钮调用的 Python：{python}（{mode}）
配置文件：{config}
安装与排查：见 xlperf 的说明文档 docs/excel-install.md。"""
PERSISTENT = "常驻进程，第二次起点击不再启动 Python"
PER_CLICK = "每次点击启动一次；在配置文件中设 USE UDF SERVER 为 True 可以更快"


def _caller() -> Any:
    import xlwings as xw

    return xw.Book.caller()


def _run(action: Callable[[Any], Any]) -> Any:
    """Run a button's work on the calling book; an ``InputError`` becomes a message box."""
    from xlperf.excel.book import as_port

    book = _caller()
    try:
        return action(book)
    except InputError as exc:
        port = as_port(book)
        port.status("")
        port.alert(exc.describe())
        return None


def validate(book: Any) -> Any:
    from xlperf.excel import book as functions

    return functions.validate(book)


def clear_marks(book: Any) -> int:
    from xlperf.excel import book as functions

    return functions.clear_marks(book)


def add_project(book: Any) -> str:
    from xlperf.excel import book as functions

    return functions.add_project(book)


def render_notice(book: Any) -> Any:
    from xlperf.excel import book as functions

    return functions.render_notice(book)


def on_validate() -> None:
    """Button 校验."""
    _run(validate)


def on_clear() -> None:
    """Button 清除标记."""
    _run(clear_marks)


def on_add_project() -> None:
    """Button 新增项目."""
    _run(add_project)


def on_notice() -> None:
    """Button 生成公告."""
    _run(render_notice)


def on_help() -> None:
    """Button 帮助: what the buttons do, and which Python they run (for troubleshooting)."""
    import sys

    from xlperf import __version__
    from xlperf.excel.book import as_port
    from xlperf.excel.install import config_path

    port = as_port(_caller())
    port.status("")
    # RunPython passes --from_xl=1 to a Python it starts for one click; the UDF server does not.
    mode = PER_CLICK if "--from_xl=1" in sys.argv else PERSISTENT
    port.alert(HELP_TEXT.format(version=__version__, python=sys.executable, mode=mode,
                                config=config_path()))
