"""The publication package: one folder per department, an index.html manifest and a zip.

OUTDIR/
    index.html                      departments, projects, totals, links to every file
    公告包.zip                       the whole package, for e-mail or upload
    石嘴山市人民政府办公室/
        石嘴山市人民政府办公室2024年项目支出预算绩效目标.txt / .html / .docx / .pdf
        石嘴山市人民政府办公室2024年项目支出预算绩效目标表.xlsx

Everything is rendered into a hidden scratch folder inside OUTDIR and moved
into place only when all of it was written, so a failure leaves OUTDIR as it
was. Departments render in parallel processes when there are several:
rendering is CPU-bound Python (python-docx, openpyxl), so threads would not
help.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
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


def draft_reasons(findings: Sequence[object], missing: Sequence[str] = (),
                  uncalculated: Sequence[str] = ()) -> tuple[str, ...]:
    """One line per error finding (rule, where, message), one for missing 部门信息 and one
    for formulas without a calculated value (what the publication gate holds back)."""
    lines = []
    for finding in findings:
        if getattr(finding, "severity", "") != "error":
            continue
        where = finding_place(finding)
        rule, message = finding.rule, finding.message  # type: ignore[attr-defined]
        lines.append(f"[{rule}] {where}：{message}" if where else f"[{rule}] {message}")
    if missing:
        lines.append(f"缺少{'、'.join(missing)}：请在工作簿的“部门信息”表中填写")
    if uncalculated:
        lines.append(f"{'、'.join(uncalculated)}是没有计算结果的公式：请在 Excel 或 WPS 中打开"
                     "工作簿、保存后再生成")
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
    uncalculated: tuple[str, ...] = ()  # fields holding a formula without a value (gate.py)


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
    return [path for path in package.targets() if os.path.lexists(path)]


def check_targets(package: Package, inputs: Sequence[str | os.PathLike[str]] = (),
                  force: bool = True) -> None:
    """Refuse a package that would write outside OUTDIR, over an input, or (without
    ``force``) over an existing file. Checked before rendering and again before the move."""
    from xlperf.errors import InputError, OutputExists
    from xlperf.outputs import check_writable, normalise, refuse_inputs

    outdir = normalise(package.outdir)
    if os.path.lexists(outdir) and not outdir.is_dir():
        raise InputError("输出位置是一个文件，请指定文件夹", file=str(package.outdir))
    check_writable(outdir / INDEX_NAME, str(package.outdir))
    for entry in package.entries:
        folder = outdir / entry.folder
        if folder.is_symlink():
            raise InputError(f"输出文件夹中的“{entry.folder}”是一个符号链接（指向 "
                             f"{os.readlink(folder)}），xlperf 不会把公告写到输出文件夹之外；"
                             "请删除这个链接，或换一个输出文件夹", file=str(package.outdir))
        if os.path.lexists(folder) and not folder.is_dir():
            raise InputError(f"输出文件夹中已有一个名为“{entry.folder}”的文件，"
                             "放不下这个部门的文件夹；请删除或改名后再试", file=str(folder))
    targets = [normalise(path) for path in package.targets()]
    sources = [normalise(path) for path in inputs]
    for target in targets:
        refuse_inputs(target, sources)
        if target.is_dir():
            raise InputError("输出文件的位置上已有一个同名文件夹；请删除或改名后再试",
                             file=str(target))
    clashes = [] if force else [path for path in targets if os.path.lexists(path)]
    if clashes:
        more = f" 等 {len(clashes)} 个文件" if len(clashes) > 1 else ""
        raise OutputExists(f"输出文件已存在：{clashes[0]}{more}。如需替换，请加 --force")


def write_package(package: Package, templates: str | None = None, jobs: int = 0,
                  advance: Callable[[int], None] | None = None, *,
                  inputs: Sequence[str | os.PathLike[str]] = (), force: bool = True) -> None:
    """Render every department, convert PDFs, write the manifest and the zip — all into a
    scratch folder inside OUTDIR — and move the files into place only when every one of
    them was written: a failure anywhere (a department name Word cannot store, a text
    too long for a cell, a worker that died, Ctrl-C) leaves OUTDIR as it was.

    ``inputs`` are never overwritten; without ``force`` no existing file is.
    """
    from xlperf.notice.render import Renderer
    from xlperf.outputs import normalise, output_error

    advance = advance or (lambda n: None)
    if not package.entries:
        return
    check_targets(package, inputs, force)
    renderer = Renderer(templates)
    manifest = _preflight(renderer, package)
    outdir = normalise(package.outdir)
    created = [folder for folder in (outdir, *outdir.parents) if not os.path.lexists(folder)]
    # Named before it exists, so that it is removed however early the run stops (Ctrl-C).
    scratch = outdir / f"{SCRATCH_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        try:
            scratch.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise output_error(exc, outdir / INDEX_NAME, str(package.outdir)) from None
        staged = dataclasses.replace(package, outdir=scratch / "package")
        _render(staged, scratch / "pdf-source", templates, jobs, advance)
        write_text_atomic(staged.index, manifest)
        write_zip(staged)
        check_targets(package, inputs, force)  # again: something may have changed meanwhile
        _move_into_place(staged, package)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        _remove_empty(created)  # the folders this run made for nothing
        raise
    shutil.rmtree(scratch, ignore_errors=True)


def _remove_empty(folders: list[Path]) -> None:
    """Remove ``folders`` (innermost first) as long as they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


