"""Dashboards: stat cards, charts, lists and tables, arranged by the recursive panel rule."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (app_shell, button, card, column, data_table, heading, panel, row, spacer,
                                    stat_card)
from factory.core.layout import Node


def build(ctx: Ctx) -> Node:
    c = ctx.content
    head = row(ctx, [heading(ctx, c.ui(ctx.pick(("dashboard", "overview", "reports"))), level=1), spacer(ctx),
                     button(ctx, c.ui("export"), "secondary")])
    stats = ctx.node("grid", children=[stat_card(ctx) for _ in range(ctx.between(2, 4))],
                     intent={"columns": 2 if ctx.mobile else 4, "gap": 3})
    parts = [head, stats, panel(ctx, 0)]
    if ctx.chance(0.5):
        parts.append(card(ctx, [data_table(ctx, ctx.between(3, 5))], title=c.ui("orders")))
    return app_shell(ctx, c.company(), column(ctx, parts, gap=3, weight=1, padding=True, scroll=True))


register(Grammar("dashboard", build, "Dashboards with cards, charts, lists and tables", renderers=("web", "desktop")))
