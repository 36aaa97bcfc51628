"""``xlperf validate --format json``: the report exactly as ``cli.md`` shows it.

Other programs read this, so its shape is a contract, described by
``report.schema.json`` next to this module. Unreadable files are listed as
file entries with an ``error`` reason (see docs/validation-reports.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from xlperf.reports.results import FileResult, summarize
from xlperf.safe_text import path_text

REPORT_VERSION = 1


def file_entry(result: FileResult) -> dict[str, Any]:
    """One file's entry. A file name with bytes that are not UTF-8 (a folder copied from an
    old GBK system) has them as ``\\xff`` text, so the report is always valid UTF-8."""
    entry: dict[str, Any] = {
        "file": path_text(result.file),
        "department": result.department,
        "projects": result.projects,
        "findings": [finding.to_json() for finding in result.findings],
    }
    if result.unreadable:
        entry["error"] = path_text(result.error or "")
    else:  # added after cli.md's keys (docs/validation-reports.md)
        entry["layouts"] = result.layouts
        entry["frameworks"] = result.frameworks
        if result.acceptance_notes:
            entry["acceptance_notes"] = result.acceptance_notes
    return entry


def build_report(results: Iterable[FileResult]) -> dict[str, Any]:
    """The JSON report as a dict: ``version``, ``files`` in the order checked, ``summary``.

    ``summary.unreadable`` appears only when some file could not be read, so
    a clean run's report is exactly the shape cli.md documents.
    """
    results = list(results)
    summary = summarize(results)
    summary_dict: dict[str, int] = {
        "files": summary.files,
        "projects": summary.projects,
        "error": summary.error,
        "warning": summary.warning,
        "info": summary.info,
    }
    if summary.unreadable:
        summary_dict["unreadable"] = summary.unreadable
    if summary.accepted:
        summary_dict["accepted"] = summary.accepted
    return {
        "version": REPORT_VERSION,
        "files": [file_entry(result) for result in results],
        "summary": summary_dict,
    }


def dumps(report: dict[str, Any]) -> str:
    """Readable UTF-8 JSON: Chinese stays Chinese, not ``\\u`` escapes."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


PIECE_CHARS = 1 << 20  # about how much text ``pieces`` hands out at a time


def pieces(report: dict[str, Any]) -> Iterator[str]:
    """``dumps(report)`` in pieces of about ``PIECE_CHARS`` characters, the same text.

    A city's report is hundreds of MB as one string (250 MB at the peak for 1 000
    workbooks); written piece by piece it never exists whole.
    """
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    buffered: list[str] = []
    size = 0
    for chunk in encoder.iterencode(report):
        buffered.append(chunk)
        size += len(chunk)
        if size >= PIECE_CHARS:
            yield "".join(buffered)
            buffered, size = [], 0
    buffered.append("\n")
    yield "".join(buffered)


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report, shipped with the package."""
    text = resources.files("xlperf.reports").joinpath("report.schema.json").read_text("utf-8")
    return json.loads(text)
