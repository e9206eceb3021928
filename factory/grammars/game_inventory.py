"""Inventory screens: a grid of item slots (stacks, rarities, a selected slot), equipment beside a portrait,
gold and weight, and a tooltip over the grid describing one item."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_rules import (
    counter,
    game_button,
    game_screen,
    gw,
    item,
    layer,
    portrait,
    slot,
    tabs_row,
    tooltip_for,
    window,
)
from factory.grammars.rules import column, row, spacer, text
from factory.core.layout import Node

EQUIP = ("helmet", "amulet", "chestplate", "gloves", "ring", "boots", "sword", "shield")


def equipment(ctx: Ctx) -> Node:
    keys = ctx.rng.sample(EQUIP, ctx.between(4, 8))
    left = [slot(ctx, item(ctx) if ctx.chance(0.7) else None) for _ in keys[: len(keys) // 2]]
    right = [slot(ctx, item(ctx) if ctx.chance(0.7) else None) for _ in keys[len(keys) // 2 :]]
    return row(ctx, [column(ctx, left, gap=1), portrait(ctx, "lg"), column(ctx, right, gap=1)], gap=2, align="center")


def grid(ctx: Ctx) -> tuple[Node, list[tuple[Node, dict]]]:
    cols = ctx.between(5, 9)
    rows = ctx.between(3, 6)
    chosen = ctx.between(0, cols * rows - 1)
    slots, filled = [], []
    fill = ctx.rng.uniform(0.3, 0.9)
    for i in range(cols * rows):
        it = item(ctx) if ctx.chance(fill) else None
        s = slot(ctx, it, selected=i == chosen)
        slots.append(s)
        if it:
            filled.append((s, it))
    return ctx.node("grid", children=slots, intent={"columns": cols, "gap": 1}), filled


def build(ctx: Ctx) -> Node:
    slots, filled = grid(ctx)
    bag: list[Node] = []
    if ctx.chance(0.5):
        bag.append(tabs_row(ctx, [gw(ctx, k) for k in ("weapons", "armor_tab", "consumables", "materials")]))
    bag.append(slots)
    bag.append(
        row(
            ctx,
            [
                counter(ctx, "gold"),
                spacer(ctx),
                text(ctx, gw(ctx, "weight"), "muted"),
                ctx.node(
                    "progress_bar",
                    text=f"{ctx.between(10, 60)} / 80",
                    kind="weight",
                    value=ctx.between(10, 100),
                    intent={"width": 0.3},
                ),
            ],
            gap=2,
        )
    )
    if ctx.chance(0.5):
        bag.append(
            row(
                ctx,
                [
                    spacer(ctx),
                    game_button(ctx, gw(ctx, "sort"), variant="secondary"),
                    game_button(ctx, gw(ctx, "drop"), variant="secondary", disabled=ctx.chance(0.3)),
                    game_button(ctx, gw(ctx, ctx.pick(("use", "equip"))), variant="primary"),
                ],
                gap=2,
            )
        )
    with_equipment = not ctx.mobile and ctx.chance(0.6)
    if with_equipment:
        body = [
            row(ctx, [column(ctx, [equipment(ctx)], gap=1), column(ctx, bag, gap=2, weight=1)], gap=4, align="start")
        ]
    else:
        body = bag
    win = window(
        ctx,
        gw(ctx, "inventory"),
        body,
        width=0.72 if with_equipment else ctx.pick((0.42, 0.5)),
        anchor=ctx.pick(("center", "center", "right")),
    )
    layers = [layer(ctx, [win], dim=ctx.chance(0.3))]
    if filled and ctx.chance(0.85):
        target, it = ctx.pick(filled)
        layers.append(layer(ctx, [tooltip_for(ctx, target, it)]))
    return game_screen(ctx, layers, view=ctx.pick(("top", "side", "dungeon")), blur=0.5)


register(
    Grammar("game_inventory", build, "Inventory grids with item slots, equipment and a tooltip", renderers=("game",))
)
