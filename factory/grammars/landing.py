"""Marketing landing pages: a hero (headline, sub-text, calls to action, a picture), a feature grid with icons,
testimonials or a strip of customer logos, perhaps a closing call to action, and a footer of link columns."""

from factory.core.layout import Node
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (ICONS, avatar, badge, button, card, column, heading, icon, paragraph, picture, row,
                                    spacer, text)
from factory.grammars.site_rules import site_name, block, long_page, site_footer, site_header


def hero(ctx: Ctx) -> Node:
    c = ctx.content
    copy: list[Node] = []
    if ctx.chance(0.4):
        copy.append(row(ctx, [badge(ctx, f"{c.ui('new')}: {c.title(ctx.between(2, 4))}")]))
    copy += [heading(ctx, c.title(ctx.between(4, 8)), level=1), paragraph(ctx, (1, 1), (12, 26))]
    ctas = [button(ctx, c.ui("get_started"), "primary", with_icon=False)]
    if ctx.chance(0.8):
        ctas.append(button(ctx, c.ui(ctx.pick(("learn_more", "contact_sales"))), ctx.pick(("secondary", "text"))))
    copy.append(row(ctx, ctas, gap=2, wrap=True))
    if ctx.chance(0.3):
        copy.append(text(ctx, c.sentence(ctx.between(4, 8)), "muted"))
    if ctx.mobile or ctx.chance(0.3):  # centred, the picture under the copy (or none)
        parts = [column(ctx, copy, gap=3, align="center")]
        if ctx.chance(0.7):
            parts.append(picture(ctx, ctx.choose({"photo": 3, "chart-line": 1}), "16:9"))
        return block(ctx, "hero", parts, gap=4, align="center")
    art = column(ctx, [picture(ctx, ctx.choose({"photo": 3, "chart-bar": 1}), ctx.pick(("4:3", "3:2", "1:1")))],
                 weight=1)
    kids = [column(ctx, copy, gap=3, weight=1), art]
    return block(ctx, "hero", kids if ctx.chance(0.8) else kids[::-1], direction="row", gap=5, align="center")


def features(ctx: Ctx) -> Node:
    c = ctx.content
    n = ctx.pick((3, 4, 6))
    cols = 1 if ctx.mobile else (3 if n in (3, 6) else ctx.pick((2, 4)))
    boxed = ctx.chance(0.5)
    tiles = []
    for name in ctx.rng.sample(ICONS, n):
        parts = [icon(ctx, name), heading(ctx, c.title(ctx.between(2, 4)), level=4),
                 text(ctx, c.sentence(ctx.between(8, 16)), "muted")]
        tiles.append(card(ctx, parts) if boxed else column(ctx, parts, gap=1))
    head = [heading(ctx, c.ui("features"), level=2)]
    if ctx.chance(0.6):
        head.append(text(ctx, c.sentence(ctx.between(8, 14)), "muted"))
    grid = ctx.node("grid", children=tiles, intent={"columns": cols, "gap": 4})
    return column(ctx, [column(ctx, head, gap=1, align="center"), grid], gap=4, padding=True)


def testimonials(ctx: Ctx) -> Node:
    c = ctx.content
    n = 1 if ctx.mobile else ctx.between(2, 3)
    quotes = [card(ctx, [text(ctx, f"“{c.sentence(ctx.between(10, 22))}”"),
                         row(ctx, [avatar(ctx), column(ctx, [text(ctx, c.name(), "label"),
                                                             text(ctx, f"{c.job()}, {c.company()}", "muted")], gap=0)],
                             gap=2)]) for _ in range(n)]
    grid = ctx.node("grid", children=quotes, intent={"columns": n, "gap": 3})
    return column(ctx, [heading(ctx, c.ui("testimonials"), level=2), grid], gap=3, padding=True, align="center")


def logos(ctx: Ctx) -> Node:
    c = ctx.content
    names = [heading(ctx, site_name(ctx), level=4) for _ in range(ctx.between(3, 4 if ctx.mobile
                                                                                                   else 6))]
    strip = row(ctx, [spacer(ctx)] + names + [spacer(ctx)], gap=5, wrap=True)
    return block(ctx, "logos", [text(ctx, c.ui("trusted_by"), "muted"), strip], gap=2, align="center", padding=True)


def closing_cta(ctx: Ctx) -> Node:
    c = ctx.content
    return block(ctx, "hero", [heading(ctx, c.title(ctx.between(3, 6)), level=2), text(ctx, c.sentence(10), "muted"),
                               button(ctx, c.ui(ctx.pick(("get_started", "contact_sales", "subscribe"))), "primary",
                                      with_icon=False)], gap=2, align="center")


def build(ctx: Ctx) -> Node:
    name = site_name(ctx)
    sections = [hero(ctx)]
    proof = [logos] if ctx.chance(0.5) else []
    proof += [features, testimonials] if ctx.chance(0.6) else [testimonials, features]
    sections += [rule(ctx) for rule in proof]
    if ctx.chance(0.5):
        sections.append(closing_cta(ctx))
    sections.append(site_footer(ctx, name))
    return long_page(ctx, name, site_header(ctx, name, search=False), sections)


register(Grammar("landing", build, "Marketing landing pages: hero, features, testimonials, footer"))
