"""Docs contents pages (docs.contents_page, issue 12): a share of docs screens shows, instead of an article, a nested
bulleted list of links (Sphinx's toctree) or a summary table of links and descriptions (Javadoc, Doxygen). Every
entry is a link, as the real-page labeller labels a bullet list's <a> (not its <li>); drawn with its bullet outside
its box (the box holds its words), a sub-list indented further right than its parent's entry."""

from __future__ import annotations

import random

import numpy as np
import pytest

from factory.core.content import Content
from factory.core.layout import Layout, Node
from factory.grammars import docs
from factory.grammars.base import GRAMMARS
from tests.invariants import check_invariants, render_annotated
from tests.test_web_inline_links import _factors

SEEDS = range(200)
STYLES = ["material", "kit-bootstrap5", "kit-pico", "kit-98css"]


def _generate(seed: int, form: str = "desktop") -> Layout:
    rng = random.Random(seed)
    return GRAMMARS.get("docs").generate(rng, Content("en_US", seed, rng), form)


def _under(n: Node) -> list[Node]:
    return [n] + [d for c in n.children for d in _under(c)]


def _lists(layout: Layout) -> list[Node]:
    """The outermost contents blocks (a sub-list is a contents block inside another)."""
    blocks = [n for n, _ in layout.nodes() if n.props.get("kind") == "contents"]
    inner = {id(d) for b in blocks for c in b.children for d in _under(c)}
    return [b for b in blocks if id(b) not in inner]


def _levels(block: Node) -> int:
    return 1 + max((_levels(c) for c in block.children if c.props.get("kind") == "contents"), default=0)


def _summaries(layout: Layout) -> list[Node]:
    return [n for n, _ in layout.nodes() if n.role == "table"]


@pytest.mark.parametrize("form", ["desktop", "mobile"])
def test_a_share_of_docs_screens_are_contents_pages_of_links(form):
    pages, nested, links = 0, 0, []
    for seed in SEEDS:
        lay = _generate(seed, form)
        lists, tables = _lists(lay), _summaries(lay)
        assert not (lists and tables), "one kind of contents per page"
        assert not (tables and form == "mobile"), "summary tables on wide screens only"
        if not lists and not tables:
            continue
        pages += 1
        n = 0
        for block in lists:
            under = _under(block)
            assert not {d.role for d in under} & {"menu_item", "list_item", "button"}, seed
            for b in (d for d in under if d.props.get("kind") == "contents"):
                kids = b.children
                assert kids and kids[0].role == "link", "a list starts with an entry"
                assert all(k.role == "link" or k.props.get("kind") == "contents" for k in kids), seed
                # a sub-list follows its parent's entry: never two sub-lists in a row
                assert all(not (a.props.get("kind") == b_.props.get("kind") == "contents")
                           for a, b_ in zip(kids, kids[1:])), seed
            n += sum(d.role == "link" for d in under)
            nested += _levels(block) > 1
        for table in tables:
            rows = [r for r in table.children if r.role == "list_item"]
            assert len(rows) >= 3
            assert all([c.role for c in r.children] == ["link", "text"] for r in rows), "a link, then what it is"
            n += len(rows)
        assert n >= 3, seed
        links.append(n)
    assert pages >= 20 and abs(pages / len(SEEDS) - docs.CONTENTS_SHARE) < 0.08, pages
    assert nested >= pages // 3, "sub-lists under some sections"
    assert np.mean(links) >= 8, np.mean(links)


def _contents_layout() -> Layout:
    """Three levels: A (A1 (A1a, A1b), A2), B."""
    ids = iter(range(1, 100))
    def link(t):
        return Node(f"n{next(ids)}", "link", text=t, props={"state": {}})
    def block(*kids):
        return Node(f"n{next(ids)}", "column", props={"kind": "contents"},
                    intent={"direction": "column", "gap": 0, "align": "start"}, children=kids)
    tree = block(link("Alpha section"), block(link("Alpha one page"), block(link("Deep one"), link("Deep two")),
                                              link("Alpha two page")), link("Beta section"))
    root = Node("n0", "screen", intent={"direction": "column", "padding": True},
                children=(Node("n99", "heading", text="Contents", props={"level": 1}), tree))
    return Layout("handmade", root, "en_US", "desktop")


