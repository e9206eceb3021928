"""Cart and checkout: cart lines with thumbnails, quantity steppers and prices, or a checkout form (shipping address,
delivery options, payment), beside an order summary card with its totals, under a step indicator."""

from factory.core.content import CURRENCY
from factory.core.layout import Node
from factory.grammars.app_rules import action, box, shop_header, steps
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (button, card, check, column, dropdown, heading, icon_button, link, picture, row,
                                    spacer, text, text_field)

STEPS = ("cart", "shipping", "payment", "review")


def money(ctx: Ctx, value: float) -> str:
    return CURRENCY[ctx.content.locale].format(value)


def cart_line(ctx: Ctx, price: float, qty: int) -> Node:
    c = ctx.content
    thumb = box(ctx, "column", "thumb", [picture(ctx, "photo", "1:1")])
    about = [text(ctx, c.title(ctx.between(2, 4)), "label"), text(ctx, f"{c.word()} · {c.word()}", "muted")]
    if ctx.chance(0.3):
        about.append(ctx.node("badge", text=c.ui(ctx.pick(("new", "pending"))), tone=ctx.pick(("info", "warning"))))
    if ctx.mobile:
        about.append(row(ctx, [ctx.node("spinbox", value=qty), spacer(ctx), text(ctx, money(ctx, price), "label")]))
        cells = [thumb, column(ctx, about, gap=1, weight=1), icon_button(ctx, "trash", c.ui("remove"))]
    else:
        if ctx.chance(0.5):
            stepper = ctx.node("spinbox", value=qty)
        else:  # a stepper drawn as - n +
            stepper = row(ctx, [icon_button(ctx, "minus", c.ui("remove")), text(ctx, str(qty), "label"),
                            icon_button(ctx, "plus", c.ui("add_to_cart"))], gap=1)
        remove = icon_button(ctx, "trash", c.ui("remove")) if ctx.chance(0.6) else link(ctx, c.ui("remove"))
        cells = [thumb, column(ctx, about, gap=1, weight=1), stepper, text(ctx, money(ctx, price * qty), "label"),
                 remove]
    return ctx.node("list_item", children=[row(ctx, cells, gap=3)])


def summary_line(ctx: Ctx, key: str, value: str, strong: bool = False) -> Node:
    c = ctx.content
    return row(ctx, [text(ctx, c.ui(key), "label" if strong else "body"), spacer(ctx),
                     text(ctx, value, "value" if strong else "body")])


def summary(ctx: Ctx, on_cart: bool, items: list[tuple[float, int]]) -> Node:
    """The order summary card; its totals add up from the items' prices and quantities."""
    c = ctx.content
    parts: list[Node] = []
    if not on_cart and ctx.chance(0.7):  # the checkout page repeats the items, small
        for price, qty in items[:3]:
            parts.append(row(ctx, [box(ctx, "column", "thumb", [picture(ctx, "photo", "1:1")]),
                                   column(ctx, [text(ctx, c.title(2), "label"), text(ctx, f"× {qty}", "muted")],
                                          gap=0, weight=1),
                                   text(ctx, money(ctx, price * qty))], gap=2))
    subtotal = sum(price * qty for price, qty in items)
    shipping = 0.0 if ctx.chance(0.4) else round(ctx.rng.uniform(2, 25), 2)
    tax = round(subtotal * ctx.pick((0.05, 0.07, 0.1, 0.19)), 2) if ctx.chance(0.5) else 0.0
    parts += [summary_line(ctx, "subtotal", money(ctx, subtotal)),
              summary_line(ctx, "shipping", money(ctx, shipping) if shipping else c.ui("free"))]
    if tax:
        parts.append(summary_line(ctx, "tax", money(ctx, tax)))
    parts.append(summary_line(ctx, "total", money(ctx, subtotal + shipping + tax), strong=True))
    if ctx.chance(0.5):
        parts.append(box(ctx, "row", "stretch", [ctx.node("text_input", placeholder=c.ui("promo_code")),
                                                 button(ctx, c.ui("apply"), "secondary", with_icon=False)], gap=2,
                         align="center"))
    label = c.ui("checkout") if on_cart else c.ui("place_order")
    parts.append(action(ctx, label, ctx.pick(("cart", "check", None))))
    if on_cart and ctx.chance(0.5):
        parts.append(link(ctx, c.ui("continue_shopping")))
    return card(ctx, parts, title=c.ui("order_summary"))


