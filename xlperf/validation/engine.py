"""One pandera run per batch: departments → frame → checks → findings.

``validate`` turns the whole batch into columns (frame.py) and one DataFrame
over them, attaches every rule of the catalogue to it as a pandera ``Check``,
validates once with ``lazy=True`` and maps pandera's failure cases (the
failing row indices per check) back to ``Finding`` objects with the Chinese
message filled from that row. Batches larger than ``CHUNK_ROWS`` rows run in
a few chunks of whole departments, to bound memory.

Why the checks are column checks on one column (``CHECKED_COLUMN``) that read
the frame's arrays: pandera materialises every column of every failing row
for a frame-level ("wide") check — on 750 000 rows that took 33 s against
1.7 s for column checks — and builds one failure report per failing column.
The check still judges whole rows (aligned by index), exactly like a wide check.
"""

from __future__ import annotations

import gc
import re
import string
import sys
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from xlperf import collector
from xlperf.errors import InputError
from xlperf.model import Department
from xlperf.model.info_fields import DEPARTMENT_SHEET
from xlperf.model.text import format_number
from xlperf.validation.config import Config
from xlperf.validation.findings import Finding
from xlperf.validation.frame import Columns, build_frame, build_normalizations, build_notes
from xlperf.validation.rules import CATALOGUE, ORDER, Rule

# The column every rule's check is attached to. A check judges whole rows (it reads the
# frame's arrays); pandera builds one failure report per failing column, and building
# them was a third of a call when the checks sat on a dozen columns.
CHECKED_COLUMN = "dept"
# Rows per pandera run. A city's batch (750 000 rows) is validated in a few runs so that
# the frame (about 470 bytes a row) never holds more than ~120 MB at once.
CHUNK_ROWS = 250_000


def validate(departments: Sequence[Department], config: Config | None = None) -> list[Finding]:
    """Every finding for the batch, ordered by file, project, row and rule."""
    departments = list(departments)
    base = config or Config()
    configs = [department_config(d, base) for d in departments]
    findings: list[Finding] = []
    with collector.paused():  # building the frame creates millions of small objects
        for start, stop in _chunks(departments):
            findings.extend(_validate_chunk(departments[start:stop], configs[start:stop]))
    return findings


def _chunks(departments: list[Department]) -> Iterator[tuple[int, int]]:
    """Consecutive runs of whole departments of at most CHUNK_ROWS rows (at least one each)."""
    start, rows = 0, 0
    for index, department in enumerate(departments):
        size = sum(max(1, len(p.indicators)) for p in department.projects) or 1
        if rows and rows + size > CHUNK_ROWS:
            yield start, index
            start, rows = index, 0
        rows += size
    if start < len(departments):
        yield start, len(departments)


def _validate_chunk(departments: list[Department], configs: list[Config]) -> list[Finding]:
    rules = [r for r in CATALOGUE if any(c.enabled(r.code) for c in configs)]
    batches = []
    frame_rules = [r for r in rules if r.frame == "indicators"]
    if frame_rules:
        frame = build_frame(departments, configs)
        batches.append((frame, frame_rules, _failures(frame, frame_rules)))
    repair_rules = [r for r in rules if r.frame == "normalizations"]
    if repair_rules and any(d.normalizations for d in departments):
        repairs = build_normalizations(departments)
        batches.append((repairs, repair_rules, _failures(repairs, repair_rules)))
    note_rules = [r for r in rules if r.frame == "notes"]
    if note_rules and any(d.notes or any(p.notes for p in d.projects) for d in departments):
        notes = build_notes(departments)
        batches.append((notes, note_rules, _failures(notes, note_rules)))
    template_rules = [r for r in rules if r.frame == "template_notes"]
    if template_rules and any(p.template_notes for d in departments for p in d.projects):
        templates = build_notes(departments, "template_notes")
        batches.append((templates, template_rules, _failures(templates, template_rules)))
    return _findings(batches, configs)


