"""``xlperf excel bundle``: the offline-install folder, built, installed and checked.

The tests marked ``network`` download wheels from PyPI (once per run; pip's
cache makes later runs quick): the bundle for this machine is installed into a
fresh environment by its own install.sh, with no index, and runs ``xlperf
validate`` on the sample; the win_amd64 bundle is resolved by pip itself from
the folder alone, with the Windows-only requirements added by evaluating every
marker as a Windows PC would.
"""

from __future__ import annotations

import email.parser
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from packaging.markers import default_environment
from packaging.requirements import Requirement

from xlperf.cli import cli
from xlperf.excel.addin.package import build_addin, sha256_of
from xlperf.excel.bundle import Target, missing_requirements

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "workbook" / "样例-石嘴山市人民政府办公室.xlsx"
XLPERF = Path(sys.executable).parent / "xlperf"
WINDOWS = {**default_environment(), "os_name": "nt", "sys_platform": "win32",
           "platform_system": "Windows", "platform_machine": "AMD64",
           "python_version": "3.11", "python_full_version": "3.11.9", "extra": ""}


def fake_wheel(folder: Path, name: str, requires: list[str], tag: str = "py3-none-any") -> None:
    with zipfile.ZipFile(folder / f"{name}-1.0-{tag}.whl", "w") as archive:
        lines = ["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0",
                 *(f"Requires-Dist: {r}" for r in requires)]
        archive.writestr(f"{name}-1.0.dist-info/METADATA", "\n".join(lines) + "\n")


# The requirement walk, on wheels made here.


def test_the_walk_follows_the_targets_markers_and_extras(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "app", ['winonly; platform_system == "Windows"',
                                 'posixonly; platform_system != "Windows"', "lib[fast]>=1"])
    fake_wheel(tmp_path, "lib", ['speedup; extra == "fast"', 'docs; extra == "docs"'])
    roots = [Requirement("app==1.0")]
    windows, here = Target("win_amd64", "3.11"), Target.here()
    assert missing_requirements(tmp_path, roots, windows) == ["speedup", "winonly"]
    assert missing_requirements(tmp_path, roots, here) == ["posixonly", "speedup"]
    fake_wheel(tmp_path, "winonly", [])
    fake_wheel(tmp_path, "speedup", [])
    assert missing_requirements(tmp_path, roots, windows) == []


def test_a_wheel_for_another_platform_or_version_does_not_count(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "app", ["native>=1"])
    fake_wheel(tmp_path, "native", [], tag="cp311-cp311-manylinux_2_17_x86_64")
    assert missing_requirements(tmp_path, [Requirement("app")], Target("win_amd64", "3.11")) \
        == ["native>=1"]
    (tmp_path / "native-1.0-cp311-cp311-manylinux_2_17_x86_64.whl").unlink()
    fake_wheel(tmp_path, "native", [], tag="cp312-cp312-win_amd64")
    assert missing_requirements(tmp_path, [Requirement("app")], Target("win_amd64", "3.11")) \
        == ["native>=1"]


# The command's refusals (no download happens).