def cart_page(ctx: Ctx, items: list[tuple[float, int]]) -> list[Node]:
    c = ctx.content
    head = row(ctx, [heading(ctx, f"{c.ui('cart')} ({len(items)})", level=1), spacer(ctx)]
               + ([link(ctx, c.ui("continue_shopping"))] if not ctx.mobile and ctx.chance(0.5) else []))
    lines = column(ctx, [cart_line(ctx, price, qty) for price, qty in items], gap=1)
    return [head, card(ctx, [lines]) if ctx.chance(0.5) else lines]


def form_section(ctx: Ctx, title: str, fields: list[Node]) -> Node:
    return card(ctx, fields, title=title)


def checkout_page(ctx: Ctx) -> list[Node]:
    c = ctx.content
    pair = (lambda a, b: column(ctx, [a, b], gap=2)) if ctx.mobile else (
        lambda a, b: ctx.node("grid", children=[a, b], intent={"columns": 2, "gap": 2}))
    address = [pair(text_field(ctx, "name"), text_field(ctx, "phone", "tel", value=c.fake.phone_number())),
               text_field(ctx, "address", value=c.fake.street_address()),
               pair(text_field(ctx, "city", value=c.city()), text_field(ctx, "postal_code", value=c.fake.postcode())),
               column(ctx, [text(ctx, c.ui("country"), "label"), dropdown(ctx, c.fake.country())], gap=1)]
    options = [("delivery_standard", c.ui("free")), ("delivery_express", c.price(5, 30)),
               ("delivery_pickup", c.ui("free"))][: ctx.between(2, 3)]
    chosen = ctx.between(0, len(options) - 1)
    delivery = [ctx.node("list_item", children=[row(ctx, [
        check(ctx, "radio", c.ui(key), checked=i == chosen), spacer(ctx), text(ctx, price, "label")])],
        state={"selected": i == chosen}) for i, (key, price) in enumerate(options)]
    payment = [text_field(ctx, "card_number", value="•••• •••• •••• " + f"{ctx.between(0, 9999):04d}"),
               pair(text_field(ctx, "expiry", value=f"{ctx.between(1, 12):02d} / {ctx.between(26, 31)}"),
                    text_field(ctx, "cvc", "password", value="•••")),
               check(ctx, "checkbox", c.ui("same_billing"))]
    sections = [form_section(ctx, c.ui("address"), address), form_section(ctx, c.ui("shipping"), delivery),
                form_section(ctx, c.ui("payment"), payment)]
    return [heading(ctx, c.ui("checkout"), level=1), *sections[: ctx.between(2, 3)]]


def build(ctx: Ctx) -> Node:
    c = ctx.content
    on_cart = ctx.chance(0.5)
    current = 0 if on_cart else ctx.between(1, 2)
    labels = [c.ui(k) for k in STEPS[: ctx.between(3, 4)]]
    top = [steps(ctx, labels, current)] if ctx.chance(0.75) else []
    items = [(round(ctx.rng.uniform(5, 400), 2), ctx.choose({1: 6, 2: 2, 3: 1, 4: 0.5}))
             for _ in range(ctx.between(1, 5))]
    main = cart_page(ctx, items) if on_cart else checkout_page(ctx)
    side = summary(ctx, on_cart, items)
    if ctx.mobile:
        body = column(ctx, top + main + [side], gap=3, weight=1, padding=True, scroll=True)
    else:
        body = column(ctx, top + [row(ctx, [column(ctx, main, gap=3, weight=2),
                                            column(ctx, [side], gap=3, weight=1)], gap=4, align="start")],
                      gap=3, weight=1, padding=True, scroll=True)
    return ctx.node("screen", children=[shop_header(ctx), body], intent={"direction": "column"})


register(Grammar("checkout", build, "Cart and checkout: cart lines, order summary, address and payment form"))
