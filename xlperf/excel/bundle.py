"""``xlperf excel bundle``: a folder that installs xlperf and the add-in on a PC without internet.

What the folder holds (``scripts.py`` writes the two installers)::

    wheels/        xlperf and every dependency, for the target platform and Python
    xlperf.xlam    the add-in (its SHA-256 in 安装说明.txt, for security software's whitelist)
    install.cmd    Windows: a per-user environment, offline install, config, add-in
    install.sh     other platforms: the same without Excel (reviewers' servers)
    安装说明.txt    what to do, in Chinese
    bundle.json    what was bundled: platform, Python, versions, SHA-256, wheels

pip downloads wheels for a foreign platform, but evaluates environment markers
on the machine it runs on, so from Linux it skips ``pywin32; platform_system ==
"Windows"`` (xlwings) and ``colorama; platform_system == "Windows"`` (click).
The bundle therefore walks the requirement tree itself with the target's
markers and tags (``missing_requirements``) and downloads what is missing until
every requirement has a wheel. xlwings is pinned to the version the add-in was
built with: its VBA loads the DLL of exactly that version.

The folder is assembled beside the output and renamed into place at the end,
so a failed download leaves nothing half-made.
"""

from __future__ import annotations

import email.parser
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags, platform_tags, sys_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from xlperf.errors import InputError

WINDOWS_MACHINES = {"win_amd64": "AMD64", "win32": "x86", "win_arm64": "ARM64"}
MANIFEST = "bundle.json"
README = "安装说明.txt"
ADDIN = "xlperf.xlam"
_ROUNDS = 5  # marker-only dependencies rarely bring more than one level of their own
_IGNORED_SOURCE = (".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".cache",
                   ".pytest_cache", ".ruff_cache", ".hypothesis", "xlperf-demo")


