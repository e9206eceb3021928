"""Data tables with a toolbar of search and filters, selection and pagination."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (app_shell, button, card, column, data_table, dropdown, heading, icon_button,
                                    pagination, row, spacer, tabs)
from factory.core.layout import Node


def build(ctx: Ctx) -> Node:
    c = ctx.content
    entity = ctx.pick(("orders", "customers", "products", "users"))
    tools = [ctx.node("text_input", input_type="search", placeholder=c.ui("search"),
                      value=c.word() if ctx.chance(0.3) else None, state={"focused": ctx.chance(0.1)})]
    if not ctx.mobile:
        tools += [dropdown(ctx, c.ui(ctx.pick(("all", "active", "pending")))),
                  icon_button(ctx, "filter", c.ui("filter"))]
    tools += [spacer(ctx), button(ctx, c.ui("new"), "primary", with_icon=True)]
    toolbar = ctx.node("toolbar", children=[row(ctx, tools, gap=2)], kind="table")
    parts = [row(ctx, [heading(ctx, c.ui(entity), level=1), spacer(ctx), button(ctx, c.ui("export"), "secondary")])]
    if ctx.chance(0.4):
        parts.append(tabs(ctx, [c.ui(k) for k in ("all", "active", "pending", "archived")]))
    parts.append(card(ctx, [toolbar, data_table(ctx), pagination(ctx)]))
    return app_shell(ctx, c.company(), column(ctx, parts, gap=3, weight=1, padding=True, scroll=True))


register(Grammar("datatable", build, "Data tables with toolbar, filters and pagination", renderers=("web", "desktop")))
