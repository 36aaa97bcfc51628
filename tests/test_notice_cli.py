"""``xlperf notice``: the publication gate, drafts, safe names, overwriting, hostile templates."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from notice_support import SEED, clean_seed, seed, write_workbook

from xlperf.cli import cli
from xlperf.model.serialize import comparable
from xlperf.notice.content import published_spacing
from xlperf.sources.text.reader import read_text

TEXT_FORMATS = "txt,html,docx,xlsx"


def run(*args: str) -> object:
    return CliRunner().invoke(cli, ["notice", *args], catch_exceptions=False)


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


@pytest.fixture(scope="module")
def clean_workbook(tmp_path_factory) -> Path:
    return write_workbook(clean_seed(), tmp_path_factory.mktemp("in") / "政府办.xlsx")


@pytest.fixture(scope="module")
def faulty_workbook(tmp_path_factory) -> Path:
    department = copy.deepcopy(seed())
    department.name = "某某局"
    department.signing_body = "某某局"
    return write_workbook(department, tmp_path_factory.mktemp("in") / "某某局.xlsx")


def test_gate_holds_back_a_department_with_errors(clean_workbook, faulty_workbook,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(clean_workbook), str(faulty_workbook), "-o", str(out),
                 "--format", TEXT_FORMATS)
    assert result.exit_code == 1
    assert "某某局" in result.stderr and "不予生成" in result.stderr
    assert "[C001]" in result.stderr and "[W001]" in result.stderr
    assert "工作表 项目07" in result.stderr  # where to fix it
    assert not (out / "某某局").exists()  # nothing written for it
    written = _files(out / "石嘴山市人民政府办公室")
    assert {p.suffix for p in written} == {".txt", ".html", ".docx", ".xlsx"}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "未生成" in index and "某某局" in index
    assert all(p.name in index for p in written)


def test_a_department_that_names_neither_itself_nor_its_year_is_held_back(
        clean_workbook, tmp_path: Path) -> None:
    """No 部门名称 and no 预算年度: a notice would name nobody and no year."""
    department = clean_seed()
    department.name, department.year = "", None
    nameless = write_workbook(department, tmp_path / "无名.xlsx")
    out = tmp_path / "out"
    result = run(str(clean_workbook), str(nameless), "-o", str(out), "--format", "txt")
    assert result.exit_code == 1
    assert "缺少部门名称、预算年度" in result.stderr and "部门信息" in result.stderr
    assert {p.parent.name for p in _files(out) if p.suffix == ".txt"} == {"石嘴山市人民政府办公室"}
    assert "缺少部门名称、预算年度" in (out / "index.html").read_text(encoding="utf-8")
    drafts = tmp_path / "drafts"
    assert run(str(nameless), "-o", str(drafts), "--format", "txt", "--draft").exit_code == 0
    assert any(p.suffix == ".txt" for p in _files(drafts))


def test_only_faulty_departments_write_nothing_at_all(faulty_workbook, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(faulty_workbook), "-o", str(out))
    assert result.exit_code == 1
    assert _files(out) == set()


def test_published_txt_imports_back_to_the_workbook_department(clean_workbook,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(clean_workbook), "-o", str(out), "--format", "txt").exit_code == 0
    (txt,) = _files(out / "石嘴山市人民政府办公室")
    from xlperf.sources import read_department

    published, workbook = comparable(read_text(txt)), comparable(read_department(clean_workbook))
    published.pop("disclosure"), workbook.pop("disclosure")  # the notice writes its own
    workbook["attachment_title"] = published_spacing(workbook["attachment_title"])  # 2024年
    assert published == workbook


def test_draft_renders_a_faulty_department_marked_everywhere(faulty_workbook,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(faulty_workbook), "-o", str(out), "--format", TEXT_FORMATS, "--draft")
    assert result.exit_code == 0
    files = _files(out / "某某局")
    assert len(files) == 4 and all("草稿" in p.name for p in files)
    by_suffix = {p.suffix: p for p in files}
    assert by_suffix[".txt"].read_text(encoding="utf-8").startswith("【草稿】")
    assert 'class="draft-banner"' in by_suffix[".html"].read_text(encoding="utf-8")
    section = docx.Document(str(by_suffix[".docx"])).sections[0]
    assert "草稿" in section.header.paragraphs[0].text
    assert "草稿" in section.even_page_header.paragraphs[0].text
    book = openpyxl.load_workbook(by_suffix[".xlsx"])
    assert all("草稿" in str(sheet["A1"].value) for sheet in book.worksheets)
    assert (out / "公告包-草稿.zip").exists()


def test_package_has_manifest_and_zip_of_everything(clean_workbook, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(clean_workbook), "-o", str(out), "--format", TEXT_FORMATS).exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    department = clean_seed()
    for project in department.projects:
        assert project.name in index
    total = sum(p.amount for p in department.projects)
    assert f"{total:g}" in index
    with zipfile.ZipFile(out / "公告包.zip") as archive:
        names = set(archive.namelist())
    expected = {str(p.relative_to(out)) for p in _files(out) if p.suffix != ".zip"}
    assert names == expected


@pytest.mark.parametrize("name", ["../../逃出去", "..", "a/b\\c:d", "局\x07\x1b" + "长" * 200,
                                  "CON"])
def test_unsafe_department_names_stay_inside_outdir(name: str, tmp_path: Path) -> None:
    department = clean_seed()
    department.name = name
    source = tmp_path / "in" / "dept.txt"
    source.parent.mkdir()
    from xlperf.writers.text import format_text

    source.write_text(format_text(department), encoding="utf-8")
    out = tmp_path / "out"
    before = _files(tmp_path)
    result = run(str(source), "-o", str(out), "--format", "txt,html")
    assert result.exit_code == 0, result.output
    created = _files(tmp_path) - before
    assert created and all(out.resolve() in p.resolve().parents for p in created)
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 1 and len(folders[0].name) <= 50
    assert all(ord(ch) >= 32 for p in created for ch in p.name)


def test_existing_outputs_are_kept_without_force(clean_workbook, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(clean_workbook), "-o", str(out), "--format", "txt").exit_code == 0
    (txt,) = _files(out / "石嘴山市人民政府办公室")
    txt.write_text("人工修改过的内容", encoding="utf-8")
    again = run(str(clean_workbook), "-o", str(out), "--format", "txt")
    assert again.exit_code == 2
    assert "已存在" in again.stderr and "--force" in again.stderr
    assert txt.read_text(encoding="utf-8") == "人工修改过的内容"
    forced = run(str(clean_workbook), "-o", str(out), "--format", "txt", "--force")
    assert forced.exit_code == 0
    assert txt.read_text(encoding="utf-8").startswith("石嘴山市人民政府办公室")


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ ''.__class__ }}",
    "{{ department.__class__.__init__.__globals__['os'].system('echo hacked') }}",
])
def test_hostile_template_cannot_reach_python_internals(clean_workbook, payload: str,
                                                        tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.txt.j2").write_text(payload, encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(clean_workbook), "-o", str(out), "--format", "txt",
                 "--templates", str(templates))
    assert result.exit_code == 2
    assert "模板" in result.stderr and "Traceback" not in result.output
    assert "subclasses" not in result.stdout and "hacked" not in result.output
    assert _files(out) == set()


def test_user_template_renders_in_the_sandbox(clean_workbook, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.html.j2").write_text(
        "<h1>{{ notice.department }}</h1>{% for t in notice.tables %}<p>{{ t.name }}</p>"
        "{% endfor %}", encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(clean_workbook), "-o", str(out), "--format", "html,txt",
                 "--templates", str(templates))
    assert result.exit_code == 0, result.output
    page = next((out / "石嘴山市人民政府办公室").glob("*.html")).read_text(encoding="utf-8")
    assert page.startswith("<h1>石嘴山市人民政府办公室</h1>")
    text = next((out / "石嘴山市人民政府办公室").glob("*.txt")).read_text(encoding="utf-8")
    assert text.startswith("石嘴山市人民政府办公室")  # the bundled txt template is the fallback


def test_unknown_format_is_bad_usage(clean_workbook, tmp_path: Path) -> None:
    result = run(str(clean_workbook), "-o", str(tmp_path / "out"), "--format", "txt,odt")
    assert result.exit_code == 2 and "odt" in result.stderr


def test_pdf_requested_without_libreoffice_exits_2_in_chinese(clean_workbook,
                                                              tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    result = subprocess.run([sys.executable, "-m", "xlperf", "notice", str(clean_workbook), "-o",
                             str(tmp_path / "out"), "--format", "txt,pdf"],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 2
    assert "LibreOffice" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_unreadable_input_writes_nothing(clean_workbook, tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"not a workbook")
    out = tmp_path / "out"
    result = run(str(clean_workbook), str(broken), "-o", str(out))
    assert result.exit_code == 2 and "坏文件.xlsx" in result.stderr
    assert _files(out) == set()


def test_seed_text_is_accepted_as_input(tmp_path: Path) -> None:
    result = run(str(SEED), "-o", str(tmp_path / "out"), "--format", "txt", "--draft")
    assert result.exit_code == 0
    assert "已生成 1 个部门" in result.stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed for pdf")
def test_pdf_without_docx_keeps_only_the_pdf(clean_workbook, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(clean_workbook), "-o", str(out), "--format", "pdf,txt",
                 "--allow-font-substitution")  # the GB/T fonts are not in Debian
    assert result.exit_code == 0, result.output
    files = _files(out / "石嘴山市人民政府办公室")
    assert {p.suffix for p in files} == {".pdf", ".txt"}  # the Word file was only a means
    pdf = next(p for p in files if p.suffix == ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(out / "公告包.zip") as archive:
        assert f"石嘴山市人民政府办公室/{pdf.name}" in archive.namelist()
