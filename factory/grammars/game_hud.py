"""In-play HUDs over a game scene: resource bars, hotbar with cooldowns, minimap, counters, quest tracker,
crosshair, chat, damage numbers and notifications, mixed by genre (rpg, shooter, platformer, strategy)."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_rules import (
    MONSTERS,
    SKILL_ICONS,
    bar,
    counter,
    game_screen,
    gw,
    item,
    layer,
    objective,
    portrait,
    slot,
)
from factory.grammars.rules import column, heading, row, text
from factory.core.layout import Node

HOTKEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "Q", "E", "R", "F")
VIEWS = {
    "rpg": ("top", "side", "dungeon"),
    "shooter": ("first_person", "space"),
    "platformer": ("side",),
    "strategy": ("top",),
}


def player_frame(ctx: Ctx) -> Node:
    c = ctx.content
    name = f"{gw(ctx, 'lv')} {ctx.between(1, 80)}  {c.fake.first_name()}"
    bars = [text(ctx, name, "label"), bar(ctx, "health")]
    bars += [bar(ctx, k) for k in ("mana", "stamina") if ctx.chance(0.6)]
    parts = [row(ctx, [portrait(ctx, "sm"), column(ctx, bars, gap=1, weight=1)], gap=2, align="start")]
    if ctx.chance(0.5):
        parts.append(
            row(
                ctx,
                [ctx.node("icon", icon=ctx.pick(SKILL_ICONS), buff=True) for _ in range(ctx.between(2, 6))],
                gap=1,
                align="start",
            )
        )
    return ctx.node(
        "card",
        children=parts,
        frame="plate",
        intent={"direction": "column", "gap": 1, "anchor": "top-left", "width": 0.24},
    )


def minimap(ctx: Ctx) -> Node:
    parts = [
        ctx.node(
            "minimap", shape=ctx.pick(("round", "square")), pattern=ctx.between(0, 10**6), markers=ctx.between(2, 9)
        )
    ]
    if ctx.chance(0.7):
        parts.append(text(ctx, ctx.content.city(), "label"))
    if ctx.chance(0.4):
        parts.append(text(ctx, f"{ctx.between(0, 23):02d}:{ctx.between(0, 59):02d}", "muted"))
    return column(ctx, parts, gap=1, align="center", anchor=ctx.pick(("top-right", "top-right", "bottom-right")))


def hotbar(ctx: Ctx) -> Node:
    n = ctx.between(5, 10)
    keys = ctx.rng.sample(HOTKEYS[:10], n) if ctx.chance(0.2) else list(HOTKEYS[:n])
    chosen = ctx.between(0, n - 1)
    slots = []
    for i in range(n):
        cooling = i != chosen and ctx.chance(0.25)
        slots.append(
            slot(
                ctx,
                item(ctx) if ctx.chance(0.85) else None,
                hotkey=keys[i],
                cooldown=ctx.rng.uniform(0.1, 0.95) if cooling else 0.0,
                selected=i == chosen,
            )
        )
    bar_node = ctx.node("toolbar", children=[row(ctx, slots, gap=1)], kind="hotbar")
    parts = [bar_node]
    if ctx.chance(0.6):
        parts.append(bar(ctx, "xp", labelled=False))
    if ctx.chance(0.2):
        parts.insert(0, bar(ctx, "cast", labelled=True))
    return column(ctx, parts, gap=1, anchor="bottom", align="center")


def chat(ctx: Ctx) -> Node:
    c = ctx.content
    channels = ("chat_all", "chat_party", "chat_guild")
    lines = [
        text(ctx, f"[{gw(ctx, ctx.pick(channels))}] {c.fake.user_name()}: {c.sentence(ctx.between(2, 7))}", "chat")
        for _ in range(ctx.between(2, 6))
    ]
    filled = ctx.chance(0.3)
    box = ctx.node(
        "text_input",
        input_type="chat",
        placeholder=gw(ctx, "chat_hint"),
        value=c.sentence(4) if filled else None,
        state={"filled": filled, "focused": filled},
    )
    return ctx.node(
        "card",
        children=[column(ctx, lines, gap=0), box],
        frame="glass",
        intent={"direction": "column", "gap": 1, "anchor": "bottom-left", "width": 0.3},
    )


def quest_tracker(ctx: Ctx) -> Node:
    quests = []
    for _ in range(ctx.between(1, 2)):
        quests.append(
            column(
                ctx,
                [heading(ctx, ctx.content.title(ctx.between(2, 4)), level=4)]
                + [objective(ctx) for _ in range(ctx.between(1, 3))],
                gap=1,
            )
        )
    return ctx.node(
        "card",
        children=quests,
        frame="glass",
        intent={"direction": "column", "gap": 2, "anchor": "right", "max_width": 0.3},
    )


def notification(ctx: Ctx) -> Node:
    key = ctx.pick(("level_up", "item_received", "achievement", "quest_done", "new_quest", "saved", "low_health"))
    body = [heading(ctx, gw(ctx, key), level=4)]
    if key in ("item_received", "achievement", "new_quest", "quest_done"):
        body.append(text(ctx, item(ctx)["name"] if key == "item_received" else ctx.content.title(3), "label"))
    icon = {
        "level_up": "star",
        "item_received": "gem",
        "achievement": "trophy",
        "quest_done": "check",
        "new_quest": "scroll",
        "saved": "save",
        "low_health": "heart",
    }[key]
    return ctx.node(
        "card",
        children=[row(ctx, [ctx.node("icon", icon=icon), column(ctx, body, gap=0)], gap=2)],
        frame="toast",
        intent={"direction": "column", "anchor": ctx.pick(("top", "top-right", "right"))},
    )


def damage_numbers(ctx: Ctx) -> Node:
    """Floating combat text in the world, below the HUD panels."""
    texts = []
    for _ in range(ctx.between(1, 6)):
        kind = ctx.choose({"damage": 5, "crit": 2, "heal": 1, "miss": 0.5})
        value = (
            "MISS" if kind == "miss" else (f"+{ctx.between(5, 400)}" if kind == "heal" else str(ctx.between(1, 9999)))
        )
        texts.append(
            ctx.node(
                "text",
                text=value + ("!" if kind == "crit" else ""),
                variant=kind,
                intent={
                    "anchor": "free",
                    "at": [round(ctx.rng.uniform(0.25, 0.72), 3), round(ctx.rng.uniform(0.25, 0.6), 3)],
                },
            )
        )
    return layer(ctx, texts)


def counters(ctx: Ctx, genre: str) -> list[Node]:
    if genre == "shooter":
        out = [
            column(
                ctx,
                [counter(ctx, "ammo"), text(ctx, gw(ctx, ctx.pick(("bow", "staff", "dagger"))), "muted")],
                gap=0,
                anchor="bottom-right",
                align="end",
            ),
            row(
                ctx,
                [counter(ctx, k) for k in ("score", "time", "kills") if ctx.chance(0.7)] or [counter(ctx, "score")],
                gap=4,
                anchor="top",
            ),
        ]
        if ctx.chance(0.6):
            feed = [
                text(ctx, f"{ctx.content.fake.user_name()} ✖ {ctx.content.fake.user_name()}", "feed")
                for _ in range(ctx.between(1, 4))
            ]
            out.append(column(ctx, feed, gap=0, anchor="top-left", align="start"))
        return out
    if genre == "platformer":
        return [
            row(
                ctx,
                [counter(ctx, k) for k in ("lives", "gold", "score", "time") if ctx.chance(0.75)]
                or [counter(ctx, "gold")],
                gap=5,
                anchor="top-left",
            )
        ]
    if genre == "strategy":
        return [row(ctx, [counter(ctx, k) for k in ("wood", "stone", "food", "gold")], gap=5, anchor="top")]
    return [
        row(
            ctx,
            [counter(ctx, "gold")] + ([counter(ctx, "gems")] if ctx.chance(0.4) else []),
            gap=3,
            anchor="bottom-right",
        )
    ]


def boss(ctx: Ctx) -> Node:
    name = f"{gw(ctx, 'boss')}: {gw(ctx, ctx.pick(MONSTERS))}"
    return column(ctx, [heading(ctx, name, level=3), bar(ctx, "boss")], gap=1, anchor="top", width=0.4, align="center")


def mobile_controls(ctx: Ctx) -> list[Node]:
    stick = ctx.node("image", kind="joystick", pattern=ctx.between(0, 10**6), intent={"anchor": "bottom-left"})
    acts = [ctx.node("icon_button", icon=i, label=i, variant="round") for i in ctx.rng.sample(SKILL_ICONS, 3)]
    return [stick, row(ctx, acts, gap=2, anchor="bottom-right")]


def hud(ctx: Ctx, genre: str) -> list[Node]:
    """The HUD layers of one genre: world text first, then the anchored panels."""
    parts: list[Node] = []
    if genre in ("rpg", "platformer") or ctx.chance(0.3):
        parts.append(player_frame(ctx))
    if genre != "platformer" and ctx.chance(0.8):
        parts.append(minimap(ctx))
    if genre in ("rpg", "strategy") or ctx.chance(0.3):
        parts.append(hotbar(ctx))
    if genre == "rpg" and ctx.chance(0.6) and not ctx.mobile:
        parts.append(chat(ctx))
    if genre in ("rpg", "strategy") and ctx.chance(0.6):
        parts.append(quest_tracker(ctx))
    if genre == "shooter" or ctx.chance(0.1):
        parts.append(
            ctx.node(
                "crosshair",
                shape=ctx.pick(("cross", "dot", "circle", "chevron")),
                spread=ctx.between(0, 3),
                intent={"anchor": "center"},
            )
        )
    if genre != "strategy" and ctx.chance(0.25):
        parts.append(boss(ctx))
    parts += counters(ctx, genre)
    if ctx.mobile:
        parts += mobile_controls(ctx)
    layers = [damage_numbers(ctx)] if genre != "strategy" and ctx.chance(0.6) else []
    layers.append(layer(ctx, parts))
    if ctx.chance(0.35):
        layers.append(layer(ctx, [notification(ctx)]))
    return layers


def build(ctx: Ctx) -> Node:
    genre = ctx.choose({"rpg": 4, "shooter": 2, "platformer": 1.5, "strategy": 1})
    return game_screen(ctx, hud(ctx, genre), view=ctx.pick(VIEWS[genre]))


register(
    Grammar(
        "game_hud", build, "In-play game HUDs: bars, hotbar, minimap, counters, crosshair, chat", renderers=("game",)
    )
)
