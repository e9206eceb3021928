"""Words a paragraph sets apart (rules.paragraph, prop `marks`: inline code, bold, italic, highlighted, keys): words
that look unlike their paragraph and are not links, the detector's hard negatives for inline links. The layout carries
them as spans of the runs, drawn from a stream of their own (the screen's other draws are unchanged); web pages draw
them in their tags, escaped, inside the paragraph; the annotation has no element for them."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from factory.core.content import LOCALES, Content
from factory.core.layout import TEXT_MARKS, Layout, Node
from factory.grammars import rules
from factory.grammars.base import GRAMMARS, Ctx
from renderers.base import RendererError
from tests.invariants import check_invariants, render_annotated
from tests.test_web_inline_links import PROSE_GRAMMARS, _factors


def _paragraphs(layout: Layout) -> list[Node]:
    return [n for n, _ in layout.nodes() if n.role == "text" and n.props.get("runs")]


@pytest.mark.parametrize("locale", LOCALES)
def test_marks_are_whole_words_of_their_runs(locale):
    spaced = bool(Content(locale, 0, random.Random(0)).sentence_words(2)[1])  # not Chinese, Japanese
    marked = 0
    for seed in range(60):
        rng = random.Random(seed)
        n = rules.paragraph(Ctx(rng, Content(locale, seed, rng), "desktop"), (1, 3), (6, 16))
        marks = n.props.get("marks", [])
        marked += bool(marks)
        runs = n.props.get("runs", [n.text])
        assert "".join(r + c.text for r, c in zip(runs, n.children)) + runs[-1] == n.text
        if not n.children:
            assert ("runs" in n.props) == bool(marks), "a plain paragraph is a plain text"
        last = (0, 0)
        for run, start, end, tag in marks:
            assert tag in TEXT_MARKS and tag in rules.EMPHASIS_TAGS
            assert 0 <= run < len(runs) and 0 <= start < end <= len(runs[run])
            assert (run, start) >= last, "marks follow each other"
            last = (run, end + 1)
            words = runs[run][start:end]
            assert words.strip() == words, "a mark holds words, not the spaces around them"
            if spaced:  # whole words: not cut inside one
                assert start == 0 or not runs[run][start - 1].isalnum(), (runs[run], start)
                assert end == len(runs[run]) or not runs[run][end].isalnum(), (runs[run], end)
    assert 10 <= marked <= 40, marked  # a seeded share, about 40%


def _without_marks(n: Node) -> Node:
    props = {k: v for k, v in n.props.items() if k != "marks"}
    if not n.children and "marks" in n.props:
        props.pop("runs")
    return replace(n, props=props, children=tuple(_without_marks(c) for c in n.children))


@pytest.mark.parametrize("grammar", PROSE_GRAMMARS)
def test_marks_leave_the_screens_other_draws_alone(grammar, monkeypatch):
    """Marks come from a stream of their own: with them a screen is the one drawn without them, marks aside. So a
    dataset drawn before marks existed keeps its layouts, and an A/B of marks against none changes only them."""
    def generate(seed: int) -> Layout:
        rng = random.Random(seed)
        return GRAMMARS.get(grammar).generate(rng, Content("en_US", seed, rng), "desktop")
    def texts(layout: Layout) -> list[Node]:
        return [n for n, _ in layout.nodes() if n.role == "text"]
    marked = 0
    for seed in range(12):
        with_marks = generate(seed)
        monkeypatch.setattr(rules, "EMPHASIS_SHARE", 0.0)
        plain = generate(seed)
        monkeypatch.undo()
        assert _without_marks(with_marks.root) == _without_marks(plain.root), seed
        # marks not of paragraphs' (a code line's tokens, a list's terms) are in both; a paragraph's only with them
        for p, q in zip(texts(with_marks), texts(plain), strict=True):
            if q.props.get("marks"):
                assert p.props["marks"] == q.props["marks"], (seed, p.text)
            marked += p.props.get("marks") != q.props.get("marks")
    assert marked, f"{grammar} drew no marks in 12 seeds"


def _handmade(runs: list[str], marks: list, link: str | None = None) -> Layout:
    children = (Node("n3", "link", text=link),) if link else ()
    props = {"variant": "body", "runs": runs, "marks": marks}
    para = Node("n2", "text", text=(link or "").join(runs), props=props, children=children)
    root = Node("n0", "screen", intent={"direction": "column", "padding": True},
                children=(Node("n1", "column", intent={"gap": 2}, children=(para,)),))
    return Layout("handmade", root, "en_US", "desktop")


@pytest.mark.parametrize("style", ["material", "kit-bootstrap5", "kit-pico"])
def test_marks_are_drawn_inside_their_paragraph_and_not_annotated(web_renderer, style):
    runs = ["Call <init> with the sources ", " and pass strong words to it."]
    marks = [[0, 5, 11, "code"], [1, 14, 26, "strong"]]
    layout = _handmade(runs, marks, link="as documented")
    f = _factors(style, "en_US", "desktop", 900, 300)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style, f)
    check_invariants(layout, out, pixels, ann)
    by_id = {e.id: e for e in ann.elements}
    assert set(by_id) == {2, 3}, "the marked words are part of the paragraph, not elements"
    assert by_id[2].text == layout.root.children[0].children[0].text and "<init>" in by_id[2].text
    assert by_id[3].cls == "link" and by_id[3].parent == 2
    plain = _handmade(runs, [], link="as documented")
    _, plain_pixels, plain_ann = render_annotated("web", web_renderer, plain, style, f)
    assert [e.text for e in plain_ann.elements] == [e.text for e in ann.elements]
    assert not np.array_equal(plain_pixels, pixels), "the marks are drawn (monospace, bold)"


@pytest.mark.parametrize("mark", [[0, 2, 40, "code"], [0, 3, 2, "em"], [0, 0, 4, "script"], [1, 0, 2, "em"],
                                  [0, 0, 4, "b"]])
def test_a_mark_outside_its_run_or_tags_is_refused(web_renderer, mark):
    layout = _handmade(["Some words here."], [mark])
    with pytest.raises(RendererError, match="mark"):
        render_annotated("web", web_renderer, layout, "material", _factors("material", "en_US", "desktop", 600, 200))
