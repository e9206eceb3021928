"""Desktop styles: one module per look (palettes per theme, a QSS template, a few shape choices), each
registering itself here. Every style draws on top of Qt's Fusion style, so widgets stay real Qt widgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from factory.core.registry import Registry, submodules
from factory.core.styles import THEMES, Style

# Colour roles every palette defines (both themes). Custom-painted widgets and the QSS templates use them.
COLOR_ROLES = (
    "window", "panel", "base", "alt_base", "text", "muted", "border", "button", "button_text", "disabled",
    "link", "danger", "titlebar", "titlebar_text", "tooltip", "tooltip_text", "wallpaper_top", "wallpaper_bottom",
    "success_bg", "success", "warning_bg", "warning", "info_bg", "info", "neutral_bg", "neutral",
)


@dataclass(frozen=True)
class Look:
    """Shape choices of a style that QSS cannot express for our custom-painted widgets."""

    titlebar: str = "breeze"  # breeze | win11 | mac | win95: window buttons and their placement
    switch: str = "pill"  # pill | mac | classic
    radius: int = 4  # badges, cards, dialogs (logical px)
    font_px: float = 13.0  # base font size before the sample's font_scale
    space: float = 5.0  # px per gap step before the sample's density
    shadow: bool = True  # floating dialogs and menus cast a soft shadow
    grid: bool = True  # tables draw grid lines
    tab_document_mode: bool = False


DESKTOP_STYLES: Registry[Style] = Registry("desktop style", loader=submodules(__name__))


def register_desktop_style(name: str, description: str, palettes: Mapping[str, Mapping[str, str]], qss: str,
                           accents: Sequence[str], fonts: Sequence[str], look: Look = Look(),
                           font_scale: tuple[float, float] = (0.92, 1.12),
                           density: tuple[float, float] = (0.85, 1.2)) -> Style:
    """Register a desktop style; palettes map theme -> colour role -> '#rrggbb', checked here."""
    for theme in THEMES:
        missing = [r for r in COLOR_ROLES if r not in palettes.get(theme, {})]
        if missing:
            raise ValueError(f"desktop style {name!r}: {theme} palette lacks {missing}")
    style = Style(name=name, renderer="desktop", description=description, accents=tuple(accents), fonts=tuple(fonts),
                  font_scale=font_scale, density=density,
                  assets={"palettes": {t: dict(p) for t, p in palettes.items()}, "qss": qss, "look": look})
    return DESKTOP_STYLES.register(name, style)


__all__ = ["COLOR_ROLES", "DESKTOP_STYLES", "Look", "register_desktop_style"]
