"""A sample's colours: the skin's day or night palette (from the theme factor), a small random hue shift of
the surfaces, and the sample's accent colour with a readable text colour on it."""

from __future__ import annotations

import colorsys
import random

from renderers.game.styles import PALETTE_KEYS, Skin

RGBA = tuple[int, int, int, int]
SHIFTED = ("panel", "panel2", "edge", "edge_hi", "slot", "slot_edge", "button", "track")


def rgba(value: str) -> RGBA:
    """'#rgb', '#rrggbb' or '#rrggbbaa' -> (r, g, b, a)."""
    h = value.lstrip("#")
    if len(h) in (3, 4):
        h = "".join(ch * 2 for ch in h)
    if len(h) not in (6, 8):
        raise ValueError(f"bad colour {value!r}")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return r, g, b, int(h[6:8], 16) if len(h) == 8 else 255


def hue_shift(c: RGBA, dh: float) -> RGBA:
    h, l, s = colorsys.rgb_to_hls(c[0] / 255, c[1] / 255, c[2] / 255)
    r, g, b = colorsys.hls_to_rgb((h + dh) % 1.0, l, s)
    return round(r * 255), round(g * 255), round(b * 255), c[3]


def mix(a: RGBA, b: RGBA, t: float) -> RGBA:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def luminance(c: RGBA) -> float:
    return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255


class Palette(dict):
    """name -> RGBA for every skin key, plus `accent`, `on_accent` (text on the accent) and `disabled`."""

    def opaque(self, key: str) -> RGBA:
        c = self[key]
        return c[0], c[1], c[2], 255


def resolve(skin: Skin, theme: str, accent: str, rng: random.Random) -> Palette:
    base = skin.night if theme == "dark" else skin.day
    dh = rng.uniform(-skin.hue_jitter, skin.hue_jitter)
    pal = Palette()
    for k in PALETTE_KEYS:
        c = rgba(base[k])
        pal[k] = hue_shift(c, dh) if k in SHIFTED else c
    pal["accent"] = rgba(accent)
    pal["on_accent"] = (20, 20, 28, 255) if luminance(pal["accent"]) > 0.62 else (255, 255, 255, 255)
    pal["disabled"] = mix(pal.opaque("muted"), pal.opaque("panel"), 0.45)
    return pal
