"""Pause menus over a game in progress: the HUD stays behind (dimmed or not), a menu window on top."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_hud import VIEWS, hud
from factory.grammars.game_rules import game_screen, gw, layer, menu
from factory.grammars.rules import column, heading, row, spacer, text
from factory.core.layout import Node

KEYS = ("resume", "save_game", "load_game", "options", "restart", "main_menu", "quit")


def build(ctx: Ctx) -> Node:
    genre = ctx.choose({"rpg": 3, "shooter": 2, "platformer": 1, "strategy": 1})
    behind = hud(ctx, genre)
    keys = [k for k in KEYS if k in ("resume", "quit") or ctx.chance(0.7)]
    items: list[Node] = [
        heading(ctx, gw(ctx, "paused"), level=1),
        menu(ctx, keys, disabled=("save_game",) if ctx.chance(0.3) else ()),
    ]
    if ctx.chance(0.4):
        c = ctx.content
        items.append(
            row(
                ctx,
                [
                    text(ctx, c.city(), "muted"),
                    spacer(ctx),
                    text(ctx, f"{ctx.between(0, 99)}:{ctx.between(0, 59):02d}:{ctx.between(0, 59):02d}", "muted"),
                ],
            )
        )
    side = ctx.pick(("center", "center", "left"))
    intent = {"direction": "column", "gap": 3, "anchor": side, "width": 0.26}
    frame = ctx.pick(("window", "plain"))
    if side == "left":  # a full-height side panel with the menu centred in it
        frame, intent = "sidebar", {**intent, "height": 1.0, "justify": "center"}
    body = ctx.node("dialog", children=items, frame=frame, intent=intent)
    tips = []
    if ctx.chance(0.3):
        tips.append(
            column(
                ctx,
                [text(ctx, ctx.content.sentence(ctx.between(6, 12)), "tip")],
                anchor="bottom",
                width=0.5,
                align="center",
            )
        )
    dim = ctx.chance(0.6)
    return game_screen(ctx, [*behind, layer(ctx, [body, *tips], dim=dim)], view=ctx.pick(VIEWS[genre]), blur=0.5)


register(Grammar("game_pause", build, "Pause menus over an in-play HUD", renderers=("game",)))
