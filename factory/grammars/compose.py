"""E-mail compose: To/Cc/Subject fields, a formatting toolbar of icon buttons, the body, attachment chips and
Send/Discard; a full mail-client page, a window over the inbox, or a phone's full-screen composer."""

from factory.core.layout import Node
from factory.grammars.app_rules import action, box
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (badge, button, column, dropdown, heading, icon, icon_button, link, navbar,
                                    row, spacer, text)

FORMAT = ("bold", "italic", "underline", "list", "link", "image")
FOLDERS = ("inbox", "sent", "drafts", "archived")


def field(ctx: Ctx, key: str, recipients: int = 0, extra: list[Node] | None = None) -> Node:
    c = ctx.content
    parts: list[Node] = [text(ctx, c.ui(key), "muted")]
    parts += [ctx.node("badge", text=c.name(), tone="neutral") for _ in range(recipients)]
    value = c.title(ctx.between(2, 6)) if key == "subject" and ctx.chance(0.7) else None
    if key != "subject" and not recipients and ctx.chance(0.5):
        value = c.email()
    parts.append(ctx.node("text_input", input_type="email" if key != "subject" else "text", value=value,
                          placeholder="" if key != "subject" else c.ui("subject"),
                          state={"filled": value is not None, "focused": ctx.chance(0.1)}))
    return box(ctx, "row", "field", parts + (extra or []), gap=1, align="center")


def format_bar(ctx: Ctx) -> Node:
    c = ctx.content
    tools: list[Node] = []
    if ctx.chance(0.5):
        tools.append(dropdown(ctx, ctx.pick(("Sans Serif", "Serif", "Arial", "14", "12"))))
    names = list(FORMAT[: ctx.between(3, 6)])
    tools += [icon_button(ctx, n, c.ui("edit")) for n in names]
    return ctx.node("toolbar", children=[row(ctx, tools, gap=1)], kind="format")


def attachment(ctx: Ctx) -> Node:
    c = ctx.content
    name = c.fake.file_name(category=ctx.pick(("office", "image", "text")))
    return box(ctx, "row", "chip", [icon(ctx, "paperclip"), link(ctx, name),
                                    text(ctx, f"{ctx.between(12, 980)} KB", "muted"),
                                    icon_button(ctx, "close", c.ui("remove"))], gap=1, align="center")


def compose_form(ctx: Ctx, window: bool) -> list[Node]:
    """The fields, toolbar, body, attachments and footer of a compose form."""
    c = ctx.content
    cc_links = [link(ctx, c.ui("cc")), link(ctx, c.ui("bcc"))] if ctx.chance(0.6) else []
    parts = [field(ctx, "to", ctx.choose({0: 2, 1: 3, 2: 1}), cc_links)]
    if not cc_links and ctx.chance(0.5):
        parts.append(field(ctx, "cc", ctx.between(0, 1)))
    parts.append(field(ctx, "subject"))
    bar_on_top = ctx.chance(0.5)
    if bar_on_top:
        parts.append(format_bar(ctx))
    body = " ".join(c.sentence(ctx.between(6, 16)) for _ in range(ctx.between(1, 5))) if ctx.chance(0.7) else None
    editor = ctx.node("text_input", input_type="multiline", placeholder=c.ui("message"), value=body,
                      state={"filled": body is not None, "focused": ctx.chance(0.3)})
    sizing = {} if window else {"weight": 1}  # a window is as tall as its content; a page's editor fills it
    parts.append(box(ctx, "column", "editor", [editor], gap=0, **sizing))
    if ctx.chance(0.5):
        parts.append(box(ctx, "row", "wrap", [attachment(ctx) for _ in range(ctx.between(1, 3))], gap=1))
    if not bar_on_top and not ctx.mobile:
        parts.append(format_bar(ctx))
    foot: list[Node] = [action(ctx, c.ui("send"), "send" if ctx.chance(0.4) else None)]
    if ctx.chance(0.4) and not ctx.mobile:
        foot.append(icon_button(ctx, "clock", c.ui("schedule_send")))
    foot.append(icon_button(ctx, "paperclip", c.ui("attach")))
    if not window or ctx.chance(0.5):
        foot.append(icon_button(ctx, "image", c.ui("photos")))
    if ctx.chance(0.5):
        foot.append(text(ctx, c.ui("draft_saved"), "muted"))
    foot.append(spacer(ctx))
    foot.append(icon_button(ctx, "trash", c.ui("discard")) if ctx.chance(0.6) else
                button(ctx, c.ui("discard"), "text", with_icon=False))
    return parts + [row(ctx, foot, gap=1)]


def window_head(ctx: Ctx) -> Node:
    c = ctx.content
    return row(ctx, [heading(ctx, c.ui("new_message"), level=4), spacer(ctx), icon_button(ctx, "minus", c.ui("close")),
                     icon_button(ctx, "close", c.ui("close"))], gap=1)


def folders(ctx: Ctx) -> Node:
    c = ctx.content
    active = ctx.between(0, len(FOLDERS) - 1)
    icons = {"inbox": "mail", "sent": "send", "drafts": "edit", "archived": "folder"}
    items: list[Node] = [action(ctx, c.ui("compose"), "edit")]
    for i, k in enumerate(FOLDERS):
        item = ctx.node("menu_item", text=c.ui(k), icon=icons[k], state={"selected": i == active})
        items.append(row(ctx, [item, spacer(ctx), badge(ctx, str(ctx.between(1, 99)))], gap=1)
                     if k == "inbox" and ctx.chance(0.6) else item)
    return ctx.node("toolbar", children=[column(ctx, items, gap=1)], kind="sidebar")


def build(ctx: Ctx) -> Node:
    c = ctx.content
    if ctx.mobile:
        top = row(ctx, [icon_button(ctx, "chevron-left", c.ui("close")), heading(ctx, c.ui("compose"), level=3),
                        spacer(ctx), icon_button(ctx, "paperclip", c.ui("attach")),
                        icon_button(ctx, "send", c.ui("send"))], gap=1)
        bar = ctx.node("toolbar", children=[top], kind="navbar")
        return ctx.node("screen", children=[bar, column(ctx, compose_form(ctx, False), gap=2, weight=1,
                                                        padding=True)], intent={"direction": "column"})
    if ctx.chance(0.45):
        from factory.grammars import inbox

        behind = inbox.build(ctx)
        window = ctx.node("dialog", children=[window_head(ctx), *compose_form(ctx, True)], intent={"gap": 2},
                          width="md")
        overlay = ctx.node("overlay", children=[window], dim=ctx.chance(0.5))
        return ctx.node("screen", children=[*behind.children, overlay], intent=behind.intent)
    if ctx.chance(0.5):  # a card that fills the pane, its editor taking the height left
        form = ctx.node("card", children=[window_head(ctx), *compose_form(ctx, False)], elevated=ctx.chance(0.6),
                        intent={"direction": "column", "gap": 2, "weight": 1})
    else:
        form = column(ctx, [heading(ctx, c.ui("new_message"), level=2), *compose_form(ctx, False)], gap=2, weight=1)
    body = row(ctx, [folders(ctx), column(ctx, [form], gap=0, weight=1, padding=True)], gap=0, align="stretch",
               weight=1)
    return ctx.node("screen", children=[navbar(ctx, c.company()), body], intent={"direction": "column"})


register(Grammar("compose", build, "E-mail compose: recipients, subject, formatting toolbar, body, attachments"))
