"""One ``validate`` run: read every file, one engine call per group, results per file.

Every rule looks within one department, so the batch is validated in groups of
whole departments (one engine call, one pandera run each) and gives the same
findings as one call. Groups keep memory bounded (a department is ~0.4 MB in
memory), and on more than a handful of files they are what the worker
processes do: each reads a group's files *and* validates them, sending back
only the per-file results — no department crosses between processes, and the
main process only waits and moves the progress bar. Per-folder
``xlperf.toml`` files and 部门信息 settings split a group's engine call only
when they actually differ.
"""

from __future__ import annotations

import gc
import importlib
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlperf import collector, workers
from xlperf.cli.batch import WORKER_DIED, Found, effective_jobs, read_one
from xlperf.errors import InputError
from xlperf.reports.results import FileResult
from xlperf.validation.findings import Finding


@dataclass(frozen=True)
class RunOptions:
    config_file: Path | None = None
    jobs: int = 0
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


# A group's departments are validated, and let go, whenever they reach this many indicator
# rows (~2 kB a row while read and checked: a synthetic department of 750 rows is ~1.6 MB):
# a group of unusually large workbooks holds no more than 80 ordinary ones. Each engine
# call has a fixed cost (~35–60 ms), so a group of 64 ordinary workbooks stays one call.
ENGINE_ROWS = 60_000
GROUP_FILES = 64  # files per group (one task of a worker) at most, whatever the batch
GROUPS_PER_WORKER = 8  # smaller groups near that many: workers finish close together
MIN_GROUP = 16  # below this a group's fixed engine cost (~35 ms) starts to show


def run(found: Sequence[Found], options: RunOptions,
        advance: Callable[[int], None] | None = None) -> list[FileResult]:
    """Read and validate ``found``; one ``FileResult`` per entry, in the same order."""
    configs = Configs(options.config_file)  # a bad --config stops the run before any reading
    advance = advance or (lambda n: None)
    results = [FileResult(str(entry.path), error=entry.error) for entry in found]
    readable = [index for index, entry in enumerate(found) if entry.error is None]
    jobs = effective_jobs(options.jobs, len(readable))
    groups = _groups(readable, jobs)
    paths = [[found[index].path for index in group] for group in groups]
    if jobs <= 1:
        checked = [check_files(group, options, configs, advance) for group in paths]
    else:
        checked = _in_workers(paths, options, jobs, advance)
    for group, group_results in zip(groups, checked, strict=True):
        for index, result in zip(group, group_results, strict=True):
            results[index] = result
    return results


def _groups(indices: list[int], jobs: int) -> list[list[int]]:
    """Consecutive groups: up to GROUP_FILES, about GROUPS_PER_WORKER per worker."""
    size = GROUP_FILES
    if jobs > 1:
        smallest = min(MIN_GROUP, math.ceil(len(indices) / jobs))  # every worker gets some
        size = min(size, max(smallest, math.ceil(len(indices) / (jobs * GROUPS_PER_WORKER))))
    return [indices[i:i + size] for i in range(0, len(indices), size)]


def check_files(paths: Sequence[Path], options: RunOptions, configs: Configs,
                advance: Callable[[int], None]) -> list[FileResult]:
    """Read ``paths`` and validate them: one result per path, in order.

    The departments read are validated (and let go) whenever they reach
    ENGINE_ROWS indicator rows, so a group holds at most that many at once
    however large it is or its workbooks are. The garbage collector is paused
    meanwhile and called after each engine call: the departments' ~200 000
    objects are long-lived and free of cycles, and it re-walked them as they
    piled up (~15 % of reading).
    """
    results: list[FileResult] = []
    items: list[tuple[FileResult, Any, Path]] = []
    rows = 0
    with collector.paused():
        for path in paths:
            department, error = read_one(path)
            result = FileResult(str(path), error=error)
            results.append(result)
            if department is not None:
                result.department = department.name or None
                result.projects = len(department.projects)
                items.append((result, department, path))
                rows += indicator_rows(department)
            advance(1)
            if rows >= ENGINE_ROWS:
                _check_and_release(items, options, configs)
                rows = 0
        _check_and_release(items, options, configs)
    return results


