"""Web styles: one module per style (CSS over the shared base.css), each registering itself here."""

from __future__ import annotations

from typing import Sequence

from factory.core.registry import Registry, submodules
from factory.core.styles import Style


WEB_STYLES: Registry[Style] = Registry("web style", loader=submodules(__name__))


def register_web_style(name: str, description: str, css: str, accents: Sequence[str], fonts: Sequence[str],
                       font_scale: tuple[float, float] = (0.9, 1.15),
                       density: tuple[float, float] = (0.8, 1.25)) -> Style:
    style = Style(name=name, renderer="web", description=description, accents=tuple(accents), fonts=tuple(fonts),
                  font_scale=font_scale, density=density, assets={"css": css})
    return WEB_STYLES.register(name, style)
