"""Synthetic web labels follow the conventions of the real-page labeller (issue 12, benchmarks/README.md "Label
conventions"): a text, a heading or a link is boxed by the extent of its words, not by its element stretched across
the column; controls keep their element's box (a button's padding is part of it)."""

from __future__ import annotations

from functools import partial

import pytest

from factory.core.layout import Layout, Node
from tests.invariants import make_factors, render_annotated

pytestmark = pytest.mark.browser
render = partial(render_annotated, "web")


def _layout() -> Layout:
    root = Node("n0", "screen", children=(
        Node("n1", "column", intent={"padding": True, "gap": 2}, children=(
            Node("n2", "heading", text="Hi there", props={"level": 2}),
            Node("n3", "text", text="A few words", props={"variant": "body"}),
            Node("n4", "button", text="Go", props={"variant": "primary"}),
            Node("n5", "link", text="More"),
        )),
    ))
    return Layout("handmade", root, "en_US", "desktop")


@pytest.mark.parametrize("style", ["material", "kit-bootstrap5"])
def test_text_heading_and_link_are_boxed_by_their_words(web_renderer, style):
    out, pixels, ann = render(web_renderer, _layout(), style, make_factors("web", viewport_w=800))
    box = {e.cls: e.bbox for e in ann.elements}
    # The column is 800 px wide; "Hi there" and "A few words" are far narrower at any of the styles' sizes.
    assert box["heading"][2] < 250, f"heading boxed as its stretched block: {box['heading']}"
    assert box["text"][2] < 250, f"text boxed as its stretched block: {box['text']}"
    assert box["link"][2] < 150, f"link boxed as its stretched block: {box['link']}"
    for cls in ("heading", "text", "link"):  # and the box holds the words' ink: it differs from the page around it
        x, y, w, h = box[cls]
        assert (pixels[y:y + h, x:x + w] != pixels[y, x]).any(axis=2).mean() > 0.05
    # A button is its element (padding and fill included), wider than its word "Go".
    measured = out.nodes["n4"]
    assert measured.bbox[2] > 30 and measured.cls == "button"


def test_element_without_visible_text_keeps_its_own_box(web_renderer):
    root = Node("n0", "screen", children=(Node("n1", "column", children=(
        Node("n2", "heading", text="Title", props={"level": 2}), Node("n3", "text", text=" "))),))
    out, _, _ = render(web_renderer, Layout("handmade", root, "en_US", "desktop"), "material", make_factors("web"))
    assert out.nodes["n3"].full_bbox[2] > 500, "a text without words is boxed by its element (nothing to shrink to)"
