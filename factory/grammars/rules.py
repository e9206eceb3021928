"""Shared, weighted, recursive rules that the screen families compose.

Every rule takes the context first and returns a Node; every random decision goes through ctx (but a paragraph's
set-apart words: a stream of their own, see `paragraph`).
"""

from __future__ import annotations

import random
from dataclasses import replace

from factory.core.seeding import derive_seed
from factory.grammars.base import Ctx
from factory.grammars.mobile_rules import phone_extras
from factory.core.layout import Node

ICONS = ("home", "search", "settings", "bell", "user", "chart", "menu", "close", "chevron", "heart",
         "star", "trash", "edit", "download", "plus", "mail", "calendar", "folder", "filter", "more")
NAV_KEYS = ("home", "dashboard", "orders", "customers", "products", "reports", "messages", "settings", "help")


def row(ctx: Ctx, children, gap: int = 2, align: str = "center", **intent) -> Node:
    return ctx.node("row", children=children, intent={"direction": "row", "gap": gap, "align": align, **intent})


def column(ctx: Ctx, children, gap: int = 2, **intent) -> Node:
    return ctx.node("column", children=children, intent={"direction": "column", "gap": gap, **intent})


def spacer(ctx: Ctx) -> Node:
    return ctx.node("spacer", intent={"weight": 1})


# --- leaves -----------------------------------------------------------------------------------

def heading(ctx: Ctx, text: str, level: int = 2) -> Node:
    return ctx.node("heading", text=text, level=level)


def text(ctx: Ctx, value: str, variant: str = "body") -> Node:
    return ctx.node("text", text=value, variant=variant)


def icon(ctx: Ctx, name: str | None = None) -> Node:
    return ctx.node("icon", icon=name or ctx.pick(ICONS))


def icon_button(ctx: Ctx, name: str | None = None, label: str = "") -> Node:
    name = name or ctx.pick(ICONS)
    return ctx.node("icon_button", icon=name, label=label or name,
                    state={"disabled": ctx.chance(0.05), "focused": ctx.chance(0.03)})


def button(ctx: Ctx, label: str, variant: str | None = None, with_icon: bool | None = None) -> Node:
    variant = variant or ctx.choose({"primary": 3, "secondary": 2, "text": 1, "danger": 0.3})
    leading = ctx.pick(ICONS) if (ctx.chance(0.25) if with_icon is None else with_icon) else None
    return ctx.node("button", text=label, variant=variant, icon=leading,
                    state={"disabled": ctx.chance(0.08), "focused": ctx.chance(0.04)})


def badge(ctx: Ctx, label: str | None = None) -> Node:
    c = ctx.content
    tone, key = ctx.pick((("success", "active"), ("warning", "pending"), ("neutral", "archived"), ("info", "new")))
    return ctx.node("badge", text=label or c.ui(key), tone=tone)


def avatar(ctx: Ctx) -> Node:
    return ctx.node("image", kind="avatar", initials=ctx.content.name()[:1], pattern=ctx.between(0, 10**6))


def picture(ctx: Ctx, kind: str | None = None, aspect: str | None = None) -> Node:
    kind = kind or ctx.choose({"photo": 3, "chart-bar": 1, "chart-line": 1, "chart-pie": 0.5})
    aspect = aspect or ctx.pick(("16:9", "4:3", "1:1", "3:2"))
    return ctx.node("image", kind=kind, aspect=aspect, pattern=ctx.between(0, 10**6))


def link(ctx: Ctx, label: str) -> Node:
    return ctx.node("link", text=label, state={"focused": ctx.chance(0.03)})


