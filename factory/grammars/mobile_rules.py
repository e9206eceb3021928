"""What a phone app screen has that a web page lacks: a floating action button (FAB) and sheets that rise from the
bottom edge (an action sheet of buttons, a bottom sheet of list items), drawn by rules.app_shell on mobile screens.

In the layout they are ordinary nodes, so every web style draws them (the mobile kits in their own markup):
  FAB           an icon_button with props fab=True, a child of the screen just above its bottom navigation (the web
                templates float it over the content, at the bottom end)
  action sheet  an overlay holding a dialog (props sheet="actions"): perhaps a title (a caption text), 2-4 buttons
                (one perhaps destructive, variant "danger"), and a cancel button (props cancel=True) last
  bottom sheet  an overlay holding a dialog (props sheet="bottom"): a heading row with a close button, a column of
                list items (an icon and a label each), perhaps a primary button
A sheet's overlay holds a dialog, so open states (factory.grammars.open_states) treat it as a modal: only what is in
the sheet can be caught open.
"""

from __future__ import annotations

from typing import Sequence

from factory.core.layout import Node
from factory.grammars.base import Ctx

FAB_SHARE = 0.35  # of the mobile app-shell screens
SHEET_SHARE = 0.15  # of the mobile app-shell screens: an action sheet or a bottom sheet open over the screen
FAB_ACTIONS = (("plus", "create"), ("plus", "new_task"), ("edit", "compose"), ("edit", "new_message"),
               ("plus", "new_chat"))
SHEET_ACTIONS = (("mail", "share"), ("folder", "copy"), ("edit", "edit"), ("download", "export"),
                 ("star", "save"), ("mail", "reply"), ("folder", "attach"), ("download", "upload"))
DESTRUCTIVE = ("delete", "remove", "discard")
SHEET_ITEMS = (("mail", "message"), ("user", "profile"), ("download", "export"), ("edit", "edit"),
               ("folder", "photos"), ("calendar", "schedule_send"), ("star", "save"), ("heart", "follow"),
               ("bell", "notifications"), ("settings", "settings"))


def fab(ctx: Ctx) -> Node:
    """A floating action button: the screen's main action as a round icon button."""
    icon_name, key = ctx.pick(FAB_ACTIONS)
    return ctx.node("icon_button", icon=icon_name, label=ctx.content.ui(key), fab=True,
                    state={"focused": ctx.chance(0.03)})


def action_sheet(ctx: Ctx) -> Node:
    """An action sheet: a few actions (a destructive one perhaps), a cancel button apart at the bottom."""
    c = ctx.content
    parts: list[Node] = []
    if ctx.chance(0.5):
        parts.append(ctx.node("text", text=c.title(ctx.between(2, 5)), variant="caption"))
    for icon_name, key in ctx.rng.sample(SHEET_ACTIONS, ctx.between(2, 4)):
        parts.append(ctx.node("button", text=c.ui(key), variant="text", icon=icon_name,
                              state={"disabled": ctx.chance(0.05)}))
    if ctx.chance(0.5):
        parts.append(ctx.node("button", text=c.ui(ctx.pick(DESTRUCTIVE)), variant="danger", icon="trash"))
    parts.append(ctx.node("button", text=c.ui("cancel"), variant="secondary", cancel=True))
    return ctx.node("dialog", children=parts, intent={"gap": 0}, width="md", sheet="actions")


def bottom_sheet(ctx: Ctx) -> Node:
    """A modal bottom sheet: a title row with a close button over a list of choices (an icon and a label each)."""
    c = ctx.content
    head = ctx.node("row", children=[ctx.node("heading", text=c.ui(ctx.pick(("share", "settings", "filter", "sort"))),
                                              level=3),
                                     ctx.node("spacer", intent={"weight": 1}),
                                     ctx.node("icon_button", icon="close", label=c.ui("close"))],
                    intent={"direction": "row", "gap": 2, "align": "center"})
    active = ctx.between(-1, 2)
    items = [ctx.node("list_item", children=[ctx.node("row", children=[
                 ctx.node("icon", icon=icon_name), ctx.node("text", text=c.ui(key))],
                 intent={"direction": "row", "gap": 2, "align": "center"})], state={"selected": i == active})
             for i, (icon_name, key) in enumerate(ctx.rng.sample(SHEET_ITEMS, ctx.between(3, 5)))]
    parts = [head, ctx.node("column", children=items, intent={"direction": "column", "gap": 0})]
    if ctx.chance(0.4):
        parts.append(ctx.node("button", text=c.ui(ctx.pick(("apply", "done", "save"))), variant="primary"))
    return ctx.node("dialog", children=parts, intent={"gap": 2}, width="md", sheet="bottom")


def phone_extras(ctx: Ctx, parts: Sequence[Node]) -> list[Node]:
    """The children of a mobile app screen (navbar, content, perhaps a bottom navigation), perhaps with a FAB above
    the bottom navigation and a sheet open over all of it."""
    parts = list(parts)
    if ctx.chance(FAB_SHARE):
        at = len(parts) - 1 if parts[-1].role == "toolbar" and parts[-1].props.get("kind") == "bottom" else len(parts)
        parts.insert(at, fab(ctx))
    if ctx.chance(SHEET_SHARE):
        sheet = ctx.choose({action_sheet: 3, bottom_sheet: 2})(ctx)
        parts.append(ctx.node("overlay", children=[sheet]))
    return parts
