"""jinja2 rendering of the txt and html notice from the bundled or the user's templates.

The bundled templates live in the top-level ``templates/`` folder (next to the
package in a checkout or editable install). Templates from ``--templates DIR``
are someone's text, not code we trust: they render in jinja2's sandbox with
strict undefined, so ``''.__class__`` or ``cycler.__init__.__globals__`` stops
with a ``SecurityError`` that the user sees as one Chinese line.
"""

from __future__ import annotations

import os
import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlperf.errors import InputError
from xlperf.safe_text import xml_safe

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from xlperf.model import Department
    from xlperf.notice.content import Notice

TEMPLATE_NAMES = {"txt": "notice.txt.j2", "html": "notice.html.j2", "manifest": "manifest.html.j2"}
DOCX_STYLE_TEMPLATE = "notice.docx"  # optional Word file whose styles staff restyle
ENV_TEMPLATES = "XLPERF_TEMPLATES"


def bundled_templates() -> Path:
    """The ``templates/`` folder shipped with xlperf.

    Looked up next to the package (checkout, editable install), then under
    ``XLPERF_TEMPLATES`` and ``sys.prefix/share/xlperf`` for installs that
    copy it elsewhere.
    """
    candidates = [Path(__file__).resolve().parents[2] / "templates"]
    if os.environ.get(ENV_TEMPLATES):
        candidates.insert(0, Path(os.environ[ENV_TEMPLATES]))
    candidates.append(Path(sys.prefix) / "share" / "xlperf" / "templates")
    for folder in candidates:
        if (folder / TEMPLATE_NAMES["txt"]).is_file():
            return folder
    raise InputError(f"找不到公告模板文件夹 templates/（已查找：{candidates[0]}），"
                     f"请重新安装 xlperf 或设置环境变量 {ENV_TEMPLATES}")


def published_tables(department: Department) -> str:
    """The attachment tables in the published text layout (the text writer's, not a copy)."""
    from xlperf.writers.text import format_tables

    return format_tables(department).rstrip("\n")


def keep_together(text: str) -> Markup:
    """Escaped text with each 文号 (宁党发〔2019〕9号) in a span that does not break."""
    from markupsafe import Markup, escape

    from xlperf.notice.content import DOCUMENT_NUMBER

    parts, last = [], 0
    for match in DOCUMENT_NUMBER.finditer(str(text)):
        parts.append(escape(text[last:match.start()]))
        parts.append(Markup('<span class="keep">{}</span>').format(match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


class Renderer:
    """Compiles the templates once per run; renders any number of departments."""

    def __init__(self, user_dir: str | os.PathLike[str] | None = None) -> None:
        self.user_dir = Path(user_dir) if user_dir else None
        if self.user_dir is not None and not self.user_dir.is_dir():
            raise InputError("模板文件夹不存在", file=str(self.user_dir))

    @cached_property
    def environment(self) -> jinja2.Environment:
        import jinja2
        from jinja2.sandbox import SandboxedEnvironment

        bundled = jinja2.FileSystemLoader(str(bundled_templates()))
        options: dict[str, Any] = {
            "autoescape": jinja2.select_autoescape(["html", "htm", "html.j2", "xml"]),
            "trim_blocks": True,
            "lstrip_blocks": True,
            "keep_trailing_newline": True,
        }
        if self.user_dir is None:
            env = jinja2.Environment(loader=bundled, undefined=jinja2.StrictUndefined, **options)
        else:
            loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(self.user_dir)), bundled])
            env = SandboxedEnvironment(loader=loader, undefined=jinja2.StrictUndefined,
                                       **options)
        env.filters["published_tables"] = published_tables
        env.filters["keep_together"] = keep_together
        env.globals["published_tables"] = published_tables
        return env

    def docx_style_template(self) -> Path | None:
        """A restyled Word file (``notice.docx``) in the user's or the bundled folder, if any."""
        for folder in (self.user_dir, bundled_templates()):
            if folder is not None and (folder / DOCX_STYLE_TEMPLATE).is_file():
                return folder / DOCX_STYLE_TEMPLATE
        return None

    def render(self, kind: str, notice: Notice, department: Department) -> str:
        """Render ``txt`` or ``html``; template trouble becomes one Chinese line (exit 2)."""
        return self.render_template(kind, notice=notice, department=department,
                                    draft=notice.draft)

    def render_template(self, kind: str, **context: Any) -> str:
        """Render ``TEMPLATE_NAMES[kind]`` with ``context``."""
        import jinja2
        from jinja2.sandbox import SecurityError

        name = TEMPLATE_NAMES[kind]
        where = str(self.user_dir / name) if self.user_dir else name
        try:
            text = self.environment.get_template(name).render(**context)
        except SecurityError as exc:
            raise InputError(f"模板试图访问不允许的内部对象，已拒绝渲染（{exc}）",
                             file=where) from None
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(f"模板第 {exc.lineno} 行语法错误：{exc.message}",
                             file=exc.filename or where) from None
        except jinja2.UndefinedError as exc:
            raise InputError(f"模板引用了不存在的内容：{exc.message}", file=where) from None
        except jinja2.TemplateError as exc:
            raise InputError(f"模板无法渲染：{exc}", file=where) from None
        return xml_safe(text)  # no control character from a name in a page or a text