# Share of running-text paragraphs that carry inline links: on the real-world development set 44% of the links
# whose parent is known sit inside a paragraph of text.
INLINE_LINK_SHARE = 0.4
# Share of running-text paragraphs that set 1-3 spans of their words apart as documentation and articles do (code,
# bold, italic, highlighted, keys): words that look unlike their paragraph and are not links. Inline links alone
# taught the detector to box plain words in running text as links (benchmarks/README.md, "Inline links in running
# text"); these are the words it must learn to leave alone. Weights: how often each tag (TEXT_MARKS) is drawn.
EMPHASIS_SHARE = 0.4
EMPHASIS_TAGS = {"code": 3.0, "strong": 2.0, "em": 2.0, "mark": 0.5, "kbd": 0.5}
# Share of running-text paragraphs drawn in a muted tone (prop tone="muted": grey on light pages, dimmed on dark), as
# real sites often set their body text and leads (Bootstrap's text-secondary, blog templates' #6c757d): the links in
# them keep the link colour. The detector boxed the words of such paragraphs as links (in 24 synthetic screens, grey
# paragraphs drew 1.7 times as many false links inside running text as the same screens in the style's own tone).
MUTED_PROSE_SHARE = 0.3


Spans = dict[tuple[int, int], int]  # (sentence, first word) -> end word (exclusive)


def _spans(rng: random.Random, sents: list, count: int, taken: Spans) -> Spans:
    """Up to `count` spans of 1-4 words of `sents`, none overlapping nor touching another here or in `taken`: two
    spans always have words between them."""
    spans: Spans = {}
    for _ in range(count):
        si = rng.randint(0, len(sents) - 1)
        n = len(sents[si][0])
        k = rng.randint(1, min(4, n))
        start = rng.randint(0, n - k)
        if all(s != si or start > e or start + k < b for (s, b), e in (taken | spans).items()):
            spans[(si, start)] = start + k
    return spans


def marked_text(ctx: Ctx, words: str, marks: list) -> Node:
    """A `text` of `words` with spans drawn apart (prop `marks`: [0, start, end, tag], tag of TEXT_MARKS or a code
    line's SYNTAX_MARKS), its one run the whole words; a plain text when there are none."""
    if not marks:
        return text(ctx, words)
    return ctx.node("text", text=words, variant="body", runs=[words], marks=marks)


def paragraph(ctx: Ctx, sentences: tuple[int, int], words: tuple[int, int], variant: str = "body",
              link_share: float = INLINE_LINK_SHARE) -> Node:
    """Running text of `sentences` sentences of `words` words each. A seeded share of paragraphs carries 1-3 inline
    links of 1-4 of its words, and a share sets 1-3 spans of 1-4 words apart (EMPHASIS_TAGS). Such a `text` node has
    the prop `runs`: the words between its links (len(children) + 1 strings, spaces included), so that runs[0] +
    link0 + runs[1] + ... is `text`, and its `link` children; set-apart words are the prop `marks`, a list of
    [run, start, end, tag]: runs[run][start:end] drawn in <tag>.
    The marks are drawn from a stream of their own, seeded by the paragraph's words: the screen's other draws are
    what they were before marks existed (with EMPHASIS_SHARE = 0 a screen is the one drawn without them). So is the
    paragraph's tone (prop `tone`: "muted" for a share MUTED_PROSE_SHARE), from a stream of its own too.
    Web grammars only: the desktop and game renderers draw a text's words, not the parts inside them."""
    c = ctx.content
    sents = [c.sentence_words(ctx.between(*words)) for _ in range(ctx.between(*sentences))]
    spans = _spans(ctx.rng, sents, ctx.between(1, 3), {}) if ctx.chance(link_share) else {}
    marked: dict[tuple[int, int], tuple[int, str]] = {}
    all_words = [w for ws, _, _ in sents for w in ws]
    own = random.Random(derive_seed("emphasis", *all_words))
    if own.random() < EMPHASIS_SHARE:
        tags = list(EMPHASIS_TAGS)
        for key, end in _spans(own, sents, own.randint(1, 3), spans).items():
            marked[key] = (end, own.choices(tags, weights=[EMPHASIS_TAGS[t] for t in tags])[0])
    toned = random.Random(derive_seed("tone", *all_words))
    tone = "muted" if toned.random() < MUTED_PROSE_SHARE else None
    runs, links, marks, cur = [], [], [], ""
    for si, (ws, conn, stop) in enumerate(sents):
        cur += " " if si else ""
        i = 0
        while i < len(ws):
            cur += conn if i else ""
            if (si, i) in spans:
                end = spans[(si, i)]
                runs.append(cur)
                links.append(conn.join(ws[i:end]))
                cur, i = "", end
            elif (si, i) in marked:
                end, tag = marked[(si, i)]
                words_ = conn.join(ws[i:end])
                marks.append([len(runs), len(cur), len(cur) + len(words_), tag])
                cur, i = cur + words_, end
            else:
                cur += ws[i]
                i += 1
        cur += stop
    runs.append(cur)
    if not links and not marks:
        return ctx.node("text", text=cur, variant=variant, tone=tone)
    children = [link(ctx, words_) for words_ in links]
    return ctx.node("text", text="".join(r + w for r, w in zip(runs, links + [""])), children=children,
                    variant=variant, runs=runs, marks=marks or None, tone=tone)


