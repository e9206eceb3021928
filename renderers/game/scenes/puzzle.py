"""Casual puzzle scene: a soft gradient with bokeh circles behind a board of match-3 gems."""

from __future__ import annotations

import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.scenes import common

pygame = import_pygame()
GEMS = ((235, 64, 80), (60, 140, 240), (70, 200, 100), (250, 200, 40), (170, 90, 230), (250, 130, 40))


def gem(surface, kind: int, x: float, y: float, s: float) -> None:
    c = GEMS[kind]
    r = s * 0.4
    shape = kind % 4
    if shape == 0:
        pygame.draw.circle(surface, c, (x, y), r)
    elif shape == 1:
        pygame.draw.polygon(surface, c, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
    elif shape == 2:
        pygame.draw.rect(surface, c, (x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6), border_radius=int(r * 0.3))
    else:
        pygame.draw.polygon(surface, c, [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)])
    pygame.draw.circle(surface, common.shade(c, 0.6), (x - r * 0.3, y - r * 0.35), max(1, r * 0.22))


def draw(surface, rng: random.Random, gen: np.random.Generator, night: bool) -> None:
    w, h = surface.get_size()
    a = common.jitter((120, 80, 200) if night else (255, 170, 200), rng, 0.1)
    b = common.jitter((30, 20, 70) if night else (120, 200, 255), rng, 0.1)
    common.vertical_gradient(surface, a, b)
    for _ in range(rng.randint(10, 30)):
        common.glow(surface, (rng.random() * w, rng.random() * h), rng.uniform(0.03, 0.12) * h, common.shade(a, -0.6))
    n = rng.randint(7, 9)
    cell = h * rng.uniform(0.07, 0.095)
    bx, by = rng.uniform(0.2, 0.8) * w - n * cell / 2, h / 2 - n * cell / 2
    board = pygame.Surface((int(n * cell + cell * 0.4), int(n * cell + cell * 0.4)), pygame.SRCALPHA)
    pygame.draw.rect(board, (20, 20, 50, 170), board.get_rect(), border_radius=int(cell * 0.4))
    surface.blit(board, (bx - cell * 0.2, by - cell * 0.2))
    for i in range(n):
        for j in range(n):
            if (i + j) % 2:
                pygame.draw.rect(surface, (255, 255, 255), (bx + i * cell, by + j * cell, cell, cell), 1)
            gem(surface, rng.randrange(len(GEMS)), bx + (i + 0.5) * cell, by + (j + 0.5) * cell, cell)
    for _ in range(rng.randint(2, 8)):
        common.glow(surface, (bx + rng.random() * n * cell, by + rng.random() * n * cell), cell * 0.6, (255, 240, 180))
