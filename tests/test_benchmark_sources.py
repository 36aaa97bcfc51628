"""benchmarks/sources.py still writes its five containers on a machine without the GB/T fonts.

The benchmark makes its web page, Word file and PDF with ``xlperf notice``.
Since the notice refuses a PDF without the GB/T 9704 fonts (issue 12), the
benchmark died before measuring anything on every machine without them (CI,
this VM): it must ask for the stand-in fonts, as the round-trip tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from family_writers import libreoffice

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")
def test_the_sources_benchmark_writes_every_container(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    sys.modules.pop("sources", None)
    import sources

    from xlperf.sources import read_department

    files = sources.write_files(tmp_path)

    assert sorted(files) == ["docx", "html", "pdf", "txt", "xlsx"]
    assert len(read_department(files["pdf"]).projects) == 30