# --- form controls ------------------------------------------------------------------------------

def text_field(ctx: Ctx, label_key: str, input_type: str = "text", value: str | None = None,
               error_key: str | None = None) -> Node:
    """A label, an input (filled or showing its placeholder) and perhaps a validation error."""
    c = ctx.content
    filled = ctx.chance(0.45)
    invalid = ctx.chance(0.12)
    if value is None:
        value = {"email": c.email(), "password": "••••••••", "search": c.word()}.get(input_type, c.name())
    field = ctx.node(
        "text_input", input_type=input_type, placeholder=c.ui(label_key),
        value=value if filled else None,
        state={"filled": filled, "invalid": invalid, "disabled": not invalid and ctx.chance(0.06),
               "focused": ctx.chance(0.08)},
    )
    parts = [text(ctx, c.ui(label_key), "label"), field]
    if invalid:
        parts.append(text(ctx, c.ui(error_key or "required"), "error"))
    return column(ctx, parts, gap=1)


def check(ctx: Ctx, role: str, label: str, checked: bool | None = None) -> Node:
    return ctx.node(role, text=label, state={
        "checked": ctx.chance(0.5) if checked is None else checked,
        "disabled": ctx.chance(0.08), "focused": ctx.chance(0.04)})


def radio_group(ctx: Ctx, labels: list[str]) -> Node:
    chosen = ctx.between(0, len(labels) - 1)
    direction = "row" if not ctx.mobile and ctx.chance(0.5) else "column"
    radios = [check(ctx, "radio", lab, checked=i == chosen) for i, lab in enumerate(labels)]
    return ctx.node(direction, children=radios, intent={"direction": direction, "gap": 2, "align": "start"})


def slider(ctx: Ctx) -> Node:
    return ctx.node("slider", value=ctx.between(0, 100), state={"disabled": ctx.chance(0.08)})


def dropdown(ctx: Ctx, value: str) -> Node:
    return ctx.node("dropdown", text=value, state={"disabled": ctx.chance(0.06), "focused": ctx.chance(0.04)})


def spinbox(ctx: Ctx) -> Node:
    return ctx.node("spinbox", value=ctx.between(0, 99), state={"disabled": ctx.chance(0.06)})


def date_picker(ctx: Ctx) -> Node:
    return ctx.node("date_picker", value=ctx.content.date(), state={"disabled": ctx.chance(0.06)})


