"""What a batch comes to, per unit and per rule: the facts behind every batch report.

A reviewer checking a folder of submissions wants, per file, how many errors
and warnings it has and whether it passes, then how many units pass and fail
and which rules were broken how often. The terminal's closing lines, the
summary workbook (``--summary``) and the 审核意见 documents all read these,
so they always agree.

A unit *passes* when its file could be read and no finding of severity
``error`` remains: errors are what block publication (``xlperf notice``
refuses a department with any), warnings and hints do not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from xlperf.reports.marks import SEVERITY_WORDS
from xlperf.reports.results import FileResult, Summary
from xlperf.validation.findings import SEVERITIES, Finding

PASSED = "通过"
FAILED = "不通过"
UNREADABLE = "无法读取"
NO_DEPARTMENT = "（未填部门名称）"
UNKNOWN_UNIT = "（文件无法读取）"
# --severity: the lowest severity still reported.
SEVERITY_CHOICES: tuple[str, ...] = SEVERITIES
# What a finding counts as: its severity, or ``accepted`` when a reviewer accepted it with a
# reason (it then counts apart, never as a warning). Errors cannot be accepted.
STATUSES: tuple[str, ...] = (*SEVERITIES, "accepted")


def status_of(finding: Finding) -> str:
    return getattr(finding, "status", finding.severity)


def passes(result: FileResult) -> bool:
    """Readable and without an error finding: nothing blocks publication."""
    return not result.unreadable and not any(f.severity == "error" for f in result.findings)


def status(result: FileResult) -> str:
    """通过 / 不通过 / 无法读取 (an unreadable file does not pass either)."""
    if result.unreadable:
        return UNREADABLE
    return PASSED if passes(result) else FAILED


def unit_name(result: FileResult) -> str:
    """The department as its 部门信息 names it; what is known when it does not."""
    if result.department:
        return result.department
    return UNKNOWN_UNIT if result.unreadable else NO_DEPARTMENT


def counts(result: FileResult) -> dict[str, int]:
    """Findings by status (severity, or accepted), including those ``--severity`` left out
    of the report."""
    found = Counter(status_of(f) for f in result.findings)
    found.update(result.hidden)
    return {status: found.get(status, 0) for status in STATUSES}


def counts_text(result: FileResult) -> str:
    """``错误 2 个、警告 9 个`` (hints and accepted ones only when there are some)."""
    numbers = counts(result)
    parts = [f"{SEVERITY_WORDS.get(s, s)} {numbers[s]} 个" for s in STATUSES
             if s in ("error", "warning") or numbers[s]]
    return "、".join(parts)


def fix_text(finding: Finding) -> str:
    """What to change: the finding's own fix text if it has one, else its rule's."""
    own = getattr(finding, "fix", None)
    if own:
        return own
    from xlperf.validation.rules import BY_CODE

    rule = BY_CODE.get(finding.rule)
    return rule.fix if rule is not None else ""


def advice(finding: Finding) -> str:
    """The 修改建议 column: what to change — or, for an accepted finding, why it stays."""
    reason = getattr(finding, "accepted", None)
    return f"接受理由：{reason}" if reason else fix_text(finding)


def rule_title(code: str) -> str:
    from xlperf.validation.rules import BY_CODE

    rule = BY_CODE.get(code)
    return rule.title if rule is not None else ""


@dataclass(frozen=True)
class RuleCount:
    """One rule's share of a batch: how many findings, in how many units."""

    code: str
    severity: str
    title: str
    findings: int
    units: int


def rule_counts(results: Iterable[FileResult]) -> list[RuleCount]:
    """Every rule that was broken, most severe first, then by code."""
    findings: Counter[tuple[str, str]] = Counter()
    units: Counter[tuple[str, str]] = Counter()
    for result in results:
        keys = [(status_of(f), f.rule) for f in result.findings]
        findings.update(keys)
        units.update(set(keys))
    order = {status: index for index, status in enumerate(STATUSES)}
    ranked = sorted(findings, key=lambda key: (order.get(key[0], len(order)), key[1]))
    return [RuleCount(code, severity, rule_title(code), findings[(severity, code)],
                      units[(severity, code)]) for severity, code in ranked]


