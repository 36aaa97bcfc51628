"""How fast the published text layout is read and written.

Run: ``.venv/bin/python benchmarks/published_text.py``. Texts are the bundled
seed and the seed's tables repeated to 70, 700 and 7 000 projects. The
baseline, measured in the same run on the same text, is the least any reader
must do: split the text into lines and cells. The ratio says what recognising
the layout (labels, lost tabs, numbers, repairs) costs on top of that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from xlperf.sources.text.reader import parse_text
from xlperf.writers.text import format_text

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed_notice.txt"
SIZES = (1, 10, 100, 1000)  # copies of the seed's 7 tables


def best_of(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(text: str) -> int:
    return sum(len(line.split("\t")) for line in text.split("\n"))


def main() -> None:
    seed = SEED.read_text(encoding="utf-8")
    notice, _, tables = seed.partition("\n部门项目支出预算绩效目标表")
    tables = "\n部门项目支出预算绩效目标表" + tables
    print(f"{'projects':>9} {'MB':>6} {'split (s)':>10} {'parse (s)':>10} {'ratio':>6} "
          f"{'proj/s':>9} {'format (s)':>11}")
    for copies in SIZES:
        text = notice + tables * copies
        repeat = 5 if copies < 1000 else 2
        split = best_of(lambda text=text: baseline(text), repeat)
        parse = best_of(lambda text=text: parse_text(text), repeat)
        department = parse_text(text)
        fmt = best_of(lambda department=department: format_text(department), repeat)
        count = len(department.projects)
        print(f"{count:>9} {len(text.encode()) / 1e6:>6.2f} {split:>10.4f} {parse:>10.4f} "
              f"{parse / split:>6.0f} {count / parse:>9.0f} {fmt:>11.4f}")


if __name__ == "__main__":
    main()
