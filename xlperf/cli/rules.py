"""``xlperf rules [PATH]``: the rule catalogue and the configuration in force.

The configuration is the ``xlperf.toml`` found from PATH (a workbook or a
folder; the current folder by default); for a workbook its 部门信息 settings
are laid over it, exactly as ``xlperf validate`` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from xlperf.cli.common import fail, reports_input_errors

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
DEPARTMENT_SUFFIXES = (".xlsx", ".xlsm", ".txt")


@click.command("rules", help="列出全部校验规则（代码、级别、名称、依据）及当前生效的配置。\n\n"
                             "PATH 为工作簿或文件夹（默认当前文件夹），从那里查找 xlperf.toml；"
                             "为工作簿时还叠加其“部门信息”中的设置。\n\n"
                             "\b\n例：\n"
                             "  xlperf rules\n"
                             "  xlperf rules --code W001     这条规则的说明和例子\n"
                             "  xlperf rules 部门.xlsx       叠加该部门的设置")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供程序读取）")
@click.option("--code", metavar="CODE", help="只显示这条规则的详细说明和例子，如 --code W001")
@reports_input_errors
def command(path: Path | None, as_json: bool, code: str | None) -> None:
    from xlperf.validation.rules import BY_CODE

    config = _config(path)
    if code is not None:
        rule = BY_CODE.get(code.strip().upper())
        if rule is None:
            fail(f"没有规则“{code}”（运行 xlperf rules 查看全部规则）")
        _print_rule(rule, config, as_json)
        return
    if as_json:
        click.echo(json.dumps(_as_data(config), ensure_ascii=False, indent=2))
        return
    _print_catalogue(config)


def _config(path: Path | None) -> Any:
    from xlperf.validation.config import load_config

    if path is not None and not path.exists():
        fail(f"找不到“{path}”")
    config = load_config(path)
    if path is not None and path.is_file() and path.suffix.lower() in DEPARTMENT_SUFFIXES:
        from xlperf.sources import read_department
        from xlperf.validation.engine import department_config

        config = department_config(read_department(path), config)
    return config


def _rule_data(rule: Any, config: Any) -> dict[str, Any]:
    return {
        "code": rule.code,
        "severity": config.severity_of(rule.code, rule.severity),
        "default_severity": rule.severity,
        "enabled": config.enabled(rule.code),
        "title": rule.title,
        "basis": rule.basis,
        "fix": rule.fix,
        "message": rule.message,
    }


def _config_data(config: Any) -> dict[str, Any]:
    return {
        "source": config.source,
        "required_total": config.required_total,
        "policy": config.policy,
        "ignore": sorted(config.ignore),
        "select": sorted(config.select) if config.select is not None else None,
        "severity": dict(sorted(config.severity.items())),
        "framework": config.framework,
        "measurable_words": sorted(config.measurable_words),
        "copied_amount_change": config.copied_amount_change,
        "accept": [{key: getattr(a, key) for key in ("file", "code", "sheet", "cell", "project",
                                                     "reason")} for a in config.accepts],
    }


def _as_data(config: Any) -> dict[str, Any]:
    from xlperf.validation.rules import LISTED

    return {"version": 1, "config": _config_data(config),
            "rules": [_rule_data(rule, config) for rule in LISTED]}


def _print_catalogue(config: Any) -> None:
    """The catalogue as a table, then the configuration in force. Every string goes to rich
    as ``Text``: configuration values are user text (xlperf.toml, 部门信息), never markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from xlperf.validation.rules import LISTED

    console = Console()
    table = Table(title="校验规则", show_lines=False, header_style="bold")
    table.add_column("代码", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("名称", overflow="fold")
    table.add_column("依据", overflow="fold")
    for rule in LISTED:
        severity = config.severity_of(rule.code, rule.severity)
        if not config.enabled(rule.code):
            table.add_row(*(Text(text, style="dim")
                            for text in (rule.code, "已关闭", rule.title, rule.basis)))
            continue
        level = Text(SEVERITY_NAMES[severity], style=SEVERITY_STYLE[severity])
        if severity != rule.severity:
            level.append(f"（默认{SEVERITY_NAMES[rule.severity]}）")
        table.add_row(Text(rule.code), level, Text(rule.title), Text(rule.basis))
    console.print(table)
    console.print(_config_text(config), soft_wrap=True)
    console.print(Text("查看某条规则的说明和例子：xlperf rules --code W001", style="dim"))


def _config_text(config: Any):
    from rich.text import Text

    from xlperf.cli.common import shown

    policy = (" / ".join(f"{k} {v:g}" for k, v in config.policy.items())
              if config.policy else "未配置（不检查 W005）")
    select = "、".join(sorted(config.select)) if config.select is not None else "全部"
    ignore = "、".join(sorted(config.ignore)) or "无"
    severity = "、".join(f"{k}={SEVERITY_NAMES[v]}" for k, v in sorted(config.severity.items()))
    words = "、".join(sorted(config.measurable_words)) or "无"
    rows = [
        ("配置来源", config.source or "未找到 xlperf.toml，使用默认配置"),
        ("权重合计要求", f"{config.required_total:g}"),
        ("一级指标权重方案", policy),
        ("指标体系", _framework_text(config.framework)),
        ("启用的规则", select),
        ("忽略的规则", ignore),
        ("级别调整", severity or "无"),
        ("视为可衡量的词语", words),
        ("照搬上年时金额变化界限（Y002）", f"{config.copied_amount_change:g}%"),
        ("已接受的问题", _accepts_text(config)),
    ]
    text = Text("当前配置", style="bold")
    for label, value in rows:
        text.append(f"\n  {label}：{shown(value)}")
    return text


def _accepts_text(config: Any) -> str:
    if not config.accepts:
        return "无（xlperf.toml 中没有 [[accept]]）"
    return f"{len(config.accepts)} 条（xlperf.toml 的 [[accept]]；工作簿中的“校验说明”工作表另计）"


def _framework_text(name: str | None) -> str:
    from xlperf.model.framework import bundled_frameworks, load_framework

    if name is None:
        names = "、".join(bundled_frameworks())
        return f"自动（每张表按其一级/二级指标的写法选用：{names}）"
    return f"{name}（{load_framework(name).title}）"


def _print_rule(rule: Any, config: Any, as_json: bool) -> None:
    from rich.console import Console

    describe = _describer(rule)
    if as_json:
        data = _rule_data(rule, config)
        data["explain"] = rule.explain
        data["fails"] = {"note": rule.fails.note, "changes": describe(rule.fails)}
        data["passes"] = {"note": rule.passes.note, "changes": describe(rule.passes)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.text import Text

    console = Console()
    severity = config.severity_of(rule.code, rule.severity)
    heading = Text(f"{rule.code} {rule.title}", style="bold")
    heading.append("  ")
    heading.append(SEVERITY_NAMES[severity], style=SEVERITY_STYLE[severity])
    if not config.enabled(rule.code):
        heading.append("  （已关闭）", style="dim")
    console.print(heading)
    console.print(f"依据：{rule.basis}", markup=False)
    console.print(f"怎么改：{rule.fix}", markup=False)
    console.print(f"提示模板：{rule.message}", markup=False)
    if rule.explain:
        console.print(f"说明：{rule.explain}", markup=False)
    for label, example in (("不通过的例子", rule.fails), ("通过的例子", rule.passes)):
        console.print(f"{label}：{example.note}", markup=False)
        for line in describe(example) or ["（与合格项目相同）"]:
            console.print(f"    {line}", markup=False)


def _describer(rule: Any):
    """How a rule's examples are told: one table changed, or two years (the Y rules)."""
    from xlperf.review.rules import CompareRule

    if isinstance(rule, CompareRule):
        from xlperf.review.examples import describe_pair

        return describe_pair
    from xlperf.validation.rules.examples import describe

    return describe
