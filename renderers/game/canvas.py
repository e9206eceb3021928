"""The drawing surface of one sample with the style's colours and sizes: filled, gradient, translucent and
rounded shapes, and text with the style's treatment. Painters draw through it."""

from __future__ import annotations

from renderers.game import text as textlib
from renderers.game.engine import import_pygame
from renderers.game.metrics import Metrics
from renderers.game.palette import RGBA, Palette, mix
from renderers.game.styles import Skin

pygame = import_pygame()
Rect = tuple[int, int, int, int]


class Canvas:
    def __init__(self, surface, pal: Palette, skin: Skin, metrics: Metrics, pixel: int = 1, night: bool = False):
        self.surface, self.pal, self.skin, self.m = surface, pal, skin, metrics
        self.pixel, self.night = pixel, night  # pixel-art factor for pictures; night palette in use
        self.rects: dict[str, Rect] = {}  # every node's rectangle, for painters that look at children
        self.lines = None  # how a text line becomes a surface: the renderer's LineCache
        self.where = "scene"  # what lies behind the node being painted: scene, panel, header
        self.u, self.s = metrics.u, metrics.s
        self.aa = skin.antialias
        self.line = max(1, round(skin.border * metrics.s)) if skin.border else 0

    # --- shapes ---------------------------------------------------------------------------------
    def fill(self, r: Rect, color: RGBA, radius: int = 0) -> None:
        if r[2] <= 0 or r[3] <= 0:
            return
        if len(color) == 4 and color[3] < 255:
            if radius == 0:  # blend without a temporary surface: dst * (1 - a) + colour * a, two SIMD fills
                a = color[3]
                self.surface.fill((255 - a,) * 3, r, special_flags=pygame.BLEND_MULT)
                self.surface.fill(tuple(c * a // 255 for c in color[:3]), r, special_flags=pygame.BLEND_ADD)
                return
            tmp = pygame.Surface((r[2], r[3]), pygame.SRCALPHA)
            pygame.draw.rect(tmp, color, (0, 0, r[2], r[3]), border_radius=radius)
            self.surface.blit(tmp, (r[0], r[1]))
        else:
            pygame.draw.rect(self.surface, color[:3], r, border_radius=radius)

    def outline(self, r: Rect, color: RGBA, width: int, radius: int = 0) -> None:
        if width <= 0 or r[2] <= 0 or r[3] <= 0:
            return
        if len(color) == 4 and color[3] < 255:
            tmp = pygame.Surface((r[2], r[3]), pygame.SRCALPHA)
            pygame.draw.rect(tmp, color, (0, 0, r[2], r[3]), width, border_radius=radius)
            self.surface.blit(tmp, (r[0], r[1]))
        else:
            pygame.draw.rect(self.surface, color[:3], r, width, border_radius=radius)

    def gradient(self, r: Rect, top: RGBA, bottom: RGBA, radius: int = 0, horizontal: bool = False) -> None:
        """A two-colour linear gradient (a 2-pixel surface scaled up bilinearly: cheap at any size)."""
        if r[2] <= 0 or r[3] <= 0:
            return
        seed = pygame.Surface((2, 1) if horizontal else (1, 2), pygame.SRCALPHA)
        seed.set_at((0, 0), top)
        seed.set_at((1, 0) if horizontal else (0, 1), bottom)
        grad = pygame.transform.smoothscale(seed, (max(2, r[2]), max(2, r[3])))
        if radius:
            mask = pygame.Surface(grad.get_size(), pygame.SRCALPHA)
            pygame.draw.rect(mask, (255, 255, 255, 255), (0, 0, *grad.get_size()), border_radius=radius)
            grad.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        self.surface.blit(grad, (r[0], r[1]), (0, 0, r[2], r[3]))

    def poly(self, points, color: RGBA, width: int = 0) -> None:
        if len(color) == 4 and color[3] < 255:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            x0, y0 = int(min(xs)) - 1, int(min(ys)) - 1
            tmp = pygame.Surface((int(max(xs)) - x0 + 2, int(max(ys)) - y0 + 2), pygame.SRCALPHA)
            pygame.draw.polygon(tmp, color, [(x - x0, y - y0) for x, y in points], width)
            self.surface.blit(tmp, (x0, y0))
        else:
            pygame.draw.polygon(self.surface, color[:3], points, width)

    def circle(self, center, radius: float, color: RGBA, width: int = 0) -> None:
        if radius <= 0:
            return
        if len(color) == 4 and color[3] < 255:
            d = int(radius * 2) + 2
            tmp = pygame.Surface((d, d), pygame.SRCALPHA)
            pygame.draw.circle(tmp, color, (d / 2, d / 2), radius, width)
            self.surface.blit(tmp, (center[0] - d / 2, center[1] - d / 2))
        else:
            pygame.draw.circle(self.surface, color[:3], center, radius, width)

    def shadow(self, r: Rect, radius: int = 0, offset: float = 1.0) -> None:
        """A soft-ish drop shadow: two translucent offset rectangles."""
        k = max(1, round(self.u * offset))
        c = self.pal["shadow"]
        for i, a in ((k, c[3] * 0.5), (k // 2 or 1, c[3] * 0.7)):
            self.fill((r[0] + i // 2, r[1] + i, r[2], r[3]), (c[0], c[1], c[2], int(a)), radius)

    def glow(self, r: Rect, color: RGBA, layers: int = 3) -> None:
        """Neon glow: widening translucent outlines around `r`."""
        for i in range(layers, 0, -1):
            g = round(i * self.s * 1.5)
            self.outline(
                (r[0] - g, r[1] - g, r[2] + 2 * g, r[3] + 2 * g),
                (*color[:3], 40 + 30 * (layers - i)),
                max(1, round(self.s * 1.5)),
            )

    # --- text -----------------------------------------------------------------------------------
    def effect_colour(self, effect: str) -> RGBA:
        if effect == "outline":  # always dark and opaque: outlines are for reading text over pictures
            return mix(self.pal["shadow"], (0, 0, 0, 255), 0.6)[:3] + (255,)
        return self.pal["shadow"] if effect != "glow" else (*self.pal["edge"][:3], 110)

    def text(
        self,
        r: Rect,
        node,
        color: RGBA,
        align: str = "left",
        valign: str = "center",
        text: str | None = None,
        rel: float | None = None,
        bold: bool | None = None,
        effect: str | None = None,
    ) -> None:
        """Text of `node` (or `text`) fitted into `r`: wrapped if its variant wraps, else ellipsized."""
        t = self.m.label(node) if text is None else text
        if not t or r[2] <= 0:
            return
        font = self.m.font(node, t, rel, bold)
        wraps = self.m.text_spec(node)[2] and text is None
        lines = textlib.wrap(font, t, r[2]) if wraps else [textlib.ellipsize(font, t, r[2])]
        if effect is None:  # the style's treatment; heavy outlines only where text sits on pictures or colour
            effect = self.skin.text_effect
            if effect == "outline" and self.where == "panel":
                effect = "none"
        textlib.draw(
            self.surface,
            r,
            lines,
            font,
            tuple(color[:3]),
            self.aa,
            effect,
            tuple(self.effect_colour(effect)),
            self.s,
            align,
            valign,
            self.lines,
        )


def inset(r: Rect, d: float) -> Rect:
    d = int(d)
    return r[0] + d, r[1] + d, max(0, r[2] - 2 * d), max(0, r[3] - 2 * d)