@dataclass(frozen=True)
class Tally:
    """How many units pass and fail (unreadable ones fail, and are counted apart too)."""

    units: int
    passed: int
    failed: int
    unreadable: int


def tally(results: Iterable[FileResult]) -> Tally:
    results = list(results)
    passed = sum(1 for r in results if passes(r))
    unreadable = sum(1 for r in results if r.unreadable)
    return Tally(len(results), passed, len(results) - passed, unreadable)


def tally_text(numbers: Tally) -> str:
    """``单位：通过 1 个，不通过 2 个（其中无法读取 1 个）``."""
    text = f"单位：{PASSED} {numbers.passed} 个，{FAILED} {numbers.failed} 个"
    if numbers.unreadable:
        text += f"（其中{UNREADABLE} {numbers.unreadable} 个）"
    return text


def keep_severity(results: Iterable[FileResult], lowest: str) -> None:
    """``--severity``: drop findings below ``lowest`` from each result, counting them in
    ``result.hidden`` so the reports can say how many were left out."""
    if lowest not in SEVERITIES:
        raise ValueError(lowest)
    kept = set(SEVERITIES[:SEVERITIES.index(lowest) + 1])
    for result in results:
        dropped = Counter(status_of(f) for f in result.findings if f.severity not in kept)
        if dropped:
            result.findings = [f for f in result.findings if f.severity in kept]
            for severity, number in dropped.items():
                result.hidden[severity] = result.hidden.get(severity, 0) + number


def shown_severities(lowest: str) -> tuple[str, ...]:
    return SEVERITIES[:SEVERITIES.index(lowest) + 1]


def hidden_text(results: Iterable[FileResult], lowest: str) -> str:
    """``按 --severity error 只列出错误；未列出警告 9 个、提示 1 个`` (empty when none hidden)."""
    if lowest == SEVERITIES[-1]:
        return ""
    hidden: Counter[str] = Counter()
    for result in results:
        hidden.update(result.hidden)
    listed = "、".join(SEVERITY_WORDS[s] for s in shown_severities(lowest))
    text = f"按 --severity {lowest} 只列出{listed}"
    left = [f"{SEVERITY_WORDS.get(s, s)} {hidden[s]} 个" for s in STATUSES if hidden.get(s)]
    if left:
        text += "；未列出" + "、".join(left)
    return text


def closing_lines(results: Sequence[FileResult], lowest: str = SEVERITIES[-1]
                  ) -> list[tuple[str, str]]:
    """The batch's closing lines before the totals, as (text, style): counts per rule, how
    many units pass and fail, and what ``--severity`` left out. Only for more than one file
    (one file's head line says all of it)."""
    lines: list[tuple[str, str]] = []
    if len(results) > 1:
        per_rule = rule_counts(results)
        if per_rule:
            lines.append(("按规则统计：", "bold"))
        for entry in per_rule:
            word = SEVERITY_WORDS.get(entry.severity, entry.severity)
            lines.append((f"  {word} {entry.code} {entry.findings} 个，涉及 {entry.units} 个单位"
                          f"  {entry.title}", ""))
        numbers = tally(results)
        lines.append((tally_text(numbers), "bold red" if numbers.failed else "bold green"))
    note = hidden_text(results, lowest)
    if note:
        lines.append((note, "dim"))
    return lines


def with_hidden(summary: Summary, results: Iterable[FileResult]) -> Summary:
    """The totals with what ``--severity`` left out added back: the terminal's last line
    counts every finding, the note above it says which were not listed."""
    hidden: Counter[str] = Counter()
    for result in results:
        hidden.update(result.hidden)
    if not hidden:
        return summary
    more = {status: getattr(summary, status) + hidden[status] for status in STATUSES
            if hasattr(summary, status)}
    return replace(summary, **more)
