"""Character sheets: portrait, name, class and level with an experience bar, attribute rows with
point buttons, derived stats and equipped items."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_rules import (
    CLASSES,
    bar,
    game_button,
    game_screen,
    gw,
    item,
    layer,
    portrait,
    slot,
    stat_row,
    tabs_row,
    window,
)
from factory.grammars.rules import column, heading, row, spacer, text
from factory.core.layout import Node

ATTRS = ("strength", "agility", "intellect", "vitality", "luck")
DERIVED = ("attack", "defense", "crit", "speed", "armor")


def identity(ctx: Ctx) -> Node:
    c = ctx.content
    parts = [
        portrait(ctx, "lg"),
        heading(ctx, c.name(), level=3),
        text(ctx, f"{gw(ctx, ctx.pick(CLASSES))} · {gw(ctx, 'lv')} {ctx.between(1, 60)}", "muted"),
        bar(ctx, "xp", labelled=True),
    ]
    if ctx.chance(0.5):
        parts += [bar(ctx, "health"), bar(ctx, "mana")]
    return column(ctx, parts, gap=2, align="center", width=0.3)


def attributes(ctx: Ctx) -> Node:
    points = ctx.between(0, 5) if ctx.chance(0.6) else 0
    rows = [stat_row(ctx, k, points > 0) for k in ATTRS if ctx.chance(0.85)] or [stat_row(ctx, "strength", False)]
    parts = [heading(ctx, gw(ctx, "character"), level=4), *rows]
    if points:
        parts.append(
            row(
                ctx,
                [
                    text(ctx, gw(ctx, "points_left"), "muted"),
                    spacer(ctx),
                    ctx.node("badge", text=str(points), tone="info"),
                ],
                gap=2,
            )
        )
    return column(ctx, parts, gap=1, weight=1)


def derived(ctx: Ctx) -> Node:
    lines = [
        row(
            ctx,
            [
                text(ctx, gw(ctx, k), "muted"),
                spacer(ctx),
                text(ctx, f"{ctx.between(1, 999)}" if k != "crit" else f"{ctx.between(1, 60)}%", "value"),
            ],
            gap=2,
        )
        for k in DERIVED
        if ctx.chance(0.8)
    ]
    gear = ctx.node(
        "grid",
        children=[slot(ctx, item(ctx) if ctx.chance(0.8) else None) for _ in range(ctx.between(4, 8))],
        intent={"columns": 4, "gap": 1},
    )
    return column(ctx, [heading(ctx, gw(ctx, "equipment"), level=4), gear, *lines], gap=1, weight=1)


def build(ctx: Ctx) -> Node:
    body: list[Node] = []
    if ctx.chance(0.5):
        body.append(tabs_row(ctx, [gw(ctx, k) for k in ("character", "skills", "talents", "equipment")], active=0))
    cols = [identity(ctx), attributes(ctx)]
    if not ctx.mobile and ctx.chance(0.7):
        cols.append(derived(ctx))
    body.append(row(ctx, cols, gap=4, align="start"))
    if ctx.chance(0.4):
        body.append(
            row(
                ctx,
                [
                    spacer(ctx),
                    game_button(ctx, gw(ctx, "back"), variant="secondary"),
                    game_button(ctx, gw(ctx, "apply"), variant="primary", disabled=ctx.chance(0.3)),
                ],
                gap=2,
            )
        )
    win = window(ctx, gw(ctx, "character"), body, width=0.78 if len(cols) == 3 else 0.56)
    return game_screen(
        ctx, [layer(ctx, [win], dim=ctx.chance(0.4))], view=ctx.pick(("top", "side", "dungeon", "space")), blur=0.5
    )


register(
    Grammar("game_character", build, "Character sheets: portrait, level, attributes, stats, gear", renderers=("game",))
)
