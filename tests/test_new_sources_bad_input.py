"""Bad input through the paths this reader added (.xls, .xlsb, .ods; any source into import):
the same one Chinese line naming the file, exit 2, and nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.sources.workbook.checks import OLE2_SIGNATURE

DATA = Path(__file__).parent / "data"


def broken_xls(path: Path) -> Path:
    """An OLE2 header followed by nothing a spreadsheet reader can use."""
    path.write_bytes(OLE2_SIGNATURE + b"\x00" * 504 + b"not a workbook" * 40)
    return path


def word_97_document(path: Path) -> Path:
    """An old .doc (OLE2 with a WordDocument stream) sent as .xls."""
    name = "WordDocument".encode("utf-16-le")
    path.write_bytes(OLE2_SIGNATURE + b"\x00" * 504 + name + b"\x00" * 400)
    return path


def broken_ods(path: Path) -> Path:
    """An OpenDocument package whose content.xml is cut in the middle of an element."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content xmlns:office='urn:oasis:"
                                        "names:tc:opendocument:xmlns:office:1.0'><office:bo")
    path.write_bytes(buffer.getvalue())
    return path


def empty_xlsb(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.bin", b"\x00\x01garbage")
    path.write_bytes(buffer.getvalue())
    return path


CASES = {
    "broken.xls": broken_xls,
    "letter.xls": word_97_document,
    "broken.ods": broken_ods,
    "empty.xlsb": empty_xlsb,
}


@pytest.mark.parametrize("command", ["show", "validate", "export", "import"])
@pytest.mark.parametrize("name", list(CASES))
def test_one_chinese_line_exit_2_nothing_written(name: str, command: str,
                                                 tmp_path: Path) -> None:
    source = CASES[name](tmp_path / name)
    before = source.read_bytes()
    output = tmp_path / "out.xlsx"
    args = [command, str(source)] + (["-o", str(output)] if command == "import" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    # validate reports an unreadable file in its report and goes on (a batch); the others
    # stop with the reason on standard error
    said = result.stdout if command == "validate" else result.stderr
    lines = [line for line in said.strip().split("\n") if line]
    problems = [line for line in lines if name in line]
    assert problems and all("\n" not in line for line in problems)
    assert any(ord(ch) > 0x4E00 for ch in problems[0])  # Chinese
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written


def test_a_word_97_document_is_named_for_what_it_is(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", str(word_97_document(tmp_path / "a.xls"))])
    assert result.exit_code == 2 and "Word 文档" in result.stderr


def test_import_of_an_old_xls_writes_the_department(tmp_path: Path) -> None:
    target = tmp_path / "部门.xlsx"
    result = CliRunner().invoke(cli, ["import", str(DATA / "old_format.xls"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "1 个项目" in result.output and target.exists()
