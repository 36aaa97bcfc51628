"""Benchmark: this checkout against an earlier version of xlperf, alternating, in one run.

    .venv/bin/python benchmarks/versions.py --old 1521e5e           # 200 workbooks, 5 rounds
    .venv/bin/python benchmarks/versions.py --old main~3 --n 1000 --rounds 3

The old version is checked out into a temporary git worktree and both run on
the same cached benchmark workbooks (``benchmarks/cache.py``), each in a fresh
process per round, old and new taking turns (the order flips every round), so
the machine's drift (±30 % here) hits both alike. Measured:

- reading and validating every workbook serially (what ``xlperf validate``
  does in one process), seconds per workbook;
- the same with the process pool ``xlperf validate`` uses;
- ``xlperf validate one.xlsx`` and ``xlperf --help`` as whole processes.

Prints one table: median old, median new, and new/old (below 1 is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# Run in a fresh interpreter with the given checkout first on the path (an editable
# install's finder would otherwise always import this checkout).
_PRELUDE = """
import sys, time, json
sys.meta_path = [f for f in sys.meta_path
                 if "editable" not in (getattr(f, "__module__", "") + type(f).__name__).lower()]
sys.path.insert(0, {root!r})
"""
_BATCH = _PRELUDE + """
import xlperf.validation.engine  # imported before the clock starts
from xlperf.cli import batch, validate_run
found = batch.collect_paths([{folder!r}])
start = time.perf_counter()
results = validate_run.run(found, validate_run.RunOptions(jobs={jobs}))
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "files": len(found),
                  "findings": sum(len(r.findings) for r in results)}}))
"""
_COMMAND = _PRELUDE + """
from xlperf.cli import main
sys.argv = ["xlperf", *{args!r}]
main()
"""


def main() -> None:
    args = _arguments()
    import cache

    files = cache.workbooks(args.n)
    folder = files[0].parent
    with tempfile.TemporaryDirectory(prefix="xlperf-old-") as scratch:
        old = Path(scratch) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old),
                        args.old], check=True, capture_output=True)
        try:
            rows = _measure(old, folder, files[0], args.rounds)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                           capture_output=True)
    _print(rows, args.old, len(files), args.rounds)


def _measure(old: Path, folder: Path, one: Path, rounds: int) -> list[tuple[str, list, list]]:
    measures = {
        "read + validate, serial (s per workbook)":
            lambda root: _batch(root, folder, jobs=1),
        "read + validate, process pool (s per workbook)":
            lambda root: _batch(root, folder, jobs=0),
        "xlperf validate one.xlsx, whole process (s)":
            lambda root: _command(root, ["validate", str(one)]),
        "xlperf --help, whole process (s)": lambda root: _command(root, ["--help"]),
    }
    results = {name: ([], []) for name in measures}
    for index in range(rounds):
        order = ((0, old), (1, ROOT)) if index % 2 == 0 else ((1, ROOT), (0, old))
        for name, measure in measures.items():
            for side, root in order:
                results[name][side].append(measure(root))
        print(f"round {index + 1}/{rounds} done", file=sys.stderr)
    return [(name, old_times, new_times) for name, (old_times, new_times) in results.items()]


def _batch(root: Path, folder: Path, jobs: int) -> float:
    code = _BATCH.format(root=str(root), folder=str(folder), jobs=jobs)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=root).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return data["seconds"] / data["files"]


def _command(root: Path, args: list[str]) -> float:
    import time

    code = _COMMAND.format(root=str(root), args=args)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=root,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return time.perf_counter() - start


def _print(rows: list[tuple[str, list, list]], old: str, files: int, rounds: int) -> None:
    print(f"xlperf {old} (old) against this checkout (new): {files} workbooks, "
          f"{rounds} rounds alternating, medians")
    print(f"| {'measure':<48} | {'old':>9} | {'new':>9} | {'new/old':>7} |")
    print(f"|{'-' * 50}|{'-' * 11}|{'-' * 11}|{'-' * 9}|")
    for name, old_times, new_times in rows:
        a, b = statistics.median(old_times), statistics.median(new_times)
        print(f"| {name:<48} | {a:>9.4f} | {b:>9.4f} | {b / a:>7.2f} |")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="the earlier version: a commit or ref")
    parser.add_argument("--n", type=int, default=200, help="workbooks (200)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (5)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
