"""``compare`` across layouts and containers: a department written in any published family,
last year as a text copied from a web page and this year as a workbook."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from family_writers import FAMILIES, browser_text, save_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_layout_families import departments

from xlperf.review.engine import compare
from xlperf.sources import read_department
from xlperf.sources.text.reader import parse_text

SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


def _years(last, this, family: str, tmp_path: Path):
    text = parse_text(browser_text(FAMILIES[family](last)))
    book = read_department(save_xlsx(FAMILIES[family](this), tmp_path / "本年.xlsx"))
    return text, book


@pytest.mark.parametrize("family", list(FAMILIES))
def test_the_same_department_in_two_containers_reports_nothing(family: str,
                                                               tmp_path: Path) -> None:
    @SETTINGS
    @given(departments(family))
    def nothing(department) -> None:
        assert compare(*_years(department, department, family, tmp_path))[1] == []

    nothing()


def test_one_floor_lowered_in_a_list_layout_is_found_across_containers(tmp_path: Path) -> None:
    @SETTINGS
    @given(departments("flat_list"), st.data())
    def lowered(department, data) -> None:
        project = data.draw(st.integers(0, len(department.projects) - 1))
        row = data.draw(st.integers(0, len(department.projects[project].indicators) - 1))
        before = data.draw(st.integers(2, 500))
        after = data.draw(st.integers(1, before - 1))
        this = copy.deepcopy(department)
        for side, number in ((department, before), (this, after)):
            item = side.projects[project].indicators[row]
            item.comparator, item.target = "≥", str(number)
            item.value = f"≥{number}{item.unit}"
        findings = compare(*_years(department, this, "flat_list", tmp_path))[1]
        assert [f.rule for f in findings] == ["Y001"]
        assert findings[0].project == department.projects[project].name
        assert f"{before}" in findings[0].message and f"{after}" in findings[0].message

    lowered()
