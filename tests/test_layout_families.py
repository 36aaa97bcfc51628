"""Any department written in any published family reads back to the same department.

The writers (family_writers.py) lay a generated department out as each family
of real forms does; the department must come back from every container an
office sends: a text copied from a web page (merged cells left out of later
rows), a text copied from a PDF (merged cells empty), a workbook with merged
cells — and through LibreOffice as .xls and .ods, where it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from family_writers import (
    FAMILIES,
    browser_text,
    pdf_text,
    reading_notes,
    save_xlsx,
    template_notes,
    what_it_says,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlperf.cli import cli
from xlperf.model import Department, Funds, Indicator, Project
from xlperf.sources import read_department
from xlperf.sources.text.reader import parse_text

# Realistic cell texts (generated text could spell a label; real tables do not).
NAMES = ["培训人次", "覆盖行政村数量", "设备采购数量", "工程验收合格率", "资金拨付及时率",
         "项目完成时间", "人均补助标准", "受益群众人数", "带动就业人数", "道路维护里程",
         "群众知晓率", "档案数字化页数", "服务对象满意度", "受益农户满意度", "学员满意度",
         "系统运行稳定率", "安全事故发生次数", "维修响应时间", "检测样品批次", "宣传活动场次"]
VALUES = ["≥5000人次", "100%", "≥95%", "2024年11月底前", "≤600元", "≥30户", "显著提升",
          "稳步提高", "≥90%", "10个", "≤2小时", "0次", "≥80%", "12期", "明显改善"]
UNITS = ["人次", "%", "个", "户", "元", "年"]
PROJECT_NAMES = ["职业技能提升培训", "农村人居环境整治", "政务信息系统运维", "学校校舍维修改造",
                 "城乡环境卫生整治", "档案数字化加工", "基层组织活动经费", "村组干部报酬"]
UNIT_NAMES = ["某县人力资源和社会保障局", "某县农业农村局", "某镇人民政府", "某县档案馆"]
GOALS = ["全年完成培训5000人次，培训合格率不低于90%",
         "完成30个行政村人居环境整治，村庄环境明显改善",
         "保障系统全年稳定运行，故障响应不超过2小时"]

OUTPUTS = ["数量指标", "质量指标", "时效指标", "成本指标"]
EFFECTS = ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]


@st.composite
def named(draw, pool: list[str]) -> str:
    """A pool's text, made distinct by a number (names repeat within a table otherwise)."""
    return f"{draw(st.sampled_from(pool))}{draw(st.integers(1, 99))}"


@st.composite
def output_and_effect_rows(draw) -> list[tuple[str, str]]:
    """(一级, 二级) of a table's rows in the order forms list them: 产出, 效益, 满意度."""
    rows = [("产出指标", level2) for level2 in draw(st.lists(st.sampled_from(OUTPUTS),
                                                           min_size=1, max_size=4))]
    rows += [("效益指标", level2) for level2 in draw(st.lists(st.sampled_from(EFFECTS),
                                                           min_size=1, max_size=3))]
    return sorted(rows, key=lambda r: ((OUTPUTS + EFFECTS).index(r[1]),))


# The older provincial first levels (项目完成指标 / 项目效益指标) for 产出 / 效益.
PROVINCIAL_LEVEL1 = {"产出指标": "项目完成指标", "效益指标": "项目效益指标"}
STANDARDS = ["计划标准", "行业标准", "历史标准", "其他标准"]
TERMS = ["2023.07-2024.01", "2023年1月-2023年12月", "2023年", "1年"]


def _indicators(draw, family: str) -> list[Indicator]:
    rows = draw(output_and_effect_rows())
    satisfaction = ("效益指标", "社会公众或服务对象满意度指标") if family == "central" \
        else ("满意度指标", "服务对象满意度指标")
    if family == "provincial":
        # Satisfaction is a first level, or (湖南) a second level of 项目效益指标.
        rows = [(PROVINCIAL_LEVEL1[level1], level2) for level1, level2 in rows]
        satisfaction = draw(st.sampled_from([("满意度指标", "服务对象满意度指标"),
                                             ("项目效益指标", "社会公众或服务对象满意度指标")]))
    rows.append(satisfaction)
    items = []
    for level1, level2 in rows:
        item = Indicator(level1, level2, draw(named(NAMES)))
        if family == "local":
            item.weight = float(draw(st.integers(1, 30)))
        elif family == "flat_list":
            item.comparator = draw(st.sampled_from(["≥", "≤", "="]))
            item.target = str(draw(st.integers(1, 500)))
            item.unit = draw(st.sampled_from(UNITS))
            item.value = f"{item.comparator}{item.target}{item.unit}"
            item.weight = float(draw(st.integers(1, 30)))
        elif family == "self_evaluation":
            item.value = draw(st.sampled_from(VALUES))
            item.actual = item.value
            item.weight = float(draw(st.integers(1, 20)))
            item.points = item.weight
        elif family == "two_level":
            item.value = draw(st.sampled_from(VALUES))
            item.standard = f"反映{item.name}情况"
            if level1 != "产出指标":  # a two-level table has no 二级 for these
                item.level2 = ""
        elif family == "provincial":
            item.value = draw(st.sampled_from(VALUES))
            item.standard = draw(st.sampled_from(STANDARDS))
        else:
            item.value = draw(st.sampled_from(VALUES))
        items.append(item)
    if family == "self_evaluation":
        for item in items:
            item.level1 = f"{item.level1}({draw(st.integers(10, 70))}分)"
        _same_score_per_level1(items)
    return items


