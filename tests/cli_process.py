"""The real ``xlperf`` command in a process of its own, started in milliseconds.

A subprocess of the installed command spends about a second importing pandas
and pandera; the hostile-input battery runs hundreds of commands. A fork of
the test process, which has imported them already, runs the same
``xlperf.cli.main`` as a separate process: its own exit code, its own standard
output and error (file descriptors 1 and 2), its own death when a library
aborts, its own process group (so its workers and LibreOffice end with it),
and a memory ceiling of its own. ``tests/test_cli_process.py`` checks that it
answers as the installed command does.

POSIX only (fork); the tests that use it are skipped elsewhere.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import io
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
CAN_FORK = hasattr(os, "fork")
# Imported before a command is forked as another user (``user=``): that user may not be able
# to read the interpreter's library or the checkout (a pyenv or a clone under /root) to
# import them lazily, as the commands do.
PRELOAD = ("concurrent.futures.process", "concurrent.futures.thread", "secrets",
           "multiprocessing.popen_fork", "xlperf.cli.new", "xlperf.cli.import_text",
           "xlperf.cli.export", "xlperf.cli.validate", "xlperf.cli.validate_run",
           "xlperf.cli.notice", "xlperf.cli.show", "xlperf.notice.package",
           "xlperf.notice.render", "xlperf.notice.docx_writer", "xlperf.notice.xlsx_writer",
           "xlperf.notice.gate", "xlperf.reports.annotate", "xlperf.reports.terminal",
           "xlperf.reports.json_report", "xlperf.writers.workbook.writer", "xlperf.writers.text",
           "xlperf.sources.workbook.reader", "xlperf.sources.text.reader", "xlperf.outputs",
           "xlperf.validation.engine", "rich.console", "rich.table", "rich.text")


@dataclass
class Run:
    """What a command did: exit code (-N: killed by signal N), output, time, memory."""

    args: tuple[str, ...]
    code: int
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_mb: float  # the largest resident set of the command or one of its workers
    base_mb: float  # what the process had when it started (the test process's memory)
    timed_out: bool = False

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    @property
    def grown_mb(self) -> float:
        """Memory the command itself added (its peak above the forked starting point)."""
        return max(0.0, self.peak_mb - self.base_mb)

    def __str__(self) -> str:
        return (f"xlperf {' '.join(self.args)} → exit {self.code} in {self.seconds:.1f} s, "
                f"+{self.grown_mb:.0f} MB\n--- stderr\n{self.err[-3000:]}\n"
                f"--- stdout (end)\n{self.out[-1200:]}")


def run(args: Sequence[str], *, cwd: str | os.PathLike[str] | None = None,
        timeout: float = 120, env: dict[str, str] | None = None, user: int | None = None,
        memory_mb: int | None = 3000,
        interrupt: tuple[Callable[[int], bool], int] | None = None,
        watch: Callable[[int], None] | None = None) -> Run:
    """Run ``xlperf ARGS`` in a forked process and wait for it.

    ``user``: run as this uid (and gid), for permission tests when the tests run
    as root. ``memory_mb``: address space the command may add (a runaway
    allocation fails instead of swapping the machine). ``interrupt``: (when,
    signal) — the signal is sent to the command's process group, as a
    terminal sends Ctrl-C, once ``when(pid)`` is true. ``watch(pid)`` is called
    every 10 ms while the command runs (to kill its workers, say).
    """
    args = tuple(str(a) for a in args)
    if user is not None:
        for name in PRELOAD:
            importlib.import_module(name)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryFile() as usage:
        base = _resident_mb()
        ceiling = (_virtual_bytes() + memory_mb * 1024 * 1024) if memory_mb else None
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the command's process: never returns
            _child(args, cwd, env, user, ceiling, out.fileno(), err.fileno(), usage.fileno())
        # The child does the same: whichever runs first, the group exists for killpg.
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        status, own_kb, timed_out = _wait(pid, start + timeout, interrupt, watch)
        seconds = time.monotonic() - start
        for stream in (out, err, usage):
            stream.seek(0)
        workers_kb = int(usage.read() or 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        return Run(args, code, out.read(), err.read(), seconds,
                   max(own_kb, workers_kb) / 1024, base, timed_out)


def _wait(pid: int, deadline: float, interrupt, watch) -> tuple[int, int, bool]:
    sent = False
    while True:
        if watch is not None:
            watch(pid)
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            _kill_group(pid)  # workers or LibreOffice left behind
            return status, usage.ru_maxrss, False
        if time.monotonic() > deadline:  # a hang: its stacks into stderr, then the end
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGUSR1)
            time.sleep(0.5)
            _kill_group(pid)
            _, status, usage = os.wait4(pid, 0)
            return status, usage.ru_maxrss, True
        if interrupt is not None and not sent and interrupt[0](pid):
            os.killpg(pid, interrupt[1])
            sent = True
        time.sleep(0.01)


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (its workers), from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _child(args, cwd, env, user, ceiling, out: int, err: int, usage: int) -> None:
    code = 1
    try:
        os.setpgid(0, 0)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        faulthandler.disable()  # the test runner's crash handler is no part of the command
        faulthandler.register(signal.SIGUSR1, all_threads=True)  # where it hangs, on timeout
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if ceiling:
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
        if user is not None:
            os.setgroups([])
            os.setgid(user)
            os.setuid(user)
        if cwd is not None:
            os.chdir(cwd)
        if env:
            os.environ.update(env)
        errors = getattr(sys.__stdout__, "errors", None) or "strict"
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                                      errors=errors)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                      errors="backslashreplace", line_buffering=True)
        sys.argv = ["xlperf", *args]
        from xlperf.cli import main

        main()
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc)
    except KeyboardInterrupt:  # what Python does with an uncaught Ctrl-C
        traceback.print_exc()
        _flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    except BaseException:  # what Python prints for an uncaught exception
        traceback.print_exc()
    finally:
        _flush()
        os.write(usage, str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss).encode())
        os._exit(code)


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()


def _resident_mb() -> float:
    return _status_kb("VmRSS") / 1024


def _virtual_bytes() -> int:
    return _status_kb("VmSize") * 1024


def _status_kb(field: str) -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
