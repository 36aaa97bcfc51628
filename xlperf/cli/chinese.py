"""click's own words in Chinese: Usage, Options, Missing argument, Error: … and the rest.

click marks every text it prints for translation with gettext (``_("Usage:")``,
``ngettext(...)``), bound in each of its modules at import. Installing a
gettext catalogue would depend on the user's locale (``LANG=C`` on a server,
nothing useful on Windows); everything a user sees is Chinese whatever the
locale, so ``install`` rebinds those names in click's modules to a lookup in
``MESSAGES``. A text click adds in a later version, missing here, stays English
(a test lists the words users meet). Cheap: no import beyond click itself.
"""

from __future__ import annotations

import importlib
import re

# click's message ids (as in its source) -> Chinese. Placeholders keep click's names;
# ``{name!r}`` becomes “{name}”: Chinese quotes instead of Python's repr.
MESSAGES: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项“{name}”。",
    "No such command {name!r}.": "没有命令“{name}”（运行 xlperf --help 查看全部命令）。",
    "Did you mean {possibility}?": "是不是要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是要用其中之一：{possibilities}？）",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name} 后面需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name} 后面需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name} 需要 {nargs} 个值。",
    "Value must be an iterable.": "取值应为一组值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{len_type} values are required, but {len_value} was given.":
        "需要 {len_type} 个值，给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.":
        "需要 {len_type} 个值，给了 {len_value} 个。",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是 {choices} 之一。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围（{range}）内。",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合格式 {formats} 之一。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，这里需要文件夹。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，这里需要文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取（没有读取权限）。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入（没有写入权限）。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已中断",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接确认。",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
}
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
# click's modules that bind gettext's ``_`` / ``ngettext`` at import.
_CLICK_MODULES = ("core", "exceptions", "formatting", "decorators", "types", "parser",
                  "termui", "utils")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Rebind click's translation functions to ``MESSAGES`` and use ``HelpFormatter``
    (idempotent)."""
    import click

    click.Context.formatter_class = _help_formatter(click.HelpFormatter)
    for error in (click.MissingParameter, click.NoSuchOption):
        if not getattr(error.format_message, "chinese", False):
            error.format_message = _in_chinese_punctuation(error.format_message)
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


_QUOTED = re.compile(r"'([^'\s]+)'")


def _in_chinese_punctuation(format_message):
    """click builds these two messages around its translated words with ASCII punctuation
    (``缺少参数 'FILE'.``, ``… 是不是要用 '--jobs'？``); give them Chinese quotes and stops."""

    def chinese(self) -> str:
        text = _QUOTED.sub(r"“\1”", format_message(self))
        text = text.replace(". ", "。").replace("。 ", "。")
        return text[:-1] + "。" if text.endswith(".") else text

    chinese.chinese = True  # type: ignore[attr-defined]
    return chinese


def _help_formatter(base: type) -> type:
    """click's help formatter with Chinese punctuation: ``用法：xlperf …``, ``选项：``."""

    class HelpFormatter(base):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, gettext("Usage:") if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{heading}：\n")

    return HelpFormatter
