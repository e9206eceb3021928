"""Layout -> one HTML page, rendered with a Jinja2 template: self-contained for the hand-written flavours (inline CSS,
SVG data URIs); a kit style's page links the kit's stylesheets (renderers.web.kit), served offline."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from factory.core.content import language_tag, text_direction
from factory.core.layout import (BLOCK_LOOKS, LINK_COLOURS, LINK_HUES, LINK_LINES, LINK_PADS, LINK_PROPS, SYNTAX_MARKS,
                                 TEXT_MARKS, Layout, Node)
from factory.core.styles import Factors, Style
from renderers.base import RendererError
from factory.core.seeding import derive_seed
from renderers.web.icons import font_links, icon_svg, icon_uri, page_icon_set, use_icon_set
from renderers.web.images import image_uri, use_language
from renderers.web.kit import Kit, check_installed

ALIGN = {"start": "flex-start", "center": "center", "end": "flex-end", "stretch": "stretch", "between": "space-between"}


def flex_style(n: Node) -> str:
    """Layout intent -> inline CSS. Gaps are in spacing steps of the style's density, never pixels."""
    i = n.intent
    out = []
    if "gap" in i:
        out.append(f"gap: calc(var(--space) * {int(i['gap'])})")
    if "align" in i and n.role != "grid":
        out.append(f"align-items: {ALIGN[i['align']]}")
    if "justify" in i:
        out.append(f"justify-content: {ALIGN[i['justify']]}")
    if "weight" in i:
        out.append(f"flex: {int(i['weight'])} 1 0; min-width: 0; min-height: 0" if i["weight"] else "flex: none")
    if i.get("wrap"):
        out.append("flex-wrap: wrap")
    if "columns" in i:
        out.append(f"grid-template-columns: repeat({int(i['columns'])}, minmax(0, 1fr))")
    if n.role == "screen" or "direction" in i and n.role not in ("row", "column"):
        out.append(f"flex-direction: {i.get('direction', 'column')}")
    return "; ".join(out)


# Short words on a phone (issue 14, "phones squeeze short texts in narrow rows"): a label, a title, a table cell, a
# badge of at most 3 words and 24 characters (a wide CJK character counts twice) stays on one line, as a mobile app
# lays it out: cut with an ellipsis where its row has no room for it, never wrapped word by word or letter by letter
# (the grammars' rows were laid out for a desktop width; `overflow-wrap: anywhere` let a text in a starved row shrink
# to one character a line). The box of a cut text ends where it is cut (measure.js clips a text's extent by its own
# element), as for every other truncated text. Desktop pages get none of this: their CSS and HTML are as before.
FIT_WORDS, FIT_UNITS = 3, 24
FIT_TEXT = ("text", "heading")  # cut with an ellipsis when their row is too narrow
FIT_NOWRAP = ("link", "button", "tab", "badge", "menu_item")  # one line; these keep their width (controls)
FIT_CSS = """
:is({text}) {{ white-space: nowrap; overflow-x: clip; overflow-y: visible; text-overflow: ellipsis; min-width: 0; }}
:is(td, th) > :is({text}) {{ display: block; max-width: 34vw; overflow: hidden; }}
:is({nowrap}) {{ white-space: nowrap; }}
"""


