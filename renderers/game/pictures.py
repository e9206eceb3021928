"""Procedural pictures inside the UI: character portraits, item art on rarity glows, news banners, a
virtual joystick and minimap terrain. Each is a function of its `pattern` number and size only."""

from __future__ import annotations

import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.icons import ITEM_COLOURS, icon_surface
from renderers.game.palette import RGBA, mix
from renderers.game.scenes.noise import noise2d

pygame = import_pygame()
SKINS = (
    (255, 220, 185),
    (236, 188, 150),
    (198, 140, 100),
    (141, 94, 62),
    (96, 64, 44),
    (150, 200, 120),
    (180, 190, 205),
)
HAIR = ((30, 24, 20), (90, 60, 30), (200, 160, 80), (160, 50, 30), (220, 220, 230), (60, 80, 160), (40, 140, 90))
CLOTHES = ((120, 30, 40), (40, 70, 130), (50, 100, 60), (90, 70, 120), (140, 110, 60), (60, 60, 70))
RARITY = {
    "common": (150, 150, 150, 255),
    "uncommon": (70, 200, 90, 255),
    "rare": (60, 130, 255, 255),
    "epic": (170, 80, 240, 255),
    "legendary": (255, 150, 30, 255),
}


def portrait(w: int, h: int, pattern: int, pixel: int = 1):
    """A head-and-shoulders character (human, elf, orc or robot) on a gradient backdrop."""
    r = random.Random(pattern)
    sw, sh = max(8, w // pixel), max(8, h // pixel)
    s = pygame.Surface((sw, sh))
    bg = (r.randint(30, 120), r.randint(30, 120), r.randint(40, 140))
    seed = pygame.Surface((1, 2))
    seed.set_at((0, 0), mix((*bg, 255), (255, 255, 255, 255), 0.3))
    seed.set_at((0, 1), bg)
    s.blit(pygame.transform.smoothscale(seed, (sw, sh)), (0, 0))
    kind = r.choice(("human", "human", "elf", "orc", "robot"))
    skin = SKINS[5] if kind == "orc" else SKINS[6] if kind == "robot" else r.choice(SKINS[:5])
    cx, hw, hh = sw / 2, sw * 0.26, sh * 0.27
    top = sh * 0.2
    cloth = r.choice(CLOTHES)
    pygame.draw.ellipse(s, cloth, (sw * 0.08, sh * 0.72, sw * 0.84, sh * 0.6))
    pygame.draw.rect(
        s, mix((*skin, 255), (0, 0, 0, 255), 0.2)[:3], (cx - hw * 0.35, top + hh * 1.6, hw * 0.7, sh * 0.18)
    )
    if kind == "elf":
        pygame.draw.polygon(
            s, skin, [(cx - hw * 0.9, top + hh), (cx - hw * 1.5, top + hh * 0.4), (cx - hw * 0.8, top + hh * 1.3)]
        )
        pygame.draw.polygon(
            s, skin, [(cx + hw * 0.9, top + hh), (cx + hw * 1.5, top + hh * 0.4), (cx + hw * 0.8, top + hh * 1.3)]
        )
    pygame.draw.ellipse(s, skin, (cx - hw, top, hw * 2, hh * 2.1))
    hair = r.choice(HAIR)
    if kind == "robot":
        pygame.draw.rect(s, (40, 220, 255), (cx - hw * 0.8, top + hh * 0.7, hw * 1.6, hh * 0.35))
    else:
        style = r.randrange(3)
        if style == 0:
            pygame.draw.ellipse(s, hair, (cx - hw * 1.05, top - hh * 0.15, hw * 2.1, hh * 1.0))
        elif style == 1:
            pygame.draw.polygon(
                s,
                hair,
                [
                    (cx - hw * 1.1, top + hh * 1.8),
                    (cx - hw, top),
                    (cx + hw, top),
                    (cx + hw * 1.1, top + hh * 1.8),
                    (cx + hw * 0.8, top + hh * 0.5),
                    (cx - hw * 0.8, top + hh * 0.5),
                ],
            )
        else:  # hood or helmet
            pygame.draw.polygon(
                s,
                cloth,
                [
                    (cx - hw * 1.25, top + hh * 2),
                    (cx - hw * 1.1, top - hh * 0.1),
                    (cx, top - hh * 0.4),
                    (cx + hw * 1.1, top - hh * 0.1),
                    (cx + hw * 1.25, top + hh * 2),
                    (cx + hw * 0.85, top + hh * 0.4),
                    (cx - hw * 0.85, top + hh * 0.4),
                ],
            )
        ey = top + hh * 0.95
        for ex in (cx - hw * 0.42, cx + hw * 0.42):
            pygame.draw.circle(s, (245, 245, 245), (ex, ey), max(1, hw * 0.17))
            pygame.draw.circle(s, (20, 20, 30), (ex, ey), max(1, hw * 0.09))
        pygame.draw.line(
            s,
            mix((*skin, 255), (0, 0, 0, 255), 0.5)[:3],
            (cx - hw * 0.3, top + hh * 1.55),
            (cx + hw * 0.3, top + hh * 1.55),
            max(1, round(sh / 60)),
        )
        if kind == "orc":
            for tx in (cx - hw * 0.35, cx + hw * 0.35):
                pygame.draw.polygon(
                    s, (240, 240, 220), [(tx - 2, top + hh * 1.6), (tx + 2, top + hh * 1.6), (tx, top + hh * 1.3)]
                )
        if r.random() < 0.3:
            pygame.draw.polygon(
                s, hair, [(cx - hw * 0.6, top + hh * 1.5), (cx + hw * 0.6, top + hh * 1.5), (cx, top + hh * 2.2)]
            )
    return pygame.transform.scale(s, (w, h)) if pixel > 1 else s


def item_art(size: int, icon: str, rarity: str | None, pixel: int = 1, glow: bool = True):
    """An item icon over a soft glow in its rarity colour."""
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    if glow and rarity:
        c = RARITY.get(rarity, RARITY["common"])
        for i in range(4, 0, -1):
            pygame.draw.circle(s, (*c[:3], 28 + 12 * (4 - i)), (size / 2, size / 2), size * 0.12 * i)
    main, alt = ITEM_COLOURS.get(icon, ((200, 200, 200, 255), (120, 120, 120, 255)))
    inner = round(size * 0.8)
    s.blit(icon_surface(icon, inner, main, alt, pixel), ((size - inner) // 2, (size - inner) // 2))
    return s


def banner(w: int, h: int, pattern: int, pixel: int = 1):
    """A news picture: sky, sun and two ridges."""
    r = random.Random(pattern)
    sw, sh = max(8, w // pixel), max(8, h // pixel)
    s = pygame.Surface((sw, sh))
    a = (r.randint(40, 120), r.randint(60, 160), r.randint(140, 230))
    seed = pygame.Surface((1, 2))
    seed.set_at((0, 0), a)
    seed.set_at((0, 1), (min(255, a[0] + 100), min(255, a[1] + 60), min(255, a[2] + 10)))
    s.blit(pygame.transform.smoothscale(seed, (sw, sh)), (0, 0))
    pygame.draw.circle(s, (255, 230, 150), (r.uniform(0.2, 0.8) * sw, sh * 0.35), sh * 0.15)
    for k, shade in ((0.55, (60, 80, 110)), (0.72, (30, 50, 60))):
        pts = (
            [(0, sh)]
            + [(x, sh * k + r.uniform(-0.15, 0.15) * sh) for x in range(0, sw + 8, max(4, sw // 8))]
            + [(sw, sh)]
        )
        pygame.draw.polygon(s, shade, pts)
    return pygame.transform.scale(s, (w, h)) if pixel > 1 else s


def joystick(size: int):
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(s, (255, 255, 255, 70), (size / 2, size / 2), size / 2)
    pygame.draw.circle(s, (255, 255, 255, 160), (size / 2, size / 2), size / 2, max(2, size // 24))
    pygame.draw.circle(s, (255, 255, 255, 200), (size * 0.56, size * 0.44), size * 0.22)
    return s


TERRAIN = (
    (0.36, (40, 90, 170)),
    (0.42, (210, 200, 140)),
    (0.6, (80, 150, 70)),
    (0.72, (40, 100, 50)),
    (1.01, (130, 125, 120)),
)


def minimap_terrain(size: int, pattern: int, night: bool):
    """A top-down terrain thumbnail: water, sand, grass, forest, rock from value noise."""
    gen = np.random.default_rng(pattern)
    n = 48
    height = noise2d(gen, n, n, 3, 3)
    rgb = np.zeros((n, n, 3), np.uint8)
    lower = 0.0
    for top, colour in TERRAIN:
        rgb[(height >= lower) & (height < top)] = colour
        lower = top
    if night:
        rgb = (rgb * 0.6).astype(np.uint8)
    surf = pygame.surfarray.make_surface(rgb.transpose(1, 0, 2))
    return pygame.transform.scale(surf, (size, size))


def marker_colour(i: int) -> RGBA:
    return ((255, 215, 0, 255), (230, 50, 50, 255), (80, 200, 255, 255), (120, 255, 120, 255))[i % 4]
