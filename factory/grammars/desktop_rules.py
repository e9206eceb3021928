"""Rules shared by the desktop screen families: window furniture (title, menu, tool and status bars, docks),
trees, file lists, settings groups and dialog button rows. Desktop words come from
factory/data/desktop_strings.json in every locale; every random decision goes through ctx."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from factory.grammars.base import Ctx
from factory.grammars.rules import row, spacer, text
from factory.core.layout import Node

ICON_STRIP = ("new", "open", "save", "undo", "redo", "cut", "copy", "paste", "search", "zoom-in", "zoom-out",
              "print", "play", "stop", "bug", "build", "terminal", "git", "settings", "refresh")
# Menu contents: (word key, shortcut or None, icon or None); None starts a new group (a separator).
MENUS = {
    "file": [("new", "Ctrl+N", "new"), ("open", "Ctrl+O", "open"), ("open_recent", None, None), None,
             ("save", "Ctrl+S", "save"), ("save_as", "Ctrl+Shift+S", None), ("save_all", None, None), None,
             ("print", "Ctrl+P", "print"), None, ("close", "Ctrl+W", None), ("quit", "Ctrl+Q", None)],
    "edit": [("undo", "Ctrl+Z", "undo"), ("redo", "Ctrl+Y", "redo"), None, ("cut", "Ctrl+X", "cut"),
             ("copy", "Ctrl+C", "copy"), ("paste", "Ctrl+V", "paste"), ("delete", "Del", None), None,
             ("select_all", "Ctrl+A", None), ("find", "Ctrl+F", "search"), ("replace", "Ctrl+H", None)],
    "view": [("zoom_in", "Ctrl++", "zoom-in"), ("zoom_out", "Ctrl+-", "zoom-out"), ("full_screen", "F11", None),
             None, ("show_toolbar", None, None), ("show_statusbar", None, None)],
    "tools": [("preferences", "Ctrl+,", "settings"), ("terminal", None, "terminal"), ("check_updates", None, None)],
    "help": [("docs", "F1", None), ("check_updates", None, None), None, ("about", None, None)],
}
MENU_KEYS = ("go", "tools", "window", "insert", "format", "run", "project")
FILE_KINDS = {"folder": ("folder", "folder_type"), "txt": ("file-text", "text_type"),
              "png": ("file-image", "image_type"), "docx": ("file-text", "doc_type"),
              "zip": ("file", "archive_type"), "py": ("file-code", "code_type")}


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    return json.loads(resources.files("factory.data").joinpath("desktop_strings.json").read_text(encoding="utf-8"))


def ui(ctx: Ctx, key: str, **fmt) -> str:
    """A desktop UI word in the sample's locale (shared UI words come from Content.ui)."""
    words = _strings()[ctx.content.locale]
    return words[key].format(**fmt) if key in words else ctx.content.ui(key)


def app_name(ctx: Ctx) -> str:
    return f"{ctx.content.word()} {ctx.pick(('Studio', 'Editor', 'Pro', 'Manager', 'Writer', 'Desk'))}"


def file_name(ctx: Ctx, ext: str | None = None) -> str:
    ext = ext or ctx.pick(tuple(k for k in FILE_KINDS if k != "folder"))
    return f"{ctx.content.word().lower()}_{ctx.content.word().lower()}.{ext}"


def titlebar(ctx: Ctx, title: str) -> Node:
    """The window manager's title bar: app icon, title, minimise / maximise / close."""
    return ctx.node("toolbar", kind="titlebar", children=[
        ctx.node("icon", icon=ctx.pick(("folder", "file-code", "computer", "image")), size=16),
        text(ctx, title, "label"), spacer(ctx),
        *[ctx.node("icon_button", icon=f"window-{k}", label=k) for k in ("min", "max", "close")]])


def _menu_entries(ctx: Ctx, key: str) -> list[Node]:
    spec = MENUS.get(key, MENUS["tools"])
    entries, sep = [], False
    hover = ctx.between(0, len([s for s in spec if s])) if ctx.chance(0.7) else -1
    for item in spec:
        if item is None:
            sep = True
            continue
        word, shortcut, icon = item
        checkable = word.startswith("show_")
        entries.append(ctx.node("menu_item", text=ui(ctx, word), shortcut=shortcut, icon=icon,
                                separator_before=sep or None, checkable=checkable or None,
                                state={"checked": checkable and ctx.chance(0.7), "disabled": ctx.chance(0.1),
                                       "selected": len(entries) == hover}))
        sep = False
    return entries


def menubar(ctx: Ctx, open_chance: float = 0.35) -> Node:
    """File, Edit, View, a few more, Help; perhaps one menu open with its entries."""
    keys = ["file", "edit", "view", *ctx.rng.sample(MENU_KEYS, ctx.between(1, 3)), "help"]
    opened = ctx.between(0, len(keys) - 1) if ctx.chance(open_chance) else -1
    items = []
    for i, k in enumerate(keys):
        kids = _menu_entries(ctx, k) if i == opened else []
        items.append(ctx.node("menu_item", text=ui(ctx, k), children=kids, state={"expanded": i == opened}))
    return ctx.node("toolbar", kind="menubar", children=items)


