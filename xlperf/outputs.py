"""Where a command may write: output paths checked against its inputs, and write errors in Chinese.

A path the user gives can reach an input by a detour that ``Path.exists()``
does not see: ``nosuch/../in.xlsx`` does not exist while ``nosuch`` is
missing, yet the temporary file's ``mkdir`` creates ``nosuch`` and the
rename lands on ``in.xlsx``. A symlink or a hard link to an input is the same
file under another name. So every output path is

1. normalised before any check: absolute, ``..`` resolved lexically (what
   xlperf then writes to, whatever folders are missing);
2. compared with every input by real path and by device and inode;
3. compared again once its folder exists (the folder may be a symlink), and
   right before the rename (``atomic_path``'s ``check``), when also a file
   that appeared meanwhile is not replaced without ``--force``.

``output_error`` turns the ``OSError`` of a write into one Chinese line that
says what is wrong with the place and what to do.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from xlperf.errors import InputError, OutputExists


def normalise(path: str | os.PathLike[str]) -> Path:
    """Absolute, with ``.`` and ``..`` resolved lexically (``nosuch/../a`` → ``<cwd>/a``)."""
    return Path(os.path.abspath(os.fspath(path)))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` name one file: same real path, or same device and inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:  # one of them does not exist (or cannot be reached): not the same file
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


class Output:
    """One output file of a command, checked now and again right before it is written.

    ``inputs`` are the files the command reads; an output that is one of
    them is refused even with ``force``. Without ``force`` an existing file
    is never replaced.
    """

    def __init__(self, path: str | os.PathLike[str], *,
                 inputs: Iterable[str | os.PathLike[str]] = (), force: bool = False,
                 shown: str | None = None) -> None:
        self.given = os.fspath(path)
        self.path = normalise(path)
        self.inputs = tuple(normalise(p) for p in inputs)
        self.force = force
        self.shown = shown or self.given
        self.check()

    def check(self) -> None:
        """Refuse an output that is an input, a folder, or (without ``force``) an existing file."""
        refuse_inputs(self.path, self.inputs, self.shown)
        if self.path.is_dir():
            raise InputError("输出路径是一个已存在的文件夹，请给出文件名", file=self.shown)
        if not self.force and os.path.lexists(self.path):
            raise OutputExists("文件已存在，未覆盖；如需覆盖请加 --force", file=self.shown)
        check_writable(self.path, self.shown)

    def writing(self):
        """``atomic_path`` for this output, checked again once its folder exists and before
        the rename."""
        from xlperf.atomic import atomic_path

        return atomic_path(self.path, check=self.check, shown=self.shown)


def refuse_inputs(target: Path, inputs: Iterable[Path], shown: str | None = None) -> None:
    """``InputError`` when ``target`` is one of ``inputs`` (by real path, device and inode)."""
    for source in inputs:
        if same_file(target, source):
            raise InputError(f"输出文件就是输入文件 {source.name}，不能覆盖输入；"
                             "请另选输出文件名或文件夹", file=shown or str(target))


def check_writable(target: Path, shown: str | None = None) -> None:
    """Refuse early a place that cannot be written: below a file, or in a folder without
    write permission (the write itself would fail the same way, after all the work)."""
    blocker = _file_above(target)
    if blocker is not None:
        raise InputError(f"无法写入：上级路径 {blocker} 是一个文件，不是文件夹；请换一个输出位置",
                         file=shown or str(target))
    folder = next((p for p in normalise(target).parents if os.path.lexists(p)), None)
    if folder is not None and not os.access(folder, os.W_OK | os.X_OK):
        code = errno.EROFS if _read_only(folder) else errno.EACCES
        raise output_error(OSError(code, os.strerror(code)), target, shown)


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


# What each errno says about the place, and what to do about it.
_REASONS = {
    errno.EACCES: "没有写入权限（或文件正在 Excel/WPS 中打开）；"
                  "请换一个有写入权限的文件夹，或关闭该文件后重试",
    errno.EPERM: "没有写入权限；请换一个有写入权限的文件夹",
    errno.EROFS: "所在磁盘或文件夹是只读的；请换一个可写的文件夹",
    errno.ENOSPC: "磁盘空间不足；请清理磁盘或换一个文件夹",
    errno.EDQUOT: "磁盘配额已用完；请清理后重试或换一个文件夹",
    errno.EISDIR: "这里已有一个同名文件夹；请给出文件名，或换一个名称",
    errno.ENAMETOOLONG: "文件名或路径过长；请换一个较短的名称或文件夹",
    errno.ELOOP: "路径中有循环的符号链接；请换一个文件夹",
    errno.EBUSY: "文件正被其他程序占用；请关闭它后重试",
    errno.ETXTBSY: "文件正被其他程序占用；请关闭它后重试",
    errno.EXDEV: "临时文件与目标不在同一磁盘上；请换一个文件夹",
}


def output_error(exc: OSError, target: str | os.PathLike[str], shown: str | None = None
                 ) -> InputError:
    """One Chinese line for a failed write to ``target``: what is wrong there and what to do."""
    where = shown or os.fspath(target)
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) or (
            exc.errno == errno.ENOENT and _file_above(Path(target)) is not None):
        blocker = _file_above(Path(target))
        if blocker is not None:
            return InputError(f"无法写入：上级路径 {blocker} 是一个文件，不是文件夹；"
                              "请换一个输出位置", file=where)
    reason = _REASONS.get(exc.errno or -1)
    if reason is None:
        reason = f"{exc.strerror or exc}；请检查输出位置"
    return InputError(f"无法写入：{reason}", file=where)


def _file_above(target: Path) -> Path | None:
    """The nearest existing ancestor of ``target`` that is not a folder, if any."""
    for parent in normalise(target).parents:
        if os.path.lexists(parent):
            return None if parent.is_dir() else parent
    return None
