"""``xlperf validate`` on a batch, as a reviewer uses it: counts and 通过/不通过 per file,
closing lines per unit and rule, --severity, the summary on stderr, and the files sent back
(--summary, --annotate-dir, --opinions-dir)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.sources.text.reader import read_text
from xlperf.writers.workbook.writer import write_department

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_notice.txt"
LAST_PROJECT = "自治区党政专用通信网二级网运行维护费"


@pytest.fixture(scope="session")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of submissions: the seed (2 errors), the seed without its last project (no
    error), and a broken file."""
    folder = tmp_path_factory.mktemp("batch") / "收件箱"
    (folder / "一科").mkdir(parents=True)
    department = read_text(SEED)
    write_department(department, folder / "政府办.xlsx")
    department.projects = department.projects[:-1]
    write_department(department, folder / "一科" / "干净.xlsx")
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def line_of(out: str, start: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(start))


# --- item 6: the batch summary in the terminal ----------------------------------------------

def test_each_file_line_says_its_error_and_warning_counts_and_whether_it_passes(
        inbox: Path) -> None:
    code, out, _ = run(str(inbox))
    assert code == 2  # one file unreadable
    failing = line_of(out, str(inbox / "政府办.xlsx"))
    assert "错误 2 个、警告 " in failing and failing.endswith("— 不通过")
    passing = line_of(out, str(inbox / "一科" / "干净.xlsx"))
    assert "错误 0 个、警告 " in passing and passing.endswith("— 通过")
    unreadable = line_of(out, str(inbox / "坏.xlsx"))
    assert "无法读取：" in unreadable and unreadable.endswith("— 不通过")


def test_closing_lines_count_units_passing_and_failing_and_findings_per_rule(
        inbox: Path) -> None:
    _, out, _ = run(str(inbox))
    lines = out.strip().splitlines()
    assert lines[-1].startswith("共检查 3 个文件")  # the totals stay last
    assert lines[-2] == "单位：通过 1 个，不通过 2 个（其中无法读取 1 个）"
    per_rule = lines[lines.index("按规则统计：") + 1:-2]
    assert per_rule[0].split()[:3] == ["错误", "C001", "1"]
    assert per_rule[1].split()[:3] == ["错误", "W001", "1"]
    q001 = next(line for line in per_rule if " Q001 " in line)
    # Q001 in both readable files: the per-rule count equals the findings listed above.
    listed = sum(1 for line in out.splitlines() if line.startswith("    警告 Q001 "))
    assert q001.split()[2] == str(listed) and "涉及 2 个单位" in q001


def test_errors_only_lists_only_what_blocks_publication_and_says_what_it_left_out(
        inbox: Path) -> None:
    code, out, _ = run(str(inbox), "--errors-only")
    assert code == 2
    finding_lines = [line.strip() for line in out.splitlines() if line.startswith("    ")
                     and line.split()[0] in ("错误", "警告", "提示")]
    assert sorted(line.split()[:2][1] for line in finding_lines) == ["C001", "W001"]
    assert all(line.startswith("错误 ") for line in finding_lines)
    # The file lines still count the warnings, and one line says they were not listed.
    assert "警告 " in line_of(out, str(inbox / "政府办.xlsx"))
    assert any(line.startswith("按 --severity error 只列出错误；未列出警告 ")
               for line in out.splitlines())
    assert run(str(inbox), "--severity", "error")[1] == out


def test_severity_error_in_json_keeps_only_errors(inbox: Path) -> None:
    _, out, _ = run(str(inbox / "政府办.xlsx"), "--severity", "error", "--format", "json")
    report = json.loads(out)
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["C001", "W001"]


def test_severity_warning_drops_only_hints(inbox: Path) -> None:
    _, everything, _ = run(str(inbox))
    _, warnings, _ = run(str(inbox), "--severity", "warning")
    assert "警告 Q001" in warnings and everything.count("警告 ") == warnings.count("警告 ")


