"""Benchmark: peak memory of the whole ``xlperf validate FOLDER`` process tree, old against new.

    .venv/bin/python benchmarks/memory.py --old main                  # N = 250, 500, 1000
    .venv/bin/python benchmarks/memory.py --old main --n 3000 --rounds 1
    .venv/bin/python benchmarks/memory.py --old main --new /work/other-tree --n 200

Each version (``--old``; ``--new``, this checkout by default: a commit or ref in
a temporary git worktree, or a checkout's folder — as ``versions.py``) runs
``xlperf validate FOLDER --format json`` as one whole process on the same
cached benchmark workbooks (``benchmarks/cache.py``), old and new taking
turns (the order flips every round); the report is only hashed (every run's
must be the same, byte for byte). For each run:

- the whole tree (the command and its worker processes), sampled from /proc
  every ``--interval`` seconds: the largest sum of resident memory (RSS: a
  page the workers share with the main process since the fork counts once in
  each, so this is the pessimistic number) and of proportional memory (PSS:
  each shared page split among its sharers — what the tree takes from the
  machine);
- ``benchmarks/validate.py``'s method: the command's own peak (``ru_maxrss``)
  plus that of its largest worker;
- wall seconds, and the CPU seconds of the whole tree (steadier than wall
  time on a shared machine).

The target (issue 16): the tree's peak grows no faster than linearly with N and
stays under 500 MB for 3 000 workbooks. A sublinear peak shows as a falling
"MB per 1 000 more" column. Medians over the rounds; Linux only (/proc).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from versions import PRELUDE, checkout  # noqa: E402

TARGET_MB = 500.0
TARGET_N = 3000
# The command as ``xlperf`` runs it; at exit it writes its own peak and its largest
# child's (both ``ru_maxrss``, KiB on Linux) to the file named in the environment.
_COMMAND = PRELUDE + """
import atexit, os, resource
def _peaks():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["XLPERF_BENCH_PEAKS"], "w") as handle:
        json.dump({{"own": own, "child": child}}, handle)
atexit.register(_peaks)
from xlperf.cli import main
sys.argv = ["xlperf", "validate", {folder!r}, "--format", "json", *{extra!r}]
main()
"""
_PAGE = os.sysconf("SC_PAGE_SIZE")
_MB = 2**20


@dataclass
class Run:
    """One whole command: its tree's sampled peaks and the processes' own (MB), wall seconds."""

    rss: float = 0.0
    pss: float = 0.0
    processes: int = 0
    main: float = 0.0  # ru_maxrss of the command's own process
    worker: float = 0.0  # … of its largest worker
    seconds: float = 0.0
    cpu: float = 0.0  # user + system seconds of the whole tree
    code: int = 0
    report: str = ""  # sha-256 of the JSON report: old and new must agree byte for byte


@dataclass
class Side:
    name: str
    root: Path
    runs: dict[int, list[Run]] = field(default_factory=dict)


def main() -> None:
    args = _arguments()
    import cache

    folders = {n: cache.workbooks(n)[0].parent for n in args.n}
    with contextlib.ExitStack() as stack:
        sides = [Side(name or "this checkout", stack.enter_context(checkout(name)))
                 for name in (args.old, args.new)]
        for n, folder in folders.items():
            for index in range(args.rounds):
                for side in sides if index % 2 == 0 else sides[::-1]:
                    run = measure(side.root, folder, args.interval, args.jobs)
                    side.runs.setdefault(n, []).append(run)
                    print(f"N={n} round {index + 1}: {side.name}: tree RSS {run.rss:.0f} MB, "
                          f"PSS {run.pss:.0f} MB, {run.seconds:.1f} s, exit {run.code}",
                          file=sys.stderr)
    _print(sides, args.rounds, args.jobs)


def measure(root: Path, folder: Path, interval: float, jobs: int = 0) -> Run:
    """One ``xlperf validate FOLDER --format json`` of the checkout at ``root`` (``--jobs``
    when not 0)."""
    with tempfile.TemporaryDirectory(prefix="xlperf-memory-") as scratch:
        peaks_file = Path(scratch) / "peaks.json"
        environment = {**os.environ, "XLPERF_BENCH_PEAKS": str(peaks_file)}
        extra = ["--jobs", str(jobs)] if jobs else []
        code = _COMMAND.format(root=str(root), folder=str(folder), extra=extra)
        run = Run()
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code], cwd=root, env=environment,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        ended = threading.Event()
        sampler = threading.Thread(target=_sample, args=(process.pid, ended, run, interval),
                                   daemon=True)
        sampler.start()
        digest = hashlib.sha256()
        for chunk in iter(lambda: process.stdout.read(1 << 20), b""):
            digest.update(chunk)
        _, status, usage = os.wait4(process.pid, 0)  # its rusage counts its reaped workers
        ended.set()
        process.returncode = run.code = os.waitstatus_to_exitcode(status)
        run.seconds = time.perf_counter() - start
        run.cpu = usage.ru_utime + usage.ru_stime
        run.report = digest.hexdigest()
        process.stdout.close()
        sampler.join()
        peaks = json.loads(peaks_file.read_text())
        run.main, run.worker = peaks["own"] / 1024, peaks["child"] / 1024
    return run


def _sample(pid: int, ended: threading.Event, run: Run, interval: float) -> None:
    """Until the command ends: the tree's summed RSS and PSS, keeping the largest."""
    while not ended.is_set():
        tree = _tree(pid)
        rss = sum(_rss(pid) for pid in tree)
        pss = sum(_pss(pid) for pid in tree)
        run.rss, run.pss = max(run.rss, rss / _MB), max(run.pss, pss / _MB)
        run.processes = max(run.processes, len(tree))
        ended.wait(interval)


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it (children of any of their threads)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                with contextlib.suppress(OSError), \
                        open(f"/proc/{current}/task/{task}/children") as handle:
                    pending.extend(int(child) for child in handle.read().split())
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):  # ended meanwhile
        return 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _median(runs: list[Run], name: str) -> float:
    if name == "maxrss":  # benchmarks/validate.py's number: own peak + largest child's
        return statistics.median(run.main + run.worker for run in runs)
    return statistics.median(getattr(run, name) for run in runs)


