"""Documentation pages: a top bar with search, a left navigation tree of sections and pages, the page (breadcrumbs,
headings, paragraphs, a code block with a copy button, a note or warning; or a contents page: a nested bulleted list of
links, or a summary table of links and descriptions; or an API reference page, docs_reference), a right "On this page"
table of contents on wide screens, and previous/next links."""

from factory.core.layout import Node
from factory.grammars import bullet_lists
from factory.grammars.base import Ctx, Grammar, register
from factory.grammars.docs_reference import reference_page
from factory.grammars.rules import (badge, button, column, heading, icon, icon_button, link, marked_text, paragraph,
                                    row, spacer, text)
from factory.grammars.site_rules import block, page_body, site_header, site_name, site_screen

SECTIONS = ("getting_started", "guides", "api_reference", "examples", "configuration", "resources", "help")
PAGES = ("introduction", "installation", "configuration", "examples", "settings", "security", "export", "upload")
DOCS_NAV = ("guides", "api_reference", "examples", "blog", "help")
CODE_WORDS = ("import", "const", "def", "return", "await", "export", "let", "from", "class", "print")
# Code blocks (issue 12): the share drawn light (dark words on a pale tint, as Sphinx's and light themes' code) rather
# than light on dark, and the share whose tokens are coloured as a highlighter does (layout.SYNTAX_MARKS: blue function
# names on a light block, as Pygments draws them). The real-world development set's documentation is mostly light
# code with coloured tokens, and the detector boxed words of its code lines as links.
CODE_LIGHT_SHARE = 0.5
HIGHLIGHT_SHARE = 0.7
# Share of docs screens whose page is a contents page rather than an article: Sphinx's contents page (a toctree: a
# nested bulleted list of links), Javadoc's overview and package summaries, Doxygen's file and class lists. On the
# real-world development set 182 of the 325 jinja-docs links outside running text are such entries and were detected
# as text: the article pages never showed a list of links as a page's main content (issue 12).
CONTENTS_SHARE = 0.3
# Of contents pages, the share drawn as summary tables (Javadoc, Doxygen, Sphinx's autosummary: a row per page, its
# link then a short description) rather than bulleted lists. Desktop only: on a phone the names (a package's dotted
# name does not wrap) push the descriptions off the screen.
SUMMARY_SHARE = 0.3
# Share of docs screens that are an API reference page (docs_reference: Javadoc's class pages, Doxygen's indexes,
# Sphinx's autodoc), whose links are names glued into lines of code-like text; the rest are articles.
REFERENCE_SHARE = 0.3
# How many levels a bulleted contents list nests (a top-level list of sections alone; pages under some sections;
# their own sections under some pages), with weights.
CONTENTS_LEVELS = {1: 1.0, 2: 3.0, 3: 2.0}


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


def source_line(ctx: Ctx, indent: str, highlight: bool) -> Node:
    """A line of code in one of a few forms (a call, an assignment, a declaration, a comment), its tokens marked as a
    highlighter colours them (SYNTAX_MARKS) when `highlight`."""
    c = ctx.content

    def name() -> str:
        return f"{c.word().lower()}_{c.word().lower()}"

    form = ctx.pick(("call", "call", "assign", "declare", "comment"))
    tokens: list[tuple[str, str | None]] = [(indent, None)]
    if form == "comment":
        tokens.append((f"{ctx.pick(('#', '//'))} {c.sentence(ctx.between(3, 8))}", "com"))
    elif form == "assign":
        tokens += [(f"{name()} = ", None), (name(), "fn"), ("(", None), (str(ctx.between(0, 999)), "num"),
                   (", ", None), (f'"{c.word().lower()}"', "str"), (")", None)]
    elif form == "declare":
        tokens += [(ctx.pick(("def", "class", "function", "const", "let")), "kw"), (" ", None), (name(), "fn"),
                   (f"({name()}):" if ctx.chance(0.5) else " = {", None)]
    else:
        tokens += [(ctx.pick(CODE_WORDS), "kw"), (" ", None), (name(), "fn"), ("(", None),
                   (str(ctx.between(0, 99)), "num"), (")", None)]
        if ctx.chance(0.25):
            tokens.append((f"  # {c.sentence(ctx.between(2, 5))}", "com"))
    whole, marks = "", []
    for words, tag in tokens:
        if tag and highlight and words:
            marks.append([0, len(whole), len(whole) + len(words), tag])
        whole += words
    return marked_text(ctx, whole, marks)


