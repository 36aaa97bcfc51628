"""Do two versions of xlperf report exactly the same? ``validate --format json``, byte by byte.

    .venv/bin/python benchmarks/identical_reports.py --old main          # against this checkout
    .venv/bin/python benchmarks/identical_reports.py --old 1521e5e --new /work/other-tree
    .venv/bin/python benchmarks/identical_reports.py --old main --n 100 --keep /tmp/reports

For a change that must not change behaviour (a faster reader, another frame
library): each version (a commit or ref in a temporary worktree, or a
checkout's folder; ``--new`` is this checkout by default) validates

- each of the first N benchmark workbooks (``benchmarks/cache.py``, 1000),
- the seed and every file under ``tests/data`` (texts, workbooks, the bad
  ones too: their messages and exit codes count), and the committed
  template and sample workbooks,
- every family of ``docs/layouts.md`` (``tests/family_writers.py``) for the
  first K benchmark departments, as a browser's text, a PDF's text, a
  workbook with merged cells and a web page — the rows the common fast path
  does not take,

one ``xlperf validate FILE --format json`` each, run in one process per
version (the command's own code, through click), and then the benchmark
folder as one whole ``xlperf validate FOLDER --format json`` process (the
process pool). Standard output, standard error and the exit code of every
run are compared; the first differences are printed and the exit status is 1
when any differs. ``--keep`` writes both versions' outputs there.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from versions import PRELUDE, checkout  # noqa: E402

# Every file is validated in one process: the command run through click as ``xlperf``
# would run it, its output captured. Prints one JSON line per file.
_EACH = PRELUDE + """
import contextlib, io
from xlperf.cli import cli
for path in {files!r}:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli(["validate", path, "--format", "json"], prog_name="xlperf")
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    print(json.dumps({{"file": path, "code": code, "stdout": out.getvalue(),
                      "stderr": err.getvalue()}}, ensure_ascii=False))
"""
_FOLDER = PRELUDE + """
from xlperf.cli import main
sys.argv = ["xlperf", "validate", {folder!r}, "--format", "json"]
main()
"""
_NOT_INPUTS = frozenset({".py", ".json", ".md"})  # tests/data's scripts and expectations


def main() -> None:
    args = _arguments()
    import cache

    benchmark = cache.workbooks(args.n)
    outputs = {}
    with checkout(args.old) as old, checkout(args.new) as new, \
            tempfile.TemporaryDirectory(prefix="xlperf-families-") as scratch:
        families = _families(args.families, Path(scratch))
        files = [str(path) for path in (*benchmark, *_test_files(), *families)]
        for side, root in (("old", old), ("new", new)):
            print(f"{side}: {root} — {len(files)} files, then the folder", file=sys.stderr)
            outputs[side] = {**_each(root, files), "FOLDER": _folder(root, benchmark[0].parent)}
    if args.keep:
        _keep(Path(args.keep), outputs)
    different = [key for key in outputs["old"] if outputs["old"][key] != outputs["new"][key]]
    for key in different[:5]:
        _show_difference(key, outputs["old"][key], outputs["new"][key])
    print(f"{len(outputs['old']) - len(different)} of {len(outputs['old'])} reports identical "
          f"(stdout, stderr, exit code): {len(benchmark)} benchmark workbooks, "
          f"{len(files) - len(benchmark) - len(families)} test files, {len(families)} family "
          "files, the folder as one command")
    sys.exit(1 if different else 0)


def _test_files() -> list[Path]:
    """The seed and every input under tests/data, and the committed workbooks."""
    data = sorted(path for path in (ROOT / "tests" / "data").rglob("*")
                  if path.is_file() and path.suffix not in _NOT_INPUTS)
    return [*data, *sorted((ROOT / "workbook").glob("*.xlsx"))]


def _families(count: int, folder: Path) -> list[Path]:
    """Each family's forms of the first ``count`` synthetic departments, written once."""
    sys.path.insert(0, str(ROOT / "tests"))
    import family_writers
    import synthetic

    written = []
    for index in range(1, count + 1):
        department = synthetic.department(index)
        for project in department.projects:  # the 长期 side of the 长期/年度 family
            project.mid_term_goal = project.mid_term_goal or project.goal
            project.long_term_indicators = [replace(item, name=f"{item.name}（长期）")
                                            for item in project.indicators]
        for name, family in family_writers.FAMILIES.items():
            try:
                table = family(department)
            except (TypeError, ValueError):  # a defect the family cannot lay out (an
                continue  # amount typed as text in a flat list): this one is left out
            stem = folder / f"{index:02d}-{name}"
            for suffix, text in (("browser.txt", family_writers.browser_text(table)),
                                 ("pdf.txt", family_writers.pdf_text(table))):
                path = stem.with_name(f"{stem.name}-{suffix}")
                path.write_text(text, "utf-8")
                written.append(path)
            written.append(family_writers.save_xlsx(table, stem.with_suffix(".xlsx")))
            page = stem.with_suffix(".html")
            page.write_bytes(family_writers.html_page(table))
            written.append(page)
    return written


def _each(root: Path, files: list[str]) -> dict[str, dict]:
    code = _EACH.format(root=str(root), files=files)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=root).stdout
    runs = [json.loads(line) for line in out.splitlines() if line.startswith('{"file"')]
    return {run.pop("file"): run for run in runs}


def _folder(root: Path, folder: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _FOLDER.format(root=str(root),
                                                                folder=str(folder))],
                          capture_output=True, text=True, cwd=root)
    return {"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr}


def _show_difference(key: str, old: dict, new: dict) -> None:
    print(f"DIFFERENT: {key}")
    for part in ("code", "stdout", "stderr"):
        if old[part] != new[part]:
            lines = difflib.unified_diff(str(old[part]).splitlines(), str(new[part]).splitlines(),
                                         "old", "new", lineterm="", n=1)
            print(f"  {part}:", *list(lines)[:20], sep="\n    ")


def _keep(folder: Path, outputs: dict[str, dict[str, dict]]) -> None:
    for side, runs in outputs.items():
        target = folder / side
        target.mkdir(parents=True, exist_ok=True)
        for index, (key, run) in enumerate(runs.items()):
            stem = f"{index:05d}-{Path(key).name}"
            (target / f"{stem}.json").write_text(run["stdout"], "utf-8")
            (target / f"{stem}.stderr").write_text(f"exit {run['code']}\n{run['stderr']}",
                                                   "utf-8")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="a commit, ref or checkout folder")
    parser.add_argument("--new", default="", help="a commit, ref or folder (this checkout)")
    parser.add_argument("--n", type=int, default=1000, help="benchmark workbooks (1000)")
    parser.add_argument("--families", type=int, default=3,
                        help="departments written in every family (3)")
    parser.add_argument("--keep", help="write both versions' outputs into this folder")
    return parser.parse_args()


if __name__ == "__main__":
    main()
