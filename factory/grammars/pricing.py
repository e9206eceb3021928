"""Pricing pages: a heading, a monthly/yearly toggle (a switch or a segmented pair of tabs), 2-4 plan cards with one
highlighted, feature lists with check icons, a call to action per plan, and an FAQ accordion."""

from factory.core.layout import Node
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import badge, button, column, heading, icon, row, spacer, tabs, text
from factory.grammars.site_rules import block, long_page, site_footer, site_header, site_name

PLANS = ("plan_free", "plan_starter", "plan_pro", "plan_business", "plan_enterprise")


def billing_toggle(ctx: Ctx, yearly: bool) -> Node:
    c = ctx.content
    save = badge(ctx, c.ui("save_percent").format(n=ctx.pick((10, 15, 20, 25))))
    if ctx.chance(0.5):
        switch = ctx.node("switch", text="", state={"checked": yearly})
        return row(ctx, [text(ctx, c.ui("monthly"), "label"), switch, text(ctx, c.ui("yearly"), "label"), save],
                   gap=2)
    seg = tabs(ctx, [c.ui("monthly"), c.ui("yearly")])
    return row(ctx, [seg, save], gap=2)


def plan_card(ctx: Ctx, key: str, price: float | None, hot: bool, features: list[str], n_included: int) -> Node:
    c = ctx.content
    head: list[Node] = [row(ctx, [heading(ctx, c.ui(key), level=3), spacer(ctx)]
                            + ([badge(ctx, c.ui("most_popular"))] if hot else []), gap=2)]
    head.append(text(ctx, c.sentence(ctx.between(5, 10)), "muted"))
    if price is None:
        head.append(text(ctx, c.ui("custom_price"), "value"))
    else:
        amount = c.price(price, price) if price else c.price(0, 0)
        head.append(row(ctx, [text(ctx, amount, "value"), text(ctx, c.ui("per_month"), "muted")], gap=1, align="end"))
    label = c.ui("contact_sales") if price is None else c.ui(ctx.pick(("get_started", "choose_plan", "sign_up")))
    cta = button(ctx, label, "primary" if hot else "secondary", with_icon=False)
    feats = [row(ctx, [icon(ctx, "check" if i < n_included else "close"),
                       text(ctx, f, "body" if i < n_included else "muted")], gap=1, align="start")
             for i, f in enumerate(features)]
    parts = head + ([cta] + feats if ctx.chance(0.6) else feats + [cta])
    card = ctx.node("card", children=parts, elevated=hot or ctx.chance(0.3), intent={"direction": "column", "gap": 2})
    return ctx.node("column", children=[card], kind="plan-hot" if hot else None, intent={"direction": "column"})


def plans(ctx: Ctx) -> Node:
    c = ctx.content
    n = ctx.between(2, 4)
    start = ctx.between(0, len(PLANS) - n)
    keys = list(PLANS[start:start + n])
    hot = ctx.between(1, n - 1) if n > 2 else 1  # a paid plan is the highlighted one
    features = [c.title(ctx.between(2, 4)) for _ in range(ctx.between(3, 6))]
    base = ctx.pick((5, 9, 12, 19))
    cards = []
    for i, key in enumerate(keys):
        price = 0 if key == "plan_free" else (None if key == "plan_enterprise" and ctx.chance(0.6) else base * (i + 1))
        extra = [c.title(ctx.between(2, 3)) for _ in range(ctx.between(0, 2))]
        cards.append(plan_card(ctx, key, price, i == hot, features + extra,
                               min(len(features) + len(extra), len(features) * (i + 1) // n + len(extra))))
    cols = 1 if ctx.mobile else n
    return ctx.node("grid", children=cards, intent={"columns": cols, "gap": 3})


def faq(ctx: Ctx) -> Node:
    """An accordion: questions as list items with a chevron, one (or none) open with its answer."""
    c = ctx.content
    n = ctx.between(3, 6)
    open_i = ctx.between(-1, n - 1)
    items = []
    for i in range(n):
        q = row(ctx, [text(ctx, c.sentence(ctx.between(4, 9)).rstrip(".") + "?", "label"), spacer(ctx),
                      icon(ctx, "chevron-down" if i == open_i else "chevron")], gap=2)
        kids = [q] + ([text(ctx, c.sentence(ctx.between(12, 26)), "muted")] if i == open_i else [])
        items.append(ctx.node("list_item", children=[column(ctx, kids, gap=1)], state={"selected": i == open_i}))
    return column(ctx, [heading(ctx, c.ui("faq"), level=2), column(ctx, items, gap=1)], gap=3, width="article")


def build(ctx: Ctx) -> Node:
    c = ctx.content
    name = site_name(ctx)
    yearly = ctx.chance(0.5)
    intro = [heading(ctx, c.ui("pricing") if ctx.chance(0.4) else c.title(ctx.between(3, 6)), level=1),
             text(ctx, c.sentence(ctx.between(8, 16)), "muted"), billing_toggle(ctx, yearly)]
    top = block(ctx, "hero", intro, gap=3, align="center")
    main = [top, row(ctx, [column(ctx, [plans(ctx)], width="page")], justify="center", padding=True)]
    if ctx.chance(0.75):
        main.append(row(ctx, [faq(ctx)], justify="center", padding=True))
    if ctx.chance(0.5):
        main.append(site_footer(ctx, name))
    return long_page(ctx, name, site_header(ctx, name, search=False), main)


register(Grammar("pricing", build, "Pricing: billing toggle, plan cards with one highlighted, features, FAQ"))
