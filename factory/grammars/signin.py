"""Sign-in and sign-up forms, centred or split with a picture."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import button, column, heading, link, picture, row, spacer, text, text_field
from factory.core.layout import Node


def build(ctx: Ctx) -> Node:
    c = ctx.content
    signup = ctx.chance(0.4)
    fields = [text_field(ctx, "email", "email", error_key="invalid_email")]
    if signup:
        fields.insert(0, text_field(ctx, "name"))
        fields += [text_field(ctx, "password", "password"), text_field(ctx, "confirm_password", "password")]
        fields.append(ctx.node("checkbox", text=c.ui("terms"), state={"checked": ctx.chance(0.5)}))
    else:
        fields.append(text_field(ctx, "password", "password"))
        fields.append(row(ctx, [ctx.node("checkbox", text=c.ui("remember"), state={"checked": ctx.chance(0.5)}),
                                spacer(ctx), link(ctx, c.ui("forgot"))]))
    title = c.ui("sign_up" if signup else "sign_in")
    form = ctx.node("card", children=[
        heading(ctx, title, level=1 if ctx.chance(0.5) else 2),
        text(ctx, c.sentence(ctx.between(5, 10)), "muted"),
        *fields,
        button(ctx, title, "primary", with_icon=False),
        row(ctx, [text(ctx, c.company(), "muted"), spacer(ctx), link(ctx, c.ui("sign_in" if signup else "sign_up"))]),
    ], intent={"direction": "column", "gap": 3}, elevated=ctx.chance(0.7), width="form")
    if not ctx.mobile and ctx.chance(0.4):
        side = column(ctx, [picture(ctx, "photo", "4:3"), heading(ctx, c.company(), 2), text(ctx, c.sentence(12))],
                      gap=3, weight=1, padding=True)
        body = row(ctx, [side, column(ctx, [form], weight=1, align="center", padding=True)], gap=0, align="center",
                   weight=1)
    else:
        body = column(ctx, [form], align="center", justify="center", weight=1, padding=True)
    return ctx.node("screen", children=[body], intent={"direction": "column"})


register(Grammar("signin", build, "Sign-in and sign-up forms with validation states", renderers=("web", "desktop")))
