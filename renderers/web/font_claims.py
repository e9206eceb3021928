"""Which font sizes a renderer process has drawn text at, so that no sample depends on what the process drew before.

Blink keeps one font per (family, style, size key) for the life of a renderer process (FontCache), and a sample's
text is drawn with the font of whichever size claimed that key first. Sizes are first floored to 1/100 px
(FontDescription::EffectiveFontSize: n = floor(size * 100), size n / 100), and the key is that size times 100,
truncated again, in float32 both times: for about 7 % of sizes n / 100 * 100 comes out just under n, and the key is
n - 1, shared with size (n - 1) / 100. So a page drawing 16.969 px text (n 1696, key 1695) made a later page's 16.96 px
text (n 1695, key 1695) come out at 16.96 px instead of 16.95 px: a product page's breadcrumb shifted by one device
pixel depending on which landing page the worker had drawn before (kit-foundation, seed 7, sample 48 after 35). Nothing
short of a fresh renderer process empties that cache (memory pressure, garbage collection and navigation do not),
and a fresh page for every sample halves the render rate; but a sample can only be drawn differently when one of
its keys was claimed at another size, which is rare (once in 50 samples of kit-foundation, never in 50 of material).
So the renderer records each page's sizes (font_sizes.js) and draws a sample whose keys clash with earlier claims
again in a fresh page (a fresh context: a fresh renderer process).
"""

from __future__ import annotations

import math
import struct


def f32(x: float) -> float:
    """x rounded to float32 (a float32 product or quotient of float32s rounds once from the exact double result)."""
    return struct.unpack("f", struct.pack("f", x))[0]


def size_step(size: float) -> int:
    """The 1/100 px step Blink draws a CSS font size at (EffectiveFontSize: floorf(size * 100), in float32)."""
    return math.floor(f32(f32(size) * 100))


def cache_key(step: int) -> int:
    """The font cache's size key of step n (size n / 100 in float32, times 100 in float32, truncated): n or n - 1."""
    return math.floor(f32(f32(step / 100) * 100))


def rounded_steps(text: str) -> range:
    """The steps a size that getComputedStyle wrote as `text` ("16.96px", 6 significant digits) may have."""
    size = float(text.removesuffix("px"))
    if size <= 0:
        return range(0)
    half = 0.5 * 10 ** (math.floor(math.log10(size)) - 5)
    return range(size_step(size - half), size_step(size + half) + 1)


def page_claims(sizes: dict) -> dict[int, set[int]]:
    """Cache key -> the steps a page drew text at under it, from font_sizes.js's result."""
    steps = {size_step(s) for s in sizes["exact"] if s > 0}
    steps.update(n for text in sizes["rounded"] for n in rounded_steps(text))
    claims: dict[int, set[int]] = {}
    for n in steps:
        claims.setdefault(cache_key(n), set()).add(n)
    return claims


class FontClaims:
    """The cache keys one renderer process has drawn text under, each with the steps it drew there. Ignores family and
    style (a key is shared only within one family and style): a clash may be reported that is none, never missed."""

    def __init__(self):
        self.keys: dict[int, set[int]] = {}

    def clashes(self, claims: dict[int, set[int]]) -> bool:
        """Whether a page with `claims` could be drawn differently here than in a fresh process: one of its keys was
        claimed before, at another step (the font of the earlier step would be used), or at several."""
        return any(k in self.keys and len(self.keys[k] | steps) > 1 for k, steps in claims.items())

    def add(self, claims: dict[int, set[int]]) -> None:
        for k, steps in claims.items():
            self.keys.setdefault(k, set()).update(steps)
