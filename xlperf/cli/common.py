"""What every command shares: turning bad input into one Chinese line and exit code 2."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import click

from xlperf.errors import InputError

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 2) -> None:
    """Print ``message`` on standard error in red (readable without colour too) and exit."""
    click.secho(f"错误：{message}", fg="red", err=True)
    sys.exit(code)


def reports_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so an ``InputError`` becomes its one-line message and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            fail(exc.describe(), exc.exit_code)
            raise  # unreachable; keeps type checkers content

    return wrapper
