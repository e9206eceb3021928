"""A modal dialog over another page: the page behind is dimmed and occluded by the scrim."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import dialog
from factory.core.layout import Node


def build(ctx: Ctx) -> Node:
    from factory.grammars import dashboard, datatable, gallery, settings

    behind = ctx.choose({dashboard.build: 2, datatable.build: 2, settings.build: 1, gallery.build: 1})(ctx)
    overlay = ctx.node("overlay", children=[dialog(ctx)])
    # A phone screen behind may have drawn a sheet open (mobile_rules): one modal at a time.
    page = [c for c in behind.children if c.role != "overlay"]
    return ctx.node("screen", children=[*page, overlay], intent=behind.intent)


register(Grammar("modal", build, "Modal dialogs over a page", renderers=("web", "desktop")))
