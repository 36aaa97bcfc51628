"""What the review rules' facts (issue 15: X001–X003, Q005–Q007, T002 …) cost a workbook.

    .venv/bin/python benchmarks/review_cost.py --n 200 --rounds 5

``versions.py`` compares whole versions; between 1521e5e (before the one table
reader) and now, other work also landed — above all the review rules, whose
facts the frame computes for every distinct text. This script tells that part
apart in one process, on the same departments read once: building the frame
as xlperf does, against building it with the review facts left out (each
distinct text's review part answered by a constant, the per-project and
cross-project review columns not added), the two taking turns every round.
The difference is what the review facts cost; the rules that read them are
not timed (without their columns they cannot run).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


@contextlib.contextmanager
def _without_review() -> Iterator[None]:
    """The frame built without the review facts (the target facts stay)."""
    from xlperf.validation import frame, text_facts

    review, add = text_facts._review, frame.add_review_columns
    blank = ("",) * 7  # as many values as _review gives
    text_facts._review = lambda *args: blank
    frame.add_review_columns = lambda *args: None
    try:
        yield
    finally:
        text_facts._review, frame.add_review_columns = review, add


def _build(departments: list, configs: list, review: bool) -> float:
    from xlperf.validation import frame, targets

    targets._read.cache_clear()  # each round reads every text afresh, as a new batch would
    start = time.process_time()
    with contextlib.nullcontext() if review else _without_review():
        frame.build_frame(departments, configs)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="workbooks (200)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, alternating (5)")
    args = parser.parse_args()

    import cache

    from xlperf.sources import read_department
    from xlperf.validation.config import Config

    paths = cache.workbooks(args.n)
    read_start = time.process_time()
    departments = [read_department(path) for path in paths]
    read_seconds = time.process_time() - read_start
    configs = [Config() for _ in departments]
    times: dict[bool, list[float]] = {True: [], False: []}
    for index in range(args.rounds):
        for review in ((True, False) if index % 2 == 0 else (False, True)):
            times[review].append(_build(departments, configs, review) / len(paths))
    full, bare = statistics.median(times[True]), statistics.median(times[False])
    rows = [
        ("reading a workbook (once, for scale)", read_seconds / len(paths)),
        ("frame with the review facts", full),
        ("frame without them", bare),
        ("the review facts", full - bare),
    ]
    print(f"{len(paths)} workbooks, {args.rounds} rounds alternating, CPU ms a workbook (median)")
    for label, seconds in rows:
        print(f"{label:<40} {seconds * 1000:8.2f}")


if __name__ == "__main__":
    main()
