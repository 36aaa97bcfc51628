"""Running a script against a private headless LibreOffice (the system python3 with uno).

LibreOffice is an independent spreadsheet program: what it shows after opening,
editing and recalculating a workbook xlperf wrote is what a user without Excel sees.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import uuid
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = Path("/usr/bin/python3")


def libreoffice_missing() -> str | None:
    if not shutil.which("soffice"):
        return "soffice (LibreOffice) is not installed"
    if not SYSTEM_PYTHON.exists():
        return "/usr/bin/python3 is missing"
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        return "python3-uno is not installed for /usr/bin/python3"
    return None


def in_libreoffice(script: Path, profile: Path, *arguments: str) -> Any:
    """Start a private headless LibreOffice, run ``script`` against it, stop it; its JSON."""
    pipe = f"xlperf_{uuid.uuid4().hex}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        result = subprocess.run([str(SYSTEM_PYTHON), str(script), pipe, *arguments],
                                capture_output=True, text=True, timeout=180,
                                env={k: v for k, v in os.environ.items()
                                     if not k.startswith("PYTHON")})
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, signal.SIGKILL)  # the group this test started
            office.wait()
