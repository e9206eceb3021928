"""A user's profile: cover picture, large avatar, name, bio, stats, follow/message buttons, tabs, and a feed of
posts or a grid of pictures."""

from factory.core.layout import Node
from factory.grammars.app_rules import action, box, person
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (app_shell, button, card, column, heading, icon, icon_button, link, paragraph,
                                    picture, row, spacer, tabs, text)


def stat(ctx: Ctx, key: str) -> Node:
    c = ctx.content
    value = ctx.pick((c.number(0, 999), f"{ctx.between(1, 99)}.{ctx.between(0, 9)}K", c.number(1000, 90000)))
    return column(ctx, [text(ctx, value, "label"), text(ctx, c.ui(key), "muted")], gap=0)


def header(ctx: Ctx, own: bool) -> list[Node]:
    c = ctx.content
    name = c.name()
    cover = box(ctx, "column", "cover", [picture(ctx, "photo", "3:1")])
    if own:
        actions = [action(ctx, c.ui("edit_profile"), ctx.pick(("edit", None)), "secondary")]
    else:
        following = ctx.chance(0.3)
        actions = [button(ctx, c.ui("following") if following else c.ui("follow"),
                          "secondary" if following else "primary", with_icon=False),
                   action(ctx, c.ui("message"), ctx.pick(("message", "mail", None)), "secondary")]
    actions.append(icon_button(ctx, ctx.pick(("more", "share")), c.ui("share")))
    status = [ctx.node("badge", text=c.ui(key), tone=tone) for tone, key in
              [ctx.pick((("info", "new"), ("success", "active")))] if ctx.chance(0.3)]
    who = [row(ctx, [heading(ctx, name, level=2)] + status, gap=2),
           text(ctx, "@" + c.fake.user_name(), "muted")]
    top = box(ctx, "row", "avatar-lg", [ctx.node("image", kind="avatar", initials=name[:1],
                                                 pattern=ctx.between(0, 10**6)), spacer(ctx)]
              + ([] if ctx.mobile else actions), gap=2, align="end")
    bio = [paragraph(ctx, (1, 1), (8, 20))]
    if ctx.chance(0.7):
        facts = [row(ctx, [icon(ctx, "home"), text(ctx, c.city(), "muted")], gap=1),
                 row(ctx, [icon(ctx, "calendar"), text(ctx, f"{c.ui('joined')} {c.date()[:7]}", "muted")], gap=1)]
        if ctx.chance(0.5):
            facts.append(row(ctx, [icon(ctx, "link"), link(ctx, c.fake.domain_name())], gap=1))
        bio.append(box(ctx, "row", "wrap", facts, gap=3))
    stats = row(ctx, [stat(ctx, k) for k in ctx.rng.sample(("posts", "followers", "following", "likes"),
                                                            ctx.between(2, 3) if ctx.mobile else 3)], gap=4)
    parts = [top, column(ctx, who, gap=0), *bio, stats]
    if ctx.mobile:
        parts.append(row(ctx, actions, gap=2))
    return [cover, column(ctx, parts, gap=2, padding=True)]


def post(ctx: Ctx) -> Node:
    c = ctx.content
    head = row(ctx, person(ctx, detail=c.date()) + [icon_button(ctx, "more", c.ui("share"))], gap=2)
    parts = [head, paragraph(ctx, (1, 1), (6, 24))]
    if ctx.chance(0.5):
        parts.append(picture(ctx, "photo", ctx.pick(("16:9", "3:2"))))
    counts = [row(ctx, [icon_button(ctx, "heart", c.ui("likes")), text(ctx, str(ctx.between(0, 999)), "muted")],
                  gap=0),
              row(ctx, [icon_button(ctx, "message", c.ui("comment")), text(ctx, str(ctx.between(0, 99)), "muted")],
                  gap=0),
              spacer(ctx), icon_button(ctx, "share", c.ui("share"))]
    parts.append(row(ctx, counts, gap=2))
    return card(ctx, parts)


def about_card(ctx: Ctx) -> Node:
    c = ctx.content
    lines = [row(ctx, [icon(ctx, k), text(ctx, v)], gap=2)
             for k, v in (("user", c.job()), ("home", c.city()), ("mail", c.email()))]
    return card(ctx, [text(ctx, c.sentence(12)), *lines], title=c.ui("profile_about"))


def photos_card(ctx: Ctx) -> Node:
    c = ctx.content
    grid = ctx.node("grid", children=[picture(ctx, "photo", "1:1") for _ in range(6)], intent={"columns": 3, "gap": 1})
    return card(ctx, [grid, link(ctx, c.ui("photos"))], title=c.ui("photos"))


def build(ctx: Ctx) -> Node:
    c = ctx.content
    own = ctx.chance(0.25)
    keys = ["posts", "photos", "profile_about", "likes"][: ctx.between(3, 4)]
    bar = tabs(ctx, [c.ui(k) for k in keys])
    if ctx.chance(0.35):
        n = 3 if ctx.mobile else ctx.between(3, 4)
        feed = ctx.node("grid", children=[picture(ctx, "photo", "1:1") for _ in range(n * ctx.between(2, 3))],
                        intent={"columns": n, "gap": 1})
    else:
        posts = [post(ctx) for _ in range(ctx.between(1, 3))]
        if ctx.mobile or ctx.chance(0.3):
            feed = column(ctx, posts, gap=3)
        else:
            side = [ctx.choose({about_card: 2, photos_card: 1})(ctx)]
            feed = row(ctx, [column(ctx, side, gap=3, weight=1), column(ctx, posts, gap=3, weight=2)], gap=3,
                       align="start")
    body = column(ctx, [*header(ctx, own), column(ctx, [bar, feed], gap=3, padding=True)], gap=0, weight=1,
                  scroll=True)
    return app_shell(ctx, c.company(), body)


register(Grammar("profile", build, "User profile: cover, avatar, bio, stats, follow buttons, tabs, posts"))
