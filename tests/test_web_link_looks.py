"""A site's links in a look of its own (site_rules.link_look, issue 12): in the words' colour underlined or dotted, in a
hue of the site's own, or as the style draws them, with or without the line (styles/link_looks.css). The header's
nav links and brand keep their looks. The look comes from a stream seeded by the site's name: a screen is otherwise
the one drawn before sites had link looks, and every page of a site shares it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from factory.core.layout import LINK_HUES, Layout, Node
from factory.grammars import site_rules
from renderers.web.html import _looks
from renderers.base import RendererError
from tests.invariants import check_invariants, generate, render_annotated
from tests.test_web_inline_links import _factors

FAMILIES = ("landing", "article", "docs", "product", "pricing")
STYLES = ["material", "kit-bootstrap5", "kit-bulma", "kit-primer", "kit-98css", "kit-fluentwc"]
LOOK_PROPS = ("link_colour", "link_line", "link_hue", "link_pad")


def _look(layout: Layout) -> tuple:
    return tuple(layout.root.props.get(k) for k in LOOK_PROPS)


def _without_look(n: Node) -> Node:
    return replace(n, props={k: v for k, v in n.props.items() if k not in LOOK_PROPS})


def test_sites_draw_link_looks_in_their_shares_and_one_per_site():
    looks, pads = Counter(), Counter()
    for i in range(3000):
        props = site_rules.link_look(f"site{i}")
        assert props == site_rules.link_look(f"site{i}"), "a site's look is its name's"
        colour, line, hue, pad = (props[k] for k in LOOK_PROPS)
        assert (hue is not None) == (colour == "hue") and (hue is None or hue in LINK_HUES)
        looks[f"{colour or 'style'}-{line}" if line else colour or "style"] += 1
        pads[pad or "none"] += 1
    assert set(looks) == set(site_rules.LINK_LOOKS) and set(pads) == set(site_rules.LINK_PAD_SHARES)
    for drawn, shares in ((looks, site_rules.LINK_LOOKS), (pads, site_rules.LINK_PAD_SHARES)):
        for look, share in shares.items():
            assert abs(drawn[look] / 3000 - share) < 0.03, (look, drawn[look])


@pytest.mark.parametrize("form", ["desktop", "mobile"])
def test_site_pages_carry_their_sites_look_and_nothing_else_changes(form, monkeypatch):
    screens = [(f, s) for f in FAMILIES for s in range(30)]
    names, real = [], site_rules.link_look
    monkeypatch.setattr(site_rules, "link_look", lambda name: names.append(name) or real(name))
    drawn = [generate(f, s, form) for f, s in screens]
    assert len(names) == len(drawn)
    for lay, name in zip(drawn, names, strict=True):  # the site's name: its brand's words, the look its name's
        brand = next(n for n, _ in lay.nodes() if n.props.get("kind") == "brand").children[1]
        assert brand.text.startswith(name) and _look(lay) == tuple(real(name).get(k) for k in LOOK_PROPS)
    assert len({_look(lay) for lay in drawn}) >= 6, "150 sites draw most looks"
    monkeypatch.setattr(site_rules, "link_look", lambda name: {})
    plain = [generate(f, s, form) for f, s in screens]
    for a, b in zip(drawn, plain, strict=True):
        assert not any(k in b.root.props for k in LOOK_PROPS)
        assert _without_look(a.root) == b.root, "the link look changed the screen's other draws"


def test_a_look_outside_the_vocabulary_is_refused():
    screen = Node(id="n0", role="screen", props={"link_colour": "ink", "link_line": "solid"})
    assert _looks(screen) == " links-ink links-solid"
    assert _looks(replace(screen, props={"link_colour": "hue", "link_hue": 30})) == " links-hue links-hue-30"
    assert _looks(replace(screen, props={"link_pad": "sm"})) == " links-pad-sm"
    for props in ({"link_colour": "red"}, {"link_line": "wavy"}, {"link_colour": "hue"},
                  {"link_colour": "hue", "link_hue": 45}, {"link_colour": "ink", "link_hue": 30}, {"link_pad": "lg"}):
        with pytest.raises(RendererError, match="link (look|pad)"):
            _looks(replace(screen, props=props))


LINKS_OF = """() => [...document.querySelectorAll('[data-nid]')].filter(e => e.matches('.gf-link, .gf-a')).map(e => {
    const part = e.shadowRoot && e.shadowRoot.querySelector('[part~="control"]'), s = getComputedStyle(part || e);
    return [e.dataset.nid, !!e.closest('.k-navbar, .k-brand'), s.color, s.textDecorationLine, s.textDecorationStyle,
            getComputedStyle(e.parentElement).color, !!e.closest('.k-docnav, .k-toc, .k-site-footer')]; })"""


def _draw(web_renderer, style: str, look: dict, monkeypatch):
    monkeypatch.setattr(site_rules, "link_look", lambda name: look)
    layout = generate("docs", 4)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                        _factors(style, "en_US", "desktop", 1280, 800))
    check_invariants(layout, out, pixels, ann)
    links = {nid: rest for nid, *rest in web_renderer._page_entry.page.evaluate(LINKS_OF)}
    return {e.id: e.bbox for e in ann.elements}, links


@pytest.mark.browser
@pytest.mark.parametrize("style", STYLES)
def test_drawn_links_take_the_sites_look_and_no_box_moves(web_renderer, style, monkeypatch):
    boxes, own = _draw(web_renderer, style, {}, monkeypatch)
    content = [nid for nid, (header, *_) in own.items() if not header]
    assert len(content) >= 8 and len(own) > len(content), f"{style}: a docs page has header and content links"
    for look in ({"link_colour": "ink", "link_line": "solid"}, {"link_colour": "ink", "link_line": "dotted"},
                 {"link_colour": "hue", "link_hue": 210, "link_line": "none"}, {"link_line": "solid"}):
        drawn_boxes, links = _draw(web_renderer, style, look, monkeypatch)
        assert drawn_boxes == boxes, f"{style} {look}: a link look moved a box"
        for nid, (header, colour, line, dash, around, _) in links.items():
            if header:  # the nav and the brand keep their looks
                assert (colour, line, dash) == tuple(own[nid][1:4]), (style, look, nid)
                continue
            if look.get("link_colour") == "ink":
                assert colour == around, f"{style} {look}: link {nid} in {colour}, its words around in {around}"
            elif look.get("link_colour") == "hue":
                assert colour not in (around, own[nid][1]), f"{style} {look}: link {nid} in {colour}"
            else:
                assert colour == own[nid][1], f"{style} {look}: link {nid} changed colour"
            want = look["link_line"]
            assert (line, dash) == (("none", "solid") if want == "none" else ("underline", want)), \
                (style, look, nid, line, dash)


PADS = {"sm": (0.4 * 16, 0.2 * 16), "md": (0.75 * 16, 0.375 * 16)}  # rem at 16 px: across, down


@pytest.mark.browser
@pytest.mark.parametrize("style", ["material", "kit-bootstrap5", "kit-spectre", "kit-98css"])
def test_padded_list_links_are_boxed_with_their_padding(web_renderer, style, monkeypatch):
    boxes, own = _draw(web_renderer, style, {}, monkeypatch)
    listed = {nid for nid, (*_, in_list) in own.items() if in_list}
    assert len(listed) >= 8, f"{style}: a docs page's sidebar and contents hold links"
    for pad, (dx, dy) in PADS.items():
        padded, _ = _draw(web_renderer, style, {"link_pad": pad}, monkeypatch)
        for nid in own:
            (_, _, w0, h0), (_, _, w, h) = boxes[int(nid[1:])], padded[int(nid[1:])]
            if nid in listed:  # the words grown by the padding on each side (boxes in whole pixels)
                assert abs(w - w0 - 2 * dx) <= 2 and abs(h - h0 - 2 * dy) <= 2, (style, pad, nid, (w0, h0), (w, h))
            else:
                assert (w, h) == (w0, h0), f"{style} {pad}: link {nid} outside a list was padded"