def department_config(department: Department, base: Config) -> Config:
    """The base configuration with the department's 部门信息 settings laid over it."""
    if not department.settings:
        return base
    config = base.merged_with(department.settings, source=department.source)
    try:
        config.policy_by_kind()
    except InputError as exc:
        raise InputError(exc.message, file=department.source, sheet=DEPARTMENT_SHEET) from None
    return config


def _failures(cols: Columns, rules: list[Rule]) -> dict[str, np.ndarray]:
    """The failing row positions per rule code, from one lazy pandera validation."""
    import pandas as pd

    pa = load_pandera()
    frame = cols.frame((CHECKED_COLUMN,))  # the checks read the other columns themselves
    checks = [pa.Check(_bound(rule, cols), name=rule.code, ignore_na=False) for rule in rules]
    schema = pa.DataFrameSchema(
        {CHECKED_COLUMN: pa.Column(checks=checks, nullable=True)}, name="绩效目标表")
    try:
        schema.validate(frame, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return {}
    broken = cases[cases["index"].isna()]
    if len(broken):  # a check raised instead of answering: a bug, never a finding
        raise RuntimeError(f"rule check failed to run: {broken.iloc[0].to_dict()}")
    positions = pd.to_numeric(cases["index"]).to_numpy(dtype=np.int64)
    codes = cases["check"].to_numpy()
    return {code: np.sort(positions[codes == code]) for code in np.unique(codes)}


def load_pandera() -> Any:
    """``pandera.pandas`` with its pandas backends loaded, imported without hypothesis.

    pandera imports hypothesis (~0.15 s, a third of its import) only to offer data
    synthesis, which the engine never uses, and treats it as optional. When nothing in the
    process has imported hypothesis yet, it is hidden while pandera loads (a ``None`` entry
    in ``sys.modules`` makes its import fail), then unhidden, so later imports work.
    """
    first = "pandera.pandas" not in sys.modules
    hide = "hypothesis" not in sys.modules
    if hide:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]
    try:
        import pandera.pandas as pa
        from pandera.backends.pandas import builtin_checks  # noqa: F401  (loads strategies)
    finally:
        if hide and "hypothesis" in sys.modules and sys.modules["hypothesis"] is None:
            del sys.modules["hypothesis"]
    if first:  # its modules are garbage-free: later collections need not walk them
        gc.freeze()  # (once: a long-lived process, the Excel add-in's, must not pile up)
    return pa


def _bound(rule: Rule, cols: Columns):
    """The rule's check as pandera calls it: with the column, answering for every row
    (the check reads the frame's arrays, the same values pandera sees, row for row).

    The columns are held weakly: pandera keeps the last schema of a validated object
    in a registry, and a strong reference from there would keep them alive.
    """
    import pandas as pd

    cols_ref = weakref.ref(cols)

    def check(column: Any) -> Any:
        return pd.Series(np.asarray(rule.check(cols_ref()), dtype=bool), index=column.index)

    check.__name__ = rule.code
    return check


def _findings(batches: list, configs: list[Config]) -> list[Finding]:
    keys: list[np.ndarray] = []
    parts: list[tuple[Rule, np.ndarray, list[str], np.ndarray, Any]] = []
    for cols, rules, failures in batches:
        dept = cols["dept"]
        for rule in rules:
            rows = failures.get(rule.code)
            if rows is None or not len(rows):
                continue
            enabled = np.asarray([c.enabled(rule.code) for c in configs], dtype=bool)
            rows = rows[enabled[dept[rows]] & _fits_form(rule, cols, rows)]
            if not len(rows):
                continue
            severity = np.asarray([c.severity_of(rule.code, rule.severity) for c in configs],
                                  dtype=object)[dept[rows]]
            parts.append((rule, rows, _messages(rule, cols, rows), severity, cols))
            keys.append(_order(rule, cols, rows))
    if not parts:
        return []
    key = np.concatenate(keys)
    order = np.lexsort((key[:, 3], key[:, 2], key[:, 1], key[:, 0]))
    findings = [finding for rule, rows, messages, severity, cols in parts
                for finding in _make(rule, rows, messages, severity, cols)]
    return [findings[i] for i in order]


