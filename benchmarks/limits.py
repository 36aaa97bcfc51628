"""Benchmark: time and peak memory of every command as inputs grow to the limits, and beyond.

    .venv/bin/python benchmarks/limits.py                   # up to the limits (a few minutes)
    .venv/bin/python benchmarks/limits.py --quick           # up to a quarter of them
    .venv/bin/python benchmarks/limits.py --before ../old   # also the refusals, on another
                                                             # checkout's .venv (e.g. main)

Each command runs as a fresh process of the installed ``xlperf`` with
``--jobs 1`` (one process: its peak resident memory, from ``wait4``, is the
command's). In the same run:

- the baseline: the same command on the seed (7 projects, 15 kB), what any
  input costs (interpreter, imports);
- departments of 125 … 1 000 projects (``synthetic.py``; 1 000 is
  ``limits.MAX_PROJECTS``) as published text, and as the workbook ``import``
  makes of it: the growth above the baseline per 1 000 projects must not rise
  with the size — memory grows no faster than the input;
- inputs beyond the limits (the issue's 49 MB text of 24 409 projects, a
  40 MB line, a cell at XFD1048576, a million-row data sheet to annotate):
  how fast each is refused, and with ``--before`` how the other checkout
  fares on them (killed after ``--timeout`` seconds).

The machine is shared and noisy (±30 %): read ratios, not single numbers.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
XLPERF = str(Path(sys.executable).parent / "xlperf")
SIZES = (125, 250, 500, 1000)


def main() -> None:
    args = _arguments()
    from xlperf import limits

    sizes = [n for n in SIZES if n <= limits.MAX_PROJECTS // (4 if args.quick else 1)]
    with tempfile.TemporaryDirectory(prefix="xlperf-limits-") as work:
        folder = Path(work)
        texts = {0: _seed(folder), **{n: _department_text(folder, n) for n in sizes}}
        megabytes = {n: path.stat().st_size / 2**20 for n, path in texts.items()}
        rows = _growth(folder, texts)
        refusals = _refusals(folder, args)
    _print_growth(rows, megabytes)
    _print_refusals(refusals, args.before)


# --- inputs -------------------------------------------------------------------------------

def _seed(folder: Path) -> Path:
    return Path(shutil.copy(ROOT / "tests" / "data" / "seed_notice.txt", folder / "seed.txt"))


def _department_text(folder: Path, projects: int) -> Path:
    """One department of ``projects`` synthetic projects, as published text."""
    import synthetic

    from xlperf.writers.text import format_text

    department = copy.deepcopy(synthetic.department(1))
    found, index = [], 1
    while len(found) < projects:
        found += synthetic.department(index).projects
        index += 1
    department.projects = found[:projects]
    path = folder / f"p{projects}.txt"
    path.write_text(format_text(department), encoding="utf-8")
    return path


# --- measuring ----------------------------------------------------------------------------

# A small process that starts the command and waits for it: a child's peak resident memory
# (ru_maxrss) starts at its parent's, so the command must not be started from this process,
# which holds the big inputs it wrote.
_LAUNCHER = """
import os, sys, time
timeout = float(sys.argv[1])
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):
        os.dup2(fd, std)
    os.execv(sys.argv[2], sys.argv[2:])
