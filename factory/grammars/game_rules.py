"""Shared rules of the game UI grammars: vocabulary, items, HUD pieces, framed windows and anchoring.

HUD placement is layout intent, never pixels: `anchor` names an edge or corner of the parent
("top-left", "bottom", "center"...), `near` (with `target`) places a node beside another node (tooltips),
`free` (with `at`, fractions of the parent) places floating text such as damage numbers, and `width` /
`height` are fractions of the parent. Every random decision goes through ctx.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from factory.grammars.base import Ctx
from factory.grammars.rules import column, heading, row, spacer, text
from factory.core.layout import Node

# Items: (vocabulary key, icon drawn for it, whether it stacks).
ITEMS = (
    ("sword", "sword", False),
    ("axe", "axe", False),
    ("bow", "bow", False),
    ("staff", "staff", False),
    ("dagger", "dagger", False),
    ("shield", "shield", False),
    ("helmet", "helmet", False),
    ("chestplate", "armor", False),
    ("boots", "boots", False),
    ("gloves", "gloves", False),
    ("ring", "ring", False),
    ("amulet", "amulet", False),
    ("potion", "potion", True),
    ("mana_potion", "potion", True),
    ("scroll", "scroll", True),
    ("gem", "gem", True),
    ("key", "key", True),
    ("arrows", "arrow", True),
    ("bread", "bread", True),
    ("herb", "herb", True),
    ("ore", "ore", True),
)
RARITIES = {"common": 5, "uncommon": 3, "rare": 2, "epic": 1, "legendary": 0.4}
ADJECTIVES = ("adj_iron", "adj_ancient", "adj_cursed", "adj_golden", "adj_enchanted", "adj_rusty")
MONSTERS = ("wolf", "goblin", "skeleton", "spider", "slime", "bandit")
CLASSES = ("warrior", "mage", "rogue", "ranger", "paladin")
SKILL_ICONS = ("sword", "bolt", "fire", "shield", "heart", "star", "skull", "arrow", "potion", "gem")
ANCHORS = ("top-left", "top", "top-right", "left", "center", "right", "bottom-left", "bottom", "bottom-right")


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    raw = resources.files("factory.data").joinpath("game_strings.json").read_text(encoding="utf-8")
    return json.loads(raw)


def gw(ctx: Ctx, key: str, **fmt) -> str:
    """A game word or phrase in the sample's locale (`fmt` fills templates such as 'Defeat {n} {m}')."""
    s = _strings()[ctx.content.locale][key]
    return s.format(**fmt) if fmt else s


def game_screen(ctx: Ctx, children, view: str | None = None, blur: float = 0.0) -> Node:
    """The root: a game scene (drawn by the renderer from `scene_seed`) with UI layers on top; with
    probability `blur` the scene is out of focus behind the menu (`backdrop="blur"`), as many games do."""
    return ctx.node(
        "screen",
        children=children,
        intent={"direction": "column"},
        scene_seed=ctx.between(0, 2**31 - 1),
        view=view,
        backdrop="blur" if ctx.chance(blur) else None,
    )


def layer(ctx: Ctx, children, dim: bool = False) -> Node:
    """An overlay filling the screen whose children are anchored; `dim` draws a scrim over what is below."""
    return ctx.node("overlay", children=children, dim=dim or None)


def anchored(node_intent: dict, anchor: str, **extra) -> dict:
    return {**node_intent, "anchor": anchor, **extra}


def item(ctx: Ctx) -> dict:
    """A random item: name in the locale, icon, rarity, stack count, art pattern."""
    key, icon, stacks = ctx.pick(ITEMS)
    name = gw(ctx, key)
    loc = ctx.content.locale
    if not stacks and ctx.chance(0.6):
        if loc in ("en_US", "ja_JP", "zh_CN"):
            adj = gw(ctx, ctx.pick(ADJECTIVES))
            name = f"{adj} {name}" if loc == "en_US" else f"{adj}{name}"
        else:
            name = f"{name} +{ctx.between(1, 5)}"
    rarity = ctx.choose(RARITIES)
    count = ctx.between(2, 99) if stacks and ctx.chance(0.8) else 1
    return {"name": name, "icon": icon, "rarity": rarity, "count": count, "pattern": ctx.between(0, 10**6)}


