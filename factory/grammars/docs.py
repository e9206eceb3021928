"""Documentation pages: a top bar with search, a left navigation tree of sections and pages, the page (breadcrumbs,
headings, paragraphs, a code block with a copy button, a note or warning), a right "On this page" table of contents
on wide screens, and previous/next links."""

from factory.core.layout import Node
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.rules import (badge, button, column, heading, icon, icon_button, link, paragraph, row, spacer,
                                    text)
from factory.grammars.site_rules import block, page_body, site_header, site_name

SECTIONS = ("getting_started", "guides", "api_reference", "examples", "configuration", "resources", "help")
PAGES = ("introduction", "installation", "configuration", "examples", "settings", "security", "export", "upload")
DOCS_NAV = ("guides", "api_reference", "examples", "blog", "help")
CODE_WORDS = ("import", "const", "def", "return", "await", "export", "let", "from", "class", "print")


def nav_tree(ctx: Ctx) -> Node:
    """Sections (small headers) with their pages (links, one current); a version picker on top perhaps. Links, as in
    real documentation (Sphinx, Javadoc, Doxygen, kits' docs: a <nav> of <a>, ARIA role link, and so labelled in the
    real-world set), not menu items: a menu (role=menuitem) is a list of commands that pops up or sits in a menu bar."""
    c = ctx.content
    parts: list[Node] = []
    if ctx.chance(0.4):
        parts.append(ctx.node("dropdown", text=f"v{ctx.between(1, 9)}.{ctx.between(0, 20)}"))
    sections = ctx.rng.sample(SECTIONS, ctx.between(2, 4))
    pages = [ctx.rng.sample(PAGES, ctx.between(2, 5)) for _ in sections]
    current = ctx.between(0, len(sections) - 1)
    current = (current, ctx.between(0, len(pages[current]) - 1))
    for si, key in enumerate(sections):
        items = [ctx.node("link", text=c.ui(p) if ctx.chance(0.6) else c.word(),
                          state={"selected": (si, pi) == current}) for pi, p in enumerate(pages[si])]
        parts.append(column(ctx, [text(ctx, c.ui(key), "header")] + items, gap=0))
    return block(ctx, "docnav", parts, gap=3, padding=True)


def code_block(ctx: Ctx) -> Node:
    c = ctx.content
    lines, depth = [], 0
    for _ in range(ctx.between(2, 7)):
        indent = "    " * depth
        depth = max(0, min(depth + ctx.pick((-1, 0, 0, 1)), 2))
        kw = ctx.pick(CODE_WORDS)
        lines.append(text(ctx, f"{indent}{kw} {c.word().lower()}_{c.word().lower()}({ctx.between(0, 99)})"))
    top = row(ctx, [text(ctx, ctx.pick(("python", "bash", "js", "ts", "yaml")), "muted"), spacer(ctx),
                    icon_button(ctx, "download", c.ui("copy"))], gap=1)
    return block(ctx, "code", ([top] if ctx.chance(0.6) else []) + lines, gap=0)


def note(ctx: Ctx) -> Node:
    c = ctx.content
    key = ctx.pick(("note", "tip", "warning"))
    return block(ctx, "note", [icon(ctx, "bell" if key == "warning" else "star"),
                               column(ctx, [text(ctx, c.ui(key), "label"), paragraph(ctx, (1, 1), (8, 18))],
                                      gap=0, weight=1)], direction="row", gap=2, align="start")


def page(ctx: Ctx) -> tuple[Node, list[str]]:
    c = ctx.content
    crumbs = [link(ctx, c.ui("docs")), text(ctx, "/", "muted"), link(ctx, c.ui(ctx.pick(SECTIONS)))]
    parts: list[Node] = [row(ctx, crumbs, gap=1)]
    title = row(ctx, [heading(ctx, c.title(ctx.between(1, 4)), level=1), spacer(ctx)]
                + ([badge(ctx, f"v{ctx.between(1, 9)}.{ctx.between(0, 9)}")] if ctx.chance(0.3) else []), gap=2)
    parts += [title, text(ctx, c.sentence(ctx.between(10, 22)), "muted")]
    toc: list[str] = []
    for i in range(ctx.between(2, 3)):
        sub = c.title(ctx.between(1, 4))
        toc.append(sub)
        parts.append(heading(ctx, sub, level=2))
        parts.append(paragraph(ctx, (1, 3), (8, 16)))
        extras = [code_block, note] if ctx.chance(0.6) else [note, code_block]
        for rule in extras:
            if ctx.chance(0.75 if rule is code_block else 0.45):
                parts.append(rule(ctx))
    prev_next = row(ctx, [button(ctx, f"← {c.ui('previous')}", "secondary", with_icon=False), spacer(ctx),
                          button(ctx, f"{c.ui('next')} →", "secondary", with_icon=False)], gap=2)
    parts.append(prev_next)
    if ctx.chance(0.5):
        parts.append(row(ctx, [link(ctx, c.ui("edit_page")), spacer(ctx), text(ctx, c.date(), "muted")], gap=2))
    return column(ctx, parts, gap=2, padding=True, width="article"), toc


def toc_column(ctx: Ctx, subs: list[str]) -> Node:
    c = ctx.content
    items = [link(ctx, s) for s in subs]
    return block(ctx, "toc", [text(ctx, c.ui("on_this_page"), "header")] + items, gap=1)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    name = site_name(ctx)
    header = site_header(ctx, name if ctx.mobile else f"{name} {c.ui('docs')}", DOCS_NAV,
                         search=True, actions=ctx.chance(0.4))
    main, subs = page(ctx)
    if ctx.mobile:
        body = page_body(ctx, [main])
        return ctx.node("screen", children=[header, body], intent={"direction": "column"})
    right = [column(ctx, [toc_column(ctx, subs)], padding=True)] if ctx.chance(0.7) else []
    center = page_body(ctx, [main, spacer(ctx)] + right, direction="row", align="start")
    body = row(ctx, [nav_tree(ctx), center], gap=0, align="stretch", weight=1)
    return ctx.node("screen", children=[header, body], intent={"direction": "column"})


register(Grammar("docs", build, "Documentation: search bar, nav tree, headings, code, notes, table of contents"))