def test_errors_only_and_another_severity_contradict(inbox: Path) -> None:
    code, _, err = run(str(inbox), "--errors-only", "--severity", "info")
    assert code == 2 and "矛盾" in err


def _run_with_stderr_on_a_terminal(args: list[str], stdout_path: Path) -> tuple[int, str]:
    """The command with standard output redirected to a file and standard error on a
    terminal (a pty), as ``xlperf validate DIR --format json > r.json`` in a shell."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    with stdout_path.open("wb") as stdout:
        process = subprocess.Popen([sys.executable, "-m", "xlperf", *args], stdout=stdout,
                                   stderr=slave, stdin=subprocess.DEVNULL, env=env)
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed: the command has ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(60)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return code, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # bold stays without colour


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_summary_also_goes_to_stderr_when_stdout_is_redirected(inbox: Path,
                                                               tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    code, terminal = _run_with_stderr_on_a_terminal(
        ["validate", str(inbox), "--format", "json", "--jobs", "1"], report)
    assert code == 2
    assert json.loads(report.read_text("utf-8"))["summary"]["files"] == 3  # JSON stays clean
    lines = [line.strip() for line in terminal.splitlines() if line.strip()]
    assert "单位：通过 1 个，不通过 2 个（其中无法读取 1 个）" in lines
    assert lines[-1].startswith("共检查 3 个文件")
    assert "按规则统计：" in lines


def test_no_summary_on_stderr_when_stdout_is_the_terminal_report(inbox: Path,
                                                                 tmp_path: Path) -> None:
    """Both to pipes (CI, a script): stderr stays clean, the report is on stdout only."""
    result = subprocess.run([sys.executable, "-m", "xlperf", "validate", str(inbox)],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2 and result.stderr == ""
    assert "单位：通过 1 个" in result.stdout


def copy_inbox(inbox: Path, tmp_path: Path) -> Path:
    target = tmp_path / "收件箱"
    shutil.copytree(inbox, target)
    return target


# --- item 7: the files a reviewer sends back --------------------------------------------------

def all_outputs(inbox: Path, out: Path, *more: str) -> tuple[int, str, str]:
    return run(str(inbox), "--summary", str(out / "汇总.xlsx"), "--annotate-dir",
               str(out / "标注"), "--opinions-dir", str(out / "审核意见"), *more)


def sheet_rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture(scope="module")
def sent_back(inbox: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every output of one run over the inbox, written into an empty folder."""
    out = tmp_path_factory.mktemp("out")
    code, _, err = all_outputs(inbox, out)
    assert code == 2, err
    return out


def by_file(rows: list[list], header: list, name: str) -> dict:
    column = header.index("文件")
    row = next(r for r in rows if r[column] and r[column].endswith(name))
    return dict(zip(header, row, strict=True))


def test_summary_workbook_has_one_row_per_file_with_counts_status_and_links(
        inbox: Path, sent_back: Path) -> None:
    import openpyxl

    path = sent_back / "汇总.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["汇总"]
    rows = sheet_rows(sheet)
    assert "通过 1 个，不通过 2 个" in rows[0][0]
    header = rows[1]
    assert header[:6] == ["单位", "文件", "项目数", "错误", "警告", "状态"]
    assert len(rows) == 2 + 3
    seed = by_file(rows, header, "政府办.xlsx")
    assert (seed["单位"], seed["项目数"], seed["错误"], seed["状态"]) == (
        "石嘴山市人民政府办公室", 7, 2, "不通过")
    assert by_file(rows, header, "干净.xlsx")["状态"] == "通过"
    broken = by_file(rows, header, "坏.xlsx")
    assert broken["状态"] == "无法读取" and broken["标注副本"] is None and broken["说明"]
    # The link opens the annotated copy, relative to the summary (the folder can move).
    row = next(r for r in sheet.iter_rows(min_row=3) if r[1].value.endswith("政府办.xlsx"))
    link = row[header.index("标注副本")].hyperlink.target
    assert not Path(link).is_absolute()
    copy = (path.parent / link).resolve()
    assert copy == (sent_back / "标注" / "政府办.xlsx").resolve()
    assert "校验结果" in openpyxl.load_workbook(copy).sheetnames
    opinion = row[header.index("审核意见")].hyperlink.target
    assert (path.parent / opinion).resolve() == (
        sent_back / "审核意见" / "政府办-审核意见.docx").resolve()


