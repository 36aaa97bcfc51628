"""PDF through LibreOffice: ``soffice --headless --convert-to pdf`` on the Word notices.

LibreOffice is an optional system program. It runs with a private profile
(``-env:UserInstallation``) so it neither touches the user's own LibreOffice
settings nor collides with a LibreOffice window that is already open, and
with a timeout so a hung conversion cannot hang the command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from xlperf.atomic import write_bytes_atomic
from xlperf.errors import InputError

PROGRAMS = ("soffice", "libreoffice")
NOT_INSTALLED = ("未找到 LibreOffice（soffice），无法生成 PDF。请安装 LibreOffice"
                 "（如 apt-get install libreoffice-writer-nogui），或在 --format 中去掉 pdf")
TIMEOUT_BASE_S = 60
TIMEOUT_PER_FILE_S = 10


def find_soffice() -> str | None:
    """The LibreOffice program on PATH, or None."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(pairs: Sequence[tuple[Path, Path]], jobs: int | None = None) -> None:
    """Convert each ``(docx, pdf)`` pair; the PDFs are written atomically.

    Files are converted in batches (one LibreOffice start per batch, the slow
    part), one batch per core, each batch with its own private profile.
    """
    if not pairs:
        return
    program = find_soffice()
    if program is None:
        raise InputError(NOT_INSTALLED)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(pairs)))
    batches = [list(pairs[i::jobs]) for i in range(jobs)]
    with ThreadPoolExecutor(jobs) as pool:
        for future in [pool.submit(_convert_batch, program, batch) for batch in batches]:
            future.result()


def _convert_batch(program: str, pairs: list[tuple[Path, Path]]) -> None:
    with tempfile.TemporaryDirectory(prefix="xlperf-pdf-") as work:
        folder = Path(work)
        inputs = []
        # Numbered copies: two departments may have documents with the same file name.
        for index, (docx, _) in enumerate(pairs):
            source = folder / f"{index:05d}.docx"
            shutil.copyfile(docx, source)
            inputs.append(str(source))
        out = folder / "pdf"
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out),
                   *inputs]
        timeout = TIMEOUT_BASE_S + TIMEOUT_PER_FILE_S * len(pairs)
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    check=False, env=_environment())
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice 转换 PDF 超时（{timeout} 秒），请稍后重试"
                             "或不生成 pdf") from None
        for index, (docx, pdf) in enumerate(pairs):
            produced = out / f"{index:05d}.pdf"
            if not produced.is_file():
                detail = (result.stderr or result.stdout).strip().splitlines()
                reason = detail[-1] if detail else f"退出码 {result.returncode}"
                raise InputError(f"LibreOffice 未能把它转换为 PDF（{reason}）", file=str(docx))
            write_bytes_atomic(pdf, produced.read_bytes())


def _environment() -> dict[str, str]:
    """LibreOffice needs a HOME; a service account may run without one."""
    env = dict(os.environ)
    env.setdefault("HOME", tempfile.gettempdir())
    return env
