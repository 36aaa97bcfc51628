"""Bad web pages, Word files and PDFs: one Chinese line naming the file, exit 2, nothing written,
memory bounded (the big ones are read in a child process whose peak memory is measured)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from family_writers import libreoffice, pdfs_by_libreoffice

from xlperf.cli import cli
from xlperf.sources.pdf.reader import MAX_PAGES, SCANNED

PEAK_MB = 300  # what reading any of these may cost at most (the interpreter alone: ~60 MB)


def page_without_table(path: Path) -> Path:
    path.write_text("<html><head><meta charset='utf-8'></head><body><h1>通知公告</h1>"
                    "<p>关于开展2024年度预算绩效管理培训的通知</p></body></html>", encoding="utf-8")
    return path


def docx_without_table(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("某县财政局2024年部门预算公开说明")
    document.add_paragraph("根据《中华人民共和国预算法》有关规定，现将我局2024年部门预算公开如下。")
    document.save(path)
    return path


def huge_page(path: Path) -> Path:
    """100 MB: a page head, then the size (a sparse file: nothing is read past the check)."""
    with path.open("wb") as handle:
        handle.write(b"<html><body><table><tr><td>" + "项目名称".encode() + b"</td></tr>")
        handle.truncate(100 * 1024 * 1024)
    return path


def zip_bomb(path: Path) -> Path:
    """A .docx whose document.xml inflates from ~50 kB to 50 MB of nothing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(50):
                member.write(chunk)
    path.write_bytes(buffer.getvalue())
    return path


