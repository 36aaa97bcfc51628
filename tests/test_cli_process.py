"""The forked command of ``cli_process`` answers exactly as the installed ``xlperf`` does."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_process import CAN_FORK, run

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork (POSIX)")

XLPERF = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "xlperf"
SEED = Path(__file__).parent / "data" / "seed_notice.txt"


@pytest.mark.skipif(not XLPERF.exists(), reason="needs the installed command (.venv)")
@pytest.mark.parametrize("args", [
    ("validate", str(SEED), "--format", "json"),
    ("show", "missing.xlsx"),
    ("export", str(SEED)),
    ("rules", "--code", "W001"),
])
def test_a_forked_run_gives_what_the_installed_command_gives(args, tmp_path: Path) -> None:
    real = subprocess.run([str(XLPERF), *args], capture_output=True, cwd=tmp_path, timeout=120,
                          check=False)
    forked = run(args, cwd=tmp_path)
    assert (forked.code, forked.stdout, forked.stderr) == (real.returncode, real.stdout,
                                                           real.stderr)


def test_a_process_that_dies_is_seen_dying(tmp_path: Path) -> None:
    """An abort in the command is its exit status (killed by SIGKILL here), not the tests'."""
    done = run(["validate", str(SEED)], cwd=tmp_path,
               interrupt=(lambda pid: True, 9))
    assert done.code == -9
