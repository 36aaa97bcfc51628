"""The terminal report: grouped by file and project, readable without colour."""

from __future__ import annotations

import io
import re

from rich.console import Console

from xlperf.reports.results import FileResult
from xlperf.reports.terminal import print_report
from xlperf.validation.findings import Finding

LAST_PROJECT = "自治区党政专用通信网二级网运行维护费"


def render(results: list[FileResult], **console_options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=60, **console_options)
    print_report(results, console)
    return buffer.getvalue()


def sample() -> list[FileResult]:
    return [
        FileResult("submissions/政府办.xlsx", "石嘴山市人民政府办公室", 7, [
            Finding("C001", "error", "没有适用的效益指标", LAST_PROJECT, "项目07", None),
            Finding("W001", "error", "权重合计为 0，应为 100", LAST_PROJECT, "项目07", "D20"),
            Finding("Q001", "warning", "目标不可衡量：有力推动市政府工作报告重点任务落实",
                    "重点工作专项督查组工作经费", "项目01", "C15"),
            Finding("K003", "error", "部门合计 100 与项目合计 97 不符", None, "项目清单", "B40"),
        ]),
        FileResult("submissions/坏.xlsx", error="文件已损坏，无法打开"),
        FileResult("submissions/干净.xlsx", "某某局", 3, []),
    ]


def test_each_finding_line_has_word_code_location_and_message() -> None:
    lines = render(sample()).splitlines()
    assert "错误 W001 项目07!D20  权重合计为 0，应为 100" in [line.strip() for line in lines]
    assert "警告 Q001 项目01!C15  目标不可衡量：有力推动市政府工作报告重点任务落实" in [
        line.strip() for line in lines]
    # No cell: the sheet alone.
    assert "错误 C001 项目07  没有适用的效益指标" in [line.strip() for line in lines]


def test_findings_are_grouped_by_file_then_project_department_first() -> None:
    lines = [line.strip() for line in render(sample()).splitlines()]
    lines = lines[:lines.index("按规则统计：")]  # the findings, not the closing counts
    file_at = next(i for i, line in enumerate(lines) if line.startswith("submissions/政府办.xlsx"))
    department_at = lines.index("（部门）")
    k003_at = next(i for i, line in enumerate(lines) if "K003" in line)
    # Projects in the order their findings came (the run sorts them in workbook order).
    last_at = lines.index(LAST_PROJECT)
    first_at = lines.index("重点工作专项督查组工作经费")
    assert file_at < department_at < k003_at < last_at < first_at
    # Both findings of the last project sit under its heading, not repeated headings.
    assert lines.count(LAST_PROJECT) == 1
    assert {i for i, line in enumerate(lines) if "C001" in line or "W001" in line} == {
        last_at + 1, last_at + 2}


def test_unreadable_and_clean_files_are_reported() -> None:
    text = render(sample())
    assert "submissions/坏.xlsx — 无法读取：文件已损坏，无法打开" in text
    assert "submissions/干净.xlsx — 某某局，3 个项目：未发现问题" in text


def test_summary_line_counts() -> None:
    last = render(sample()).strip().splitlines()[-1]
    assert last == "共检查 3 个文件、10 个项目：错误 3 个，警告 1 个，提示 0 个；无法读取 1 个文件"


def test_summary_without_unreadable_files_does_not_mention_them() -> None:
    last = render([FileResult("a.xlsx", "甲局", 2, [])]).strip().splitlines()[-1]
    assert last == "共检查 1 个文件、2 个项目：错误 0 个，警告 0 个，提示 0 个"


def test_no_colour_codes_when_not_a_terminal_or_no_color(monkeypatch) -> None:
    assert "\x1b[" not in render(sample())  # a StringIO is not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    on_terminal = render(sample(), force_terminal=True)
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", on_terminal)  # no foreground colour at all
    # Bold may remain; the words alone carry the meaning.
    assert "错误 W001 项目07!D20" in re.sub(r"\x1b\[[0-9;]*m", "", on_terminal)


def test_colour_on_a_terminal_repeats_what_the_words_say(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = render(sample(), force_terminal=True, color_system="standard")
    assert "\x1b[" in coloured
    assert "错误" in coloured and "警告" in coloured


def test_long_messages_are_not_broken_across_lines() -> None:
    message = "目标不可衡量：" + "推动" * 60
    text = render([FileResult("a.xlsx", "甲局", 1, [
        Finding("Q001", "warning", message, "项目甲", "项目01", "C11")])])
    assert message in text


def test_user_text_is_not_read_as_markup() -> None:
    text = render([FileResult("a.xlsx", "甲局", 1, [
        Finding("S003", "error", "三级指标为空 [bold]x[/bold]", "[red]项目[/red]", "项目01",
                "C11")])])
    assert "[bold]x[/bold]" in text and "[red]项目[/red]" in text
