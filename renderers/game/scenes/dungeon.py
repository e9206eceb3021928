"""Dungeon scene: brick floor and walls in the tile grid, pillars, torches with warm glows, a lava or water
channel, bones, chests and creatures, under a heavy vignette."""

from __future__ import annotations

import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.scenes import common
from renderers.game.scenes.tiles import tile

pygame = import_pygame()
MOODS = {
    "stone": ((92, 88, 96), (62, 58, 70)),
    "moss": ((80, 96, 78), (52, 66, 52)),
    "crypt": ((96, 84, 74), (66, 54, 48)),
    "tech": ((70, 84, 100), (40, 50, 64)),
}


def draw(surface, rng: random.Random, gen: np.random.Generator, night: bool) -> None:
    w, h = surface.get_size()
    mood = rng.choice(sorted(MOODS))
    floor_c, wall_c = (common.jitter(c, rng, 0.03, 0.04) for c in MOODS[mood])
    if night:
        floor_c, wall_c = common.shade(floor_c, -0.3), common.shade(wall_c, -0.3)
    ts = max(8, round(h / rng.choice((10, 12, 14, 18))))
    cols, rows = w // ts + 1, h // ts + 1
    wall_rows = rng.randint(2, 4)
    floor_kind = "metal" if mood == "tech" else "floor"
    blits = []
    channel = rng.randint(wall_rows + 2, rows - 2) if rng.random() < 0.5 else -1
    liquid = (200, 70, 20) if rng.random() < 0.5 else (40, 80, 160)
    for y in range(rows):
        for x in range(cols):
            if y < wall_rows:
                blits.append((tile("wall", ts, (x + y) % 3, wall_c, wall_c), (x * ts, y * ts)))
            elif y == channel:
                blits.append((tile("water", ts, x % 4, liquid, liquid), (x * ts, y * ts)))
            else:
                blits.append((tile(floor_kind, ts, (x * 5 + y) % 4, floor_c, floor_c), (x * ts, y * ts)))
    surface.fblits(blits)
    pygame.draw.rect(surface, common.shade(wall_c, -0.5), (0, wall_rows * ts - ts // 6, w, ts // 6))
    for i in range(rng.randint(2, 6)):  # pillars with torches
        px = rng.uniform(0.05, 0.95) * w
        pygame.draw.rect(surface, common.shade(wall_c, 0.1), (px - ts * 0.4, 0, ts * 0.8, wall_rows * ts))
        pygame.draw.rect(surface, common.shade(wall_c, -0.3), (px + ts * 0.2, 0, ts * 0.2, wall_rows * ts))
        ty = wall_rows * ts * 0.55
        pygame.draw.rect(surface, (80, 50, 30), (px - ts * 0.08, ty, ts * 0.16, ts * 0.4))
        common.glow(surface, (px, ty - ts * 0.1), ts * rng.uniform(2.5, 4), (150, 90, 30))
        pygame.draw.circle(surface, (255, 200, 80), (px, ty - ts * 0.1), ts * 0.15)
    if channel > 0 and liquid[0] > 100:
        for x in range(0, w, ts * 2):
            common.glow(surface, (x + ts, (channel + 0.5) * ts), ts * 1.2, (120, 40, 0))
    for _ in range(rng.randint(3, 10)):  # bones, chests, creatures on the floor
        x, y = rng.uniform(0, w - ts), rng.uniform((wall_rows + 0.5) * ts, h - ts)
        r = rng.random()
        if r < 0.3:
            pygame.draw.line(surface, (225, 220, 200), (x, y), (x + ts * 0.5, y + ts * 0.2), max(2, ts // 8))
        elif r < 0.5:
            pygame.draw.rect(surface, (110, 70, 30), (x, y, ts * 0.8, ts * 0.6))
            pygame.draw.rect(surface, (220, 180, 60), (x, y + ts * 0.2, ts * 0.8, ts * 0.1))
        else:
            size = round(ts * rng.uniform(0.9, 1.6))
            surface.blit(pygame.transform.scale(common.creature(rng, rng.choice((8, 10))), (size, size)), (x, y))
    common.particles(surface, rng, "embers" if liquid[0] > 100 else "dust", rng.randint(10, 40))
    common.vignette(surface, 0.75 if night else 0.55)
