"""An app shell's scrolling content pane shows its own vertical scrollbar in about half of desktop-size screens
(factory.grammars.rules.pane_scrollbar): decided apart from the rest of the screen, drawn along the pane's right edge
(left in right-to-left pages) as tall as the pane, on web (base and kit styles) and desktop, and labelled scrollbar."""

from __future__ import annotations

import pytest

from factory.core.layout import Layout, Node
from factory.grammars import rules
from tests.invariants import check_invariants, generate, make_factors, render_annotated

SHELLS = ("dashboard", "settings", "datatable", "gallery")


def pane(layout: Layout) -> Node:
    """The app shell's content: the last child of the row under the navigation bar."""
    return layout.root.children[1].children[-1]


def bar_of(layout: Layout) -> Node | None:
    p = pane(layout)
    return p.children[-1] if p.children and p.children[-1].role == "scrollbar" else None


def shape(node: Node, skip: str | None = None) -> list:
    """Roles, texts and props of a tree in order, leaving out node `skip` (ids differ: the bar takes one)."""
    kids = [x for c in node.children if c.id != skip for x in shape(c, skip)]
    return [(node.role, node.text, dict(node.props))] + kids


@pytest.mark.parametrize("grammar", SHELLS)
def test_about_half_of_the_panes_show_their_bar_and_nothing_else_changes(grammar, monkeypatch):
    with_bar = [s for s in range(120) if bar_of(generate(grammar, s))]
    assert 0.35 * 120 <= len(with_bar) <= 0.65 * 120, len(with_bar)
    before = {s: generate(grammar, s) for s in with_bar[:6]}
    monkeypatch.setattr(rules, "PANE_SCROLLBAR_SHARE", 0.0)
    for s, layout in before.items():
        plain = generate(grammar, s)
        assert bar_of(plain) is None
        assert shape(layout.root, skip=bar_of(layout).id) == shape(plain.root), "the bar adds itself, changes nothing"


def test_phones_get_no_pane_bar():
    for grammar in SHELLS:
        for s in range(40):
            layout = generate(grammar, s, form_factor="mobile")
            assert not any(n.intent.get("scroll") and any(c.role == "scrollbar" for c in n.children)
                           for n, _ in layout.nodes()), (grammar, s)


def seed_with_bar(grammar: str, locale: str = "en_US") -> Layout:
    return next(layout for s in range(100) if bar_of(layout := generate(grammar, s, locale=locale)))


def check_bar_along_pane(out, ann, layout: Layout, side: str) -> None:
    bar, p = bar_of(layout), pane(layout)
    px, py, pw, ph = out.nodes[p.id].full_bbox
    (element,) = [e for e in ann.elements if e.cls == "scrollbar" and e.id == int(bar.id[1:])] or [None]
    assert element is not None, "the pane's bar is labelled scrollbar"
    x, y, w, h = element.bbox
    assert 5 <= w <= 24, element.bbox
    assert h >= 0.85 * min(ph, out.height - py), (element.bbox, (px, py, pw, ph))
    edge = (px + pw) - (x + w) if side == "right" else x - px
    assert 0 <= edge <= 8, f"the bar lies along the pane's {side} edge: {element.bbox} in {(px, py, pw, ph)}"


@pytest.mark.parametrize("style", ["material", "kit-bootstrap5"])
def test_web_pane_bar_lies_along_the_right_edge(web_renderer, style):
    layout = seed_with_bar("settings")
    out, pixels, ann = render_annotated("web", web_renderer, layout, style, make_factors("web", viewport_h=500))
    check_invariants(layout, out, pixels, ann)
    check_bar_along_pane(out, ann, layout, "right")


def test_web_pane_bar_lies_along_the_left_edge_right_to_left(web_renderer):
    layout = seed_with_bar("dashboard", locale="ar_AA")
    out, pixels, ann = render_annotated("web", web_renderer, layout, "material",
                                        make_factors("web", locale="ar_AA", viewport_h=500))
    check_invariants(layout, out, pixels, ann)
    check_bar_along_pane(out, ann, layout, "left")


def test_desktop_pane_bar_is_the_areas_own(desktop_renderer):
    layout = seed_with_bar("settings")
    out, pixels, ann = render_annotated("desktop", desktop_renderer, layout, "fusion", make_factors("desktop"))
    check_invariants(layout, out, pixels, ann)
    check_bar_along_pane(out, ann, layout, "right")
    assert sum(e.cls == "scrollbar" for e in ann.elements) == 1, "one bar: the area's own, no second one beside it"