def setting_control(ctx: Ctx) -> Node:
    """One settings line: a label with a control of a weighted random kind."""
    c = ctx.content
    kind = ctx.choose({"switch": 4, "checkbox": 2, "slider": 1.5, "dropdown": 2, "spinbox": 1, "date": 0.7,
                       "radio": 1})
    label = text(ctx, c.title(ctx.between(2, 4)), "label")
    if kind == "switch":
        control = check(ctx, "switch", "")
    elif kind == "checkbox":
        return check(ctx, "checkbox", c.sentence(ctx.between(3, 6)).rstrip("."))
    elif kind == "slider":
        control = slider(ctx)
    elif kind == "dropdown":
        control = dropdown(ctx, ctx.pick((c.city(), c.word(), c.ui("all"))))
    elif kind == "spinbox":
        control = spinbox(ctx)
    elif kind == "date":
        control = date_picker(ctx)
    else:
        return column(ctx, [label, radio_group(ctx, [c.word() for _ in range(ctx.between(2, 4))])], gap=1)
    if ctx.mobile or ctx.chance(0.6):
        return row(ctx, [column(ctx, [label, text(ctx, c.sentence(5), "muted")], gap=0, weight=1), control],
                   gap=3, align="center")
    return column(ctx, [label, control], gap=1)


# --- navigation -------------------------------------------------------------------------------

def navbar(ctx: Ctx, title: str) -> Node:
    c = ctx.content
    left = [icon_button(ctx, "menu", c.ui("home"))] if ctx.mobile or ctx.chance(0.3) else []
    left.append(heading(ctx, title, level=3))
    right: list[Node] = []
    if not ctx.mobile and ctx.chance(0.6):
        right.append(ctx.node("text_input", input_type="search", placeholder=c.ui("search"),
                              state={"focused": ctx.chance(0.05)}))
    if not ctx.mobile:
        right += [link(ctx, c.ui(k)) for k in ctx.rng.sample(NAV_KEYS, ctx.between(0, 3))]
    right.append(icon_button(ctx, "bell", c.ui("notifications")))
    if ctx.chance(0.5):
        right.append(badge(ctx, str(ctx.between(1, 99))))
    right.append(avatar(ctx))
    return ctx.node("toolbar", children=[row(ctx, left + [spacer(ctx)] + right, gap=2)], kind="navbar")


def sidebar(ctx: Ctx) -> Node:
    c = ctx.content
    keys = ctx.rng.sample(NAV_KEYS, ctx.between(4, 7))
    active = ctx.between(0, len(keys) - 1)
    items = [ctx.node("menu_item", text=c.ui(k), icon=k if k in ICONS else ctx.pick(ICONS),
                      state={"selected": i == active}) for i, k in enumerate(keys)]
    return ctx.node("toolbar", children=[column(ctx, items, gap=1)], kind="sidebar")


def bottom_nav(ctx: Ctx) -> Node:
    c = ctx.content
    keys = ctx.rng.sample(NAV_KEYS, 4)
    active = ctx.between(0, 3)
    items = [ctx.node("tab", text=c.ui(k), icon=k if k in ICONS else ctx.pick(ICONS),
                      state={"selected": i == active}) for i, k in enumerate(keys)]
    return ctx.node("toolbar", children=[row(ctx, items, gap=0, align="stretch")], kind="bottom")


def tabs(ctx: Ctx, labels: list[str]) -> Node:
    active = ctx.between(0, len(labels) - 1)
    return row(ctx, [ctx.node("tab", text=lab,
                              state={"selected": i == active, "disabled": i != active and ctx.chance(0.05)})
                     for i, lab in enumerate(labels)], gap=0, align="end", kind="tabs")


def pagination(ctx: Ctx) -> Node:
    c = ctx.content
    pages = ctx.between(2, 3) if ctx.mobile else ctx.between(3, 7)
    current = ctx.between(1, pages)
    items = [icon_button(ctx, "chevron", c.ui("previous"))]
    items += [ctx.node("button", text=str(p), variant="text" if p != current else "primary",
                       state={"selected": p == current}) for p in range(1, pages + 1)]
    items.append(icon_button(ctx, "chevron", c.ui("next")))
    if ctx.mobile:
        return row(ctx, [spacer(ctx)] + items + [spacer(ctx)], gap=1)
    return row(ctx, [text(ctx, c.ui("rows_per_page"), "muted"), dropdown(ctx, str(ctx.pick((10, 25, 50)))),
                     spacer(ctx)] + items, gap=1)