def slot(
    ctx: Ctx,
    it: dict | None = None,
    hotkey: str | None = None,
    cooldown: float = 0.0,
    selected: bool = False,
    disabled: bool = False,
) -> Node:
    """An inventory or hotbar slot; its text is what is printed in it (the stack count), if anything."""
    count = it["count"] if it else 0
    return ctx.node(
        "inventory_slot",
        text=str(count) if count > 1 else "",
        item=it["icon"] if it else None,
        item_name=it["name"] if it else None,
        rarity=it["rarity"] if it else None,
        pattern=it["pattern"] if it else None,
        hotkey=hotkey,
        cooldown=round(cooldown, 2) if cooldown else None,
        state={"selected": selected, "disabled": disabled or cooldown > 0},
    )


def bar(ctx: Ctx, kind: str, labelled: bool | None = None, value: int | None = None) -> Node:
    """A resource bar (health, mana, stamina, xp, boss, cast); labelled bars print 'cur / max' on them."""
    top = {
        "health": ctx.between(80, 2500),
        "mana": ctx.between(50, 1500),
        "stamina": 100,
        "xp": ctx.between(500, 90000),
        "boss": ctx.between(10000, 900000),
        "cast": 100,
    }[kind]
    value = ctx.between(3, 100) if value is None else value
    cur = top * value // 100
    labelled = ctx.chance(0.6) if labelled is None else labelled
    label = f"{cur:,} / {top:,}" if kind != "cast" else f"{value}%"
    return ctx.node(
        "progress_bar",
        text=label if labelled else "",
        kind=kind,
        value=value,
        segments=ctx.pick((0, 0, 5, 10)) if kind in ("health", "stamina") else 0,
    )


def counter(ctx: Ctx, kind: str) -> Node:
    """A resource counter: an icon and a number (gold, gems, ammo, score, kills, time, wave, lives...)."""
    value = {
        "gold": lambda: f"{ctx.between(0, 999999):,}",
        "gems": lambda: str(ctx.between(0, 9999)),
        "ammo": lambda: f"{ctx.between(0, 30)} / {ctx.between(30, 240)}",
        "score": lambda: f"{ctx.between(0, 9999999):,}",
        "kills": lambda: str(ctx.between(0, 40)),
        "time": lambda: f"{ctx.between(0, 59):02d}:{ctx.between(0, 59):02d}",
        "wave": lambda: f"{gw(ctx, 'wave')} {ctx.between(1, 30)}",
        "lives": lambda: f"× {ctx.between(0, 9)}",
        "wood": lambda: f"{ctx.between(0, 9999):,}",
        "stone": lambda: f"{ctx.between(0, 9999):,}",
        "food": lambda: f"{ctx.between(0, 999)}",
    }[kind]()
    return ctx.node("resource_counter", text=value, kind=kind)


def game_button(ctx: Ctx, label: str, selected: bool = False, disabled: bool = False, variant: str = "menu") -> Node:
    return ctx.node(
        "button", text=label, variant=variant, state={"selected": selected, "focused": selected, "disabled": disabled}
    )


def menu(ctx: Ctx, keys: list[str], disabled: tuple[str, ...] = (), gap: int = 2) -> Node:
    """A vertical list of menu buttons, one of them highlighted (the cursor)."""
    chosen = ctx.between(0, len(keys) - 1)
    buttons = [
        game_button(ctx, gw(ctx, k), selected=i == chosen, disabled=k in disabled and i != chosen)
        for i, k in enumerate(keys)
    ]
    return column(ctx, buttons, gap=gap)


