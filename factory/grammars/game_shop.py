"""Shops: a merchant's list of wares (slot, name, price, buy button) or a mobile-game store of offer cards,
with the player's gold and category tabs; unaffordable or sold-out offers are disabled."""

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
    window,
)
from factory.grammars.rules import column, heading, row, spacer, text
from factory.core.layout import Node

TABS = ("weapons", "armor_tab", "consumables", "materials")


def price(ctx: Ctx) -> Node:
    return ctx.node("resource_counter", text=f"{ctx.between(1, 9999):,}", kind=ctx.choose({"gold": 4, "gems": 1}))


def ware(ctx: Ctx, selected: bool) -> Node:
    it = item(ctx)
    blocked = ctx.choose({None: 6, "sold_out": 1, "not_enough": 1})
    info = column(
        ctx,
        [
            text(ctx, it["name"], f"rarity-{it['rarity']}"),
            text(ctx, gw(ctx, blocked) if blocked else gw(ctx, it["rarity"]), "muted"),
        ],
        gap=0,
        weight=1,
    )
    cells = [
        slot(ctx, it),
        info,
        price(ctx),
        game_button(ctx, gw(ctx, "buy"), variant="primary", disabled=bool(blocked)),
    ]
    return ctx.node("list_item", children=[row(ctx, cells, gap=3)], state={"selected": selected})


def merchant(ctx: Ctx) -> Node:
    n = ctx.between(3, 7)
    chosen = ctx.between(0, n - 1)
    head = row(
        ctx,
        [
            portrait(ctx, "sm"),
            column(
                ctx,
                [heading(ctx, ctx.content.name(), level=3), text(ctx, ctx.content.sentence(6), "flavor")],
                gap=0,
                weight=1,
            ),
            counter(ctx, "gold"),
        ],
        gap=3,
    )
    body = [
        head,
        tabs_row(
            ctx, [gw(ctx, k) for k in ("buy", "sell")] + ([gw(ctx, k) for k in TABS[:2]] if ctx.chance(0.4) else [])
        ),
    ]
    body.append(column(ctx, [ware(ctx, i == chosen) for i in range(n)], gap=1))
    return window(ctx, gw(ctx, "shop"), body, width=ctx.pick((0.5, 0.58)), anchor=ctx.pick(("center", "right", "left")))


def offer(ctx: Ctx) -> Node:
    it = item(ctx)
    parts = [
        ctx.node("image", kind="item", item=it["icon"], rarity=it["rarity"], pattern=it["pattern"]),
        heading(ctx, it["name"], level=4),
    ]
    if ctx.chance(0.4):
        parts.insert(0, ctx.node("badge", text=gw(ctx, ctx.pick(("best_value", "sold_out"))), tone="warning"))
    parts.append(
        ctx.node(
            "button",
            text=f"{ctx.between(1, 999):,}",
            variant="price",
            icon=ctx.pick(("coin", "gem")),
            state={"disabled": ctx.chance(0.2)},
        )
    )
    return ctx.node("card", children=parts, frame="offer", intent={"direction": "column", "gap": 2, "align": "center"})


def store(ctx: Ctx) -> Node:
    cols = ctx.between(3, 5)
    offers = ctx.node(
        "grid", children=[offer(ctx) for _ in range(cols * ctx.between(1, 2))], intent={"columns": cols, "gap": 3}
    )
    top = row(
        ctx,
        [
            heading(ctx, gw(ctx, "daily_deals"), level=2),
            spacer(ctx),
            counter(ctx, "gold"),
            counter(ctx, "gems"),
            ctx.node("icon_button", icon="close", label=gw(ctx, "back")),
        ],
        gap=3,
    )
    tabs = tabs_row(ctx, [gw(ctx, k) for k in TABS])
    return ctx.node(
        "dialog",
        children=[top, tabs, offers],
        frame="window",
        intent={"direction": "column", "gap": 3, "anchor": "center", "width": 0.8},
    )


def build(ctx: Ctx) -> Node:
    panel = store(ctx) if ctx.chance(0.4) else merchant(ctx)
    return game_screen(
        ctx, [layer(ctx, [panel], dim=ctx.chance(0.3))], view=ctx.pick(("top", "side", "dungeon")), blur=0.5
    )


register(Grammar("game_shop", build, "Shops: merchant lists and store offer grids with prices", renderers=("game",)))
