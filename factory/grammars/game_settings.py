"""Game settings menus: a window with tabs (graphics, audio, controls, gameplay), sliders, toggles, choices
and key bindings, and a footer of actions."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.game_rules import game_button, game_screen, gw, layer, tabs_row, window
from factory.grammars.rules import column, row, spacer, text
from factory.core.layout import Node

TABS = ("graphics", "audio", "controls", "gameplay")
KEYS = {
    "key_forward": "W",
    "key_back": "S",
    "key_left": "A",
    "key_right": "D",
    "key_jump": "Space",
    "key_crouch": "Ctrl",
    "key_sprint": "Shift",
    "key_interact": "E",
    "key_reload": "R",
    "key_attack": "LMB",
    "key_inventory": "I",
    "key_map": "M",
}
ALT_KEYS = ("—", "↑", "↓", "←", "→", "F1", "Tab", "RMB", "Mouse 4", "Alt", "Q", "Z")


def labelled(ctx: Ctx, key: str, control: Node, value: str | None = None) -> Node:
    parts = [text(ctx, gw(ctx, key), "label"), spacer(ctx), control]
    if value is not None:
        parts.append(text(ctx, value, "value"))
    return ctx.node("list_item", children=[row(ctx, parts, gap=3)], state={"selected": ctx.chance(0.1)})


def slider_line(ctx: Ctx, key: str) -> Node:
    v = ctx.between(0, 100)
    s = ctx.node(
        "slider", value=v, state={"disabled": ctx.chance(0.05), "focused": ctx.chance(0.05)}, intent={"width": 0.4}
    )
    return labelled(ctx, key, s, str(v))


def toggle_line(ctx: Ctx, key: str) -> Node:
    role = ctx.choose({"switch": 3, "checkbox": 1})
    return labelled(ctx, key, ctx.node(role, state={"checked": ctx.chance(0.5), "disabled": ctx.chance(0.05)}))


def choice_line(ctx: Ctx, key: str, options: tuple[str, ...]) -> Node:
    value = ctx.pick(options)
    if ctx.chance(0.5):  # console style: < value > arrows
        control = row(
            ctx,
            [
                ctx.node("icon_button", icon="chevron-left", label=gw(ctx, key)),
                text(ctx, value, "value"),
                ctx.node("icon_button", icon="chevron", label=gw(ctx, key)),
            ],
            gap=1,
        )
    else:
        control = ctx.node(
            "dropdown",
            text=value,
            options=list(options),  # what its list shows when opened (factory.core.actions)
            state={"expanded": False, "disabled": ctx.chance(0.05)},
            intent={"width": 0.3},
        )
    return labelled(ctx, key, control)


def binding_line(ctx: Ctx, key: str, primary: str) -> Node:
    keys = [
        ctx.node("button", text=primary, variant="keycap", state={"focused": ctx.chance(0.05)}),
        ctx.node("button", text=ctx.pick(ALT_KEYS), variant="keycap"),
    ]
    return ctx.node(
        "list_item",
        children=[row(ctx, [text(ctx, gw(ctx, key), "label"), spacer(ctx), *keys], gap=2)],
        state={"selected": ctx.chance(0.1)},
    )


def page(ctx: Ctx, tab: str) -> list[Node]:
    if tab == "audio":
        return [slider_line(ctx, k) for k in ("master_volume", "music", "effects", "voice") if ctx.chance(0.85)] + [
            toggle_line(ctx, "subtitles")
        ]
    if tab == "graphics":
        res = ("1280×720", "1600×900", "1920×1080", "2560×1440")
        q = tuple(gw(ctx, k) for k in ("low", "medium", "high", "ultra"))
        lines = [
            choice_line(ctx, "resolution", res),
            choice_line(ctx, "quality", q),
            choice_line(ctx, "shadows", q),
            toggle_line(ctx, "fullscreen"),
            toggle_line(ctx, "vsync"),
            slider_line(ctx, "brightness"),
        ]
        return [x for x in lines if ctx.chance(0.8)] or lines[:2]
    if tab == "controls":
        keys = [k for k in KEYS if ctx.chance(0.6)][:8] or ["key_jump"]
        lines = [binding_line(ctx, k, KEYS[k]) for k in keys]
        if ctx.chance(0.5):
            lines.append(slider_line(ctx, "sensitivity"))
        return lines
    return [
        choice_line(ctx, "difficulty", tuple(gw(ctx, k) for k in ("easy", "normal", "hard"))),
        toggle_line(ctx, "subtitles"),
        toggle_line(ctx, "invert_y"),
        slider_line(ctx, "fov"),
    ]


def build(ctx: Ctx) -> Node:
    active = ctx.between(0, 3)
    body = [tabs_row(ctx, [gw(ctx, t) for t in TABS], active=active), column(ctx, page(ctx, TABS[active]), gap=1)]
    body.append(
        row(
            ctx,
            [
                game_button(ctx, gw(ctx, "defaults"), variant="secondary"),
                spacer(ctx),
                game_button(ctx, gw(ctx, "back"), variant="secondary"),
                game_button(ctx, gw(ctx, "apply"), variant="primary", disabled=ctx.chance(0.4)),
            ],
            gap=2,
        )
    )
    win = window(ctx, ctx.content.ui("settings"), body, width=ctx.pick((0.5, 0.56, 0.62)))
    return game_screen(
        ctx, [layer(ctx, [win], dim=ctx.chance(0.5))], view=ctx.pick(("side", "top", "space", "dungeon")), blur=0.5
    )


register(
    Grammar("game_settings", build, "Game settings: tabs, sliders, toggles, choices, key bindings", renderers=("game",))
)
