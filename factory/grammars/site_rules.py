"""Rules shared by the public-website families (landing, article, docs, search, product, pricing): a site header,
a footer with link columns, a long page that scrolls under the header, blocks with a kind, star ratings.

Blocks (hero, code, note, footer, table of contents...) are layout containers with a `kind` prop, not classes of
their own: the renderer draws them as styled boxes and annotates only the roles inside them.
"""

from __future__ import annotations

import random

from factory.core.layout import LINK_COLOURS, LINK_HUES, LINK_LINES, LINK_PADS, Node
from factory.core.seeding import derive_seed
from factory.grammars.base import Ctx
from factory.grammars.rules import avatar, button, column, heading, icon, icon_button, link, row, spacer, text

LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "有限公司", "公司")
SITE_NAV_KEYS = ("product", "features", "pricing", "docs", "blog", "about", "contact", "careers", "resources")
FOOTER_COLUMNS = {"product": ("features", "pricing", "docs", "new"), "company": ("about", "careers", "blog", "contact"),
                  "resources": ("docs", "help", "blog", "getting_started"), "legal": ("privacy", "terms", "contact")}
# How a website's header draws its navigation links (site_header). Real navbars pad each link into a clickable box
# (Bootstrap's .nav-link: .5rem 1rem; Start Bootstrap's themes up to 1.5rem), and the real-world set labels the <a>
# with its padding; most draw them in the bar's own colour, not underlined, some in capitals, and mark the current
# page. Padding: none (words alone, as before), sm, md or lg (renderers' .k-sitenav.nav-*), with these weights.
NAV_PADS = {"none": 0.2, "sm": 0.3, "md": 0.35, "lg": 0.15}
NAV_PLAIN_SHARE = 0.6    # in the bar's text colour rather than the link colour
NAV_UPPER_SHARE = 0.3    # in capitals, letter-spaced
NAV_CURRENT_SHARE = 0.5  # one link is the current page (aria-current, annotated selected)
# Share of sites whose brand (the name beside the logo, in the header and the footer) is a link home, as a real
# site's navbar-brand is an <a> and the real-world set labels it `link`; the rest draw it as a heading. On that set
# the brands of Start Bootstrap's themes (one a screen) were detected as headings: ours were all headings.
BRAND_LINK_SHARE = 0.85
# How a site draws the links of its pages (link_look; not its header's, whose nav and brand have looks of their own):
# as its style does, or in a look of its own, colour-line with these weights. Real sites restyle their links: the
# words' own colour underlined (Tailwind's typography, Start Bootstrap's Grayscale) or dotted (Sphinx's Alabaster,
# Jinja's docs), a brand hue with or without the line. On the real-world set such links were missed or taken for
# text; every link of ours was drawn in its style's link colour and line.
LINK_LOOKS = {"style": 0.4, "ink-solid": 0.15, "ink-dotted": 0.1, "hue-none": 0.15, "hue-solid": 0.1,
              "style-solid": 0.05, "style-none": 0.05}
# How a site pads the links of its lists (link_look: none, or LINK_PADS), with these weights. On the real-world set
# the links of padded lists (Spectre's docs sidebar, Bootstrap navs) were found as their words alone, a box too small
# to match; no list of ours padded its links.
LINK_PAD_SHARES = {"none": 0.5, "sm": 0.3, "md": 0.2}
assert set(LINK_PAD_SHARES) - {"none"} == LINK_PADS
assert all(c in LINK_COLOURS | {"style"} and (not line or line in LINK_LINES)
           for c, _, line in (look.partition("-") for look in LINK_LOOKS))


def site_name(ctx: Ctx) -> str:
    """A short brand name: the longest word of a company name (not its legal form), at most 14 characters."""
    words = [w.strip(",.«»\"'()&") for w in ctx.content.company().replace("-", " ").split()]
    best = max(words, key=len)
    for legal in LEGAL_FORMS:  # CJK company names have no spaces: drop the legal form itself
        best = best.replace(legal, "") or best
    return best[:14]


