"""``xlperf show FILE --explain``: how each row was read, so a reviewer sees why a table reads
as it does — which header field, which indicator, which row skipped and why.

The promise a reviewer relies on is that no row of a table is passed over without a word:
every row from the table's first on is named, with its line (a text) or its sheet and row
(a workbook). Before 2026-12-04 a cost breakdown's lines, a funds block's sub-items
(1、事业收入 under 自有资金) and a funds line left blank (其他资金) were read, or rightly
left, without a line in the explanation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_real_layouts import DATA, READABLE

from xlperf.cli import cli

SEED = DATA / "seed_notice.txt"
TEXTS = [source for source, _, _ in READABLE] + [SEED]


def explain(source: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["show", str(source), "--explain"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def explained_lines(output: list[str]) -> set[int]:
    return {int(match.group(1)) for line in output
            if (match := re.match(r"^第 (\d+) 行", line)) is not None}


@pytest.mark.parametrize("source", TEXTS, ids=[p.stem[:16] for p in TEXTS])
def test_every_row_of_the_table_is_named_in_the_explanation(source: Path) -> None:
    lines = source.read_text(encoding="utf-8").split("\n")
    named = explained_lines(explain(source))
    first = min(named)  # the notice above the first table is the notice's, not a row's
    silent = [(number, text) for number, text in enumerate(lines, start=1)
              if number > first and text.strip() and number not in named]
    assert silent == []


def test_the_explanation_says_what_each_row_became() -> None:
    output = explain(SEED)
    assert any(re.match(r"^第 18 行 +表头 +项目名称：重点工作专项督查组工作经费$", line)
               for line in output)
    assert any(re.match(r"^第 24 行 +指标 +指标：1-产出指标 / 11-数量指标 / 全年督查不少于 50 次 "
                        r"/ 权重 20\.0$", line) for line in output)
    assert ("项目“重点工作专项督查组工作经费”：按本地表样读取，16 条指标；"
            "表格的列：一级指标、二级指标、三级指标、权重") in output


def test_a_cost_breakdown_and_a_funds_blocks_parts_are_explained() -> None:
    ezhou = next(source for source, key, _ in READABLE if key == "ezhou_two_level")
    output = "\n".join(explain(ezhou))
    assert re.search(r"第 5 行 +成本表 +成本构成：保安服务费，191 万元（不作为指标读取）", output)
    guangyuan = next(source for source, key, _ in READABLE if key == "06")
    output = "\n".join(explain(guangyuan))
    assert re.search(r"第 11 行 +跳过 +资金来源的分项：0 万元（已计入其所属的资金行）", output)
    zhongjiang = next(source for source, key, _ in READABLE if key == "10")
    output = "\n".join(explain(zhongjiang))
    assert re.search(r"第 7 行 +表头 +资金来源（其他资金）：未填金额", output)


def test_a_workbooks_rows_are_named_by_sheet_and_row(tmp_path: Path) -> None:
    workbook = tmp_path / "导入.xlsx"
    result = CliRunner().invoke(cli, ["import", str(SEED), "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    output = explain(workbook)
    assert any(re.match(r"^项目01 第 11 行 +指标 +指标：1-产出指标 / 11-数量指标 / "
                        r"全年督查不少于 50 次 / 权重 20\.0$", line) for line in output)


def test_a_goals_further_line_and_a_wrapped_names_tail_are_named(tmp_path: Path) -> None:
    """A goal written over two lines, a name cut where its cell wrapped (a text): each
    further line is named as the field's continuation (before 2026-12-04 it was read into
    the field without a line in the explanation)."""
    source = tmp_path / "申报表.txt"
    source.write_text("项目名称\t农村人居环境\n整治项目\n项目年度金额\t120\n"
                      "年度总体绩效目标\t完成30个行政村人居环境整治\n村庄环境明显改善\n"
                      "一级指标\t二级指标\t三级指标\t指标值\n"
                      "产出指标\t数量指标\t整治行政村数量\t30个\n", encoding="utf-8")
    output = "\n".join(explain(source))
    assert re.search(r"第 2 行 +表头 +项目名称（续）：整治项目", output)
    assert re.search(r"第 5 行 +表头 +年度总体绩效目标（续）：村庄环境明显改善", output)
