"""A messaging app: a conversation list (avatars, last message, unread badges) beside a thread of left and right
bubbles with timestamps, and a composer with attach, emoji and send buttons."""

from factory.core.layout import Node
from factory.grammars.app_rules import box, clock
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (avatar, button, column, heading, icon_button, navbar, row, sidebar, spacer, text)


def conversation(ctx: Ctx, selected: bool) -> Node:
    c = ctx.content
    unread = not selected and ctx.chance(0.35)
    lines = column(ctx, [row(ctx, [text(ctx, c.name(), "label"), spacer(ctx), text(ctx, clock(ctx), "muted")]),
                         row(ctx, [text(ctx, c.sentence(ctx.between(3, 7)), "muted"), spacer(ctx)]
                             + ([ctx.node("badge", text=str(ctx.between(1, 12)), tone="info")] if unread else []))],
                   gap=0, weight=1)
    return ctx.node("list_item", children=[row(ctx, [avatar(ctx), lines], gap=2)], state={"selected": selected})


def conversations(ctx: Ctx, n: int) -> Node:
    c = ctx.content
    chosen = -1 if ctx.mobile else ctx.between(0, min(n - 1, 3))
    head = row(ctx, [heading(ctx, c.ui("messages"), level=2), spacer(ctx), icon_button(ctx, "edit", c.ui("new_chat"))])
    return column(ctx, [head, ctx.node("text_input", input_type="search", placeholder=c.ui("search"))]
                  + [conversation(ctx, i == chosen) for i in range(n)],
                  gap=1, weight=1 if ctx.mobile else 0, width="list", padding=True)


def bubble(ctx: Ctx, mine: bool, with_avatar: bool) -> Node:
    c = ctx.content
    words = ctx.choose({2: 2, 5: 3, 10: 2, 20: 1})
    parts = [text(ctx, c.sentence(words))]
    if ctx.chance(0.12):
        parts.insert(0, ctx.node("image", kind="photo", aspect="4:3", pattern=ctx.between(0, 10**6)))
    parts.append(text(ctx, clock(ctx) + (" ✓✓" if mine and ctx.chance(0.5) else ""), "muted"))
    body = box(ctx, "column", "bubble-out" if mine else "bubble-in", parts)
    if mine:
        return row(ctx, [spacer(ctx), body], gap=2, align="end")
    return row(ctx, ([avatar(ctx)] if with_avatar else []) + [body, spacer(ctx)], gap=2, align="end")


def thread(ctx: Ctx, back: bool) -> Node:
    c = ctx.content
    lead = [icon_button(ctx, "chevron-left", c.ui("previous"))] if back else []
    status = c.ui("online") if ctx.chance(0.5) else f"{c.ui('yesterday')} {clock(ctx)}"
    # A phone's header is tighter and has one call button (as messaging apps draw it): with a desktop's gaps and three
    # buttons, a 360 px row left the contact's name a few pixels (benchmarks/README.md, "Short texts in phone rows").
    who = lead + [avatar(ctx), column(ctx, [text(ctx, c.name(), "label"), text(ctx, status, "muted")], gap=0),
                  spacer(ctx), icon_button(ctx, "phone", c.ui("call"))]
    if not ctx.mobile:
        who.append(icon_button(ctx, "video", c.ui("call")))
    head = row(ctx, who + [icon_button(ctx, "more", c.ui("settings"))], gap=1 if ctx.mobile else 2)
    group = ctx.chance(0.3)
    msgs: list[Node] = [row(ctx, [spacer(ctx), text(ctx, c.ui(ctx.pick(("today", "yesterday"))), "caption"),
                                  spacer(ctx)])]
    for _ in range(ctx.between(4, 9)):
        msgs.append(bubble(ctx, ctx.chance(0.45), group or ctx.chance(0.3)))
    feed = box(ctx, "column", "thread", msgs, gap=2, weight=1)
    composer = [icon_button(ctx, "paperclip", c.ui("attach"))]
    if ctx.chance(0.6):
        composer.append(icon_button(ctx, "smile", c.ui("message")))
    composer.append(ctx.node("text_input", placeholder=c.ui("type_message"), intent={"weight": 1},
                             value=c.sentence(4) if ctx.chance(0.3) else None, state={"focused": ctx.chance(0.2)}))
    composer.append(icon_button(ctx, "send", c.ui("send")) if ctx.chance(0.7) else
                    button(ctx, c.ui("send"), "primary", with_icon=False))
    bottom = box(ctx, "row", "stretch", composer, gap=1, padding=True, align="center")
    return column(ctx, [row(ctx, head.children, gap=2, padding=True), feed, bottom], gap=0, weight=1)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    n = ctx.between(4, 9)
    if ctx.mobile:
        if ctx.chance(0.5):
            return ctx.node("screen", children=[thread(ctx, back=True)], intent={"direction": "column"})
        return ctx.node("screen", children=[navbar(ctx, c.company()), conversations(ctx, n)],
                        intent={"direction": "column"})
    parts = [sidebar(ctx)] if ctx.chance(0.4) else []
    parts += [conversations(ctx, n), thread(ctx, back=False)]
    body = row(ctx, parts, gap=0, align="stretch", weight=1)
    top = [navbar(ctx, c.company())] if ctx.chance(0.5) else []
    return ctx.node("screen", children=[*top, body], intent={"direction": "column"})


register(Grammar("chat", build, "Messaging app: conversations, a thread of bubbles, a composer"))
