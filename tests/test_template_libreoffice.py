"""The template as LibreOffice shows it after a finance officer edits it (rows inserted,
weights typed, choices made), checked through LibreOffice's own calculation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from office import in_libreoffice, libreoffice_missing

from xlperf.writers.workbook.writer import write_template

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.skipif(libreoffice_missing() is not None,
                                reason=libreoffice_missing() or "")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "模板.xlsx"
    write_template(path, department="某某局", year=2025)
    return path


def test_total_counts_rows_inserted_above_total_at_the_top_and_in_the_middle(
        template: Path, tmp_path: Path) -> None:
    shown = in_libreoffice(DATA / "lo_template_edit.py", tmp_path / "profile",
                           str(template), "项目01")
    balanced, short = shown["balanced"], shown["short"]
    assert balanced["total"] == 100, balanced  # 10 + 40 + 30 + 20: every typed weight
    assert balanced["red"] is False, balanced
    assert short["total"] == 95, short
    assert short["red"] is True, short


def test_level2_list_follows_the_chosen_level1(template: Path, tmp_path: Path) -> None:
    """Rows 11–18 sit under 1-产出指标 (merged A11:A18), rows 19–26 under 2-效益指标."""
    entries = {"B11": "21-经济效益", "B13": "12-质量指标", "B15": "14-成本指标",
               "B21": "22-社会效益", "B23": "11-数量指标"}
    rejected = in_libreoffice(DATA / "lo_template_choices.py", tmp_path / "profile",
                              str(template), "项目01", json.dumps(entries, ensure_ascii=False))
    assert sorted(rejected) == ["B11", "B23"]  # a 二级 under another 一级 is marked
