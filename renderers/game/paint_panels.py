"""Painters of containers and pictures: windows and dialogue boxes, cards (plates, glass, toasts, offers),
tooltips, hotbars, list rows and tables, portraits and item art, icons, and text and headings."""

from __future__ import annotations

from factory.core.layout import Node
from renderers.game import pictures
from renderers.game.canvas import Canvas, Rect, inset
from renderers.game.frames import panel
from renderers.game.icons import icon_surface
from renderers.game.paint_controls import WHITE, ink
from renderers.game.palette import mix

CARD_FRAMES = {"plate", "glass", "toast", "offer", "inset", "window", "plain"}
TEXT_COLOUR = {"good": "good", "error": "bad", "section": "accent", "prompt": "gold", "value": "text", "muted": "muted"}


def _header(cv: Canvas, n: Node) -> Rect | None:
    """The title row of a window: its first child when that is a row holding a heading."""
    if n.children and n.children[0].role == "row" and any(c.role == "heading" for c in n.children[0].children):
        return cv.rects.get(n.children[0].id)
    return None


def dialog(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    panel(cv, r, n.props.get("frame", "window"), header=_header(cv, n))


def card(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    frame = n.props.get("frame")
    kind = frame if frame in CARD_FRAMES else "plate" if n.props.get("elevated") else "inset"
    panel(cv, r, kind)


def tooltip(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    panel(cv, r, "tooltip")


def toolbar(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    panel(cv, r, "hotbar" if n.props.get("kind") == "hotbar" else "plate")


def list_row(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    selected = bool(n.state.get("selected"))
    if selected or cv.skin.frame in ("pixel", "neon"):
        panel(cv, r, "row", selected=selected, fill=(*cv.pal["panel2"][:3], 150) if not selected else None)
    else:
        cv.fill(
            r, (*mix(cv.pal["panel2"], (0, 0, 0, 255), 0.06)[:3], 160), round(cv.u) if cv.skin.frame == "flat" else 0
        )


def table(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    panel(cv, r, "inset")


def image(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    p = n.props
    kind, pattern = p.get("kind", "photo"), int(p.get("pattern", 0))
    if kind == "joystick":
        cv.surface.blit(pictures.joystick(min(r[2], r[3])), (r[0], r[1]))
        return
    if kind == "item":
        panel(cv, r, "slot")
        size = min(r[2], r[3]) - 2 * max(2, cv.line)
        cv.surface.blit(
            pictures.item_art(size, p.get("item", "gem"), p.get("rarity"), cv.pixel),
            (r[0] + (r[2] - size) // 2, r[1] + (r[3] - size) // 2),
        )
        return
    if kind in ("portrait", "avatar"):
        framed = p.get("size") != "xl"
        body = inset(r, max(2, cv.line + 1)) if framed else r
        if framed:
            panel(cv, r, "slot")
        cv.surface.blit(pictures.portrait(body[2], body[3], pattern, cv.pixel), (body[0], body[1]))
        return
    cv.surface.blit(pictures.banner(r[2], r[3], pattern, cv.pixel), (r[0], r[1]))
    cv.outline(r, cv.pal["edge"], max(1, cv.line))


def icon(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    size = min(r[2], r[3])
    if n.props.get("buff"):
        panel(cv, r, "slot")
        size = size - 2 * max(2, cv.line)
    main = cv.pal["gold"] if where != "accent" else cv.pal["on_accent"]
    cv.surface.blit(
        icon_surface(n.props.get("icon", "star"), size, main, cv.pal["accent"], cv.pixel),
        (r[0] + (r[2] - size) // 2, r[1] + (r[3] - size) // 2),
    )


def label(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    """Text and headings: colour from the variant and what lies behind; outlined over the scene."""
    variant = str(n.props.get("variant", "body"))
    if n.role == "heading":
        colour = (
            cv.pal["gold"]
            if where == "scene"
            else cv.pal["title"] if where == "header" or cv.skin.frame != "flat" else cv.pal["text"]
        )
    elif variant.startswith("rarity-"):
        colour = pictures.RARITY.get(variant[7:], pictures.RARITY["common"])
        if cv.skin.frame == "ornate" and not cv.night:
            colour = mix(colour, (0, 0, 0, 255), 0.35)
    elif where == "scene":
        colour = WHITE if variant not in ("muted", "feed") else (215, 215, 210, 255)
    elif variant in TEXT_COLOUR:
        colour = cv.pal[TEXT_COLOUR[variant]]
    else:
        colour = ink(cv, where)
    align = "center" if n.props.get("align") == "center" else "left"
    cv.text(r, n, colour, align, "top", effect="outline" if where == "scene" else None)