def _fits_form(rule: Rule, cols: Columns, rows: np.ndarray) -> np.ndarray:
    """Which failing rows the rule judges: goal tables only, and for the W rules only forms
    with a weight column (validation/forms.py)."""
    fits = np.ones(len(rows), dtype=bool)
    if rule.forms != "all" and "goal_table" in cols:
        fits &= cols["goal_table"][rows]
    if rule.forms == "weighted" and "has_weights" in cols:
        fits &= cols["has_weights"][rows]
    return fits


def _order(rule: Rule, cols: Columns, rows: np.ndarray) -> np.ndarray:
    """(department, project, row, rule) per finding, for sorting."""
    dept = cols["dept"][rows].astype(np.float64)
    proj = cols["proj"][rows].astype(np.float64)
    if rule.level == "department":
        proj = np.full(len(rows), -1.0)
    if rule.at_row:
        line = cols["row"][rows]
        line = np.where(np.isnan(line), rows.astype(np.float64), line)
    else:  # header and department findings: the row of their cell, before the table
        line = np.asarray([_cell_row(cell) for cell in cols[rule.cell][rows]],
                          dtype=np.float64)
        if rule.line in cols:  # a text's header findings: their lines
            lines = cols[rule.line][rows]
            line = np.where((line < 0) & ~np.isnan(lines), lines, line)
    code = np.full(len(rows), float(ORDER[rule.code]))
    return np.column_stack((dept, proj, line, code))


_CELL_ROW = re.compile(r"(\d+)$")


def _cell_row(cell: Any) -> float:
    match = _CELL_ROW.search(cell) if isinstance(cell, str) else None
    return float(match.group(1)) if match else -1.0


def _make(rule: Rule, rows: np.ndarray, messages: list[str], severity: np.ndarray,
          cols: Columns) -> Iterator[Finding]:
    project = (cols["project"][rows] if rule.level != "department"
               else [None] * len(rows))
    sheet = cols[rule.sheet][rows]
    cell = cols[rule.cell][rows]
    file = cols["file"][rows]
    line = (cols[rule.line][rows] if rule.line in cols
            else np.full(len(rows), np.nan))
    for values in zip(severity, messages, project, sheet, cell, file, line, strict=True):
        yield Finding(rule.code, values[0], values[1], _text_or_none(values[2]),
                      _text_or_none(values[3]), _text_or_none(values[4]),
                      _text_or_none(values[5]), _line_or_none(values[6]), rule.fix or None)


def _line_or_none(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return int(value)


def _text_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value)


def _messages(rule: Rule, cols: Columns, rows: np.ndarray) -> list[str]:
    """The rule's message filled from each failing row (and its extra fields)."""
    names = set(_template_fields(rule.message)) | set(rule.uses)
    needed = sorted(names & set(cols))
    columns = {name: cols[name][rows] for name in needed}
    texts = {name for name, values in columns.items() if values.dtype == object}
    messages = []
    for i in range(len(rows)):
        raw = {name: _plain(values[i]) for name, values in columns.items()}
        shown = {name: (_display(value) if name in texts else value)
                 for name, value in raw.items()}
        if rule.fields is not None:
            shown.update(rule.fields(raw))
        messages.append(rule.message.format(**shown))
    return messages


_FORMATTER = string.Formatter()


def _template_fields(template: str) -> list[str]:
    return [name for _, name, _, _ in _FORMATTER.parse(template) if name]


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


MESSAGE_TEXT_LIMIT = 40  # longer cell texts are shortened in messages ("…")


def _display(value: Any) -> str:
    """A cell's value as a finance officer reads it: 10.0 → 10, blank → （空）, long → …"""
    if value is None or value == "" or (isinstance(value, float) and np.isnan(value)):
        return "（空）"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(float(value))
    text = str(value)
    return text if len(text) <= MESSAGE_TEXT_LIMIT else text[:MESSAGE_TEXT_LIMIT] + "…"
