"""What every command shares: turning bad input into one Chinese line and exit code 2.

Messages name files, sheets and projects, which are user text: ``shown`` makes
each safe to print (a control character, an escape sequence or a line break
in a name is shown escaped), so the error stays one line and the terminal
does only what xlperf tells it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import click

from xlperf.errors import InputError
from xlperf.safe_text import terminal_safe

P = ParamSpec("P")
R = TypeVar("R")


def shown(text: object) -> str:
    """User text as one printable line (see ``xlperf.safe_text.terminal_safe``)."""
    return terminal_safe(text, one_line=True)


def fail(message: str, code: int = 2) -> None:
    """Print ``message`` on standard error in red (readable without colour too) and exit."""
    click.secho(f"错误：{shown(message)}", fg="red", err=True)
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
