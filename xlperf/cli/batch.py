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
from xlperf.limits import READING_MEMORY
from xlperf.sources import SOURCE_SUFFIXES, WORKBOOK_KINDS, WORKBOOK_SUFFIXES
from xlperf.sources.files import entry_problem

# Below this many files a process pool costs more to start than it saves.
PARALLEL_MIN_FILES = 8
CHUNK_FILES = 8  # paths per task sent to a worker
# A file whose reading process died (a library aborted, or the system ran out of memory).
WORKER_DIED = ("读取时处理进程意外终止（文件可能已损坏或过大，或内存不足）；"
               "请在 Excel 中打开并另存后再试，或单独校验这个文件")


@dataclass
class Found:
    """A path to check, or a path the user gave that cannot be (its reason)."""

    path: Path
    error: str | None = None


@dataclass
class Skipped:
    """An entry inside a folder that looked like a workbook but is not a regular file."""

    path: Path
    reason: str


def collect_paths(paths: Iterable[str | os.PathLike[str]],
                  skipped: list[Skipped] | None = None,
                  documents: list[Path] | None = None) -> list[Found]:
    """Files to check, in the order given; folders expand to their workbooks, sorted.

    Inside folders: workbooks (.xlsx/.xlsm/.xls/.xlsb/.ods) at any depth, except
    Office lock files (``~$…``) and hidden files or folders, and only regular
    files: a named pipe, a device or a broken or looping symlink is added to
    ``skipped`` with its reason (a pipe would make the run wait forever). A path
    named explicitly is always checked (so a published .txt notice can be given)
    — or reported, when it is not a regular file. Each file once. The other
    tables a folder holds (.txt, .html, .docx, .pdf: what offices also publish)
    are not checked there but listed in ``documents``, so none is passed over
    unsaid (a folder also holds xlperf's own notices in those formats).
    """
    found: list[Found] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        problem = entry_problem(path)
        if problem == "这是一个文件夹":
            candidates = sorted(_workbooks_under(path, skipped, documents), key=lambda p: str(p))
        elif problem is None:
            candidates = [path]
        else:
            found.append(Found(path, "文件或文件夹不存在" if problem.startswith("找不到")
                               else problem))
            continue
        for candidate in candidates:
            key = os.path.realpath(candidate)  # never raises, even for a symlink loop
            if key not in seen:
                seen.add(key)
                found.append(Found(candidate))
    return found


def _workbooks_under(folder: Path, skipped: list[Skipped] | None,
                     documents: list[Path] | None) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(("~$", ".")):
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix in SOURCE_SUFFIXES and suffix not in WORKBOOK_SUFFIXES:
                if documents is not None:
                    documents.append(Path(root) / name)
            elif suffix in WORKBOOK_SUFFIXES:
                path = Path(root) / name
                problem = entry_problem(path)
                if problem is None:
                    yield path
                elif skipped is not None:
                    skipped.append(Skipped(path, problem))


def skipped_line(skipped: list[Skipped]) -> str:
    """``已跳过 2 个不是普通文件的条目：收件箱/a.xlsx（…）、…`` — one line for the user."""
    shown = "、".join(f"{entry.path}（{entry.reason}）" for entry in skipped[:3])
    more = f" 等 {len(skipped)} 个" if len(skipped) > 3 else ""
    return f"已跳过 {len(skipped)} 个不是普通文件的条目{more}：{shown}"


def documents_line(documents: list[Path], command: str = "validate") -> str:
    """``文件夹中的 2 个文本、网页、Word 或 PDF 文件未读取…`` — one line, with how to read them."""
    ordered = sorted(documents, key=str)
    shown = "、".join(str(path) for path in ordered[:3])
    more = f" 等 {len(ordered)} 个" if len(ordered) > 3 else ""
    return (f"文件夹中的 {len(ordered)} 个文本、网页、Word 或 PDF 文件未读取（文件夹只读取其中的"
            f"工作簿）：{shown}{more}；要读取它们，请把文件名直接写在命令中，"
            f"如 xlperf {command} {ordered[0]}")


# The workbook kinds a folder is searched for, as messages name them.
WORKBOOKS = "/".join(WORKBOOK_KINDS)


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
    A chunk whose worker died is read again file by file, each alone; a file
    that kills its process comes back with ``WORKER_DIED``.
    (``xlperf validate`` does not use this: its workers also validate, see
    validate_run.py.)
    """
    from xlperf import workers

    jobs = effective_jobs(jobs, len(paths))
    advance = advance or (lambda n: None)
    if jobs <= 1:
        return [_read_counted(path, advance) for path in paths]
    size = max(1, min(CHUNK_FILES, len(paths) // (jobs * 4)))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    results: list[tuple[object | None, str | None]] = []
    parts = workers.run_all(_read_chunk, chunks, jobs, memory=READING_MEMORY)
    for chunk, part in zip(chunks, parts, strict=True):
        if isinstance(part, workers.WorkerDied):
            part = [_read_alone(path) for path in chunk]
        results.extend(part)
        advance(len(part))
    return results


def _read_alone(path: Path) -> tuple[object | None, str | None]:
    from xlperf import workers

    outcome = workers.run_alone(_read_chunk, [path], memory=READING_MEMORY)
    return (None, WORKER_DIED) if isinstance(outcome, workers.WorkerDied) else outcome[0]


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
