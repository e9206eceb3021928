"""Pieces that several game scenes share: skies, sun and moon, stars, clouds, vignettes, particles and
procedural sprites (creatures, coins, trees). Sizes are relative to the surface height `h`."""

from __future__ import annotations

import colorsys
import random
from functools import lru_cache

import numpy as np

from renderers.game.engine import import_pygame

pygame = import_pygame()
Colour = tuple[int, int, int]


def jitter(c: Colour, rng: random.Random, dh: float = 0.04, dl: float = 0.06) -> Colour:
    """A colour nudged in hue and lightness: every scene gets its own tint."""
    h, l, s = colorsys.rgb_to_hls(*(v / 255 for v in c))
    r, g, b = colorsys.hls_to_rgb((h + rng.uniform(-dh, dh)) % 1, min(1, max(0, l + rng.uniform(-dl, dl))), s)
    return round(r * 255), round(g * 255), round(b * 255)


def shade(c: Colour, t: float) -> Colour:
    """t < 0 darkens, t > 0 lightens."""
    target = 255 if t > 0 else 0
    return tuple(round(v + (target - v) * abs(t)) for v in c)  # type: ignore[return-value]


def blend(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def vertical_gradient(surface, top: Colour, bottom: Colour, rect=None) -> None:
    x, y, w, h = rect or (0, 0, *surface.get_size())
    seed = pygame.Surface((1, 2))
    seed.set_at((0, 0), top)
    seed.set_at((0, 1), bottom)
    surface.blit(pygame.transform.smoothscale(seed, (w, max(2, h))), (x, y))


def sky(surface, rng: random.Random, night: bool, horizon: float = 0.7) -> tuple[Colour, Colour]:
    """Gradient sky with sun or moon; returns (zenith, horizon) colours for atmospheric perspective."""
    w, h = surface.get_size()
    if night:
        top, low = jitter((12, 16, 44), rng, 0.08), jitter((60, 48, 100), rng, 0.08)
    else:
        top, low = jitter((70, 140, 225), rng, 0.05), jitter((200, 228, 248), rng, 0.03)
    vertical_gradient(surface, top, low, (0, 0, w, round(h * horizon) + 2))
    surface.fill(low, (0, round(h * horizon), w, h - round(h * horizon)))
    cx, cy = rng.uniform(0.1, 0.9) * w, rng.uniform(0.08, 0.3) * h
    if night:
        stars(surface, rng, int(w * h / 3000), (0, 0, w, round(h * horizon)))
        glow(surface, (cx, cy), h * 0.12, (120, 120, 160))
        pygame.draw.circle(surface, (235, 235, 220), (cx, cy), h * 0.045)
        pygame.draw.circle(surface, shade(top, 0.1), (cx + h * 0.018, cy - h * 0.01), h * 0.04)
    else:
        glow(surface, (cx, cy), h * 0.2, (255, 240, 190))
        pygame.draw.circle(surface, (255, 248, 220), (cx, cy), h * 0.055)
    return top, low


def stars(surface, rng: random.Random, n: int, rect) -> None:
    """`n` stars in `rect`: single bright pixels, a few of them larger discs."""
    x0, y0, w, h = (int(v) for v in rect)
    gen = np.random.default_rng(rng.getrandbits(63))
    xs = np.clip(x0 + (gen.random(n) * w).astype(np.int32), 0, surface.get_width() - 1)
    ys = np.clip(y0 + (gen.random(n) * h).astype(np.int32), 0, surface.get_height() - 1)
    b = gen.integers(120, 256, n)
    pix = pygame.surfarray.pixels3d(surface)
    pix[xs, ys] = np.stack([b, b, np.minimum(255, b + 20)], axis=1)
    del pix  # unlocks the surface
    for i in range(max(1, n // 16)):
        pygame.draw.circle(surface, (int(b[i]), int(b[i]), 255), (int(xs[i]), int(ys[i])), 1 + i % 2)


@lru_cache(maxsize=128)
def _falloff(radius: int):
    """A white radial falloff (bright centre, soft edge), cached per radius and tinted per use."""
    d = 2 * radius + 1
    yy, xx = np.mgrid[0:d, 0:d].astype(np.float32) - radius
    fall = np.clip(1 - np.sqrt(xx * xx + yy * yy) / max(1, radius), 0, 1) ** 2
    grey = (fall * 255).astype(np.uint8)
    return pygame.surfarray.make_surface(np.repeat(grey.T[..., None], 3, axis=2))


GLOW_RADII = tuple(round(2 * 1.25**i) for i in range(30))  # 2 .. ~1300 px in 25% steps


def glow(surface, centre, radius: float, colour: Colour) -> None:
    """Additive light: a falloff tinted with `colour`; radii snap to 25% steps so a few sprites serve all."""
    r = min(GLOW_RADII, key=lambda g: abs(g - radius))
    sprite = _falloff(r).copy()
    sprite.fill(colour, special_flags=pygame.BLEND_MULT)
    surface.blit(sprite, (centre[0] - r, centre[1] - r), special_flags=pygame.BLEND_ADD)


def clouds(surface, rng: random.Random, n: int, night: bool, band: tuple[float, float] = (0.05, 0.45)) -> None:
    """Puffy clouds: a few overlapping ellipses each, drawn on small translucent surfaces."""
    w, h = surface.get_size()
    colour = (70, 70, 100, 150) if night else (255, 255, 255, 200)
    for _ in range(n):
        cx, cy, size = rng.uniform(-0.1, 1.1) * w, rng.uniform(*band) * h, rng.uniform(0.04, 0.1) * h
        puff = pygame.Surface((int(size * 6), int(size * 2.2)), pygame.SRCALPHA)
        for _ in range(rng.randint(3, 6)):
            ox, oy = rng.uniform(-2, 2) * size, rng.uniform(-0.4, 0.4) * size
            pygame.draw.ellipse(
                puff, colour, (size * 3 + ox - size, size * 1.1 + oy - size * 0.6, size * 2, size * 1.2)
            )
        surface.blit(puff, (cx - size * 3, cy - size * 1.1))


@lru_cache(maxsize=16)
def _vignette(w: int, h: int, strength: float):
    yy, xx = np.mgrid[0:18, 0:32].astype(np.float32)
    d = np.sqrt(((xx - 15.5) / 16) ** 2 + ((yy - 8.5) / 9) ** 2)
    shade_map = 255 - (np.clip(d - 0.55, 0, 1) / 0.6 * 255 * strength).clip(0, 255).astype(np.uint8)
    small = pygame.surfarray.make_surface(np.repeat(shade_map.T[..., None], 3, axis=2))
    return pygame.transform.smoothscale(small, (w, h))


def vignette(surface, strength: float = 0.55) -> None:
    """Darker edges: a cached multiply map per size (a radial falloff scaled up from 32x18)."""
    surface.blit(_vignette(*surface.get_size(), strength), (0, 0), special_flags=pygame.BLEND_MULT)


def particles(surface, rng: random.Random, kind: str, n: int, area=None) -> None:
    """Snow, rain, embers, fireflies, dust or sparks over the scene."""
    w, h = surface.get_size()
    x0, y0, aw, ah = area or (0, 0, w, h)
    for _ in range(n):
        x, y = x0 + rng.random() * aw, y0 + rng.random() * ah
        if kind == "rain":
            pygame.draw.line(surface, (170, 190, 230), (x, y), (x - h * 0.006, y + h * 0.025), 1)
        elif kind == "snow":
            pygame.draw.circle(surface, (240, 245, 255), (x, y), rng.uniform(0.8, 2.5) * h / 720)
        elif kind in ("embers", "fireflies", "sparks"):
            c = {"embers": (255, 140, 40), "fireflies": (200, 255, 120), "sparks": (120, 220, 255)}[kind]
            glow(surface, (x, y), rng.uniform(3, 9) * h / 720, c)
        else:  # dust / leaves
            c = rng.choice(((230, 200, 120), (200, 120, 60), (240, 240, 220)))
            pygame.draw.circle(surface, c, (x, y), rng.uniform(1, 2.5) * h / 720)


def creature(rng: random.Random, cells: int = 10):
    """A symmetric random sprite (the classic 'space invader' generator) with a dark outline, cells x cells."""
    half = (cells + 1) // 2
    grid = np.array([[rng.random() < 0.5 for _ in range(half)] for _ in range(cells)], bool)
    grid[cells // 3 : cells * 2 // 3, half - 1] = True
    full = np.concatenate([grid, grid[:, ::-1][:, cells % 2 :]], axis=1)
    body = jitter(rng.choice(((220, 70, 70), (80, 200, 90), (90, 120, 230), (230, 190, 60), (180, 90, 220))), rng)
    rgb = np.zeros((cells + 2, cells + 2, 3), np.uint8)
    alpha = np.zeros((cells + 2, cells + 2), np.uint8)
    padded = np.pad(full, 1)
    edge = np.zeros_like(padded)
    for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0)):
        edge |= np.roll(np.roll(padded, dy, 0), dx, 1)
    rgb[edge & ~padded] = (20, 16, 24)
    rgb[padded] = body
    alpha[edge | padded] = 255
    s = pygame.Surface((cells + 2, cells + 2), pygame.SRCALPHA)
    pygame.surfarray.blit_array(s, rgb.transpose(1, 0, 2))
    pygame.surfarray.pixels_alpha(s)[:] = alpha.T
    eye = (cells + 2) // 2 - 2, cells // 3 + 1
    s.set_at(eye, (255, 255, 255, 255))
    s.set_at((cells + 1 - eye[0], eye[1]), (255, 255, 255, 255))
    return s


def tree(surface, rng: random.Random, x: float, base: float, size: float, colour: Colour, kind: str = "round") -> None:
    trunk = shade(colour, -0.5)
    pygame.draw.rect(
        surface,
        (90, 60, 35) if kind != "silhouette" else trunk,
        (x - size * 0.08, base - size * 0.5, size * 0.16, size * 0.5),
    )
    if kind == "pine":
        for i in range(3):
            y = base - size * (0.35 + 0.28 * i)
            wd = size * (0.55 - 0.12 * i)
            pygame.draw.polygon(
                surface,
                shade(colour, -0.1 * i),
                [(x - wd, y + size * 0.2), (x + wd, y + size * 0.2), (x, y - size * 0.25)],
            )
    else:
        for dx, dy, r in ((0, -0.75, 0.38), (-0.22, -0.58, 0.28), (0.22, -0.58, 0.28)):
            pygame.draw.circle(surface, colour, (x + dx * size, base + dy * size), r * size)
        pygame.draw.circle(surface, shade(colour, 0.15), (x - 0.1 * size, base - 0.85 * size), 0.14 * size)
