"""Painters of the HUD primitives: resource bars, item slots (stacks, hotkeys, cooldown sweeps), resource
counters, crosshairs, minimaps and floating combat text. Each is `paint(cv, node, rect, where)`."""

from __future__ import annotations

import math
import random

from factory.core.layout import Node
from renderers.game import pictures
from renderers.game.canvas import Canvas, Rect, inset
from renderers.game.engine import import_pygame
from renderers.game.frames import panel
from renderers.game.icons import icon_surface
from renderers.game.palette import mix

pygame = import_pygame()
BAR_COLOUR = {
    "health": "health",
    "mana": "mana",
    "stamina": "stamina",
    "xp": "xp",
    "boss": "bad",
    "cast": "accent",
    "weight": "gold",
}
COUNTER_ICON = {
    "gold": "coin",
    "gems": "gems",
    "ammo": "ammo",
    "score": "score",
    "kills": "kills",
    "time": "time",
    "wave": "wave",
    "lives": "lives",
    "wood": "wood",
    "stone": "stone",
    "food": "food",
}
FLOAT_COLOUR = {
    "damage": (255, 255, 255, 255),
    "crit": (255, 170, 30, 255),
    "heal": (90, 255, 110, 255),
    "miss": (190, 190, 200, 255),
}
WHITE = (250, 250, 245, 255)
BLACK = (0, 0, 0, 255)


