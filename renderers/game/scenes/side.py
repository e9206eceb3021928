"""Side-scrolling platformer scene: sky, clouds, parallax ridges fading into the haze, trees on the near
hills, a tiled ground strip with floating platforms, creatures, coins and particles."""

from __future__ import annotations

import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.scenes import common
from renderers.game.scenes.noise import noise1d
from renderers.game.scenes.tiles import tile

pygame = import_pygame()
BIOMES = {
    "meadow": ((70, 140, 70), (120, 84, 50), "round"),
    "forest": ((40, 105, 60), (100, 70, 45), "pine"),
    "desert": ((200, 160, 90), (170, 120, 70), "none"),
    "snow": ((220, 230, 240), (120, 110, 120), "pine"),
    "autumn": ((190, 110, 50), (110, 70, 40), "round"),
}


def draw(surface, rng: random.Random, gen: np.random.Generator, night: bool) -> None:
    w, h = surface.get_size()
    top, haze = common.sky(surface, rng, night, horizon=0.75)
    common.clouds(surface, rng, rng.randint(3, 8), night)
    biome = rng.choice(sorted(BIOMES))
    ground_c, dirt_c, trees = BIOMES[biome]
    ground_c = common.jitter(ground_c, rng)
    if night:
        ground_c, dirt_c = common.shade(ground_c, -0.55), common.shade(dirt_c, -0.55)
    layers = rng.randint(3, 4)
    for i in range(layers):  # far to near: closer layers are darker and less hazy
        t = (i + 1) / (layers + 1)
        colour = common.blend(haze, common.shade(ground_c, -0.25), t)
        base = h * (0.45 + 0.1 * i)
        ridge = noise1d(gen, 64, rng.randint(2, 5), 3)
        amp = h * (0.28 - 0.05 * i)
        xs = np.linspace(-4, w + 4, 64)
        pts = [(0, h)] + [(float(x), float(base - amp * v)) for x, v in zip(xs, ridge)] + [(w, h)]
        pygame.draw.polygon(surface, colour, pts)
        if i == layers - 1 and trees != "none":
            for _ in range(rng.randint(4, 12)):
                k = rng.randrange(len(xs))
                common.tree(
                    surface,
                    rng,
                    float(xs[k]),
                    float(base - amp * ridge[k]) + h * 0.02,
                    h * rng.uniform(0.08, 0.16),
                    common.shade(colour, -0.15),
                    trees,
                )
    ts = max(8, round(h / rng.choice((12, 14, 16))))
    ground_y = h - ts * rng.randint(2, 3)
    for y in range(ground_y, h, ts):
        kind = "grass_top" if y == ground_y else "dirt"
        row = [(tile(kind, ts, (x // ts) % 4, ground_c, dirt_c), (x, y)) for x in range(0, w + ts, ts)]
        surface.fblits(row)
    for _ in range(rng.randint(1, 4)):  # floating platforms
        px, py, n = rng.uniform(0, 0.85) * w, rng.uniform(0.4, 0.7) * h, rng.randint(3, 7)
        surface.fblits([(tile("grass_top", ts, i % 4, ground_c, dirt_c), (px + i * ts, py)) for i in range(n)])
        for i in range(rng.randint(0, n)):
            cx, cy = px + (i + 0.5) * ts, py - ts * 0.8
            pygame.draw.circle(surface, (250, 200, 40), (cx, cy), ts * 0.28)
            pygame.draw.circle(surface, (255, 240, 150), (cx - ts * 0.06, cy - ts * 0.06), ts * 0.12)
    for _ in range(rng.randint(2, 6)):  # creatures on the ground
        sprite = common.creature(rng, rng.choice((8, 10, 12)))
        size = ts * rng.uniform(1.0, 1.8)
        big = pygame.transform.scale(sprite, (round(size), round(size)))
        surface.blit(big, (rng.uniform(0, w - size), ground_y - size + 1))
    kind = {"snow": "snow", "desert": "dust", "autumn": "dust"}.get(biome, "fireflies" if night else "dust")
    common.particles(surface, rng, kind, rng.randint(20, 80) if kind != "fireflies" else rng.randint(8, 25))
    if rng.random() < 0.15:
        common.particles(surface, rng, "rain", rng.randint(150, 400))
