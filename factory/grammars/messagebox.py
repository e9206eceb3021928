"""Message boxes over a desktop application: a question, warning or error with an icon, an explanation,
perhaps a "don't ask again" check box, and its buttons. The window behind stays visible around it."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.desktop_rules import (app_name, code_lines, dialog_buttons, file_name, menubar, statusbar,
                                            titlebar, tool_strip, ui)
from factory.grammars.rules import check, column, heading, row, text
from factory.core.layout import Node

KINDS = {  # icon, title key, text key, buttons (first is the default)
    "save": ("msg-warning", "save_changes", "lost", ["save", "discard", "cancel"]),
    "delete": ("msg-question", "delete_confirm", "cannot_undo", ["yes", "no"]),
    "error": ("msg-error", "error_title", "error_text", ["ok"]),
    "replace": ("msg-question", "replace_confirm", "cannot_undo", ["yes", "no", "cancel"]),
    "info": ("msg-info", "finish_text", "saved", ["ok"]),
}


def message_box(ctx: Ctx, app: str) -> Node:
    kind = ctx.choose({"save": 3, "delete": 2, "error": 1.5, "replace": 1, "info": 0.6})
    icon, title, body, keys = KINDS[kind]
    doc = file_name(ctx)
    main = row(ctx, [ctx.node("icon", icon=icon, size=36),
                     column(ctx, [heading(ctx, ui(ctx, title, doc=doc, app=app), level=4),
                                  text(ctx, ui(ctx, body, app=app))], gap=2, weight=1)], gap=3, align="start")
    extra = [check(ctx, "checkbox", ui(ctx, "dont_ask"), checked=False)] if ctx.chance(0.3) else []
    parts = [titlebar(ctx, app)] if ctx.chance(0.7) else []
    parts += [main, dialog_buttons(ctx, keys, keys[0], extra)]
    return ctx.node("dialog", children=parts, kind="messagebox", width=ctx.pick(("sm", "md")), intent={"gap": 3})


def build(ctx: Ctx) -> Node:
    app = app_name(ctx)
    parts = [titlebar(ctx, f"{file_name(ctx)} - {app}")] if ctx.chance(0.5) else []
    parts += [menubar(ctx, open_chance=0.0), tool_strip(ctx, 4, 8)]
    parts.append(ctx.node("text_input", input_type="multiline", editor=True, mono=ctx.chance(0.5),
                          value=code_lines(ctx, ctx.between(10, 40)), intent={"weight": 1}, state={"filled": True}))
    parts.append(statusbar(ctx, ui(ctx, "ready"), [ui(ctx, "line_col", line=ctx.between(1, 300), col=1)]))
    parts.append(ctx.node("overlay", dim=False, children=[message_box(ctx, app)]))
    return ctx.node("screen", children=parts, window="main", intent={"direction": "column"})


register(Grammar("messagebox", build, "Message boxes (question, warning, error) over a desktop application",
                 renderers=("desktop",)))
