"""Space scene: deep gradient, a coloured nebula from value noise, star fields with glints, planets with
shading and rings, asteroids, ships with engine glows and laser fire."""

from __future__ import annotations

import math
import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.scenes import common
from renderers.game.scenes.noise import noise2d

pygame = import_pygame()
NEBULAE = ((150, 40, 160), (40, 90, 200), (200, 60, 60), (30, 160, 150), (200, 120, 40))


def nebula(surface, rng: random.Random, gen: np.random.Generator) -> None:
    w, h = surface.get_size()
    n = noise2d(gen, 96, 54, rng.randint(2, 4), 4)
    a, b = common.jitter(rng.choice(NEBULAE), rng), common.jitter(rng.choice(NEBULAE), rng)
    t = np.clip((n - 0.35) * 2.2, 0, 1)[..., None]
    mixc = np.array(a, np.float32) * (1 - n[..., None]) + np.array(b, np.float32) * n[..., None]
    rgb = (mixc * t * 0.85).astype(np.uint8)
    small = pygame.surfarray.make_surface(rgb.transpose(1, 0, 2))
    surface.blit(pygame.transform.smoothscale(small, (w, h)), (0, 0), special_flags=pygame.BLEND_ADD)


def planet(surface, rng: random.Random, x: float, y: float, r: float) -> None:
    base = common.jitter(
        rng.choice(((200, 120, 70), (90, 150, 210), (160, 200, 120), (190, 170, 150), (170, 90, 170))), rng
    )
    common.glow(surface, (x, y), r * 1.4, common.shade(base, -0.6))
    pygame.draw.circle(surface, base, (x, y), r)
    for i in range(rng.randint(2, 5)):  # bands
        by = y - r + (i + 1) * 2 * r / 6
        half = math.sqrt(max(0.0, r * r - (by - y) ** 2))
        pygame.draw.line(
            surface, common.shade(base, -0.15 if i % 2 else 0.1), (x - half, by), (x + half, by), max(1, int(r / 10))
        )
    shadow = pygame.Surface((int(2 * r) + 2, int(2 * r) + 2), pygame.SRCALPHA)
    pygame.draw.circle(shadow, (0, 0, 10, 150), (r + r * 0.45, r + r * 0.3), r)
    mask = pygame.Surface(shadow.get_size(), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (r + 1, r + 1), r)
    shadow.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(shadow, (x - r - 1, y - r - 1))
    if rng.random() < 0.4:
        pygame.draw.ellipse(
            surface, common.shade(base, 0.3), (x - r * 1.8, y - r * 0.25, r * 3.6, r * 0.5), max(2, int(r / 12))
        )


def ship(surface, rng: random.Random, x: float, y: float, s: float, facing: int) -> None:
    hull = common.jitter(rng.choice(((180, 185, 200), (200, 80, 70), (80, 140, 200))), rng)
    pts = [
        (x + facing * s, y),
        (x - facing * s * 0.6, y - s * 0.5),
        (x - facing * s * 0.3, y),
        (x - facing * s * 0.6, y + s * 0.5),
    ]
    common.glow(surface, (x - facing * s * 0.45, y), s * 0.6, (60, 140, 255))
    pygame.draw.polygon(surface, hull, pts)
    pygame.draw.polygon(surface, common.shade(hull, -0.4), pts, max(1, int(s / 10)))
    pygame.draw.circle(surface, (150, 230, 255), (x + facing * s * 0.2, y), s * 0.12)


def draw(surface, rng: random.Random, gen: np.random.Generator, night: bool) -> None:
    w, h = surface.get_size()
    top = common.jitter((4, 6, 20) if night else (14, 18, 48), rng, 0.1)
    common.vertical_gradient(surface, top, common.shade(top, 0.08))
    nebula(surface, rng, gen)
    common.stars(surface, rng, int(w * h / 900), (0, 0, w, h))
    for _ in range(rng.randint(3, 10)):  # bright stars with glints
        x, y, r = rng.random() * w, rng.random() * h, rng.uniform(2, 5) * h / 720
        common.glow(surface, (x, y), r * 4, (120, 140, 200))
        pygame.draw.line(surface, (220, 230, 255), (x - r * 3, y), (x + r * 3, y))
        pygame.draw.line(surface, (220, 230, 255), (x, y - r * 3), (x, y + r * 3))
    for _ in range(rng.randint(1, 3)):
        planet(surface, rng, rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.05, 0.3) * h)
    for _ in range(rng.randint(3, 14)):  # asteroids
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.01, 0.04) * h
        pts = [
            (x + r * rng.uniform(0.7, 1.2) * math.cos(a), y + r * rng.uniform(0.7, 1.2) * math.sin(a))
            for a in np.linspace(0, 2 * math.pi, 9)[:-1]
        ]
        c = common.jitter((110, 100, 95), rng)
        pygame.draw.polygon(surface, c, pts)
        pygame.draw.polygon(surface, common.shade(c, -0.5), pts, max(1, int(r / 6)))
    for _ in range(rng.randint(1, 6)):
        facing = rng.choice((-1, 1))
        x, y, s = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h, rng.uniform(0.02, 0.06) * h
        ship(surface, rng, x, y, s, facing)
        if rng.random() < 0.5:
            colour = rng.choice(((255, 60, 80), (80, 255, 140), (80, 180, 255)))
            end = x + facing * rng.uniform(0.1, 0.4) * w
            pygame.draw.line(surface, colour, (x + facing * s, y), (end, y), max(2, int(s / 8)))
            common.glow(surface, (end, y), s * 0.5, colour)
    common.particles(surface, rng, "sparks", rng.randint(5, 30))