def _print(sides: list[Side], rounds: int, jobs: int) -> None:
    old, new = sides
    command = "xlperf validate FOLDER --format json" + (f" --jobs {jobs}" if jobs else "")
    print(f"\n{command}, whole process tree: {old.name} (old) against "
          f"{new.name} (new), {rounds} round(s) alternating, medians, "
          f"{os.cpu_count()} cores\n")
    columns = (("tree RSS peak (MB)", "rss"), ("tree PSS peak (MB)", "pss"),
               ("main process peak, ru_maxrss (MB)", "main"),
               ("largest worker peak, ru_maxrss (MB)", "worker"),
               ("main + largest worker (MB)", "maxrss"), ("wall (s)", "seconds"),
               ("CPU of the tree, user + system (s)", "cpu"))
    print(f"| {'N':>5} | {'measure':<44} | {'old':>8} | {'new':>8} | {'new/old':>7} |")
    print(f"|{'-' * 7}|{'-' * 46}|{'-' * 10}|{'-' * 10}|{'-' * 9}|")
    for n in old.runs:
        for label, name in columns:
            before, after = _median(old.runs[n], name), _median(new.runs[n], name)
            ratio = f"{after / before:.3f}" if before else "—"  # no worker with --jobs 1
            print(f"| {n:>5} | {label:<44} | {before:>8.1f} | {after:>8.1f} | {ratio:>7} |")
        codes = {run.code for side in sides for run in side.runs[n]}
        reports = {run.report for side in sides for run in side.runs[n]}
        processes = max(run.processes for side in sides for run in side.runs[n])
        same = "identical" if len(reports) == 1 else "DIFFERENT"
        note = f"exit {sorted(codes)}, reports {same}, {processes} processes"
        print(f"| {n:>5} | {note:<44} | {'':>8} | {'':>8} | {'':>7} |")
    _print_growth(sides)


def _print_growth(sides: list[Side]) -> None:
    """MB per 1 000 more workbooks between consecutive N, of the tree and of its parts: flat or
    falling is linear or better; rising is faster than linear."""
    sizes = sorted(sides[0].runs)
    if len(sizes) < 2:
        _print_target(sides)
        return
    for label, name in (("tree RSS peak", "rss"), ("main process peak", "main"),
                        ("largest worker peak", "worker")):
        print(f"\n{label}, MB per 1 000 more workbooks:")
        for side in sides:
            steps = []
            for low, high in itertools.pairwise(sizes):
                grown = _median(side.runs[high], name) - _median(side.runs[low], name)
                steps.append(f"{low}→{high}: {grown * 1000 / (high - low):+.0f}")
            print(f"  {side.name:<16} " + ", ".join(steps))
    _print_target(sides)


def _print_target(sides: list[Side]) -> None:
    """Issue 16's target, on the new version's largest N (said only when it is 3 000 or more)."""
    largest = max(sides[1].runs)
    if largest < TARGET_N:
        print(f"\ntarget: < {TARGET_MB:.0f} MB for {TARGET_N} workbooks — run with --n {TARGET_N}")
        return
    print(f"\ntarget, {largest} workbooks (new): < {TARGET_MB:.0f} MB")
    for label, name in (("tree RSS peak", "rss"), ("tree PSS peak", "pss"),
                        ("main + largest worker", "maxrss")):
        peak = _median(sides[1].runs[largest], name)
        print(f"  {'met   ' if peak < TARGET_MB else 'MISSED'}  {label}: {peak:.0f} MB")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="the earlier version: commit, ref or folder")
    parser.add_argument("--new", default="", help="commit, ref or folder (this checkout)")
    parser.add_argument("--n", type=int, action="append",
                        help="workbooks; may be given again (250, 500, 1000)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (2)")
    parser.add_argument("--jobs", type=int, default=0,
                        help="the command's --jobs (its default: one worker per core)")
    parser.add_argument("--interval", type=float, default=0.05,
                        help="seconds between samples of the tree (0.05)")
    args = parser.parse_args()
    args.n = sorted(set(args.n or [250, 500, 1000]))
    return args


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the byte-compiled trees are used
    main()