def app_shell(ctx: Ctx, title: str, content: Node) -> Node:
    """Navbar on top; a sidebar beside the content on desktop, a bottom navigation on mobile (where a FAB or an open
    sheet may come too: mobile_rules.phone_extras)."""
    if ctx.mobile:
        parts = [navbar(ctx, title), content]
        if ctx.chance(0.7):
            parts.append(bottom_nav(ctx))
        return ctx.node("screen", children=phone_extras(ctx, parts), intent={"direction": "column"})
    body = [sidebar(ctx), content] if ctx.chance(0.8) else [content]
    top = navbar(ctx, title)
    body[-1] = pane_scrollbar(ctx, title, content)
    return ctx.node("screen", children=[top, row(ctx, body, gap=0, align="stretch", weight=1)],
                    intent={"direction": "column"})


PANE_SCROLLBAR_SHARE = 0.5  # desktop app shells whose scrolling content pane shows its vertical scrollbar


def pane_scrollbar(ctx: Ctx, title: str, content: Node) -> Node:
    """`content`, if it is a scrolling column, with its own vertical scrollbar (a child of role scrollbar, which the
    desktop renderer binds to the area's bar and the web page lays along the pane's right edge) in
    PANE_SCROLLBAR_SHARE of screens. Long upright boxes are otherwise almost absent from UI screens, and a detector
    that never sees them cannot regress their length (benchmarks/README "Round 8"). Decided by a stream of its own
    (seeded by the title and the content's id), so the rest of the screen is the one it was without the bar."""
    if content.role != "column" or not content.intent.get("scroll"):
        return content
    own = random.Random(derive_seed("pane scrollbar", title, content.id))
    if own.random() >= PANE_SCROLLBAR_SHARE:
        return content
    bar = ctx.node("scrollbar", value=own.randint(0, 100), size=own.randint(15, 70))
    # The pane is scrolled to where its bar says (factory.core.actions reads and moves the two together).
    return replace(content, children=(*content.children, bar),
                   intent={**content.intent, "scroll_y": bar.props["value"]})


# --- containers, recursive ----------------------------------------------------------------------

def card(ctx: Ctx, children, title: str | None = None) -> Node:
    head = [heading(ctx, title, level=4)] if title else []
    return ctx.node("card", children=head + list(children), elevated=ctx.chance(0.6),
                    intent={"direction": "column", "gap": 2})


def stat_card(ctx: Ctx) -> Node:
    c = ctx.content
    value = ctx.pick((c.price(100, 90000), c.number(), c.percent()))
    top = row(ctx, [text(ctx, c.ui(ctx.pick(("revenue", "users", "orders", "customers"))), "muted"), spacer(ctx),
                    icon(ctx)])
    return card(ctx, [top, text(ctx, value, "value"), badge(ctx, c.percent())])


def chart_card(ctx: Ctx) -> Node:
    c = ctx.content
    parts = [picture(ctx, ctx.pick(("chart-bar", "chart-line", "chart-pie")), "16:9")]
    if ctx.chance(0.5):
        parts.insert(0, tabs(ctx, [c.word() for _ in range(ctx.between(2, 4))]))
    return card(ctx, parts, title=c.title(2))


def list_card(ctx: Ctx) -> Node:
    c = ctx.content
    items = []
    for i in range(ctx.between(3, 6)):
        cells = [avatar(ctx), column(ctx, [text(ctx, c.name()), text(ctx, c.job(), "muted")], gap=0, weight=1)]
        if ctx.chance(0.5):
            cells.append(badge(ctx))
        else:
            cells.append(text(ctx, c.date(), "muted"))
        items.append(ctx.node("list_item", children=[row(ctx, cells, gap=2)], state={"selected": ctx.chance(0.1)}))
    body = column(ctx, items, gap=0)
    if ctx.chance(0.3):
        body = row(ctx, [body, ctx.node("scrollbar", value=ctx.between(0, 100), size=ctx.between(20, 60))],
                   gap=0, align="stretch")
    return card(ctx, [body], title=c.ui(ctx.pick(("messages", "customers", "users"))))