def _check_and_release(items: list[tuple[FileResult, Any, Path]], options: RunOptions,
                       configs: Configs) -> None:
    """Validate ``items`` and empty the list: their departments are no longer held."""
    if items:
        check(items, options, configs)
        items.clear()
    gc.collect()


def indicator_rows(department: Any) -> int:
    """The department's rows in the engine's frame (a project without indicators has one)."""
    return sum(max(1, len(project.indicators)) for project in department.projects) or 1


def _in_workers(groups: list[list[Path]], options: RunOptions, jobs: int,
                advance: Callable[[int], None]) -> list[list[FileResult]]:
    """Each group read and validated in a worker process; results in group order.

    The engine (pandas, pandera) is imported before the workers start, so a
    forked worker has it already. Workers count the files they finish in a
    shared counter, which moves the progress bar here. A group whose worker
    died (a library aborting, the out-of-memory killer) is checked again file
    by file, each alone: the file that kills its process is reported as
    unreadable and the batch goes on.
    """
    import multiprocessing

    from xlperf.limits import READING_MEMORY

    _engine().load_pandera()
    done = multiprocessing.get_context(workers.START_METHOD).Value("l", 0)
    shown = 0

    def tick() -> None:
        nonlocal shown
        shown = _show(done, shown, advance)

    start = {"initializer": _start_worker, "initargs": (done,), "tick": tick,
             "memory": READING_MEMORY}
    outcomes = workers.run_all(_check_in_worker, [(group, options) for group in groups], jobs,
                               **start)
    results = []
    for group, outcome in zip(groups, outcomes, strict=True):
        if isinstance(outcome, workers.WorkerDied):
            outcome = [_file_alone(path, options, start) for path in group]
        results.append(outcome)
    return results


def _file_alone(path: Path, options: RunOptions, start: dict[str, Any]) -> FileResult:
    outcome = workers.run_alone(_check_in_worker, ([path], options), **start)
    if isinstance(outcome, workers.WorkerDied):
        return FileResult(str(path), error=WORKER_DIED)
    return outcome[0]


def _show(done: Any, shown: int, advance: Callable[[int], None]) -> int:
    now = done.value
    if now > shown:
        advance(now - shown)
    return now


_worker: dict[str, Any] = {}


def _start_worker(done: Any) -> None:
    _worker["done"] = done


def _check_in_worker(task: tuple[list[Path], RunOptions]) -> list[FileResult]:
    paths, options = task
    configs = _worker.get("configs")
    if configs is None:  # one per worker: each xlperf.toml is read once per process
        configs = _worker["configs"] = Configs(options.config_file)
    return check_files(paths, options, configs, _count)


def _count(files: int) -> None:
    done = _worker["done"]
    with done.get_lock():
        done.value += files


class Configs:
    """The configuration in force for each workbook, each file loaded once per run."""

    def __init__(self, explicit: Path | None) -> None:
        self.fixed = _explicit_config(explicit) if explicit is not None else None
        self.by_folder: dict[Path, Any] = {}

    def base_for(self, path: Path) -> Any:
        """``--config FILE`` if given, else the xlperf.toml found from the workbook's folder."""
        if self.fixed is not None:
            return self.fixed
        if path.parent not in self.by_folder:
            from xlperf.validation.config import load_config

            self.by_folder[path.parent] = load_config(path)
        return self.by_folder[path.parent]


