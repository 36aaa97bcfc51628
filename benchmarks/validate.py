"""Benchmark: checking a city's submissions — xlperf against the naive way and frictionless.

    .venv/bin/python benchmarks/validate.py            # 1 000 departments
    .venv/bin/python benchmarks/validate.py --n 200    # quicker

Writes N synthetic departments (30 projects of 10–40 indicators, a few
defects each) once with xlperf's own writer into ``benchmarks/.cache``, then
measures, in the same run on the same files:

- xlperf: read every workbook (python-calamine) and one ``validate`` call,
  in a fresh process (so its peak memory is its own), serial and with the
  process pool ``xlperf validate`` uses; and the whole ``xlperf validate
  FOLDER --format json`` command;
- reading alone: serial, a thread pool and a process pool (why the command
  reads with processes);
- the floor and the ceiling: calamine alone on every core, and the rate if
  building the departments cost nothing (the serial run's other parts on
  every core) — what any redesign of xlperf's own reading could reach;
- the naive way and frictionless-py (see baselines.py) on a subset, as a
  rate per workbook;
- ``xlperf validate one.xlsx`` and ``xlperf --help`` as whole processes,
  best of 5.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
XLPERF = str(Path(sys.executable).parent / "xlperf")

TARGETS = {"rate": 100.0, "naive": 10.0, "frictionless": 5.0, "one": 1.0, "help": 0.3,
           "memory": 500.0}


def main() -> None:
    args = _arguments()
    if args.measure_xlperf:
        _measure_xlperf(Path(args.measure_xlperf), args.jobs)
        return
    if args.measure_read:
        _measure_read(Path(args.measure_read), args.measure_mode)
        return
    import cache

    files = cache.workbooks(args.n, regenerate=args.regenerate)
    folder = files[0].parent
    rows: list[tuple[str, str, str]] = []
    numbers: dict[str, float] = {}

    serial = _in_fresh_process(["--measure-xlperf", str(folder), "--jobs", "1"])
    pooled = _in_fresh_process(["--measure-xlperf", str(folder), "--jobs", "0"])
    for label, data in (("serial", serial), (f"{pooled['jobs']} processes", pooled)):
        rate = data["files"] / data["seconds"]
        parts = (f"of which loading the sheets (file checks, calamine, formula scan) "
                 f"{data['calamine']:.1f} s, "
                 f"building the departments {_building(data):.1f} s, engine "
                 f"{data['validate']:.1f} s; {data['read_mb']:.0f} MB before a validate call"
                 if data["jobs"] == 1 else "each worker reads and validates")
        rows.append((f"xlperf read + validate, {label}", f"{rate:,.1f} workbooks/s",
                     f"{data['files']} files in {data['seconds']:.1f} s, {parts}; "
                     f"{data['findings']:,} findings; peak {data['peak_mb']:.0f} MB"))
    numbers["rate"] = max(serial["files"] / serial["seconds"], pooled["files"] / pooled["seconds"])
    numbers["memory"] = max(serial["peak_mb"], pooled["peak_mb"])

    seconds, peak = _command([XLPERF, "validate", str(folder), "--format", "json"])
    rows.append(("xlperf validate FOLDER --format json (whole command)",
                 f"{len(files) / seconds:,.1f} workbooks/s",
                 f"{seconds:.1f} s incl. start-up and JSON; peak {peak:.0f} MB per process"))

    for mode in ("serial", "threads", "processes"):
        data = _in_fresh_process(["--measure-read", str(folder), "--measure-mode", mode])
        rows.append((f"read only, {mode}", f"{data['files'] / data['seconds']:,.1f} workbooks/s",
                     f"{data['seconds']:.1f} s"))
    data = _in_fresh_process(["--measure-read", str(folder), "--measure-mode", "calamine"])
    rows.append((f"floor: calamine alone, {data['jobs']} processes",
                 f"{data['files'] / data['seconds']:,.1f} workbooks/s",
                 "every sheet's values, no xlperf code: the ceiling for any calamine reader"))
    cores = os.cpu_count() or 1
    ceiling = cores * serial["files"] / (serial["calamine"] + serial["validate"])
    rows.append((f"ceiling: building the departments free, {cores} processes",
                 f"{ceiling:,.1f} workbooks/s",
                 "the serial run's loading of the sheets + engine, on every core with no loss"))

    subset = files[: args.subset]
    naive = _rate(_naive, subset)
    rows.append(("naive: openpyxl + pandera per project", f"{naive:,.2f} workbooks/s",
                 f"first {len(subset)} workbooks"))
    csv_rate = _frictionless_csv(subset)
    rows.append(("frictionless, sheets exported to CSV (export not timed)",
                 f"{csv_rate:,.2f} workbooks/s", f"first {len(subset)} workbooks"))
    xlsx_subset = files[: args.xlsx_subset]
    xlsx_rate = _rate(_frictionless_xlsx, xlsx_subset)
    rows.append(("frictionless on the .xlsx sheets", f"{xlsx_rate:,.3f} workbooks/s",
                 f"first {len(xlsx_subset)} workbooks"))
    numbers["naive"] = numbers["rate"] / naive
    numbers["frictionless"] = numbers["rate"] / csv_rate
    rows.append(("ratio xlperf / naive", f"{numbers['naive']:,.0f}×", "best xlperf rate above"))
    rows.append(("ratio xlperf / frictionless (CSV)", f"{numbers['frictionless']:,.0f}×",
                 f"against frictionless on .xlsx: {numbers['rate'] / xlsx_rate:,.0f}×"))

    numbers["one"] = _best_of(5, [XLPERF, "validate", str(files[0])])
    rows.append(("xlperf validate one.xlsx (whole process)", f"{numbers['one']:.2f} s",
                 "best of 5"))
    numbers["help"] = _best_of(5, [XLPERF, "--help"])
    rows.append(("xlperf --help (whole process)", f"{numbers['help']:.2f} s", "best of 5"))
    _print_table(rows, numbers, len(files))


def _building(data: dict) -> float:
    """Seconds of reading that are xlperf's own Python: the serial run less its other parts."""
    return data["seconds"] - data["calamine"] - data["validate"]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="departments to generate (1000)")
    parser.add_argument("--subset", type=int, default=20,
                        help="workbooks for the naive way and frictionless on CSV (20)")
    parser.add_argument("--xlsx-subset", type=int, default=1,
                        help="workbooks for frictionless on .xlsx, which is very slow (1)")
    parser.add_argument("--regenerate", action="store_true", help="write the workbooks again")
    parser.add_argument("--measure-xlperf", help=argparse.SUPPRESS)
    parser.add_argument("--measure-read", help=argparse.SUPPRESS)
    parser.add_argument("--measure-mode", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args()


# --- measurements that run in a fresh process ----------------------------------


def _in_fresh_process(arguments: list[str]) -> dict:
    output = subprocess.run([sys.executable, __file__, *arguments], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _peak_mb() -> float:
    """Peak resident memory of this process and of its largest finished child (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _resident_mb() -> float:
    """Resident memory now (Linux /proc), to tell the departments' share of the peak."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _measure_xlperf(folder: Path, jobs: int) -> None:
    """What ``xlperf validate`` does, timed in parts; imports done before the clock starts.

    The parts are timed in this process only (with a pool they run in the
    workers): the engine, and of reading the share any reader of these files
    pays — the file checks, calamine and the formula scan — against building
    the department from the sheets' values (the rest of reading).
    """
    import xlperf.validation.engine  # noqa: F401  (pandas, pandera)
    from xlperf.cli import batch, validate_run
    from xlperf.sources.workbook import reader

    parts = {"engine": 0.0, "calamine": 0.0, "before_mb": 0.0}
    _timed(validate_run, "check", parts, "engine", memory=True)
    for name in ("check_workbook_file", "_load_grids", "uncached_formulas"):
        _timed(reader, name, parts, "calamine")
    found = batch.collect_paths([folder])
    start = time.perf_counter()
    results = validate_run.run(found, validate_run.RunOptions(jobs=jobs))
    seconds = time.perf_counter() - start
    findings = sum(len(r.findings) for r in results)
    print(json.dumps({"files": len(found), "seconds": seconds, "validate": parts["engine"],
                      "calamine": parts["calamine"], "findings": findings,
                      "read_mb": parts["before_mb"], "peak_mb": _peak_mb(),
                      "jobs": batch.effective_jobs(jobs, len(found))}))


def _timed(module, name: str, parts: dict[str, float], part: str, memory: bool = False) -> None:
    """Replace ``module.name`` with a wrapper adding its time to ``parts[part]``.

    ``memory``: also record the resident memory when it starts (before a validate call).
    """
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        if memory:
            parts["before_mb"] = max(parts["before_mb"], _resident_mb())
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            parts[part] += time.perf_counter() - start

    setattr(module, name, wrapper)


def _measure_read(folder: Path, mode: str) -> None:
    import concurrent.futures

    from xlperf.cli import batch
    from xlperf.sources.workbook.reader import read_workbook  # noqa: F401

    paths = [f.path for f in batch.collect_paths([folder])]
    workers = os.cpu_count() or 1
    start = time.perf_counter()
    if mode == "calamine":
        with concurrent.futures.ProcessPoolExecutor(workers) as pool:
            list(pool.map(_calamine_values, paths, chunksize=8))
    elif mode == "serial":
        list(map(batch.read_one, paths))
    elif mode == "threads":
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            list(pool.map(batch.read_one, paths))
    else:
        batch.read_all(paths, workers)
    print(json.dumps({"files": len(paths), "seconds": time.perf_counter() - start,
                      "jobs": workers}))


def _calamine_values(path: Path) -> int:
    """Every worksheet's values through python-calamine and nothing else (the floor row)."""
    import python_calamine

    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        return sum(len(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                   for name in book.sheet_names)


def _command(command: list[str]) -> tuple[float, float]:
    """Wall time of a whole command (output discarded) and the peak memory of its processes."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return seconds, peak


def _best_of(times: int, command: list[str]) -> float:
    return min(_command(command)[0] for _ in range(times))


# --- baselines ------------------------------------------------------------------


def _rate(check, files: list[Path]) -> float:
    state = check(None)  # build schemas and import libraries before the clock starts
    start = time.perf_counter()
    for path in files:
        check(path, state)
    return len(files) / (time.perf_counter() - start)


def _naive(path: Path | None, schema=None):
    import baselines

    if path is None:
        return baselines.naive_schema()
    return baselines.naive_validate(path, schema)


def _frictionless_xlsx(path: Path | None, state=None):
    import baselines

    if path is None:
        return baselines.frictionless_schema(), baselines.frictionless_checklist()
    return baselines.frictionless_validate_xlsx(path, *state)


def _frictionless_csv(files: list[Path]) -> float:
    import baselines

    schema, checklist = baselines.frictionless_schema(), baselines.frictionless_checklist()
    with tempfile.TemporaryDirectory() as folder:
        exported = [baselines.export_csv(path, Path(folder)) for path in files]
        start = time.perf_counter()
        for sheets in exported:
            baselines.frictionless_validate_csv(sheets, schema, checklist)
        return len(files) / (time.perf_counter() - start)


# --- the table ------------------------------------------------------------------


def _print_table(rows: list[tuple[str, str, str]], numbers: dict[str, float], n: int) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"\nxlperf validation benchmark — {n} synthetic departments, "
          f"{os.cpu_count()} cores, python {sys.version.split()[0]}\n")
    print(f"{'measure':<{width}}  {'result':>22}  notes")
    print(f"{'-' * width}  {'-' * 22}  {'-' * 40}")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>22}  {note}")
    print("\ntargets:")
    checks = [
        ("xlperf rate", numbers["rate"] >= TARGETS["rate"], f"≥ {TARGETS['rate']:.0f} workbooks/s"),
        ("vs naive", numbers["naive"] >= TARGETS["naive"], f"≥ {TARGETS['naive']:.0f}×"),
        ("vs frictionless", numbers["frictionless"] >= TARGETS["frictionless"],
         f"≥ {TARGETS['frictionless']:.0f}×"),
        ("one file", numbers["one"] < TARGETS["one"], f"< {TARGETS['one']} s"),
        ("--help", numbers["help"] < TARGETS["help"], f"< {TARGETS['help']} s"),
        ("peak memory", numbers["memory"] < TARGETS["memory"],
         f"< {TARGETS['memory']:.0f} MB for {n} workbooks"),
    ]
    for name, met, target in checks:
        print(f"  {'met   ' if met else 'MISSED'}  {name} {target}")


if __name__ == "__main__":
    main()
