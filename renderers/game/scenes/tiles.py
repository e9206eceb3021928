"""Tile textures for tile maps, cached per (kind, size, variant, colours): base colour, per-pixel noise and
a few details (grass blades, bricks, cracks). Deterministic: a tile's pixels depend on its key only."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from renderers.game.engine import import_pygame

pygame = import_pygame()
Colour = tuple[int, int, int]


def _gen(*key) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.blake2b(repr(key).encode(), digest_size=8).digest(), "big"))


@lru_cache(maxsize=512)
def _grain(size: int, variant: int, sigma: float) -> np.ndarray:
    """Per-pixel grain of one tile variant, shared by every colour of tile (the costly part, drawn once)."""
    return _gen("grain", size, variant, sigma).normal(0, sigma, (size, size, 1)).astype(np.float32)


@lru_cache(maxsize=2048)
def tile(kind: str, size: int, variant: int, main: Colour, alt: Colour):
    """One tile: 'grass_top', 'dirt', 'grass', 'water', 'sand', 'rock', 'floor', 'wall', 'path', 'metal'."""
    g = _gen(kind, size, variant, main, alt)
    base = np.array(alt if kind == "dirt" else main, np.float32)
    rgb = np.clip(base + _grain(size, variant, 9.0 if kind not in ("water", "metal") else 5.0), 0, 255)
    if kind == "grass_top":
        dirt = np.clip(np.array(alt, np.float32) + _grain(size, variant + 7, 9.0), 0, 255)
        edge = (size * 0.3 + g.integers(-2, 3, size)).astype(int)
        rows = np.arange(size)[:, None]
        rgb = np.where((rows > edge[None, :])[..., None], dirt, rgb)
    elif kind in ("floor", "wall"):  # bricks: dark mortar lines, offset every other row
        bh = max(3, size // (2 if kind == "floor" else 4))
        for y in range(0, size, bh):
            rgb[y : y + 1] *= 0.55
            off = (size // 2) if (y // bh) % 2 else 0
            rgb[y : y + bh, (off % size) : (off % size) + 1] *= 0.55
        if kind == "wall":
            rgb *= 0.8
    elif kind == "water":
        waves = np.sin(np.arange(size)[:, None] * 0.7 + np.arange(size)[None, :] * 0.25 + variant)[..., None]
        rgb = np.clip(rgb + waves * 10, 0, 255)
    elif kind == "metal":
        rgb[:: max(2, size // 4)] *= 0.7
        rgb[:, :: max(2, size // 4)] *= 0.8
    rgb[0, :] *= 0.92  # a faint grid line gives the map its tiled look
    rgb[:, 0] *= 0.92
    surf = pygame.Surface((size, size))
    pygame.surfarray.blit_array(surf, rgb.astype(np.uint8).transpose(1, 0, 2))
    if kind in ("grass", "grass_top"):
        for _ in range(size // 3):
            x, y = int(g.integers(0, size)), int(g.integers(0, size // 3 if kind == "grass_top" else size))
            c = tuple(int(v) for v in np.clip(np.array(main) * 1.25, 0, 255))
            pygame.draw.line(surf, c, (x, y), (x, max(0, y - size // 6)))
    elif kind == "rock":
        for _ in range(2):
            x, y = int(g.integers(0, size)), int(g.integers(0, size))
            pygame.draw.line(surf, tuple(int(v * 0.6) for v in main), (x, y), (x + size // 4, y + size // 5))
    return surf
