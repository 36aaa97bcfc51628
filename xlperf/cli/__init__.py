"""The ``xlperf`` command. Each subcommand lives in its own module, imported only when run.

Keeping the command table here (name → module, one-line help) lets
``xlperf --help`` list everything without importing pandas, pandera, openpyxl,
docx or xlwings, so it stays instant.
"""

from __future__ import annotations

import importlib

import click

from xlperf.cli import chinese

chinese.install()  # before any command is declared: click's help texts are set then

# name -> (module under xlperf.cli, one-line Chinese help shown by `xlperf --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "new": ("new", "生成空白模板工作簿（每个项目一张工作表）"),
    "add-project": ("add_project", "在工作簿中新增一张项目工作表，并登记到项目清单"),
    "import": ("import_text",
               "把已公开的绩效目标表（文本、网页、Word、PDF、其他表样的工作簿）导入为工作簿"),
    "export": ("export", "把工作簿导出为公开文本格式"),
    "show": ("show", "显示工作簿中的部门数据（--json 输出模型）"),
    "validate": ("validate", "按规则校验工作簿，指出具体单元格"),
    "rules": ("rules", "列出校验规则及当前生效的配置"),
    "notice": ("notice", "生成公开公告及附件（txt/html/docx/xlsx/pdf）"),
    "excel": ("excel", "Excel 功能区加载项：生成、安装与离线安装包"),
    "demo": ("demo", "用内置样例演示全流程，输出到 ./xlperf-demo/"),
}


INTERRUPTED = "已中断"
INTERRUPTED_EXIT = 130
INTERNAL_ERROR_EXIT = 70  # EX_SOFTWARE: a defect of xlperf, not of the input


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"xlperf.cli.{COMMANDS[name][0]}")
        return in_chinese(module.command)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple:
        """A mistyped command name gets the nearest one suggested (``valdate`` → validate)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            from xlperf.cli.common import shown

            close = difflib.get_close_matches(name, COMMANDS, n=1)
            if close:
                ctx.fail(f"没有命令“{shown(name)}”，是不是要用 {close[0]}？"
                         "（运行 xlperf --help 查看全部命令）")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; Ctrl-C ends it with 已中断 and exit code 130 (128 + SIGINT, what
        shells report), not click's English ``Aborted!`` and 1, the code for "errors found"."""
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):
            if click.get_text_stream("stderr").isatty():
                click.echo(err=True)  # end the line the terminal's ^C was echoed on
            click.echo(INTERRUPTED, err=True)
            ctx.exit(INTERRUPTED_EXIT)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except Exception as error:  # the last guard before the user's terminal
            _internal_error(ctx, error)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_text) for name, (_, help_text) in COMMANDS.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


def _internal_error(ctx: click.Context, error: Exception) -> None:
    """A defect of xlperf, not of the input: one Chinese line, the traceback in a file.

    Python's own traceback would be English and exit 1, which means "errors
    found" to a batch script; exit 70 (EX_SOFTWARE) says "xlperf failed".
    An ``InputError`` that escaped its command is still bad input (exit 2).
    ``XLPERF_DEBUG=1`` lets the traceback through for developers.
    """
    import os

    from xlperf.errors import InputError

    if os.environ.get("XLPERF_DEBUG"):
        raise error
    if isinstance(error, InputError):
        click.secho(f"错误：{error.describe()}", fg="red", err=True)
        ctx.exit(2)
    log = _write_traceback(error)
    where = f"详细信息已写入 {log}，" if log else ""
    click.secho(f"错误：xlperf 内部错误（{type(error).__name__}：{error}）。这不是输入文件的问题；"
                f"{where}请把它和所用的命令发给维护人员。", fg="red", err=True)
    ctx.exit(INTERNAL_ERROR_EXIT)


def _write_traceback(error: Exception) -> str | None:
    """The traceback in ``xlperf-内部错误-….txt`` in the temp folder (None if that fails)."""
    import tempfile
    import traceback

    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="xlperf-内部错误-",
                                         suffix=".txt", delete=False) as log:
            log.write("".join(traceback.format_exception(error)))
        return log.name
    except OSError:
        return None


def in_chinese(command: click.Command) -> click.Command:
    """The usage line's placeholders in Chinese (``[选项]``, ``命令 [参数]...``), for a
    command and, in a group such as ``excel``, its subcommands."""
    command.options_metavar = chinese.OPTIONS_METAVAR
    if isinstance(command, click.Group):
        command.subcommand_metavar = chinese.SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            in_chinese(sub)
    return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             options_metavar=chinese.OPTIONS_METAVAR, subcommand_metavar=chinese.SUBCOMMAND_METAVAR)
@click.version_option(package_name="xlperf")
def cli() -> None:
    """xlperf：项目支出预算绩效目标表的填报、校验与公开工具。

    \b
    常用流程：
      xlperf new 部门.xlsx --department 某某局 --year 2025   生成模板
      xlperf validate 部门.xlsx                              校验并指出单元格
      xlperf notice 部门.xlsx -o 公开                        生成公告及附件
    每个命令的详细说明：xlperf 命令 --help
    """


def main() -> None:
    cli(prog_name="xlperf")
