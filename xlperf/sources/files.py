"""Opening an input file: regular files only, never waiting, always a Chinese reason.

A folder of submissions can hold anything a file system can: a named pipe
called ``部门.xlsx`` (opening it waits forever for a writer), a device, a
symlink that points at itself or at nothing. ``open_input`` opens without
waiting (``O_NONBLOCK``) and then checks what it opened, so nothing can be
swapped in between; ``entry_problem`` says the same for folder listings
without opening anything.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from xlperf.errors import InputError

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
NOT_REGULAR = "这不是普通文件（而是命名管道、设备或套接字），xlperf 只读取普通文件"


@contextlib.contextmanager
def open_input(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """``path`` opened for reading; ``InputError`` unless it is a regular file."""
    where = os.fspath(path)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise InputError(_open_problem(exc, Path(path)), file=where) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError("这是一个文件夹，不是文件" if stat.S_ISDIR(mode) else NOT_REGULAR,
                         file=where)
    with os.fdopen(fd, "rb") as handle:
        yield handle


def entry_problem(path: Path) -> str | None:
    """Why a path found in a folder is not a file to read (None when it is one)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _open_problem(exc, path)
    if stat.S_ISREG(mode):
        return None
    return "这是一个文件夹" if stat.S_ISDIR(mode) else NOT_REGULAR


def _open_problem(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "这是一个循环的符号链接（指向自己），不是文件"
    if exc.errno == errno.ENOENT:
        return "符号链接指向的文件不存在" if path.is_symlink() else "找不到这个文件（文件不存在）"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有读取这个文件的权限；请检查文件权限，或先复制到自己的文件夹"
    if exc.errno == errno.EISDIR:
        return "这是一个文件夹，不是文件"
    return f"无法读取文件（{exc.strerror or exc}）"
