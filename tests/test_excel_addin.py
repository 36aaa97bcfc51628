"""The built add-in and macro workbook, read by oletools (olevba), olefile and an XML parser."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import olefile
import pytest
from click.testing import CliRunner
from oletools.olevba import VBA_Parser, VBA_Project, decompress_stream, filter_vba

import xlperf.excel
from xlperf.cli import cli
from xlperf.excel.addin import vbaproject

REPO = Path(__file__).resolve().parents[1]
BAS_FILES = sorted((REPO / "xlperf" / "excel" / "vba").glob("*.bas"))
CUSTOM_UI = REPO / "xlperf" / "excel" / "customUI.xml"
CUI = "{http://schemas.microsoft.com/office/2006/01/customui}"
UI_REL = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
RIBBON_LABELS = {"校验", "清除标记", "新增项目", "生成公告", "帮助"}
SHIPPED_NAME = 'Public Const PROJECT_NAME As String = "myaddin"'
XLPERF_NAME = 'Public Const PROJECT_NAME As String = "xlperf"'


def repo_modules() -> dict[str, str]:
    """Module name → source as the repository holds it (LF line ends)."""
    modules = {}
    for path in BAS_FILES:
        text = path.read_text(encoding="utf-8")
        name = re.search(r'^Attribute VB_Name = "(\w+)"', text, re.MULTILINE).group(1)
        modules[name] = text
    return modules


def installed_xlwings_module() -> str:
    """xlwings' custom add-in module as the installed wheel ships it (CRLF line ends)."""
    folder = Path(importlib.util.find_spec("xlwings").origin).parent
    return (folder / "xlwings_custom_addin.bas").read_bytes().decode("ascii")


def expected_code_modules() -> dict[str, str]:
    """What every procedural module of the project must read: the repository's ribbon
    module, and the installed xlwings module with its project name set to xlperf."""
    modules = {name: text.replace("\n", "\r\n") for name, text in repo_modules().items()}
    modules["xlwings"] = installed_xlwings_module().replace(SHIPPED_NAME, XLPERF_NAME)
    return modules