def block(ctx: Ctx, kind: str, children, direction: str = "column", gap: int = 2, look: list[str] | None = None,
          **intent) -> Node:
    """A row or column drawn as a box of `kind` (k-<kind> in the page): a hero, a code block, a note, a footer;
    perhaps in a `look` (layout.BLOCK_LOOKS, classes look-<look>)."""
    return ctx.node(direction, children=children, kind=kind, look=look or None,
                    intent={"direction": direction, "gap": gap, **intent})


def brand(ctx: Ctx, name: str) -> Node:
    """A logo and the site's name in a `brand` block: the name a link home (BRAND_LINK_SHARE, drawn bold, large and
    not underlined: styles/site_nav.css) or a heading. Which comes from a stream of its own, seeded by the name, and
    neither draws from the screen's: the screen is otherwise the one drawn when brands were all headings."""
    logo = icon(ctx, ctx.pick(("star", "heart", "chart", "folder", "home")))
    linked = random.Random(derive_seed("brand", name)).random() < BRAND_LINK_SHARE
    words = ctx.node("link", text=name) if linked else heading(ctx, name, level=3)
    return block(ctx, "brand", [logo, words], direction="row", gap=1, align="center", weight=0)


def link_look(name: str) -> dict[str, object]:
    """How site `name` draws its links (LINK_LOOKS): the screen's props `link_colour` (ink, hue), `link_line` (none,
    solid, dotted) and `link_hue`, none of them where it keeps its style's; and `link_pad` (LINK_PAD_SHARES), how it
    pads the links of its lists. From a stream of its own, seeded by the name: the screen is otherwise the one drawn
    before sites had link looks, and all pages of a site share theirs (the pads drawn last: a site's other looks are
    the ones drawn before pads)."""
    own = random.Random(derive_seed("linklook", name))
    colour, _, line = own.choices(list(LINK_LOOKS), weights=list(LINK_LOOKS.values()))[0].partition("-")
    hue = own.choice(LINK_HUES)
    pad = own.choices(list(LINK_PAD_SHARES), weights=list(LINK_PAD_SHARES.values()))[0]
    return {"link_colour": colour if colour in LINK_COLOURS else None, "link_line": line or None,
            "link_hue": hue if colour == "hue" else None, "link_pad": pad if pad in LINK_PADS else None}


def site_screen(ctx: Ctx, name: str, children: list[Node]) -> Node:
    """A website's screen (header first, then its body), its links in the site's look (link_look)."""
    return ctx.node("screen", children=children, intent={"direction": "column"}, **link_look(name))


def site_header(ctx: Ctx, name: str, nav_keys: tuple[str, ...] = SITE_NAV_KEYS, search: bool | None = None,
                actions: bool = True) -> Node:
    """A website's top bar: brand, nav links (desktop), perhaps a search box, sign-in and a call to action."""
    c = ctx.content
    parts: list[Node] = [brand(ctx, name)]
    if ctx.mobile:
        parts += [spacer(ctx)]
        if search or (search is None and ctx.chance(0.3)):
            parts.append(icon_button(ctx, "search", c.ui("search")))
        parts.append(icon_button(ctx, "menu", c.ui("home")))
    else:
        keys = ctx.rng.sample(nav_keys, min(len(nav_keys), ctx.between(3, 5)))
        parts.append(site_nav(ctx, name, [c.ui(k) for k in keys]))
        parts.append(spacer(ctx))
        if search or (search is None and ctx.chance(0.3)):
            parts.append(ctx.node("text_input", input_type="search", placeholder=c.ui("search"),
                                  state={"focused": ctx.chance(0.05)}))
        if actions:
            if ctx.chance(0.7):
                parts.append(link(ctx, c.ui("sign_in")))
            parts.append(button(ctx, c.ui(ctx.pick(("get_started", "sign_up"))), "primary", with_icon=False))
    return ctx.node("toolbar", children=[row(ctx, parts, gap=3)], kind="navbar")


