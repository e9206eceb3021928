"""Procedural game scenes drawn under the UI: deterministic functions of a seed, a size and day or night.

`draw_scene` picks the generator named by the layout's `view` (or one the style prefers) and, for pixel-art
styles, draws at 1/k resolution and scales up with nearest-neighbour sampling."""

from __future__ import annotations

import random

import numpy as np

from renderers.game.engine import import_pygame
from renderers.game.scenes import dungeon, first_person, puzzle, side, space, top

pygame = import_pygame()
SCENES = {
    "side": side.draw,
    "top": top.draw,
    "dungeon": dungeon.draw,
    "space": space.draw,
    "first_person": first_person.draw,
    "puzzle": puzzle.draw,
}


def draw_scene(surface, kind: str, seed: int, night: bool, pixel: int = 1, blur: int = 1) -> None:
    """Fill `surface` with a scene of `kind`; all randomness comes from `seed`. `pixel` > 1 draws at 1/pixel
    size and scales up with nearest-neighbour sampling (pixel art); `blur` > 1 draws at 1/blur size and
    scales up bilinearly: the soft, out-of-focus world that many games show behind their menus."""
    if kind not in SCENES:
        raise ValueError(f"unknown scene kind {kind!r}; known: {', '.join(sorted(SCENES))}")
    rng = random.Random(seed)
    gen = np.random.default_rng(seed)
    w, h = surface.get_size()
    k = max(pixel, blur)
    if k > 1:
        small = pygame.Surface((max(16, w // k), max(16, h // k)))
        SCENES[kind](small, rng, gen, night)
        (pygame.transform.scale if pixel >= blur else pygame.transform.smoothscale)(small, (w, h), surface)
    else:
        SCENES[kind](surface, rng, gen, night)
