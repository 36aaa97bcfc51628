"""Accepting a finding with a reason: the reviewer's 校验说明 rows and xlperf.toml's [[accept]].

A warning (or a note) that a reviewer has looked at and accepted — a 满意度
indicator the province sets without a number, a cost line the budget law
words that way — should stop showing as a warning, and the reason should
show instead. ``accept`` matches each acceptance to the findings of one
workbook by rule code and place and marks them ``accepted``.

Decision: errors are never accepted. An error is what holds a notice back
from publication (``xlperf notice``): a table whose weights do not add up or
that lacks 产出/效益 indicators would be published wrong. A finance office
that judges a rule wrong for its tables changes it for everyone, visibly:
``[severity]`` or ``ignore`` in xlperf.toml. An acceptance that names an
error, names nothing found, or lacks a reason is reported as not used, with
why, and changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import PurePath

from xlperf.model import Acceptance
from xlperf.validation.findings import Finding


def accept(findings: list[Finding], acceptances: Iterable[Acceptance],
           file: str | None = None) -> tuple[list[Finding], list[str]]:
    """``findings`` with the accepted ones marked, and a Chinese note per acceptance not used.

    ``file`` is the workbook's path: an acceptance naming another file (xlperf.toml's
    ``file``) is skipped silently, it is for another workbook of the folder.
    """
    from xlperf.validation.rules import CODES

    findings = list(findings)
    by_rule: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        by_rule.setdefault(finding.rule, []).append(index)
    notes = []
    for acceptance in acceptances:
        if acceptance.file and not _names_file(acceptance.file, file):
            continue
        problem = _incomplete(acceptance, CODES)
        if problem:
            notes.append(f"{acceptance.where}：{problem}，未采用")
            continue
        matched = [i for i in by_rule.get(acceptance.code, ()) if matches(acceptance, findings[i])]
        errors = [i for i in matched if findings[i].severity == "error"]
        for index in matched:
            if findings[index].severity != "error":
                findings[index] = dataclasses.replace(findings[index], accepted=acceptance.reason)
        if errors:
            notes.append(f"{acceptance.where}：{_target(acceptance)} 是“错误”，错误不能接受，"
                         "须改正后才能公开（确属本地不适用的规则，请在 xlperf.toml 中调整）")
        elif not matched:
            notes.append(f"{acceptance.where}：{_target(acceptance)} 没有对应的问题"
                         "（可能已改正，或行已移动），未采用")
    return findings, notes


def matches(acceptance: Acceptance, finding: Finding) -> bool:
    """Same rule, and the same cell (``项目03!C15`` or sheet + cell) or project."""
    if finding.rule != acceptance.code:
        return False
    sheet, cell = _place(acceptance)
    if sheet and finding.sheet != sheet:
        return False
    found = finding.cell or ""
    if cell and cell not in (_cell(found), _cell(found.split(":")[0])):  # a range: its first cell
        return False
    return not (acceptance.project and finding.project != acceptance.project)


def _place(acceptance: Acceptance) -> tuple[str | None, str | None]:
    """The sheet and cell an acceptance names; ``项目03!C15`` in the cell column works too."""
    sheet, cell = acceptance.sheet, acceptance.cell
    if cell and "!" in cell:
        named, cell = cell.rsplit("!", 1)
        sheet = sheet or named.strip().strip("'")
    return sheet, _cell(cell) if cell else None


def _cell(ref: str) -> str:
    return ref.replace("$", "").strip().upper()


def _incomplete(acceptance: Acceptance, codes: tuple[str, ...]) -> str | None:
    if not acceptance.code:
        return "没有填写规则代码"
    if acceptance.code not in codes:
        return f"“{acceptance.code}”不是规则代码（如 Q001）"
    if not acceptance.reason:
        return "没有填写理由"
    if not acceptance.cell and not acceptance.project:
        return "没有填写单元格（或项目）"
    if _place(acceptance)[0] is None and not acceptance.project:
        return "没有填写工作表（或写成“项目03!C15”）"
    return None


def _target(acceptance: Acceptance) -> str:
    sheet, cell = _place(acceptance)
    where = f"{sheet}!{cell}" if sheet and cell else (cell or acceptance.project or "")
    return f"{acceptance.code} {where}".strip()


def _names_file(pattern: str, file: str | None) -> bool:
    if file is None:
        return False
    name = PurePath(file).name
    return name == pattern or fnmatch(name, pattern) or PurePath(file).as_posix().endswith(
        "/" + pattern.lstrip("./"))