def _same_score_per_level1(items: list[Indicator]) -> None:
    """A 一级's declared score is the same on each of its rows (one merged cell)."""
    first: dict[str, str] = {}
    for item in items:
        base = item.level1.split("(")[0]
        item.level1 = first.setdefault(base, item.level1)


@st.composite
def departments(draw, family: str) -> Department:
    projects = []
    names = draw(st.lists(st.sampled_from(PROJECT_NAMES), min_size=1, max_size=3,
                          unique=True))
    for name in names:
        amount = float(draw(st.integers(1, 5000)))
        project = Project(name=name, competent_department=draw(st.sampled_from(UNIT_NAMES)),
                          implementing_unit=draw(st.sampled_from(UNIT_NAMES)),
                          amount=amount, goal=draw(st.sampled_from(GOALS)),
                          indicators=_indicators(draw, family))
        if family == "local":
            project.attribute, project.term, project.division = "0101-一年期项目", "1年", "01-科"
        if family in ("central", "long_term_pairs"):
            project.mid_term_goal = draw(st.sampled_from(GOALS))
            project.funds = Funds(total=amount, fiscal=amount, other=0.0)
        if family == "provincial":
            project.mid_term_goal = draw(st.sampled_from(GOALS))
            project.term = draw(st.sampled_from(TERMS))
        if family == "transfer":
            other = float(draw(st.integers(0, min(3, int(amount)))))
            project.funds = Funds(total=amount, fiscal=amount - other, other=other)
        if family == "long_term_pairs":
            project.long_term_indicators = [
                Indicator(i.level1, i.level2, i.name, value=draw(st.sampled_from(VALUES)))
                for i in project.indicators]
        if family == "two_level":
            lines = [("保安服务费", float(draw(st.integers(1, 300)))),
                     ("保洁服务费", float(draw(st.integers(1, 300))))]
            project.amount = sum(amount for _, amount in lines)
            project.cost_lines = [*lines, ("合计", project.amount)]
        projects.append(project)
    return Department(projects=projects)


CONTAINERS = ("browser text", "pdf text", "xlsx")


def _read(container: str, table, tmp_path: Path) -> Department:
    if container == "browser text":
        return parse_text(browser_text(table))
    if container == "pdf text":
        return parse_text(pdf_text(table))
    return read_department(save_xlsx(table, tmp_path / "table.xlsx"))


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("family", list(FAMILIES))
def test_any_department_in_any_family_reads_back(family: str, container: str,
                                                 tmp_path: Path) -> None:
    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(departments(family))
    def reads_back(department: Department) -> None:
        table = FAMILIES[family](department)
        read = _read(container, table, tmp_path)
        assert what_it_says(read, family) == what_it_says(department, family)
        assert [[n.text for n in p.notes] for p in read.projects] == \
            reading_notes(department, family)
        assert {p.layout for p in read.projects} == {family}
        # The template's notes (transfer) are kept for T004: not indicators, not the goal.
        assert [[n.text for n in p.template_notes] for p in read.projects] == \
            template_notes(department, family)

    reads_back()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", [".xls", ".ods"])
@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_family_reads_from_xls_and_ods_saved_by_libreoffice(
        family: str, suffix: str, tmp_path: Path) -> None:
    """Converted by a real office program: what calamine reads from .xls and .ods."""
    department = departments(family).example()
    source = save_xlsx(FAMILIES[family](department), tmp_path / "table.xlsx")
    target = suffix.lstrip(".")
    filter_name = {"xls": "xls:MS Excel 97", "ods": "ods"}[target]
    subprocess.run([SOFFICE, "--headless", "--convert-to", filter_name, "--outdir",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=120,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    read = read_department(tmp_path / f"table{suffix}")
    assert what_it_says(read, family) == what_it_says(department, family)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_any_department_in_any_family_imports_and_reads_back(family: str,
                                                             tmp_path: Path) -> None:
    """The reviewer's second path: ``xlperf import`` of the text (which reads the workbook
    it wrote back before keeping it), then the workbook read as xlperf's own."""
    @settings(max_examples=8, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(departments(family))
    def imports(department: Department) -> None:
        source, workbook = tmp_path / "申报表.txt", tmp_path / "部门.xlsx"
        source.write_text(browser_text(FAMILIES[family](department)), encoding="utf-8")
        workbook.unlink(missing_ok=True)
        result = CliRunner().invoke(cli, ["import", str(source), "-o", str(workbook)])
        assert result.exit_code == 0, result.output
        noted = sum(map(len, reading_notes(department, family)))  # 综述 of a 自评表
        assert (f"{noted} 行未能识别" if noted else "每一行都已识别") in result.output
        read = read_department(workbook)
        assert what_it_says(read, family) == what_it_says(department, family)

    imports()