def pdf_of_pages(path: Path, pages: int) -> Path:
    """A valid PDF of ``pages`` pages, each with one line of text (written by hand: the
    format's objects, cross-reference table and trailer)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Count {pages} /Kids ["
               + " ".join(f"{4 + 2 * i} 0 R" for i in range(pages)) + "] >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        stream = f"BT /F1 12 Tf 72 760 Td (Page {i + 1}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    path.write_bytes(bytes(out))
    return path


def renamed_workbook(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    path.write_bytes(buffer.getvalue())
    return path


def word_97(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                     + "WordDocument".encode("utf-16-le") + b"\0" * 400)
    return path


def cut_pdf(path: Path) -> Path:
    path.write_bytes(pdf_of_pages(path, 3).read_bytes()[:300])
    return path


CASES = {
    "无表格.html": (page_without_table, "网页中没有表格"),
    "无表格.docx": (docx_without_table, "Word 文档中没有表格"),
    "巨大.html": (huge_page, "超过 20 MB 上限"),
    "压缩炸弹.docx": (zip_bomb, "压缩炸弹"),
    "五百页.pdf": (lambda p: pdf_of_pages(p, 500), f"超过 {MAX_PAGES} 页上限"),
    "工作簿.docx": (renamed_workbook, "这是 Excel 工作簿"),
    "旧版.doc": (word_97, "另存为 .docx"),
    "截断.pdf": (cut_pdf, "PDF 文件已损坏"),
}


@pytest.mark.parametrize("command", ["show", "validate", "import"])
@pytest.mark.parametrize("name", list(CASES))
def test_one_chinese_line_exit_2_nothing_written(name: str, command: str,
                                                 tmp_path: Path) -> None:
    make, says = CASES[name]
    source = make(tmp_path / name)
    before = source.stat().st_size, source.stat().st_mtime_ns
    args = [command, str(source)] + (["-o", str(tmp_path / "out.xlsx")]
                                     if command == "import" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    said = result.stdout if command == "validate" else result.stderr
    lines = [line for line in said.strip().split("\n") if name in line]
    assert len(lines) == 1 and says in lines[0], said
    assert "Traceback" not in result.output
    assert (source.stat().st_size, source.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written


@pytest.mark.parametrize("name", ["巨大.html", "压缩炸弹.docx", "五百页.pdf"])
def test_memory_stays_bounded(name: str, tmp_path: Path) -> None:
    make, says = CASES[name]
    source = make(tmp_path / name)
    peak, stderr, code = _peak_of(["show", str(source)])
    assert code == 2 and says in stderr
    assert peak < PEAK_MB * 1024 * 1024, f"{name}: {peak / 1024 / 1024:.0f} MB"


def _peak_of(args: list[str]) -> tuple[int, str, int]:
    """The peak resident memory (bytes) of ``xlperf ARGS`` in a child process."""
    probe = ("import json, resource, subprocess, sys\n"
             "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
             "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
             "print(json.dumps([peak, done.stderr, done.returncode]))\n")
    xlperf = [sys.executable, "-c", "from xlperf.cli import main; main()"]
    out = subprocess.run([sys.executable, "-c", probe, *xlperf, *args], capture_output=True,
                         text=True, check=True, timeout=300)
    return tuple(json.loads(out.stdout))


# --- PDFs that need a real PDF writer: a scan, a password, a table that is not a goal table


@pytest.fixture(scope="module")
def made_by_libreoffice(tmp_path_factory) -> dict[str, Path]:
    if libreoffice() is None:
        pytest.skip("LibreOffice is not installed")
    import docx
    from docx.shared import Cm

    folder = tmp_path_factory.mktemp("pdfs")
    other = docx.Document()
    other.add_paragraph("2024年部门预算收支总表")
    table = other.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate([("收入", "金额", "支出"), ("一般公共预算", "120", "基本支出"),
                             ("合计", "120", "合计")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    other.save(folder / "预算表.docx")
    first = pdfs_by_libreoffice([folder / "预算表.docx"], folder / "first")[0]
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(first),
                    str(folder / "page")], check=True, timeout=60)
    scan = docx.Document()
    scan.add_picture(str(folder / "page.png"), width=Cm(16))
    scan.save(folder / "扫描件.docx")
    scanned = pdfs_by_libreoffice([folder / "扫描件.docx"], folder / "scan")[0]
    locked = folder / "locked"
    locked.mkdir()
    options = json.dumps({"EncryptFile": {"type": "boolean", "value": "true"},
                          "DocumentOpenPassword": {"type": "string", "value": "secret"}})
    subprocess.run([libreoffice(), f"-env:UserInstallation={(folder / 'p').as_uri()}",
                    "--headless", "--convert-to", f"pdf:writer_pdf_Export:{options}",
                    "--outdir", str(locked), str(folder / "预算表.docx")],
                   check=True, capture_output=True, timeout=300,
                   env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    return {"no_goal_table": first, "scanned": scanned, "encrypted": locked / "预算表.pdf"}


@pytest.mark.parametrize(("kind", "says"), [
    ("no_goal_table", "PDF中有 1 个表格，但都不是绩效目标表"),
    ("scanned", SCANNED),
    ("encrypted", "PDF 设置了打开密码"),
])
def test_pdfs_a_reader_cannot_use_say_why(made_by_libreoffice, kind: str, says: str,
                                          tmp_path: Path) -> None:
    source = made_by_libreoffice[kind]
    target = tmp_path / "out.xlsx"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().count("\n") == 0 and says in result.stderr, result.stderr
    assert not target.exists()


def _pdf_without_font_bbox(path: Path) -> Path:
    """A one-page PDF of text (no table) in a font whose descriptor has no FontBBox, as
    some office suites and printer drivers write it: pdfminer warns of it on stderr."""
    stream = b"BT /F1 12 Tf 72 720 Td (Annual report of the office) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /NoBoxFont /FirstChar 32 "
        b"/LastChar 126 /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /NoBoxFont /Flags 32 /ItalicAngle 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_font_without_a_bounding_box_adds_no_library_noise(tmp_path: Path) -> None:
    """The user sees xlperf's one Chinese line, not pdfminer's English warning above it
    (a process of its own: its stderr as the terminal shows it)."""
    source = _pdf_without_font_bbox(tmp_path / "无边框字体.pdf")
    done = subprocess.run([sys.executable, "-c", "from xlperf.cli import main; main()",
                           "show", str(source)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "FontBBox" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        line for line in done.stderr.strip().splitlines() if "无边框字体.pdf" in line]