def _ink(pixels: np.ndarray, box) -> np.ndarray:
    """Per column of the band of `box`'s rows, from 30 px left of it to its right edge: whether any pixel differs
    from the band's commonest colour (the page behind)."""
    x, y, w, h = box
    band = pixels[y:y + h, max(0, x - 30):x + w].astype(int)
    colours, counts = np.unique(band.reshape(-1, 3), axis=0, return_counts=True)
    bg = colours[counts.argmax()]
    return (np.abs(band - bg).max(axis=2) > 60).any(axis=0)


def _check_bullet_outside(pixels: np.ndarray, e, where: str) -> None:
    """Left of the box lies a bullet (ink), ending before the box's left edge with a gap: the box holds the words,
    not the bullet."""
    x = e.bbox[0]
    ink = _ink(pixels, e.bbox)
    off = min(30, x)  # column of the box's left edge in `ink`
    cols = np.flatnonzero(ink)
    assert cols.size and cols[0] < off - 2, f"{where}: no bullet left of {e.text!r} {e.bbox}"
    end = cols[0]
    while end + 1 < len(ink) and ink[end + 1]:
        end += 1
    assert end < off - 1, f"{where}: the bullet of {e.text!r} runs into its box {e.bbox} ({cols[0] - off}..{end - off})"


@pytest.mark.browser
@pytest.mark.parametrize("style", STYLES)
def test_contents_entries_are_links_with_bullets_outside_and_nested_indented(web_renderer, style):
    layout = _contents_layout()
    factors = _factors(style, "en_US", "desktop", 900, 500)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style, factors)
    check_invariants(layout, out, pixels, ann)
    boxes = {e.text: e for e in ann.elements if e.cls == "link"}
    names = [n.text for n, _ in layout.nodes() if n.role == "link"]
    assert sorted(boxes) == sorted(names), f"{style}: every entry a link, {sorted(boxes)}"
    for t in names:
        _check_bullet_outside(pixels, boxes[t], style)
    x = {t: boxes[t].bbox[0] for t in names}
    assert x["Alpha section"] == x["Beta section"]
    assert x["Alpha one page"] == x["Alpha two page"] > x["Alpha section"] + 10, x
    assert x["Deep one"] == x["Deep two"] > x["Alpha one page"] + 10, x


def _first_nested(form: str) -> Layout:
    for seed in SEEDS:
        lay = _generate(seed, form)
        if any(_levels(b) > 1 for b in _lists(lay)):
            return lay
    raise AssertionError("no nested contents list in 200 seeds")


@pytest.mark.browser
@pytest.mark.parametrize("style, form", [("material", "desktop"), ("kit-bootstrap5", "mobile")])
def test_a_drawn_contents_page_annotates_its_entries_as_links(web_renderer, style, form):
    layout = _first_nested(form)
    w, h = (1280, 1600) if form == "desktop" else (390, 1800)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style, _factors(style, "en_US", form, w, h))
    check_invariants(layout, out, pixels, ann)
    by_id = {e.id: e for e in ann.elements}
    def shown(n: Node):  # its element, unless scrolled away (or cut) under the header
        e = by_id.get(int(n.id[1:]))
        return e if e is not None and e.visible_fraction >= 0.99 else None
    checked, indented = 0, 0
    for block in _lists(layout):
        for b in (d for d in _under(block) if d.props.get("kind") == "contents"):
            for i, k in enumerate(b.children):
                if k.role != "link":  # a sub-list (not annotated): its entries right of its parent's entry
                    parent, kids = shown(b.children[i - 1]), [shown(c) for c in k.children if c.role == "link"]
                    for c in (c for c in kids if c and parent):
                        assert c.bbox[0] > parent.bbox[0] + 10, (parent, c)
                        indented += 1
                elif e := shown(k):
                    assert e.cls == "link" and e.text == k.text, e
                    _check_bullet_outside(pixels, e, f"{style} {form}")
                    checked += 1
    assert checked >= 5 and indented >= 2, (checked, indented)
