"""Benchmark: what a reviewer's batch costs beyond checking it (``xlperf validate DIR`` with
``--summary``, ``--opinions-dir``, ``--annotate-dir``).

    .venv/bin/python benchmarks/batch_outputs.py           # N = 40 synthetic workbooks
    .venv/bin/python benchmarks/batch_outputs.py --n 100
    .venv/bin/python benchmarks/batch_outputs.py --folder DIR   # e.g. copies of the seed

Measured in one process on the same results (serial, in-process, best of 2), so the rows
compare with each other; and the naive way the summary's findings sheet was first written
(``sheet.append`` + a new style object per cell: openpyxl walks the sheet and compares every
style) against the way it is written now, on the same findings.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--folder", type=Path,
                        help="check this folder instead (e.g. 60 copies of the seed workbook: "
                             "43 findings each, where the synthetic ones have ~3)")
    args = parser.parse_args()
    import cache

    from xlperf.cli.batch import collect_paths
    from xlperf.cli.validate_run import RunOptions, run

    found = collect_paths([args.folder] if args.folder else cache.workbooks(args.n))
    started = time.perf_counter()
    results = run(found, RunOptions(jobs=1))
    checking = time.perf_counter() - started
    findings = sum(len(r.findings) for r in results)
    rows = [("read + validate (for reference)", checking, f"{len(results)} workbooks")]
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("--summary: build + save", _best(lambda: _summary(results, tmp)),
                     f"{findings} findings"))
        rows.append(("  naive findings sheet (append, new styles)",
                     _best(lambda: _naive(results), runs=1), "build only"))
        rows.append(("  findings sheet as written", _best(lambda: _findings(results)),
                     "build only"))
        rows.append(("--opinions-dir: all opinions", _best(lambda: _opinions(results, tmp)),
                     f"{len(results)} documents"))
        few = found[:5]
        rows.append(("--annotate-dir: 5 copies", _best(lambda: _copies(few, results, tmp)),
                     "openpyxl load + mark + save"))
    print(f"{'measure':<46} {'seconds':>9}  notes")
    for name, seconds, note in rows:
        print(f"{name:<46} {seconds:>9.2f}  {note}")


def _best(func, runs: int = 2) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def _summary(results, tmp: str) -> None:
    from xlperf.reports.summary_workbook import build_summary

    build_summary(results, links={}, opinions={}, base=Path(tmp)).save(Path(tmp) / "s.xlsx")


def _findings(results) -> None:
    from openpyxl import Workbook

    from xlperf.reports.summary_workbook import _findings_sheet

    _findings_sheet(Workbook().active, results)


def _naive(results) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill

    sheet = Workbook().active
    for result in results:
        for f in result.findings:
            sheet.append([result.department, result.file, f.project, f.sheet, f.cell, f.rule,
                          f.severity, f.message, ""])
            for cell in sheet[sheet.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.cell(sheet.max_row, 7).fill = PatternFill("solid", fgColor="FFC7CE")


def _opinions(results, tmp: str) -> None:
    from xlperf.reports.opinions import build_document, build_opinion

    for index, result in enumerate(results):
        build_document(build_opinion(result), date.today()).save(Path(tmp) / f"{index}.docx")


def _copies(found, results, tmp: str) -> None:
    from xlperf.reports.annotate import annotate_workbook

    for index, (entry, result) in enumerate(zip(found, results, strict=False)):
        annotate_workbook(entry.path, Path(tmp) / f"{index}.xlsx", result.findings)


if __name__ == "__main__":
    main()
