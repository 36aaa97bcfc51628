"""What kind of form a project was read from, as the rules need to know it.

Rules fit the form (docs/validation.md): a form without a weight column is not
one whose weights are missing; a self-evaluation table is not a goal table;
and the indicator framework a table is checked against is the one it is
written in — the configured one, or else the bundled one that explains most
of the table's own 一级/二级 names (``model.framework.choose``).
"""

from __future__ import annotations

from xlperf.model import Project
from xlperf.model.framework import choose
from xlperf.model.layouts import NOT_GOAL_TABLES
from xlperf.validation.config import Config


def framework_for(project: Project, config: Config) -> str:
    """The framework ``project`` is checked against (a bundled name or a TOML path)."""
    if config.framework is not None:
        return config.framework
    return project.framework or choose((item.level1, item.level2)
                                       for item in project.indicators)


def is_goal_table(project: Project) -> bool:
    """Goal-table rules apply (a self-evaluation table's targets are read, not judged)."""
    return project.layout not in NOT_GOAL_TABLES


def has_weights(project: Project) -> bool:
    """The form has a weight or score column (绩效值, 权重, 分值): rules W001–W004 apply."""
    return project.has_weights


def forms_of(department, config: Config) -> tuple[list[str], list[str]]:
    """The families the department's tables were read as and the frameworks they are checked
    against, each once, in table order: what a report says about the forms."""
    layouts = list(dict.fromkeys(p.layout or "local" for p in department.projects))
    frameworks = list(dict.fromkeys(framework_for(p, config) for p in department.projects))
    return layouts, frameworks
