"""A web sample draws the same whatever its worker drew before: Chromium's renderer process keeps one font per
1/100 px size key for its life, made at the first size drawn under the key, and about 7 % of sizes share their key
with the size 0.01 px below (float32 truncation, renderers.web.font_claims). A sample drawn after another that claimed
its key at the other size came out shifted (kit-foundation sample 48, a breadcrumb 1 device px to the right, after
sample 35): the renderer draws such a sample again in a fresh page."""

from __future__ import annotations

from functools import partial

import pytest

from factory.config import RenderConfig
from factory.core.layout import Layout, Node
from factory.sample import make_layout
from renderers.web.font_claims import cache_key, size_step
from tests.invariants import make_factors, render_annotated

pytestmark = pytest.mark.browser
render = partial(render_annotated, "web")
WORDS = "Home Products Wind breadcrumb separator shifted by one device pixel after another page " * 3


def alone_and_after(renderer, before: list[tuple[Layout, str, object]], layout: Layout, style: str, factors):
    """(the sample drawn alone in a fresh page, the same sample drawn after `before` in one fresh page)."""
    renderer._close_pages()  # a fresh context: a fresh renderer process, its font cache empty
    alone = render(renderer, layout, style, factors)
    renderer._close_pages()
    for other in before:
        render(renderer, *other)
    return alone, render(renderer, layout, style, factors)


def assert_same(alone, after) -> None:
    assert after[0].image == alone[0].image, "the sample's pixels depend on what the worker drew before it"
    assert after[2].elements == alone[2].elements, "the sample's labels depend on what the worker drew before it"


def test_text_drawn_after_a_size_sharing_its_font_cache_key_is_drawn_as_alone(web_renderer):
    # material's body text is 14 px * font_scale: 16.965 px is step 1696, key 1695; 16.955 px is step 1695, key 1695
    a_scale, b_scale = 16.965 / 14, 16.955 / 14
    assert size_step(14 * a_scale) == 1696 and size_step(14 * b_scale) == 1695 and cache_key(1696) == cache_key(1695)
    root = Node("n0", "screen", children=(Node("n1", "heading", text="Font cache", props={"level": 2}),
                                         Node("n2", "text", text=WORDS)))
    layout = Layout("handmade", root, "en_US", "desktop")
    a, b = make_factors("web", font_scale=a_scale), make_factors("web", font_scale=b_scale)
    redraws = web_renderer.font_redraws
    alone, after = alone_and_after(web_renderer, [(layout, "material", a)], layout, "material", b)
    assert_same(alone, after)
    assert web_renderer.font_redraws == redraws + 1, "the clash was not detected: drawn again in a fresh page"
    assert web_renderer._spare is not None, "the page left at the clash is kept as the spare"


def test_a_clash_is_drawn_again_in_the_spare_page_when_its_process_never_drew_the_other_size(web_renderer):
    """The page left at a clash stays open as the spare: a later sample that clashes with the page in use but not with
    the spare is drawn again in the spare (a warm process, no fresh one), and comes out as drawn alone."""
    root = Node("n0", "screen", children=(Node("n1", "text", text=WORDS),))
    layout = Layout("handmade", root, "en_US", "desktop")
    a = make_factors("web", font_scale=16.965 / 14)  # step 1696, key 1695
    b = make_factors("web", font_scale=16.955 / 14)  # step 1695, key 1695
    web_renderer._close_pages()
    alone = render(web_renderer, layout, "material", a)
    web_renderer._close_pages()
    render(web_renderer, layout, "material", a)
    first = web_renderer._page_entry
    render(web_renderer, layout, "material", b)  # clashes: drawn in a fresh page, the first kept as the spare
    second = web_renderer._page_entry
    assert second is not first and web_renderer._spare is first
    redraws = web_renderer.font_redraws
    again = render(web_renderer, layout, "material", a)  # clashes with the second page's 1695, not with the first's
    assert web_renderer.font_redraws == redraws + 1, "the clash with the page in use was not detected"
    assert web_renderer._page_entry is first and web_renderer._spare is second, "not drawn again in the spare"
    assert_same(alone, again)


def test_kit_foundation_sample_48_draws_the_same_after_sample_35(web_renderer):
    """The case found: sample 48 (a product page) came out in two variants across 2-worker renders of this set."""
    cfg = RenderConfig(renderer="web", style="kit-foundation", count=50, seed=7, seed_stream="web-kit-foundation",
                       grammars=("article", "docs", "landing", "product", "profile"))
    _, before, before_factors = make_layout(cfg, 35)
    _, layout, factors = make_layout(cfg, 48)
    assert_same(*alone_and_after(web_renderer, [(before, "kit-foundation", before_factors)], layout,
                                 "kit-foundation", factors))


def test_a_han_initial_in_an_avatar_draws_the_same_after_a_page_in_another_cjk_language(web_renderer):
    """kit-framework7 sample 6 (zh-CN, an avatar 李) drawn after sample 34 (ja-JP, an avatar 渡) differed from the same
    sample drawn fresh in 1,027 pixels: an avatar is an SVG picture, a document that does not inherit the page's
    lang, and Blink drew its Han initial with whichever CJK font the process had fallen back to before. The avatars
    now carry the page's language (renderers.web.images.use_language)."""
    cfg = RenderConfig(renderer="web", style="kit-framework7", count=40, seed=0)
    _, before, before_factors = make_layout(cfg, 34)
    _, layout, factors = make_layout(cfg, 6)
    assert (before.locale, layout.locale) == ("ja_JP", "zh_CN")
    assert_same(*alone_and_after(web_renderer, [(before, "kit-framework7", before_factors)], layout,
                                 "kit-framework7", factors))


def test_only_avatars_carry_the_page_language_and_only_inside_its_block():
    import base64

    from renderers.web.images import image_uri, use_language

    def svg(uri: str) -> str:
        return base64.b64decode(uri.split(",", 1)[1]).decode()

    with use_language("zh-CN"):
        assert 'xml:lang="zh-CN" lang="zh-CN"' in svg(image_uri("avatar", 3, initials="李"))
        assert "lang=" not in svg(image_uri("photo", 3))
    assert "lang=" not in svg(image_uri("avatar", 3, initials="李"))
