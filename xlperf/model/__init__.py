"""The department model and the indicator framework."""

from xlperf.model.entities import Department, Indicator, Normalization, Number, Project
from xlperf.model.framework import Framework, Level1, Level2, load_framework

__all__ = [
    "Department",
    "Framework",
    "Indicator",
    "Level1",
    "Level2",
    "Normalization",
    "Number",
    "Project",
    "load_framework",
]
