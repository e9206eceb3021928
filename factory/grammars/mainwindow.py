"""Desktop main windows: menu bar (perhaps with a menu open), tool bar, dock panels (project tree, outline,
output), tabbed documents (editor, data grid or picture) and a status bar."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.desktop_rules import (app_name, code_lines, dock, file_name, file_tree, menubar, statusbar,
                                            titlebar, tool_strip, tree_view, ui)
from factory.grammars.rules import badge, picture, text
from factory.core.layout import Node


def document(ctx: Ctx, name: str) -> Node:
    """The selected tab's page: a code/text editor, a data grid or a picture."""
    c = ctx.content
    kind = ctx.choose({"code": 3, "grid": 1.5, "picture": 1})
    if kind == "code":
        return ctx.node("text_input", input_type="multiline", editor=True, mono=True,
                        value=code_lines(ctx, ctx.between(12, 45)), intent={"weight": 1},
                        state={"filled": True, "focused": ctx.chance(0.5)})
    if kind == "picture":
        return picture(ctx, ctx.pick(("photo", "chart-bar", "chart-line")), ctx.pick(("16:9", "4:3")))
    cols = ["name", "status", "date", "amount"]
    header = ctx.node("row", intent={"direction": "row"}, header=True,
                      children=[text(ctx, c.ui(k), "header") for k in cols])
    rows = [ctx.node("list_item", cells=True, state={"selected": ctx.chance(0.08)}, children=[
        text(ctx, c.name()), badge(ctx), text(ctx, c.date()), text(ctx, c.price())]) for _ in range(ctx.between(8, 30))]
    bar = [ctx.node("scrollbar", value=ctx.between(0, 60))] if len(rows) > 14 else []
    return ctx.node("table", children=[header, *rows, *bar], alternate=ctx.chance(0.5), fill=True)


def tabbed_documents(ctx: Ctx) -> Node:
    names = [file_name(ctx, ctx.pick(("py", "txt", "py", "docx"))) for _ in range(ctx.between(1, 5))]
    chosen = ctx.between(0, len(names) - 1)
    tabs = ctx.node("row", kind="tabs", children=[ctx.node("tab", text=n, state={"selected": i == chosen})
                                                  for i, n in enumerate(names)])
    return ctx.node("column", kind="tabwidget", document=ctx.chance(0.6), children=[tabs, document(ctx, names[chosen])],
                    intent={"weight": 1})


def side_list(ctx: Ctx) -> Node:
    c = ctx.content
    items = [ctx.node("list_item", text=f"{c.word().lower()}()", icon=ctx.pick(("code", "list", "star")),
                      state={"selected": ctx.chance(0.1)}) for _ in range(ctx.between(4, 14))]
    return ctx.node("column", kind="list", children=items)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    app = app_name(ctx)
    parts = []
    if ctx.chance(0.6):
        parts.append(titlebar(ctx, f"{file_name(ctx, 'py')} - {app}"))
    parts.append(menubar(ctx, open_chance=0.4))
    if ctx.chance(0.85):
        extra = [ctx.node("spacer", intent={"weight": 1}),
                 ctx.node("text_input", input_type="search", placeholder=c.ui("search"))] if ctx.chance(0.5) else []
        parts.append(tool_strip(ctx, extra=extra))
    parts.append(dock(ctx, ui(ctx, ctx.pick(("explorer", "project"))),
                      tree_view(ctx, file_tree(ctx)), "left"))
    if ctx.chance(0.45):
        parts.append(dock(ctx, ui(ctx, "outline"), side_list(ctx), "right"))
    if ctx.chance(0.35):
        log = "\n".join(c.sentence(ctx.between(4, 9)) for _ in range(ctx.between(3, 8)))
        parts.append(dock(ctx, ui(ctx, ctx.pick(("output", "terminal", "problems"))),
                          ctx.node("text_input", input_type="multiline", mono=True, editor=True, value=log,
                                   state={"filled": True}), "bottom"))
    parts.append(tabbed_documents(ctx))
    right = [ui(ctx, "line_col", line=ctx.between(1, 400), col=ctx.between(1, 80)), "UTF-8"]
    parts.append(statusbar(ctx, ui(ctx, ctx.pick(("ready", "saved"))), right, progress=ctx.chance(0.3)))
    return ctx.node("screen", children=parts, window="main", intent={"direction": "column"})


register(Grammar("mainwindow", build, "Desktop main windows: menus, tool bar, docks, tabbed documents, status bar",
                 renderers=("desktop",)))
