"""Rule configuration: an ``xlperf.toml`` beside the workbooks, and a department's own 部门信息.

A finance office sets its house rules once (weights add up to 100, a 50/30/10
split, rules it does not apply) in ``xlperf.toml`` in the folder of its
submissions; a department may override them in its workbook's 部门信息 sheet.
``load_config`` finds the file the way linters do (this folder, then upward
until the filesystem root or a ``.git`` folder); ``Config.merged_with`` lays
a department's settings over it.

``xlperf.toml``::

    required_total = 100
    policy = "产出 50 / 效益 30 / 满意度 10"   # or { "产出" = 50, "效益" = 30, "满意度" = 10 }
    ignore = ["Q001", "C004"]                  # codes or prefixes ("Q")
    select = ["H", "W", "K"]                   # only these; omit for all
    framework = "standard"    # or central-2015, provincial, cost-first-level, a .toml path;
                              # left out: each table by the framework its names fit

    [severity]
    Q001 = "error"

    [glossary]
    measurable = ["合规", "无差错"]              # words that make a target measurable (Q001)

    [[accept]]                                  # one finding accepted with a reason
    file = "教育局.xlsx"                        # the workbook (name, or a pattern: *.xlsx)
    code = "Q001"
    sheet = "项目03"
    cell = "C15"                                # or cell = "项目03!C15"; or project = "…"
    reason = "该指标按省厅统一口径填写，不设数值"
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from xlperf.errors import InputError
from xlperf.model import Acceptance
from xlperf.model.framework import (
    AUTOMATIC,
    AUTOMATIC_WORDS,
    Framework,
    bundled_frameworks,
    bundled_name,
    load_framework,
)
from xlperf.model.info_fields import DEPARTMENT_SHEET, SETTING_FIELDS
from xlperf.model.text import parse_number
from xlperf.validation.findings import SEVERITIES, Severity

CONFIG_NAME = "xlperf.toml"
TOML_KEYS = ("required_total", "policy", "ignore", "select", "framework", "severity", "glossary",
             "accept")
ACCEPT_KEYS = ("file", "code", "sheet", "cell", "project", "reason")
# Severity names users may write in Chinese.
SEVERITY_NAMES: dict[str, Severity] = {
    "error": "error", "warning": "warning", "info": "info",
    "错误": "error", "警告": "warning", "提示": "info",
}
_SPLIT_CODES = re.compile(r"[\s,，、;；]+")
_POLICY_ITEM = re.compile(r"\s*([^\d\s/,，、;；:：=]+?)\s*[:：=]?\s*(\d+(?:\.\d+)?)\s*(?:%|分)?\s*")
_POLICY_SEPARATOR = re.compile(r"\s*[/,，、;；]?\s*")
_POLICY_OFF = frozenset({"无", "不检查", "off", "none", "否"})
_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Config:
    """The configuration in force for one department (or the defaults)."""

    required_total: float = 100.0
    # 一级 kind or name ("output", "产出", "产出指标") -> its share of the weights (W005).
    policy: dict[str, float] | None = None
    ignore: frozenset[str] = frozenset()
    select: frozenset[str] | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    # None: each table is checked against the bundled framework its own names fit best.
    framework: str | None = None
    measurable_words: frozenset[str] = frozenset()
    source: str | None = None  # the xlperf.toml it came from, shown by `xlperf rules`
    accepts: tuple[Acceptance, ...] = ()  # [[accept]]: findings accepted with a reason

    def enabled(self, code: str) -> bool:
        """Whether a rule runs: selected (by code or prefix) and not ignored."""
        if self.select is not None and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(i) for i in self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def merged_with(self, settings: dict[str, str], source: str | None = None) -> Config:
        """This configuration with a department's 部门信息 settings laid over it.

        Keys are the setting keys (``required_total``) or their Chinese labels
        (``权重合计要求``); blank values change nothing. ``ignore`` adds to the
        ignored codes.
        """
        config = self
        for key, raw in settings.items():
            key = _SETTING_KEYS.get(str(key).strip(), str(key).strip())
            text = "" if raw is None else str(raw).strip()
            if not text:
                continue
            where = {"file": source, "sheet": DEPARTMENT_SHEET}
            label = _SETTING_LABELS.get(key, key)
            if key == "required_total":
                config = replace(config, required_total=_total(text, label, where))
            elif key == "policy":
                config = replace(config, policy=_policy(text, label, where))
            elif key == "ignore":
                config = replace(config, ignore=config.ignore | _codes(text, label, where))
            elif key == "select":
                config = replace(config, select=_codes(text, label, where))
            elif key == "framework":
                config = replace(config, framework=_framework(text, label, where))
        return config

    def framework_model(self) -> Framework:
        """The configured framework, or the standard one where tables choose their own."""
        return load_framework(self.framework or "standard")

    def policy_by_kind(self, framework: Framework | None = None) -> dict[str, float]:
        """The policy keyed by 一级 kind (``output`` …); ``InputError`` for an unknown name."""
        if not self.policy:
            return {}
        framework = framework or self.framework_model()
        result: dict[str, float] = {}
        for key, share in self.policy.items():
            level = next((item for item in framework.level1 if _names_level(key, item)), None)
            if level is None:
                names = "、".join(item.name for item in framework.level1)
                raise InputError(f"一级指标权重方案中的“{key}”不是一级指标（应为 {names}）",
                                 file=self.source)
            result[level.kind] = share
        return result


_SETTING_KEYS = {f.label: f.key for f in SETTING_FIELDS}
_SETTING_LABELS = {f.key: f.label for f in SETTING_FIELDS}


def _names_level(key: str, level: Any) -> bool:
    key = key.strip()
    return key in (level.kind, level.name, level.name.removesuffix("指标"), level.label, level.code)


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """The configuration for a workbook or folder: its ``xlperf.toml``, or the defaults."""
    found = find_config(path)
    if found is None:
        return Config()
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_WHERE.search(str(exc))
        at = f"（第 {where.group(1)} 行第 {where.group(2)} 列）" if where else ""
        raise InputError(f"配置文件不是有效的 TOML{at}，请检查引号、等号和方括号",
                         file=str(found)) from None
    except (OSError, UnicodeDecodeError):
        raise InputError("无法读取配置文件（需要 UTF-8 编码的文本）", file=str(found)) from None
    return config_from_dict(data, source=str(found))


def find_config(path: str | os.PathLike[str] | None = None) -> Path | None:
    """``xlperf.toml`` in the folder of ``path`` or above, stopping at a ``.git`` folder."""
    start = Path(path) if path is not None else Path.cwd()
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        if (candidate / ".git").exists():
            return None
    return None


def config_from_dict(data: dict[str, Any], source: str | None = None) -> Config:
    """A ``Config`` from parsed TOML; ``InputError`` naming the key for anything wrong."""
    unknown = sorted(set(data) - set(TOML_KEYS))
    if unknown:
        allowed = "、".join(TOML_KEYS)
        raise InputError(f"未知的配置项“{unknown[0]}”（可用：{allowed}）", file=source)
    where = {"file": source}
    config = Config(source=source)
    if "required_total" in data:
        config = replace(config, required_total=_total(data["required_total"], "required_total",
                                                       where))
    if "policy" in data:
        config = replace(config, policy=_policy(data["policy"], "policy", where))
    if "ignore" in data:
        config = replace(config, ignore=_codes(data["ignore"], "ignore", where))
    if "select" in data:
        config = replace(config, select=_codes(data["select"], "select", where))
    if "framework" in data:
        config = replace(config, framework=_framework(data["framework"], "framework", where))
    if "severity" in data:
        config = replace(config, severity=_severities(data["severity"], where))
    if "glossary" in data:
        config = replace(config, measurable_words=_glossary(data["glossary"], where))
    if "accept" in data:
        config = replace(config, accepts=_accepts(data["accept"], where))
    config.policy_by_kind()  # a policy naming no 一级 of the framework fails here, with the file
    return config


def _fail(message: str, where: dict[str, str | None]) -> InputError:
    return InputError(message, **where)


def _total(raw: object, label: str, where: dict[str, str | None]) -> float:
    value, _ = parse_number(raw)
    if not isinstance(value, float) or not math.isfinite(value) or value <= 0:
        raise _fail(f"“{label}”应为正数，如 100，现为“{raw}”", where)
    return value


def parse_policy(text: str) -> dict[str, float] | None:
    """``产出 50 / 效益 30 / 满意度 10`` → ``{"产出": 50, …}``; None if it is not one."""
    result: dict[str, float] = {}
    position = 0
    text = text.strip()
    while position < len(text):
        match = _POLICY_ITEM.match(text, position)
        if not match:
            return None
        result[match.group(1)] = float(match.group(2))
        position = _POLICY_SEPARATOR.match(text, match.end()).end()
    return result or None


def _policy(raw: object, label: str, where: dict[str, str | None]) -> dict[str, float] | None:
    example = "应写成“产出 50 / 效益 30 / 满意度 10”"
    if isinstance(raw, dict):
        policy: dict[str, float] = {}
        for key, value in raw.items():
            number, _ = parse_number(value)
            if not isinstance(number, float) or not math.isfinite(number) or number < 0:
                raise _fail(f"“{label}”中“{key}”的权重应为数字，现为“{value}”", where)
            policy[str(key)] = number
        return policy or None
    text = str(raw).strip()
    if text.lower() in _POLICY_OFF:
        return None
    parsed = parse_policy(text)
    if parsed is None:
        raise _fail(f"无法读取“{label}”：“{text}”，{example}", where)
    return parsed


def _codes(raw: object, label: str, where: dict[str, str | None]) -> frozenset[str]:
    from xlperf.validation.rules import CODES  # the catalogue, imported only when needed

    items = raw if isinstance(raw, list | tuple) else _SPLIT_CODES.split(str(raw))
    codes = frozenset(str(item).strip().upper() for item in items if str(item).strip())
    for code in sorted(codes):
        if not any(known.startswith(code) for known in CODES):
            raise _fail(f"“{label}”中的“{code}”不是规则代码（运行 xlperf rules 查看全部规则）",
                        where)
    return codes


def _framework(raw: object, label: str, where: dict[str, str | None]) -> str | None:
    """A bundled framework by name or by its Chinese title, a TOML file, or automatic."""
    name = str(raw).strip()
    if name.lower() in AUTOMATIC_WORDS:
        return None
    if bundled := bundled_name(name):
        return bundled
    if name.endswith(".toml"):
        base = Path(where["file"]).parent if where.get("file") else Path.cwd()
        path = (base / name) if not Path(name).is_absolute() else Path(name)
        try:
            load_framework(str(path))
        except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError):
            raise _fail(f"“{label}”指定的指标体系文件“{name}”无法读取", where) from None
        return str(path)
    names = "、".join(f"{n} {load_framework(n).title}" for n in bundled_frameworks())
    raise _fail(f"“{label}”应为下列指标体系之一（名称或中文名）：{names}；或{AUTOMATIC}、"
                f".toml 文件，现为“{name}”", where)


def _severities(raw: object, where: dict[str, str | None]) -> dict[str, Severity]:
    if not isinstance(raw, dict):
        raise _fail("[severity] 应为“规则代码 = 级别”的表，如 Q001 = \"error\"", where)
    result: dict[str, Severity] = {}
    for code in _codes(list(raw), "severity", where):
        from xlperf.validation.rules import CODES

        if code not in CODES:
            raise _fail(f"[severity] 需要完整的规则代码，“{code}”不是", where)
    for code, name in raw.items():
        severity = SEVERITY_NAMES.get(str(name).strip().lower())
        if severity is None:
            raise _fail(f"[severity] 中 {code} 的级别应为 {'、'.join(SEVERITIES)}，现为“{name}”",
                        where)
        result[str(code).strip().upper()] = severity
    return result


def _glossary(raw: object, where: dict[str, str | None]) -> frozenset[str]:
    if not isinstance(raw, dict) or set(raw) - {"measurable"}:
        raise _fail("[glossary] 只支持 measurable = [\"词语\", …]", where)
    words = raw.get("measurable", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise _fail("[glossary] measurable 应为词语列表，如 [\"合规\"]", where)
    return frozenset(w.strip() for w in words if w.strip())


def _accepts(raw: object, where: dict[str, str | None]) -> tuple[Acceptance, ...]:
    """``[[accept]]`` tables: each names its workbook (``file``), a rule, where, and why."""
    example = ("[[accept]] 应写成：file = \"教育局.xlsx\"、code = \"Q001\"、sheet = \"项目03\"、"
               "cell = \"C15\"、reason = \"理由\"")
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise _fail(example, where)
    accepts = []
    for number, item in enumerate(raw, start=1):
        at = f"[[accept]] 第 {number} 条"
        unknown = sorted(set(item) - set(ACCEPT_KEYS))
        if unknown:
            raise _fail(f"{at}中的“{unknown[0]}”不是可用的键（可用：{'、'.join(ACCEPT_KEYS)}）",
                        where)
        values = {key: str(item[key]).strip() for key in ACCEPT_KEYS if key in item}
        for key in ("file", "code", "reason"):
            if not values.get(key):
                raise _fail(f"{at}缺少 {key}（{example}）", where)
        if not values.get("cell") and not values.get("project"):
            raise _fail(f"{at}应给出 cell（单元格，如 \"项目03!C15\"）或 project（项目名称）",
                        where)
        code = values["code"].upper()
        _known_code(code, at, where)
        name = Path(where["file"]).name if where.get("file") else CONFIG_NAME
        accepts.append(Acceptance(code=code, reason=values["reason"], sheet=values.get("sheet"),
                                  cell=values.get("cell"), project=values.get("project"),
                                  file=values["file"], where=f"{name} {at}"))
    return tuple(accepts)


def _known_code(code: str, at: str, where: dict[str, str | None]) -> None:
    from xlperf.validation.rules import CODES

    if code not in CODES:
        raise _fail(f"{at}中的“{code}”不是规则代码（需要完整代码，如 Q001）", where)
