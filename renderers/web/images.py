"""Procedural pictures (photos, avatars, charts) as SVG data URIs: deterministic from a pattern number."""

from __future__ import annotations

import base64
import contextlib
import random
from contextvars import ContextVar
from typing import Iterator

from markupsafe import escape

PALETTES = (
    ("#1e3a8a", "#60a5fa", "#fbbf24"), ("#14532d", "#86efac", "#f97316"), ("#7c2d12", "#fdba74", "#0ea5e9"),
    ("#581c87", "#d8b4fe", "#facc15"), ("#0f172a", "#38bdf8", "#f472b6"), ("#134e4a", "#5eead4", "#ef4444"),
)
ASPECTS = {"16:9": (320, 180), "4:3": (320, 240), "1:1": (240, 240), "3:2": (300, 200)}
ASPECTS["3:1"] = (480, 160)  # a profile cover
# The language of the page being written (use_language), given to its avatars' pictures: an SVG picture is a
# document of its own and does not inherit the page's lang. Without one, Blink draws a Han initial with whichever CJK
# font the renderer process fell back to before (李 on a zh-CN page drawn after a ja-JP page differed from a fresh
# process's in 1,027 pixels); with the page's language it picks that language's font, whatever came before.
_page_lang: ContextVar[str] = ContextVar("page_lang", default="")


@contextlib.contextmanager
def use_language(tag: str) -> Iterator[None]:
    """Within the block, avatars' pictures carry the BCP 47 language `tag` (a page is written inside one block)."""
    token = _page_lang.set(tag)
    try:
        yield
    finally:
        _page_lang.reset(token)


def _photo(r: random.Random, w: int, h: int) -> str:
    a, b, c = r.choice(PALETTES)
    parts = [f'<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{b}"/>'
             f'<stop offset="1" stop-color="{a}"/></linearGradient></defs>'
             f'<rect width="{w}" height="{h}" fill="url(#g)"/>',
             f'<circle cx="{r.randint(20, w - 20)}" cy="{r.randint(15, h // 2)}" r="{r.randint(10, 30)}" fill="{c}"/>']
    for layer in range(r.randint(1, 3)):
        pts = [(0, h)] + [(x, r.randint(h // 3, h - 10)) for x in range(0, w + 40, r.randint(30, 70))] + [(w, h)]
        shade = ("#00000033", "#00000055", "#00000077")[layer]
        parts.append(f'<polygon points="{" ".join(f"{x},{y}" for x, y in pts)}" fill="{shade}"/>')
    return "".join(parts)


def _bars(r: random.Random, w: int, h: int) -> str:
    _, b, c = r.choice(PALETTES)
    n = r.randint(5, 12)
    bw = (w - 40) / n
    parts = [f'<rect width="{w}" height="{h}" fill="#00000008"/>',
             f'<path d="M30 10V{h - 20}H{w - 5}" stroke="#8888" fill="none"/>']
    for i in range(n):
        bh = r.randint(10, h - 40)
        parts.append(f'<rect x="{34 + i * bw:.1f}" y="{h - 20 - bh}" width="{bw * 0.7:.1f}" height="{bh}" '
                     f'fill="{b if i % 3 else c}"/>')
    return "".join(parts)


def _line(r: random.Random, w: int, h: int) -> str:
    _, b, c = r.choice(PALETTES)
    parts = [f'<rect width="{w}" height="{h}" fill="#00000008"/>']
    for y in range(20, h - 10, 30):
        parts.append(f'<path d="M30 {y}H{w - 5}" stroke="#8884"/>')
    for color in (b, c)[: r.randint(1, 2)]:
        pts = [(30 + i * (w - 35) / 11, r.randint(15, h - 25)) for i in range(12)]
        parts.append(f'<polyline points="{" ".join(f"{x:.1f},{y}" for x, y in pts)}" fill="none" stroke="{color}" '
                     f'stroke-width="3"/>')
    return "".join(parts)


def _pie(r: random.Random, w: int, h: int) -> str:
    import math

    cols = r.choice(PALETTES) + ("#94a3b8",)
    cx, cy, rad = w / 2, h / 2, min(w, h) / 2 - 10
    cuts = sorted(r.random() for _ in range(3))
    angles = [0.0] + cuts + [1.0]
    parts = []
    for i in range(4):
        a0, a1 = angles[i] * 2 * math.pi, angles[i + 1] * 2 * math.pi
        x0, y0 = cx + rad * math.sin(a0), cy - rad * math.cos(a0)
        x1, y1 = cx + rad * math.sin(a1), cy - rad * math.cos(a1)
        large = 1 if a1 - a0 > math.pi else 0
        parts.append(f'<path d="M{cx},{cy}L{x0:.1f},{y0:.1f}A{rad},{rad} 0 {large} 1 {x1:.1f},{y1:.1f}z" '
                     f'fill="{cols[i]}"/>')
    return "".join(parts)


def _avatar(r: random.Random, initials: str) -> str:
    a, b, _ = r.choice(PALETTES)
    return (f'<circle cx="20" cy="20" r="20" fill="{a}"/><text x="20" y="26" text-anchor="middle" '
            f'font-family="sans-serif" font-size="17" fill="{b}">{escape(initials)}</text>')


def image_uri(kind: str, pattern: int, aspect: str = "16:9", initials: str = "") -> str:
    r = random.Random(pattern)
    if kind == "avatar":
        w, h, body = 40, 40, _avatar(r, initials)
    else:
        w, h = ASPECTS[aspect]
        draw = {"photo": _photo, "chart-bar": _bars, "chart-line": _line, "chart-pie": _pie}.get(kind)
        if draw is None:
            raise ValueError(f"unknown image kind {kind!r}")
        body = draw(r, w, h)
    tag = _page_lang.get()
    lang = f' xml:lang="{escape(tag)}" lang="{escape(tag)}"' if kind == "avatar" and tag else ""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"{lang} viewBox="0 0 {w} {h}" width="{w}" height="{h}">{body}</svg>'
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
