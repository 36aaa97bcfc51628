"""The real published sample: exactly C001 and W001 on its last project are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlperf.sources.text.reader import read_text
from xlperf.validation.engine import validate
from xlperf.validation.findings import Finding

SEED = Path(__file__).parent / "data" / "seed_notice.txt"
LAST = "自治区党政专用通信网二级网运行维护费"


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return validate([read_text(SEED)])


def test_only_the_last_project_has_errors_c001_and_w001(findings: list[Finding]) -> None:
    errors = [(f.rule, f.project) for f in findings if f.severity == "error"]
    assert errors == [("C001", LAST), ("W001", LAST)]


def test_w001_names_the_total(findings: list[Finding]) -> None:
    (w001,) = [f for f in findings if f.rule == "W001"]
    assert w001.message == "权重合计为 0，应为 100"
    assert w001.file == str(SEED)
    assert w001.sheet is None and w001.cell is None  # a text has no sheets or cells …
    assert w001.row == 206  # … so the finding names the line: the project's last row


def test_warnings_a_reviewer_would_agree_with(findings: list[Finding]) -> None:
    found = {(f.rule, f.project) for f in findings}
    assert ("Q001", "异地交流任职和挂职领导工作经费") in found  # 做好工作保障
    assert ("C004", LAST) in found  # goal 工作保障
    assert ("C002", LAST) in found  # every row 本指标不适用
    vague = [f for f in findings if f.rule == "Q001" and "做好工作保障" in f.message]
    assert len(vague) == 1


def test_cost_rates_and_annual_amounts_do_not_exceed_the_money(findings: list[Finding]) -> None:
    # Project 3's cost rows (4+8+5+15+2+1 万元) add up to exactly its 35 万元; projects 5 and 6
    # state rates (每页0.35元, 每期2000元), which are not totals.
    assert [f for f in findings if f.rule in ("K001", "Q002", "K002", "H002", "H003")] == []


def test_measurable_seed_targets_are_not_flagged(findings: list[Finding]) -> None:
    flagged = " ".join(f.message for f in findings if f.rule == "Q001")
    for text in ("全年督查不少于 50 次", "11 月底前全部办复", "1-2 名挂职领导", "每月15日前",
                 "3个工作日内", "全年365天", "达到合同约定标准", "满意度≥90%"):
        assert text not in flagged


def test_findings_come_in_project_order(findings: list[Finding]) -> None:
    department = read_text(SEED)
    order = {p.name: i for i, p in enumerate(department.projects)}
    positions = [order[f.project] for f in findings]
    assert positions == sorted(positions)


# The rules added for issue 15 (review across tables): on the seed they find exactly the
# department's two differing counts of its government websites, and nothing else.
REVIEW_CODES = ("H005", "S005", "Q005", "Q006", "Q007", "K004", "K005", "W006", "W007",
                "T002", "T003", "X")


def test_the_two_projects_stating_5_and_4_government_websites_are_found(
        findings: list[Finding]) -> None:
    (x001,) = [f for f in findings if f.rule == "X001"]
    assert x001.project == "石嘴山市人民政府网运行维护及升级改造费"
    assert x001.row == 76  # this project's 全市政府网站4个 …
    assert "全市政府网站4个" in x001.message
    # … and the other project's row, named in the message with its line.
    assert "石嘴山市人民政府网站群和政务新媒体平台动态监测费" in x001.message
    assert "第 51 行" in x001.message and "全市政府网站 5 个" in x001.message
    assert "4个 与 5个" in x001.message


def test_the_review_rules_find_nothing_else_on_the_seed(findings: list[Finding]) -> None:
    review = [(f.rule, f.row) for f in findings if f.rule.startswith(REVIEW_CODES)]
    assert review == [("X001", 76)]
    # 政务新媒体 228 个 is stated alike in projects 2 and 3; the 社会效益 sentence both
    # 政务公开 projects share is one row, not a copied table (X002).
