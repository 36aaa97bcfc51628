"""Findings are data: every report (terminal, JSON, annotated workbook, Excel) reads these.

Shaped after frictionless' typed errors and cli.md's JSON report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


# Slots: a city's batch holds hundreds of thousands of findings in the main process (on the
# benchmark 100 a workbook, 300 000 for 3 000 workbooks); without a __dict__ each is ~3× smaller.
@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # Chinese, names the numbers involved
    project: str | None = None  # 项目名称 exactly as in the model; None for department level
    sheet: str | None = None
    cell: str | None = None
    file: str | None = None
    row: int | None = None  # the 1-based row (sheet) or line (text) it points at
    fix: str | None = None  # what the user should do: the rule's ``fix`` (Chinese)
    accepted: str | None = None  # the reviewer's reason, when the finding was accepted

    @property
    def status(self) -> str:
        """The severity, or ``accepted`` for a finding a reviewer accepted with a reason."""
        return "accepted" if self.accepted else self.severity

    def to_json(self) -> dict[str, object]:
        """The finding as cli.md's JSON report writes it (without ``file``); ``row``,
        ``fix`` (when the rule says how to fix it) and ``accepted`` (the reason, when a
        reviewer accepted it) are added after cli.md's keys (docs/validation-reports.md)."""
        entry = {k: getattr(self, k) for k in ("rule", "severity", "project", "sheet", "cell",
                                               "message", "row")}
        if self.fix:
            entry["fix"] = self.fix
        if self.accepted:
            entry["accepted"] = self.accepted
        return entry
