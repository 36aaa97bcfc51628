"""Benchmark: this checkout against an earlier version of xlperf, alternating, in one run.

    .venv/bin/python benchmarks/versions.py --old 1521e5e     # 1000 workbooks, 3 rounds
    .venv/bin/python benchmarks/versions.py --old /work/old-1521e5e --n 200 --rounds 5
    .venv/bin/python benchmarks/versions.py --old 1521e5e --new main --new .   # two against one

``--old`` (and ``--new``, this checkout by default) is a commit or ref, checked
out into a temporary git worktree, or the folder of a checkout. Both run on
the same cached benchmark workbooks (``benchmarks/cache.py``), each in a
fresh process per round, old and new taking turns (the order flips every
round), so the machine's drift (±30 % here, shared with other work) hits both
alike. CPU time is measured, not wall time, wherever it tells the cost:

- reading and validating every workbook serially (what ``xlperf validate``
  does in one process): CPU seconds per workbook;
- the same with 2 worker processes (``validate_run.run(jobs=2)``): wall
  seconds per workbook (the rate a user sees) and the CPU of the whole
  process tree per workbook;
- ``xlperf validate one.xlsx`` and ``xlperf --help`` as whole processes:
  CPU seconds (user + system) of the process.

Prints one table: median old, median new, and new/old (below 1 is faster); with
several ``--new``, all take turns in each round (the order rotating) and each
gets its column and ratio.
For a count that does not move with the machine, see ``instructions.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# Run in a fresh interpreter with the given checkout first on the path (an editable
# install's finder would otherwise always import this checkout).
PRELUDE = """
import sys, time, json
sys.meta_path = [f for f in sys.meta_path
                 if "editable" not in (getattr(f, "__module__", "") + type(f).__name__).lower()]
sys.path.insert(0, {root!r})
"""
_BATCH = PRELUDE + """
import resource
import xlperf.validation.engine  # imported before the clock starts
from xlperf.cli import batch, validate_run
found = batch.collect_paths([{folder!r}])
def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
start, start_cpu = time.perf_counter(), cpu()
results = validate_run.run(found, validate_run.RunOptions(jobs={jobs}))
seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
print(json.dumps({{"seconds": seconds, "cpu": cpu_seconds, "files": len(found),
                  "findings": sum(len(r.findings) for r in results)}}))
"""
_COMMAND = PRELUDE + """
from xlperf.cli import main
sys.argv = ["xlperf", *{args!r}]
main()
"""
Measure = Callable[[Path], float]


def main() -> None:
    args = _arguments()
    import cache

    files = cache.workbooks(args.n)
    folder = files[0].parent
    names = [args.old, *(new or "this checkout" for new in args.new or [""])]
    with contextlib.ExitStack() as stack:
        roots = [stack.enter_context(checkout(version)) for version in [args.old,
                                                                        *(args.new or [""])]]
        rows = _measure(roots, _measures(folder, files[0]), args.rounds)
    _print(rows, names, len(files), args.rounds)


@contextlib.contextmanager
def checkout(version: str) -> Iterator[Path]:
    """The folder of ``version``: this checkout (""), a folder, or a commit in a temporary
    worktree (removed afterwards). Byte-compiled first, as ``make bench`` does."""
    if not version:
        yield _compiled(ROOT)
        return
    if Path(version).is_dir():
        yield _compiled(Path(version).resolve())
        return
    with tempfile.TemporaryDirectory(prefix="xlperf-version-") as scratch:
        folder = Path(scratch) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder),
                        version], check=True, capture_output=True)
        try:
            yield _compiled(folder)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(folder)], capture_output=True)


def _compiled(root: Path) -> Path:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "xlperf")],
                   check=False, capture_output=True)
    return root


def _measures(folder: Path, one: Path) -> dict[str, Measure]:
    batch: dict[Path, dict] = {}  # the 2-process run gives two numbers: run it once a turn

    def pooled(root: Path, key: str) -> float:
        if key == "seconds":  # measured first: the run that gives both numbers
            batch[root] = _batch(root, folder, jobs=2)
        data = batch.pop(root) if key == "cpu" else batch[root]
        return data[key] / data["files"]

    return {
        "read + validate, serial (CPU s per workbook)":
            lambda root: (lambda d: d["cpu"] / d["files"])(_batch(root, folder, jobs=1)),
        "read + validate, 2 processes (wall s per workbook)":
            lambda root: pooled(root, "seconds"),
        "read + validate, 2 processes (CPU s per workbook)":
            lambda root: pooled(root, "cpu"),
        "xlperf validate one.xlsx, whole process (CPU s)":
            lambda root: _command(root, ["validate", str(one)]),
        "xlperf --help, whole process (CPU s)": lambda root: _command(root, ["--help"]),
    }


def _measure(roots: list[Path], measures: dict[str, Measure],
             rounds: int) -> list[tuple[str, list[list[float]]]]:
    """Each measure of each version, every round; the versions take turns, the order
    reversed every other round (two versions) or rotated (more)."""
    results = {name: [[] for _ in roots] for name in measures}
    sides = list(enumerate(roots))
    for index in range(rounds):
        if len(sides) == 2:
            order = sides if index % 2 == 0 else sides[::-1]
        else:
            order = sides[index % len(sides):] + sides[:index % len(sides)]
        for name, measure in measures.items():
            for side, root in order:
                results[name][side].append(measure(root))
        print(f"round {index + 1}/{rounds} done", file=sys.stderr)
    return list(results.items())


def _batch(root: Path, folder: Path, jobs: int) -> dict:
    code = _BATCH.format(root=str(root), folder=str(folder), jobs=jobs)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=root).stdout
    return json.loads(out.strip().splitlines()[-1])


def _command(root: Path, args: list[str]) -> float:
    """CPU seconds (user + system) of one whole ``xlperf …`` process and its children."""
    code = _COMMAND.format(root=str(root), args=args)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=root)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _print(rows: list[tuple[str, list[list[float]]]], names: list[str], files: int,
           rounds: int) -> None:
    news = names[1:]
    print(f"xlperf {names[0]} (old) against " + ", ".join(
        f"{name} (new{'' if len(news) == 1 else index + 1})" for index, name in enumerate(news))
        + f": {files} workbooks, {rounds} rounds alternating, medians")
    labels = ["new"] if len(news) == 1 else [f"new{i + 1}" for i in range(len(news))]
    head = "".join(f" {label:>9} | {label + '/old':>8} |" for label in labels)
    print(f"| {'measure':<52} | {'old':>9} |{head}")
    print(f"|{'-' * 54}|{'-' * 11}|" + f"{'-' * 11}|{'-' * 10}|" * len(labels))
    for name, times in rows:
        old = statistics.median(times[0])
        cells = "".join(f" {statistics.median(t):>9.4f} | {statistics.median(t) / old:>8.3f} |"
                        for t in times[1:])
        print(f"| {name:<52} | {old:>9.4f} |{cells}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="the earlier version: commit, ref or folder")
    parser.add_argument("--new", action="append",
                        help="commit, ref or folder (this checkout); may be given again")
    parser.add_argument("--n", type=int, default=1000, help="workbooks (1000)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (3)")
    return parser.parse_args()


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the byte-compiled trees are used
    main()
