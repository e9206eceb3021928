"""File browsers: back/forward/up, a path bar (breadcrumb buttons or an editable path), a folder tree beside
a detail table (name with icon, size, type, date), and a status bar with item counts."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.desktop_rules import (FILE_KINDS, file_name, menubar, statusbar, titlebar, tree_item,
                                            tree_view, ui)
from factory.grammars.rules import text
from factory.core.layout import Node

PLACES = (("desktop", "computer"), ("documents", "folder"), ("downloads", "download"), ("pictures", "image"),
          ("music", "folder"), ("videos", "folder"), ("trash", "trash"))


def places_tree(ctx: Ctx, current: str) -> list[Node]:
    items = [tree_item(ctx, ui(ctx, "home"), "home", 0, folder=True, expanded=True)]
    for key, icon in ctx.rng.sample(PLACES, ctx.between(4, len(PLACES))):
        here = ui(ctx, key) == current
        items.append(tree_item(ctx, ui(ctx, key), icon, 1, folder=key != "trash", expanded=here, selected=here))
        if here:
            items += [tree_item(ctx, ctx.content.word().lower(), "folder", 2, folder=True)
                      for _ in range(ctx.between(1, 4))]
    items.append(tree_item(ctx, ui(ctx, "this_pc"), "computer", 0, folder=True, expanded=True))
    items.append(tree_item(ctx, "/dev/sda1", "drive", 1))
    return items


def file_row(ctx: Ctx) -> Node:
    c = ctx.content
    ext = ctx.choose({"folder": 3, "txt": 1, "png": 1.5, "docx": 1, "zip": 0.5, "py": 1})
    icon, type_key = FILE_KINDS[ext]
    name = c.word().capitalize() if ext == "folder" else file_name(ctx, ext)
    size = "--" if ext == "folder" else f"{ctx.between(1, 9999):,} KB"
    cells = [ctx.node("text", text=name, icon=icon), text(ctx, size), text(ctx, ui(ctx, type_key)),
             text(ctx, f"{c.date()} {ctx.between(0, 23):02d}:{ctx.between(0, 59):02d}")]
    return ctx.node("list_item", cells=True, children=cells, state={"selected": ctx.chance(0.08)})


def build(ctx: Ctx) -> Node:
    c = ctx.content
    current = ui(ctx, ctx.pick(("documents", "downloads", "pictures", "desktop")))
    segments = [ui(ctx, "home"), current] + [c.word().lower() for _ in range(ctx.between(0, 2))]
    if ctx.chance(0.5):
        pathbar = ctx.node("row", kind="pathbar", intent={"direction": "row", "gap": 0, "weight": 1},
                           children=[ctx.node("button", text=s, variant="secondary" if i == len(segments) - 1
                                              else "text") for i, s in enumerate(segments)])
    else:
        pathbar = ctx.node("text_input", value="/" + "/".join(segments), placeholder=current, intent={"weight": 1},
                           state={"filled": True, "focused": ctx.chance(0.2)})
    tools = [ctx.node("icon_button", icon="back", label="back"),
             ctx.node("icon_button", icon="forward", label="forward", state={"disabled": ctx.chance(0.6)}),
             ctx.node("icon_button", icon="up", label="up"), ctx.node("icon_button", icon="refresh", label="refresh"),
             pathbar, ctx.node("text_input", input_type="search", placeholder=c.ui("search"),
                               separator_before=True),
             ctx.node("icon_button", icon=ctx.pick(("list", "grid")), label="view", separator_before=True)]
    parts = [titlebar(ctx, current)] if ctx.chance(0.6) else []
    if ctx.chance(0.5):
        parts.append(menubar(ctx, open_chance=0.2))
    parts.append(ctx.node("toolbar", kind="main", children=tools))
    header = ctx.node("row", header=True, intent={"direction": "row"},
                      children=[text(ctx, ui(ctx, k), "header") for k in ("name", "size", "type", "modified")])
    rows = [file_row(ctx) for _ in range(ctx.between(5, 40))]
    bar = [ctx.node("scrollbar", value=ctx.between(0, 70))] if len(rows) > 18 else []
    table = ctx.node("table", children=[header, *rows, *bar], fill=True, no_grid=True, alternate=ctx.chance(0.4),
                     intent={"weight": 3})
    side = tree_view(ctx, places_tree(ctx, current), scrollbar=False)
    parts.append(ctx.node("row", kind="splitter", children=[side, table], intent={"weight": 1}))
    n_sel = sum(1 for r in rows if r.state.get("selected"))
    right = [ui(ctx, "selected_items", n=n_sel)] if n_sel else []
    parts.append(statusbar(ctx, ui(ctx, "items", n=len(rows)), right + [ui(ctx, "free", n=ctx.between(2, 900))]))
    return ctx.node("screen", children=parts, window="main", intent={"direction": "column"})


register(Grammar("filebrowser", build, "File browsers: path bar, folder tree, detail table, status bar",
                 renderers=("desktop",)))
