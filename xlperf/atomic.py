"""Write outputs to a temporary file in the target folder, then rename.

A crash or a bad input never leaves a half-written workbook or a truncated
notice behind, and an input is never opened for writing. A write that fails
(no permission, a read-only or full disk, a file where a folder should be)
is one Chinese line (``xlperf.outputs.output_error``), never a traceback.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from xlperf.errors import InputError


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], *, check: Callable[[], None] | None = None,
                shown: str | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it over ``target`` on success.

    ``check`` runs once the target's folder exists and again right before the
    rename (``xlperf.outputs.Output.check``: the folder may be a symlink, a file
    may have appeared meanwhile). ``shown`` is the name messages give the target.
    """
    from xlperf.outputs import output_error

    target = Path(target)
    tmp_path: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if check is not None:
            check()
        # Named before it exists (``tempfile.mkstemp`` names it only once it exists: a
        # Ctrl-C in between left it behind), so ``finally`` removes it however early the
        # run stops. 64 random bits, and O_EXCL: it is a new file, never someone else's.
        tmp_path = target.parent / f".{target.name}.{os.urandom(8).hex()}.tmp"
        try:
            os.close(os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            tmp_path = None  # not ours to remove
            raise
        yield tmp_path
        # Created 0600; give the output the mode an ordinary file would get,
        # so workbooks on a shared drive stay readable by colleagues.
        os.chmod(tmp_path, 0o666 & ~_umask())
        if check is not None:
            check()
        os.replace(tmp_path, target)
    except InputError:
        raise
    except OSError as exc:
        raise output_error(exc, target, shown) from None
    finally:
        if tmp_path is not None:
            with contextlib.suppress(OSError):
                tmp_path.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding, newline="")


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes,
                       verify: Callable[[Path], None] | None = None) -> None:
    """Write ``data``; ``verify`` may inspect the written file and raise to keep it out."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
        if verify is not None:
            verify(tmp)
