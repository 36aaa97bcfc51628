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

import json
import os
import shutil
import signal
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlperf.cli import cli

REPO = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")
SCRIPT = Path(__file__).parent / "data" / "lo_list_basic.py"


def libreoffice_missing() -> str | None:
    if not shutil.which("soffice"):
        return "soffice (LibreOffice) is not installed"
    if not SYSTEM_PYTHON.exists():
        return "/usr/bin/python3 is missing"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        return "python3-uno is not installed for /usr/bin/python3"
    return None


pytestmark = pytest.mark.skipif(libreoffice_missing() is not None,
                                reason=libreoffice_missing() or "")


def list_basic_libraries(document: Path, profile: Path) -> dict[str, dict[str, str]]:
    """Start a private headless LibreOffice, list the document's Basic modules, stop it."""
    pipe = f"xlperf_{uuid.uuid4().hex}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        result = subprocess.run([str(SYSTEM_PYTHON), str(SCRIPT), pipe, str(document)],
                                capture_output=True, text=True, timeout=180,
                                env={k: v for k, v in os.environ.items()
                                     if not k.startswith("PYTHON")})
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, signal.SIGKILL)  # the group this test started
            office.wait()


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