@pytest.fixture(scope="module")
def addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("addin") / "xlperf.xlam"
    result = CliRunner().invoke(cli, ["excel", "build-addin", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert "已生成加载项" in result.output
    return path


@pytest.fixture(scope="module")
def macro_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("macro") / "部门.xlsm"
    result = CliRunner().invoke(
        cli, ["new", str(path), "--macro-workbook", "--department", "测试局", "--year", "2025"])
    assert result.exit_code == 0, result.output
    return path


def olevba_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def vba_project(path: Path) -> VBA_Project:
    with zipfile.ZipFile(path) as archive:
        data = archive.read("xl/vbaProject.bin")
    ole = olefile.OleFileIO(data, raise_defects=olefile.DEFECT_INCORRECT)
    # relaxed=False: olevba raises on any value the specification does not allow.
    project = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=False)
    project.parse_project_stream()
    list(project.parse_modules())
    return project


# The VBA project as olevba reads it.


@pytest.mark.parametrize("package", ["addin", "macro_workbook"])
def test_olevba_returns_every_module_exactly(package: str,
                                             request: pytest.FixtureRequest) -> None:
    modules = olevba_modules(request.getfixturevalue(package))
    expected = expected_code_modules()
    procedural = {m.name for m in vba_project(request.getfixturevalue(package)).modules
                  if m.type == 0x21}
    assert procedural == set(expected)
    for name, text in expected.items():
        # olevba returns the stored source: the Attribute line included, CRLF line ends.
        assert modules[name] == text, name
    # Its report (filter_vba) hides the leading "Attribute VB_" lines, as the VBA editor does.
    ribbon = repo_modules()["XlperfRibbon"]
    assert filter_vba(modules["XlperfRibbon"]) == "\n".join(ribbon.splitlines()[1:])


@pytest.mark.parametrize("package", ["addin", "macro_workbook"])
def test_no_module_stream_holds_a_non_ascii_byte(package: str,
                                                 request: pytest.FixtureRequest) -> None:
    project = vba_project(request.getfixturevalue(package))
    assert len(project.modules) >= 4
    for module in project.modules:
        assert module.code_raw.isascii(), module.name
    for path in BAS_FILES:
        assert path.read_bytes().isascii(), path


def zh_texts(code: str) -> list[str]:
    """The text of every Zh("XXXX XXXX") call: UTF-16 code units in hex."""
    return ["".join(chr(int(unit, 16)) for unit in codes.split(" "))
            for codes in re.findall(r'Zh\("([0-9A-F ]+)"\)', code)]


def test_chinese_messages_are_built_from_code_units(addin: Path) -> None:
    code = olevba_modules(addin)["XlperfRibbon"]
    texts = zh_texts(code)
    assert "请先打开要处理的绩效目标工作簿。" in texts
    assert "绩效目标：正在运行，请稍候……" in texts
    assert "绩效目标" in texts  # the message boxes' title
    assert {"没能启动", "找不到按钮要用的"} <= set(texts)
    for text in texts:  # every call is Chinese text, none plain ASCII hidden in hex
        assert all(ord(c) > 0x2000 for c in text), text
    # The helper turns each code unit into a character with ChrW.
    assert re.search(r'Zh = Zh & ChrW\(CLng\("&H" & code\)\)', code)


def test_the_embedded_xlwings_module_is_the_installed_version(addin: Path) -> None:
    embedded = olevba_modules(addin)["xlwings"]
    version = importlib.metadata.version("xlwings")
    assert f'Public Const XLWINGS_VERSION As String = "{version}"' in embedded
    assert f'"xlwings64-{version}.dll"' in embedded
    shipped = installed_xlwings_module().split("\r\n")
    changed = [(a, b) for a, b in zip(shipped, embedded.split("\r\n"), strict=True) if a != b]
    assert changed == [(SHIPPED_NAME, XLPERF_NAME)]  # the config file is xlperf.conf


def test_the_buttons_call_runpython_of_their_own_project(addin: Path) -> None:
    modules = olevba_modules(addin)
    ribbon, embedded = modules["XlperfRibbon"], modules["xlwings"]
    assert "xlwings.xlam" not in ribbon and "Application.Run" not in ribbon
    assert "result = xlwings.RunPython(pythonCode)" in ribbon
    # Every xlwings.X the ribbon module uses is a public procedure of the embedded module.
    for name in set(re.findall(r"\bxlwings\.(\w+)\(", ribbon)):
        assert re.search(rf"^(Public )?(Function|Sub) {name}\(", embedded, re.MULTILINE), name


def test_the_status_bar_is_cleared_when_python_did_not_run(addin: Path) -> None:
    code = olevba_modules(addin)["XlperfRibbon"]
    body = code[code.index("Private Sub RunXlperf"):code.index("End Sub", code.index(
        "Private Sub RunXlperf"))]
    lines = [line.strip() for line in body.split("\r\n")]
    call = lines.index("result = xlwings.RunPython(pythonCode)")
    # Right after the call: unchanged "running" text means Python never ran the button.
    assert lines[call + 1] == "If CStr(Application.StatusBar) <> running Then Exit Sub"
    assert lines[call + 2] == "Application.StatusBar = False"
    assert lines[call + 3:call + 8] == ["If result = -1 Then", "Say PythonFailedText()", "Else",
                                        "Say NotStartedText()", "End If"]
    failed = lines.index("Failed:")
    assert lines[failed + 1] == "Application.StatusBar = False"


def test_the_addin_holds_workbook_sheet_and_ribbon_modules(addin: Path) -> None:
    project = vba_project(addin)
    kinds = {m.name: m.type for m in project.modules}
    assert kinds == {"ThisWorkbook": 0x22, "Sheet1": 0x22, "XlperfRibbon": 0x21, "xlwings": 0x21}
    assert all(m.textoffset == 0 for m in project.modules)  # source only, no performance cache
    assert (project.lcid, project.lcidinvoke) == (0x409, 0x409)
    assert project.module_ext == {"thisworkbook": "cls", "sheet1": "cls", "xlperfribbon": "bas",
                                  "xlwings": "bas"}
    assert project.projectname == "xlperf"


def test_office_compiles_from_source(addin: Path) -> None:
    with zipfile.ZipFile(addin) as archive:
        ole = olefile.OleFileIO(archive.read("xl/vbaProject.bin"))
    # §3.1.1, the specification's example: Reserved1 0x61CC, Version 0xFFFF (no compiled
    # state to trust), Reserved2 0, Reserved3 1, no performance cache after.
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC 61 FF FF 00 01 00")
    names = b"".join(n.encode() + b"\0" + n.encode("utf-16-le") + b"\0\0"
                     for n in ("ThisWorkbook", "Sheet1", "XlperfRibbon", "xlwings"))
    assert ole.openstream("PROJECTwm").read() == names + b"\0\0"


def test_the_dir_stream_declares_a_compat_version_after_the_sys_kind(addin: Path) -> None:
    with zipfile.ZipFile(addin) as archive:
        ole = olefile.OleFileIO(archive.read("xl/vbaProject.bin"))
    records = decompress_stream(bytearray(ole.openstream("VBA/dir").read()))
    # §2.3.4.2.1: PROJECTSYSKIND (64-bit Windows), PROJECTCOMPATVERSION, then PROJECTLCID.
    assert records[:10] == bytes.fromhex("0100 04000000 03000000")
    assert records[10:20] == bytes.fromhex("4A00 04000000 04000000")
    assert records[20:22] == bytes.fromhex("0200")


def test_the_project_is_unprotected_and_visible(addin: Path) -> None:
    with zipfile.ZipFile(addin) as archive:
        ole = olefile.OleFileIO(archive.read("xl/vbaProject.bin"))
    text = ole.openstream("PROJECT").read().decode("gbk")
    fields = dict(re.findall(r'^(\w+)="?([^"\r\n]*)"?\r$', text, re.MULTILINE))
    project_key = sum(fields["ID"].encode("ascii")) & 0xFF
    assert vbaproject.decrypt(fields["CMG"]) == (project_key, b"\0\0\0\0")
    assert vbaproject.decrypt(fields["DPB"]) == (project_key, b"\0")
    assert vbaproject.decrypt(fields["GC"]) == (project_key, b"\xff")
    assert "[Host Extender Info]" in text and "Module=XlperfRibbon" in text


def test_decrypt_reads_the_protection_fields_of_a_real_file() -> None:
    # The values xlwings' own quickstart_addin_ribbon.xlam carries (written by Excel).
    project_id = "{318BEE36-5BE1-492A-826D-473DB19B0F30}"
    key = sum(project_id.encode()) & 0xFF
    assert vbaproject.decrypt("5D5F8AADDAA8DEA8DEA8DEA8DE") == (key, b"\0\0\0\0")
    assert vbaproject.decrypt("5D5F8AADDAADDBADDBAD") == (key, b"\0")
    assert vbaproject.decrypt("5D5F8AADDAADDBADDB52") == (key, b"\xff")


def test_building_twice_gives_the_same_file(addin: Path, tmp_path: Path) -> None:
    import hashlib

    again = tmp_path / "again.xlam"
    result = CliRunner().invoke(cli, ["excel", "build-addin", "-o", str(again)])
    assert again.read_bytes() == addin.read_bytes()  # one SHA-256 for IT to whitelist
    assert hashlib.sha256(again.read_bytes()).hexdigest().upper() in result.output


def test_the_install_guide_names_the_sha256_of_this_addin(addin: Path) -> None:
    from xlperf import __version__
    from xlperf.excel.addin.package import sha256_of

    guide = (REPO / "docs" / "excel-install.md").read_text(encoding="utf-8")
    match = re.search(r"（xlperf ([\d.]+)，内嵌 xlwings ([\d.]+)）的加载项：\s*```\s*"
                      r"SHA-256: ([0-9A-F]{64})", guide)
    assert match, "docs/excel-install.md should name the add-in's SHA-256 for IT"
    versions = (__version__, importlib.metadata.version("xlwings"))
    if match.groups()[:2] != versions:
        pytest.skip(f"the guide documents xlperf {match[1]} with xlwings {match[2]}, "
                    f"this is {versions}: write the SHA-256 xlperf excel build-addin prints")
    assert match[3] == sha256_of(addin), "docs/excel-install.md names an old SHA-256"


# The ribbon.


def ribbon(package: Path) -> ElementTree.Element:
    with zipfile.ZipFile(package) as archive:
        rels = ElementTree.fromstring(archive.read("_rels/.rels"))
        targets = [r.get("Target") for r in rels if r.get("Type") == UI_REL]
        assert targets == ["customUI/customUI.xml"]
        return ElementTree.fromstring(archive.read(targets[0]))


def test_ribbon_is_the_2006_schema_with_unique_ids(addin: Path) -> None:
    root = ribbon(addin)
    assert root.tag == f"{CUI}customUI"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    tabs = list(root.iter(f"{CUI}tab"))
    assert [t.get("label") for t in tabs] == ["绩效目标"]


def test_every_button_has_a_chinese_label_an_icon_and_a_screentip(addin: Path) -> None:
    buttons = list(ribbon(addin).iter(f"{CUI}button"))
    assert {b.get("label") for b in buttons} == RIBBON_LABELS
    for button in buttons:
        assert button.get("imageMso") and button.get("screentip") and button.get("supertip")


@pytest.mark.parametrize("package", ["addin", "macro_workbook"])
def test_every_on_action_names_a_ribbon_callback_sub(
    package: str, request: pytest.FixtureRequest
) -> None:
    modules = olevba_modules(request.getfixturevalue(package))
    actions = [e.get("onAction") for e in ribbon(request.getfixturevalue(package)).iter()
               if e.get("onAction")]
    assert len(actions) == len(RIBBON_LABELS)
    for action in actions:
        module, sub = action.split(".")
        pattern = rf"^Sub {sub}\(control As IRibbonControl\)\r$"
        assert re.search(pattern, modules[module], re.MULTILINE), action


def test_every_callback_runs_an_existing_python_entry_point() -> None:
    code = repo_modules()["XlperfRibbon"]
    commands = re.findall(r'RunXlperf "import xlperf\.excel as x; x\.(\w+)\(\)"', code)
    assert len(commands) == len(RIBBON_LABELS)
    for name in commands:
        assert callable(getattr(xlperf.excel, name)), name


def test_the_shipped_ribbon_file_is_what_the_package_holds(addin: Path) -> None:
    with zipfile.ZipFile(addin) as archive:
        assert archive.read("customUI/customUI.xml") == CUSTOM_UI.read_bytes()


# The packages.


def content_types(package: Path) -> dict[str, str]:
    with zipfile.ZipFile(package) as archive:
        root = ElementTree.fromstring(archive.read("[Content_Types].xml"))
    return {e.get("PartName"): e.get("ContentType") for e in root if e.get("PartName")}


def test_addin_package_parts(addin: Path) -> None:
    types = content_types(addin)
    assert types["/xl/workbook.xml"] == "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    assert types["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    with zipfile.ZipFile(addin) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))  # well-formed
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        workbook = archive.read("xl/workbook.xml").decode()
    assert 'relationships/vbaProject" Target="vbaProject.bin"' in rels
    assert 'codeName="ThisWorkbook"' in workbook