def test_a_folder_with_files_in_it_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("别动", encoding="utf-8")
    result = CliRunner().invoke(cli, ["excel", "bundle", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "不是空文件夹" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


@pytest.mark.parametrize("python", ["3", "3.x", "2.7", "3.10"])
def test_a_python_version_xlperf_cannot_run_on_is_refused(tmp_path: Path, python: str) -> None:
    result = CliRunner().invoke(cli, ["excel", "bundle", "-o", str(tmp_path / "b"),
                                      "--python", python])
    assert result.exit_code == 2
    assert "3.11" in result.output
    assert not (tmp_path / "b").exists()


# Real bundles (network).


def run_bundle(output: Path, *options: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(XLPERF), "excel", "bundle", "-o", str(output), *options],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def here_bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("here") / "安装包"
    return folder, run_bundle(folder).stdout


@pytest.fixture(scope="module")
def windows_bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("windows") / "安装包"
    return folder, run_bundle(folder, "--platform", "win_amd64", "--python", "3.11").stdout


@pytest.mark.network
def test_the_bundle_installs_offline_and_validates_the_sample(
    here_bundle: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _ = here_bundle
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env["XLPERF_HOME"] = str(tmp_path / "home")
    installed = subprocess.run(["sh", str(folder / "install.sh"), sys.executable],
                               capture_output=True, text=True, env=env, timeout=900)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "安装完成" in installed.stdout
    venv = tmp_path / "home" / "venv"
    check = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout  # every requirement installed, none broken

    fresh = subprocess.run([str(venv / "bin" / "xlperf"), "validate", str(SAMPLE)],
                           capture_output=True, text=True, env=env)
    here = subprocess.run([str(XLPERF), "validate", str(SAMPLE)], capture_output=True, text=True)
    assert fresh.returncode == here.returncode == 1  # the sample has two errors
    assert "共检查 1 个文件、7 个项目：错误 2 个" in fresh.stdout
    assert fresh.stdout == here.stdout


@pytest.mark.network
def test_the_installer_uses_only_the_bundles_wheels(here_bundle: tuple[Path, str]) -> None:
    script = (here_bundle[0] / "install.sh").read_text(encoding="utf-8")
    assert '-m pip --isolated install --no-index --find-links "$bundle/wheels" xlperf' in script
    assert '-m venv --clear "$venv"' in script


@pytest.mark.network
def test_the_bundles_addin_is_the_one_built_here(here_bundle: tuple[Path, str],
                                                 tmp_path: Path) -> None:
    folder, output = here_bundle
    built = build_addin(tmp_path / "xlperf.xlam")
    digest = sha256_of(built)
    assert (folder / "xlperf.xlam").read_bytes() == built.read_bytes()
    assert digest in output
    assert digest in (folder / "安装说明.txt").read_text(encoding="utf-8-sig")
    assert json.loads((folder / "bundle.json").read_text(encoding="utf-8"))["addin_sha256"] \
        == digest


def windows_requirements(wheels: Path) -> set[str]:
    """Every Requires-Dist line in the folder whose marker holds on Windows but not here."""
    here = {**default_environment(), "extra": ""}
    found = set()
    for wheel in wheels.glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            message = email.parser.BytesParser().parsebytes(archive.read(name))
        for line in message.get_all("Requires-Dist") or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker and marker.evaluate(WINDOWS) and not marker.evaluate(here):
                found.add(f"{requirement.name}{requirement.specifier}")
    return found


@pytest.mark.network
def test_every_dependency_for_windows_has_a_wheel_in_the_folder(
    windows_bundle: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _ = windows_bundle
    wheels = folder / "wheels"
    extra = windows_requirements(wheels)
    assert "pywin32>=224" in extra  # xlwings' own, skipped by pip's download from Linux
    # pip resolves xlperf for Windows from the folder alone (no index, no pip config).
    report = tmp_path / "report.json"
    resolved = subprocess.run(
        [sys.executable, "-m", "pip", "--isolated", "install", "--dry-run", "--ignore-installed",
         "--no-index", "--find-links", str(wheels), "--only-binary=:all:",
         "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
         "--target", str(tmp_path / "target"), "--report", str(report), "xlperf", *extra],
        capture_output=True, text=True, timeout=600)
    assert resolved.returncode == 0, resolved.stderr
    installed = {item["metadata"]["name"].lower() for item in
                 json.loads(report.read_text(encoding="utf-8"))["install"]}
    assert {"xlperf", "xlwings", "pywin32", "pandas", "numpy"} <= installed
    for wheel in wheels.glob("*.whl"):
        # py3-none-win_amd64: a Windows binary for any CPython 3 (pypdfium2, pdfplumber's)
        assert wheel.name.endswith(("-none-any.whl", "-cp311-win_amd64.whl", "-abi3-win_amd64.whl",
                                    "-py3-none-win_amd64.whl"))


@pytest.mark.network
def test_the_windows_xlwings_wheel_matches_the_addins_vba(
    windows_bundle: tuple[Path, str]
) -> None:
    import importlib.metadata

    folder, _ = windows_bundle
    version = importlib.metadata.version("xlwings")
    (wheel,) = (folder / "wheels").glob("xlwings-*.whl")
    assert wheel.name == f"xlwings-{version}-cp311-cp311-win_amd64.whl"
    with zipfile.ZipFile(wheel) as archive:  # the DLL the UDF server mode loads
        assert f"xlwings-{version}.data/data/xlwings64-{version}.dll" in archive.namelist()
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(folder / "xlperf.xlam"))
    try:
        code = {Path(n).stem: c for _, _, n, c in parser.extract_macros()}["xlwings"]
    finally:
        parser.close()
    assert f'XLWINGS_VERSION As String = "{version}"' in code


@pytest.mark.network
def test_install_cmd_is_per_user_offline_and_readable_on_chinese_windows(
    windows_bundle: tuple[Path, str]
) -> None:
    folder, output = windows_bundle
    raw = (folder / "install.cmd").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    script = raw.decode("gbk")  # cmd.exe reads batch files in code page 936 there
    assert r'set "VENV=%LOCALAPPDATA%\xlperf\venv"' in script  # per user: no admin rights
    assert "--isolated install --no-index" in script and '"%BUNDLE%wheels" xlperf' in script
    assert r'excel install --addin "%BUNDLE%xlperf.xlam"' in script
    assert "py -3.11" in script and "sys.version_info[:2] != (3, 11)" in script
    assert "安装完成" in script
    assert not (folder / "install.sh").exists()
    assert "install.cmd" in output