def test_findings_sheet_lists_every_finding_with_its_fix_filtered_and_frozen(
        inbox: Path, sent_back: Path) -> None:
    import openpyxl

    from xlperf.validation.rules import BY_CODE

    _, out, _ = run(str(inbox), "--format", "json")
    listed = sum(len(entry["findings"]) for entry in json.loads(out)["files"])
    sheet = openpyxl.load_workbook(sent_back / "汇总.xlsx")["问题清单"]
    rows = sheet_rows(sheet)
    header = rows[0]
    assert header[:8] == ["单位", "文件", "项目", "工作表", "单元格", "代码", "级别", "说明"]
    assert len(rows) - 1 == listed
    w001 = dict(zip(header, next(r for r in rows if r[5] == "W001"), strict=True))
    assert (w001["工作表"], w001["单元格"], w001["级别"]) == ("项目07", "D20", "错误")
    assert w001["修改建议"] == BY_CODE["W001"].fix  # the catalogue's fix text
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows.replace("$", "") == "1:1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.parent.properties.creator == "xlperf"


def test_per_rule_sheet_counts_findings_and_units(sent_back: Path) -> None:
    import openpyxl

    rows = sheet_rows(openpyxl.load_workbook(sent_back / "汇总.xlsx")["按规则"])
    q001 = next(r for r in rows if r[1] == "Q001")
    assert q001[4] == 2  # in both readable units


def test_user_text_in_the_summary_never_becomes_a_formula(tmp_path: Path) -> None:
    import openpyxl

    department = read_text(SEED)
    department.name = "=HYPERLINK(\"http://x\",\"点我\")"
    department.projects[-1].name = "+1+1"
    folder = tmp_path / "收件箱"
    folder.mkdir()
    write_department(department, folder / "=1+1.xlsx")
    summary = tmp_path / "汇总.xlsx"
    run(str(folder), "--summary", str(summary))
    workbook = openpyxl.load_workbook(summary)
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert department.name in texts and "+1+1" in texts
    assert any(str(value).endswith("=1+1.xlsx") for value in texts)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_annotate_dir_writes_a_marked_copy_per_file_and_leaves_the_inputs(
        inbox: Path, tmp_path: Path) -> None:
    import openpyxl

    folder = copy_inbox(inbox, tmp_path)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    out = tmp_path / "标注"
    code, _, err = run(str(folder), "--annotate-dir", str(out))
    assert code == 2  # the broken file
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xlsx")) == [
        "一科/干净.xlsx", "政府办.xlsx"]
    marked = openpyxl.load_workbook(out / "政府办.xlsx")
    assert "W001" in marked["项目07"]["D20"].comment.text
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert "已写出 2 份标注副本" in err


def test_an_xls_in_the_batch_gets_an_xlsx_copy(tmp_path: Path) -> None:
    import openpyxl

    folder = tmp_path / "收件箱"
    folder.mkdir()
    shutil.copy(DATA / "old_format.xls", folder / "旧表.xls")
    out = tmp_path / "标注"
    run(str(folder), "--annotate-dir", str(out))
    assert [p.name for p in out.iterdir()] == ["旧表.xlsx"]
    assert "校验结果" in openpyxl.load_workbook(out / "旧表.xlsx").sheetnames