SCRATCH_PREFIX = ".xlperf-notice-"


def _render(staged: Package, pdf_source: Path, templates: str | None, jobs: int,
            advance: Callable[[int], None]) -> None:
    """Every format of every department into ``staged.outdir``."""
    formats = tuple(f for f in staged.formats if f != "pdf")
    # PDF alone still needs the Word file to convert from.
    need_docx = "pdf" in staged.formats and "docx" not in formats
    source = pdf_source if need_docx else None
    work = [(entry, staged.outdir, formats, templates, str(source) if source else None)
            for entry in staged.entries]
    _run(work, jobs, advance)
    if "pdf" in staged.formats:
        from xlperf.notice.pdf import convert

        pairs = [(_docx_path(entry, staged.outdir, str(source) if source else None),
                  staged.outdir / entry.folder / entry.file_name("pdf"))
                 for entry in staged.entries]
        convert(pairs, jobs or None)


def _move_into_place(staged: Package, package: Package) -> None:
    """Rename every staged file onto its place in OUTDIR: the departments' files, then the
    manifest and the zip (which list them)."""
    from xlperf.outputs import normalise, output_error

    moves = [(done, target) for entry in package.entries
             for done, target in zip(staged.files(entry), package.files(entry), strict=True)]
    moves += [(staged.index, package.index), (staged.archive, package.archive)]
    for done, target in moves:
        target = normalise(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(done, target)
        except OSError as exc:
            raise output_error(exc, target) from None


def _preflight(renderer: object, package: Package) -> str:
    """Render the manifest and one department's text and page in memory, so that a broken or
    hostile template stops the run before anything is rendered. Returns the manifest."""
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
    from xlperf import workers
    from xlperf.errors import InputError

    outcomes = workers.run_all(_render_item, work, min(jobs, len(work)), tick=None)
    for item, outcome in zip(work, outcomes, strict=True):
        if isinstance(outcome, workers.WorkerDied):
            raise InputError("生成公告的进程意外终止（可能内存不足），未写出任何文件；"
                             "请关闭其他程序后重试，或用 --jobs 1 逐个生成",
                             file=item[0].source)
        advance(1)


def _render_item(item: tuple) -> None:
    render_entry(*item)


@cache
def _renderer(templates: str | None) -> object:
    from xlperf.notice.render import Renderer

    return Renderer(templates)


def render_entry(entry: Entry, outdir: Path, formats: tuple[str, ...], templates: str | None,
                 scratch: str | None = None) -> None:
    """Write one department's files (every format but pdf)."""
    from xlperf.errors import InputError
    from xlperf.notice.docx_writer import write_docx
    from xlperf.notice.xlsx_writer import write_xlsx

    renderer = _renderer(templates)
    notice = entry.notice()
    folder = outdir / entry.folder
    try:
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
    except InputError as exc:
        if exc.file:
            raise
        raise InputError(exc.message, file=entry.source, sheet=exc.sheet, cell=exc.cell) from None


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
    """Every target lies inside OUTDIR, by its name (a last guard behind the name
    sanitising; a symlinked folder inside OUTDIR is ``check_targets``' business)."""
    from xlperf.outputs import normalise

    root = normalise(package.outdir)
    return all(root in normalise(path).parents for path in package.targets())
