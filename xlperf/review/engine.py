"""Run the Y rules on two years of one department: a ``Comparison`` → ``Finding``s.

The findings are the same objects ``validate`` produces (rule, severity,
Chinese message, project, sheet, cell, file, row), pointing into THIS year's
tables, so the terminal report, the JSON report and ``--annotate`` all take
them as they are. The configuration is validate's: ``select``/``ignore``
and ``[severity]`` name Y codes like any other, ``[compare]`` sets Y002's
threshold.
"""

from __future__ import annotations

from xlperf.model import Department
from xlperf.review.pairing import Comparison, compare_departments
from xlperf.review.rules import RULES, CompareRule, Hit, Settings
from xlperf.validation.config import Config
from xlperf.validation.findings import Finding


def compare(last: Department, this: Department, config: Config | None = None
            ) -> tuple[Comparison, list[Finding]]:
    """The pairing of the two years and every Y finding on it, in THIS's workbook order."""
    config = config or Config()
    comparison = compare_departments(last, this)
    settings = Settings(copied_amount_change=config.copied_amount_change)
    findings = [_finding(rule, hit, this, config)
                for rule in RULES if config.enabled(rule.code)
                for hit in rule.find(comparison, settings)]
    return comparison, _in_order(findings, this)


def _finding(rule: CompareRule, hit: Hit, this: Department, config: Config) -> Finding:
    return Finding(
        rule=rule.code, severity=config.severity_of(rule.code, rule.severity),
        message=rule.message.format(**hit.fields),
        project=hit.project.name if hit.project is not None else None,
        sheet=hit.sheet, cell=hit.cell, file=this.source, row=hit.row,
    )


def _in_order(findings: list[Finding], this: Department) -> list[Finding]:
    """Department-level findings first, then project by project, top to bottom (as
    validate orders them); one row's findings in code order."""
    from xlperf.cli.validate_run import in_workbook_order

    return in_workbook_order(sorted(findings, key=lambda f: f.rule), this)
