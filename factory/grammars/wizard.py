"""Setup wizards: a title bar, a side watermark or a header, one page (welcome, licence, destination,
components, progress, finish) and Back / Next / Cancel."""

from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.desktop_rules import app_name, dialog_buttons, titlebar, tree_item, ui
from factory.grammars.rules import button, check, column, heading, row, text
from factory.core.layout import Node

PAGES = {"welcome": 1, "license": 1.2, "destination": 1.2, "components": 1, "installing": 1.2, "finish": 1}


def page_body(ctx: Ctx, kind: str, app: str) -> list[Node]:
    c = ctx.content
    if kind == "welcome":
        return [text(ctx, ui(ctx, "welcome_text")), text(ctx, c.sentence(ctx.between(10, 20)))]
    if kind == "license":
        terms = "\n\n".join(c.sentence(ctx.between(12, 30)) for _ in range(ctx.between(3, 6)))
        accepted = ctx.chance(0.5)
        return [ctx.node("text_input", input_type="multiline", value=terms, editor=True, intent={"weight": 1},
                         state={"filled": True}),
                column(ctx, [check(ctx, "radio", ui(ctx, "accept"), checked=accepted),
                             check(ctx, "radio", ui(ctx, "decline"), checked=not accepted)], gap=1)]
    if kind == "destination":
        path = f"C:\\Program Files\\{app}" if ctx.chance(0.5) else f"/opt/{app.split()[0].lower()}"
        return [text(ctx, ui(ctx, "dest_sub", app=app)),
                row(ctx, [ctx.node("text_input", value=path, placeholder=path, intent={"weight": 1},
                                   state={"filled": True, "focused": ctx.chance(0.3)}),
                          button(ctx, ui(ctx, "browse"), "secondary", with_icon=False)], gap=2),
                text(ctx, ui(ctx, "space", n=ctx.between(40, 900)), "muted")]
    if kind == "components":
        items = []
        for _ in range(ctx.between(3, 7)):
            items.append(tree_item(ctx, c.title(ctx.between(1, 3)), ctx.pick(("file", "folder", "build")), 0,
                                   selected=ctx.chance(0.15)))
        return [text(ctx, ui(ctx, "components_sub")), ctx.node("column", kind="tree", children=items,
                                                                   intent={"weight": 1}),
                text(ctx, ui(ctx, "space", n=ctx.between(40, 900)), "muted")]
    if kind == "installing":
        log = "\n".join(f"{ui(ctx, 'extracting')} {c.word().lower()}.{ctx.pick(('dll', 'so', 'dat', 'json'))}"
                        for _ in range(ctx.between(3, 9)))
        return [text(ctx, ui(ctx, "extracting")), ctx.node("progress_bar", value=ctx.between(3, 97), show_text=True),
                ctx.node("text_input", input_type="multiline", value=log, editor=True, mono=True,
                         intent={"weight": 1}, state={"filled": True})]
    return [text(ctx, ui(ctx, "finish_text", app=app)), check(ctx, "checkbox", ui(ctx, "launch", app=app))]


def build(ctx: Ctx) -> Node:
    app = app_name(ctx)
    kind = ctx.choose(PAGES)
    title_key = {"welcome": "welcome", "license": "license_title", "destination": "dest_title",
                 "components": "components_title", "installing": "installing_title", "finish": "finish_title"}[kind]
    head = [heading(ctx, ui(ctx, title_key, app=app), level=3)]
    if kind in ("license", "components", "installing"):
        sub = {"license": "license_sub", "components": "components_sub", "installing": "installing_sub"}[kind]
        head.append(text(ctx, ui(ctx, sub, app=app), "muted"))
    content = column(ctx, head + page_body(ctx, kind, app), gap=2, weight=1, padding=True)
    if kind in ("welcome", "finish") or ctx.chance(0.3):
        side = ctx.node("image", kind="watermark", aspect="1:2", width=ctx.between(140, 180),
                        pattern=ctx.between(0, 10**6))
        body = row(ctx, [side, content], gap=0, align="stretch", weight=1)
    else:
        body = column(ctx, [content], gap=0, weight=1)
    first, last = kind == "welcome", kind == "finish"
    buttons = dialog_buttons(ctx, ["back", "finish" if last else "next_step", "cancel"],
                             "finish" if last else "next_step", disabled=("back",) if first else ())
    parts = [titlebar(ctx, ui(ctx, "setup_title", app=app)), body, buttons]
    dialog = ctx.node("dialog", children=parts, width=ctx.pick(("lg", "md")), intent={"gap": 2})
    return ctx.node("screen", children=[dialog], window="desktop", intent={"direction": "column"})


register(Grammar("wizard", build, "Setup wizards on the desktop: one page, Back / Next / Cancel",
                 renderers=("desktop",)))
