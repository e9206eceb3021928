"""One sample's theme: a style's palette for the sample's light/dark theme and accent, as a QPalette, a
QSS sheet (the style's template filled in) and the font and spacing the builder uses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from string import Template
from typing import Mapping

from factory.core.styles import Factors, Style
from renderers.desktop.fonts import ui_font
from renderers.desktop.qss_icons import icon_file
from renderers.desktop.styles import Look


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def mix(a: str, b: str, t: float) -> str:
    """Colour t of the way from a to b, as '#rrggbb'."""
    ca, cb = _rgb(a), _rgb(b)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


def luminance(c: str) -> float:
    r, g, b = (v / 255 for v in _rgb(c))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@dataclass(frozen=True)
class Theme:
    name: str  # style name
    dark: bool
    colors: Mapping[str, str]  # the style's roles plus accent, accent_text, selection, selection_text
    qss: str
    look: Look
    family: str
    font_px: float
    space: float  # px per layout gap step
    locale: str
    dpr: float

    def color(self, role: str):
        from PySide6.QtGui import QColor

        return QColor(self.colors[role])

    def font(self, scale: float = 1.0, weight: int | None = None):
        return ui_font(self.family, self.font_px * scale, self.locale, weight)

    def gap(self, steps: float) -> int:
        return round(self.space * steps)

    def palette(self):
        return _palette(tuple(sorted(self.colors.items())))


@lru_cache(maxsize=64)
def _palette(items: tuple[tuple[str, str], ...]):
    from PySide6.QtGui import QColor, QPalette

    c = dict(items)
    pal = QPalette()
    R, G = QPalette.ColorRole, QPalette.ColorGroup
    roles = {R.Window: "window", R.WindowText: "text", R.Base: "base", R.AlternateBase: "alt_base",
             R.Text: "text", R.Button: "button", R.ButtonText: "button_text", R.BrightText: "accent_text",
             R.Highlight: "selection", R.HighlightedText: "selection_text", R.Link: "link", R.LinkVisited: "link",
             R.ToolTipBase: "tooltip", R.ToolTipText: "tooltip_text", R.PlaceholderText: "muted",
             R.Light: "light", R.Midlight: "midlight", R.Mid: "border", R.Dark: "dark", R.Shadow: "shadow",
             R.Accent: "accent"}
    for role, key in roles.items():
        pal.setColor(role, QColor(c[key]))
    for role in (R.WindowText, R.Text, R.ButtonText):
        pal.setColor(G.Disabled, role, QColor(c["disabled"]))
    pal.setColor(G.Disabled, R.Base, QColor(c["window"]))
    return pal


def make_theme(style: Style, factors: Factors) -> Theme:
    """The sample's theme: palette roles for factors.theme, the accent and derived colours, the QSS filled in."""
    look: Look = style.assets["look"]
    dark = factors.theme == "dark"
    c = dict(style.assets["palettes"][factors.theme])
    accent = factors.accent
    if dark and luminance(accent) < 0.3:
        accent = mix(accent, "#ffffff", 0.35)  # dark themes lift the accent so it reads on dark surfaces
    accent_text = "#000000" if luminance(accent) > 0.6 else "#ffffff"
    c.update(accent=accent, accent_text=accent_text, selection=accent, selection_text=accent_text)
    derived = dict(
        soft_selection=mix(c["base"], accent, 0.28 if dark else 0.18), accent_hover=mix(accent, c["base"], 0.15),
        focus=mix(accent, c["base"], 0.1), invalid_base=mix(c["base"], c["danger"], 0.12),
        hover=mix(c["window"], c["text"], 0.07), pressed=mix(c["window"], c["text"], 0.12),
        border_strong=mix(c["border"], c["text"], 0.35), accent_light=mix(accent, "#ffffff", 0.25),
        accent_dark=mix(accent, "#000000", 0.2), focus_ring=mix(accent, c["window"], 0.45),
        light=mix(c["button"], "#ffffff", 0.6), midlight=mix(c["button"], "#ffffff", 0.3),
        dark=mix(c["button"], "#000000", 0.45), shadow=mix(c["window"], "#000000", 0.75))
    for k, v in derived.items():
        c.setdefault(k, v)  # a palette may pin any derived colour (the classic bevels do)
    if style.assets.get("link_is_accent", True):
        c["link"] = accent if not dark else mix(accent, "#ffffff", 0.2)
    icons = {} if not style.assets["qss"] else {
        "icon_check": icon_file("check", accent_text), "icon_check_dark": icon_file("check", c["text"]),
        "icon_dot": icon_file("dot", accent_text), "icon_dot_dark": icon_file("dot", c["text"]),
        "icon_down": icon_file("down", c["text"]), "icon_up": icon_file("up", c["text"]),
        "icon_down_disabled": icon_file("down", c["disabled"]), "icon_up_disabled": icon_file("up", c["disabled"]),
        "icon_right": icon_file("right", c["muted"]), "icon_open": icon_file("down", c["muted"]),
        "icon_left": icon_file("left", c["text"]), "icon_right_text": icon_file("right", c["text"]),
        "icon_partial": icon_file("dash", accent_text), "icon_down_white": icon_file("down", "#ffffff"),
    }
    qss = Template(style.assets["qss"]).substitute({**c, **icons}) if style.assets["qss"] else ""
    return Theme(name=style.name, dark=dark, colors=c, qss=qss, look=look, family=factors.font_family,
                 font_px=look.font_px * factors.font_scale, space=look.space * factors.density,
                 locale=factors.locale, dpr=factors.dpr)
