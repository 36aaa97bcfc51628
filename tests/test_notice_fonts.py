"""``--format pdf`` asks fontconfig for the GB/T 9704 fonts: refuse, or warn by name."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from notice_support import GBT_FONTS, clean_seed, fontconfig_without, write_workbook

from xlperf.cli import cli
from xlperf.notice import fonts
from xlperf.notice import gbt9704 as g

pytestmark = pytest.mark.skipif(shutil.which("fc-match") is None,
                                reason="fontconfig (fc-match) is needed")


@pytest.fixture
def without_gbt_fonts(tmp_path: Path, monkeypatch) -> None:
    names = [n for font in GBT_FONTS for n in (font, *g.FONT_FALLBACKS.get(font, ()))]
    monkeypatch.setenv("FONTCONFIG_FILE", str(fontconfig_without(tmp_path, names)))


def installed_family() -> str | None:
    listing = subprocess.run(["fc-list", "--format=%{family[0]}\n"], capture_output=True,
                             text=True, check=False).stdout.split("\n")
    return next((name for name in listing if name.strip()), None)


def test_the_notice_needs_the_four_gbt9704_fonts() -> None:
    assert fonts.notice_fonts() == list(GBT_FONTS)


def test_missing_fonts_are_named_with_what_stands_in(without_gbt_fonts) -> None:
    missing = fonts.missing_fonts()
    assert [m.name for m in missing] == list(GBT_FONTS)
    message = fonts.refusal(missing)
    for name in GBT_FONTS:
        assert name in message
    assert "--allow-font-substitution" in message
    if missing[0].substitute:  # what fontconfig would take instead, by name
        assert f"系统会以 {missing[0].substitute} 等字体代替" in message


def test_an_installed_font_is_not_missing() -> None:
    family = installed_family()
    if family is None:
        pytest.skip("no font installed at all")
    assert fonts.missing_fonts([family]) == []


def test_a_stand_in_counts_as_installed(tmp_path: Path, monkeypatch) -> None:
    """fontconfig resolving 仿宋_GB2312 to a declared stand-in (as an alias on 麒麟/UOS does)."""
    family = installed_family()
    if family is None:
        pytest.skip("no font installed at all")
    config = tmp_path / "alias.conf"
    config.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                      '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                      f"<cachedir>{tmp_path / 'cache'}</cachedir>"
                      '<alias binding="same"><family>仿宋_GB2312</family>'
                      f"<prefer><family>{family}</family></prefer></alias></fontconfig>",
                      encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    assert [m.name for m in fonts.missing_fonts(["仿宋_GB2312"])] == ["仿宋_GB2312"]
    monkeypatch.setitem(g.FONT_FALLBACKS, "仿宋_GB2312", (family,))
    assert fonts.missing_fonts(["仿宋_GB2312"]) == []


def run(*args: str):
    return CliRunner().invoke(cli, ["notice", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    return write_workbook(clean_seed(), tmp_path_factory.mktemp("in") / "政府办.xlsx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed for pdf")
def test_pdf_without_the_fonts_is_refused_in_chinese(workbook, without_gbt_fonts,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(workbook), "-o", str(out), "--format", "pdf,txt")
    assert result.exit_code == 2
    assert "公文字体" in result.stderr and "--allow-font-substitution" in result.stderr
    for name in GBT_FONTS:
        assert name in result.stderr
    assert not out.exists()  # refused before anything was written


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed for pdf")
def test_allowed_substitution_warns_by_name_and_renders(workbook, without_gbt_fonts,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(workbook), "-o", str(out), "--format", "pdf", "--allow-font-substitution")
    assert result.exit_code == 0, result.output
    assert "警告" in result.stderr and "替代字体" in result.stderr
    for name in GBT_FONTS:
        assert name in result.stderr
    assert [p.suffix for p in out.rglob("*.pdf")] == [".pdf"]


def test_formats_without_pdf_do_not_ask_for_fonts(workbook, without_gbt_fonts,
                                                  tmp_path: Path) -> None:
    result = run(str(workbook), "-o", str(tmp_path / "out"), "--format", "txt,docx")
    assert result.exit_code == 0 and "字体" not in result.stderr
