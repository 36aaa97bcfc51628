"""Finding and reading the files of a ``validate`` run: folders, broken files, parallel reads.

Kept apart from the command so the benchmark measures exactly what the
command does. A file that cannot be read never stops the run: it comes back
with its reason, and the report lists it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from xlperf.errors import InputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Below this many files a process pool costs more to start than it saves.
PARALLEL_MIN_FILES = 8
CHUNK_FILES = 8  # paths per task sent to a worker
# Windows has no fork: its workers start fresh and import what they need themselves.
START_METHOD = "fork" if hasattr(os, "fork") else "spawn"


@dataclass
class Found:
    """A path to check, or a path the user gave that does not exist (its reason)."""

    path: Path
    error: str | None = None


def collect_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Found]:
    """Files to check, in the order given; folders expand to their workbooks, sorted.

    Inside folders: .xlsx/.xlsm at any depth, except Office lock files (``~$…``)
    and hidden files or folders. A file named explicitly is always checked
    (so a published .txt notice can be given), each file once.
    """
    found: list[Found] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(_workbooks_under(path), key=lambda p: str(p))
        elif path.exists():
            candidates = [path]
        else:
            found.append(Found(path, "文件或文件夹不存在"))
            continue
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(Found(candidate))
    return found


def _workbooks_under(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(("~$", ".")):
                continue
            if name.lower().endswith(WORKBOOK_SUFFIXES):
                yield Path(root) / name


def read_one(path: Path) -> tuple[object | None, str | None]:
    """(department, None) or (None, Chinese reason) — never raises for a bad file."""
    from xlperf.sources import read_department

    try:
        return read_department(path), None
    except InputError as exc:
        return None, InputError(exc.message, sheet=exc.sheet, cell=exc.cell).describe()
    except Exception as exc:  # a reader bug must not stop a batch of 1 000 files
        return None, f"读取时出错（{exc.__class__.__name__}：{exc}）"


def _read_chunk(paths: list[Path]) -> list[tuple[object | None, str | None]]:
    return [read_one(path) for path in paths]


def read_all(paths: list[Path], jobs: int = 0,
             advance: Callable[[int], None] | None = None
             ) -> list[tuple[object | None, str | None]]:
    """Every path read, in order. ``jobs`` 0 means automatic, 1 serial.

    Reading is CPU-bound Python work around calamine, so threads do not help
    (measured: see docs/validation-reports.md); on more than a handful of files
    a process pool does, with the paths sent in chunks to keep pickling cheap.
    (``xlperf validate`` does not use this: its workers also validate, see
    validate_run.py.)
    """
    jobs = effective_jobs(jobs, len(paths))
    advance = advance or (lambda n: None)
    if jobs <= 1:
        return [_read_counted(path, advance) for path in paths]
    import concurrent.futures
    import multiprocessing

    size = max(1, min(CHUNK_FILES, len(paths) // (jobs * 4)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    context = multiprocessing.get_context(START_METHOD)
    results: list[tuple[object | None, str | None]] = []
    with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context) as pool:
        for part in pool.map(_read_chunk, chunks):
            results.extend(part)
            advance(len(part))
    return results


def _read_counted(path: Path, advance: Callable[[int], None]) -> tuple[object | None, str | None]:
    read = read_one(path)
    advance(1)
    return read


def effective_jobs(jobs: int, files: int) -> int:
    """Processes to use: ``jobs`` if given (0 = automatic), never more than the files."""
    if jobs > 0:
        return min(jobs, max(files, 1))
    if files < PARALLEL_MIN_FILES:
        return 1
    return min(os.cpu_count() or 1, files)