def window(
    ctx: Ctx,
    title: str,
    body: list[Node],
    width: float,
    anchor: str = "center",
    height: float | None = None,
    close: bool | None = None,
) -> Node:
    """A framed game window: a title bar (heading, perhaps a close button) over a body."""
    head: list[Node] = [heading(ctx, title, level=2), spacer(ctx)]
    if ctx.chance(0.6) if close is None else close:
        head.append(ctx.node("icon_button", icon="close", label=title, state={"focused": ctx.chance(0.05)}))
    intent = {"direction": "column", "gap": 3, "anchor": anchor, "width": width}
    if height:
        intent["height"] = height
    return ctx.node("dialog", children=[row(ctx, head, gap=2), *body], intent=intent, frame="window")


def tabs_row(ctx: Ctx, labels: list[str], active: int | None = None) -> Node:
    active = ctx.between(0, len(labels) - 1) if active is None else active
    return row(
        ctx,
        [ctx.node("tab", text=lab, state={"selected": i == active}) for i, lab in enumerate(labels)],
        gap=1,
        align="end",
        kind="tabs",
    )


def portrait(ctx: Ctx, size: str = "md") -> Node:
    """A character portrait drawn procedurally from `pattern`."""
    return ctx.node("image", kind="portrait", size=size, pattern=ctx.between(0, 10**6))


def tooltip_for(ctx: Ctx, target: Node, it: dict) -> Node:
    """An item tooltip placed beside `target` (a slot): name, rarity, stats, description, price."""
    lines: list[Node] = [heading(ctx, it["name"], level=4), text(ctx, gw(ctx, it["rarity"]), f"rarity-{it['rarity']}")]
    for stat in ctx.rng.sample(
        ("attack", "defense", "crit", "speed", "strength", "agility", "intellect"), ctx.between(1, 3)
    ):
        lines.append(
            row(
                ctx,
                [text(ctx, gw(ctx, stat), "muted"), spacer(ctx), text(ctx, f"+{ctx.between(1, 60)}", "good")],
                gap=3,
            )
        )
    if ctx.chance(0.5):
        lines.append(text(ctx, ctx.content.sentence(ctx.between(5, 10)), "flavor"))
    if ctx.chance(0.6):
        lines.append(row(ctx, [spacer(ctx), counter(ctx, "gold")], gap=1))
    return ctx.node(
        "tooltip",
        children=lines,
        intent={"direction": "column", "gap": 1, "anchor": "near", "target": target.id, "max_width": 0.3},
    )


def objective(ctx: Ctx) -> Node:
    """One quest objective line as a checkbox (checked when done)."""
    c = ctx.content
    kind = ctx.choose({"defeat": 3, "collect": 3, "talk_to": 1, "go_to": 1})
    n = ctx.between(2, 12)
    m = {
        "defeat": lambda: gw(ctx, ctx.pick(MONSTERS)),
        "collect": lambda: gw(ctx, ctx.pick(("herb", "ore", "gem"))),
        "talk_to": c.name,
        "go_to": c.city,
    }[kind]()
    label = gw(ctx, kind, n=n, m=m)
    done = ctx.chance(0.35)
    if kind in ("defeat", "collect"):
        label += f" ({n if done else ctx.between(0, n - 1)}/{n})"
    return ctx.node("checkbox", text=label, state={"checked": done})


def stat_row(ctx: Ctx, key: str, points: bool) -> Node:
    parts = [
        ctx.node("icon", icon=ctx.pick(SKILL_ICONS)),
        text(ctx, gw(ctx, key), "label"),
        spacer(ctx),
        text(ctx, str(ctx.between(3, 99)), "value"),
    ]
    if points:
        parts.append(ctx.node("icon_button", icon="plus", label=gw(ctx, key), state={"disabled": ctx.chance(0.2)}))
    return row(ctx, parts, gap=2)
