"""Smooth value noise in numpy (bilinear interpolation of random lattices, several octaves)."""

from __future__ import annotations

import numpy as np


def _smooth(t: np.ndarray) -> np.ndarray:
    return t * t * (3 - 2 * t)


def noise1d(gen: np.random.Generator, n: int, cells: int, octaves: int = 3) -> np.ndarray:
    """n values in [0, 1], with about `cells` hills across (float32)."""
    out = np.zeros(n, np.float32)
    amp, total = 1.0, 0.0
    for o in range(octaves):
        c = cells * 2**o
        lattice = gen.random(c + 2).astype(np.float32)
        xs = np.linspace(0, c, n, dtype=np.float32)
        x0 = xs.astype(np.int32)
        f = _smooth(xs - x0)
        out += (lattice[x0] + (lattice[x0 + 1] - lattice[x0]) * f) * amp
        total += amp
        amp *= 0.5
    return out / total


def noise2d(gen: np.random.Generator, w: int, h: int, cells: int, octaves: int = 3) -> np.ndarray:
    """(h, w) values in [0, 1] (float32)."""
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for o in range(octaves):
        c = cells * 2**o
        g = gen.random((c + 2, c + 2)).astype(np.float32)
        ys = np.linspace(0, c, h, dtype=np.float32)
        xs = np.linspace(0, c, w, dtype=np.float32)
        y0, x0 = ys.astype(np.int32), xs.astype(np.int32)
        fy, fx = _smooth(ys - y0)[:, None], _smooth(xs - x0)[None, :]
        top = g[y0][:, x0] + (g[y0][:, x0 + 1] - g[y0][:, x0]) * fx
        bot = g[y0 + 1][:, x0] + (g[y0 + 1][:, x0 + 1] - g[y0 + 1][:, x0]) * fx
        out += (top + (bot - top) * fy) * amp
        total += amp
        amp *= 0.5
    return out / total
