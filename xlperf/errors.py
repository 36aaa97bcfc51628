"""Errors that reach the user as one Chinese line and exit code 2.

Readers raise ``InputError`` for anything wrong with an input file (corrupt,
encrypted, wrong format, too large); the CLI prints ``message`` and exits 2.
Nothing else may print a traceback for bad input.
"""

from __future__ import annotations


class InputError(Exception):
    """An input the user gave cannot be read. ``message`` is Chinese, for the user."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 cell: str | None = None) -> None:
        self.message = message
        self.file = file
        self.sheet = sheet
        self.cell = cell
        super().__init__(self.describe())

    def describe(self) -> str:
        """``文件 a.xlsx，工作表 项目01，单元格 D12：…`` — where first, then what."""
        where = []
        if self.file:
            where.append(f"文件 {self.file}")
        if self.sheet:
            where.append(f"工作表 {self.sheet}")
        if self.cell:
            where.append(f"单元格 {self.cell}")
        prefix = "，".join(where)
        return f"{prefix}：{self.message}" if prefix else self.message


class OutputExists(InputError):
    """An output file exists and ``--force`` was not given (exit code 2: bad usage)."""
