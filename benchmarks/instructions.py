"""Instruction counts (callgrind) of reading and validating workbooks: two versions, noise-free.

    .venv/bin/python benchmarks/instructions.py --old /work/old-1521e5e --n 20
    .venv/bin/python benchmarks/instructions.py --old 1521e5e          # a commit: a worktree

CPU time on a shared machine moves by ±30 % from run to run; the number of
instructions a program executes does not (``PYTHONHASHSEED`` fixed). Each
version runs the same small programs under ``valgrind --tool=callgrind`` on
the first N benchmark workbooks (``benchmarks/cache.py``), and the parts are
told apart by difference:

- *imports*: the reading modules imported, nothing read;
- *load*: the file checks and calamine (``check_workbook_file`` and
  ``_load_grids``, as ``read_workbook`` calls them) less *imports*;
- *reader*: building the departments from the loaded grids
  (``department_from_grids``: the formula scan and the table reader) — the
  xlperf Python that the one table reader replaced;
- *read + validate*: ``validate_run.run`` serially (what ``xlperf validate``
  does in one process) less its own imports (pandas, pandera).

Prints one table: instructions per workbook, old, new and new/old. Slow (a
few minutes): valgrind runs Python about 50 times slower.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from versions import PRELUDE, checkout  # noqa: E402

_READER_IMPORTS = """
from pathlib import Path
from xlperf.sources.workbook import reader
from xlperf.sources.workbook.checks import check_workbook_file
files = [Path(p) for p in {files!r}]
"""
_LOAD = """
loaded = []
for path in files:
    package = check_workbook_file(path)
    loaded.append((package, reader._load_grids(package), str(path)))
"""
_BUILD = """
for package, grids, source in loaded:
    reader.department_from_grids(grids, source, package)
"""
_ENGINE_IMPORTS = """
from pathlib import Path
import xlperf.validation.engine
from xlperf.cli import batch, validate_run
found = batch.collect_paths({files!r})
"""
_VALIDATE = """
validate_run.run(found, validate_run.RunOptions(jobs=1))
"""
PROGRAMS = {
    "imports": _READER_IMPORTS,
    "load": _READER_IMPORTS + _LOAD,
    "read": _READER_IMPORTS + _LOAD + _BUILD,
    "engine imports": _ENGINE_IMPORTS,
    "validate": _ENGINE_IMPORTS + _VALIDATE,
}
# (row of the table, program, the program it is measured against)
PARTS = (
    ("load: file checks + calamine", "load", "imports"),
    ("reader: formula scan + table reader", "read", "load"),
    ("read + validate, serial", "validate", "engine imports"),
)


def main() -> None:
    args = _arguments()
    import cache

    files = [str(path) for path in cache.workbooks(args.n)]
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    with checkout(args.old) as old, checkout(args.new) as new:
        counts = {side: {name: _instructions(root, code, files)
                         for name, code in PROGRAMS.items()}
                  for side, root in (("old", old), ("new", new))}
    print(f"instructions per workbook (callgrind), {len(files)} workbooks: "
          f"old {args.old}, new {args.new or 'this checkout'}")
    print(f"| {'part':<38} | {'old':>13} | {'new':>13} | {'new/old':>7} |")
    print(f"|{'-' * 40}|{'-' * 15}|{'-' * 15}|{'-' * 9}|")
    for label, program, baseline in PARTS:
        a, b = ((counts[side][program] - counts[side][baseline]) / len(files)
                for side in ("old", "new"))
        print(f"| {label:<38} | {a:>13,.0f} | {b:>13,.0f} | {b / a:>7.3f} |")


def _instructions(root: Path, code: str, files: list[str]) -> int:
    """Instructions callgrind counts for ``code`` run against the checkout at ``root``."""
    program = PRELUDE.format(root=str(root)) + code.format(files=files)
    with tempfile.TemporaryDirectory(prefix="xlperf-callgrind-") as scratch:
        out = Path(scratch) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        sys.executable, "-c", program], check=True, capture_output=True,
                       cwd=root, env={**os.environ, "PYTHONHASHSEED": "0",
                                      "PYTHONDONTWRITEBYTECODE": "1"})
        text = out.read_text(errors="replace")
    found = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no instruction count in callgrind's output for {root}")
    print(f"  {root.name}: {int(found.group(1)):,}", file=sys.stderr)
    return int(found.group(1))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="a commit, ref or checkout folder")
    parser.add_argument("--new", default="", help="a commit, ref or folder (this checkout)")
    parser.add_argument("--n", type=int, default=20, help="workbooks (20)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
