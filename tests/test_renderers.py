"""Every registered renderer, in every one of its styles, over every grammar it draws: annotations that agree
with the layout and the pixels (tests/invariants.py). A new renderer or style is tested by registering it."""

from __future__ import annotations

import pytest

from factory.config import RenderConfig
from factory.sample import make_layout
from renderers import RENDERERS
from tests.conftest import renderer_param
from tests.invariants import check_invariants, render_annotated

# Classes each renderer must produce over its grammars (a renderer not listed: any valid annotation).
EXPECTED = {
    "web": {"button", "text", "heading", "text_input", "card", "toolbar"},
    "desktop": {"button", "text", "heading", "text_input", "card", "toolbar", "menu_item", "list_item", "tab",
                "icon_button", "dialog"},
    "game": {"button", "heading", "text", "dialog", "inventory_slot", "progress_bar", "resource_counter"},
}
# Samples per grammar (default 2). Web: one per style and grammar, 23 styles x 19 grammars, each at its own seed (the
# viewports, themes and locales vary across them); two doubled the suite's longest file for little more coverage.
# Desktop: Qt's renders are the slowest.
ROUNDS = {"desktop": 1, "web": 1}
HANDS_OVER_PIXELS = {"desktop", "game"}  # Rendered.pixels must be present (and equal the PNG's)

CASES = [renderer_param(r, s, id=f"{r}-{s}") for r in RENDERERS.names() for s in RENDERERS.get(r).styles.names()]


@pytest.mark.parametrize("renderer, style", CASES)
def test_every_style_and_grammar_renders_valid_annotations(open_renderers, renderer, style):
    grammars = RenderConfig(renderer=renderer, style=style, count=1).grammar_names()
    seen = set()
    for i in range(len(grammars) * ROUNDS.get(renderer, 2)):
        cfg = RenderConfig(renderer=renderer, style=style, count=1, grammars=(grammars[i % len(grammars)],), seed=i)
        _, layout, factors = make_layout(cfg, i)
        out, pixels, ann = render_annotated(renderer, open_renderers(renderer), layout, style, factors)
        check_invariants(layout, out, pixels, ann, own_pixels=renderer in HANDS_OVER_PIXELS)
        seen |= {e.cls for e in ann.elements}
    assert EXPECTED.get(renderer, set()) <= seen, EXPECTED[renderer] - seen


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_decode_png_gives_pillows_pixels(mode):
    """factory.sample.decode_png (OpenCV) returns exactly the RGB pixels Pillow's convert("RGB") gives,
    alpha dropped, for the PNG kinds renderers return."""
    import io

    import numpy as np
    from PIL import Image

    from factory.sample import decode_png

    rng = np.random.default_rng(0)
    arr = rng.integers(0, 256, size=(37, 53, len(mode)), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "PNG")  # 3 channels: RGB, 4: RGBA
    want = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    got = decode_png(buf.getvalue())
    assert got.dtype == np.uint8 and got.shape == (37, 53, 3)
    assert np.array_equal(got, want)