def is_short(text: str) -> bool:
    """At most FIT_WORDS words and FIT_UNITS characters, a wide (CJK, full-width) one counted twice."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return 0 < units <= FIT_UNITS and len(text.split()) <= FIT_WORDS


def fit_css(layout: Layout, factors: Factors) -> str:
    """The CSS that keeps a phone page's short words on one line (the rules above, for its short nodes by data-nid);
    "" for a desktop page. A paragraph's inline links (children of a text) wrap with its words and are left out, and so
    are the words of a grid's cells and of a calendar's day cells in it (a week's "Sa 11" stacks its day over its date
    in a phone's narrow column, as calendar apps draw it; phone_calendar.css draws it in small type).
    A table cell's words are cut at a third of the screen: the columns of a phone's table fit
    its width (those beyond still run off its edge, as a table scrolled sideways does). A calendar's event chips are
    drawn as phone calendar apps draw them in a month's 7 columns (styles/phone_calendar.css): a bar as wide as its day,
    its words in small type from their start, cut at its end without an ellipsis; annotated as every cut text is, its
    box the bar as drawn, its text all its words (at least 3 characters of them are shown on a 360 px phone)."""
    if factors.form_factor != "mobile":
        return ""
    text, nowrap = [], []

    def walk(n: Node, in_prose: bool, in_grid: bool = False) -> None:
        if not in_prose and not in_grid and n.text and is_short(n.text) and not n.children:
            if n.role in FIT_TEXT:
                text.append(n.id)
            elif n.role in FIT_NOWRAP:
                nowrap.append(n.id)
        # a grid's cells, and the words of a calendar's day cells in it (a week's "Mon 2" over its chips)
        day = n.props.get("kind", n.intent.get("kind")) in DAYS
        for c in n.children:
            walk(c, in_prose or n.role == "text", n.role == "grid" or day and c.role == "text")

    walk(layout.root, False)
    sel = lambda ids: ", ".join(f'[data-nid="{i}"]' for i in ids) or "#gf-none"  # noqa: E731
    chips = phone_calendar_css() if _has_day_chips(layout.root) else ""
    return FIT_CSS.format(text=sel(text), nowrap=sel(nowrap)) + chips


DAYS = ("day", "day-out", "day-today")  # a calendar's day cells (factory/grammars/calendar.py)


def _has_day_chips(n: Node) -> bool:
    """Whether a calendar day cell under `n` holds an event chip (a button)."""
    if n.props.get("kind", n.intent.get("kind")) in DAYS and any(c.role == "button" for c in n.children):
        return True
    return any(_has_day_chips(c) for c in n.children)


@lru_cache(maxsize=None)
def phone_calendar_css() -> str:
    """A phone calendar's event chips as phone calendar apps draw them (styles/phone_calendar.css)."""
    return resources.files("renderers.web.styles").joinpath("phone_calendar.css").read_text(encoding="utf-8")


def _image_src(n: Node) -> str:
    p = n.props
    return image_uri(p["kind"], int(p.get("pattern", 0)), p.get("aspect", "16:9"), p.get("initials", ""))


def _label_nid(n: Node) -> Markup:
    """The attributes of the element drawing a checkbox's, radio's or switch's words when the layout gives them a
    node of their own (factory.core.check_labels: a sibling `text` the control draws inside its own element), else
    nothing: the words are then part of the control. data-label-of: the measuring script takes the control's parent
    as theirs."""
    label = n.props.get("label")
    return Markup(f' data-nid="{escape(label)}" data-label-of="{escape(n.id)}"') if label else Markup("")


MARK_TAGS = TEXT_MARKS | SYNTAX_MARKS


def _run(n: Node, i: int) -> Markup:
    """Run `i` of a paragraph's words between its links (rules.paragraph), its set-apart spans (prop `marks`:
    [run, start, end, tag]) drawn in their tags; the words escaped, the tag one of TEXT_MARKS, or one of SYNTAX_MARKS
    (a code line's token, docs.code_block) drawn as <span class="syn-TAG">."""
    runs = n.props["runs"]
    i %= len(runs)
    words, out, at = runs[i], [], 0
    for mark in n.props.get("marks", ()):
        run, start, end, tag = mark
        if tag not in MARK_TAGS or not 0 <= run < len(runs) or not 0 <= start < end <= len(runs[run]):
            raise RendererError(f"node {n.id}: mark {mark!r} is not [run, start, end, tag], a span of one of its "
                                f"{len(runs)} runs in one of {sorted(MARK_TAGS)}")
        if run != i:
            continue
        if start < at:
            raise RendererError(f"node {n.id}: mark {mark!r} overlaps the one before it (marks follow each other)")
        syntax = tag in SYNTAX_MARKS
        opening, closing = (f'<span class="syn-{tag}">', "</span>") if syntax else (f"<{tag}>", f"</{tag}>")
        out += [escape(words[at:start]), Markup(opening), escape(words[start:end]), Markup(closing)]
        at = end
    out.append(escape(words[at:]))
    return Markup("").join(out)


def _looks(n: Node) -> str:
    """A block's look (prop `look`: an API reference page's, grammars/docs_reference; a code block's, docs.code_block)
    as classes look-<look> (api_ref.css, code.css); a screen's links' look (props `link_colour`, `link_line`,
    `link_hue`, `link_pad`: site_rules.link_look) as classes links-<colour>, links-<line>, links-hue-<degrees>,
    links-pad-<pad> (link_looks.css)."""
    looks = n.props.get("look") or ()
    if not set(looks) <= BLOCK_LOOKS:
        raise RendererError(f"node {n.id}: look {looks!r} is not a list of {sorted(BLOCK_LOOKS)}")
    colour, line, hue, pad = (n.props.get(k) for k in LINK_PROPS)
    if (colour not in (*LINK_COLOURS, None) or line not in (*LINK_LINES, None) or pad not in (*LINK_PADS, None)
            or hue not in (*LINK_HUES, None) or (hue is not None) != (colour == "hue")):
        raise RendererError(f"node {n.id}: link look {colour!r} {line!r} {hue!r} {pad!r} is not a colour of "
                            f"{sorted(LINK_COLOURS)}, a line of {sorted(LINK_LINES)}, for a hue only one of "
                            f"{LINK_HUES}, and a pad of {sorted(LINK_PADS)}")
    classes = [f"look-{look}" for look in looks] + [f"links-{v}" for v in (colour, line) if v]
    classes += [f"links-hue-{hue}"] * (hue is not None) + [f"links-pad-{pad}"] * (pad is not None)
    return "".join(f" {c}" for c in classes)


def _own_drawn(n: Node) -> int:
    """How many children of `n` draw something where they stand (a control's words are drawn by the control)."""
    return sum(1 for c in n.children if not c.props.get("label_of"))


def _unsupported(n: Node) -> str:
    raise RendererError(f"web renderer cannot draw role {n.role!r} (node {n.id})")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("renderers.web", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(flex_style=flex_style, icon=icon_svg, svg=icon_svg, icon_uri=icon_uri, image_src=_image_src,
                       unsupported=_unsupported, label_nid=_label_nid, run=_run, looks=_looks,
                       own_drawn=_own_drawn)
    return env


def _template() -> jinja2.Template:
    return _env().get_template("page.html.j2")


def _style_sheet(name: str) -> str:
    return resources.files("renderers.web.styles").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def base_css() -> str:
    """The hand-written styles' base sheet, and the rules every web page shares (SHARED_SHEETS)."""
    return base_sheet("base.css")


@lru_cache(maxsize=None)
def kit_base_css() -> str:
    """The kit styles' base sheet, and the rules every web page shares (SHARED_SHEETS)."""
    return base_sheet("kit_base.css")


# Appended to both base sheets, in this order.
SHARED_SHEETS = ("site_nav.css", "api_ref.css", "running_text.css", "code.css", "link_looks.css")


# A site's own link hue (site_rules.link_look: classes links-hue-<degrees>, link_looks.css), one rule a hue.
LINK_HUE_CSS = "".join(f".links-hue-{h} {{ --gf-link-hue: {h}deg; }}\n" for h in LINK_HUES)


def base_sheet(name: str) -> str:
    return _style_sheet(name) + "".join(_style_sheet(s) for s in SHARED_SHEETS) + LINK_HUE_CSS


_checked: set[str] = set()


def kit_page_html(layout: Layout, style: Style, factors: Factors, icon_set: str, icon_links: list[str]) -> str:
    """The page of a kit style: the kit's stylesheets linked, its theme on <html>/<body>, its component markup."""
    kit: Kit = style.assets["kit"]
    if style.name not in _checked:  # ConfigError naming `make setup` rather than an unstyled page
        check_installed(kit, style.name)
        _checked.add(style.name)
    rtl = text_direction(layout.locale) == "rtl"
    return _env().get_template("kit_page.html.j2").render(
        root=layout.root, lang=language_tag(layout.locale), dir=text_direction(layout.locale), theme=factors.theme,
        form_factor=factors.form_factor, links=kit.links(factors.accent, rtl, factors.theme) + icon_links,
        macros=f"kits/{kit.macros}", html_attrs=Markup(kit.html_attrs(factors.theme, factors.accent)),
        body_class=kit.body_class.get(factors.theme, ""),
        css=Markup(kit_base_css() + kit.css + fit_css(layout, factors)), accent=factors.accent,
        font_scale=factors.font_scale,
        density=factors.density, icon_set=icon_set, scripts=kit.script_links(), head_js=Markup(kit.head_js),
        import_map=Markup(kit.import_map_json()),
    )


def icon_set_of(layout: Layout, factors: Factors) -> tuple[str, bool]:
    """The icon set of a page and whether it draws with the set's font: a function of its grammar and factors, so of
    the sample's seed (the renderer is not handed the seed itself; font_scale and density are drawn uniformly, so
    samples differ), the same for every re-render of the sample and for every step of an episode (the screen after
    an action changes the layout, never the factors: a site does not switch icon family on a click)."""
    return page_icon_set(derive_seed("icons", layout.grammar, sorted(factors.to_dict().items())))


def page_html(layout: Layout, style: Style, factors: Factors) -> str:
    """The page of one sample; every icon on it comes from one set (data-icon-set on <html> names it)."""
    icon_set, font = icon_set_of(layout, factors)
    with use_icon_set(icon_set, font), use_language(language_tag(layout.locale)):
        if "kit" in style.assets:
            return kit_page_html(layout, style, factors, icon_set, font_links(icon_set, font))
        return _flavour_page_html(layout, style, factors, icon_set, font_links(icon_set, font))


def _flavour_page_html(layout: Layout, style: Style, factors: Factors, icon_set: str, links: list[str]) -> str:
    font = f'"{factors.font_family}", "Noto Sans CJK JP", "Noto Sans", sans-serif'
    return _template().render(
        root=layout.root, lang=language_tag(layout.locale), dir=text_direction(layout.locale), theme=factors.theme,
        form_factor=factors.form_factor, css=Markup(base_css() + style.assets["css"] + fit_css(layout, factors)),
        accent=factors.accent,
        font=Markup(font), font_scale=factors.font_scale, density=factors.density, icon_set=icon_set, links=links,
    )
