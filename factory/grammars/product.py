"""Product pages of a shop: breadcrumbs, an image gallery with thumbnails, title, rating, price, variant selectors
(dropdowns, radio groups or buttons), quantity, add-to-cart, and tabs for description, specifications and reviews."""

from factory.core.layout import Node
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (avatar, badge, button, column, dropdown, heading, icon, icon_button, link,
                                    paragraph, picture, radio_group, row, spacer, tabs, text)
from factory.grammars.site_rules import long_page, rating, site_footer, site_header, site_name

SHOP_NAV = ("products", "new", "about", "help", "contact", "blog")
SIZES = ("XS", "S", "M", "L", "XL", "XXL", "36", "38", "40", "42", "128 GB", "256 GB", "512 GB")


def gallery(ctx: Ctx) -> Node:
    main = picture(ctx, "photo", ctx.pick(("1:1", "4:3")))
    n = ctx.between(3, 4 if ctx.mobile else 5)
    thumbs = ctx.node("grid", children=[picture(ctx, "photo", "1:1") for _ in range(n)],
                      intent={"columns": n, "gap": 1})
    if ctx.chance(0.3):
        return column(ctx, [main, ctx.node("page_indicator", count=n, current=ctx.between(0, n - 1))], gap=2,
                      align="center")
    return column(ctx, [main, thumbs] if ctx.chance(0.8) else [thumbs, main], gap=2)


def variant(ctx: Ctx) -> Node:
    c = ctx.content
    key = ctx.pick(("size", "color"))
    values = ctx.rng.sample(SIZES, ctx.between(3, 5)) if key == "size" else [c.word() for _ in range(ctx.between(2, 4))]
    kind = ctx.choose({"dropdown": 2, "radio": 1, "buttons": 2})
    label = text(ctx, c.ui(key), "label")
    if kind == "dropdown":
        return column(ctx, [label, dropdown(ctx, ctx.pick(values))], gap=1)
    if kind == "radio":
        return column(ctx, [label, radio_group(ctx, values)], gap=1)
    chosen = ctx.between(0, len(values) - 1)
    chips = [ctx.node("button", text=v, variant="primary" if i == chosen else "secondary",
                      state={"selected": i == chosen, "disabled": i != chosen and ctx.chance(0.15)})
             for i, v in enumerate(values)]
    return column(ctx, [label, row(ctx, chips, gap=1, wrap=True)], gap=1)


def buy_box(ctx: Ctx) -> Node:
    c = ctx.content
    parts: list[Node] = []
    if ctx.chance(0.4):
        parts.append(row(ctx, [badge(ctx, ctx.pick((c.ui("new"), c.percent())))]))  # a row: the badge keeps its width
    parts += [heading(ctx, c.title(ctx.between(2, 6)), level=1), rating(ctx)]
    price = [text(ctx, c.price(5, 900), "value")]
    if ctx.chance(0.4):
        price.append(text(ctx, c.price(900, 1500), "muted"))
    parts.append(row(ctx, price, gap=2, align="end"))
    if ctx.chance(0.6):
        parts.append(text(ctx, c.sentence(ctx.between(10, 22))))
    parts += [variant(ctx) for _ in range(ctx.between(1, 2))]
    qty = column(ctx, [text(ctx, c.ui("quantity"), "label"), ctx.node("spinbox", value=ctx.between(1, 5))], gap=1)
    cart = button(ctx, c.ui("add_to_cart"), "primary", with_icon=ctx.chance(0.5))
    actions = [qty, cart] if ctx.mobile else [qty, cart, icon_button(ctx, "heart", c.ui("save"))]
    parts.append(row(ctx, actions, gap=2, align="end", wrap=True))
    if ctx.chance(0.5):
        parts.append(button(ctx, c.ui("buy_now"), "secondary", with_icon=False))
    stock = [icon(ctx, "check"), text(ctx, c.ui("in_stock"), "label")]
    if ctx.chance(0.6):
        stock += [text(ctx, "·", "muted"), text(ctx, c.ui("free_shipping"), "muted")]
    parts.append(row(ctx, stock, gap=1, wrap=True))
    return column(ctx, parts, gap=3)


def details(ctx: Ctx) -> Node:
    c = ctx.content
    labels = [c.ui("description"), c.ui("specifications"), c.ui("reviews")]
    bar = tabs(ctx, labels)
    active = next(i for i, t in enumerate(bar.children) if t.props.get("state", {}).get("selected"))
    if active == 0:
        body = [paragraph(ctx, (2, 4), (8, 16))]
    elif active == 1:
        body = [row(ctx, [text(ctx, c.word(), "label"), spacer(ctx), text(ctx, ctx.pick((c.word(), c.number(1, 500),
                                                                                       ctx.pick(SIZES))))], gap=2)
                for _ in range(ctx.between(3, 6))]
    else:
        body = [ctx.node("list_item", children=[column(ctx, [
            row(ctx, [avatar(ctx), text(ctx, c.name(), "label"), spacer(ctx), text(ctx, c.date(), "muted")], gap=2),
            rating(ctx, with_count=False), paragraph(ctx, (1, 1), (8, 20))], gap=1)])
            for _ in range(ctx.between(1, 3))]
    return column(ctx, [bar] + body, gap=2)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    name = site_name(ctx)
    crumbs = [link(ctx, c.ui("home")), text(ctx, "/", "muted"), link(ctx, c.ui("products")), text(ctx, "/", "muted"),
              text(ctx, c.word(), "muted")]
    top = [gallery(ctx), buy_box(ctx)]
    main = column(ctx, top, gap=3) if ctx.mobile else \
        ctx.node("grid", children=[column(ctx, [t]) for t in top], intent={"columns": 2, "gap": 5})
    page = column(ctx, [row(ctx, crumbs, gap=1, wrap=True), main, details(ctx)], gap=4, padding=True,
                  width="page")
    sections = [row(ctx, [page], gap=0, justify="center")]
    if ctx.chance(0.5):
        sections.append(site_footer(ctx, name))
    return long_page(ctx, name, site_header(ctx, name, SHOP_NAV, search=ctx.chance(0.6), actions=ctx.chance(0.3)),
                     sections)


register(Grammar("product", build, "Product pages: gallery, price, rating, variants, add to cart, detail tabs"))
