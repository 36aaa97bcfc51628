"""Regenerate the committed workbooks in ``workbook/`` (``make workbooks``).

``模板.xlsx`` is the blank template ``xlperf new`` writes; the sample is the
bundled published notice (the seed department) as a department workbook.
Both are written with one fixed timestamp, so the same code gives the same
bytes and a test can check the committed files are current.

Usage: python -m xlperf.writers.workbook.regenerate [OUTPUT_DIR]   (default: workbook)
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from xlperf.model import Department

TIMESTAMP = datetime(2024, 2, 5, tzinfo=UTC)  # the seed notice's date
TEMPLATE_NAME = "模板.xlsx"
SAMPLE_PREFIX = "样例-"


def sample_department() -> Department:
    """The bundled published notice read into the model."""
    from xlperf.sources.text.reader import read_text

    with resources.as_file(resources.files("xlperf.data") / "sample_notice.txt") as path:
        department = read_text(path)
    department.source = "xlperf/data/sample_notice.txt"
    return department


def sample_name(department: Department) -> str:
    return f"{SAMPLE_PREFIX}{department.name}.xlsx"


def regenerate(folder: str | Path) -> list[Path]:
    """Write the template and the sample workbook into ``folder``; return their paths."""
    from xlperf.writers.workbook.writer import write_department, write_template

    folder = Path(folder)
    template = folder / TEMPLATE_NAME
    write_template(template, timestamp=TIMESTAMP)
    department = sample_department()
    sample = folder / sample_name(department)
    write_department(department, sample, timestamp=TIMESTAMP)
    return [template, sample]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    for path in regenerate(args[0] if args else "workbook"):
        print(f"已生成 {path}")


if __name__ == "__main__":
    main()
