"""Search results pages: a search box holding the query, vertical tabs (all, images, news...) and filters, the
result count, a list of results (URL, title link, snippet, sometimes a thumbnail or sitelinks), and pagination."""

from factory.core.layout import Node
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (button, column, dropdown, heading, icon, icon_button, link, pagination, picture,
                                    row, spacer, tabs, text)
from factory.grammars.site_rules import block, page_body, rating, site_name

VERTICALS = ("all", "images", "videos", "news", "products", "tools")
TLDS = ("com", "org", "net", "io", "de", "jp", "ru", "cn", "dev")


def result(ctx: Ctx) -> Node:
    c = ctx.content
    host = f"www.{c.word().lower()}{ctx.pick(('', '-' + c.word().lower()))}.{ctx.pick(TLDS)}"
    path = " › ".join(c.word().lower() for _ in range(ctx.between(0, 2)))
    site = row(ctx, [icon(ctx, ctx.pick(("home", "star", "folder", "mail", "chart"))),
                     column(ctx, [text(ctx, c.company(), "label"), text(ctx, f"https://{host}"
                                                                      + (f" › {path}" if path else ""), "muted")],
                            gap=0, weight=1)], gap=2)
    parts = [site, link(ctx, c.title(ctx.between(3, 8)))]
    if ctx.chance(0.2):
        parts.append(rating(ctx))
    parts.append(text(ctx, f"{c.date()} — {c.sentence(ctx.between(14, 30))}" if ctx.chance(0.4)
                      else c.sentence(ctx.between(14, 30)), "muted" if ctx.chance(0.3) else "body"))
    if ctx.chance(0.15) and not ctx.mobile:
        parts.append(row(ctx, [link(ctx, c.word()) for _ in range(ctx.between(2, 4))], gap=3))
    if ctx.chance(0.25):  # a thumbnail beside the text
        return block(ctx, "result", [column(ctx, parts, gap=1, weight=1),
                                     column(ctx, [picture(ctx, "photo", "1:1")], width="thumb")],
                     direction="row", gap=3, align="start")
    return block(ctx, "result", parts, gap=1)


def header(ctx: Ctx, query: str) -> list[Node]:
    """The top bar (logo, search box, account), then the verticals as tabs under it; on phones the search box
    gets a row of its own under a slim bar."""
    c = ctx.content
    box = ctx.node("text_input", input_type="search", placeholder=c.ui("search"), value=query,
                   state={"filled": True, "focused": ctx.chance(0.2)}, intent={"weight": 1})
    search = row(ctx, [box, icon_button(ctx, "close", c.ui("close"))] if ctx.chance(0.4) else [box], gap=1,
                 weight=1, width="search")
    go = [button(ctx, c.ui("search"), "primary", with_icon=ctx.chance(0.5))] if ctx.chance(0.5) else \
        [icon_button(ctx, "search", c.ui("search"))]
    right = [] if ctx.mobile else [spacer(ctx), icon_button(ctx, "settings", c.ui("settings"))]
    right.append(ctx.node("image", kind="avatar", initials=c.name()[:1], pattern=ctx.between(0, 10**6)))
    logo = heading(ctx, site_name(ctx), level=3)
    keys = ctx.rng.sample(VERTICALS[1:], ctx.between(2, 3 if ctx.mobile else 5))
    verticals = tabs(ctx, [c.ui("all")] + [c.ui(k) for k in keys])
    if ctx.mobile:
        bar = ctx.node("toolbar", children=[row(ctx, [logo, spacer(ctx)] + right, gap=2)], kind="navbar")
        return [bar, column(ctx, [row(ctx, [search] + go, gap=1), verticals], gap=2, padding=True)]
    bar = ctx.node("toolbar", children=[row(ctx, [logo, search] + go + right, gap=2)], kind="navbar")
    return [bar, column(ctx, [verticals], padding=True)]


def build(ctx: Ctx) -> Node:
    c = ctx.content
    query = " ".join(c.word().lower() for _ in range(ctx.between(1, 3)))
    count = c.ui("results_count").format(n=c.number(1000, 90_000_000), t=f"{ctx.rng.uniform(0.1, 0.9):.2f}")
    info: list[Node] = [text(ctx, count, "muted"), spacer(ctx)]
    if ctx.chance(0.6):
        info += [dropdown(ctx, c.ui("any_time")), dropdown(ctx, c.ui("sort"))][: 1 if ctx.mobile else 2]
    results = [result(ctx) for _ in range(ctx.between(3, 8))]
    main = [row(ctx, info, gap=2)]
    if ctx.chance(0.2):
        main.append(row(ctx, [text(ctx, f"{c.ui('search')}:", "muted"), link(ctx, query + "s")], gap=1))
    main += results + [pagination(ctx)]
    mid = column(ctx, main, gap=3, padding=True, width="article")
    parts = [mid]
    if not ctx.mobile and ctx.chance(0.4):  # a knowledge panel on the right
        panel = ctx.node("card", children=[picture(ctx, "photo", "16:9"), heading(ctx, query.title(), level=3),
                                           text(ctx, c.sentence(ctx.between(14, 26))),
                                           link(ctx, c.ui("read_more"))],
                         intent={"direction": "column", "gap": 2}, elevated=False)
        parts.append(column(ctx, [panel], padding=True, width="aside"))
    body = page_body(ctx, parts, direction="row", align="start")
    return ctx.node("screen", children=header(ctx, query) + [body], intent={"direction": "column"})


register(Grammar("search", build, "Search results: query box, verticals, result list, pagination"))