def test_existing_outputs_need_force_and_nothing_is_written_without_it(
        inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    all_outputs(inbox, out)
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    code, stdout, err = all_outputs(inbox, out)
    assert code == 2 and "--force" in err and "已存在" in err
    assert stdout == ""  # refused before anything was read
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == written
    code, _, err = all_outputs(inbox, out, "--force")
    assert code == 2 and "已写出汇总工作簿" in err  # exit 2: the broken file, as before


def test_an_output_that_is_an_input_is_refused_even_with_force(inbox: Path,
                                                               tmp_path: Path) -> None:
    folder = copy_inbox(inbox, tmp_path)
    data = (folder / "政府办.xlsx").read_bytes()
    code, _, err = run(str(folder), "--annotate-dir", str(folder), "--force")
    assert code == 2 and "要校验的文件夹" in err
    code, _, err = run(str(folder / "政府办.xlsx"), "--annotate-dir", str(folder), "--force")
    assert code == 2 and "输入文件" in err
    assert (folder / "政府办.xlsx").read_bytes() == data


def test_outputs_inside_the_checked_folder_are_not_checked_as_submissions(
        inbox: Path, tmp_path: Path) -> None:
    folder = copy_inbox(inbox, tmp_path)
    args = ["--summary", str(folder / "汇总.xlsx"), "--annotate-dir", str(folder / "标注")]
    run(str(folder), *args)
    _, out, _ = run(str(folder), *args, "--force", "--format", "json")
    assert json.loads(out)["summary"]["files"] == 3


def test_summary_must_be_an_xlsx(inbox: Path, tmp_path: Path) -> None:
    code, _, err = run(str(inbox), "--summary", str(tmp_path / "汇总.xls"))
    assert code == 2 and "汇总.xlsx" in err


def warning_counts(inbox: Path) -> dict[str, int]:
    """Warnings per file name, from the JSON report of an unfiltered run."""
    _, out, _ = run(str(inbox), "--format", "json")
    return {Path(entry["file"]).name: sum(f["severity"] == "warning" for f in entry["findings"])
            for entry in json.loads(out)["files"]}


def docx_text(path: Path) -> tuple[list[str], list[list[str]]]:
    import docx

    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    rows = [[cell.text for cell in row.cells] for table in document.tables
            for row in table.rows]
    return paragraphs, rows


def test_opinion_lists_what_to_change_by_project_and_cell(sent_back: Path) -> None:
    paragraphs, rows = docx_text(sent_back / "审核意见" / "政府办-审核意见.docx")
    assert paragraphs[0] == "项目支出绩效目标审核意见"
    assert paragraphs[1] == "石嘴山市人民政府办公室："
    assert "不通过" in paragraphs[2] and "错误 2 处" in paragraphs[2]
    assert rows[0] == ["序号", "位置", "级别", "问题", "修改建议"]
    heading = next(i for i, row in enumerate(rows)
                   if row[0] == f"项目：{LAST_PROJECT}（工作表 项目07）")
    errors = rows[heading + 1:heading + 3]  # errors first within the project
    assert [row[2] for row in errors] == ["错误", "错误"]
    w001 = next(row for row in errors if "权重合计为 0" in row[3])
    assert w001[1] == "D20" and w001[4]  # the project's sheet is named in its heading
    # A rule found on several cells of one project: one row listing its cells.
    first = next(i for i, row in enumerate(rows) if row[0].startswith("项目："))
    q001 = rows[first + 1]
    assert "（6 处）" in q001[3] and q001[1].split() == [
        "C15", "C16", "C17", "C22", "C23", "C25"]


def test_opinion_of_a_passing_and_of_an_unreadable_unit(sent_back: Path) -> None:
    clean, _ = docx_text(sent_back / "审核意见" / "一科" / "干净-审核意见.docx")
    assert "审核结论：通过" in clean[2]
    broken, rows = docx_text(sent_back / "审核意见" / "坏-审核意见.docx")
    assert broken[1] == "报送单位：" and "无法读取" in broken[2] and not rows


def test_opinion_metadata_names_it_and_not_the_department_as_author(sent_back: Path) -> None:
    import docx

    properties = docx.Document(str(sent_back / "审核意见" / "政府办-审核意见.docx")
                               ).core_properties
    assert properties.title == "石嘴山市人民政府办公室项目支出绩效目标审核意见"
    assert properties.author == "" and properties.language == "zh-CN"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_opinion_of_the_seed_prints_on_at_most_two_pages(sent_back: Path,
                                                         tmp_path: Path) -> None:
    """43 findings in 7 projects: grouped by rule and with repeated fixes referred to, the
    table stays short enough to send back (LibreOffice's PDF, counted by pages)."""
    source = sent_back / "审核意见" / "政府办-审核意见.docx"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / source.with_suffix(".pdf").name).read_bytes()
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", pdf)) <= 2


