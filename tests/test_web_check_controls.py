"""Checkboxes, radios and switches on web screens follow the real-page convention (issue 12, benchmarks/README.md
"Label conventions", item 3): the control is boxed by the small square, circle or track that is drawn (as
renderers/web/label_dom.js boxes a real page's <input>), and the words of its label are a `text` element of their
own, beside it. Checked over every web style: hand-written flavours and every kit (each draws its control with
another part: the input, a sibling <i>/<span>, a pseudo-element, box-shadow pixels)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from factory.core.check_labels import split
from factory.core.layout import Layout, Node
from renderers import RENDERERS
from tests.invariants import check_invariants, make_factors, render_annotated

render = partial(render_annotated, "web")
WEB_STYLES = RENDERERS.get("web").styles.names()
LABELS = {"n3": "Remember me", "n4": "Send me the newsletter", "n6": "Standard shipping", "n7": "Express",
          "n8": "Dark mode"}


def _layout() -> Layout:
    root = Node("n0", "screen", children=(
        Node("n1", "column", intent={"padding": True, "gap": 2}, children=(
            Node("n2", "heading", text="Settings", props={"level": 2}),
            Node("n3", "checkbox", text=LABELS["n3"], props={"state": {"checked": True}}),
            Node("n4", "checkbox", text=LABELS["n4"]),
            Node("n5", "column", intent={"gap": 1}, children=(
                Node("n6", "radio", text=LABELS["n6"], props={"state": {"checked": True}}),
                Node("n7", "radio", text=LABELS["n7"]))),
            # a switch with words of its own, and one labelled on its left as the grammars draw them (a text, the
            # switch: preferences, settings rows)
            Node("n8", "switch", text=LABELS["n8"], props={"state": {"checked": True}}),
            Node("n10", "row", intent={"gap": 2}, children=(
                Node("n11", "text", text="Wi-Fi", props={"variant": "label"}),
                Node("n12", "switch", text="", props={"state": {"checked": True}}))),
            Node("n9", "checkbox", text="", props={"state": {"checked": True}}),  # a table row's: no words
        )),
    ))
    return split(Layout("handmade", root, "en_US", "desktop"))


def test_split_gives_each_labelled_control_its_words_once_as_a_sibling():
    layout = _layout()
    nodes = {n.id: n for n, _ in layout.nodes()}
    parents = {c.id: n for n, _ in layout.nodes() for c in n.children}
    for nid, words in LABELS.items():
        label = nodes[nodes[nid].props["label"]]
        assert label.role == "text" and label.text == words and label.props["label_of"] == nid
        siblings = parents[nid].children
        assert siblings.index(label) == siblings.index(nodes[nid]) + 1, "the words follow their control"
        assert nodes[nid].text == words, "the control keeps its text (it is named by it)"
    assert "label" not in nodes["n9"].props, "a control without words gets no label"
    assert split(layout) == layout, "splitting twice changes nothing"
    row = Node("n20", "list_item", props={"cells": True}, children=(Node("n21", "checkbox", text="Pick"),))
    in_row = Layout("handmade", Node("n0", "screen", children=(row,)), "en_US", "desktop")
    assert split(in_row) == in_row, "a control in a table cell stays whole (each child of a row is a cell)"


def _drawn_share(pixels: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share of the box's pixels that differ from the colour most common on a 3 px ring around it: the page
    behind the control (0 for a box over nothing drawn, such as a native input a kit hid)."""
    x, y, w, h = box
    H, W = pixels.shape[:2]
    x0, y0, x1, y1 = max(0, x - 3), max(0, y - 3), min(W, x + w + 3), min(H, y + h + 3)
    ring = np.ones((y1 - y0, x1 - x0), bool)
    ring[y - y0:y - y0 + h, x - x0:x - x0 + w] = False
    colours, counts = np.unique(pixels[y0:y1, x0:x1][ring].reshape(-1, 3), axis=0, return_counts=True)
    backdrop = colours[counts.argmax()]
    return float((pixels[y:y + h, x:x + w] != backdrop).any(axis=2).mean())


@pytest.mark.browser
@pytest.mark.parametrize("style", WEB_STYLES)
def test_controls_are_boxed_by_what_draws_them_and_their_words_are_text(web_renderer, style):
    spec_style = RENDERERS.get("web").styles.get(style)
    phone = "desktop" not in spec_style.form_factors
    factors = make_factors("web", viewport_w=390 if phone else 1280, viewport_h=844 if phone else 800,
                           form_factor="mobile" if phone else "desktop", accent=spec_style.accents[0])
    layout = _layout()
    out, pixels, ann = render(web_renderer, layout, style, factors)
    check_invariants(layout, out, pixels, ann)
    els = {f"n{e.id}": e for e in ann.elements}
    nodes = {n.id: n for n, _ in layout.nodes()}
    # Every checked control is drawn (an unchecked radio may draw nothing: Onsen's iOS one, NES.css's), and
    # every unchecked checkbox. A switch with words of its own is drawn whole by the hand-written flavours and most
    # kits; Onsen and Framework7 draw no words beside theirs (no grammar gives a web switch words: a text before it
    # labels it, as n11 does n12), so its box alone is checked there.
    for nid in ("n3", "n4", "n6", "n8", "n9", "n12"):
        assert nid in els, f"{style}: {nodes[nid].role} {nid} was dropped ({dict(ann.drops)})"
    words_drawn = {"n8": style not in ("kit-onsen", "kit-framework7")}
    for nid in ("n3", "n4", "n6", "n7", "n8", "n9", "n12"):
        if nid not in els:
            continue
        e = els[nid]
        x, y, w, h = e.bbox
        if e.cls == "switch":
            assert w <= 72 and h <= 40, f"{style}: switch {nid} boxed with more than its track: {e.bbox}"
        else:
            assert w <= 40 and h <= 40 and 0.6 <= w / h <= 1.67, f"{style}: {e.cls} {nid} not a small square: {e.bbox}"
        assert _drawn_share(pixels, e.bbox) >= 0.1, f"{style}: {e.cls} {nid} box {e.bbox} covers nothing drawn"
        assert e.state["checked"] is bool(nodes[nid].state.get("checked"))
        if "label" not in nodes[nid].props or not words_drawn.get(nid, True):
            continue
        assert e.text == nodes[nid].text, "the control keeps its words as its text"
        t = els.get(nodes[nid].props["label"])
        assert t is not None and t.cls == "text" and t.text == nodes[nid].text, f"{style}: no text for {nid}'s words"
        assert t.parent == e.parent, "the words are the control's sibling"
        tx, ty, tw, th = t.bbox
        # en_US: the words follow the control on its right, on its line
        assert x + w <= tx + 2 and tx - (x + w) <= 40, f"{style}: words {t.bbox} not right of {e.cls} {e.bbox}"
        assert ty < y + h and y < ty + th, f"{style}: words {t.bbox} not on the line of {e.cls} {e.bbox}"
