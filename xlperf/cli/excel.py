"""``xlperf excel build-addin | install | bundle``: the ribbon add-in for Excel, and its install."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from xlperf.cli.common import fail, reports_input_errors

if TYPE_CHECKING:
    from xlperf.excel.bundle import Target

NOT_WINDOWS = """\
本机不是 Windows，无法替 Excel 安装加载项。给单位的 Windows 电脑（可以不联网、不需要管理员权限）：
  1. 在能上网的电脑上生成离线安装包：
       xlperf excel bundle -o 安装包 --platform win_amd64 --python 3.11
  2. 把“安装包”文件夹拷到那台电脑（或共享盘），装好 Python 3.11 后双击其中的 install.cmd；
  3. 重新启动 Excel，功能区出现“绩效目标”选项卡。
只要加载项文件：xlperf excel build-addin -o xlperf.xlam。详见 docs/excel-install.md。"""

WINDOWS_PLATFORMS = ("win_amd64", "win32", "win_arm64")


@click.group(name="excel")
def command() -> None:
    """Excel 功能区加载项（“绩效目标”选项卡）：生成、安装与离线安装包。

    \b
    例：
      xlperf excel install              为当前用户安装（Windows）
      xlperf excel bundle -o 安装包 --platform win_amd64   离线安装包，拷到内网电脑上安装
    """


@command.command(name="build-addin")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("xlperf.xlam"), show_default=True, help="加载项文件（.xlam）")
@reports_input_errors
def build_addin_command(output: Path) -> None:
    """生成 xlperf.xlam 加载项（在任何系统上都可运行），并显示其 SHA-256。

    \b
    加载项内嵌本机已安装的 xlwings 的 VBA 模块，版本须与运行按钮的 Python 中的 xlwings 相同。
    例：xlperf excel build-addin -o xlperf.xlam
    """
    from xlperf.excel.addin.package import build_addin, sha256_of

    if output.suffix.lower() != ".xlam":
        fail(f"加载项文件必须以 .xlam 结尾：{output}")
    _build(build_addin, output)
    click.echo(f"已生成加载项：{output}")
    click.echo(f"SHA-256：{sha256_of(output)}（供安全软件加入白名单）")


def _build(build: Callable[[Path], object], output: Path) -> None:
    from xlperf.excel.addin.xlwings_vba import XlwingsModuleError

    try:
        build(output)
    except XlwingsModuleError as exc:
        fail(str(exc), 1)
    except OSError as exc:
        fail(f"无法写入 {output}：{exc.strerror or exc}")


@command.command(name="install")
@click.option("--addin", "addin", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="安装这个加载项文件（离线安装包中的 xlperf.xlam），而不是在本机重新生成")
@click.option("--trust-location", is_flag=True,
              help="改放到 AddIns 文件夹，在加载项列表中勾选并设为受信任位置"
                   "（XLSTART 被策略禁用时）")
@reports_input_errors
def install_command(addin: Path | None, trust_location: bool) -> None:
    """为当前 Windows 用户安装“绩效目标”加载项（不需要管理员权限）。

    \b
    1. 在 %USERPROFILE%\\.xlperf\\xlperf.conf 中写入按钮所用的 Python（INTERPRETER_WIN，
       即运行本命令的 Python）和 USE UDF SERVER = True（Python 常驻，第二次起点击更快）；
    2. 把加载项放进 %APPDATA%\\Microsoft\\Excel\\XLSTART（Excel 默认信任、启动时自动加载）。
    不需要 xlwings 自带的加载项。其他系统上只显示步骤说明。
    例：xlperf excel install --addin 安装包\\xlperf.xlam
    """
    if not sys.platform.startswith("win"):
        click.echo(NOT_WINDOWS)
        return
    _install_on_windows(addin, trust_location)


def _install_on_windows(addin: Path | None, trust_location: bool) -> None:
    from xlperf.excel import install

    try:
        target, lines = install.install_for_user(sys.executable, addin,
                                                 trust_location=trust_location)
    except PermissionError as exc:
        fail(f"无法写入 {exc.filename}：Excel 正在使用它，请关闭所有 Excel 窗口后重试。", 1)
    for line in lines:
        click.echo(line)
    version = install.excel_version()
    if trust_location:
        if install.register_addin(target, version):
            click.echo(f"已在 Excel {version} 的加载项列表中勾选“绩效目标”。")
        install.trust_folder(target.parent, version)
        click.echo(f"已把 {target.parent} 设为受信任位置。")
    elif install.unregister_addin(install.ADDIN_NAME, version):
        click.echo("已从加载项列表中去掉旧位置的 xlperf.xlam（现在由 XLSTART 加载）。")
    click.echo("完成。请重新启动 Excel，功能区会出现“绩效目标”选项卡。")


@command.command(name="bundle")
@click.option("-o", "--output", "output", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="要生成的安装包文件夹（须不存在或为空）")
@click.option("--platform", "platform", type=click.Choice(WINDOWS_PLATFORMS), default=None,
              help="目标电脑的平台（默认：本机）；64 位 Windows 为 win_amd64")
@click.option("--python", "python", default=None, metavar="3.11",
              help="目标电脑的 Python 版本（默认：本机的版本）")
@click.option("--source", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="xlperf 源代码目录（默认：本 xlperf 所在的源代码目录）")
@reports_input_errors
def bundle_command(output: Path, platform: str | None, python: str | None,
                   source: Path | None) -> None:
    """生成离线安装包：不联网、不需要管理员权限即可安装 xlperf 和加载项。

    \b
    文件夹中有 xlperf 及全部依赖的 wheel（按目标平台和 Python 版本下载）、加载项 xlperf.xlam、
    install.cmd（Windows；其他平台为 install.sh）和“安装说明.txt”（含加载项的 SHA-256）。
    生成时需要能访问 PyPI（或 PIP_INDEX_URL 指定的内网镜像）。
    例：xlperf excel bundle -o 安装包 --platform win_amd64 --python 3.11
    """
    from xlperf.excel.bundle import BundleError, build_bundle

    target = _target(platform, python)
    try:
        bundle = build_bundle(output, target, source=source, echo=click.echo)
    except BundleError as exc:
        fail(exc.message, exc.exit_code)
    script = "install.cmd" if target.is_windows else "install.sh"
    click.echo(f"已生成离线安装包：{bundle.folder}"
               f"（{target.label}，{len(bundle.wheels)} 个 wheel）")
    click.echo(f"加载项 SHA-256：{bundle.addin_sha256}")
    click.echo(f"在目标电脑上运行其中的 {script}；说明见 {bundle.folder / '安装说明.txt'}")


def _target(platform: str | None, python: str | None) -> Target:
    from xlperf.excel.bundle import Target

    here = Target.here()
    python = python or here.python
    parts = python.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or parts[0] != "3":
        fail(f"--python 应写成主版本.次版本，如 3.11：{python}")
    if int(parts[1]) < 11:
        fail(f"xlperf 需要 Python 3.11 或更高版本：{python}")
    return Target(platform, python)