def site_nav(ctx: Ctx, name: str, labels: list[str]) -> Node:
    """The header's navigation links in a look (NAV_PADS and the shares above: props pad, plain, upper of a row of
    kind `sitenav`). The look and the current page come from a stream of their own, seeded by the site's name and
    the labels, so the screen's other draws are the ones drawn before these looks existed."""
    own = random.Random(derive_seed("sitenav", name, *labels))
    pad = own.choices(list(NAV_PADS), weights=list(NAV_PADS.values()))[0]
    plain, upper = own.random() < NAV_PLAIN_SHARE, own.random() < NAV_UPPER_SHARE
    current = own.randrange(len(labels)) if own.random() < NAV_CURRENT_SHARE else -1
    links = [ctx.node("link", text=lab, state={"focused": ctx.chance(0.03), "selected": i == current})
             for i, lab in enumerate(labels)]
    return ctx.node("row", children=links, kind="sitenav", pad=pad, plain=plain or None, upper=upper or None,
                    intent={"direction": "row", "gap": {"none": 3, "sm": 1}.get(pad, 0), "align": "center"})


def site_footer(ctx: Ctx, name: str) -> Node:
    """Brand and a line about the company, then 2-4 columns of links under small headers, then a copyright."""
    c = ctx.content
    about = column(ctx, [brand(ctx, name), text(ctx, c.sentence(ctx.between(6, 12)), "muted")], gap=2,
                   weight=2 if not ctx.mobile else 0)
    groups = ctx.rng.sample(list(FOOTER_COLUMNS), ctx.between(2, 3) if ctx.mobile else ctx.between(2, 4))
    cols = [column(ctx, [text(ctx, c.ui(g), "header")] + [link(ctx, c.ui(k)) for k in FOOTER_COLUMNS[g]], gap=1,
                   weight=1) for g in groups]
    links = row(ctx, cols, gap=4, align="start", weight=1 if not ctx.mobile else 0)
    top = column(ctx, [about, links], gap=4) if ctx.mobile else row(ctx, [about, links], gap=6, align="start")
    bottom = row(ctx, [text(ctx, f"© {ctx.between(2015, 2025)} {name}", "muted"), spacer(ctx)]
                 + [icon_button(ctx, i, c.ui("share")) for i in ctx.rng.sample(("mail", "heart", "star", "user"),
                                                                                ctx.between(0, 3))], gap=2)
    return block(ctx, "site-footer", [top, bottom], gap=4)


def page_body(ctx: Ctx, children, direction: str = "column", gap: int = 0, **intent) -> Node:
    """The part of a website under its header: it scrolls (intent `scroll`), caught at the top or mid-scroll.

    Drawn with overflow hidden (kind "page"): a page screenshot shows no scroll bar, and Chromium then does not
    composite the scroller, whose first raster can differ by one level at anti-aliased corners from later ones."""
    pos = 0 if ctx.chance(0.55) else ctx.between(10, 100)
    return ctx.node(direction, children=children, kind="page",
                    intent={"direction": direction, "gap": gap, "weight": 1, "scroll": True, "scroll_y": pos,
                            **intent})


def long_page(ctx: Ctx, name: str, header: Node, sections: list[Node], gap: int = 0) -> Node:
    """Site `name`'s screen: the header fixed on top and a long body under it."""
    return site_screen(ctx, name, [header, page_body(ctx, sections, gap=gap)])


def rating(ctx: Ctx, with_count: bool = True) -> Node:
    """Five star icons, the score and (perhaps) a link to the reviews."""
    c = ctx.content
    score = round(ctx.rng.uniform(3.2, 5.0), 1)
    parts: list[Node] = [icon(ctx, "star") for _ in range(5)] + [text(ctx, f"{score}", "label")]
    if with_count:
        parts.append(link(ctx, c.ui("reviews_count").format(n=ctx.between(3, 4800))))
    return block(ctx, "rating", parts, direction="row", gap=1, align="center")


def byline(ctx: Ctx, extra: str = "") -> Node:
    """An avatar, a name and a muted date line."""
    c = ctx.content
    lines = [text(ctx, c.name(), "label"), text(ctx, " · ".join(x for x in (c.date(), extra) if x), "muted")]
    return row(ctx, [avatar(ctx), column(ctx, lines, gap=0)], gap=2)