class BundleError(Exception):
    """Something outside the user's input failed (pip, the network); ``message`` is Chinese."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Target:
    """The PC the bundle installs on: a pip platform tag (None: this machine) and a Python."""

    platform: str | None
    python: str  # "3.11"

    @classmethod
    def here(cls) -> Target:
        return cls(None, f"{sys.version_info.major}.{sys.version_info.minor}")

    @property
    def version(self) -> tuple[int, int]:
        major, minor = self.python.split(".")
        return int(major), int(minor)

    @property
    def is_windows(self) -> bool:
        return (self.platform or sys.platform).startswith("win")

    @property
    def label(self) -> str:
        return f"{self.platform or next(iter(platform_tags()))}，Python {self.python}"

    def pip_options(self) -> list[str]:
        """Wheels only (nothing may need a compiler offline), for this platform and Python."""
        options = ["--only-binary=:all:"]
        if self.platform:
            options += ["--platform", self.platform, "--implementation", "cp"]
        if self.platform or self.version != sys.version_info[:2]:
            options += ["--python-version", self.python]
        return options

    def environment(self) -> dict[str, str]:
        """The marker environment of the target (what pip would see running there)."""
        env = dict(default_environment())
        env.update(python_version=self.python, python_full_version=f"{self.python}.0")
        if self.platform in WINDOWS_MACHINES:
            env.update(os_name="nt", sys_platform="win32", platform_system="Windows",
                       platform_machine=WINDOWS_MACHINES[self.platform],
                       implementation_name="cpython", platform_python_implementation="CPython",
                       platform_release="", platform_version="")
        return env

    def tags(self) -> set[Tag]:
        if self.platform is None and self.version == sys.version_info[:2]:
            return set(sys_tags())
        platforms = [self.platform] if self.platform else list(platform_tags())
        return set(cpython_tags(self.version, platforms=platforms)) | set(
            compatible_tags(self.version, platforms=platforms))


@dataclass(frozen=True)
class Bundle:
    folder: Path
    target: Target
    addin_sha256: str
    wheels: list[str]


def build_bundle(output: Path, target: Target, *, source: Path | None = None,
                 echo: Callable[[str], None] = print) -> Bundle:
    """Write the offline-install folder ``output`` (which must not exist, or be empty)."""
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise InputError("已存在且不是空文件夹：请换一个文件夹名，或先删除它", file=str(output))
    source = source or find_source()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        bundle = _assemble(staging, target, source, echo)
        if output.exists():
            output.rmdir()
        staging.rename(output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Bundle(output, bundle.target, bundle.addin_sha256, bundle.wheels)


def _assemble(folder: Path, target: Target, source: Path, echo: Callable[[str], None]) -> Bundle:
    from xlperf.excel.addin.package import build_addin, sha256_of
    from xlperf.excel.bundle_scripts import install_cmd, install_sh, readme

    wheels = folder / "wheels"
    echo("[1/4] 生成 xlperf 的 wheel……")
    xlperf_wheel = build_xlperf_wheel(source, wheels)
    roots = [Requirement(f"xlperf=={parse_wheel_filename(xlperf_wheel.name)[1]}"),
             Requirement(f"xlwings=={metadata.version('xlwings')}")]
    echo(f"[2/4] 下载 {target.label} 的依赖（需要能访问 PyPI 或内网镜像）……")
    pip_download([str(xlperf_wheel), str(roots[1])], wheels, target)
    for _ in range(_ROUNDS):
        missing = missing_requirements(wheels, roots, target)
        if not missing:
            break
        echo(f"      补充目标平台才需要的依赖：{'、'.join(missing)}")
        pip_download(missing, wheels, target)
    else:
        raise BundleError(f"下载后仍缺少这些依赖的 wheel：{'、'.join(missing)}")
    echo("[3/4] 生成加载项……")
    addin = build_addin(folder / ADDIN)
    digest = sha256_of(addin)
    echo("[4/4] 写入安装脚本和说明……")
    names = sorted(p.name for p in wheels.glob("*.whl"))
    versions = {"xlperf": str(roots[0].specifier)[2:], "xlwings": str(roots[1].specifier)[2:]}
    if target.is_windows:
        _write_text(folder / "install.cmd", install_cmd(target), "gbk", "\r\n")
    else:
        _write_text(folder / "install.sh", install_sh(target), "utf-8", "\n")
    _write_text(folder / README, readme(target, versions, digest, len(names)), "utf-8-sig", "\r\n")
    manifest = {"platform": target.platform, "python": target.python, **versions,
                "addin_sha256": digest, "wheels": names}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")
    return Bundle(folder, target, digest, names)


def _write_text(path: Path, text: str, encoding: str, newline: str) -> None:
    path.write_bytes(text.replace("\n", newline).encode(encoding))


# xlperf's own wheel.


def find_source() -> Path:
    """The checkout this xlperf runs from (its pyproject.toml names the project xlperf)."""
    import tomllib

    import xlperf

    root = Path(xlperf.__file__).resolve().parent.parent
    project = root / "pyproject.toml"
    try:
        name = tomllib.loads(project.read_text(encoding="utf-8"))["project"]["name"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        name = None
    if name != "xlperf":
        raise InputError("找不到 xlperf 的源代码（pyproject.toml）：请在源代码目录的环境中运行，"
                         "或用 --source 指定源代码目录")
    return root


def build_xlperf_wheel(source: Path, wheels: Path) -> Path:
    """``pip wheel`` on a copy of the source, so the checkout gets no build/ or egg-info."""
    wheels.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xlperf-source-") as tmp:
        copy = Path(tmp) / "xlperf"
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns(*_IGNORED_SOURCE))
        _pip(["wheel", "--no-deps", "-w", str(wheels), str(copy)], "生成 xlperf 的 wheel")
    built = sorted(wheels.glob("xlperf-*.whl"))
    if len(built) != 1:
        raise BundleError(f"生成 xlperf 的 wheel 失败：{wheels} 中有 {len(built)} 个 xlperf wheel")
    return built[0]


# Downloading, and checking that every requirement has a wheel.


def pip_download(requirements: Iterable[str], wheels: Path, target: Target) -> None:
    _pip(["download", "-d", str(wheels), *target.pip_options(), *requirements],
         f"下载 {target.label} 的依赖")


def _pip(arguments: list[str], doing: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *arguments]
    # pip's own lines and progress bars show on a terminal; its errors are summarised below.
    shown = None if sys.stdout.isatty() else subprocess.DEVNULL
    result = subprocess.run(command, check=False, stdout=shown, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-6:])
        raise BundleError(f"{doing}失败（pip 退出码 {result.returncode}）。请确认本机能访问 PyPI"
                          f"（或用 PIP_INDEX_URL 指定内网镜像）后重试。pip 的输出：\n{tail}")


def missing_requirements(wheels: Path, roots: Iterable[Requirement], target: Target) -> list[str]:
    """Requirements (with the target's markers) that no wheel in the folder satisfies."""
    index = _wheel_index(wheels, target)
    env = target.environment()
    missing: list[str] = []
    seen: set[tuple[str, str]] = set()
    queue = [(requirement, "") for requirement in roots]
    while queue:
        requirement, extra = queue.pop()
        if requirement.marker and not requirement.marker.evaluate({**env, "extra": extra}):
            continue
        key = (canonicalize_name(requirement.name), str(requirement.specifier))
        if key in seen:
            continue
        seen.add(key)
        wheel = _satisfying(index, requirement)
        if wheel is None:
            missing.append(f"{requirement.name}{requirement.specifier}")
            continue
        for extra_name in ["", *sorted(requirement.extras)]:
            queue.extend((dependency, extra_name) for dependency in requirements_of(wheel))
    return sorted(set(missing))


def _wheel_index(wheels: Path, target: Target) -> dict[str, list[tuple[object, Path]]]:
    """Name → (version, path) of the wheels that install on the target."""
    supported = target.tags()
    index: dict[str, list[tuple[object, Path]]] = {}
    for path in wheels.glob("*.whl"):
        name, version, _, tags = parse_wheel_filename(path.name)
        if tags & supported:
            index.setdefault(name, []).append((version, path))
    return index


def _satisfying(index: dict[str, list[tuple[object, Path]]],
                requirement: Requirement) -> Path | None:
    for version, path in index.get(canonicalize_name(requirement.name), []):
        if requirement.specifier.contains(version, prereleases=True):
            return path
    return None


def requirements_of(wheel: Path) -> list[Requirement]:
    """The ``Requires-Dist`` entries of a wheel's METADATA."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist()
                    if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        message = email.parser.BytesParser().parsebytes(archive.read(name), headersonly=True)
    return [Requirement(line) for line in message.get_all("Requires-Dist") or []]
