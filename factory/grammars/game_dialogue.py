"""Dialogue scenes: a speaker's portrait and name plate, a box of (wrapped) speech, numbered reply choices,
and a continue prompt or skip/auto/log controls; the HUD may stay visible behind."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_hud import player_frame
from factory.grammars.game_rules import game_screen, gw, layer, portrait
from factory.grammars.rules import column, heading, row, spacer, text
from factory.core.layout import Node


def choices(ctx: Ctx) -> Node:
    n = ctx.between(2, 4)
    chosen = ctx.between(0, n - 1)
    lines = []
    for i in range(n):
        label = ctx.content.sentence(ctx.between(3, 8)).rstrip(".")
        if i == n - 1 and ctx.chance(0.3):
            label = gw(ctx, ctx.pick(("accept", "decline", "shop", "quit")))
        lines.append(
            ctx.node(
                "menu_item",
                text=f"{i + 1}. {label}",
                state={"selected": i == chosen, "disabled": i != chosen and ctx.chance(0.1)},
            )
        )
    return column(ctx, lines, gap=1)


def controls(ctx: Ctx) -> Node:
    keys = ("skip", "auto", "log")
    return row(
        ctx,
        [spacer(ctx)]
        + [
            ctx.node("button", text=gw(ctx, k), variant="text", state={"selected": k == "auto" and ctx.chance(0.3)})
            for k in keys
            if ctx.chance(0.7)
        ],
        gap=2,
    )


def speech_box(ctx: Ctx, with_portrait: bool) -> Node:
    c = ctx.content
    speech = [
        heading(ctx, c.name(), level=3),
        text(ctx, " ".join(c.sentence(ctx.between(6, 14)) for _ in range(ctx.between(1, 2))), "speech"),
    ]
    if ctx.chance(0.55):
        speech.append(choices(ctx))
    else:
        speech.append(row(ctx, [spacer(ctx), text(ctx, "▼ " + gw(ctx, "next"), "prompt")], gap=1))
    if ctx.chance(0.5):
        speech.append(controls(ctx))
    inner = column(ctx, speech, gap=2, weight=1)
    content = [row(ctx, [portrait(ctx, "lg"), inner], gap=4, align="start")] if with_portrait else [inner]
    return ctx.node(
        "dialog",
        children=content,
        frame="speech",
        intent={"direction": "column", "anchor": "bottom", "width": ctx.pick((0.7, 0.8, 0.9))},
    )


def build(ctx: Ctx) -> Node:
    layers = []
    if ctx.chance(0.4):
        layers.append(layer(ctx, [player_frame(ctx)]))
    inline = ctx.chance(0.6)
    parts = [speech_box(ctx, inline)]
    if not inline:  # a large standing portrait beside the box, as in visual novels
        parts.insert(
            0,
            ctx.node(
                "image",
                kind="portrait",
                size="xl",
                pattern=ctx.between(0, 10**6),
                intent={"anchor": ctx.pick(("bottom-left", "bottom-right"))},
            ),
        )
    layers.append(layer(ctx, parts))
    return game_screen(ctx, layers, view=ctx.pick(("side", "top", "dungeon")))


register(Grammar("game_dialogue", build, "Dialogue boxes with portrait, speech and reply choices", renderers=("game",)))
