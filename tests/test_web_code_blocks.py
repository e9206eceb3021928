"""Code blocks (grammars/docs.code_block, styles/code.css, issue 12): light or dark, their tokens coloured by a
highlighter or not (marks of SYNTAX_MARKS, drawn as <span class="syn-TAG">): words in colours of their own, a light
block's function names blue as Pygments draws them, and none of them a link."""

from __future__ import annotations

import pytest

from factory.core.layout import SYNTAX_MARKS, Layout, Node
from factory.grammars import docs
from renderers.base import RendererError
from tests.invariants import check_invariants, render_annotated
from tests.test_web_docs_contents import SEEDS, STYLES, _generate, _under
from tests.test_web_inline_links import _factors
from tests.test_web_text_marks import _handmade


def _blocks(layout: Layout) -> list[Node]:
    return [n for n, _ in layout.nodes() if n.props.get("kind") == "code"]


def _lines(block: Node) -> list[Node]:
    return [c for c in block.children if c.role == "text"]


def test_code_blocks_are_light_or_dark_and_highlighted_or_not():
    blocks = [b for seed in SEEDS for b in _blocks(_generate(seed))]
    assert len(blocks) >= 150, len(blocks)
    light = sum("light" in b.props.get("look", ()) for b in blocks)
    lit = sum(any(line.props.get("marks") for line in _lines(b)) for b in blocks)
    assert abs(light / len(blocks) - docs.CODE_LIGHT_SHARE) < 0.1, (light, len(blocks))
    assert abs(lit / len(blocks) - docs.HIGHLIGHT_SHARE) < 0.1, (lit, len(blocks))
    tags = set()
    for b in blocks:
        for line in _lines(b):
            assert not line.children, "a code line has no links"
            marks = line.props.get("marks", [])
            if marks:
                assert line.props["runs"] == [line.text]
            end = 0
            for run, start, stop, tag in marks:
                assert run == 0 and end <= start < stop <= len(line.text) and tag in SYNTAX_MARKS
                assert line.text[start:stop].strip(), "a token is words, not spaces"
                end = stop
                tags.add(tag)
    assert tags == SYNTAX_MARKS, tags


@pytest.mark.parametrize("mark", [[0, 0, 3, "keyword"], [0, 0, 3, "span"], [0, 4, 40, "fn"]])
def test_an_unknown_token_or_one_outside_its_line_is_refused(web_renderer, mark):
    layout = _handmade(["def parse(x):"], [mark])
    with pytest.raises(RendererError, match="mark"):
        render_annotated("web", web_renderer, layout, "material", _factors("material", "en_US", "desktop", 600, 200))


def _highlighted(light: bool) -> tuple[Layout, Node]:
    for seed in SEEDS:
        lay = _generate(seed)
        for b in _blocks(lay):
            tags = {m[3] for line in _lines(b) for m in line.props.get("marks", ())}
            if ("light" in b.props.get("look", ())) == light and {"kw", "fn"} <= tags:
                return lay, b
    raise AssertionError(f"no highlighted {'light' if light else 'dark'} code block with a keyword and a name")


COLOURS = """(nid) => { const line = document.querySelector(`[data-nid="${nid}"]`);
    const block = getComputedStyle(line.closest('.k-code'));
    const tokens = {}; for (const s of line.querySelectorAll('[class^="syn-"]'))
        tokens[s.className] = [getComputedStyle(s).color, getComputedStyle(s).fontWeight];
    return [block.backgroundColor, getComputedStyle(line).color, tokens]; }"""


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(v)) for v in css[css.index("(") + 1:css.index(")")].split(",")[:3])


@pytest.mark.browser
@pytest.mark.parametrize("light", [True, False], ids=["light", "dark"])
@pytest.mark.parametrize("style", STYLES)
def test_a_drawn_code_block_colours_its_tokens_and_labels_its_lines_as_text(web_renderer, style, light):
    layout, block = _highlighted(light)
    out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                        _factors(style, "en_US", "desktop", 1280, 2400))
    check_invariants(layout, out, pixels, ann)
    by_id = {e.id: e for e in ann.elements}
    page = web_renderer._page_entry.page  # the page just drawn
    inside = {int(d.id[1:]) for d in _under(block)}
    assert not any(by_id[i].cls == "link" for i in inside if i in by_id), f"{style}: a link in a code block"
    seen = set()
    for line in _lines(block):
        assert by_id[int(line.id[1:])].cls == "text"
        background, words, tokens = page.evaluate(COLOURS, line.id)
        assert (sum(_rgb(background)) > 600) == light, (style, background)
        for cls, (colour, weight) in tokens.items():
            assert _rgb(colour) != _rgb(words), f"{style}: token {cls} in the words' colour {colour}"
            seen.add(cls)
            if light and cls == "syn-fn":
                assert _rgb(colour) == (0, 0, 255), f"{style}: a function name in {colour}, not Pygments' blue"
            if light and cls == "syn-kw":
                assert int(weight) >= 700, f"{style}: a keyword not bold on a light block"
    assert {"syn-kw", "syn-fn"} <= seen, seen
