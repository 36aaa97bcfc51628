"""``xlperf demo`` is the README's first command: it must run end to end."""

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from xlperf.cli import cli

DEPARTMENT = "石嘴山市人民政府办公室"


def test_demo_writes_the_workbook_the_marked_copy_and_a_draft_notice(tmp_path: Path) -> None:
    out = tmp_path / "演示"
    result = CliRunner().invoke(cli, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out / f"{DEPARTMENT}.xlsx")
    assert len([name for name in workbook.sheetnames if name.startswith("项目")]) == 8  # 清单 + 7
    marked = openpyxl.load_workbook(out / f"{DEPARTMENT}-校验标记.xlsx")
    assert "校验结果" in marked.sheetnames
    assert marked["项目07"]["D20"].comment is not None  # W001 on the last project
    drafts = sorted(p.name for p in (out / "公告" / DEPARTMENT).iterdir())
    assert drafts and all("草稿" in name for name in drafts)
    assert {Path(name).suffix for name in drafts} == {".txt", ".html", ".docx", ".xlsx"}
    assert "W001" in result.output and "C001" in result.output


def test_demo_runs_again_over_its_own_output(tmp_path: Path) -> None:
    """The demo replaces what it wrote last time (the module says so), marked copy included."""
    out = tmp_path / "演示"
    first = CliRunner().invoke(cli, ["demo", "-o", str(out)])
    again = CliRunner().invoke(cli, ["demo", "-o", str(out)])
    assert (first.exit_code, again.exit_code) == (0, 0), again.output
