"""One progress bar for long batches, on standard error and only on a terminal.

Reports go to standard output (``--format json`` must stay clean), so the bar
lives on stderr and disappears when it is not a terminal (CI, pipes, Excel).
"""

from __future__ import annotations

from collections.abc import Callable


class progress:
    """``with progress(total, "读取工作簿") as advance: advance(1)``.

    Shown only when there are more than ``minimum`` items, so a single file
    prints no bar.
    """

    def __init__(self, total: int, label: str, minimum: int = 1) -> None:
        self.total = total
        self.label = label
        self.minimum = minimum
        self.bar = None

    def __enter__(self) -> Callable[[int], None]:
        if self.total <= self.minimum:  # no bar: do not even import rich
            return lambda n: None
        from rich.console import Console

        console = Console(stderr=True)
        if not console.is_terminal:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(self.label, BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=console, transient=True)
        self.bar.start()
        task = self.bar.add_task(self.label, total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
