"""Layout -> one self-contained HTML page (inline CSS, SVG data URIs), rendered with a Jinja2 template."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2
from markupsafe import Markup

from factory.core.layout import Layout, Node
from factory.core.styles import Factors, Style
from renderers.base import RendererError
from renderers.web.icons import icon_svg
from renderers.web.images import image_uri

ALIGN = {"start": "flex-start", "center": "center", "end": "flex-end", "stretch": "stretch", "between": "space-between"}


def flex_style(n: Node) -> str:
    """Layout intent -> inline CSS. Gaps are in spacing steps of the style's density, never pixels."""
    i = n.intent
    out = []
    if "gap" in i:
        out.append(f"gap: calc(var(--space) * {int(i['gap'])})")
    if "align" in i and n.role != "grid":
        out.append(f"align-items: {ALIGN[i['align']]}")
    if "justify" in i:
        out.append(f"justify-content: {ALIGN[i['justify']]}")
    if "weight" in i:
        out.append(f"flex: {int(i['weight'])} 1 0; min-width: 0; min-height: 0" if i["weight"] else "flex: none")
    if "columns" in i:
        out.append(f"grid-template-columns: repeat({int(i['columns'])}, minmax(0, 1fr))")
    if n.role == "screen" or "direction" in i and n.role not in ("row", "column"):
        out.append(f"flex-direction: {i.get('direction', 'column')}")
    return "; ".join(out)


def _image_src(n: Node) -> str:
    p = n.props
    return image_uri(p["kind"], int(p.get("pattern", 0)), p.get("aspect", "16:9"), p.get("initials", ""))


def _unsupported(n: Node) -> str:
    raise RendererError(f"web renderer cannot draw role {n.role!r} (node {n.id})")


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("renderers.web", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(flex_style=flex_style, icon=icon_svg, image_src=_image_src, unsupported=_unsupported)
    return env.get_template("page.html.j2")


@lru_cache(maxsize=None)
def base_css() -> str:
    return resources.files("renderers.web.styles").joinpath("base.css").read_text(encoding="utf-8")


def page_html(layout: Layout, style: Style, factors: Factors) -> str:
    font = f'"{factors.font_family}", "Noto Sans CJK JP", "Noto Sans", sans-serif'
    return _template().render(
        root=layout.root, lang=layout.locale.replace("_", "-"), theme=factors.theme,
        form_factor=factors.form_factor, css=Markup(base_css() + style.assets["css"]), accent=factors.accent,
        font=Markup(font), font_scale=factors.font_scale, density=factors.density,
    )
