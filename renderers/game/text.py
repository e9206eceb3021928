"""Text: line fitting (wrapping by words, or by characters for CJK; ellipsis when out of room) and drawing
with the style's treatment (drop shadow, outline or glow)."""

from __future__ import annotations

from collections import OrderedDict

from renderers.game.engine import import_pygame
from renderers.game.fonts import is_cjk

pygame = import_pygame()
ELLIPSIS = "…"


def _tokens(text: str) -> list[str]:
    """Break opportunities: after spaces, and between CJK characters."""
    out, cur = [], ""
    for ch in text:
        if is_cjk(ch):
            if cur:
                out.append(cur)
            out.append(ch)
            cur = ""
        else:
            cur += ch
            if ch == " ":
                out.append(cur)
                cur = ""
    if cur:
        out.append(cur)
    return out


def ellipsize(font, text: str, max_w: int) -> str:
    """`text` cut (with an ellipsis) to fit `max_w` pixels; binary search on the prefix length."""
    if font.size(text)[0] <= max_w:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + ELLIPSIS)[0] <= max_w:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS if lo else ELLIPSIS


def wrap(font, text: str, max_w: int, max_lines: int = 6) -> list[str]:
    """Greedy line breaking into at most `max_lines` lines, the last one ellipsized if text remains."""
    lines: list[str] = []
    cur = ""
    tokens = _tokens(text)
    for i, tok in enumerate(tokens):
        trial = cur + tok
        if cur and font.size(trial.rstrip())[0] > max_w:
            lines.append(cur.rstrip())
            if len(lines) == max_lines:
                lines[-1] = ellipsize(font, lines[-1] + " " + "".join(tokens[i:]), max_w)
                return lines
            cur = tok.lstrip()
        else:
            cur = trial
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return [ellipsize(font, ln, max_w) for ln in lines]


def measure(font, text: str, max_w: int, wrapped: bool) -> tuple[int, int]:
    """(width, height) of `text` laid out within `max_w`."""
    h = font.get_linesize()
    if not wrapped:
        return min(font.size(text)[0], max_w), h
    lines = wrap(font, text, max_w)
    return max(font.size(ln)[0] for ln in lines), h * len(lines)


def render_line(font, line: str, color, antialias: bool, effect: str, effect_color, scale: float, outlined=None):
    """One line as a surface with its effect; returns (surface, offset of the text inside it).
    `outlined(font, k)` gives the font with a k-pixel outline (needed for the 'outline' effect)."""
    pg_surface = font.render(line, antialias, color)
    if effect == "none" or not line:
        return pg_surface, (0, 0)
    k = max(1, round(scale * (1.5 if effect == "outline" else 1)))
    w, h = pg_surface.get_size()
    if effect == "outline":
        back = outlined(font, k).render(line, antialias, effect_color[:3])
        # A fresh RGBA surface: without antialiasing SDL_ttf returns 8-bit surfaces that would remap colours.
        out = pygame.Surface(back.get_size(), pygame.SRCALPHA)
        out.blit(back, (0, 0))
        out.blit(pg_surface, (k, k))
        return out, (k, k)
    shade = font.render(line, antialias, effect_color[:3])
    if len(effect_color) > 3 and effect_color[3] < 255:
        shade.set_alpha(effect_color[3])
    out = pygame.Surface((w + 2 * k, h + 2 * k), pygame.SRCALPHA)
    offsets = ((2 * k, 2 * k),) if effect == "shadow" else ((0, k), (2 * k, k), (k, 0), (k, 2 * k))
    for off in offsets:
        out.blit(shade, off)
    out.blit(pg_surface, (k, k))
    return out, (k, k)


class LineCache:
    """Rendered lines (with their effect), the least recently used dropped past `size`: menu words, hotkeys
    and numbers repeat across samples. Keys hold id(font): fonts live as long as the renderer's Fonts."""

    def __init__(self, outlined, size: int = 4096):
        self.outlined, self.size = outlined, size
        self._lines: OrderedDict = OrderedDict()

    def __call__(self, font, line: str, color, antialias: bool, effect: str, effect_color, scale: float):
        key = (id(font), line, color, antialias, effect, effect_color, scale)
        hit = self._lines.get(key)
        if hit is not None:
            self._lines.move_to_end(key)
            return hit
        out = self._lines[key] = render_line(font, line, color, antialias, effect, effect_color, scale, self.outlined)
        if len(self._lines) > self.size:
            self._lines.popitem(last=False)
        return out


def draw(
    surface,
    rect,
    lines: list[str],
    font,
    color,
    antialias: bool,
    effect: str,
    effect_color,
    scale: float,
    align: str = "left",
    valign: str = "center",
    render=render_line,
) -> None:
    """Blit `lines` into `rect` (clipped to it), aligned horizontally and vertically; `render` makes a line."""
    x, y, w, h = rect
    lh = font.get_linesize()
    top = y + {"top": 0, "center": (h - lh * len(lines)) // 2, "bottom": h - lh * len(lines)}[valign]
    old = surface.get_clip()
    surface.set_clip(old.clip((x, y, w, h)) if old else (x, y, w, h))
    for i, line in enumerate(lines):
        surf, (ox, oy) = render(font, line, color, antialias, effect, effect_color, scale)
        tw = surf.get_width() - 2 * ox
        left = x + {"left": 0, "center": (w - tw) // 2, "right": w - tw}[align]
        surface.blit(surf, (left - ox, top + i * lh - oy))
    surface.set_clip(old)
