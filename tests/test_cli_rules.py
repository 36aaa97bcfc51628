"""``xlperf rules``: the catalogue and the configuration in force, for people and programs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from xlperf.cli import cli
from xlperf.sources.text.reader import read_text
from xlperf.writers.workbook.writer import write_department

SEED = Path(__file__).parent / "data" / "seed_notice.txt"


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, ["rules", *args])


def test_lists_every_rule_and_the_defaults(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = _run(str(tmp_path))
    assert result.exit_code == 0, result.output
    for code in ("H001", "S002", "C004", "W001", "W005", "Q004", "K003", "T001"):
        assert code in result.output
    assert "权重合计不等于要求值" in result.output
    assert "未找到 xlperf.toml" in result.output


def test_shows_the_configuration_file_in_force(tmp_path: Path) -> None:
    (tmp_path / "xlperf.toml").write_text(
        'required_total = 10\nignore = ["Q001"]\npolicy = "产出 5 / 效益 3 / 满意度 2"\n'
        '[severity]\nC004 = "error"\n', encoding="utf-8")
    result = _run(str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "xlperf.toml" in result.output
    assert "权重合计要求：10" in result.output
    assert "产出 5 / 效益 3 / 满意度 2" in result.output
    assert "已关闭" in result.output  # Q001
    assert "（默认警告）" in result.output  # C004 raised to error


def test_json_output(tmp_path: Path) -> None:
    (tmp_path / "xlperf.toml").write_text('ignore = ["T"]\n', encoding="utf-8")
    result = _run(str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rules = {rule["code"]: rule for rule in data["rules"]}
    from xlperf.validation.rules import CODES

    assert list(rules) == list(CODES)  # every rule, in catalogue order
    assert rules["T001"]["enabled"] is False and rules["W001"]["enabled"] is True
    assert rules["W001"]["severity"] == "error"
    assert data["config"]["ignore"] == ["T"]


def test_one_rule_in_detail() -> None:
    result = _run("--code", "w001")
    assert result.exit_code == 0, result.output
    assert "权重合计为 {weight_sum:g}，应为 {required_total:g}" in result.output
    assert "不通过的例子" in result.output and "| 15" in result.output
    result = _run("--code", "X999")
    assert result.exit_code == 2 and "没有规则“X999”" in result.output


def test_a_workbook_adds_its_department_settings(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    department = read_text(SEED)
    department.settings = {"required_total": "50", "ignore": "Q001"}
    workbook = tmp_path / "政府办.xlsx"
    write_department(department, workbook)
    result = _run(str(workbook))
    assert result.exit_code == 0, result.output
    assert "权重合计要求：50" in result.output
    assert "忽略的规则：Q001" in result.output


def test_bad_configuration_is_one_chinese_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "xlperf.toml").write_text("ignore = [Q001\n", encoding="utf-8")
    result = _run(str(tmp_path))
    assert result.exit_code == 2
    assert "不是有效的 TOML" in result.output and "Traceback" not in result.output
    result = _run(str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "找不到" in result.output
