"""Fusion: Qt's own cross-platform style, unstyled by QSS, in its light palette and a dark one."""

from renderers.desktop.styles import Look, register_desktop_style

TONES_LIGHT = {"success_bg": "#dcf3e2", "success": "#176b34", "warning_bg": "#fbefc9", "warning": "#7a5300",
               "info_bg": "#dbe9fb", "info": "#1d4f91", "neutral_bg": "#e6e6e6", "neutral": "#3c3c3c"}
TONES_DARK = {"success_bg": "#1f4a2c", "success": "#a6e9bb", "warning_bg": "#4d3d12", "warning": "#f6d98b",
              "info_bg": "#1c3555", "info": "#b3d3fb", "neutral_bg": "#4a4a4a", "neutral": "#e2e2e2"}

PALETTES = {
    "light": {"window": "#efefef", "panel": "#f7f7f7", "base": "#ffffff", "alt_base": "#f5f5f5", "text": "#141414",
              "muted": "#6d6d6d", "border": "#bdbdbd", "button": "#efefef", "button_text": "#141414",
              "disabled": "#a0a0a0", "link": "#2a6fbf", "danger": "#c0392b", "titlebar": "#dedede",
              "titlebar_text": "#232323", "tooltip": "#ffffdc", "tooltip_text": "#000000",
              "wallpaper_top": "#3d6fa8", "wallpaper_bottom": "#1d2f4a", **TONES_LIGHT},
    "dark": {"window": "#353535", "panel": "#3d3d3d", "base": "#2a2a2a", "alt_base": "#313131", "text": "#e8e8e8",
             "muted": "#a3a3a3", "border": "#5c5c5c", "button": "#404040", "button_text": "#e8e8e8",
             "disabled": "#7a7a7a", "link": "#6fb1ff", "danger": "#ff7b6b", "titlebar": "#2b2b2b",
             "titlebar_text": "#e0e0e0", "tooltip": "#202020", "tooltip_text": "#eeeeee",
             "wallpaper_top": "#27374d", "wallpaper_bottom": "#0c0f14", **TONES_DARK},
}

register_desktop_style(
    name="fusion",
    description="Qt Fusion in light or dark palettes: the plain look of cross-platform Qt applications",
    palettes=PALETTES,
    qss="",
    accents=("#308cc6", "#2a82da", "#3daee9", "#5e81ac", "#2e9d61", "#c7662d", "#8e5bd0"),
    fonts=("Noto Sans", "DejaVu Sans", "Liberation Sans"),
    look=Look(titlebar="breeze", switch="pill", radius=3, font_px=13.0, space=5.0, grid=True),
)
