"""Preferences dialogs on the desktop: categories in a side list or in tabs, grouped settings (check boxes,
radio groups, combo and spin boxes, sliders, paths with a Browse button) and OK / Cancel / Apply."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.desktop_rules import app_name, dialog_buttons, form_row, titlebar, ui
from factory.grammars.rules import button, check, column, heading, radio_group, row, text
from factory.core.layout import Node

CATEGORIES = (("general", "settings"), ("appearance", "image"), ("editor", "edit"), ("network", "link"),
              ("advanced", "build"), ("updates", "refresh"), ("language", "mail"))
GROUP_WORDS = ("startup", "theme", "font", "autosave", "updates", "proxy", "cache", "editor", "general")


def setting(ctx: Ctx) -> Node:
    """One line of a settings group, of a weighted random kind."""
    c = ctx.content
    kind = ctx.choose({"check": 4, "combo": 3, "spin": 2, "radio": 1.2, "slider": 1, "path": 1, "date": 0.4,
                       "switch": 0.4})
    label = ui(ctx, ctx.pick(("font_size", "interval", "port", "cache", "theme", "font", "startup", "proxy")))
    if kind == "check":
        return check(ctx, "checkbox", ui(ctx, ctx.pick(("autosave", "line_numbers", "word_wrap", "auto_updates",
                                                         "restore"))))
    if kind == "combo":
        return form_row(ctx, label, ctx.node("dropdown", text=ctx.pick((c.word(), c.city(), ui(ctx, "general"))),
                                             state={"disabled": ctx.chance(0.06)}))
    if kind == "spin":
        return form_row(ctx, label, ctx.node("spinbox", value=ctx.between(1, 500),
                                             suffix=ctx.pick((None, " px", " MB", " s", " %")),
                                             state={"disabled": ctx.chance(0.06)}))
    if kind == "radio":
        return column(ctx, [text(ctx, label), radio_group(ctx, [c.word() for _ in range(ctx.between(2, 4))])], gap=1)
    if kind == "slider":
        return form_row(ctx, label, ctx.node("slider", value=ctx.between(0, 100)))
    if kind == "date":
        return form_row(ctx, label, ctx.node("date_picker", value=c.date()))
    if kind == "switch":
        return form_row(ctx, label, check(ctx, "switch", ""))
    path = f"/home/{c.word().lower()}/{c.word().lower()}"
    return column(ctx, [text(ctx, label), row(ctx, [
        ctx.node("text_input", value=path, placeholder=label, state={"filled": True, "focused": ctx.chance(0.1)},
                 intent={"weight": 1}),
        button(ctx, ui(ctx, "browse"), "secondary", with_icon=False)], gap=2)], gap=1)


def group(ctx: Ctx) -> Node:
    title = ui(ctx, ctx.pick(GROUP_WORDS))
    return ctx.node("card", children=[heading(ctx, title, level=4), *[setting(ctx) for _ in range(ctx.between(2, 4))]],
                    intent={"direction": "column", "gap": 2})


def page(ctx: Ctx, title: str) -> Node:
    return column(ctx, [heading(ctx, title, level=3), *[group(ctx) for _ in range(ctx.between(1, 3))]], gap=3,
                  weight=1)


def build(ctx: Ctx) -> Node:
    cats = ctx.rng.sample(CATEGORIES, ctx.between(3, 7))
    chosen = ctx.between(0, len(cats) - 1)
    title = ui(ctx, cats[chosen][0])
    if ctx.chance(0.55):
        nav = ctx.node("column", children=[ctx.node("menu_item", text=ui(ctx, k), icon=icon,
                                                    state={"selected": i == chosen})
                                           for i, (k, icon) in enumerate(cats)], intent={"gap": 0})
        body = row(ctx, [nav, page(ctx, title)], gap=3, align="start", weight=1)
    else:
        tabs = ctx.node("row", kind="tabs", children=[ctx.node("tab", text=ui(ctx, k), state={"selected": i == chosen})
                                                      for i, (k, _) in enumerate(cats)])
        body = ctx.node("column", kind="tabwidget", children=[tabs, page(ctx, title)], intent={"weight": 1})
    keys = ctx.pick((["ok", "cancel", "apply"], ["ok", "cancel"], ["apply", "close"]))
    extra = [button(ctx, ui(ctx, "reset"), "secondary", with_icon=False)] if ctx.chance(0.4) else []
    parts = [titlebar(ctx, f"{ui(ctx, 'preferences')} - {app_name(ctx)}")] if ctx.chance(0.8) else []
    parts += [body, dialog_buttons(ctx, keys, keys[0], extra)]
    dialog = ctx.node("dialog", children=parts, width=ctx.pick(("lg", "xl")), intent={"gap": 3})
    return ctx.node("screen", children=[dialog], window="desktop", intent={"direction": "column"})


register(Grammar("preferences", build, "Desktop preferences dialogs with grouped settings",
                 renderers=("desktop",)))
