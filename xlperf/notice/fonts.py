"""Are the GB/T 9704 fonts installed? Asked of fontconfig before LibreOffice renders a PDF.

LibreOffice takes a font it does not have from fontconfig's best match: on a machine
without 仿宋_GB2312 or 方正小标宋简体 that is whatever CJK font is there (a 黑体-looking
WenQuanYi here), and the PDF looks nothing like a 公文. ``fc-match`` tells what a name
resolves to; a font counts as installed when it resolves to itself or to one of its
stand-ins (``gbt9704.FONT_FALLBACKS``, the same ones the Word font table declares).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from xlperf.notice import gbt9704 as g

FC_MATCH = "fc-match"
TIMEOUT_S = 20


@dataclass(frozen=True)
class MissingFont:
    """A font the notice names that fontconfig replaces by something else."""

    name: str
    substitute: str  # the family fontconfig would use instead ("" if none)

    def describe(self) -> str:
        stand_ins = "、".join(g.FONT_FALLBACKS.get(self.name, ()))
        also = f"及其替代字体 {stand_ins} " if stand_ins else ""
        instead = f"，系统会以 {self.substitute} 等字体代替" if self.substitute else ""
        return f"{self.name}（{also}均未安装{instead}）"


def notice_fonts() -> list[str]:
    """The East Asian fonts the Word notice's styles use, in the styles' order."""
    return list(dict.fromkeys(spec.font for spec in g.STYLES.values()))


def missing_fonts(names: list[str] | None = None) -> list[MissingFont] | None:
    """The fonts of ``names`` (default: the notice's) that fontconfig does not have.

    None when fontconfig is not there to ask (Windows without it): nobody can tell.
    """
    program = shutil.which(FC_MATCH)
    if program is None:
        return None
    missing = []
    for name in names if names is not None else notice_fonts():
        families = _resolve(program, name)
        accepted = {name.casefold(), *(f.casefold() for f in g.FONT_FALLBACKS.get(name, ()))}
        if not accepted & {family.casefold() for family in families}:
            missing.append(MissingFont(name, families[0] if families else ""))
    return missing


def _resolve(program: str, name: str) -> list[str]:
    """The family names fontconfig's best match for ``name`` goes by."""
    try:
        result = subprocess.run([program, "--format=%{family}", name], capture_output=True,
                                text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [part.strip() for part in result.stdout.split(",") if part.strip()]


def refusal(missing: list[MissingFont]) -> str:
    """The Chinese message that stops ``--format pdf`` (exit 2) while fonts are missing."""
    return ("生成 PDF 需要 GB/T 9704 公文字体，本机缺少："
            + "；".join(m.describe() for m in missing)
            + "。PDF 会用替代字体排版，字形与公文标准不符。请安装这些字体后重试，"
            "或加 --allow-font-substitution 仍以替代字体生成 PDF")


def warning(missing: list[MissingFont]) -> str:
    """What ``--allow-font-substitution`` prints instead of stopping."""
    return ("PDF 使用替代字体生成（已加 --allow-font-substitution），字形与公文标准不符："
            + "；".join(m.describe() for m in missing))


UNCHECKED = ("无法检查公文字体是否安装（未找到 fontconfig 的 fc-match）："
             "请确认本机已安装 " + "、".join(notice_fonts()) + "，否则 PDF 将使用替代字体")
