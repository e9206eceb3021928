"""A kanban board: columns (To do, In progress, Done...) with their counts, cards with a title, tag badges, an
assignee avatar and a due date, and add-card buttons; on a phone one column at a time under tabs."""

from factory.core.layout import Node
from factory.grammars.app_rules import action, box
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (app_shell, avatar, card, column, heading, icon, icon_button, picture, row,
                                    spacer, text)

LANES = ("backlog", "todo", "in_progress", "in_review", "done")
TAGS = (("info", "new"), ("warning", "pending"), ("success", "active"), ("neutral", "archived"))


def task(ctx: Ctx, done: bool) -> Node:
    c = ctx.content
    parts: list[Node] = []
    if ctx.chance(0.12):
        parts.append(picture(ctx, "photo", "16:9"))
    if ctx.chance(0.7):
        tags = []
        for _ in range(ctx.between(1, 3)):
            tone, _key = ctx.pick(TAGS)
            tags.append(ctx.node("badge", text=c.word(), tone=tone))
        parts.append(box(ctx, "row", "wrap", tags, gap=1))
    parts.append(text(ctx, c.title(ctx.between(2, 7)), "label"))
    if ctx.chance(0.3):
        parts.append(text(ctx, c.sentence(ctx.between(5, 12)), "muted"))
    if ctx.chance(0.25):
        value = 100 if done else ctx.between(0, 95)
        parts.append(ctx.node("progress_bar", value=value))
    meta: list[Node] = []
    if ctx.chance(0.7):
        meta += [icon(ctx, "clock" if not done else "check"), text(ctx, ctx.content.date()[5:], "muted")]
    if ctx.chance(0.4):
        meta += [icon(ctx, "message"), text(ctx, str(ctx.between(1, 12)), "muted")]
    meta.append(spacer(ctx))
    meta += [avatar(ctx) for _ in range(ctx.choose({0: 1, 1: 4, 2: 1}))]
    parts.append(row(ctx, meta, gap=1))
    return card(ctx, parts)


def lane(ctx: Ctx, key: str, head: bool = True) -> Node:
    c = ctx.content
    n = ctx.between(1, 5)
    parts: list[Node] = []
    if head:
        parts.append(row(ctx, [heading(ctx, c.ui(key), level=4), ctx.node("badge", text=str(n), tone="neutral"),
                               spacer(ctx), icon_button(ctx, ctx.pick(("more", "plus")), c.ui("add_card"))], gap=1))
    parts += [task(ctx, key == "done") for _ in range(n)]
    if ctx.chance(0.7):
        parts.append(action(ctx, c.ui("add_card"), "plus" if ctx.chance(0.6) else None, "text"))
    return box(ctx, "column", "lane", parts, gap=1)


def board_head(ctx: Ctx) -> Node:
    c = ctx.content
    parts: list[Node] = [heading(ctx, c.title(ctx.between(1, 3)), level=1 if not ctx.mobile else 2)]
    if not ctx.mobile:
        if ctx.chance(0.6):
            parts.append(row(ctx, [avatar(ctx) for _ in range(ctx.between(2, 5))], gap=0))
        parts.append(spacer(ctx))
        if ctx.chance(0.5):
            parts.append(ctx.node("text_input", input_type="search", placeholder=c.ui("search")))
        if ctx.chance(0.6):
            parts.append(action(ctx, c.ui("filter"), "filter", "secondary"))
    else:
        parts.append(spacer(ctx))
    parts.append(action(ctx, c.ui("new_task"), "plus" if ctx.chance(0.6) else None))
    return row(ctx, parts, gap=2)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    first = ctx.choose({0: 1, 1: 3})
    keys = list(LANES[first: first + ctx.between(3, 5 - first)])
    if ctx.mobile:
        active = ctx.between(0, len(keys) - 1)
        bar = row(ctx, [ctx.node("tab", text=c.ui(k), state={"selected": i == active}) for i, k in enumerate(keys)],
                  gap=0, align="end", kind="tabs")
        board = box(ctx, "row", "board", [lane(ctx, keys[active], head=ctx.chance(0.5))], gap=2, weight=1,
                    align="start")
        content = column(ctx, [board_head(ctx), bar, board], gap=2, weight=1, padding=True)
    else:
        board = box(ctx, "row", "board", [lane(ctx, k) for k in keys], gap=2, weight=1, align="start")
        content = column(ctx, [board_head(ctx), board], gap=3, weight=1, padding=True)
    return app_shell(ctx, c.company(), content)


register(Grammar("kanban", build, "Kanban board: columns with counts, task cards with tags, avatars, due dates"))
