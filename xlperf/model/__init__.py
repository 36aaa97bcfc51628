"""The department model and the indicator framework."""

from xlperf.model.entities import (
    Acceptance,
    Department,
    Funds,
    Indicator,
    Normalization,
    Number,
    Project,
    ReadingNote,
)
from xlperf.model.framework import Framework, Level1, Level2, load_framework

__all__ = [
    "Acceptance",
    "Department",
    "Framework",
    "Funds",
    "Indicator",
    "Level1",
    "Level2",
    "Normalization",
    "Number",
    "Project",
    "ReadingNote",
    "load_framework",
]
