"""The command line speaks Chinese throughout: click's own words, defaults, docs it names.

Everything a user sees is Chinese: the help pages' headings and markers and click's error
messages (a typo in a command name, a missing argument, a bad value) too.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlperf.cli import COMMANDS, cli
from xlperf.sources.text.reader import read_text
from xlperf.writers.workbook.writer import write_department

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seed_notice.txt"
# click's English, as it prints it without a translation.
ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit", "[default:",
           "[required]", "Error:", "Missing argument", "No such command", "Invalid value",
           "Try '", "Show the version", "Got unexpected", "requires an argument",
           "does not exist", "is not one of", "is not in the range", "[OPTIONS]",
           "COMMAND [ARGS]")
HELP_PAGES = [[name] for name in COMMANDS] + [
    ["excel", "build-addin"], ["excel", "install"], ["excel", "bundle"]]


def xlperf(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    """The command's exit code and everything it printed (stdout and stderr)."""
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(cli, list(args), prog_name="xlperf")
    else:
        old = Path.cwd()
        os.chdir(cwd)
        try:
            result = runner.invoke(cli, list(args), prog_name="xlperf")
        finally:
            os.chdir(old)
    return result.exit_code, result.stdout + result.stderr


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("command", [[], *HELP_PAGES], ids=lambda c: " ".join(c) or "xlperf")
def test_every_help_page_has_chinese_headings_and_markers(command: list[str]) -> None:
    code, text = xlperf(*command, "--help")
    assert code == 0
    assert text.startswith("用法：xlperf") and "选项：" in text and "显示本帮助并退出" in text
    assert english_in(text) == []


def test_defaults_and_required_markers_are_chinese() -> None:
    _, text = xlperf("validate", "--help")
    assert "[默认：text]" in text
    _, text = xlperf("excel", "bundle", "--help")
    assert "[必填]" in text


@pytest.mark.parametrize(("args", "chinese"), [
    (("nosuch",), "没有命令“nosuch”"),
    (("valdate",), "没有命令“valdate”，是不是要用 validate？"),
    (("export",), "缺少参数"),
    (("validate", "--format", "xml", "x.xlsx"), "取值无效"),
    (("validate", "--jobs", "-3", "x.xlsx"), "不在允许的范围"),
    (("validate", "--select"), "后面需要一个值"),
    (("validate", "--nosuch"), "没有选项“--nosuch”"),
    (("export", "a.xlsx", "b.xlsx"), "多出了参数"),
    (("show", "不存在.xlsx", "--json", "--format"), "没有选项"),
], ids=lambda a: " ".join(a) if isinstance(a, tuple) else "")
def test_usage_errors_are_chinese_with_exit_2(args: tuple[str, ...], chinese: str) -> None:
    code, text = xlperf(*args)
    assert code == 2
    assert chinese in text and "错误：" in text
    assert english_in(text) == []


def test_every_document_a_help_text_names_exists_in_docs() -> None:
    named: set[str] = set()
    for command in ([], *HELP_PAGES):
        _, text = xlperf(*command, "--help")
        text = re.sub(r"\s*\n\s*", "", text)  # names wrapped over two lines
        named |= set(re.findall(r"[\w-]+\.md", text))
    assert named  # the help texts do point at docs
    assert sorted(name for name in named if not (ROOT / "docs" / name).is_file()) == []


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("here")
    write_department(read_text(SEED), folder / "政府办.xlsx")
    return folder / "政府办.xlsx"


def test_validate_without_a_path_checks_the_current_folder(workbook: Path) -> None:
    code, text = xlperf("validate", cwd=workbook.parent)
    assert code == 1  # the seed's two errors: it was checked
    assert "校验当前文件夹" in text and "政府办.xlsx — 石嘴山市人民政府办公室" in text


def test_validate_without_a_path_in_an_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    code, text = xlperf("validate", cwd=tmp_path)
    assert code == 2
    assert "当前文件夹中没有" in text and "xlperf validate 部门.xlsx" in text


def test_notice_without_output_writes_to_a_default_folder(workbook: Path, tmp_path: Path) -> None:
    code, text = xlperf("notice", str(workbook), "--draft", "--format", "txt", cwd=tmp_path)
    assert code == 0, text
    assert "未指定 -o" in text
    assert list((tmp_path / "公开").rglob("*.txt"))


def test_annotate_onto_an_existing_file_asks_for_force(workbook: Path, tmp_path: Path) -> None:
    target = tmp_path / "标注.xlsx"
    target.write_bytes(b"the reviewer's own file")
    code, text = xlperf("validate", str(workbook), "--annotate", str(target))
    assert code == 2 and "--force" in text
    assert target.read_bytes() == b"the reviewer's own file"  # nothing lost
    code, _ = xlperf("validate", str(workbook), "--annotate", str(target), "--force")
    assert code == 1
    assert "校验结果" in openpyxl.load_workbook(target).sheetnames


@pytest.mark.parametrize(("args", "line"), [
    (("export",), "错误：缺少参数 “WORKBOOK”。"),
    (("validate", "--jobz", "2"), "错误：没有选项“--jobz”。是不是要用 “--jobs”？"),
])
def test_click_s_own_punctuation_is_chinese_too(args: tuple[str, ...], line: str) -> None:
    """click writes these around its translated words with ASCII quotes and a full stop."""
    code, text = xlperf(*args)
    assert code == 2
    assert line in text.splitlines()


def test_a_folder_names_the_published_texts_it_does_not_check(workbook: Path,
                                                               tmp_path: Path) -> None:
    """A reviewer's inbox holds PDFs and copied texts beside the workbooks: the folder run
    checks the workbooks and says which other tables it left, and how to check them."""
    shutil.copy(workbook, tmp_path / "政府办.xlsx")
    shutil.copy(SEED, tmp_path / "公开文本.txt")
    (tmp_path / "来函").mkdir()
    (tmp_path / "来函" / "某局.pdf").write_bytes(b"%PDF-1.4\n")
    code, text = xlperf("validate", str(tmp_path))
    assert code == 1, text  # the workbook was checked (the seed's two errors)
    assert "2 个文本、网页、Word 或 PDF 文件未读取" in text
    assert "公开文本.txt" in text and "某局.pdf" in text and "xlperf validate" in text


def test_a_folder_of_texts_only_is_told_to_name_them(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "公开文本.txt")
    code, text = xlperf("validate", str(tmp_path))
    assert code == 2
    assert "1 个文本、网页、Word 或 PDF 文件未读取" in text
    assert "没有找到可校验的工作簿（.xlsx/.xlsm/.xls/.xlsb/.ods）" in text
    code, text = xlperf("notice", str(tmp_path), "-o", str(tmp_path / "公开"))
    assert code == 2
    assert f"xlperf notice {tmp_path / '公开文本.txt'}" in text
    assert not (tmp_path / "公开").exists()
