"""``xlperf excel build-addin`` and ``xlperf excel install``: the ribbon add-in for Excel."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xlperf.cli.common import fail, reports_input_errors

NOT_WINDOWS = """\
本机不是 Windows，无法替 Excel 安装加载项。在单位的 Windows 电脑上：
  1. 安装 Python 3.11 或更高版本（或使用共享盘上的便携版 Python）；
  2. 在命令提示符中运行：pip install --no-index --find-links 共享盘上的wheels文件夹 xlperf
  3. 运行：xlperf excel install
     （它会安装 xlwings 加载项、把本 Python 写入 xlwings.conf，
       并把 xlperf.xlam 复制到 %APPDATA%\\Microsoft\\AddIns 后在 Excel 中勾选）；
  4. 重新启动 Excel，功能区出现“绩效目标”选项卡。
也可以在这里用 xlperf excel build-addin -o xlperf.xlam 生成加载项文件，
拷到 Windows 电脑后在 Excel“文件 › 选项 › 加载项 › 转到”中浏览选中。
详见 docs/excel-install.md。"""


@click.group(name="excel")
def command() -> None:
    """Excel 功能区加载项（“绩效目标”选项卡）：生成与安装。"""


@command.command(name="build-addin")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("xlperf.xlam"), show_default=True, help="加载项文件（.xlam）")
@reports_input_errors
def build_addin_command(output: Path) -> None:
    """生成 xlperf.xlam 加载项（在任何系统上都可运行）。"""
    from xlperf.excel.addin.package import build_addin

    if output.suffix.lower() != ".xlam":
        fail(f"加载项文件必须以 .xlam 结尾：{output}")
    try:
        build_addin(output)
    except OSError as exc:
        fail(f"无法写入 {output}：{exc.strerror or exc}")
    click.echo(f"已生成加载项：{output}")


@command.command(name="install")
@click.option("--trust-location", is_flag=True,
              help="同时把加载项文件夹加入 Excel 的受信任位置（宏被阻止时使用）")
@reports_input_errors
def install_command(trust_location: bool) -> None:
    """在本机 Excel 中安装加载项（仅 Windows；其他系统给出步骤说明）。"""
    if not sys.platform.startswith("win"):
        click.echo(NOT_WINDOWS)
        return
    _install_on_windows(trust_location)


def _install_on_windows(trust_location: bool) -> None:
    from xlperf.excel import install
    from xlperf.excel.addin.package import build_addin

    if install.xlwings_addin_path().exists():
        click.echo("xlwings 加载项已安装。")
    else:
        click.echo("正在安装 xlwings 加载项……")
        result = install.install_xlwings_addin()
        if result.returncode != 0 or not install.xlwings_addin_path().exists():
            fail("xlwings 加载项安装失败，请关闭 Excel 后重试：\n"
                 + (result.stdout + result.stderr).strip(), 1)
    changed, previous = install.set_interpreter(install.xlwings_config_path(), sys.executable)
    if changed and previous:
        click.echo(f"xlwings.conf 的 INTERPRETER_WIN 已由 {previous} 改为 {sys.executable}")
    elif changed:
        click.echo(f"已在 xlwings.conf 中登记 Python：{sys.executable}")
    target = install.addin_folder() / install.ADDIN_NAME
    try:
        build_addin(target)
    except PermissionError:
        fail(f"无法写入 {target}：Excel 正在使用它，请关闭 Excel 后重试。", 1)
    click.echo(f"已复制加载项：{target}")
    version = install.excel_version()
    if install.register_addin(target, version):
        click.echo(f"已在 Excel {version} 的加载项列表中勾选“绩效目标”。")
    else:
        click.echo("Excel 加载项列表中已有 xlperf.xlam。")
    if trust_location:
        install.trust_folder(target.parent, version)
        click.echo(f"已把 {target.parent} 加入受信任位置。")
    click.echo("完成。请重新启动 Excel，功能区会出现“绩效目标”选项卡。")