def bar(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    colour = cv.pal[BAR_COLOUR.get(n.props.get("kind", "health"), "health")]
    frame = cv.skin.frame
    k = max(1, cv.line)
    radius = r[3] // 2 if frame == "flat" else (round(cv.u * 0.6) if frame == "ornate" else 0)
    if frame == "neon":  # slanted glass bar
        sl = r[3] * 0.6
        pts = [(r[0] + sl, r[1]), (r[0] + r[2], r[1]), (r[0] + r[2] - sl, r[1] + r[3]), (r[0], r[1] + r[3])]
        cv.poly(pts, cv.pal["track"])
    else:
        if frame == "flat":
            cv.shadow(r, radius, 0.4)
        cv.fill(r, cv.pal["edge"] if frame == "pixel" else cv.pal["track"], radius)
    body = inset(r, k + (1 if frame in ("pixel", "ornate") else 0))
    if frame != "pixel":
        cv.fill(body, mix(cv.pal["track"], BLACK, 0.3), max(0, radius - k))
    value = max(0.0, min(1.0, float(n.props.get("value", 0)) / 100))
    fw = round(body[2] * value)
    if fw > 0:
        fill = (body[0], body[1], fw, body[3])
        cv.gradient(fill, mix(colour, (255, 255, 255, 255), 0.35), mix(colour, BLACK, 0.15), max(0, radius - k))
        if n.props.get("kind") in ("health", "boss") and fw < body[2]:  # recent damage, fading
            trail = min(body[2] - fw, max(2, round(body[2] * 0.06)))
            cv.fill((body[0] + fw, body[1], trail, body[3]), (*mix(colour, WHITE, 0.6)[:3], 170))
    if frame == "neon":
        cv.poly(pts, cv.pal["edge"], max(1, round(cv.s)))
    elif frame == "ornate":
        cv.outline(r, cv.pal["edge_hi"], k, radius)
    segs = int(n.props.get("segments", 0) or 0)
    for i in range(1, segs):
        x = body[0] + body[2] * i // segs
        cv.fill((x, body[1], max(1, round(cv.s)), body[3]), (*BLACK[:3], 120))
    if n.text:
        cv.text(inset(r, k), n, WHITE, "center", text=n.text, rel=0.78, bold=True, effect="outline")


def _cooldown(cv: Canvas, r: Rect, frac: float) -> None:
    """A clock sweep covering the remaining `frac` of the cooldown, from twelve o'clock."""
    tmp = pygame.Surface((r[2], r[3]), pygame.SRCALPHA)
    cx, cy, rad = r[2] / 2, r[3] / 2, math.hypot(r[2], r[3])
    steps = max(2, int(32 * frac))
    pts = [(cx, cy)] + [
        (
            cx + rad * math.sin(2 * math.pi * (1 - frac + frac * i / steps)),
            cy - rad * math.cos(2 * math.pi * (1 - frac + frac * i / steps)),
        )
        for i in range(steps + 1)
    ]
    pygame.draw.polygon(tmp, (0, 0, 0, 165), pts)
    cv.surface.blit(tmp, (r[0], r[1]))


def slot(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    st = n.state
    panel(cv, r, "slot", selected=bool(st.get("selected")))
    body = inset(r, max(2, round(r[2] * 0.1)))
    icon, rarity = n.props.get("item"), n.props.get("rarity")
    if icon:
        cv.surface.blit(
            pictures.item_art(body[2], icon, rarity, cv.pixel, glow=cv.skin.frame != "pixel"), (body[0], body[1])
        )
        if rarity and rarity != "common":
            cv.outline(inset(r, max(1, cv.line)), pictures.RARITY[rarity], max(1, round(cv.s * 1.5)))
    cd = float(n.props.get("cooldown", 0) or 0)
    inner = inset(r, max(1, cv.line))
    if cd > 0:
        _cooldown(cv, inner, cd)
        secs = f"{cd * 12:.1f}" if cd < 0.3 else str(math.ceil(cd * 12))
        cv.text(inner, n, WHITE, "center", text=secs, rel=1.0, bold=True, effect="outline")
    elif st.get("disabled"):
        cv.fill(inner, (60, 60, 60, 140))
    small = inset(r, max(2, round(cv.u * 0.6)))
    if n.props.get("hotkey"):
        cv.text(small, n, WHITE, "left", "top", text=n.props["hotkey"], rel=0.72, bold=True, effect="outline")
    if n.text:
        cv.text(small, n, WHITE, "right", "bottom", text=n.text, rel=0.78, bold=True, effect="outline")


def counter(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    size = min(r[3], round(6 * cv.u))
    kind = n.props.get("kind", "gold")
    if cv.skin.frame in ("flat", "neon"):
        plate = (r[0] + size // 2, r[1] + (r[3] - size) // 2 + size // 8, r[2] - size // 2, size - size // 4)
        cv.fill(
            plate,
            (0, 0, 0, 110) if cv.skin.frame == "flat" else (*cv.pal["panel"][:3], 150),
            plate[3] // 2 if cv.skin.frame == "flat" else 0,
        )
    main = (
        cv.pal["gold"]
        if kind in ("gold", "score", "gems")
        else cv.pal["accent"] if kind != "lives" else cv.pal["health"]
    )
    alt = mix(main, (120, 70, 30, 255), 0.5)
    cv.surface.blit(
        icon_surface(COUNTER_ICON.get(kind, "coin"), size, main, alt, cv.pixel), (r[0], r[1] + (r[3] - size) // 2)
    )
    tr = (r[0] + size + round(cv.u * 1.5), r[1], r[2] - size - round(cv.u * 1.5), r[3])
    cv.text(tr, n, WHITE, "left", rel=1.15, bold=True, effect="outline")


def _crosshair_geometry(cv: Canvas, n: Node, r: Rect) -> tuple[float, float, float, int, str]:
    """(centre x, centre y, arm length, line width, shape) of a crosshair drawn in `r`."""
    half = min(r[2], r[3]) / 2 - 1
    return r[0] + r[2] / 2, r[1] + r[3] / 2, half, max(2, round(cv.s * 2)), n.props.get("shape", "cross")


def crosshair_extent(cv: Canvas, n: Node, r: Rect) -> Rect:
    """The rectangle a crosshair drawn in `r` covers, its box: a dot is a few pixels at the centre of its square, a
    chevron the upper part of its own; a cross or circle the whole square. (Boxing a dot by its square labelled
    ~50 x 50 px of empty scene around an ~8 px dot.)"""
    cx, cy, half, w, shape = _crosshair_geometry(cv, n, r)
    outer = w + 2  # the black outline pass is the widest
    dot = max(1.5, outer * 0.8) + 1  # the centre dot's radius, outline included
    arm = half + outer / 2
    left, up, right, down = {"dot": (dot, dot, dot, dot),
                             "chevron": (arm, max(dot, outer / 2), arm, max(dot, half * 0.6 + outer / 2))
                             }.get(shape, (arm, arm, arm, arm))
    x0, y0 = max(r[0], math.floor(cx - left)), max(r[1], math.floor(cy - up))
    x1, y1 = min(r[0] + r[2], math.ceil(cx + right)), min(r[1] + r[3], math.ceil(cy + down))
    return x0, y0, max(0, x1 - x0), max(0, y1 - y0)


def crosshair(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    cx, cy, half, w, shape = _crosshair_geometry(cv, n, r)
    gap = half * (0.25 + 0.12 * int(n.props.get("spread", 0)))
    colour = cv.pal["accent"] if cv.skin.frame in ("neon", "pixel") else WHITE
    for c, width in ((BLACK, w + 2), (colour, w)):
        if shape in ("cross", "circle"):
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                pygame.draw.line(
                    cv.surface, c[:3], (cx + dx * gap, cy + dy * gap), (cx + dx * half, cy + dy * half), width
                )
        if shape == "circle":
            pygame.draw.circle(cv.surface, c[:3], (cx, cy), half * 0.7, max(1, width - 1))
        if shape == "chevron":
            pygame.draw.lines(
                cv.surface, c[:3], False, [(cx - half, cy), (cx, cy + half * 0.6), (cx + half, cy)], width
            )
        pygame.draw.circle(cv.surface, c[:3], (cx, cy), max(1.5, width * 0.8) + (1 if c is BLACK else 0))


def minimap(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    size = min(r[2], r[3])
    x, y = r[0] + (r[2] - size) // 2, r[1] + (r[3] - size) // 2
    pattern = int(n.props.get("pattern", 0))
    terrain = pictures.minimap_terrain(size, pattern, cv.night)
    rng = random.Random(pattern)
    round_ = n.props.get("shape") == "round"
    for i in range(int(n.props.get("markers", 4))):
        mx, my = rng.uniform(0.15, 0.85) * size, rng.uniform(0.15, 0.85) * size
        pygame.draw.circle(terrain, BLACK[:3], (mx, my), max(3, size * 0.035) + 1)
        pygame.draw.circle(terrain, pictures.marker_colour(i)[:3], (mx, my), max(3, size * 0.035))
    c = size / 2
    pygame.draw.polygon(
        terrain,
        (255, 255, 255),
        [
            (c, c - size * 0.06),
            (c + size * 0.04, c + size * 0.05),
            (c, c + size * 0.025),
            (c - size * 0.04, c + size * 0.05),
        ],
    )
    if round_:
        mask = pygame.Surface((size, size), pygame.SRCALPHA)
        pygame.draw.circle(mask, (255, 255, 255, 255), (c, c), c)
        terrain = _masked(terrain, mask)
    cv.surface.blit(terrain, (x, y))
    ring = max(2, round(cv.u * (1.2 if cv.skin.frame == "ornate" else 0.6)))
    edge = cv.pal["edge_hi"] if cv.skin.frame != "neon" else cv.pal["edge"]
    if round_:
        pygame.draw.circle(cv.surface, BLACK[:3], (x + c, y + c), c, ring + 1)
        pygame.draw.circle(cv.surface, edge[:3], (x + c, y + c), c - 1, ring)
    else:
        cv.outline((x, y, size, size), BLACK, ring + 1)
        cv.outline((x + 1, y + 1, size - 2, size - 2), edge, ring)
    cv.text(
        (x, y + ring, size, round(size * 0.16)),
        n,
        WHITE,
        "center",
        "top",
        text="N",
        rel=0.8,
        bold=True,
        effect="outline",
    )


def _masked(surface, mask):
    out = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    out.blit(surface, (0, 0))
    out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return out


def floating(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    colour = FLOAT_COLOUR.get(n.props.get("variant"), WHITE)
    cv.text(r, n, colour, "center", effect="outline")
