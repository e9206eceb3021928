"""Top-down tile map: terrain from value noise (water, sand, grass, forest floor, rock) drawn as textured
tiles, with a road, trees, rocks, houses, characters and chests, and light pools at night."""

from __future__ import annotations

import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.scenes import common
from renderers.game.scenes.noise import noise2d
from renderers.game.scenes.tiles import tile

pygame = import_pygame()
TERRAIN = (
    ("water", 0.34, (50, 100, 190)),
    ("sand", 0.4, (214, 196, 140)),
    ("grass", 0.62, (86, 150, 70)),
    ("grass", 0.74, (60, 120, 55)),
    ("rock", 1.01, (125, 120, 112)),
)


def draw(surface, rng: random.Random, gen: np.random.Generator, night: bool) -> None:
    w, h = surface.get_size()
    ts = max(8, round(h / rng.choice((12, 15, 18, 22))))
    cols, rows = w // ts + 1, h // ts + 1
    height = noise2d(gen, cols, rows, rng.randint(2, 4), 3)
    tints = [(k, top, common.jitter(c, rng, 0.03, 0.04)) for k, top, c in TERRAIN]
    road_row = rng.randint(rows // 4, rows * 3 // 4)
    blits = []
    kinds = np.empty((rows, cols), object)
    for y in range(rows):
        for x in range(cols):
            v = height[y, x]
            kind, colour = next((k, c) for k, top, c in tints if v < top)
            if abs(y - road_row - round(3 * np.sin(x / 6))) < 1 and kind not in ("water",):
                kind, colour = "path", (176, 140, 96)
            kinds[y, x] = kind
            blits.append((tile(kind, ts, (x * 7 + y * 3) % 4, colour, colour), (x * ts, y * ts)))
    surface.fblits(blits)
    spots = [(x, y) for y in range(rows) for x in range(cols) if kinds[y, x] in ("grass", "sand")]
    rng.shuffle(spots)
    for x, y in spots[: rng.randint(6, 30)]:  # trees and rocks, with a shadow
        cx, cy = (x + 0.5) * ts, (y + 0.5) * ts
        if kinds[y, x] == "grass":
            pygame.draw.ellipse(surface, (30, 50, 30), (cx - ts * 0.4, cy, ts * 0.9, ts * 0.45))
            pygame.draw.circle(surface, common.jitter((40, 110, 50), rng), (cx, cy - ts * 0.1), ts * 0.48)
            pygame.draw.circle(surface, (70, 150, 70), (cx - ts * 0.15, cy - ts * 0.25), ts * 0.2)
        else:
            pygame.draw.ellipse(surface, (120, 115, 105), (cx - ts * 0.3, cy - ts * 0.2, ts * 0.6, ts * 0.4))
    for x, y in spots[30 : 30 + rng.randint(0, 4)]:  # houses
        hx, hy = x * ts, y * ts
        pygame.draw.rect(surface, (40, 30, 25), (hx + ts * 0.1, hy + ts * 0.2, ts * 1.9, ts * 1.6))
        pygame.draw.rect(surface, common.jitter((170, 70, 50), rng), (hx, hy, ts * 1.9, ts * 1.5))
        pygame.draw.line(
            surface, (120, 40, 30), (hx, hy + ts * 0.75), (hx + ts * 1.9, hy + ts * 0.75), max(1, ts // 10)
        )
        pygame.draw.rect(surface, (90, 60, 40), (hx + ts * 0.8, hy + ts * 1.0, ts * 0.35, ts * 0.5))
    for x, y in spots[40 : 40 + rng.randint(2, 8)]:  # characters and chests
        if rng.random() < 0.3:
            pygame.draw.rect(surface, (120, 80, 30), ((x + 0.2) * ts, (y + 0.3) * ts, ts * 0.6, ts * 0.45))
            pygame.draw.rect(surface, (230, 190, 60), ((x + 0.2) * ts, (y + 0.45) * ts, ts * 0.6, ts * 0.08))
        else:
            sprite = common.creature(rng, 8)
            surface.blit(pygame.transform.scale(sprite, (ts, ts)), (x * ts, y * ts))
    if night:
        surface.fill((110, 110, 150), special_flags=pygame.BLEND_MULT)  # moonlight: darker and bluer
        for x, y in spots[50 : 50 + rng.randint(3, 8)]:
            common.glow(surface, ((x + 0.5) * ts, (y + 0.5) * ts), ts * rng.uniform(1.5, 3), (160, 110, 50))
        common.particles(surface, rng, "fireflies", rng.randint(5, 20))
    elif rng.random() < 0.3:
        common.clouds(surface, rng, rng.randint(2, 5), False, (0.0, 1.0))
