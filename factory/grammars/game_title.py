"""Title screens of games: the game's name, a main menu, perhaps news, a player profile and a version line."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_rules import bar, counter, game_screen, gw, layer, menu, portrait
from factory.grammars.rules import column, heading, row, text
from factory.core.layout import Node

MENU_KEYS = ("continue", "new_game", "load_game", "multiplayer", "options", "credits", "quit")


def game_title(ctx: Ctx) -> str:
    a = gw(ctx, ctx.pick(("legend", "chronicles", "shadows_of", "tales", "heroes", "realm")))
    b = ctx.pick((ctx.content.city, ctx.content.word))()
    return gw(ctx, "title_of", a=a, b=b)


def news(ctx: Ctx) -> Node:
    c = ctx.content
    items = [
        ctx.node(
            "list_item",
            children=[
                column(ctx, [text(ctx, c.title(ctx.between(2, 5)), "label"), text(ctx, c.date(), "muted")], gap=0)
            ],
        )
        for _ in range(ctx.between(1, 3))
    ]
    parts = [heading(ctx, gw(ctx, "news"), level=3)]
    if ctx.chance(0.6):
        parts.append(ctx.node("image", kind="banner", pattern=ctx.between(0, 10**6)))
    return ctx.node(
        "card",
        children=parts + items,
        intent={"direction": "column", "gap": 2, "anchor": ctx.pick(("right", "top-right")), "width": 0.24},
    )


def profile(ctx: Ctx) -> Node:
    c = ctx.content
    who = column(
        ctx,
        [
            text(ctx, c.fake.user_name(), "label"),
            text(ctx, f"{gw(ctx, 'lv')} {ctx.between(1, 99)}", "muted"),
            bar(ctx, "xp", labelled=False),
        ],
        gap=1,
        weight=1,
    )
    parts = [row(ctx, [portrait(ctx, "sm"), who], gap=2)]
    if ctx.chance(0.7):
        parts.append(row(ctx, [counter(ctx, "gold"), counter(ctx, "gems")], gap=3))
    return ctx.node(
        "card",
        children=parts,
        intent={"direction": "column", "gap": 2, "anchor": "top-right", "width": 0.22},
        frame="plate",
    )


def build(ctx: Ctx) -> Node:
    keys = [k for k in MENU_KEYS if ctx.chance(0.8) or k in ("new_game", "quit")]
    side = ctx.pick(("left", "center", "bottom-left"))
    title = column(
        ctx,
        [ctx.node("heading", text=game_title(ctx), level=1, display=True)]
        + ([text(ctx, ctx.content.sentence(ctx.between(3, 6)).rstrip("."), "tagline")] if ctx.chance(0.5) else []),
        gap=1,
        anchor="top" if side == "center" else "top-left",
        align="center" if side == "center" else "start",
    )
    nav = menu(ctx, keys, disabled=("continue", "load_game") if ctx.chance(0.4) else ())
    nav = column(ctx, [nav], gap=0, anchor=side, width=0.22 if not ctx.mobile else 0.3)
    version = f"v{ctx.between(0, 3)}.{ctx.between(0, 20)}.{ctx.between(0, 999)}"
    parts = [title, nav, ctx.node("text", text=version, variant="muted", intent={"anchor": "bottom-right"})]
    if side != "center" and ctx.chance(0.5):
        parts.append(news(ctx) if ctx.chance(0.5) else profile(ctx))
    if ctx.chance(0.35):
        icons = [
            ctx.node("icon_button", icon=i, label=i, state={"focused": ctx.chance(0.05)})
            for i in ctx.rng.sample(("settings", "user", "mail", "star", "help", "trophy"), ctx.between(2, 4))
        ]
        parts.append(row(ctx, icons, gap=2, anchor="bottom-left" if side != "bottom-left" else "top-right"))
    if side == "center" and ctx.chance(0.4):
        parts.append(ctx.node("text", text=gw(ctx, "press_start"), variant="prompt", intent={"anchor": "bottom"}))
    return game_screen(ctx, [layer(ctx, parts)], view=ctx.pick(("side", "top", "space", "dungeon", "first_person")))


register(Grammar("game_title", build, "Game title screens: name, main menu, news or profile", renderers=("game",)))
