"""Desktop and game checkboxes, radios and switches follow the real-page convention as web ones do
(tests/test_web_check_controls.py): the control boxed by the indicator (or track) that is drawn, its words a `text`
element of their own beside it, measured apart although the control draws them (factory.core.check_labels: a
QCheckBox draws its words itself; a game checkbox is laid out and painted whole). A game switch draws no words."""

from __future__ import annotations

import pytest

from factory.core.check_labels import drawn
from renderers import RENDERERS
from tests.conftest import renderer_param
from tests.invariants import check_invariants, make_factors, render_annotated
from tests.test_web_check_controls import LABELS, _drawn_share, _layout

CASES = [renderer_param(r, s, id=f"{r}-{s}") for r in ("desktop", "game") for s in RENDERERS.get(r).styles.names()]
BOX = {"desktop": 24, "game": 32}  # the largest square drawn at these factors (game boxes scale with the frame)


def test_drawn_leaves_out_the_words_and_nothing_else():
    layout = _layout()
    built = {n.id for n, _ in drawn(layout).nodes()}
    words = {n.id for n, _ in layout.nodes() if n.props.get("label_of")}
    assert words and built == {n.id for n, _ in layout.nodes()} - words


@pytest.mark.parametrize("renderer,style", CASES)
def test_controls_are_boxed_by_their_indicator_and_their_words_are_text(request, renderer, style):
    layout = _layout()
    out, pixels, ann = render_annotated(renderer, request.getfixturevalue(f"{renderer}_renderer"), layout, style,
                                        make_factors(renderer))
    check_invariants(layout, out, pixels, ann)
    els = {f"n{e.id}": e for e in ann.elements}
    nodes = {n.id: n for n, _ in layout.nodes()}
    for nid in ("n3", "n4", "n6", "n7", "n8", "n9", "n12"):
        e = els[nid]
        x, y, w, h = e.bbox
        if e.cls == "switch":
            assert w <= 60 and h <= 30, f"{style}: switch {nid} boxed with more than its track: {e.bbox}"
        else:
            small = w <= BOX[renderer] and h <= BOX[renderer] and 0.8 <= w / h <= 1.25
            assert small, f"{style}: {e.cls} {nid} not a small square: {e.bbox}"
        assert _drawn_share(pixels, e.bbox) >= 0.1, f"{style}: {e.cls} {nid} box {e.bbox} covers nothing drawn"
        assert e.state["checked"] is bool(nodes[nid].state.get("checked"))
        if "label" not in nodes[nid].props:
            continue
        if e.cls == "switch" and renderer == "game":
            assert nodes[nid].props["label"] not in els, "a game switch draws no words: none are annotated"
            continue
        assert e.text == nodes[nid].text == LABELS[nid], "the control keeps its words as its text"
        t = els[nodes[nid].props["label"]]
        assert t.cls == "text" and t.text == nodes[nid].text and t.parent == e.parent, f"{style}: {nid}'s words"
        tx, ty, tw, th = t.bbox
        assert x + w <= tx and tx - (x + w) <= 16, f"{style}: words {t.bbox} not right of {e.cls} {e.bbox}"
        assert ty < y + h and y < ty + th, f"{style}: words {t.bbox} not on the line of {e.cls} {e.bbox}"
        assert _drawn_share(pixels, t.bbox) >= 0.05, f"{style}: words {t.bbox} over nothing drawn"
        # the words' box is the words, not the rest of the row: about their advance wide
        assert tw <= 11 * len(LABELS[nid]) + 4, f"{style}: words {t.bbox} wider than {LABELS[nid]!r}"
