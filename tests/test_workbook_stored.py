"""calamine reads the worksheets xlperf already inflated (``stored.for_calamine``).

The copy must read exactly as the file does — every value, merged range and
error — and anything unusual in a package must reach calamine untouched.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hostile_corpus import wb_clean

from xlperf.sources.workbook import reader
from xlperf.sources.workbook.checks import check_workbook_file
from xlperf.sources.workbook.stored import for_calamine
from xlperf.writers.workbook.regenerate import sample_department
from xlperf.writers.workbook.writer import write_department


def calamine_cells(content: bytes) -> list[tuple[str, list[list], list]]:
    """Every sheet as calamine reads it: name, values, merged ranges."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    with book:
        sheets = [book.get_sheet_by_name(meta.name) for meta in book.sheets_metadata]
        return [(sheet.name, sheet.to_python(skip_empty_area=False),
                 list(sheet.merged_cell_ranges or [])) for sheet in sheets]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stored") / "样例.xlsx"
    write_department(sample_department(), path)
    return path


def test_calamine_reads_the_copy_exactly_as_the_file(sample: Path) -> None:
    package = check_workbook_file(sample)
    copy = for_calamine(package)
    assert copy != package.content
    assert calamine_cells(copy) == calamine_cells(package.content)


def test_the_copy_stores_the_worksheets_inflated_and_keeps_the_rest(sample: Path) -> None:
    package = check_workbook_file(sample)
    with zipfile.ZipFile(io.BytesIO(for_calamine(package))) as copy:
        assert copy.testzip() is None  # every member's CRC-32 holds
        methods = {item.filename: item.compress_type for item in copy.infolist()}
        assert list(methods) == list(package.members)
        for name in package.sheets.values():
            assert methods[name] == zipfile.ZIP_STORED
            assert copy.read(name) == package.read(name)
        assert methods["xl/styles.xml"] == package.members["xl/styles.xml"].compress_type


def rewritten(source: Path, target: Path, comment: bytes = b"", twice: str = "") -> Path:
    """``source`` written anew with an archive comment, or one member written twice."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for item in package.infolist():
            out.writestr(item, package.read(item))
            if item.filename == twice:
                out.writestr(item, package.read(item))
        out.comment = comment
    return target


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("unusual", [{"comment": b"note"}, {"twice": "xl/worksheets/sheet3.xml"}])
def test_an_unusual_package_reaches_calamine_untouched(sample: Path, tmp_path: Path,
                                                       unusual: dict) -> None:
    path = rewritten(sample, tmp_path / "unusual.xlsx", **unusual)
    package = check_workbook_file(path)
    assert for_calamine(package) is package.content


def damaged(source: Path, target: Path, how: str) -> Path:
    """``source`` with one project sheet's CRC-32 wrong in the directory (``crc``) or its
    compressed bytes cut short in the middle (``deflate``)."""
    name = b"xl/worksheets/sheet3.xml"
    content = bytearray(source.read_bytes())
    entry = content.rindex(name) - 46  # the name's last mention: its directory entry
    assert content[entry:entry + 4] == b"PK\x01\x02"
    if how == "crc":
        crc = int.from_bytes(content[entry + 16:entry + 20], "little")
        content[entry + 16:entry + 20] = (crc ^ 1).to_bytes(4, "little")
    else:
        local = int.from_bytes(content[entry + 42:entry + 46], "little")
        size = int.from_bytes(content[local + 18:local + 22], "little")
        begin = local + 30 + len(name)
        content[begin + size // 2:begin + size] = bytes(size - size // 2)
    target.write_bytes(bytes(content))
    return target


def report(path: Path) -> str:
    try:
        reader.read_workbook(path)
    except Exception as error:  # whatever it is, it must stay the same
        return f"{type(error).__name__}: {error}"
    return "read"


@pytest.mark.parametrize("how", ["crc", "deflate"])
def test_a_damaged_sheet_is_reported_as_it_was_without_the_copy(tmp_path: Path, monkeypatch,
                                                                how: str) -> None:
    path = damaged(wb_clean(tmp_path), tmp_path / "damaged.xlsx", how)
    with_copy = report(path)
    monkeypatch.setattr(reader, "for_calamine", lambda package: package.content)
    assert with_copy == report(path)
