"""Open states (factory.grammars.open_states): screens caught with a dropdown's menu, an autocomplete list, a date
picker's calendar, a notifications popover or a tooltip open. The draw is seeded and leaves closed screens as the
grammar drew them; in real Chromium the open popup is labelled below its opener and what it covers is occluded as the
annotator rules."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from factory.config import RenderConfig
from factory.core import check_labels
from factory.core.layout import Layout, Node
from factory.core.layout_edit import DERIVED_BASE
from factory.core.seeding import rng_for, sample_seed
from factory.grammars import GRAMMARS, open_states
from factory.sample import draw_layout, make_layout
from renderers import RENDERERS
from tests.invariants import check_invariants, make_factors, render_annotated

render = partial(render_annotated, "web")


def handmade() -> Layout:
    """A row of openers on top, then a grid of buttons and texts that an open popup covers."""
    top = Node("n2", "row", intent={"direction": "row", "gap": 2, "align": "center"}, children=(
        Node("n3", "dropdown", text="Newest"),
        Node("n4", "text_input", props={"input_type": "search", "placeholder": "Search"}),
        Node("n5", "date_picker", props={"value": "2024-03-15"}),
        Node("n6", "icon_button", props={"icon": "settings", "label": "Settings"}),
        Node("n8", "icon_button", props={"icon": "bell", "label": "Notifications"}),
    ))
    below = tuple(Node(f"n{10 + i}", "button" if i % 2 else "text", text=f"Item {i}",
                       props={"variant": "secondary"} if i % 2 else {}) for i in range(36))
    body = Node("n1", "column", intent={"direction": "column", "gap": 2, "padding": True},
                children=(top, Node("n7", "grid", intent={"columns": 6, "gap": 1}, children=below)))
    return Layout("handmade", Node("n0", "screen", children=(body,), intent={"direction": "column"}), "en_US",
                  "desktop")


def by_id(layout: Layout) -> dict[str, Node]:
    return {n.id: n for n, _ in layout.nodes()}


def covered(a, b) -> float:
    """Share of box `a` (x, y, w, h) inside box `b`."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h) / (a[2] * a[3])


# --- the draw (no browser) ------------------------------------------------------------------------------------

def test_open_node_appends_an_anchored_overlay_with_derived_ids():
    closed = handmade()
    opened = open_states.open_node(closed, by_id(closed)["n3"], seed=1)
    overlay = opened.root.children[-1]
    assert overlay.role == "overlay" and overlay.props == {"dim": False}
    (popup,) = overlay.children
    assert popup.intent["anchor"] == "below" and popup.intent["target"] == "n3"
    assert [c.role for c in popup.children] == ["menu_item"] * len(popup.children) and len(popup.children) >= 3
    assert all(int(n.id[1:]) >= DERIVED_BASE for n, _ in overlay.walk())
    assert by_id(opened)["n3"].state == {"expanded": True, "focused": True}
    assert open_states.open_kind(opened) == "dropdown" and open_states.open_kind(closed) is None
    assert Layout.from_json(opened.to_json()) == opened
    assert open_states.openers(opened) == {}, "one thing open at a time"
    with pytest.raises(ValueError, match="opens nothing"):
        open_states.open_node(closed, by_id(closed)["n10"], seed=1)


def test_date_picker_opens_the_month_of_its_value():
    opened = open_states.open_node(handmade(), by_id(handmade())["n5"], seed=1)
    grid = opened.root.children[-1].children[0].children[1]
    days = [c for c in grid.children if c.role == "button"]
    assert [d.text for d in days] == [str(d) for d in range(1, 32)]  # March 2024
    assert [d.text for d in days if d.state.get("selected")] == ["15"]
    assert sum(c.role == "spacer" for c in grid.children[7:]) == 4  # 1 March 2024 is a Friday: Monday-first blanks
    assert grid.intent["columns"] == 7


def test_share_of_open_screens_and_closed_screens_untouched():
    cfg = RenderConfig(renderer="web", style="material", count=300, seed=5)
    names = cfg.grammar_names()
    opened = candidates = 0
    for i in range(cfg.count):
        seed = sample_seed(cfg.seed, i)
        layout, _ = draw_layout(cfg, seed)
        kind = open_states.open_kind(layout)
        grammar = GRAMMARS.get(names[rng_for(seed, "grammar").randrange(len(names))])
        assert layout.grammar == grammar.name
        if kind is None:
            candidates += bool(open_states.openers(layout))
            continue
        opened += 1
        candidates += 1
        assert layout == draw_layout(cfg, seed)[0], "the same seed opens the same thing"
    share = opened / candidates
    sigma = (open_states.OPEN_SHARE * (1 - open_states.OPEN_SHARE) / candidates) ** 0.5
    assert abs(share - open_states.OPEN_SHARE) < 3 * sigma, (opened, candidates)


