"""A website header's navigation links (site_rules.site_nav, issue 12): padded into the clickable boxes real navbars
draw, and boxed with that padding, as the real-page labeller boxes a real page's <a> (its words grown by its padding
and border); their looks and current page come from a stream of their own, so the screen's other draws stay."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from factory.core.content import Content
from factory.core.layout import Layout, Node
from factory.grammars import site_rules
from factory.grammars.base import GRAMMARS
from factory.grammars.rules import link, row
from renderers import RENDERERS
from tests.invariants import render_annotated
from tests.test_web_inline_links import _factors

SITE_GRAMMARS = ("article", "docs", "landing", "pricing", "product")
LABELS = ("Product", "Pricing", "Blog")


def _generate(grammar: str, seed: int) -> Layout:
    rng = random.Random(seed)
    return GRAMMARS.get(grammar).generate(rng, Content("en_US", seed, rng), "desktop")


def _navs(layout: Layout) -> list[Node]:
    return [n for n, _ in layout.nodes() if n.props.get("kind") == "sitenav"]


def _unselected(k: Node) -> dict:
    state = {s: v for s, v in k.props.get("state", {}).items() if s != "selected"}
    return {"state": state} if state else {}


def _as_before(n: Node) -> Node:
    """The tree as drawn before the looks existed: a nav is a plain row of links with a gap of 3, none current."""
    kids = tuple(_as_before(c) for c in n.children)
    if n.props.get("kind") != "sitenav":
        return replace(n, children=kids)
    plain = tuple(replace(k, props={p: v for p, v in k.props.items() if p != "state"} | _unselected(k)) for k in kids)
    return replace(n, props={}, intent={"direction": "row", "gap": 3, "align": "center"}, children=plain)


@pytest.mark.parametrize("grammar", SITE_GRAMMARS)
def test_nav_looks_leave_the_screens_other_draws_alone(grammar, monkeypatch):
    """With the looks, a screen is the one drawn by a plain row of links (the code before them), looks aside: an A/B
    of the looks against none changes only the header's navigation."""
    def before(ctx, name, labels):
        return row(ctx, [link(ctx, lab) for lab in labels], gap=3)
    navs = 0
    for seed in range(10):
        now = _generate(grammar, seed)
        monkeypatch.setattr(site_rules, "site_nav", before)
        old = _generate(grammar, seed)
        monkeypatch.undo()
        navs += len(_navs(now))
        assert _as_before(now.root) == old.root, seed
    assert navs, f"{grammar} drew no site navigation in 10 desktop seeds"


def test_nav_looks_cover_every_padding_capitals_colours_and_a_current_page():
    looks, current, n = Counter(), 0, 0
    for seed in range(200):
        for nav in _navs(_generate(SITE_GRAMMARS[seed % len(SITE_GRAMMARS)], seed)):
            n += 1
            looks[nav.props["pad"]] += 1
            looks["plain"] += bool(nav.props.get("plain"))
            looks["upper"] += bool(nav.props.get("upper"))
            selected = [k for k in nav.children if k.props.get("state", {}).get("selected")]
            assert len(selected) <= 1 and all(k.role == "link" for k in nav.children)
            current += len(selected)
    assert n > 100
    for pad, weight in site_rules.NAV_PADS.items():  # each padding near its weight
        assert abs(looks[pad] / n - weight) < 0.12, (pad, looks[pad] / n)
    for share, key in ((site_rules.NAV_PLAIN_SHARE, "plain"), (site_rules.NAV_UPPER_SHARE, "upper"),
                       (site_rules.NAV_CURRENT_SHARE, None)):
        got = (current if key is None else looks[key]) / n
        assert abs(got - share) < 0.12, (key, got)


def _header(pad: str, current: int = 1) -> Layout:
    links = tuple(Node(f"n{3 + i}", "link", text=t, props={"state": {"selected": True}} if i == current else {})
                  for i, t in enumerate(LABELS))
    nav = Node("n2", "row", props={"kind": "sitenav", "pad": pad, "plain": True},
               intent={"direction": "row", "gap": 0, "align": "center"}, children=links)
    root = Node("n0", "screen", intent={"direction": "column"}, children=(
        Node("n1", "toolbar", props={"kind": "navbar"}, children=(nav,)),
        Node("n9", "text", text="Body text under the bar", props={"variant": "body"}),
    ))
    return Layout("handmade", root, "en_US", "desktop")


@pytest.mark.browser
@pytest.mark.parametrize("style", ["material", "kit-bootstrap5", "kit-bulma"])
def test_a_padded_nav_link_is_boxed_with_its_padding(web_renderer, style):
    factors = _factors(style, "en_US", "desktop", 1000, 400)
    boxes = {}
    for pad in ("none", "md"):
        out, pixels, ann = render_annotated("web", web_renderer, _header(pad), style, factors)
        boxes[pad] = {e.text: e for e in ann.elements if e.cls == "link"}
        assert sorted(boxes[pad]) == sorted(LABELS), f"{style} {pad}: links {sorted(boxes[pad])}"
    for t in LABELS:
        (_, _, w0, h0), (x, y, w, h) = boxes["none"][t].bbox, boxes["md"][t].bbox
        # .5rem 1rem of padding: 16 px more on each axis, and 32 px across (1 px of rounding either way)
        assert 15 <= h - h0 <= 17 and 31 <= w - w0 <= 33, f"{style} {t}: {boxes['none'][t].bbox} -> {(x, y, w, h)}"
        # the padding is the bar behind the words: the box's corners are the bar's colour, its middle holds ink
        inner = pixels[y + 8:y + h - 8, x + 16:x + w - 16]
        assert (inner != pixels[y + 1, x + 1]).any(axis=2).mean() > 0.03
        assert np.abs(pixels[y + 1, x + 1].astype(int) - pixels[y + h - 2, x + w - 2].astype(int)).max() <= 8
    assert [t for t in LABELS if boxes["md"][t].state["selected"]] == ["Pricing"], "the current page is selected"


@pytest.mark.browser
def test_the_widest_padding_stays_inside_every_styles_top_bar(web_renderer):
    """A bar of fixed height (XP.css's 21 px title bar) must not be overflowed by its padded links: every style draws
    the largest padding inside its bar (kit_windows.py keeps only the padding across there)."""
    spill = {}
    for style in RENDERERS.get("web").styles.names():
        _, _, ann = render_annotated("web", web_renderer, _header("lg"), style,
                                     _factors(style, "en_US", "desktop", 1280, 400))
        links = [e for e in ann.elements if e.cls == "link"]
        assert len(links) == len(LABELS), f"{style}: {len(links)} links"
        over = [e.text for e in links if e.overflows_parent]
        if over:
            spill[style] = over
    assert not spill, f"links overflowing their bar: {spill}"
