"""The benchmark's workbooks, written once with xlperf's writer, kept in ``benchmarks/.cache``.

The folder is named after ``synthetic.GENERATOR_VERSION``, so a change to the
generated departments writes fresh workbooks; after a change to the workbook
format, bump it (or pass ``--regenerate``) to write them again.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"


def cache_folder() -> Path:
    sys.path.insert(0, str(HERE))
    import synthetic

    return CACHE / f"validate-v{synthetic.GENERATOR_VERSION}"


def _write(index: int, folder: str) -> str:
    sys.path.insert(0, str(HERE))
    import synthetic

    from xlperf.writers.workbook.writer import write_department

    path = Path(folder) / f"部门{index:04d}.xlsx"
    write_department(synthetic.department(index), path)
    return str(path)


def workbooks(n: int, regenerate: bool = False, jobs: int | None = None) -> list[Path]:
    """A folder holding exactly ``n`` synthetic workbooks (the first ``n`` of one pool).

    The pool is written on first use (in parallel); the folder ``n<N>`` holds
    hard links to its first ``n`` files, so runs with different N share them.
    """
    root = cache_folder()
    if regenerate and root.exists():
        shutil.rmtree(root)
    pool = root / "pool"
    pool.mkdir(parents=True, exist_ok=True)
    wanted = [pool / f"部门{i:04d}.xlsx" for i in range(1, n + 1)]
    missing = [i for i, path in enumerate(wanted, start=1) if not path.exists()]
    if missing:
        print(f"writing {len(missing)} synthetic workbooks to {pool} …", file=sys.stderr)
        workers = jobs or os.cpu_count() or 1
        with concurrent.futures.ProcessPoolExecutor(workers) as executor:
            written = executor.map(_write, missing, [str(pool)] * len(missing), chunksize=8)
            for done, _ in enumerate(written, start=1):
                if done % 100 == 0:
                    print(f"  {done}/{len(missing)}", file=sys.stderr)
    folder = root / f"n{n}"
    folder.mkdir(exist_ok=True)
    linked = []
    for path in wanted:
        link = folder / path.name
        if not link.exists():
            try:
                os.link(path, link)
            except OSError:
                shutil.copy2(path, link)
        linked.append(link)
    return linked