def test_macro_workbook_is_a_macro_enabled_template(macro_workbook: Path) -> None:
    types = content_types(macro_workbook)
    assert types["/xl/workbook.xml"] == "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    assert types["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"


def test_every_sheet_of_the_macro_workbook_has_its_document_module(macro_workbook: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(macro_workbook, keep_vba=True)
    code_names = [ws.sheet_properties.codeName for ws in book.worksheets]
    assert book.code_name == "ThisWorkbook"
    assert book.sheetnames[:3] == ["部门信息", "项目清单", "项目01"]
    project = vba_project(macro_workbook)
    documents = {m.name for m in project.modules if m.type == 0x22}
    assert documents == {"ThisWorkbook", *code_names}
    assert len(set(code_names)) == len(code_names)


def test_embedding_macros_keeps_the_department_data(tmp_path: Path) -> None:
    from xlperf.excel.addin.package import embed_macros
    from xlperf.model.serialize import department_to_dict
    from xlperf.sources.text.reader import read_text
    from xlperf.sources.workbook.reader import read_workbook
    from xlperf.writers.workbook.writer import write_department

    plain, macro = tmp_path / "seed.xlsx", tmp_path / "seed.xlsm"
    write_department(read_text(REPO / "tests" / "data" / "seed_notice.txt"), plain)
    embed_macros(plain, macro)
    from_plain, from_macro = read_workbook(plain), read_workbook(macro)
    assert len(from_macro.projects) == 7
    assert department_to_dict(from_macro) == department_to_dict(from_plain)
    assert "XlperfRibbon" in olevba_modules(macro)


def test_new_refuses_a_macro_workbook_without_the_xlsm_suffix(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "a.xlsx"), "--macro-workbook"])
    assert result.exit_code == 2
    assert ".xlsm" in result.output
    assert not (tmp_path / "a.xlsx").exists()


def test_build_addin_refuses_another_suffix(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["excel", "build-addin", "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2
    assert not (tmp_path / "a.xlsx").exists()


@pytest.mark.skipif(__import__("sys").platform.startswith("win"), reason="explains only elsewhere")
def test_install_explains_what_to_do_outside_windows() -> None:
    result = CliRunner().invoke(cli, ["excel", "install"])
    assert result.exit_code == 0
    assert "xlperf excel bundle" in result.output and "install.cmd" in result.output