def code_block(ctx: Ctx) -> Node:
    """A block of 2-7 lines of code under a bar with its language and a copy button perhaps; light (CODE_LIGHT_SHARE)
    or dark, its tokens coloured or not (HIGHLIGHT_SHARE)."""
    c = ctx.content
    light, highlight = ctx.chance(CODE_LIGHT_SHARE), ctx.chance(HIGHLIGHT_SHARE)
    lines, depth = [], 0
    for _ in range(ctx.between(2, 7)):
        indent = "    " * depth
        depth = max(0, min(depth + ctx.pick((-1, 0, 0, 1)), 2))
        lines.append(source_line(ctx, indent, highlight))
    top = row(ctx, [text(ctx, ctx.pick(("python", "bash", "js", "ts", "yaml")), "muted"), spacer(ctx),
                    icon_button(ctx, "download", c.ui("copy"))], gap=1)
    return block(ctx, "code", ([top] if ctx.chance(0.6) else []) + lines, gap=0, look=["light"] if light else None)


def note(ctx: Ctx) -> Node:
    c = ctx.content
    key = ctx.pick(("note", "tip", "warning"))
    return block(ctx, "note", [icon(ctx, "bell" if key == "warning" else "star"),
                               column(ctx, [text(ctx, c.ui(key), "label"), paragraph(ctx, (1, 1), (8, 18))],
                                      gap=0, weight=1)], direction="row", gap=2, align="start")


def breadcrumbs(ctx: Ctx) -> Node:
    c = ctx.content
    return row(ctx, [link(ctx, c.ui("docs")), text(ctx, "/", "muted"), link(ctx, c.ui(ctx.pick(SECTIONS)))], gap=1)


def page_foot(ctx: Ctx) -> list[Node]:
    """Previous/next buttons, perhaps an "Edit this page" link and the date of the last change."""
    c = ctx.content
    prev_next = row(ctx, [button(ctx, f"← {c.ui('previous')}", "secondary", with_icon=False), spacer(ctx),
                          button(ctx, f"{c.ui('next')} →", "secondary", with_icon=False)], gap=2)
    if ctx.chance(0.5):
        return [prev_next, row(ctx, [link(ctx, c.ui("edit_page")), spacer(ctx), text(ctx, c.date(), "muted")], gap=2)]
    return [prev_next]


def page(ctx: Ctx) -> tuple[Node, list[str]]:
    c = ctx.content
    parts: list[Node] = [breadcrumbs(ctx)]
    title = row(ctx, [heading(ctx, c.title(ctx.between(1, 4)), level=1), spacer(ctx)]
                + ([badge(ctx, f"v{ctx.between(1, 9)}.{ctx.between(0, 9)}")] if ctx.chance(0.3) else []), gap=2)
    parts += [title, text(ctx, c.sentence(ctx.between(10, 22)), "muted")]
    toc: list[str] = []
    for i in range(ctx.between(2, 3)):
        sub = c.title(ctx.between(1, 4))
        toc.append(sub)
        parts.append(heading(ctx, sub, level=2))
        parts.append(paragraph(ctx, (1, 3), (8, 16)))
        if ctx.chance(bullet_lists.DOCS_SHARE):
            parts.append(bullet_lists.bullet_list(ctx))
        extras = [code_block, note] if ctx.chance(0.6) else [note, code_block]
        for rule in extras:
            if ctx.chance(0.75 if rule is code_block else 0.45):
                parts.append(rule(ctx))
    parts += page_foot(ctx)
    return column(ctx, parts, gap=2, padding=True, width="article"), toc


