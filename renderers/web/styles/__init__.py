"""Web styles: one module per style (CSS over the shared base.css, or a real CSS kit), each registering itself here."""

from __future__ import annotations

from typing import Sequence

from factory.core.registry import Registry, submodules
from factory.core.styles import FORM_FACTORS, THEMES, Style
from renderers.web.kit import Kit, kit_version

WEB_STYLES: Registry[Style] = Registry("web style", loader=submodules(__name__))
KIT_FONT = "kit"  # the font factor of a kit style: the kit's own font stack draws the text


def register_web_style(name: str, description: str, css: str, accents: Sequence[str], fonts: Sequence[str],
                       font_scale: tuple[float, float] = (0.9, 1.15),
                       density: tuple[float, float] = (0.8, 1.25)) -> Style:
    style = Style(name=name, renderer="web", description=description, accents=tuple(accents), fonts=tuple(fonts),
                  font_scale=font_scale, density=density, assets={"css": css})
    return WEB_STYLES.register(name, style)


def register_kit_style(name: str, description: str, kit: Kit, accents: Sequence[str] = ("default",),
                       themes: Sequence[str] = THEMES, font_scale: tuple[float, float] = (0.95, 1.1),
                       density: tuple[float, float] = (0.85, 1.15),
                       form_factors: Sequence[str] = FORM_FACTORS) -> Style:
    """A style drawn by a real CSS kit (renderers.web.kit). Its `accent` factor names the kit's own colour idiom
    (a Bootswatch theme, a Bulma colour modifier, iOS or Material...), its font is the kit's (`font_family` reads
    "kit"); a mobile-app kit draws only the "mobile" form factor (phone viewports)."""
    described = f"{description} [npm {kit.package} {kit_version(kit.package)}]"
    style = Style(name=name, renderer="web", description=described, accents=tuple(accents), fonts=(KIT_FONT,),
                  font_scale=font_scale, density=density, assets={"kit": kit}, themes=tuple(themes),
                  form_factors=tuple(form_factors))
    return WEB_STYLES.register(name, style)