def progress_card(ctx: Ctx) -> Node:
    c = ctx.content
    lines = [column(ctx, [row(ctx, [text(ctx, c.word()), spacer(ctx), text(ctx, f"{v}%", "muted")]),
                          ctx.node("progress_bar", value=v)], gap=1)
             for v in (ctx.between(0, 100) for _ in range(ctx.between(2, 4)))]
    return card(ctx, lines, title=c.title(2))


def data_table(ctx: Ctx, n_rows: int | None = None) -> Node:
    """A table: a header row of column titles, then rows with cells of mixed kinds."""
    c = ctx.content
    cols = ["name", "status", "date", "amount"][: ctx.between(3, 4) if not ctx.mobile else 3]
    select = ctx.chance(0.5)
    actions = not ctx.mobile and ctx.chance(0.4)
    header = [text(ctx, c.ui(k), "header") for k in cols]
    if actions:
        header.append(text(ctx, c.ui("edit"), "header"))
    if select:
        header.insert(0, check(ctx, "checkbox", "", checked=False))
    rows = [ctx.node("row", children=header, intent={"direction": "row"}, header=True)]
    for _ in range(n_rows if n_rows is not None else ctx.between(4, 9)):
        cells = {"name": text(ctx, ctx.pick((c.name(), c.company()))), "status": badge(ctx),
                 "date": text(ctx, c.date()), "amount": text(ctx, c.price())}
        cell_nodes = [cells[k] for k in cols]
        if select:
            cell_nodes.insert(0, check(ctx, "checkbox", ""))
        if actions:
            cell_nodes.append(icon_button(ctx, ctx.pick(("edit", "trash", "more"))))
        rows.append(ctx.node("list_item", children=cell_nodes, state={"selected": ctx.chance(0.1)}, cells=True))
    return ctx.node("table", children=rows)


LEAF_PANELS = {stat_card: 3, chart_card: 2, list_card: 1.5, progress_card: 1}


def panel(ctx: Ctx, depth: int = 0) -> Node:
    """Recursive: a leaf card, or a row/column split into more panels (at most 3 levels of splits)."""
    split = ctx.chance(0.55 if depth < 2 else 0.0)
    if not split:
        return ctx.choose(LEAF_PANELS)(ctx)
    n = ctx.between(2, 3 if not ctx.mobile else 2)
    children = [panel(ctx, depth + 1) for _ in range(n)]
    if ctx.mobile or depth % 2 == 1:
        return column(ctx, children, gap=3)
    return ctx.node("grid", children=children, intent={"columns": n, "gap": 3})


def dialog(ctx: Ctx, kind: str | None = None) -> Node:
    """A modal dialog: title, body, perhaps a small form, and an action row."""
    c = ctx.content
    kind = kind or ctx.choose({"confirm": 3, "form": 2, "alert": 1})
    head = row(ctx, [heading(ctx, c.title(3), level=3), spacer(ctx), icon_button(ctx, "close", c.ui("close"))])
    body: list[Node] = [text(ctx, c.sentence(ctx.between(8, 20)))]
    if kind == "form":
        body += [text_field(ctx, "name"), text_field(ctx, "email", "email", error_key="invalid_email")]
        if ctx.chance(0.5):
            body.append(check(ctx, "checkbox", c.ui("terms")))
    actions = [spacer(ctx), button(ctx, c.ui("cancel"), "text")]
    if kind != "alert":
        actions.append(button(ctx, c.ui(ctx.pick(("confirm", "save", "continue", "delete"))), "primary"))
    return ctx.node("dialog", children=[head] + body + [row(ctx, actions, gap=2)], intent={"gap": 3},
                    width=ctx.pick(("sm", "md")))
