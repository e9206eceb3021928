"""A site's brand (site_rules.brand, issue 12): the name beside the logo is a link home on most sites, as a real
navbar-brand is an <a> labelled `link` on the real-world set, drawn bold, large, not underlined, in the bar's words'
colour (styles/site_nav.css); on the rest a heading. The choice comes from a stream of its own: a screen is otherwise
the one drawn when every brand was a heading."""

from __future__ import annotations

from dataclasses import replace

import pytest

from factory.core.layout import Layout, Node
from factory.grammars import site_rules
from tests.invariants import check_invariants, generate, render_annotated
from tests.test_web_inline_links import _factors

FAMILIES = ("landing", "article", "docs", "product", "pricing", "search")
STYLES = ["material", "kit-bootstrap5", "kit-pico", "kit-98css"]



def _brands(layout: Layout) -> list[Node]:
    return [c for n, _ in layout.nodes() if n.props.get("kind") == "brand" for c in n.children if c.role != "icon"]


def _as_headings(n: Node) -> Node:
    kids = tuple(_as_headings(c) for c in n.children)
    if n.props.get("kind") == "brand":
        kids = tuple(replace(c, role="heading", props={"level": 3}) if c.role == "link" else c for c in kids)
    return replace(n, children=kids)


@pytest.mark.parametrize("form", ["desktop", "mobile"])
def test_most_brands_are_links_and_nothing_else_changes(form, monkeypatch):
    screens = [(f, s) for f in FAMILIES for s in range(25)]
    drawn, share = {}, site_rules.BRAND_LINK_SHARE
    for value in (share, 0.0, 1.0):
        monkeypatch.setattr(site_rules, "BRAND_LINK_SHARE", value)
        drawn[value] = [generate(f, s, form) for f, s in screens]
    default, none, every = drawn.values()
    assert all(b.role == "heading" for lay in none for b in _brands(lay))
    assert all(b.role == "link" and not b.props for lay in every for b in _brands(lay))
    brands = [b for lay in default for b in _brands(lay)]
    assert len(brands) >= len(screens)
    assert abs(sum(b.role == "link" for b in brands) / len(brands) - share) < 0.1
    for a, b, c in zip(default, none, every, strict=True):
        assert _as_headings(a.root) == b.root == _as_headings(c.root), "the brand changed the screen's other draws"


STYLE_OF = """(nid) => { const e = document.querySelector(`[data-nid="${nid}"]`), s = getComputedStyle(e);
    const bar = getComputedStyle(e.closest('.k-navbar')), nav = document.querySelector('.k-sitenav > [data-nid]');
    return [s.fontWeight, s.textDecorationLine, s.color, bar.color, parseFloat(s.fontSize),
            nav ? parseFloat(getComputedStyle(nav).fontSize) : 0]; }"""


@pytest.mark.browser
@pytest.mark.parametrize("style", STYLES)
def test_a_drawn_brand_link_is_bold_large_and_in_the_bars_colour(web_renderer, style):
    layout = next(lay for s in range(50) for lay in [generate("landing", s)]
                  if any(b.role == "link" for b in _brands(lay)))
    brand = _brands(layout)[0]
    out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                        _factors(style, "en_US", "desktop", 1280, 800))
    check_invariants(layout, out, pixels, ann)
    e = next(e for e in ann.elements if e.id == int(brand.id[1:]))
    assert e.cls == "link" and e.text == brand.text
    weight, line, colour, bar, size, nav = web_renderer._page_entry.page.evaluate(STYLE_OF, brand.id)
    assert int(weight) >= 700 and line == "none", (style, weight, line)
    assert colour == bar, f"{style}: the brand in {colour}, its bar's words in {bar}"
    assert size >= 1.15 * nav, f"{style}: the brand {size}px beside navigation links of {nav}px"