def test_a_published_text_in_the_batch_gets_an_opinion_but_no_copy(tmp_path: Path) -> None:
    notice = tmp_path / "公告.txt"
    shutil.copy(SEED, notice)
    out = tmp_path / "out"
    code, _, err = run(str(notice), "--annotate-dir", str(out / "标注"), "--opinions-dir",
                       str(out / "审核意见"))
    assert code == 1
    assert "未写出标注副本" in err and "公告.txt" in err
    assert not (out / "标注").exists()
    assert [p.name for p in (out / "审核意见").iterdir()] == ["公告-审核意见.docx"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_long_batch_shows_a_bar_while_the_copies_are_written(tmp_path: Path,
                                                               inbox: Path) -> None:
    folder = tmp_path / "收件箱"
    folder.mkdir()
    for index in range(21):
        shutil.copy(inbox / "一科" / "干净.xlsx", folder / f"部门{index:02d}.xlsx")
    code, terminal = _run_with_stderr_on_a_terminal(
        ["validate", str(folder), "--annotate-dir", str(tmp_path / "标注"), "--jobs", "1"],
        tmp_path / "report.txt")
    assert code == 0
    assert "写出标注副本和审核意见" in terminal
    assert "已写出 21 份标注副本" in terminal


def test_opinion_with_errors_only_lists_errors_and_says_what_it_left_out(
        inbox: Path, tmp_path: Path) -> None:
    warnings = warning_counts(inbox)
    run(str(inbox), "--errors-only", "--opinions-dir", str(tmp_path))
    paragraphs, rows = docx_text(tmp_path / "政府办-审核意见.docx")
    assert f"发现错误 2 处（另有警告 {warnings['政府办.xlsx']} 处，本意见未列出）" in paragraphs[2]
    assert {row[2] for row in rows[1:] if not row[0].startswith("项目：")} == {"错误"}
    assert "警告" not in paragraphs[3]  # the closing asks nothing about warnings
    clean, _ = docx_text(tmp_path / "一科" / "干净-审核意见.docx")
    assert (f"未发现须修改的问题（另有警告 {warnings['干净.xlsx']} 处，本意见未列出）。"
            "审核结论：通过") in clean[2]


def test_copies_and_opinions_made_in_worker_processes_equal_the_serial_ones(
        tmp_path: Path, inbox: Path) -> None:
    import openpyxl

    folder = tmp_path / "收件箱"
    folder.mkdir()
    for index in range(8):
        shutil.copy(inbox / "政府办.xlsx", folder / f"部门{index}.xlsx")
    shutil.copy(inbox / "坏.xlsx", folder / "坏.xlsx")
    made = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        code, _, err = run(str(folder), "--annotate-dir", str(out / "标注"), "--opinions-dir",
                           str(out / "审核意见"), "--jobs", jobs)
        assert code == 2 and "已写出 8 份标注副本" in err and "已写出 9 份审核意见" in err
        files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        report = sheet_rows(openpyxl.load_workbook(out / "标注" / "部门3.xlsx")["校验结果"])
        made[jobs] = files, report, docx_text(out / "审核意见" / "部门5-审核意见.docx")
    assert made["1"] == made["2"]


def test_hostile_names_reach_the_summary_and_opinions_as_plain_text(tmp_path: Path) -> None:
    """A department name with a control character (a PDF paste's _x0000_), a file name with
    an escape sequence and bytes that are not UTF-8: the files are written, the text is
    kept readable, nothing breaks the XML."""
    import openpyxl

    department = read_text(SEED)
    department.name = "石嘴山市\x00人民政府<办公室>&"
    folder = tmp_path / "收件箱"
    folder.mkdir()
    name = os.fsdecode(b"\xb2\xbf\x1b[31m.xlsx")
    write_department(department, folder / name)
    out = tmp_path / "out"
    code, _, err = run(str(folder), "--summary", str(out / "汇总.xlsx"), "--opinions-dir",
                       str(out / "审核意见"))
    assert code == 1, err
    units = sheet_rows(openpyxl.load_workbook(out / "汇总.xlsx")["汇总"])
    assert units[2][0] == "石嘴山市人民政府<办公室>&"
    assert "\\xb2\\xbf" in units[2][1] and "\x1b" not in units[2][1]
    (opinion,) = (out / "审核意见").iterdir()
    paragraphs, _ = docx_text(opinion)
    assert paragraphs[1] == "石嘴山市人民政府<办公室>&："
    assert "\\xb2\\xbf" in paragraphs[2]


def test_a_project_heading_in_an_opinion_is_kept_with_its_first_row(sent_back: Path) -> None:
    """LibreOffice put 项目：… alone at the foot of page 1 and its rows on page 2."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(sent_back / "审核意见" / "政府办-审核意见.docx"))
    headings = [row for row in document.tables[0].rows
                if row.cells[0].text.startswith("项目：")]
    assert len(headings) == 7
    for row in headings:
        paragraph = row.cells[0].paragraphs[0]._p
        assert paragraph.pPr.find(qn("w:keepNext")) is not None
def test_accepted_warnings_count_apart_and_are_not_sent_back_as_changes(
        inbox: Path, tmp_path: Path) -> None:
    """A reviewer accepted one Q001 (xlperf.toml [[accept]]): the file line, the summary
    workbook and the 审核意见 count it as 已接受, not as a warning, and the opinion does not
    ask the unit to change it."""
    import openpyxl

    folder = tmp_path / "收件箱"
    folder.mkdir()
    shutil.copy(inbox / "政府办.xlsx", folder / "政府办.xlsx")
    (folder / "xlperf.toml").write_text(
        '[[accept]]\nfile = "政府办.xlsx"\ncode = "Q001"\ncell = "项目01!C15"\n'
        'reason = "按省厅统一口径填写"\n', encoding="utf-8")
    out = tmp_path / "out"
    left = warning_counts(inbox)["政府办.xlsx"] - 1
    code, stdout, err = run(str(folder), "--summary", str(out / "汇总.xlsx"), "--opinions-dir",
                            str(out / "审核意见"))
    assert code == 1, err
    assert f"错误 2 个、警告 {left} 个、已接受 1 个 — 不通过" in line_of(stdout, str(folder))
    workbook = openpyxl.load_workbook(out / "汇总.xlsx")
    row = sheet_rows(workbook["汇总"])[2]
    assert row[4] == left and "已接受 1 个" in row[8]
    accepted = [r for r in sheet_rows(workbook["问题清单"]) if r[6] == "已接受"]
    assert len(accepted) == 1 and accepted[0][8] == "接受理由：按省厅统一口径填写"
    paragraphs, rows = docx_text(out / "审核意见" / "政府办-审核意见.docx")
    assert f"警告 {left} 处（另有已接受 1 处，本意见未列出）" in paragraphs[2]
    assert any("（5 处）" in r[3] for r in rows)  # Q001 on 项目01: 6 found, 1 accepted
