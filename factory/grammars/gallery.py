"""Product and media grids: pictures, titles, prices, ratings, add-to-cart buttons, pager dots."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (app_shell, badge, button, card, column, dropdown, heading, icon_button, picture,
                                    row, spacer, text)
from factory.core.layout import Node


def tile(ctx: Ctx, shop: bool) -> Node:
    c = ctx.content
    parts = [picture(ctx, "photo", ctx.pick(("1:1", "4:3")))]
    title = row(ctx, [text(ctx, c.title(ctx.between(1, 3)), "label"), spacer(ctx), icon_button(ctx, "heart")])
    parts.append(title)
    if shop:
        parts.append(row(ctx, [text(ctx, c.price(), "value"), spacer(ctx)] + ([badge(ctx)] if ctx.chance(0.3) else [])))
        parts.append(button(ctx, c.ui("add_to_cart"), ctx.pick(("primary", "secondary"))))
    else:
        parts.append(text(ctx, f"{c.name()} · {c.date()}", "muted"))
    return card(ctx, parts)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    shop = ctx.chance(0.6)
    columns = ctx.between(1, 2) if ctx.mobile else ctx.between(3, 5)
    head = row(ctx, [heading(ctx, c.ui("products") if shop else c.title(2), level=1), spacer(ctx),
                     dropdown(ctx, c.ui("sort"))])
    grid = ctx.node("grid", children=[tile(ctx, shop) for _ in range(columns * ctx.between(1, 3))],
                    intent={"columns": columns, "gap": 3})
    pager = ctx.node("page_indicator", count=ctx.between(3, 6), current=0)
    content = column(ctx, [head, grid, row(ctx, [spacer(ctx), pager, spacer(ctx)])], gap=3, weight=1, padding=True,
                     scroll=True)
    return app_shell(ctx, c.company(), content)


register(Grammar("gallery", build, "Product and media grids", renderers=("web", "desktop")))
