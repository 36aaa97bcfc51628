"""Departments for the notice tests: the seed (real, with errors) and variants built from it."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from xlperf.model import Department
from xlperf.sources.text.reader import read_text

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed_notice.txt"
# The seed's last project raises C001 and W001 (rules.md); the others raise no error.
SEED_PROJECT_WITH_ERRORS = "自治区党政专用通信网二级网运行维护费"
_CJK_DIGIT_SPACE = re.compile(r"(?<=[\u3400-\u9fff〕）])\s+(?=\d)|(?<=\d)\s+(?=[\u3400-\u9fff])")


def seed() -> Department:
    return read_text(SEED)


def clean_seed() -> Department:
    """The seed without its faulty last project: publishable."""
    department = copy.deepcopy(seed())
    department.projects = [p for p in department.projects if p.name != SEED_PROJECT_WITH_ERRORS]
    return department


def without_pdf_spaces(text: str) -> str:
    """Drop the spaces a PDF extraction puts between Chinese and digits (``2024 年``)."""
    return _CJK_DIGIT_SPACE.sub("", text)


def write_workbook(department: Department, path: Path) -> Path:
    from xlperf.writers.workbook.writer import write_department

    write_department(department, path)
    return path


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    import shutil

    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> Path:
    """Print a page with headless Chromium as a browser's 打印 → 另存为 PDF does (no
    header or footer of the browser's own), offline, with a fresh profile."""
    import subprocess

    program = find_chromium()
    command = [program, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf}", html.resolve().as_uri()]
    subprocess.run(command, capture_output=True, timeout=180, check=True)
    return pdf


GBT_FONTS = ("方正小标宋简体", "仿宋_GB2312", "黑体", "宋体")


def fontconfig_without(tmp_path: Path, names: list[str]) -> Path:
    """A fontconfig setup: the system's fonts, but none of ``names`` (nor their stand-ins)."""
    patterns = "".join(f'<pattern><patelt name="family"><string>{name}</string></patelt></pattern>'
                       for name in names)
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                      "<fontconfig><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
                      f"<cachedir>{tmp_path / 'cache'}</cachedir>"
                      f"<selectfont><rejectfont>{patterns}</rejectfont></selectfont></fontconfig>",
                      encoding="utf-8")
    return config
