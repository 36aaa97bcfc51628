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
    finding_lines = [line.strip() for line in out.splitlines() if line.startswith("    ")]
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
