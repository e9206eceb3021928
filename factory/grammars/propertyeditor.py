"""Property editors (as in GUI designers): an object tree, a filter field and a two-column table of
properties whose values are editors (line edits, spin and combo boxes, check boxes, date edits)."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.desktop_rules import (app_name, dock, menubar, statusbar, titlebar, tool_strip, tree_item,
                                            tree_view, ui)
from factory.grammars.rules import column, heading, picture, text
from factory.core.layout import Node

CLASSES = ("QMainWindow", "QWidget", "QPushButton", "QLabel", "QLineEdit", "QComboBox", "QTableView", "QGroupBox")
PROPS = ("geometry", "enabled", "visible", "text", "font", "tooltip", "width", "height", "opacity", "created",
         "alignment")


def objects(ctx: Ctx) -> list[Node]:
    """The object hierarchy: a main window, its widgets, some of them containers shown expanded."""
    def obj(level: int, folder: bool = False) -> Node:
        cls = ctx.pick(CLASSES[1:])
        return tree_item(ctx, f"{ctx.content.word().lower()}{cls[1:]} : {cls}", ctx.pick(("code", "image", "list")),
                         level, folder=folder, expanded=folder, selected=ctx.chance(0.12))

    items = [tree_item(ctx, f"mainWindow : {CLASSES[0]}", "grid", 0, folder=True, expanded=True)]
    for _ in range(ctx.between(3, 8)):
        container = ctx.chance(0.3)
        items.append(obj(1, folder=container))
        if container:
            items += [obj(2) for _ in range(ctx.between(1, 3))]
    return items


def value_editor(ctx: Ctx, prop: str) -> Node:
    c = ctx.content
    if prop in ("enabled", "visible"):
        return ctx.node("checkbox", text=ui(ctx, "yes"), state={"checked": ctx.chance(0.7)})
    if prop in ("width", "height"):
        return ctx.node("spinbox", value=ctx.between(16, 1600), suffix=" px")
    if prop == "opacity":
        return ctx.node("spinbox", value=round(ctx.rng.uniform(0, 1), 2), decimals=2)
    if prop in ("font", "alignment"):
        return ctx.node("dropdown", text=ctx.pick(("Noto Sans, 10", "DejaVu Sans, 9", "Left", "Center", "Right")))
    if prop == "created":
        return ctx.node("date_picker", value=c.date())
    if prop == "geometry":
        return text(ctx, f"[({ctx.between(0, 400)}, {ctx.between(0, 300)}), {ctx.between(40, 900)} x "
                         f"{ctx.between(20, 600)}]")
    return ctx.node("text_input", value=c.sentence(ctx.between(2, 5)), placeholder=ui(ctx, prop),
                    state={"filled": True, "focused": ctx.chance(0.1)})


def property_table(ctx: Ctx) -> Node:
    header = ctx.node("row", header=True, intent={"direction": "row"},
                      children=[text(ctx, ui(ctx, "property"), "header"), text(ctx, ui(ctx, "value"), "header")])
    rows = []
    for prop in ctx.rng.sample(PROPS, ctx.between(5, len(PROPS))):
        rows.append(ctx.node("list_item", cells=True, children=[text(ctx, ui(ctx, prop)), value_editor(ctx, prop)],
                             state={"selected": ctx.chance(0.1)}))
    return ctx.node("table", children=[header, *rows], fill=True, alternate=ctx.chance(0.6), intent={"weight": 1})


def build(ctx: Ctx) -> Node:
    c = ctx.content
    app = app_name(ctx)
    parts = [titlebar(ctx, f"{app} - {c.word().lower()}.ui")] if ctx.chance(0.6) else []
    parts += [menubar(ctx, open_chance=0.25), tool_strip(ctx, 4, 9)]
    parts.append(dock(ctx, ui(ctx, "object"), tree_view(ctx, objects(ctx), scrollbar=False), "left"))
    editor = column(ctx, [heading(ctx, f"{c.word().lower()}Button", level=4), text(ctx, ctx.pick(CLASSES), "muted"),
                          ctx.node("text_input", input_type="search", placeholder=c.ui("filter")),
                          property_table(ctx)], gap=2, weight=1, padding=True)
    parts.append(dock(ctx, ui(ctx, "properties"), editor, "right"))
    parts.append(column(ctx, [picture(ctx, ctx.pick(("chart-bar", "photo", "chart-line")), "16:9")], weight=1,
                        padding=True, align="center"))
    parts.append(statusbar(ctx, ui(ctx, "ready"), [f"{ctx.between(2, 60)} %"]))
    return ctx.node("screen", children=parts, window="main", intent={"direction": "column"})


register(Grammar("propertyeditor", build, "Property editors: object tree and a table of value editors",
                 renderers=("desktop",)))