def test_closed_screens_are_the_grammars_and_the_game_renderer_never_opens():
    cfg = RenderConfig(renderer="web", style="material", count=40, seed=7)
    game = RenderConfig(renderer="game", style=RENDERERS.get("game").styles.names()[0], count=40, seed=7)
    for i in range(cfg.count):
        _, layout, factors = make_layout(cfg, i)
        if open_states.open_kind(layout) is None:
            from factory.core.content import Content

            seed = sample_seed(cfg.seed, i)
            grammar = GRAMMARS.get(layout.grammar)
            again = grammar.generate(rng_for(seed, "layout"), Content(factors.locale, seed, rng_for(seed, "content")),
                                     factors.form_factor)
            assert check_labels.split(again) == layout  # the grammar's, its checkboxes' words split (web)
        assert open_states.open_kind(make_layout(game, i)[1]) is None


# --- drawn in Chromium ---------------------------------------------------------------------------------------

ITEMS = {"n3": "menu_item", "n4": "menu_item", "n5": "button", "n6": "tooltip", "n8": "list_item"}


@pytest.mark.browser
@pytest.mark.parametrize("style", ["material", "kit-bootstrap5", "kit-shoelace", "kit-fluentwc", "kit-mwc"])
@pytest.mark.parametrize("opener", sorted(ITEMS))
def test_open_popup_is_labelled_below_its_opener_and_occludes_what_it_covers(web_renderer, opener, style):
    closed = handmade()
    opened = open_states.open_node(closed, by_id(closed)[opener], seed=3)
    factors = make_factors("web")
    out_c, pix_c, ann_c = render(web_renderer, closed, style, factors)
    out_o, pix_o, ann_o = render(web_renderer, opened, style, factors)
    check_invariants(opened, out_o, pix_o, ann_o)
    before = {e.id: e for e in ann_c.elements}
    after = {e.id: e for e in ann_o.elements}
    popup = opened.root.children[-1].children[0]
    new = {int(n.id[1:]) for n, _ in popup.walk()}
    items = [after[i] for i in sorted(new) if i in after and after[i].cls == ITEMS[opener]]
    assert len(items) >= {"n6": 1, "n8": 2}.get(opener, 3), ann_o.drops
    anchor = after[int(opener[1:])].bbox
    h, w = pix_o.shape[:2]
    for e in items:
        x, y, bw, bh = e.bbox
        assert 0 <= x and x + bw <= w and y + bh <= h
        assert y >= anchor[1] + anchor[3] - 1, (e, anchor)  # below the opener
        assert e.visible_fraction > 0.9  # on top of everything
        assert e.parent is None or e.parent in new  # a child of the page, or of the popover's card
        assert not np.array_equal(pix_o[y:y + bh, x:x + bw], pix_c[y:y + bh, x:x + bw]), "nothing drawn there"
    panel = out_o.nodes[popup.id].full_bbox
    under = [e for e in before.values() if e.id not in new and covered(e.bbox, panel) > 0.5]
    if opener != "n6":
        assert under, "the popup covers part of the page"
    for e in under:
        assert e.id not in after or after[e.id].visible_fraction < e.visible_fraction, (e, after.get(e.id))
    gone = [e for e in under if e.id not in after]
    assert ann_o.drops.get("dropped_occluded", 0) >= len(gone)


@pytest.mark.browser
def test_popup_of_an_opener_scrolled_out_of_view_is_not_drawn(web_renderer):
    lines = tuple(Node(f"n{3 + i}", "text", text=f"Line {i}") for i in range(60))
    page = Node("n1", "column", intent={"direction": "column", "gap": 2, "weight": 1, "scroll": True,
                                        "scroll_y": 100, "padding": True},
                children=(Node("n2", "dropdown", text="Newest"), *lines))
    closed = Layout("handmade", Node("n0", "screen", children=(page,), intent={"direction": "column"}), "en_US",
                    "desktop")
    opened = open_states.open_node(closed, by_id(closed)["n2"], seed=3)
    out, pixels, ann = render(web_renderer, opened, "material", make_factors("web"))
    check_invariants(opened, out, pixels, ann)
    popup = opened.root.children[-1]
    assert not out.nodes[popup.children[0].id].visible
    assert not any(e.id >= DERIVED_BASE for e in ann.elements)
    assert ann.drops["dropped_invisible"] >= len(popup.children[0].children) + 1  # its items and the opener
