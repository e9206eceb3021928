"""Running text in a muted tone (rules.paragraph, prop tone; styles/running_text.css, issue 12): a share of paragraphs
is drawn grey (dimmed on a dark page) as real sites draw body text and leads, its links in their own colour. The tone
comes from the paragraph's own stream: the screens are otherwise the ones drawn without it."""

from __future__ import annotations

import json
import random

import pytest

from factory.core.content import Content
from factory.core.layout import Layout
from factory.grammars import rules
from factory.grammars.base import GRAMMARS
from tests.invariants import check_invariants, render_annotated
from tests.test_web_inline_links import _factors

FAMILIES = ("article", "docs", "landing", "product", "profile")


def _generate(family: str, seed: int) -> Layout:
    rng = random.Random(seed)
    return GRAMMARS.get(family).generate(rng, Content("en_US", seed, rng), "desktop")


def _paragraphs(layout: Layout) -> list:
    return [n for n, _ in layout.nodes() if n.role == "text" and "tone" in n.props]


def _without_tone(layout: Layout) -> str:
    tree = json.loads(layout.to_json())

    def strip(node: dict) -> None:
        node.get("props", {}).pop("tone", None)
        for c in node.get("children", ()):
            strip(c)

    strip(tree["root"])
    return json.dumps(tree, sort_keys=True)


def test_a_share_of_paragraphs_is_muted_and_nothing_else_changes(monkeypatch):
    screens = [(family, seed) for family in FAMILIES for seed in range(30)]
    drawn, share_ = {}, rules.MUTED_PROSE_SHARE
    for share in (share_, 0.0, 1.0):
        monkeypatch.setattr(rules, "MUTED_PROSE_SHARE", share)
        layouts = [_generate(f, s) for f, s in screens]
        assert all(n.props["tone"] == "muted" for lay in layouts for n in _paragraphs(lay))
        drawn[share] = (sum(len(_paragraphs(lay)) for lay in layouts), [_without_tone(lay) for lay in layouts])
    (muted, default), (none, plain), (every, all_muted) = drawn.values()
    assert default == plain == all_muted, "the tone changed the screens' other draws"
    assert none == 0 and every >= 300
    assert abs(muted / every - share_) < 0.06, (muted, every)


def _muted_with_link() -> tuple[Layout, object, object]:
    """A layout with a muted paragraph that has a link and a paragraph in the page's tone that has one."""
    for seed in range(300):
        lay = _generate("article", seed)
        texts = [n for n, _ in lay.nodes() if n.role == "text" and n.props.get("runs")]
        muted = [n for n in texts if n.props.get("tone") == "muted"]
        plain = [n for n in texts if n.props.get("tone") is None]
        if muted and plain:
            return lay, muted[0], plain[0]
    raise AssertionError("no article with both a muted and a plain paragraph with links in 300 seeds")


COLOUR = "(nid) => getComputedStyle(document.querySelector(`[data-nid=\"${nid}\"]`)).color"


@pytest.mark.browser
@pytest.mark.parametrize("style", ["material", "kit-bootstrap5", "kit-bulma", "kit-pico"])
def test_a_muted_paragraph_is_drawn_dimmer_and_its_links_keep_their_colour(web_renderer, style):
    layout, muted, plain = _muted_with_link()
    out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                        _factors(style, "en_US", "desktop", 1280, 3000))
    check_invariants(layout, out, pixels, ann)
    page = web_renderer._page_entry.page  # the page just drawn
    m, p = page.evaluate(COLOUR, muted.id), page.evaluate(COLOUR, plain.id)
    assert m != p, f"{style}: the muted paragraph is drawn in the page's own tone {p}"
    assert "color(srgb" in m or m.startswith("rgba"), f"{style}: {m} is not the page's tone dimmed"
    assert page.evaluate(COLOUR, muted.children[0].id) == page.evaluate(COLOUR, plain.children[0].id), \
        f"{style}: a link in a muted paragraph lost the link colour"
    by_id = {e.id: e for e in ann.elements}
    assert by_id[int(muted.children[0].id[1:])].cls == "link"
