"""App shell with a list/detail layout: messages or contacts on the left, the selected one on the right."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (app_shell, avatar, badge, button, card, column, heading, icon_button, row,
                                    spacer, text)
from factory.core.layout import Node


def item(ctx: Ctx, selected: bool) -> Node:
    c = ctx.content
    cells = [avatar(ctx), column(ctx, [text(ctx, c.name(), "label"), text(ctx, c.sentence(5), "muted")], gap=0,
                                 weight=1)]
    cells.append(badge(ctx, str(ctx.between(1, 9))) if ctx.chance(0.3) else text(ctx, c.date(), "muted"))
    return ctx.node("list_item", children=[row(ctx, cells, gap=2)], state={"selected": selected})


def detail(ctx: Ctx) -> Node:
    c = ctx.content
    head = row(ctx, [avatar(ctx), column(ctx, [heading(ctx, c.name(), 3), text(ctx, c.email(), "muted")], gap=0),
                     spacer(ctx), icon_button(ctx, "trash"), icon_button(ctx, "more")])
    body = [text(ctx, c.sentence(ctx.between(10, 30))) for _ in range(ctx.between(1, 3))]
    reply = row(ctx, [ctx.node("text_input", input_type="multiline", placeholder=c.ui("messages"),
                               state={"focused": ctx.chance(0.2)}, intent={"weight": 1}),
                      button(ctx, c.ui("continue"), "primary")], gap=2, align="end")
    return card(ctx, [head, *body, reply])


def build(ctx: Ctx) -> Node:
    c = ctx.content
    n = ctx.between(4, 8)
    chosen = ctx.between(0, n - 1)
    items = column(ctx, [ctx.node("text_input", input_type="search", placeholder=c.ui("search"))]
                   + [item(ctx, i == chosen) for i in range(n)], gap=1, weight=1 if ctx.mobile else 0, width="list")
    if ctx.mobile:
        content = column(ctx, [heading(ctx, c.ui("messages"), 1), items], gap=2, weight=1, padding=True)
    else:
        content = row(ctx, [items, column(ctx, [detail(ctx)], weight=1)], gap=3, align="start", weight=1,
                      padding=True)
    return app_shell(ctx, c.company(), content)


register(Grammar("inbox", build, "App shell with a list and a detail pane", renderers=("web", "desktop")))
