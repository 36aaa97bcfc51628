"""How fast ``read_workbook`` (python-calamine) reads, against openpyxl reading the same cells.

Baseline: openpyxl in read-only, values-only mode walking every cell of every
sheet — what one would write without calamine. Both run in this process on
the same files: the bundled sample (7 projects), 50 copies of it, and a
workbook whose project sheet is followed by a 100 000-row data sheet.

Usage: .venv/bin/python benchmarks/workbook_read.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from xlperf.sources.workbook.reader import read_workbook
from xlperf.writers.workbook.regenerate import sample_department
from xlperf.writers.workbook.writer import write_department


def openpyxl_read(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                for _ in row)
    book.close()
    return cells


def timed(func, paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        func(path)
    return time.perf_counter() - start


def big_workbook(folder: Path, sample: Path) -> Path:
    """The sample plus a 100 000-row sheet that is not a project table."""
    book = openpyxl.load_workbook(sample)
    data = book.create_sheet("明细")
    for index in range(100_000):
        data.append([index, "支出明细", index * 1.5])
    path = folder / "big.xlsx"
    book.save(path)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sample = folder / "sample.xlsx"
        write_department(sample_department(), sample)
        copies = []
        for index in range(50):
            copies.append(folder / f"copy{index}.xlsx")
            shutil.copyfile(sample, copies[-1])
        cases = [("样例（7 个项目）", [sample]), ("样例 × 50 个文件", copies),
                 ("样例 + 10 万行明细表", [big_workbook(folder, sample)])]
        print(f"{'case':<22}{'xlperf (s)':>12}{'openpyxl (s)':>14}{'speed-up':>10}")
        for label, paths in cases:
            ours, baseline = timed(read_workbook, paths), timed(openpyxl_read, paths)
            print(f"{label:<22}{ours:>12.3f}{baseline:>14.3f}{baseline / ours:>9.1f}×")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
