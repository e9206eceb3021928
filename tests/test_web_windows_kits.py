"""The desktop-in-web kits (98.css, XP.css, 7.css: styles/kit_windows.py) draw a website's pages as the other kits do:
the top bar's row fills the title bar (its spacer pushes sign-in and the call to action right; "Sign in" was squeezed
into two lines on a 1280 px page), and a phone's article column keeps its padding inside the screen (it ran 48 px off
the right edge: these kits keep content-box sizing)."""

from __future__ import annotations


import pytest

from factory.core.layout import Layout
from tests.invariants import check_invariants, generate, render_annotated
from tests.test_web_inline_links import _factors

KITS = ["kit-98css", "kit-xpcss", "kit-7css"]



def _with_sign_in() -> tuple[Layout, str]:
    """A desktop docs screen whose top bar has a sign-in link after its spacer; that link's node id."""
    for seed in range(100):
        lay = generate("docs", seed, "desktop")
        bar = next(n for n, _ in lay.nodes() if n.props.get("kind") == "navbar")
        links = [c for c in bar.children[0].children if c.role == "link"]
        if links:
            return lay, links[0].id
    raise AssertionError("no docs top bar with a sign-in link in 100 seeds")


BAR = """(nid) => { const bar = document.querySelector('.k-navbar'), a = document.querySelector(`[data-nid="${nid}"]`);
    return [bar.getBoundingClientRect().width, bar.firstElementChild.getBoundingClientRect().width,
            a.getClientRects().length, a.getBoundingClientRect().right]; }"""


@pytest.mark.browser
@pytest.mark.parametrize("style", KITS)
def test_the_top_bar_row_fills_the_title_bar_and_sign_in_stays_on_one_line(web_renderer, style):
    layout, sign_in = _with_sign_in()
    out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                        _factors(style, "en_US", "desktop", 1280, 800))
    check_invariants(layout, out, pixels, ann)
    bar, row, lines, right = web_renderer._page_entry.page.evaluate(BAR, sign_in)
    assert row >= bar - 16, f"{style}: the bar's row is {row} px of {bar}"
    assert lines == 1, f"{style}: 'Sign in' drawn in {lines} line boxes"
    assert right > bar * 0.8, f"{style}: sign-in ends at {right} px, not pushed right by the spacer"


OVERFLOW = """() => [document.documentElement.scrollWidth, innerWidth,
    [...document.querySelectorAll('[data-nid]')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
        .map(e => e.className.toString()).slice(0, 3)]"""


@pytest.mark.browser
@pytest.mark.parametrize("style", KITS)
def test_a_phone_docs_page_stays_inside_the_screen(web_renderer, style):
    for seed in range(2):
        layout = generate("docs", seed, "mobile")
        out, pixels, ann = render_annotated("web", web_renderer, layout, style,
                                            _factors(style, "en_US", "mobile", 390, 844))
        check_invariants(layout, out, pixels, ann)
        scroll, width, over = web_renderer._page_entry.page.evaluate(OVERFLOW)
        assert scroll == width and not over, f"{style} {seed}: {scroll} px wide in {width}: {over}"