def tool_strip(ctx: Ctx, n_low: int = 5, n_high: int = 10, extra: list[Node] | None = None) -> Node:
    """A main tool bar: icon buttons in groups split by separators, then perhaps a search field."""
    icons = ctx.rng.sample(ICON_STRIP, ctx.between(n_low, n_high))
    buttons = [ctx.node("icon_button", icon=name, label=name, separator_before=(i > 0 and ctx.chance(0.25)) or None,
                        state={"disabled": ctx.chance(0.08)}) for i, name in enumerate(icons)]
    return ctx.node("toolbar", kind="main", children=buttons + list(extra or []))


def statusbar(ctx: Ctx, left: str, right: list[str], progress: bool = False) -> Node:
    parts = [text(ctx, left, "muted"), spacer(ctx)]
    if progress:
        parts.append(ctx.node("progress_bar", value=ctx.between(5, 95), permanent=True))
    parts += [ctx.node("text", text=r, variant="muted", permanent=True) for r in right]
    return ctx.node("toolbar", kind="statusbar", children=parts)


def dock(ctx: Ctx, title: str, content: Node, area: str) -> Node:
    return ctx.node("card", kind="dock", area=area, children=[ctx.node("heading", text=title, level=5), content])


def tree_item(ctx: Ctx, label: str, icon: str, level: int, folder: bool = False, expanded: bool = False,
              selected: bool = False) -> Node:
    """One row of a tree view. Rows are flat in the layout (as they are on screen); `level` nests them and a
    collapsed folder shows an expand arrow without its (hidden, so absent) children."""
    return ctx.node("list_item", text=label, icon=icon, level=level, folder=folder or None,
                    state={"expanded": folder and expanded, "selected": selected})


def file_tree(ctx: Ctx, level: int = 0) -> list[Node]:
    """Folders (some expanded, showing their content one level deeper) and files, up to three levels."""
    out = []
    for _ in range(ctx.between(2, 5) if level else ctx.between(3, 6)):
        if level < 2 and ctx.chance(0.45):
            expanded = ctx.chance(0.55)
            out.append(tree_item(ctx, ctx.content.word().lower(), "folder", level, folder=True, expanded=expanded))
            if expanded:
                out += file_tree(ctx, level + 1)
        else:
            name = file_name(ctx)
            out.append(tree_item(ctx, name, FILE_KINDS[name.rsplit(".", 1)[1]][0], level, selected=ctx.chance(0.06)))
    return out


def tree_view(ctx: Ctx, items: list[Node], scrollbar: bool | None = None) -> Node:
    if scrollbar is None:
        scrollbar = ctx.chance(0.4)
    bar = [ctx.node("scrollbar", value=ctx.between(0, 40))] if scrollbar else []
    return ctx.node("column", kind="tree", children=items + bar, intent={"weight": 1})


def code_lines(ctx: Ctx, n: int) -> str:
    """Source-like text for editors: definitions, calls, comments in the sample's language."""
    c, lines, indent = ctx.content, [], 0
    for _ in range(n):
        kind = ctx.choose({"def": 1, "call": 3, "assign": 3, "comment": 1, "blank": 1, "return": 1})
        w = c.word().lower()
        if kind == "def":
            indent = 0
            lines.append(f"def {w}_{c.word().lower()}({c.word().lower()}, {c.word().lower()}):")
            indent = 1
        elif kind == "comment":
            lines.append("    " * indent + f"# {c.sentence(ctx.between(3, 7))}")
        elif kind == "blank":
            lines.append("")
        elif kind == "return":
            lines.append("    " * indent + f"return {w}")
            indent = 0
        elif kind == "assign":
            key, default = c.word().lower(), ctx.between(0, 99)
            lines.append("    " * indent + f"{w} = {c.word().lower()}.get(\"{key}\", {default})")
        else:
            lines.append("    " * indent + f"{w}.{c.word().lower()}({c.word().lower()})")
    return "\n".join(lines)


def form_row(ctx: Ctx, label: str, control: Node) -> Node:
    """A label beside its control, as in desktop settings forms."""
    return row(ctx, [text(ctx, label), spacer(ctx), control], gap=2)


def dialog_buttons(ctx: Ctx, keys: list[str], primary: str, extra_left: list[Node] | None = None,
                   disabled: tuple[str, ...] = ()) -> Node:
    """The button row of a dialog: optional widgets left, the buttons right, the primary one marked."""
    buttons = [ctx.node("button", text=ui(ctx, k), variant="primary" if k == primary else "secondary",
                        state={"disabled": k in disabled or (k == "apply" and ctx.chance(0.5)),
                               "focused": k == primary and ctx.chance(0.3)})
               for k in keys]
    return row(ctx, list(extra_left or []) + [spacer(ctx)] + buttons, gap=2)
