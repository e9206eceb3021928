"""Blog posts and articles: a site header, title, author byline with avatar, a hero picture, paragraphs under
sub-headings, tags, share buttons, and comments or related posts; perhaps a sidebar of related links on desktop."""

from factory.core.layout import Node
from factory.grammars import bullet_lists
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (avatar, badge, button, card, column, heading, icon_button, link, paragraph,
                                    picture, row, spacer, text)
from factory.grammars.site_rules import site_name, byline, long_page, site_footer, site_header

ARTICLE_NAV = ("blog", "news", "about", "contact", "resources", "product", "subscribe")


def body(ctx: Ctx) -> list[Node]:
    c = ctx.content
    parts: list[Node] = []
    for i in range(ctx.between(2, 4)):
        if i or ctx.chance(0.5):
            parts.append(heading(ctx, c.title(ctx.between(2, 6)), level=2 if ctx.chance(0.7) else 3))
        parts += [paragraph(ctx, (2, 4), (8, 18)) for _ in range(ctx.between(1, 2))]
        if ctx.chance(bullet_lists.ARTICLE_SHARE):
            parts.append(bullet_lists.bullet_list(ctx))
        if ctx.chance(0.2):
            parts.append(picture(ctx, ctx.choose({"photo": 3, "chart-line": 1, "chart-bar": 1}), "16:9"))
    return parts


def share_row(ctx: Ctx) -> Node:
    c = ctx.content
    tags = [badge(ctx, c.word()) for _ in range(ctx.between(2, 5))]
    share = [text(ctx, c.ui("share"), "muted")] + [icon_button(ctx, i, c.ui("share")) for i in
                                                   ctx.rng.sample(("mail", "heart", "star", "download", "more"), 3)]
    if ctx.mobile:
        return column(ctx, [row(ctx, tags, gap=1, wrap=True), row(ctx, share, gap=1)], gap=2)
    return row(ctx, [text(ctx, c.ui("tags"), "label")] + tags + [spacer(ctx)] + share, gap=1, wrap=True)


def comments(ctx: Ctx) -> Node:
    c = ctx.content
    items = []
    for _ in range(ctx.between(1, 3)):
        items.append(ctx.node("list_item", children=[row(ctx, [avatar(ctx), column(ctx, [
            row(ctx, [text(ctx, c.name(), "label"), text(ctx, c.date(), "muted")], gap=2),
            paragraph(ctx, (1, 1), (6, 20)), row(ctx, [link(ctx, c.ui("reply"))], gap=2)], gap=1,
            weight=1)], gap=2, align="start")]))
    form = column(ctx, [ctx.node("text_input", input_type="multiline", placeholder=c.ui("write_comment"),
                                 state={"focused": ctx.chance(0.15)}),
                        row(ctx, [spacer(ctx), button(ctx, c.ui("post_comment"), "primary", with_icon=False)])],
                  gap=2)
    head = heading(ctx, f"{c.ui('comments')} ({ctx.between(len(items), 60)})", level=3)
    parts = [head, form] + items if ctx.chance(0.5) else [head] + items + [form]
    return column(ctx, parts, gap=2)


def related(ctx: Ctx, n: int) -> Node:
    c = ctx.content
    cols = 1 if ctx.mobile else n
    posts = [card(ctx, [picture(ctx, "photo", "16:9"), link(ctx, c.title(ctx.between(2, 4))),
                        text(ctx, c.date(), "muted")]) for _ in range(n)]
    return column(ctx, [heading(ctx, c.ui("related_posts"), level=3),
                        ctx.node("grid", children=posts, intent={"columns": cols, "gap": 3})], gap=2)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    name = site_name(ctx)
    head: list[Node] = []
    if ctx.chance(0.5):
        head.append(row(ctx, [badge(ctx, c.word())]))
    head.append(heading(ctx, c.title(ctx.between(4, 10)), level=1))
    if ctx.chance(0.5):
        head.append(text(ctx, c.sentence(ctx.between(10, 18)), "muted"))
    by = [byline(ctx, c.ui("min_read").format(n=ctx.between(2, 15)))]
    if ctx.chance(0.4):
        by += [spacer(ctx), button(ctx, c.ui("follow"), ctx.pick(("secondary", "primary")), with_icon=False)]
    head.append(row(ctx, by, gap=2))
    hero = [picture(ctx, "photo", ctx.pick(("16:9", "3:2")))] if ctx.chance(0.75) else []
    if hero and ctx.chance(0.4):
        hero.append(text(ctx, c.sentence(ctx.between(5, 10)), "caption"))
    main = head + hero + body(ctx) + [share_row(ctx)]
    main.append(comments(ctx) if ctx.chance(0.5) else related(ctx, ctx.between(2, 3)))
    article = column(ctx, main, gap=3, padding=True, width="article")
    if not ctx.mobile and ctx.chance(0.35):
        side = column(ctx, [card(ctx, [link(ctx, c.title(ctx.between(2, 5))) for _ in range(ctx.between(3, 6))],
                                 title=c.ui("related_posts")),
                            card(ctx, [text(ctx, c.sentence(8), "muted"),
                                       ctx.node("text_input", input_type="email", placeholder=c.ui("email")),
                                       button(ctx, c.ui("subscribe"), "primary", with_icon=False)],
                                 title=c.ui("subscribe"))], gap=3, padding=True, width="aside")
        content = row(ctx, [article, side], gap=0, align="start")
    else:
        content = row(ctx, [article], gap=0, align="start", justify="center")
    sections = [content] + ([site_footer(ctx, name)] if ctx.chance(0.6) else [])
    return long_page(ctx, name, site_header(ctx, name, ARTICLE_NAV, actions=ctx.chance(0.5)), sections)


register(Grammar("article", build, "Blog posts: title, byline, hero picture, paragraphs, tags, share, comments"))
