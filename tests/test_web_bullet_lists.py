"""Bulleted lists of running text (grammars/bullet_lists, issue 12): articles and docs pages draw lists whose items are
words, not links (authors, features, a glossary), the hard negatives of the contents lists whose every item is a link.
Each item is a `text` drawn as a list item with its bullet; an address after a name is a link inside its item."""

from __future__ import annotations

import random

import pytest

from factory.core.content import Content
from factory.core.layout import Layout, Node
from factory.grammars import bullet_lists
from factory.grammars.base import Ctx
from tests.invariants import check_invariants, generate, render_annotated
from tests.test_web_inline_links import _factors

STYLES = ["material", "kit-bootstrap5", "kit-pico", "kit-98css"]



def _lists(layout: Layout) -> list[Node]:
    """The outermost bulleted lists of a layout (a nested list is a child of its parent list)."""
    inner = {c.id for n, _ in layout.nodes() if n.props.get("kind") == "bullets" for c in n.children}
    return [n for n, _ in layout.nodes() if n.props.get("kind") == "bullets" and n.id not in inner]


def _items(lst: Node) -> list[Node]:
    return [d for c in lst.children for d in (_items(c) if c.props.get("kind") == "bullets" else [c])]


def _kind(item: Node) -> str:
    if " – " in item.text and item.props.get("marks") == [[0, 0, item.text.index(" – "), "strong"]]:
        return "terms"
    if item.children and item.props["runs"][0].endswith(" <"):
        return "names"
    return "names" if " " in item.text and not item.text.endswith(".") else "sentences"


@pytest.mark.parametrize("form", ["desktop", "mobile"])
def test_articles_and_docs_draw_lists_of_words_not_links(form):
    screens, kinds, nested, items, linked = 0, set(), 0, 0, 0
    for family in ("article", "docs"):
        for seed in range(80):
            lists = _lists(generate(family, seed, form))
            screens += bool(lists)
            for lst in lists:
                nested += any(c.props.get("kind") == "bullets" for c in lst.children)
                assert 3 <= len([c for c in lst.children if c.role == "text"]) <= 8
                for item in _items(lst):
                    assert item.role == "text", f"a list item is words, not a {item.role}"
                    assert all(k.role == "link" and k.text in item.text for k in item.children)
                    runs = item.props.get("runs")
                    if runs:
                        assert "".join(r + k.text for r, k in zip(runs, item.children)) + runs[-1] == item.text
                    kinds.add(_kind(item))
                    items += 1
                    linked += bool(item.children)
    assert 40 <= screens <= 120, screens  # article sections 0.3 each, docs sections 0.35 (pages only)
    assert kinds == {"names", "sentences", "terms"}, kinds
    assert nested, "no nested list"
    assert linked / items < 0.2, (linked, items)  # mostly words: the links of running text are 0.4 a paragraph


@pytest.mark.parametrize("email", [True, False])
def test_names_may_carry_an_address_that_is_a_link(email):
    for seed in range(20):
        rng = random.Random(seed)
        item = bullet_lists.name_item(Ctx(rng, Content("en_US", seed, rng), "desktop"), email=email)
        if not email:
            assert not item.children and "runs" not in item.props and "<" not in item.text
            continue
        (address,) = item.children
        assert address.role == "link" and "@" in address.text
        assert item.props["runs"][1] == ">" and item.props["runs"][0].endswith(" <")
        assert item.text == item.props["runs"][0] + address.text + item.props["runs"][1]


def _list_screen() -> tuple[Layout, Node]:
    """A docs screen whose first list is a names list with addresses and a nested list, high on the page."""
    for seed in range(400):
        lay = generate("docs", seed)
        for lst in _lists(lay):
            if any(k.children for k in _items(lst)) and any(c.props.get("kind") == "bullets" for c in lst.children):
                return lay, lst
    for seed in range(400):  # any nested list then
        lay = generate("docs", seed)
        for lst in _lists(lay):
            if any(c.props.get("kind") == "bullets" for c in lst.children):
                return lay, lst
    raise AssertionError("no nested list in 400 docs seeds")


BULLET_OF = """(nid) => { const s = getComputedStyle(document.querySelector(`[data-nid="${nid}"]`));
                          return [s.display, s.listStyleType]; }"""


@pytest.mark.browser
@pytest.mark.parametrize("style", STYLES)
def test_a_drawn_list_boxes_each_item_as_text_with_its_bullet(web_renderer, style):
    layout, lst = _list_screen()
    out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                        _factors(style, "en_US", "desktop", 1280, 2400))
    check_invariants(layout, out, pixels, ann)
    by_id = {e.id: e for e in ann.elements}
    page = web_renderer._page_entry.page  # the page just drawn
    inner = {c.id for c in lst.children if c.props.get("kind") == "bullets"}
    tops = []
    for item in _items(lst):
        e = by_id[int(item.id[1:])]
        assert e.cls == "text" and e.text == item.text, (style, e)
        display, bullet = page.evaluate(BULLET_OF, item.id)
        nested = any(item in c.children for c in lst.children if c.id in inner)
        assert (display, bullet) == ("list-item", "circle" if nested else "disc"), (style, item.text, display, bullet)
        for k in item.children:
            a = by_id[int(k.id[1:])]
            assert a.cls == "link" and a.parent == e.id, (style, a)
        tops.append(e.bbox[1])
    assert tops == sorted(tops) and len(set(tops)) == len(tops), f"{style}: items not one under another: {tops}"
