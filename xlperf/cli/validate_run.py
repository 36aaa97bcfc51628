"""One ``validate`` run: read every file, one engine call per configuration, results per file.

The engine is called once for all departments that share a configuration
(usually: once for the whole batch), as the architecture asks; per-folder
``xlperf.toml`` files and 部门信息 settings only split the batch when they
actually differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlperf.cli.batch import Found, read_all
from xlperf.errors import InputError
from xlperf.reports.results import FileResult
from xlperf.validation.findings import Finding


@dataclass(frozen=True)
class RunOptions:
    config_file: Path | None = None
    jobs: int = 0
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


Read = tuple[list[FileResult], list[tuple[FileResult, Any, Path]]]


def run(found: Sequence[Found], options: RunOptions,
        advance: Callable[[int], None] | None = None) -> list[FileResult]:
    """Read and validate ``found``; one ``FileResult`` per entry, in the same order."""
    results, departments = read(found, options, advance)
    check(departments, options)
    return results


def read(found: Sequence[Found], options: RunOptions,
         advance: Callable[[int], None] | None = None) -> Read:
    """Every file read: the results (unreadable ones final) and the departments to check."""
    readable = [f.path for f in found if f.error is None]
    done = iter(read_all(readable, options.jobs, advance))
    results: list[FileResult] = []
    departments: list[tuple[FileResult, Any, Path]] = []
    for entry in found:
        if entry.error is not None:
            results.append(FileResult(str(entry.path), error=entry.error))
            continue
        department, error = next(done)
        result = FileResult(str(entry.path), error=error)
        if department is not None:
            result.department = department.name or None
            result.projects = len(department.projects)
            departments.append((result, department, entry.path))
        results.append(result)
    return results, departments


def check(items: list[tuple[FileResult, Any, Path]], options: RunOptions) -> None:
    """Run the rules over the departments read, filling each result's findings."""
    groups = _by_config(items, options.config_file)
    if not groups:
        return
    from xlperf.validation.engine import validate

    for config, group in groups:
        findings = validate([department for _, department in group], config)
        by_source: dict[str, list[Finding]] = {}
        for finding in findings:
            if _wanted(finding.rule, options):
                by_source.setdefault(finding.file or "", []).append(finding)
        if len(group) == 1 and "" in by_source:  # a finding the engine did not tie to a file
            by_source.setdefault(str(group[0][1].source), []).extend(by_source.pop(""))
        for result, department in group:
            result.findings = in_workbook_order(by_source.get(str(department.source), []),
                                                department)


def _by_config(items: list[tuple[FileResult, Any, Path]], explicit: Path | None
               ) -> list[tuple[Any, list[tuple[FileResult, Any]]]]:
    """Departments grouped by the configuration file in force for them.

    The engine lays each department's own 部门信息 settings over that
    configuration itself; they are tried here first so that one department
    with unreadable settings is reported like an unreadable file and the
    batch goes on.
    """
    from xlperf.validation.config import load_config
    from xlperf.validation.engine import department_config

    fixed = _explicit_config(explicit) if explicit is not None else None
    by_folder: dict[Path, Any] = {}
    groups: dict[str, tuple[Any, list[tuple[FileResult, Any]]]] = {}
    for result, department, path in items:
        if fixed is None and path.parent not in by_folder:
            by_folder[path.parent] = load_config(path)
        base = fixed if fixed is not None else by_folder[path.parent]
        try:
            department_config(department, base)
        except InputError as exc:
            result.error = InputError(exc.message, sheet=exc.sheet, cell=exc.cell).describe()
            result.department, result.projects = None, 0
            continue
        groups.setdefault(base.source or "", (base, []))[1].append((result, department))
    return list(groups.values())


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
