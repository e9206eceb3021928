"""Rules shared by the app families (checkout, profile, chat, calendar, kanban, compose): containers that carry a
`kind` the web templates style (a chat bubble, a calendar day, a kanban lane...), and small composite parts."""

from __future__ import annotations

from factory.core.layout import Node
from factory.grammars.base import Ctx
from factory.grammars.rules import avatar, badge, heading, icon_button, link, row, spacer, text


def box(ctx: Ctx, direction: str, kind: str, children, gap: int = 1, **intent) -> Node:
    """A row or column drawn as a `kind` container (class k-<kind> in every web style); structure, never annotated."""
    if direction not in ("row", "column"):
        raise ValueError(f"direction must be row or column, got {direction!r}")
    return ctx.node(direction, children=children, intent={"direction": direction, "gap": gap, **intent}, kind=kind)


def action(ctx: Ctx, label: str, icon_name: str | None, variant: str = "primary") -> Node:
    """A button whose leading icon says what it does (rules.button picks a random one)."""
    return ctx.node("button", text=label, variant=variant, icon=icon_name,
                    state={"disabled": ctx.chance(0.04), "focused": ctx.chance(0.04)})


def steps(ctx: Ctx, labels: list[str], current: int) -> Node:
    """A step indicator: numbered badges with their labels, the done and current steps toned."""
    parts = []
    for i, label in enumerate(labels):
        tone = "success" if i < current else "info" if i == current else "neutral"
        number = ctx.node("badge", text="✓" if i < current else str(i + 1), tone=tone)
        parts.append(box(ctx, "row", "step", [number, text(ctx, label, "label" if i == current else "muted")],
                         align="center"))
    return box(ctx, "row", "steps", parts, gap=2, align="center")


def shop_header(ctx: Ctx) -> Node:
    """A store's top bar: its name, a few category links (desktop), search, account and cart."""
    c = ctx.content
    left = [icon_button(ctx, "menu", c.ui("home"))] if ctx.mobile else []
    left.append(heading(ctx, c.company().split(" ")[0].strip(","), level=3))
    right: list[Node] = []
    if not ctx.mobile:
        right += [link(ctx, c.word()) for _ in range(ctx.between(2, 4))]
        if ctx.chance(0.6):
            right.append(ctx.node("text_input", input_type="search", placeholder=c.ui("search")))
    right.append(icon_button(ctx, "user", c.ui("account")))
    right.append(icon_button(ctx, "cart", c.ui("cart")))
    if ctx.chance(0.6):
        right.append(badge(ctx, str(ctx.between(1, 9))))
    return ctx.node("toolbar", children=[row(ctx, left + [spacer(ctx)] + right, gap=2)], kind="navbar")


def person(ctx: Ctx, name: str | None = None, detail: str | None = None, weight: int = 1) -> list[Node]:
    """An avatar beside a name and a muted detail line."""
    c = ctx.content
    lines = [text(ctx, name or c.name(), "label")]
    if detail:
        lines.append(text(ctx, detail, "muted"))
    return [avatar(ctx), ctx.node("column", children=lines, intent={"direction": "column", "gap": 0,
                                                                     "weight": weight})]


def clock(ctx: Ctx) -> str:
    return f"{ctx.between(7, 22):02d}:{ctx.pick((0, 5, 10, 15, 20, 30, 40, 45, 50)):02d}"
