"""First-person view: sky and skyline, a ground plane with a perspective grid to the vanishing point,
crates and walls in perspective, distant figures, and the player's weapon in the corner."""

from __future__ import annotations

import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.scenes import common

pygame = import_pygame()


def box(surface, x: float, base: float, bw: float, bh: float, colour, vx: float) -> None:
    """A crate or building: front face plus a side face leaning to the vanishing point."""
    side = 0.25 * bw * (1 if x + bw / 2 < vx else -1)
    front = [(x, base), (x + bw, base), (x + bw, base - bh), (x, base - bh)]
    edge = x + bw if side > 0 else x
    pygame.draw.polygon(
        surface,
        common.shade(colour, -0.35),
        [(edge, base), (edge + side, base - bh * 0.12), (edge + side, base - bh * 1.08), (edge, base - bh)],
    )
    pygame.draw.polygon(surface, colour, front)
    pygame.draw.polygon(surface, common.shade(colour, -0.5), front, max(1, int(bw / 30)))
    for i in range(1, 3):
        pygame.draw.line(
            surface,
            common.shade(colour, -0.2),
            (x, base - bh * i / 3),
            (x + bw, base - bh * i / 3),
            max(1, int(bw / 40)),
        )


def draw(surface, rng: random.Random, gen: np.random.Generator, night: bool) -> None:
    w, h = surface.get_size()
    horizon = h * rng.uniform(0.42, 0.55)
    top, haze = common.sky(surface, rng, night, horizon=horizon / h)
    vx = w * rng.uniform(0.35, 0.65)
    for i in range(rng.randint(12, 30)):  # skyline
        bw, bh = rng.uniform(0.02, 0.07) * w, rng.uniform(0.05, 0.25) * h
        x = rng.uniform(-0.05, 1.0) * w
        c = common.blend(haze, (40, 40, 60), 0.5 + 0.3 * rng.random())
        pygame.draw.rect(surface, c, (x, horizon - bh, bw, bh))
        if night:
            for _ in range(int(bh / 12)):
                pygame.draw.rect(
                    surface, (250, 220, 130), (x + rng.random() * bw * 0.8, horizon - rng.random() * bh, 2, 3)
                )
    ground = common.jitter(rng.choice(((90, 90, 84), (110, 96, 70), (70, 90, 70), (60, 70, 90))), rng)
    if night:
        ground = common.shade(ground, -0.5)
    common.vertical_gradient(
        surface, common.blend(ground, haze, 0.5), common.shade(ground, -0.2), (0, int(horizon), w, h - int(horizon))
    )
    line = common.shade(ground, 0.25 if not night else 0.1)
    for i in range(-12, 13):  # grid lines to the vanishing point
        pygame.draw.line(surface, line, (vx, horizon), (vx + i * w * 0.18, h), 1)
    for k in range(1, 12):
        y = horizon + (h - horizon) * (k / 12) ** 2
        pygame.draw.line(surface, line, (0, y), (w, y), 1)
    for _ in range(rng.randint(3, 9)):  # crates, nearer ones larger
        depth = rng.uniform(0.05, 1.0)
        base = horizon + (h - horizon) * depth
        size = (0.05 + 0.25 * depth) * h
        box(
            surface,
            rng.uniform(-0.05, 0.95) * w,
            base,
            size * rng.uniform(0.8, 1.6),
            size,
            common.jitter((150, 110, 60), rng),
            vx,
        )
    for _ in range(rng.randint(0, 4)):  # distant figures
        d = rng.uniform(0.05, 0.35)
        fy, fh = horizon + (h - horizon) * d, h * (0.04 + 0.2 * d)
        fx = rng.uniform(0.1, 0.9) * w
        c = (40, 30, 40)
        pygame.draw.rect(surface, c, (fx - fh * 0.12, fy - fh * 0.75, fh * 0.24, fh * 0.5))
        pygame.draw.circle(surface, c, (fx, fy - fh * 0.85), fh * 0.11)
        pygame.draw.rect(surface, c, (fx - fh * 0.1, fy - fh * 0.3, fh * 0.08, fh * 0.3))
        pygame.draw.rect(surface, c, (fx + fh * 0.02, fy - fh * 0.3, fh * 0.08, fh * 0.3))
    gun = common.jitter((70, 72, 80), rng)  # the weapon, bottom right
    gx, gy = w * rng.uniform(0.62, 0.72), h
    pts = [
        (gx, gy),
        (gx + w * 0.06, gy - h * 0.3),
        (gx + w * 0.12, gy - h * 0.33),
        (gx + w * 0.2, gy - h * 0.1),
        (gx + w * 0.22, gy),
    ]
    pygame.draw.polygon(surface, gun, pts)
    pygame.draw.polygon(surface, common.shade(gun, 0.3), pts[:3] + [(gx + w * 0.08, gy)])
    pygame.draw.polygon(surface, common.shade(gun, -0.5), pts, max(2, int(h / 240)))
    common.particles(surface, rng, "dust" if not night else "sparks", rng.randint(10, 40))
    if night:
        common.vignette(surface, 0.5)
