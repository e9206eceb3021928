"""Paragraphs with inline links (rules.paragraph): the layout carries them as link children of a text with the words
between them (`runs`), web pages draw them inline in the running text with the style's or kit's own link, and the
annotation has each link inside its paragraph, a child of it, boxed by its words; desktop and game never get one."""

from __future__ import annotations

import random

import pytest

from dataclasses import replace

from factory.core.content import LOCALES, Content
from factory.core.seeding import rng_for
from factory.core.styles import sample_factors
from factory.core.layout import Layout, Node
from factory.grammars.base import GRAMMARS, Ctx
from factory.grammars.rules import paragraph
from renderers import RENDERERS
from tests.invariants import check_invariants, render_annotated

PROSE_GRAMMARS = ("article", "docs", "landing", "product", "profile")


def _prose(layout: Layout) -> list:
    return [n for n, _ in layout.nodes() if n.role == "text" and n.children]


def _factors(style: str, locale: str, form_factor: str, w: int, h: int):
    """The style's own factors (a kit's accent is one of its colour names) at a fixed size, locale and scale."""
    spec = RENDERERS.get("web")
    f = sample_factors(rng_for(0, "factors"), spec.styles.get(style), spec.viewports)
    return replace(f, locale=locale, form_factor=form_factor, viewport_w=w, viewport_h=h, dpr=1.0, font_scale=1.0,
                   density=1.0)


def _layout_with_links(grammar: str, locale: str, form_factor: str = "desktop") -> Layout:
    """The first seed's layout of `grammar` that has a paragraph with inline links."""
    for seed in range(200):
        rng = random.Random(seed)
        layout = GRAMMARS.get(grammar).generate(rng, Content(locale, seed, rng), form_factor)
        if _prose(layout):
            return layout
    raise AssertionError(f"{grammar} drew no paragraph with links in 200 seeds")


@pytest.mark.parametrize("locale", LOCALES)
def test_paragraph_runs_and_links_make_its_text(locale):
    with_links = 0
    for seed in range(60):
        rng = random.Random(seed)
        n = paragraph(Ctx(rng, Content(locale, seed, rng), "desktop"), (1, 3), (6, 16))
        if not n.children:
            assert "runs" not in n.props or n.props.get("marks")  # words set apart (test_web_text_marks.py)
            continue
        with_links += 1
        runs = n.props["runs"]
        assert 1 <= len(n.children) <= 3 and len(runs) == len(n.children) + 1
        assert all(c.role == "link" and c.text for c in n.children)
        assert "".join(r + c.text for r, c in zip(runs, n.children)) + runs[-1] == n.text
        assert all(r for r in runs[1:-1]), "two links always have words between them"
    assert 10 <= with_links <= 40, with_links  # a seeded share, about 40%


def test_only_web_grammars_draw_paragraphs_with_links():
    """The desktop and game renderers draw a text's words, not children inside them: no grammar of theirs may
    emit such a paragraph."""
    for name in GRAMMARS.names():
        g = GRAMMARS.get(name)
        if g.renderers == ("web",):
            continue
        for seed in range(30):
            rng = random.Random(seed)
            for ff in ("desktop", "mobile"):
                layout = g.generate(rng, Content("en_US", seed, rng), ff)
                assert not any(n.role == "text" and n.children for n, _ in layout.nodes()), (name, seed)
    for name in PROSE_GRAMMARS:
        assert GRAMMARS.get(name).renderers == ("web",) and _prose(_layout_with_links(name, "en_US"))


def _check_inline_links(layout: Layout, ann) -> int:
    by_id = {e.id: e for e in ann.elements}
    seen = 0
    for para in _prose(layout):
        p = by_id.get(int(para.id[1:]))
        if p is None:
            continue  # scrolled away below the fold
        assert p.cls == "text" and " ".join(p.text.split()) == " ".join(para.text.split()), (p.text, para.text)
        px, py, pw, ph = p.bbox
        for child in para.children:
            e = by_id.get(int(child.id[1:]))
            if e is None:
                continue
            seen += 1
            assert e.cls == "link" and e.parent == p.id, (e, p)
            assert e.text and e.text in p.text, (e.text, p.text)
            x, y, w, h = e.bbox
            assert px - 1 <= x and py - 1 <= y and x + w <= px + pw + 1 and y + h <= py + ph + 1, (e.bbox, p.bbox)
            assert not e.overflows_parent
            # a line of words, never the paragraph: a link that wraps is boxed by its longer piece
            assert h < ph or ph < 2.5 * h, (e.bbox, p.bbox)
            assert w * h < 0.6 * pw * ph or ph < 2.5 * h, (e.bbox, p.bbox)
    return seen


@pytest.mark.parametrize("style", ["material", "kit-bootstrap5", "kit-carbon", "kit-ionic"])
@pytest.mark.parametrize("grammar", ["article", "docs"])
def test_links_are_drawn_inline_in_their_paragraph(web_renderer, grammar, style):
    layout = _layout_with_links(grammar, "en_US")
    factors = _factors(style, "en_US", "desktop", 1024, 1400)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style, factors)
    check_invariants(layout, out, pixels, ann)
    assert _check_inline_links(layout, ann) >= 1


@pytest.mark.parametrize("style", ["material", "kit-bulma"])
@pytest.mark.parametrize("locale", ["ar_AA", "ja_JP"])
def test_inline_links_right_to_left_and_without_spaces(web_renderer, style, locale):
    layout = _layout_with_links("article", locale, "mobile")
    factors = _factors(style, locale, "mobile", 390, 1600)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style, factors)
    check_invariants(layout, out, pixels, ann)
    assert _check_inline_links(layout, ann) >= 1


@pytest.mark.parametrize("style", ["material", "kit-bulma"])
def test_a_wrapped_link_is_boxed_by_one_line_of_its_words(web_renderer, style):
    """A link that wraps over two lines is boxed by its longer piece: one line high, never the paragraph's width
    from the start of one line to the end of the other."""
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore"
    runs = [words + " ", " magna aliqua ut enim ad minim veniam quis nostrud."]
    link_text = "wrapping anchor words here"
    para = Node("n2", "text", text=link_text.join(runs), props={"variant": "body", "runs": runs},
                children=(Node("n3", "link", text=link_text),))
    root = Node("n0", "screen", intent={"direction": "column", "padding": True},
                children=(Node("n1", "column", intent={"gap": 2}, children=(para,)),))
    layout = Layout("handmade", root, "en_US", "desktop")
    def boxes(width: int):
        f = _factors(style, "en_US", "desktop", width, 500)
        out, pixels, ann = render_annotated("web", web_renderer, layout, style, f)
        check_invariants(layout, out, pixels, ann)
        by_id = {e.id: e for e in ann.elements}
        assert by_id[3].parent == 2 and by_id[3].text == link_text and by_id[2].text == para.text
        return by_id[2].bbox, by_id[3].bbox

    _, whole = boxes(1400)  # on one line: the whole link's width and one line's height
    wrapped = 0
    for width in range(260, 420, 10):
        p, a = boxes(width)
        assert a[3] < 1.5 * whole[3], (a, p)  # one line high, however it wraps
        if a[2] < 0.95 * whole[2]:  # it wrapped: boxed by a piece, not from one line's start to the other's end
            wrapped += 1
            assert a[2] < 0.9 * p[2], (a, p)
    assert wrapped, "no width put the link across a line break"
