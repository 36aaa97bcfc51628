"""One ``validate`` run: read every file, one engine call per configuration, results per file.

The engine is called once for all departments that share a configuration
(usually: once for the whole batch), as the architecture asks; per-folder
``xlperf.toml`` files and 部门信息 settings only split the batch when they
actually differ.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlperf import collector
from xlperf.cli.batch import Found, iter_read
from xlperf.errors import InputError
from xlperf.reports.results import FileResult
from xlperf.validation.findings import Finding


@dataclass(frozen=True)
class RunOptions:
    config_file: Path | None = None
    jobs: int = 0
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


# Departments validated together. Every rule looks within one department, so
# validating a batch in groups gives the same findings as one call; groups keep
# memory bounded (a department is ~0.4 MB in memory) and let the engine work
# while the pool reads the next files. The engine itself runs pandera on
# groups of whole departments (engine.CHUNK_ROWS) for the same reason.
GROUP_DEPARTMENTS = 250


def run(found: Sequence[Found], options: RunOptions,
        advance: Callable[[int], None] | None = None) -> list[FileResult]:
    """Read and validate ``found``; one ``FileResult`` per entry, in the same order."""
    configs = Configs(options.config_file)  # a bad --config stops the run before any reading
    readable = [f.path for f in found if f.error is None]
    results: list[FileResult] = []
    group: list[tuple[FileResult, Any, Path]] = []
    # The collector is paused for the run and called once per group: the main process
    # holds a group's ~200 000 cycle-free objects, which it re-walked as they piled up
    # (~15 % of reading). Worker processes forked meanwhile inherit the pause; they
    # hold one chunk of departments at a time.
    with collector.paused():
        done = iter_read(readable, options.jobs, advance)
        for entry in found:
            if entry.error is not None:
                results.append(FileResult(str(entry.path), error=entry.error))
                continue
            department, error = next(done)
            result = FileResult(str(entry.path), error=error)
            results.append(result)
            if department is None:
                continue
            result.department = department.name or None
            result.projects = len(department.projects)
            group.append((result, department, entry.path))
            if len(group) >= GROUP_DEPARTMENTS:
                check(group, options, configs)
                group = []
                gc.collect()
        check(group, options, configs)
    return results


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
    for config, group in groups:
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
        return project, int(digits) if digits else 0

    return sorted(findings, key=key)


def _wanted(rule: str, options: RunOptions) -> bool:
    if options.select and not rule.startswith(options.select):
        return False
    return not (options.ignore and rule.startswith(options.ignore))