def contents_list(ctx: Ctx, levels: int, gap: int, depth: int = 0) -> Node:
    """A bulleted list of links (Sphinx's toctree): sections on top, some with a list of their pages under them, and
    so on for `levels` levels. Every entry is a link (a real page's <li> is not labelled, its <a> is); a sub-list is
    a contents block of its own following its parent's link, drawn indented with the next level's bullets."""
    c = ctx.content
    n = ctx.between(3, 7) if depth == 0 else ctx.between(2, 5)
    keys = ctx.rng.sample(SECTIONS + PAGES, n)
    parents = set(ctx.rng.sample(range(n), ctx.between(1, max(1, n // 2)))) if depth + 1 < levels else set()
    parts: list[Node] = []
    for i, key in enumerate(keys):
        label = c.ui(key) if depth == 0 and ctx.chance(0.5) else c.title(ctx.between(1, 4))
        parts.append(link(ctx, label))
        if i in parents and (depth == 0 or ctx.chance(0.6)):
            parts.append(contents_list(ctx, levels, gap, depth + 1))
    return block(ctx, "contents", parts, gap=gap, align="start")


def api_name(ctx: Ctx) -> str:
    """A class name (CamelCase words) or a package name (dotted lower-case words), as API summaries list them."""
    c = ctx.content
    words = [c.word() for _ in range(ctx.between(1, 3))]
    if ctx.chance(0.6):
        return "".join(words)
    return ".".join(["org", c.word().lower()] + [w.lower() for w in words])


def summary_table(ctx: Ctx) -> Node:
    """Javadoc's class/package summary, Doxygen's file list: a header, then a row per entry: its name, a link, and a
    line about it (text, muted perhaps)."""
    c = ctx.content
    header = ctx.node("row", children=[text(ctx, c.ui("name"), "header"), text(ctx, c.ui("description"), "header")],
                      intent={"direction": "row"}, header=True)
    muted = ctx.chance(0.5)
    rows = [ctx.node("list_item", children=[link(ctx, api_name(ctx)),
                                            text(ctx, c.sentence(ctx.between(4, 12)), "muted" if muted else "body")],
                     cells=True) for _ in range(ctx.between(3, 9))]
    return ctx.node("table", children=[header] + rows)


def contents_page(ctx: Ctx) -> tuple[Node, list[str]]:
    """A contents page: perhaps breadcrumbs, a title, perhaps an intro, then one or two groups (under a caption when
    two) of a bulleted contents list or a summary table; previous/next links."""
    c = ctx.content
    parts: list[Node] = [breadcrumbs(ctx)] if ctx.chance(0.5) else []
    parts.append(heading(ctx, c.title(ctx.between(1, 3)) if ctx.chance(0.6) else c.ui("api_reference"), level=1))
    if ctx.chance(0.6):
        parts.append(paragraph(ctx, (1, 2), (8, 16)))
    summary = not ctx.mobile and ctx.chance(SUMMARY_SHARE)
    levels, gap = ctx.choose(CONTENTS_LEVELS), ctx.pick((0, 0, 1))
    groups = ctx.between(1, 2)
    captions: list[str] = []
    for _ in range(groups):
        if groups > 1 or ctx.chance(0.4):
            captions.append(c.ui(ctx.pick(SECTIONS)) if ctx.chance(0.5) else c.title(ctx.between(1, 3)))
            parts.append(heading(ctx, captions[-1], level=2))
        parts.append(summary_table(ctx) if summary else contents_list(ctx, levels, gap))
    parts += page_foot(ctx)
    return column(ctx, parts, gap=2, padding=True, width="article"), captions


def reference(ctx: Ctx) -> tuple[Node, list[str]]:
    """An API reference page (docs_reference): perhaps breadcrumbs, the page, previous/next links."""
    parts: list[Node] = [breadcrumbs(ctx)] if ctx.chance(0.5) else []
    parts += reference_page(ctx)
    parts += page_foot(ctx)
    return column(ctx, parts, gap=2, padding=True, width="article"), []


def toc_column(ctx: Ctx, subs: list[str]) -> Node:
    c = ctx.content
    items = [link(ctx, s) for s in subs]
    return block(ctx, "toc", [text(ctx, c.ui("on_this_page"), "header")] + items, gap=1)


def build(ctx: Ctx) -> Node:
    c = ctx.content
    name = site_name(ctx)
    header = site_header(ctx, name if ctx.mobile else f"{name} {c.ui('docs')}", DOCS_NAV,
                         search=True, actions=ctx.chance(0.4))
    if ctx.chance(CONTENTS_SHARE):
        main, subs = contents_page(ctx)
    elif ctx.chance(REFERENCE_SHARE / (1 - CONTENTS_SHARE)):
        main, subs = reference(ctx)
    else:
        main, subs = page(ctx)
    if ctx.mobile:
        body = page_body(ctx, [main])
        return site_screen(ctx, name, [header, body])
    right = [column(ctx, [toc_column(ctx, subs)], padding=True)] if ctx.chance(0.7) and subs else []
    center = page_body(ctx, [main, spacer(ctx)] + right, direction="row", align="start")
    body = row(ctx, [nav_tree(ctx), center], gap=0, align="stretch", weight=1)
    return site_screen(ctx, name, [header, body])


register(Grammar("docs", build, "Documentation: search bar, nav tree, headings, code, notes, table of contents"))