def check(items: list[tuple[FileResult, Any, Path]], options: RunOptions,
          configs: Configs | None = None) -> None:
    """Run the rules over the departments read, filling each result's findings."""
    groups = _by_config(items, configs or Configs(options.config_file))
    if not groups:
        return
    from xlperf.validation.forms import forms_of

    for config, group in groups:
        for result, department in group:
            result.layouts, result.frameworks = forms_of(
                department, _engine().department_config(department, config))
        findings = _engine().validate([department for _, department in group], config)
        by_source: dict[str, list[Finding]] = {}
        for finding in findings:
            if _wanted(finding.rule, options):
                by_source.setdefault(finding.file or "", []).append(finding)
        if len(group) == 1 and "" in by_source:  # a finding the engine did not tie to a file
            by_source.setdefault(str(group[0][1].source), []).extend(by_source.pop(""))
        for result, department in group:
            result.findings = in_workbook_order(by_source.get(str(department.source), []),
                                                department)
            _accept(result, department, config, options)


def _accept(result: FileResult, department: Any, config: Any, options: RunOptions) -> None:
    """Mark the findings a reviewer accepted (xlperf.toml, then the 校验说明 sheet)."""
    acceptances = [a for a in (*config.accepts, *department.acceptances)
                   if _wanted(a.code, options)]
    if acceptances:
        from xlperf.validation.acceptance import accept

        result.findings, result.acceptance_notes = accept(result.findings, acceptances,
                                                          result.file)


def _by_config(items: list[tuple[FileResult, Any, Path]], configs: Configs
               ) -> list[tuple[Any, list[tuple[FileResult, Any]]]]:
    """Departments grouped by the configuration file in force for them.

    The engine lays each department's own 部门信息 settings over that
    configuration itself; they are tried here first so that one department
    with unreadable settings is reported like an unreadable file and the
    batch goes on.
    """
    department_config = _engine().department_config
    groups: dict[str, tuple[Any, list[tuple[FileResult, Any]]]] = {}
    for result, department, path in items:
        base = configs.base_for(path)
        try:
            department_config(department, base)
        except InputError as exc:
            result.error = InputError(exc.message, sheet=exc.sheet, cell=exc.cell).describe()
            result.department, result.projects = None, 0
            continue
        groups.setdefault(base.source or "", (base, []))[1].append((result, department))
    return list(groups.values())


def _engine() -> Any:
    """The engine module, imported with the garbage collector paused, then frozen.

    Importing it (pandas, numpy, the rule catalogue) creates hundreds of thousands of
    objects and no garbage; collections triggered meanwhile, or later while reading
    and printing the report, would only re-walk them. ``gc.freeze`` sets them aside
    for the rest of the process.
    """
    name = "xlperf.validation.engine"
    if name in sys.modules:
        return sys.modules[name]
    with collector.paused():
        module = importlib.import_module(name)
        gc.freeze()
    return module


def _explicit_config(path: Path) -> Any:
    """``--config FILE``: that file, whatever its name (load_config finds xlperf.toml only)."""
    import tomllib

    from xlperf.validation.config import config_from_dict

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InputError("无法读取配置文件（文件不存在或不是 UTF-8 文本）",
                         file=str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise InputError("配置文件不是有效的 TOML，请检查引号、等号和方括号",
                         file=str(path)) from None
    return config_from_dict(data, source=str(path))


def in_workbook_order(findings: list[Finding], department: Any) -> list[Finding]:
    """Department-level findings first, then project by project, top to bottom."""
    order = {project.name: index for index, project in enumerate(department.projects)}

    def key(finding: Finding) -> tuple[int, int]:
        project = -1 if finding.project is None else order.get(finding.project, len(order))
        digits = "".join(ch for ch in (finding.cell or "").split(":")[0] if ch.isdigit())
        return project, int(digits) if digits else (finding.row or 0)

    return sorted(findings, key=key)


def _wanted(rule: str, options: RunOptions) -> bool:
    if options.select and not rule.startswith(options.select):
        return False
    return not (options.ignore and rule.startswith(options.ignore))
