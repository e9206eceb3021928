"""Quest logs: a list of quests grouped by category (one selected), and the selected quest's description,
objectives (checked when done), rewards and actions."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_rules import (
    counter,
    game_button,
    game_screen,
    gw,
    item,
    layer,
    objective,
    slot,
    tabs_row,
    window,
)
from factory.grammars.rules import column, heading, row, spacer, text
from factory.core.layout import Node


def quest_list(ctx: Ctx) -> tuple[Node, str]:
    entries: list[Node] = []
    titles = []
    for group in ("main_quests", "side_quests"):
        if group == "side_quests" and not ctx.chance(0.8):
            continue
        entries.append(text(ctx, gw(ctx, group), "section"))
        for _ in range(ctx.between(1, 4)):
            title = ctx.content.title(ctx.between(2, 4))
            titles.append(title)
            level = text(ctx, f"{gw(ctx, 'lv')} {ctx.between(1, 60)}", "muted")
            entries.append(
                ctx.node("list_item", children=[row(ctx, [text(ctx, title, "label"), spacer(ctx), level], gap=2)])
            )
    chosen = ctx.between(0, len(titles) - 1)
    k = -1
    out = []
    for e in entries:  # mark the chosen quest selected (list items were built before the choice)
        if e.role == "list_item":
            k += 1
            if k == chosen:
                e = ctx.node("list_item", children=e.children, state={"selected": True})
        out.append(e)
    return column(ctx, out, gap=1, width=0.36), titles[chosen]


def detail(ctx: Ctx, title: str) -> Node:
    c = ctx.content
    parts = [
        heading(ctx, title, level=3),
        text(ctx, c.sentence(ctx.between(10, 22)), "speech"),
        heading(ctx, gw(ctx, "objectives"), level=4),
    ]
    parts += [objective(ctx) for _ in range(ctx.between(1, 4))]
    rewards = [slot(ctx, item(ctx)) for _ in range(ctx.between(1, 4))] + [counter(ctx, "gold")]
    parts += [heading(ctx, gw(ctx, "rewards"), level=4), row(ctx, rewards, gap=2)]
    parts.append(
        row(
            ctx,
            [
                spacer(ctx),
                game_button(ctx, gw(ctx, "abandon"), variant="danger"),
                game_button(ctx, gw(ctx, "track"), variant="primary", selected=ctx.chance(0.3)),
            ],
            gap=2,
        )
    )
    return ctx.node("card", children=parts, frame="inset", intent={"direction": "column", "gap": 2, "weight": 1})


def build(ctx: Ctx) -> Node:
    body: list[Node] = []
    if ctx.chance(0.4):
        body.append(tabs_row(ctx, [gw(ctx, k) for k in ("active_quests", "completed")]))
    listing, title = quest_list(ctx)
    body.append(row(ctx, [listing, detail(ctx, title)], gap=3, align="start"))
    win = window(ctx, gw(ctx, "quest_log"), body, width=ctx.pick((0.66, 0.74)))
    return game_screen(
        ctx, [layer(ctx, [win], dim=ctx.chance(0.4))], view=ctx.pick(("top", "side", "dungeon", "space")), blur=0.5
    )


register(Grammar("game_quests", build, "Quest logs: quest list, description, objectives, rewards", renderers=("game",)))
