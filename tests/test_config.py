"""Configuration: xlperf.toml found like a linter's, 部门信息 settings laid over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from xlperf.errors import InputError
from xlperf.validation.config import (
    Config,
    config_from_dict,
    find_config,
    load_config,
    parse_policy,
)

FULL = """\
required_total = 10
policy = "产出 5 / 效益 3 / 满意度 2"
ignore = ["Q001", "C"]
select = ["H", "W", "Q", "C"]
framework = "cost-first-level"

[severity]
Q003 = "错误"
W005 = "warning"

[glossary]
measurable = ["合规"]
"""


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "xlperf.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = load_config(tmp_path / "部门.xlsx")
    assert config == Config()
    assert config.required_total == 100 and config.policy is None and config.source is None


def test_every_key_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, FULL)
    config = load_config(tmp_path / "部门.xlsx")
    assert config.source == str(path.resolve())
    assert config.required_total == 10
    assert config.policy == {"产出": 5, "效益": 3, "满意度": 2}
    assert config.ignore == {"Q001", "C"}
    assert config.select == {"H", "W", "Q", "C"}
    assert config.framework == "cost-first-level"
    assert config.severity == {"Q003": "error", "W005": "warning"}
    assert config.measurable_words == {"合规"}
    assert config.enabled("W001") and config.enabled("Q002")
    assert not config.enabled("Q001") and not config.enabled("C004") and not config.enabled("K001")


def test_found_in_a_parent_folder_but_not_past_git(tmp_path: Path) -> None:
    _write(tmp_path, "required_total = 50\n")
    nested = tmp_path / "二〇二四" / "报送"
    nested.mkdir(parents=True)
    assert load_config(nested).required_total == 50
    assert load_config(nested / "某局.xlsx").required_total == 50
    (tmp_path / "二〇二四" / ".git").mkdir()
    assert find_config(nested) is None


def test_the_nearest_file_wins(tmp_path: Path) -> None:
    _write(tmp_path, "required_total = 50\n")
    _write(tmp_path / "sub", "required_total = 20\n")
    assert load_config(tmp_path / "sub" / "a.xlsx").required_total == 20


def test_invalid_toml_is_a_chinese_input_error_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "required_total = \n")
    with pytest.raises(InputError) as raised:
        load_config(tmp_path)
    assert raised.value.file == str(path.resolve())
    assert "TOML" in raised.value.message and "第 1 行" in raised.value.message


@pytest.mark.parametrize(("text", "words"), [
    ("requried_total = 100\n", "未知的配置项“requried_total”"),
    ("required_total = -1\n", "应为正数"),
    ("required_total = \"很多\"\n", "应为正数"),
    ("ignore = [\"Z999\"]\n", "不是规则代码"),
    ("policy = \"产出很多\"\n", "无法读取"),
    ("framework = \"national\"\n", "standard"),
    ("[severity]\nQ001 = \"fatal\"\n", "级别应为"),
    ("[severity]\nQ = \"error\"\n", "完整的规则代码"),
    ("[glossary]\nmeasurable = \"合规\"\n", "词语列表"),
    ("policy = \"投入 50 / 产出 50\"\n", "“投入”不是一级指标"),
])
def test_bad_values_are_named(tmp_path: Path, text: str, words: str) -> None:
    _write(tmp_path, text)
    with pytest.raises(InputError) as raised:
        load_config(tmp_path)
    assert words in raised.value.message


def test_policy_as_a_table(tmp_path: Path) -> None:
    _write(tmp_path, "[policy]\n\"产出\" = 50\n\"效益\" = 30\n\"满意度\" = 10\n")
    assert load_config(tmp_path).policy == {"产出": 50, "效益": 30, "满意度": 10}


@pytest.mark.parametrize(("text", "policy"), [
    ("产出 50 / 效益 30 / 满意度 10", {"产出": 50, "效益": 30, "满意度": 10}),
    ("产出指标50%，效益指标30%，满意度指标20%", {"产出指标": 50, "效益指标": 30, "满意度指标": 20}),
    ("output=60; effect=40", {"output": 60, "effect": 40}),
    ("产出", None),
    ("50 / 30", None),
])
def test_parse_policy(text: str, policy: dict | None) -> None:
    assert parse_policy(text) == policy


def test_policy_names_resolve_to_kinds_of_the_framework() -> None:
    config = Config(policy={"产出": 50, "效益指标": 30, "3-满意度指标": 10, "cost": 10},
                    framework="cost-first-level")
    assert config.policy_by_kind() == {"output": 50, "effect": 30, "satisfaction": 10,
                                       "cost": 10}
    with pytest.raises(InputError):
        Config(policy={"成本": 10}).policy_by_kind()  # no 成本 first level in the standard one


def test_department_settings_are_laid_over_the_file() -> None:
    base = config_from_dict({"ignore": ["C004"], "required_total": 100})
    merged = base.merged_with({"权重合计要求": "１００", "policy": "产出 50 / 效益 30 / 满意度 10",
                               "ignore": "Q001，T001", "framework": " standard "})
    assert merged.required_total == 100
    assert merged.policy == {"产出": 50, "效益": 30, "满意度": 10}
    assert merged.ignore == {"C004", "Q001", "T001"}
    assert merged.framework == "standard"
    assert base.merged_with({"required_total": "", "policy": "  "}) == base
    assert base.merged_with({"policy": "不检查"}).policy is None


def test_bad_department_setting_names_the_sheet() -> None:
    with pytest.raises(InputError) as raised:
        Config().merged_with({"required_total": "一百"}, source="某局.xlsx")
    assert (raised.value.file, raised.value.sheet) == ("某局.xlsx", "部门信息")
    assert "权重合计要求" in raised.value.message
