"""Panel frames in the four looks: pixel (bevelled blocks), ornate (double gold lines with corner jewels),
neon (translucent cut-corner glass with glow and corner brackets) and flat (rounded, drop-shadowed cards).

`panel(cv, rect, kind, ...)` is used for windows, cards, tooltips, bars, buttons, slots and fields, so one
look runs through every widget of a style."""

from __future__ import annotations

from renderers.game.canvas import Canvas, Rect, inset
from renderers.game.palette import RGBA, mix

# kind -> (fill key, edge key, whether it is a raised window-like panel)
KINDS = {
    "window": ("panel", "edge", True),
    "plain": ("panel", "edge", True),
    "sidebar": ("panel", "edge", True),
    "speech": ("panel", "edge", True),
    "plate": ("panel", "edge", False),
    "tooltip": ("panel2", "edge_hi", True),
    "offer": ("panel2", "edge", False),
    "inset": ("panel2", "edge", False),
    "toast": ("panel2", "edge_hi", False),
    "glass": ("panel", "edge", False),
    "hotbar": ("panel", "edge", False),
    "row": ("panel2", "edge", False),
    "button": ("button", "edge", False),
    "slot": ("slot", "slot_edge", False),
    "field": ("slot", "slot_edge", False),
    "tab": ("panel2", "edge", False),
}


def panel(
    cv: Canvas,
    r: Rect,
    kind: str,
    selected: bool = False,
    disabled: bool = False,
    fill: RGBA | None = None,
    header: Rect | None = None,
) -> None:
    """Draw one framed panel of `kind` in the style's look; `header` is the title row's rect, if any."""
    fk, ek, raised = KINDS.get(kind, KINDS["plain"])
    base = fill or cv.pal[fk]
    if disabled:
        base = mix(base, cv.pal["disabled"], 0.6)
    if kind == "glass":
        base = (*mix(base, (0, 0, 0, 255), 0.5)[:3], 150)
    edge = cv.pal["accent"] if selected else cv.pal[ek]
    {"pixel": _pixel, "ornate": _ornate, "neon": _neon, "flat": _flat}[cv.skin.frame](
        cv, r, kind, base, edge, raised, selected, header
    )


def _pixel(cv: Canvas, r: Rect, kind, base, edge, raised, selected, header) -> None:
    k = max(2, cv.line)
    dark = mix(base, (0, 0, 0, 255), 0.45)
    light = mix(base, (255, 255, 255, 255), 0.25)
    cv.fill(r, cv.pal["edge"] if not selected else edge)
    body = inset(r, k)
    cv.fill(body, base)
    if kind in ("slot", "field"):  # sunken: dark top-left, light bottom-right
        light, dark = dark, light
    x, y, w, h = body
    cv.fill((x, y, w, k), light)
    cv.fill((x, y, k, h), light)
    cv.fill((x, y + h - k, w, k), dark)
    cv.fill((x + w - k, y, k, h), dark)
    if selected:
        cv.outline(inset(r, -k), cv.pal["accent"], k)
    if header and raised:
        cv.fill((x + k, header[1] + header[3] + k, w - 2 * k, k), dark)


def _ornate(cv: Canvas, r: Rect, kind, base, edge, raised, selected, header) -> None:
    k = max(1, cv.line)
    radius = round(cv.skin.radius * cv.u)
    if raised or kind == "plate":
        cv.shadow(r, radius, 1.2)
    cv.gradient(r, mix(base, (255, 255, 255, 255), 0.12), mix(base, (0, 0, 0, 255), 0.18), radius)
    gold, light = cv.pal["edge_hi"], cv.pal["edge"]
    if kind in ("slot", "field"):
        cv.outline(r, edge, k + 1, radius)
        cv.outline(inset(r, k + 1), mix(base, (0, 0, 0, 255), 0.35), k, radius)
        return
    cv.outline(r, light, 2 * k, radius)
    if raised or kind in ("button", "plate", "offer", "toast"):
        cv.outline(inset(r, 3 * k), gold if not selected else cv.pal["accent"], k, radius)
    if raised and r[2] > 12 * cv.u and r[3] > 12 * cv.u:
        d = round(2.2 * cv.u)
        x0, y0, x1, y1 = r[0] + d, r[1] + d, r[0] + r[2] - d, r[1] + r[3] - d
        for cx, cy in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):  # jewels inside the corners
            cv.poly([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], gold)
            cv.circle((cx, cy), d * 0.45, cv.pal["accent"])
    if header and raised:
        y = header[1] + header[3] + round(cv.u)
        cv.fill((r[0] + 4 * k, y, r[2] - 8 * k, k), gold)
    if selected:
        cv.outline(inset(r, -k), (*cv.pal["accent"][:3], 180), k, radius)


def _cut(r: Rect, c: float) -> list[tuple[float, float]]:
    x, y, w, h = r
    c = min(c, w / 3, h / 3)
    return [(x + c, y), (x + w, y), (x + w, y + h - c), (x + w - c, y + h), (x, y + h), (x, y + c)]


def _neon(cv: Canvas, r: Rect, kind, base, edge, raised, selected, header) -> None:
    k = max(1, cv.line)
    c = 2.5 * cv.u if kind not in ("slot", "field", "tab") else 1.2 * cv.u
    pts = _cut(r, c)
    fill = base if not selected else (*mix(base, cv.pal["accent"], 0.35)[:3], max(base[3], 170))
    cv.poly(pts, fill)
    if raised or selected:
        cv.glow(r, edge, 2)
    cv.poly(pts, edge if kind not in ("row",) or selected else (*edge[:3], 90), k)
    if raised or kind in ("plate", "toast", "offer"):
        b, t, hi = round(3 * cv.u), 2 * k, cv.pal["edge_hi"]
        x, y, w, h = r  # corner brackets on the two square corners
        cv.fill((x + w - b, y, b, t), hi)
        cv.fill((x + w - t, y, t, b), hi)
        cv.fill((x, y + h - t, b, t), hi)
        cv.fill((x, y + h - b, t, b), hi)
    if header and raised:
        y = header[1] + header[3] + round(cv.u)
        cv.fill((r[0] + round(c), y, r[2] - 2 * round(c), k), (*edge[:3], 160))


def _flat(cv: Canvas, r: Rect, kind, base, edge, raised, selected, header) -> None:
    radius = round(cv.skin.radius * cv.u * (0.6 if kind in ("slot", "field", "row", "tab") else 1.0))
    radius = min(radius, r[3] // 2, r[2] // 2)
    if kind not in ("field", "row", "tab"):
        cv.shadow(r, radius, 0.9 if raised else 0.6)
    if kind == "button":  # candy button: darker lip at the bottom, lighter face
        lip = max(2, round(cv.u * 0.9))
        cv.fill(r, mix(base, (0, 0, 0, 255), 0.25), radius)
        cv.gradient((r[0], r[1], r[2], r[3] - lip), mix(base, (255, 255, 255, 255), 0.18), base, radius)
    else:
        cv.fill(r, base, radius)
    if header and raised:
        band = (r[0], r[1], r[2], header[1] + header[3] + round(cv.u * 2) - r[1])
        cv.fill(band, cv.pal["accent"], radius)
        cv.fill((band[0], band[1] + band[3] - radius, band[2], radius), cv.pal["accent"])
    if kind in ("slot", "field"):
        cv.outline(r, cv.pal["slot_edge"], max(1, round(cv.s * 1.5)), radius)
    if selected:
        cv.outline(
            inset(r, -round(cv.u * 0.6)), cv.pal["accent"], max(2, round(cv.u * 0.8)), radius + round(cv.u * 0.6)
        )
