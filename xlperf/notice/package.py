"""The publication package: one folder per department, an index.html manifest and a zip.

OUTDIR/
    index.html                      departments, projects, totals, links to every file
    公告包.zip                       the whole package, for e-mail or upload
    石嘴山市人民政府办公室/
        石嘴山市人民政府办公室2024年项目支出预算绩效目标.txt / .html / .docx / .pdf
        石嘴山市人民政府办公室2024年项目支出预算绩效目标表.xlsx

Every file is written through ``xlperf.atomic`` (temporary file + rename).
Departments render in parallel processes when there are several: rendering
is CPU-bound Python (python-docx, openpyxl), so threads would not help.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote

from xlperf.atomic import atomic_path, write_text_atomic
from xlperf.model import Department
from xlperf.model.text import format_amount
from xlperf.notice.content import Notice, build_notice, notice_title
from xlperf.notice.names import MAX_FILE_STEM_CHARS, safe_name, unique_names

FORMATS = ("txt", "html", "docx", "xlsx", "pdf")
DEFAULT_FORMATS = ("txt", "html", "docx", "xlsx")
FORMAT_LABELS = {"txt": "公告文本（txt）", "html": "网页（html）", "docx": "公文（Word）",
                 "xlsx": "附件表格（Excel）", "pdf": "PDF"}
INDEX_NAME = "index.html"
ZIP_NAME = "公告包"
DRAFT_SUFFIX = "-草稿"
# Already-compressed formats go into the zip as they are.
_STORED = {".docx", ".xlsx", ".pdf", ".zip"}
PARALLEL_MIN_DEPARTMENTS = 4


@dataclass
class Entry:
    """One department to publish and where its files go."""

    department: Department
    source: str
    folder: str
    stem: str
    draft: bool = False
    reasons: tuple[str, ...] = ()  # why a draft is one (listed on its first page)

    def file_name(self, fmt: str) -> str:
        stem = self.stem + ("表" if fmt == "xlsx" else "")
        return f"{stem}{DRAFT_SUFFIX if self.draft else ''}.{fmt}"

    def notice(self) -> Notice:
        return build_notice(self.department, draft=self.draft, reasons=self.reasons)


def draft_reasons(findings: Sequence[object], missing: Sequence[str] = ()) -> tuple[str, ...]:
    """One line per error finding (rule, where, message) and one for missing 部门信息."""
    lines = []
    for finding in findings:
        if getattr(finding, "severity", "") != "error":
            continue
        where = finding_place(finding)
        rule, message = finding.rule, finding.message  # type: ignore[attr-defined]
        lines.append(f"[{rule}] {where}：{message}" if where else f"[{rule}] {message}")
    if missing:
        lines.append(f"缺少{'、'.join(missing)}：请在工作簿的“部门信息”表中填写")
    return tuple(lines)


def finding_place(finding: object) -> str:
    """项目“…”，工作表 项目07，单元格 D20 — where a finding points, in the user's words."""
    project, sheet, cell = (getattr(finding, key, None) for key in ("project", "sheet", "cell"))
    return "，".join(part for part in (f"项目“{project}”" if project else "",
                                       f"工作表 {sheet}" if sheet else "",
                                       f"单元格 {cell}" if cell else "") if part)


def missing_fields(department: Department) -> list[str]:
    """What the notice's title needs and the department does not say (部门名称, 预算年度).

    Not a rule of the catalogue: a table can be checked without them, but a
    notice without them names nobody and no year, so the gate holds it back.
    """
    missing = []
    if not (department.name or "").strip():
        missing.append("部门名称")
    if department.year is None:
        missing.append("预算年度")
    return missing


@dataclass
class Blocked:
    """A department the publication gate held back."""

    name: str
    source: str
    errors: int
    missing: tuple[str, ...] = ()  # notice fields it lacks (部门名称, 预算年度)


@dataclass
class Package:
    outdir: Path
    entries: list[Entry]
    formats: tuple[str, ...]
    blocked: list[Blocked] = field(default_factory=list)
    draft: bool = False

    @property
    def index(self) -> Path:
        return self.outdir / INDEX_NAME

    @property
    def archive(self) -> Path:
        return self.outdir / f"{ZIP_NAME}{DRAFT_SUFFIX if self.draft else ''}.zip"

    def files(self, entry: Entry) -> list[Path]:
        return [self.outdir / entry.folder / entry.file_name(fmt) for fmt in self.formats]

    def targets(self) -> list[Path]:
        """Every file this run writes (checked against existing files before writing)."""
        paths = [path for entry in self.entries for path in self.files(entry)]
        return [*paths, self.index, self.archive] if self.entries else paths


def plan(items: Sequence[tuple[Department, str]], outdir: str | os.PathLike[str],
         formats: Sequence[str], *, draft: bool = False,
         blocked: Sequence[Blocked] = (),
         reasons: Mapping[str, Sequence[str]] | None = None) -> Package:
    """Decide folder and file names: safe, capped, unique inside ``outdir``.

    ``reasons`` maps a source to why its draft is one (``draft_reasons``).
    """
    reasons = reasons or {}
    names = [d.name or Path(source).stem for d, source in items]
    folders = unique_names(names)
    entries = []
    for (department, source), name, folder in zip(items, names, folders, strict=True):
        title = notice_title(department)
        stem = safe_name(name, MAX_FILE_STEM_CHARS) + safe_name(title, fallback="")
        entries.append(Entry(department, source, folder, stem, draft,
                             tuple(reasons.get(source, ())) if draft else ()))
    return Package(Path(outdir), entries, tuple(formats), list(blocked), draft)


