"""Process pools that outlive a worker's death, and stop at once on Ctrl-C.

A worker can end without raising anything: calamine aborts the process when an
allocation fails, the kernel's out-of-memory killer sends SIGKILL. The
standard pool then breaks (``BrokenProcessPool``) and every task not yet
finished fails with it, although only one of them killed its worker. So
``run_all`` runs the tasks in one pool and, if it breaks, runs each unfinished
task again alone in a fresh process: a task that kills its own process comes
back as ``WorkerDied``, the others as their results. The caller decides what
a dead task means (``xlperf validate`` splits a group into files and reports
the file that kills its process as unreadable).

Ctrl-C: the workers ignore SIGINT, so only the main process sees it; it stops
the workers (they may be in the middle of a long group) and lets the
``KeyboardInterrupt`` go on to the command, which says 已中断 and exits 130.

The process pool's modules (``concurrent.futures.process``, ``multiprocessing``:
~10–20 ms) are imported only when a pool is used: ``xlperf validate one.xlsx``
imports this module and never starts one.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import concurrent.futures

# Windows has no fork: its workers start fresh and import what they need themselves.
START_METHOD = "fork" if hasattr(os, "fork") else "spawn"
POLL_S = 0.2  # how often ``tick`` runs while waiting (progress bars)


@dataclass(frozen=True)
class WorkerDied:
    """A task whose process ended without an answer (killed, or aborted by a library)."""

    task: Any


def run_all(func: Callable[[Any], Any], tasks: Sequence[Any], jobs: int, *,
            initializer: Callable[..., None] | None = None, initargs: tuple = (),
            tick: Callable[[], None] | None = None, memory: int | None = None) -> list[Any]:
    """``func(task)`` for every task, in order, in ``jobs`` processes.

    A task whose worker died is run again alone; if it kills that process
    too, its entry is ``WorkerDied(task)``. ``memory``: bytes of address space
    each worker may take beyond what it has when it starts (``cap_memory``).
    """
    from concurrent.futures.process import BrokenProcessPool

    tick = tick or (lambda: None)
    results: list[Any] = [None] * len(tasks)
    unfinished: list[int] = []
    with _pool(jobs, initializer, initargs, memory) as executor:
        futures = []
        with contextlib.suppress(BrokenProcessPool), _ctrl_c_held():  # a worker died meanwhile
            for task in tasks:
                futures.append(executor.submit(func, task))
        for index, future in enumerate(futures):
            try:
                results[index] = _wait(future, tick, executor)
            except BrokenProcessPool:
                unfinished.append(index)
        unfinished += range(len(futures), len(tasks))
    for index in unfinished:  # one at a time: only after a crash, and each must be alone
        results[index] = run_alone(func, tasks[index], initializer=initializer,
                                   initargs=initargs, tick=tick, memory=memory)
    return results


def apart(func: Callable[..., Any], *args: Any, died: str, where: str | None = None) -> Any:
    """``func(*args)`` in a process of its own, unless this process is a worker already (its
    death is then its batch's business); ``InputError(died, file=where)`` if that process
    dies.

    For work that may abort the process without an exception, where no check can
    rule that out beforehand (calamine on .xls/.xlsb/.ods, see reader.py).
    """
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        return func(*args)
    from xlperf.limits import READING_MEMORY

    outcome = run_alone(_call, (func, args), memory=READING_MEMORY)
    if isinstance(outcome, WorkerDied):
        from xlperf.errors import InputError

        raise InputError(died, file=where)
    return outcome


def _call(task: tuple[Callable[..., Any], tuple]) -> Any:
    func, args = task
    return func(*args)


def run_alone(func: Callable[[Any], Any], task: Any, *,
              initializer: Callable[..., None] | None = None, initargs: tuple = (),
              tick: Callable[[], None] | None = None, memory: int | None = None) -> Any:
    """``func(task)`` in a process of its own; ``WorkerDied(task)`` if that process dies."""
    from concurrent.futures.process import BrokenProcessPool

    with _pool(1, initializer, initargs, memory) as executor:
        try:
            with _ctrl_c_held():
                future = executor.submit(func, task)
            return _wait(future, tick or (lambda: None), executor)
        except BrokenProcessPool:
            return WorkerDied(task)


@contextlib.contextmanager
def _pool(jobs: int, initializer: Callable[..., None] | None, initargs: tuple,
          memory: int | None = None) -> Iterator[concurrent.futures.ProcessPoolExecutor]:
    """A pool whose workers ignore Ctrl-C; on any exception (Ctrl-C included) its workers
    are stopped at once instead of finishing their tasks."""
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context(START_METHOD)
    executor = concurrent.futures.ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker,
        initargs=(initializer, initargs, memory))
    try:
        yield executor
    except BaseException:
        _stop(executor)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C back while workers are forked (the first ``submit`` starts them).

    A SIGINT that arrives during ``os.fork`` is raised inside the standard library's
    after-fork callbacks, which ignore exceptions: the Ctrl-C would be lost and the
    run go on. Held back, it is raised right after, where the command handles it.
    """
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is None:  # Windows: workers are spawned, not forked
        yield
        return
    previous = hold(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        hold(signal.SIG_SETMASK, previous)


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple,
                  memory: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory is not None:  # a reading worker
        cap_memory(memory)
        _silence_stderr()
    if initializer is not None:
        initializer(*initargs)


def cap_memory(budget: int) -> None:
    """Let this process map at most ``budget`` more bytes than it has now (POSIX only).

    calamine allocates a sheet's whole rectangle up front; an 843-byte .ods whose
    one cell is repeated far away asked for 2.8 GB. Capped, the allocation fails:
    calamine aborts (the worker dies, the file is reported unreadable) or Python
    raises ``MemoryError`` — the machine is never driven into swap or the OOM killer.
    """
    try:
        import resource
    except ImportError:  # Windows
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # no /proc (macOS): leave the process as it is
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _silence_stderr() -> None:
    """A reading worker prints nothing: what a library writes as it aborts (Rust's
    ``memory allocation of … bytes failed`` and its backtrace) is no message for a
    user. Its exceptions travel back to the parent, which says what happened in Chinese."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)


def _stop(executor: concurrent.futures.ProcessPoolExecutor) -> None:
    """Kill the workers now. ``shutdown`` alone would wait for the running tasks (a group
    of 250 workbooks takes seconds); the pool's process table is not public API, hence
    the ``getattr``."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)


def _wait(future: concurrent.futures.Future, tick: Callable[[], None],
          executor: concurrent.futures.ProcessPoolExecutor) -> Any:
    """The future's result. A future the pool forgot counts as its worker's death: a task
    submitted while the pool was breaking is never failed (the pool marks itself broken
    and fails its pending tasks without the lock that ``submit`` holds), so waiting for it
    would hang; the pool's broken flag is not public API, hence the ``getattr``."""
    import concurrent.futures
    from concurrent.futures.process import BrokenProcessPool

    while True:
        try:
            result = future.result(timeout=POLL_S)
        except concurrent.futures.TimeoutError:
            tick()
            if getattr(executor, "_broken", False) and not future.done():
                raise BrokenProcessPool("the pool broke and forgot this task") from None
            continue
        tick()
        return result
