"""LibreOffice, an independent implementation of MS-OVBA, reads the VBA project xlperf writes.

LibreOffice does not open an .xlam, but it imports the VBA of an .xlsm into a
Basic library; the ``--macro-workbook`` template carries the same
``vbaProject.bin`` as the add-in. Its import (VBA support on, the default):

- the library is named after the VBA project (``VBAProject``);
- each module's ``Attribute`` lines are dropped, line ends become LF, and the
  text starts with ``Rem Attribute VBA_ModuleType=VBAModule`` (``VBADocumentModule``
  for ThisWorkbook and the sheets) and ``Option VBASupport 1``;
- every source line, including the empty one after the last CRLF, ends in LF.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from office import in_libreoffice, libreoffice_missing

from xlperf.cli import cli

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).parent / "data" / "lo_list_basic.py"
RUN_SCRIPT = Path(__file__).parent / "data" / "lo_run_basic.py"
RIBBON = REPO / "xlperf" / "excel" / "vba" / "XlperfRibbon.bas"


pytestmark = pytest.mark.skipif(libreoffice_missing() is not None,
                                reason=libreoffice_missing() or "")


def list_basic_libraries(document: Path, profile: Path) -> dict[str, dict[str, str]]:
    """The document's Basic libraries as LibreOffice imported them: {library: {module: text}}."""
    return in_libreoffice(SCRIPT, profile, str(document))


def libreoffice_text(bas: str, kind: str) -> str:
    """What LibreOffice's VBA import makes of a module (see the module docstring)."""
    lines = [line for line in bas.split("\n") if not line.startswith("Attribute ")]
    return f"Rem Attribute VBA_ModuleType={kind}\nOption VBASupport 1\n" + "\n".join(lines) + "\n"


def installed_xlwings_module() -> str:
    """xlwings' custom add-in module as the installed wheel ships it, project name xlperf."""
    import importlib.util

    folder = Path(importlib.util.find_spec("xlwings").origin).parent
    text = (folder / "xlwings_custom_addin.bas").read_bytes().decode("ascii")
    return text.replace('PROJECT_NAME As String = "myaddin"', 'PROJECT_NAME As String = "xlperf"')


def test_libreoffice_reads_the_same_modules_and_sources(tmp_path: Path) -> None:
    workbook = tmp_path / "部门.xlsm"
    result = CliRunner().invoke(cli, ["new", str(workbook), "--macro-workbook",
                                      "--department", "测试局"])
    assert result.exit_code == 0, result.output
    libraries = list_basic_libraries(workbook, tmp_path / "profile")

    modules = libraries["VBAProject"]
    expected = {}
    for path in sorted((REPO / "xlperf" / "excel" / "vba").glob("*.bas")):
        text = path.read_text(encoding="utf-8")
        expected[text.split('"')[1]] = text  # Attribute VB_Name = "Name"
    expected["xlwings"] = installed_xlwings_module().replace("\r\n", "\n")
    for name, text in expected.items():
        assert modules[name] == libreoffice_text(text, "VBAModule"), name
    sheets = len(openpyxl.load_workbook(workbook).worksheets)
    documents = set(modules) - set(expected)
    assert "ThisWorkbook" in documents and len(documents) == 1 + sheets
    for name in documents:
        assert modules[name] == libreoffice_text("", "VBADocumentModule")
    # ASCII only: the Chinese text reaches LibreOffice as code units for ChrW.
    assert modules["XlperfRibbon"].isascii()
    assert 'Zh("8BF7 5148 6253 5F00' in modules["XlperfRibbon"]  # 请先打开…


def test_libreoffice_basic_builds_the_chinese_messages_from_their_code_units(
    tmp_path: Path
) -> None:
    # The ribbon module's Zh helper, verbatim, run by LibreOffice's VBA-compatible Basic on
    # every Zh("…") call of the module; each must give the text its code units spell.
    source = RIBBON.read_text(encoding="ascii")
    start = source.index("Private Function Zh(")
    helper = source[start:source.index("End Function", start) + len("End Function")]
    calls = re.findall(r'Zh\("[0-9A-F ]+"\)', source)
    probe = ["Option VBASupport 1", "Option Explicit", "", "Function Probe() As String"]
    probe += [f'    Probe = Probe & {call} & "|"' for call in calls]
    probe += ["End Function", "", helper.replace("Private Function", "Function"), ""]
    module = tmp_path / "probe.bas"
    module.write_text("\n".join(probe), encoding="ascii")
    texts = in_libreoffice(RUN_SCRIPT, tmp_path / "profile", str(module), "Probe").split("|")
    expected = ["".join(chr(int(unit, 16)) for unit in call[4:-2].split(" ")) for call in calls]
    assert texts[:-1] == expected
    assert "请先打开要处理的绩效目标工作簿。" in texts
