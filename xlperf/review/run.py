"""One ``compare`` run: read both years, pair departments, run the Y rules, results per file.

Two files compare with each other, whatever their names. Two folders pair their departments by name
(``pairing.department_key``: the department's name, else the file's, without
year, brackets and spacing): a department found only this year is compared
with nothing (each of its projects is new), one found only last year gets an
entry of its own under last year's file (each of its projects discontinued).
A file that cannot be read is listed with its reason, as validate lists it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlperf.cli.batch import read_one
from xlperf.errors import InputError
from xlperf.model import Department
from xlperf.reports.results import FileResult
from xlperf.review.pairing import Comparison, department_key, pair_up
from xlperf.sources import SOURCE_SUFFIXES
from xlperf.sources.files import entry_problem


@dataclass
class CompareResult(FileResult):
    """A validate ``FileResult`` for THIS, plus what it was compared with."""

    compared_with: str | None = None  # last year's file; None when it had no partner
    pairs: list[dict[str, Any]] = field(default_factory=list)
    last_only: bool = False  # a department of last year's folder missing from this year's


@dataclass(frozen=True)
class Side:
    """One year's input: the files read (in order) with their departments or reasons."""

    files: list[tuple[Path, Department | None, str | None]]
    folder: bool = False  # a folder (departments pair by name) or one file given by the user


def read_side(path: Path, label: str) -> Side:
    """A file, or every source file under a folder; ``InputError`` for what is neither."""
    problem = entry_problem(path)
    if problem == "这是一个文件夹":
        files = sorted(_sources_under(path), key=str)
        if not files:
            kinds = "、".join(sorted(SOURCE_SUFFIXES))
            raise InputError(f"{label}是文件夹，但其中没有可读取的绩效目标表（{kinds}）",
                             file=str(path))
        from xlperf.cli.batch import read_all

        return Side([(file, *read) for file, read in zip(files, read_all(files), strict=True)],
                    folder=True)
    if problem is not None:
        raise InputError(f"{label}：{problem}", file=str(path))
    department, error = read_one(path)
    if error is not None:
        raise InputError(f"{label}无法读取：{error}", file=str(path))
    return Side([(path, department, None)])


def _sources_under(folder: Path):
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(("~$", ".")) and \
                    os.path.splitext(name)[1].lower() in SOURCE_SUFFIXES:
                path = Path(root) / name
                if entry_problem(path) is None:
                    yield path


def run(last: Side, this: Side, config_for: Callable[[Path, Department], Any],
        wanted: Callable[[str], bool]) -> list[CompareResult]:
    """Every department of THIS against its partner in LAST; then LAST's left alone."""
    from xlperf.review.engine import compare

    results: list[CompareResult] = []
    last_ok = [(p, d) for p, d, error in last.files if d is not None]
    this_ok = [(p, d) for p, d, error in this.files if d is not None]
    if last.folder or this.folder:
        pairs, gone, _ = pair_up(last_ok, this_ok,
                                 (lambda item: department_key(item[1], item[0]),))
    else:  # two files: the user paired them
        pairs, gone = list(zip(last_ok, this_ok, strict=True)), []
    partner = {id(new[1]): old for old, new in pairs}
    for path, department, error in this.files:
        if department is None:
            results.append(CompareResult(str(path), error=error))
            continue
        old = partner.get(id(department))
        base = Department(name=department.name, source=str(old[0]) if old else None)
        config = config_for(path, department)
        comparison, findings = compare(old[1] if old else base, department, config)
        result = _result(path, department, comparison, findings, old, wanted)
        from xlperf.validation.forms import forms_of

        result.layouts, result.frameworks = forms_of(department, config)
        results.append(result)
    for path, department, error in last.files:
        if department is None:
            results.append(CompareResult(str(path), error=error))
    for path, department in gone:
        empty = Department(name=department.name, source=str(path))
        _, findings = compare(department, empty, config_for(path, department))
        results.append(CompareResult(str(path), department=department.name or None,
                                     findings=[f for f in findings if wanted(f.rule)],
                                     last_only=True))
    return results


def _result(path: Path, department: Department, comparison: Comparison, findings: list,
            old: tuple[Path, Department] | None, wanted: Callable[[str], bool]) -> CompareResult:
    pairs = [{"last": pair.last.name, "this": pair.this.name, "renamed": pair.renamed,
              "continuing": pair.continuing} for pair in comparison.pairs]
    return CompareResult(str(path), department=department.name or None,
                         projects=len(department.projects),
                         findings=[f for f in findings if wanted(f.rule)],
                         compared_with=str(old[0]) if old else None, pairs=pairs)
