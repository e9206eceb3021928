"""Vector icons for items, skills and buttons, drawn from shape lists in a unit square and cached as
surfaces per (name, size, colours, pixelation): the same inputs always give the same pixels."""

from __future__ import annotations

from functools import lru_cache

from renderers.game.engine import import_pygame
from renderers.game.icon_shapes import SHAPES
from renderers.game.palette import RGBA, mix

pygame = import_pygame()


def _tone(tone: str, main: RGBA, alt: RGBA) -> RGBA:
    return {
        "main": main,
        "alt": alt,
        "dark": mix(main, (0, 0, 0, 255), 0.45),
        "light": mix(main, (255, 255, 255, 255), 0.55),
    }[tone]


@lru_cache(maxsize=4096)
def icon_surface(name: str, size: int, main: RGBA, alt: RGBA, pixel: int = 1, outline: bool = True):
    """An icon as a transparent surface of size x size (drawn at size/pixel and scaled up for pixel art)."""
    n = max(6, size // pixel)
    surf = pygame.Surface((n, n), pygame.SRCALPHA)
    shapes = SHAPES.get(name) or [("circle", (0.5, 0.5), 0.32, "main"), ("circle", (0.5, 0.5), 0.16, "light")]
    for shape in shapes:
        kind, tone = shape[0], shape[-1] if isinstance(shape[-1], str) else shape[-2]
        c = _tone(tone, main, alt)
        if kind == "poly":
            width = round(shape[3] * n) if len(shape) > 3 else 0
            pygame.draw.polygon(surf, c, [(x * n, y * n) for x, y in shape[1]], width)
        elif kind == "circle":
            pygame.draw.circle(surf, c, (shape[1][0] * n, shape[1][1] * n), max(1, shape[2] * n))
        elif kind == "ring":
            pygame.draw.circle(
                surf, c, (shape[1][0] * n, shape[1][1] * n), max(1, shape[2] * n), max(1, round(shape[3] * n))
            )
        elif kind == "line":
            pygame.draw.line(
                surf,
                c,
                (shape[1][0] * n, shape[1][1] * n),
                (shape[2][0] * n, shape[2][1] * n),
                max(1, round(shape[3] * n)),
            )
        elif kind == "rect":
            x, y, w, h = shape[1]
            pygame.draw.rect(surf, c, (round(x * n), round(y * n), max(1, round(w * n)), max(1, round(h * n))))
    if outline:  # a dark rim keeps icons readable on any background
        mask = pygame.mask.from_surface(surf)
        rim = mask.to_surface(setcolor=(*mix(main, (0, 0, 0, 255), 0.7)[:3], 255), unsetcolor=(0, 0, 0, 0))
        base = pygame.Surface((n + 2, n + 2), pygame.SRCALPHA)
        for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2)):
            base.blit(rim, (dx, dy))
        base.blit(surf, (1, 1))
        surf = base
    if pixel > 1:
        return pygame.transform.scale(surf, (size, size))
    return pygame.transform.smoothscale(surf, (size, size)) if surf.get_width() != size else surf


ITEM_COLOURS = {  # icon -> (main, alt)
    "sword": ((176, 186, 198, 255), (150, 95, 40, 255)),
    "dagger": ((190, 196, 206, 255), (120, 70, 30, 255)),
    "axe": ((160, 168, 178, 255), (130, 82, 40, 255)),
    "bow": ((200, 170, 120, 255), (140, 90, 40, 255)),
    "staff": ((90, 170, 255, 255), (120, 80, 40, 255)),
    "shield": ((150, 150, 160, 255), (170, 40, 40, 255)),
    "helmet": ((165, 170, 180, 255), (90, 90, 100, 255)),
    "armor": ((150, 158, 170, 255), (160, 120, 50, 255)),
    "boots": ((120, 80, 45, 255), (110, 70, 40, 255)),
    "gloves": ((130, 90, 55, 255), (125, 85, 50, 255)),
    "ring": ((235, 190, 60, 255), (60, 200, 230, 255)),
    "amulet": ((230, 200, 90, 255), (200, 40, 90, 255)),
    "potion": ((220, 230, 240, 255), (220, 40, 60, 255)),
    "scroll": ((230, 210, 160, 255), (200, 170, 110, 255)),
    "gem": ((120, 220, 255, 255), (80, 160, 255, 255)),
    "key": ((230, 190, 60, 255), (200, 160, 40, 255)),
    "arrow": ((200, 200, 210, 255), (150, 100, 50, 255)),
    "bread": ((200, 140, 70, 255), (210, 150, 80, 255)),
    "herb": ((60, 160, 70, 255), (80, 190, 80, 255)),
    "ore": ((110, 100, 100, 255), (90, 80, 80, 255)),
}
