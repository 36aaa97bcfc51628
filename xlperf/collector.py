"""Pausing Python's cyclic garbage collector around work that creates no garbage.

Reading a batch and building its frame create hundreds of thousands of
long-lived, cycle-free objects; the automatic collector would re-walk them
again and again as they pile up, for nothing. Callers pause it for such a
stretch and collect explicitly where cycles may have formed.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Automatic collection off inside the block; back to how it was afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