def existing(package: Package) -> list[Path]:
    return [path for path in package.targets() if path.exists()]


def write_package(package: Package, templates: str | None = None, jobs: int = 0,
                  advance: Callable[[int], None] | None = None) -> None:
    """Render every department, convert PDFs, then write the manifest and the zip."""
    from xlperf.notice.render import Renderer

    advance = advance or (lambda n: None)
    if not package.entries:
        return
    renderer = Renderer(templates)
    manifest = _preflight(renderer, package)
    formats = tuple(f for f in package.formats if f != "pdf")
    with tempfile.TemporaryDirectory(prefix="xlperf-notice-") as scratch:
        # PDF alone still needs the Word file to convert from.
        need_docx = "pdf" in package.formats and "docx" not in formats
        work = [(entry, package.outdir, formats, templates, scratch if need_docx else None)
                for entry in package.entries]
        _run(work, jobs, advance)
        if "pdf" in package.formats:
            from xlperf.notice.pdf import convert

            pairs = [(_docx_path(entry, package.outdir, scratch if need_docx else None),
                      package.outdir / entry.folder / entry.file_name("pdf"))
                     for entry in package.entries]
            convert(pairs, jobs or None)
    write_text_atomic(package.index, manifest)
    write_zip(package)


def _preflight(renderer: object, package: Package) -> str:
    """Render the manifest and one department's text and page in memory, so that a broken or
    hostile template stops the run before anything is written. Returns the manifest."""
    entry = package.entries[0]
    notice = entry.notice()
    for kind in ("txt", "html"):
        renderer.render(kind, notice, entry.department)  # type: ignore[attr-defined]
    return renderer.render_template("manifest", **manifest_context(package))  # type: ignore[attr-defined]


def _run(work: list[tuple], jobs: int, advance: Callable[[int], None]) -> None:
    jobs = jobs or (os.cpu_count() or 1)
    if jobs <= 1 or len(work) < PARALLEL_MIN_DEPARTMENTS:
        for item in work:
            render_entry(*item)
            advance(1)
        return
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with concurrent.futures.ProcessPoolExecutor(min(jobs, len(work)), mp_context=context) as pool:
        futures = [pool.submit(render_entry, *item) for item in work]
        for future in concurrent.futures.as_completed(futures):
            future.result()
            advance(1)


@cache
def _renderer(templates: str | None) -> object:
    from xlperf.notice.render import Renderer

    return Renderer(templates)


def render_entry(entry: Entry, outdir: Path, formats: tuple[str, ...], templates: str | None,
                 scratch: str | None = None) -> None:
    """Write one department's files (every format but pdf)."""
    from xlperf.notice.docx_writer import write_docx
    from xlperf.notice.xlsx_writer import write_xlsx

    renderer = _renderer(templates)
    notice = entry.notice()
    folder = outdir / entry.folder
    for fmt in formats:
        target = folder / entry.file_name(fmt)
        if fmt in ("txt", "html"):
            text = renderer.render(fmt, notice, entry.department)  # type: ignore[attr-defined]
            write_text_atomic(target, text)
        elif fmt == "docx":
            write_docx(notice, target, renderer.docx_style_template())  # type: ignore[attr-defined]
        elif fmt == "xlsx":
            write_xlsx(notice, target)
    if scratch is not None:
        write_docx(notice, _docx_path(entry, outdir, scratch),
                   renderer.docx_style_template())  # type: ignore[attr-defined]


def _docx_path(entry: Entry, outdir: Path, scratch: str | None) -> Path:
    if scratch is None:
        return outdir / entry.folder / entry.file_name("docx")
    return Path(scratch) / entry.folder / entry.file_name("docx")


def manifest_context(package: Package) -> dict:
    """What index.html lists: per department its projects, amounts, total and files."""
    entries = []
    for entry in package.entries:
        department = entry.department
        files = [{"label": FORMAT_LABELS[fmt], "name": entry.file_name(fmt),
                  "href": quote(f"{entry.folder}/{entry.file_name(fmt)}")}
                 for fmt in package.formats]
        projects = [{"name": p.name, "amount": _money(p.amount)} for p in department.projects]
        total = sum(p.amount for p in department.projects if isinstance(p.amount, float))
        entries.append({"name": department.name or entry.folder,
                        "year": department.year or "", "draft": entry.draft,
                        "reasons": entry.reasons,
                        "projects": projects, "total": total,
                        "total_text": _money(total), "files": files})
    total = sum(item["total"] for item in entries)
    return {"entries": entries, "blocked": package.blocked, "draft": package.draft,
            "project_count": sum(len(item["projects"]) for item in entries),
            "total_text": _money(total)}


def _money(value: float | str | None) -> str:
    """万元 with two decimals in the manifest's columns; text amounts shown as written."""
    return f"{value:,.2f}" if isinstance(value, float) else format_amount(value)


def write_zip(package: Package) -> None:
    """The whole package (this run's files and the index) as one zip, paths relative to OUTDIR."""
    with atomic_path(package.archive) as tmp, zipfile.ZipFile(tmp, "w") as archive:
        archive.write(package.index, INDEX_NAME, compress_type=zipfile.ZIP_DEFLATED)
        for entry in package.entries:
            for path in package.files(entry):
                kind = zipfile.ZIP_STORED if path.suffix in _STORED else zipfile.ZIP_DEFLATED
                archive.write(path, f"{entry.folder}/{path.name}", compress_type=kind)


def safe_inside(package: Package) -> bool:
    """Every target resolves inside OUTDIR (a last guard behind the name sanitising)."""
    root = package.outdir.resolve()
    return all(root in path.resolve().parents for path in package.targets())
