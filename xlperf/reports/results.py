"""What a validation run found, per file — the one input of every report.

The terminal report, the JSON report and the exit code all read these, so
they always agree on the counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from xlperf.validation.findings import Finding


@dataclass
class FileResult:
    """One checked file: its department and findings, or why it could not be read."""

    file: str  # the path as the user gave it (or as found under a folder they gave)
    department: str | None = None
    projects: int = 0
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # Chinese reason when the file could not be read
    # The families its tables were read as and the frameworks they were checked against.
    layouts: list[str] = field(default_factory=list)
    frameworks: list[str] = field(default_factory=list)
    # Findings ``--severity`` left out of the report, by severity (reports/summary.py).
    hidden: dict[str, int] = field(default_factory=dict)
    # Why an acceptance (校验说明, [[accept]]) was not used, one Chinese line each.
    acceptance_notes: list[str] = field(default_factory=list)

    @property
    def unreadable(self) -> bool:
        return self.error is not None


@dataclass(frozen=True)
class Summary:
    files: int
    projects: int
    error: int
    warning: int
    info: int
    unreadable: int
    accepted: int = 0  # accepted findings, counted here instead of under their severity


def summarize(results: Iterable[FileResult]) -> Summary:
    results = list(results)
    counts = {"error": 0, "warning": 0, "info": 0, "accepted": 0}
    for result in results:
        for finding in result.findings:
            counts[finding.status] = counts.get(finding.status, 0) + 1
    return Summary(
        files=len(results),
        projects=sum(r.projects for r in results),
        error=counts["error"],
        warning=counts["warning"],
        info=counts["info"],
        unreadable=sum(1 for r in results if r.unreadable),
        accepted=counts["accepted"],
    )


def exit_code(results: Iterable[FileResult]) -> int:
    """cli.md: 2 when a file was unreadable, else 1 when any error finding, else 0."""
    summary = summarize(results)
    if summary.unreadable:
        return 2
    return 1 if summary.error else 0
