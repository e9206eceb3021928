"""Settings pages: grouped controls (switches, sliders, dropdowns...) in cards, with tabs or a side menu."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import app_shell, button, card, column, heading, row, setting_control, spacer, tabs
from factory.core.layout import Node

GROUPS = ("account", "notifications", "privacy", "security", "language")


def group(ctx: Ctx, key: str) -> Node:
    controls = [setting_control(ctx) for _ in range(ctx.between(2, 5))]
    return card(ctx, controls, title=ctx.content.ui(key))


def build(ctx: Ctx) -> Node:
    c = ctx.content
    keys = ctx.rng.sample(GROUPS, ctx.between(1, 3))
    parts = [heading(ctx, c.ui("settings"), level=1)]
    if ctx.chance(0.5):
        parts.append(tabs(ctx, [c.ui(k) for k in ctx.rng.sample(GROUPS, ctx.between(3, 5))]))
    parts += [group(ctx, k) for k in keys]
    parts.append(row(ctx, [spacer(ctx), button(ctx, c.ui("cancel"), "secondary"),
                           button(ctx, c.ui("save"), "primary")]))
    return app_shell(ctx, c.company(), column(ctx, parts, gap=3, weight=1, padding=True, scroll=True))


register(Grammar("settings", build, "Settings pages with grouped controls", renderers=("web", "desktop")))
