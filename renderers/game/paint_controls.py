"""Painters of menu controls: buttons (menu, primary, secondary, key caps, prices), toggles, check boxes,
sliders, choosers, fields, tabs, menu entries, badges and the rarer web controls. `paint(cv, node, rect, where)`;
`where` says what lies behind: 'scene' (the game picture), 'panel', 'header' or 'accent'."""

from __future__ import annotations

from factory.core.layout import Node
from renderers.game.canvas import Canvas, Rect, inset
from renderers.game.frames import panel
from renderers.game.icons import icon_surface
from renderers.game.palette import RGBA, mix

WHITE = (250, 250, 245, 255)


def ink(cv: Canvas, where: str, muted: bool = False) -> RGBA:
    """Text colour for what lies behind; muted for secondary or disabled text."""
    if where == "scene":
        return (200, 200, 200, 255) if muted else WHITE
    if where == "accent":
        return cv.pal["on_accent"]
    if where == "header":
        return cv.pal["title"]
    return cv.pal["muted"] if muted else cv.pal["text"]


def _icon(cv: Canvas, name: str, r: Rect, colour: RGBA) -> None:
    size = max(6, min(r[2], r[3]))
    cv.surface.blit(
        icon_surface(name, size, colour, mix(colour, (0, 0, 0, 255), 0.3), cv.pixel, False),
        (r[0] + (r[2] - size) // 2, r[1] + (r[3] - size) // 2),
    )


def button(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    st, variant = n.state, n.props.get("variant", "primary")
    disabled, selected = bool(st.get("disabled")), bool(st.get("selected"))
    if variant == "menu":
        return _menu_button(cv, n, r, where, selected, disabled)
    if variant == "text":
        cv.text(r, n, cv.pal["accent"] if selected else ink(cv, where, disabled), "center")
        return
    fill = {
        "primary": cv.pal["accent"],
        "danger": cv.pal["bad"],
        "price": cv.pal["good"],
        "keycap": cv.pal["panel2"],
    }.get(variant, cv.pal["button"])
    panel(cv, r, "button" if variant != "keycap" else "field", selected=selected, disabled=disabled, fill=fill)
    colour = (
        cv.pal["on_accent"]
        if variant in ("primary", "price")
        else WHITE if variant == "danger" else cv.pal["text"] if variant == "keycap" else cv.pal["button_text"]
    )
    if disabled:  # greyed, but still readable on the greyed face
        colour = mix(colour, mix(fill, cv.pal["disabled"], 0.6), 0.45)
    body = inset(r, round(cv.u * 1.5))
    if n.props.get("icon"):
        icon_w = round(cv.u * 5)
        _icon(
            cv, n.props["icon"], (body[0], body[1], icon_w, body[3]), cv.pal["gold"] if variant == "price" else colour
        )
        body = (body[0] + icon_w + round(cv.u), body[1], body[2] - icon_w - round(cv.u), body[3])
    cv.text(body, n, colour, "center", bold=True if variant == "keycap" else None)
    if st.get("focused") and not selected:
        cv.outline(inset(r, -round(cv.u * 0.5)), cv.pal["accent"], max(1, round(cv.s * 1.5)))


def _menu_button(cv: Canvas, n: Node, r: Rect, where: str, selected: bool, disabled: bool) -> None:
    """Main/pause menu entries: a highlighted bar with a cursor for the selected one."""
    frame = cv.skin.frame
    if frame == "flat":
        panel(
            cv, r, "button", selected=False, disabled=disabled, fill=cv.pal["accent"] if selected else cv.pal["button"]
        )
        colour = cv.pal["on_accent"] if selected else cv.pal["button_text"]
        cv.text(inset(r, round(cv.u * 2)), n, cv.pal["disabled"] if disabled else colour, "center")
        return
    plate = (0, 0, 0, 110) if where == "scene" else (*cv.pal["panel2"][:3], 160)
    if selected:
        plate = (*mix(cv.pal["accent"], (0, 0, 0, 255), 0.35)[:3], 200)
    if frame == "neon":
        panel(cv, r, "row", selected=selected, fill=plate)
    elif frame == "ornate" and selected:
        panel(cv, r, "button", selected=True, fill=plate)
    else:
        cv.fill(r, plate)
        if selected:
            cv.outline(r, cv.pal["accent"], max(2, cv.line))
    left = round(cv.u * 3)
    if selected:  # the cursor
        h = r[3] * 0.36
        cx, cy = r[0] + left * 0.55, r[1] + r[3] / 2
        cv.poly([(cx - h * 0.45, cy - h / 2), (cx + h * 0.45, cy), (cx - h * 0.45, cy + h / 2)], cv.pal["gold"])
    colour = (
        (150, 150, 150, 255)
        if disabled
        else cv.pal["gold"] if selected else WHITE if where == "scene" else cv.pal["text"]
    )
    cv.text(
        (r[0] + left + round(cv.u), r[1], r[2] - left - round(cv.u * 2), r[3]),
        n,
        colour,
        "left",
        effect="outline" if where == "scene" else None,
    )


def icon_button(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    disabled = bool(n.state.get("disabled"))
    round_ = n.props.get("variant") == "round"
    if round_:
        cv.circle((r[0] + r[2] / 2, r[1] + r[3] / 2), min(r[2], r[3]) / 2, (0, 0, 0, 120))
        cv.circle((r[0] + r[2] / 2, r[1] + r[3] / 2), min(r[2], r[3]) / 2, (*WHITE[:3], 200), max(2, round(cv.s * 2)))
    else:
        panel(cv, r, "button", selected=bool(n.state.get("focused")), disabled=disabled)
    colour = cv.pal["disabled"] if disabled else WHITE if round_ else cv.pal["button_text"]
    _icon(cv, n.props.get("icon", "star"), inset(r, round(min(r[2], r[3]) * 0.22)), colour)


def switch(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    on, disabled = bool(n.state.get("checked")), bool(n.state.get("disabled"))
    radius = r[3] // 2 if cv.skin.frame in ("flat", "ornate") else 0
    track = cv.pal["accent"] if on else cv.pal["track"]
    if disabled:
        track = mix(track, cv.pal["disabled"], 0.6)
    cv.fill(r, track, radius)
    cv.outline(
        r, cv.pal["edge"] if cv.skin.frame != "flat" else mix(track, (0, 0, 0, 255), 0.2), max(1, cv.line), radius
    )
    k = round(r[3] * 0.18)
    knob = r[3] - 2 * k
    x = r[0] + r[2] - k - knob if on else r[0] + k
    if radius:
        cv.circle((x + knob / 2, r[1] + r[3] / 2), knob / 2, WHITE)
    else:
        cv.fill((x, r[1] + k, knob, knob), WHITE)
        cv.outline((x, r[1] + k, knob, knob), cv.pal["edge"], 1)


def check_rects(u: float, r: Rect) -> tuple[Rect, Rect]:
    """(the box or circle, the rectangle its words are drawn in) of a checkbox or radio button drawn in `r`."""
    box, gap = round(u * 5), round(u * 2)
    return (r[0], r[1] + (r[3] - box) // 2, box, box), (r[0] + box + gap, r[1], r[2] - box - gap, r[3])


def check_words(cv: Canvas, n: Node, r: Rect) -> Rect:
    """Where the words of a checkbox or radio button drawn in `r` lie: their extent, left in the words' rectangle and
    centred on its height (the box of its `text` node: factory.core.check_labels)."""
    tr = check_rects(cv.u, r)[1]
    tw, th = cv.m.text_size(n, tr[2])
    w, h = min(round(tw), tr[2]), min(round(th), tr[3])
    return tr[0], tr[1] + (tr[3] - h) // 2, w, h


def check(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    """Check boxes and radio buttons with their label (quest objectives are check boxes)."""
    on, disabled = bool(n.state.get("checked")), bool(n.state.get("disabled"))
    b, tr = check_rects(cv.u, r)
    box = b[2]
    if n.role == "radio":
        cx, cy = b[0] + box / 2, b[1] + box / 2
        cv.circle((cx, cy), box / 2, cv.pal["slot"])
        cv.circle((cx, cy), box / 2, cv.pal["slot_edge"], max(1, cv.line))
        if on:
            cv.circle((cx, cy), box * 0.25, cv.pal["accent"])
    else:
        panel(cv, b, "field", fill=cv.pal["slot"] if where != "scene" else (0, 0, 0, 140))
        if on:
            _icon(cv, "check", inset(b, round(box * 0.12)), cv.pal["good"])
    if n.text:
        cv.text(tr, n, ink(cv, where, disabled), "left", effect="outline" if where == "scene" else None)


def slider(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    value = max(0.0, min(1.0, float(n.props.get("value", 50)) / 100))
    th = max(3, round(r[3] * 0.35))
    track = (r[0], r[1] + (r[3] - th) // 2, r[2], th)
    radius = th // 2 if cv.skin.frame == "flat" else 0
    cv.fill(track, cv.pal["track"], radius)
    colour = cv.pal["disabled"] if n.state.get("disabled") else cv.pal["accent"]
    cv.fill((track[0], track[1], round(track[2] * value), th), colour, radius)
    cv.outline(track, cv.pal["edge"], 1, radius)
    kw = r[3] if cv.skin.frame in ("flat", "ornate") else max(4, r[3] // 2)
    kx = r[0] + round((r[2] - kw) * value)
    if cv.skin.frame in ("flat", "ornate"):
        cv.circle((kx + kw / 2, r[1] + r[3] / 2), kw / 2, WHITE if cv.skin.frame == "flat" else cv.pal["edge_hi"])
        cv.circle((kx + kw / 2, r[1] + r[3] / 2), kw / 2, cv.pal["edge"], max(1, cv.line))
    else:
        panel(cv, (kx, r[1], kw, r[3]), "button", selected=bool(n.state.get("focused")), fill=colour)


def chooser(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    """Drop-down lists, number steppers and date fields: a field with a value and an arrow."""
    panel(cv, r, "field", disabled=bool(n.state.get("disabled")))
    arrow = round(min(r[3] * 0.6, cv.u * 5))
    body = inset(r, round(cv.u * 1.5))
    value = n.text or str(n.props.get("value", ""))
    cv.text(
        (body[0], body[1], body[2] - arrow - round(cv.u), body[3]),
        n,
        ink(cv, "panel", bool(n.state.get("disabled"))),
        "left",
        text=value,
    )
    _icon(
        cv,
        "chevron-down" if n.role == "dropdown" else "chevron",
        (r[0] + r[2] - arrow - round(cv.u * 1.5), r[1] + (r[3] - arrow) // 2, arrow, arrow),
        cv.pal["accent"],
    )


def field(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    st = n.state
    panel(
        cv,
        r,
        "field",
        selected=bool(st.get("focused")),
        fill=(0, 0, 0, 130) if n.props.get("input_type") == "chat" else None,
    )
    value = n.props.get("value")
    body = inset(r, round(cv.u * 1.5))
    shown = value if value else n.props.get("placeholder", "")
    colour = WHITE if value and n.props.get("input_type") == "chat" else ink(cv, "panel", not value)
    cv.text(body, n, colour, "left", text=shown)
    if st.get("focused"):
        font = cv.m.font(n, shown)
        x = min(body[0] + font.size(shown)[0] + 2, body[0] + body[2] - 2) if value else body[0]
        cv.fill((x, body[1] + body[3] // 6, max(1, round(cv.s * 1.5)), body[3] * 2 // 3), cv.pal["accent"])


def tab(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    selected = bool(n.state.get("selected"))
    panel(cv, r, "tab", selected=selected, fill=None if selected else (*cv.pal["panel2"][:3], 120))
    if selected:
        cv.fill((r[0], r[1] + r[3] - max(2, round(cv.u * 0.7)), r[2], max(2, round(cv.u * 0.7))), cv.pal["accent"])
    cv.text(inset(r, round(cv.u)), n, cv.pal["text"] if selected else cv.pal["muted"], "center")


def menu_item(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    selected, disabled = bool(n.state.get("selected")), bool(n.state.get("disabled"))
    if selected:
        cv.fill(r, (*cv.pal["accent"][:3], 90), round(cv.u) if cv.skin.frame == "flat" else 0)
        cv.fill((r[0], r[1], max(2, round(cv.u * 0.8)), r[3]), cv.pal["accent"])
    else:
        cv.fill(r, (*cv.pal["panel2"][:3], 70))
    colour = cv.pal["gold"] if selected and cv.skin.frame != "flat" else ink(cv, where, disabled)
    cv.text(inset(r, round(cv.u * 2)), n, colour, "left")


def badge(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    tone = {"success": "good", "warning": "gold", "info": "accent"}.get(n.props.get("tone"), "accent")
    cv.fill(r, cv.pal[tone], r[3] // 2 if cv.skin.frame == "flat" else 0)
    cv.outline(r, (0, 0, 0, 120), 1, r[3] // 2 if cv.skin.frame == "flat" else 0)
    cv.text(r, n, (20, 20, 25, 255) if tone == "gold" else WHITE, "center")


def link(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    cv.text(r, n, cv.pal["accent"], "left")
    cv.fill((r[0], r[1] + r[3] - max(1, round(cv.s)), r[2], max(1, round(cv.s))), cv.pal["accent"])


def scrollbar(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    cv.fill(r, cv.pal["track"])
    size = max(0.1, float(n.props.get("size", 30)) / 100)
    pos = float(n.props.get("value", 0)) / 100
    th = round(r[3] * size)
    cv.fill((r[0], r[1] + round((r[3] - th) * pos), r[2], th), cv.pal["accent"])


def page_dots(cv: Canvas, n: Node, r: Rect, where: str) -> None:
    count, current = int(n.props.get("count", 4)), int(n.props.get("current", 0))
    step = r[2] / max(1, count)
    for i in range(count):
        cv.circle(
            (r[0] + step * (i + 0.5), r[1] + r[3] / 2),
            min(step, r[3]) * 0.3,
            cv.pal["accent"] if i == current else cv.pal["muted"],
        )
