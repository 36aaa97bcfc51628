"""Per-workbook CPU of reading an .xlsx, phase by phase: two versions, alternating, in one run.

    .venv/bin/python benchmarks/workbook_checks.py --old main --n 200
    .venv/bin/python benchmarks/workbook_checks.py --old 1521e5e --new main --n 100

``--old`` (and ``--new``, this checkout by default) is a commit or ref, checked
out into a temporary git worktree, or the folder of a checkout. Each round
runs every version in a fresh process on the same cached benchmark workbooks
(``benchmarks/cache.py``), the order flipping every round, and each process
reads them ``--passes`` times, keeping the fastest pass of each phase:

- *file checks*: ``check_workbook_file`` (reading the file, the zip directory,
  bombs, the shared-string table);
- *load*: ``reader._load_grids`` — the sheet list, the extent check (every
  sheet inflated and searched) and calamine;
- *build*: ``reader.department_from_grids`` — the formula scan and the table
  reader;
- *read*: the three together, as ``read_workbook`` runs them.

A second table gives the xlperf-only part of *load* and *build* (the sheet
list, the extent check, the formula scan; calamine and the table reader left
out) where the version has those functions. Prints medians: old, new and
new/old (below 1 is faster). For counts that do not move with the machine, see
``instructions.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from versions import PRELUDE, checkout  # noqa: E402

# One process: the phases of reading every file, timed in CPU seconds, the best of passes.
_PROGRAM = PRELUDE + """
from pathlib import Path
from time import process_time
from xlperf.sources.workbook import reader
from xlperf.sources.workbook.checks import check_workbook_file
from xlperf.sources.workbook.formulas import uncached_formulas
try:
    from xlperf.sources.workbook.extent import loadable_sheets
except ImportError:  # a version before the extent check
    loadable_sheets = None
files = [Path(p) for p in {files!r}]
best = {{}}
def keep(name, seconds):
    best[name] = min(best.get(name, seconds), seconds)
for _ in range({passes}):
    start = process_time()
    packages = [check_workbook_file(path) for path in files]
    checked = process_time()
    grids = [reader._load_grids(package) for package in packages]
    loaded = process_time()
    for package, grid, path in zip(packages, grids, files):
        reader.department_from_grids(grid, str(path), package)
    built = process_time()
    keep("file checks", checked - start)
    keep("load", loaded - checked)
    keep("build", built - loaded)
    keep("read", built - start)
    if loadable_sheets is None:
        continue
    packages = [check_workbook_file(path) for path in files]  # nothing inflated yet
    start = process_time()
    for package in packages:
        names = loadable_sheets(package, list(package.sheets), reader.SCAN_ROWS,
                                reader._TABLE_WORDS)
        uncached_formulas(package, [n for n in names if n not in reader.NOT_PROJECT_SHEETS])
    keep("xlperf checks", process_time() - start)
print(json.dumps({{name: seconds / len(files) for name, seconds in best.items()}}))
"""
PHASES = (
    ("file checks (check_workbook_file)", "file checks"),
    ("load: sheet list + extent + calamine", "load"),
    ("build: formula scan + table reader", "build"),
    ("read: all of the above", "read"),
    ("xlperf only: sheet list + extent + formulas", "xlperf checks"),
)


def main() -> None:
    args = _arguments()
    import cache

    files = [str(path) for path in cache.workbooks(args.n)]
    runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    with checkout(args.old) as old, checkout(args.new) as new:
        sides = [("old", old), ("new", new)]
        for index in range(args.rounds):
            for side, root in sides if index % 2 == 0 else sides[::-1]:
                runs[side].append(_run(root, files, args.passes))
            print(f"round {index + 1}/{args.rounds} done", file=sys.stderr)
    print(f"per-workbook CPU (ms), {len(files)} workbooks, {args.rounds} rounds alternating, "
          f"best of {args.passes} passes a round, medians: old {args.old}, "
          f"new {args.new or 'this checkout'}")
    print(f"| {'phase':<44} | {'old':>7} | {'new':>7} | {'new/old':>7} |")
    print(f"|{'-' * 46}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    for label, key in PHASES:
        if any(key not in run for side in runs.values() for run in side):
            continue  # a phase one version does not have
        old_ms, new_ms = (1000 * statistics.median(run[key] for run in runs[side])
                          for side in ("old", "new"))
        print(f"| {label:<44} | {old_ms:>7.3f} | {new_ms:>7.3f} | {new_ms / old_ms:>7.3f} |")


def _run(root: Path, files: list[str], passes: int) -> dict[str, float]:
    program = _PROGRAM.format(root=str(root), files=files, passes=passes)
    out = subprocess.run([sys.executable, "-c", program], check=True, capture_output=True,
                         text=True, cwd=root).stdout
    return json.loads(out.strip().splitlines()[-1])


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="a commit, ref or checkout folder")
    parser.add_argument("--new", default="", help="a commit, ref or folder (this checkout)")
    parser.add_argument("--n", type=int, default=100, help="workbooks (100, at most 200)")
    parser.add_argument("--rounds", type=int, default=6, help="alternating rounds (6)")
    parser.add_argument("--passes", type=int, default=3, help="passes a process (3)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