start = time.perf_counter()
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    if timeout and time.perf_counter() - start > timeout:
        os.kill(pid, 9)
        _, status, usage = os.wait4(pid, 0)
        break
    time.sleep(0.02)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def measure(command: list[str], cwd: Path, timeout: float | None = None,
            program: str = XLPERF) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one fresh process; exit -9 when killed at ``timeout``."""
    launched = subprocess.run([sys.executable, "-c", _LAUNCHER, str(timeout or 0), program,
                               *map(str, command)], cwd=cwd, capture_output=True, text=True,
                              check=True)
    seconds, peak_kb, code = launched.stdout.split()
    return float(seconds), int(peak_kb) / 1024, int(code)


COMMANDS = {  # label → arguments, {t} the text, {w} the imported workbook, {o} an output place
    "show": ["show", "{t}"],
    "validate": ["validate", "{t}", "--jobs", "1"],
    "import": ["import", "{t}", "-o", "{w}", "--force"],
    "notice": ["notice", "{t}", "-o", "{o}", "--draft", "--force", "--jobs", "1"],
    "validate .xlsx": ["validate", "{w}", "--jobs", "1"],
    "annotate": ["validate", "{w}", "--jobs", "1", "--annotate", "{o}.xlsx"],
}


def _growth(folder: Path, texts: dict[int, Path]) -> dict[str, dict[int, tuple[float, float]]]:
    rows: dict[str, dict[int, tuple[float, float]]] = {label: {} for label in COMMANDS}
    for projects, text in texts.items():
        names = {"t": text, "w": folder / f"w{projects}.xlsx", "o": folder / f"o{projects}"}
        for label, command in COMMANDS.items():
            seconds, peak, code = measure([part.format(**names) for part in command], folder)
            if code not in (0, 1):
                raise SystemExit(f"{label} on {text.name} exited {code}")
            rows[label][projects] = (seconds, peak)
            print(f"  {label:15} {projects:5} projects: {seconds:6.1f} s {peak:7.0f} MB",
                  file=sys.stderr)
    return rows


def _refusals(folder: Path, args: argparse.Namespace) -> list[tuple[str, tuple, tuple | None]]:
    import hostile_corpus

    seed = (folder / "seed.txt").read_text(encoding="utf-8")
    huge = folder / "huge.txt"  # the 49 MB text: 24 409 projects (2 kB a table)
    start = seed.index("项目名称")
    lines = seed[start:].split("\n")
    count = max(n for n in range(1, len(lines)) if len("\n".join(lines[:n]).encode()) < 2050)
    table = "\n".join(lines[:count]) + "\n"
    huge.write_text(seed[:start] + table * 24_409, encoding="utf-8")
    line = folder / "one_line.txt"  # a 40 MB line before the tables: years, the title pattern's
    line.write_text("2024年 " * (40 * 2**20 // 10) + "\n" + seed, encoding="utf-8")  # worst
    far = hostile_corpus.wb_far_cell(folder)
    million = _million_rows(folder)
    cases = [
        ("show, 49 MB text (24 409 projects)", ["show", huge]),
        ("import, 49 MB text", ["import", huge, "-o", folder / "h.xlsx", "--force"]),
        ("notice, 49 MB text", ["notice", huge, "-o", folder / "h", "--draft", "--force"]),
        ("show, a 40 MB line before the tables", ["show", line]),
        ("show, a cell at XFD1048576", ["show", far]),
        ("annotate, a 1 000 000-row data sheet", ["validate", million, "--annotate",
                                                  folder / "m.xlsx"]),
    ]
    before = Path(args.before).resolve() / ".venv" / "bin" / "xlperf" if args.before else None
    found = []
    for label, command in cases:
        now = measure(command, folder)
        old = measure(command, folder, args.timeout, str(before)) if before else None
        found.append((label, now, old))
        print(f"  {label}: {now}, before {old}", file=sys.stderr)
    return found


def _million_rows(folder: Path) -> Path:
    import hostile_corpus

    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 1_000_001))
    data = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{hostile_corpus.MAIN}">'
            f"<sheetData>{rows}</sheetData></worksheet>").encode()
    path = hostile_corpus.with_sheet(hostile_corpus.wb_clean(folder), folder / "million.xlsx",
                                     "明细", data)
    with zipfile.ZipFile(path) as package:
        assert "xl/worksheets/extra.xml" in package.namelist()
    return path


# --- reporting ----------------------------------------------------------------------------

def _print_growth(rows: dict[str, dict[int, tuple[float, float]]],
                  megabytes: dict[int, float]) -> None:
    sizes = [n for n in megabytes if n]
    print("\n| 命令 | 基线（样例 7 个项目） | " + " | ".join(f"{n} 个项目" for n in sizes)
          + " | 每千个项目增加的内存（各规模） |")
    print("|---|---|" + "---|" * len(sizes) + "---|")
    for label, measured in rows.items():
        base_s, base_mb = measured[0]
        cells = [f"{measured[n][0]:.1f} s / {measured[n][1]:.0f} MB" for n in sizes]
        per_thousand = [f"{(measured[n][1] - base_mb) * 1000 / n:.0f}" for n in sizes]
        print(f"| {label} | {base_s:.1f} s / {base_mb:.0f} MB | " + " | ".join(cells)
              + f" | {' → '.join(per_thousand)} MB |")
    sizes_mb = " → ".join(f"{megabytes[n]:.2f}" for n in sizes)
    print(f"\n文本大小（MB）：{sizes_mb}；每一行最后一列应随规模持平或下降（内存增长不快于输入）。")


def _print_refusals(found: list[tuple[str, tuple, tuple | None]], before: str | None) -> None:
    print("\n| 超出上限的输入 | 现在：用时 / 峰值内存 / 退出码 |"
          + (f" 对照 {before} |" if before else ""))
    print("|---|---|" + ("---|" if before else ""))
    for label, now, old in found:
        line = f"| {label} | {now[0]:.1f} s / {now[1]:.0f} MB / {now[2]} |"
        if old is not None:
            killed = " （超时终止）" if old[2] == -9 else ""
            line += f" {old[0]:.1f} s / {old[1]:.0f} MB / {old[2]}{killed} |"
        print(line)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to a quarter of the limits")
    parser.add_argument("--before", metavar="DIR", help="another checkout with a .venv, to compare")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds before --before's runs are killed")
    return parser.parse_args()


if __name__ == "__main__":
    main()
