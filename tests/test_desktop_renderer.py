"""The desktop renderer and annotator against real Qt widgets: invariants for every style and grammar,
determinism, clear errors, and boxes that match the pixels."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from annotators.annotate import annotate
from factory.config import RenderConfig
from factory.core.layout import Layout, Node
from factory.sample import make_layout
from factory.core.styles import Factors
from renderers import RENDERERS
from renderers.base import RendererError
from tests.invariants import check_invariants

pytestmark = pytest.mark.desktop
SPEC = RENDERERS.get("desktop")
STYLES = SPEC.styles.names()
GRAMMARS = RenderConfig(renderer="desktop", style="fusion", count=1).grammar_names()


def render(renderer, layout, style, factors):
    style = SPEC.styles.get(style) if isinstance(style, str) else style
    out = renderer.render(layout, style, factors)
    pixels = np.asarray(Image.open(io.BytesIO(out.image)).convert("RGB"))
    return out, pixels, annotate(layout, out, pixels)


@pytest.mark.parametrize("style", STYLES)
def test_every_style_and_grammar_renders_valid_annotations(desktop_renderer, style):
    seen = set()
    for i, g in enumerate(GRAMMARS):
        cfg = RenderConfig(renderer="desktop", style=style, count=1, grammars=(g,), seed=i)
        _, layout, factors = make_layout(cfg, i)
        out, pixels, ann = render(desktop_renderer, layout, style, factors)
        check_invariants(layout, out, pixels, ann, own_pixels=True)
        seen |= {e.cls for e in ann.elements}
    assert {"button", "text", "heading", "text_input", "card", "toolbar", "menu_item", "list_item", "tab",
            "icon_button", "dialog"} <= seen, seen


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, 10**9), style=st.sampled_from(STYLES), grammar=st.sampled_from(GRAMMARS))
def test_annotation_invariants_property(desktop_renderer, index, style, grammar):
    cfg = RenderConfig(renderer="desktop", style=style, count=index + 1, grammars=(grammar,))
    _, layout, factors = make_layout(cfg, index)
    check_invariants(layout, *render(desktop_renderer, layout, style, factors), own_pixels=True)


def test_same_inputs_same_pixels_and_annotations(desktop_renderer):
    """Same bytes after other samples and after the periodic cache recycling (fonts re-registered)."""
    from renderers.desktop.renderer import recycle_caches

    cfg = RenderConfig(renderer="desktop", style="fluent", count=5, grammars=("mainwindow",), locales=("ja_JP",))
    _, layout, factors = make_layout(cfg, 3)
    a = render(desktop_renderer, layout, "fluent", factors)
    render(desktop_renderer, make_layout(cfg, 4)[1], "fluent", make_layout(cfg, 4)[2])  # other state between
    b = render(desktop_renderer, layout, "fluent", factors)
    recycle_caches()
    c = render(desktop_renderer, layout, "fluent", factors)
    assert a[0].image == b[0].image == c[0].image
    assert a[2].elements == b[2].elements == c[2].elements


def factors(**kw) -> Factors:
    base = dict(theme="light", locale="en_US", form_factor="desktop", viewport_w=640, viewport_h=400, dpr=1.0,
                font_family="Noto Sans", font_scale=1.0, density=1.0, accent="#3355aa")
    return Factors(**{**base, **kw})


def screen(*children: Node) -> Layout:
    return Layout("handmade", Node("n0", "screen", children=tuple(children), intent={"direction": "column"}),
                  "en_US", "desktop")


def test_unknown_role_names_renderer_and_role(desktop_renderer):
    with pytest.raises(RendererError, match="desktop renderer cannot draw role 'crosshair'"):
        desktop_renderer.render(screen(Node("n1", "crosshair")), SPEC.styles.get("fusion"), factors())


def test_markup_in_generated_text_is_shown_as_text(desktop_renderer):
    evil = '<b>bold</b> & <a href="x">link</a>'
    layout = screen(Node("n1", "text", text=evil), Node("n2", "button", text=evil), Node("n3", "link", text=evil))
    out, _, ann = render(desktop_renderer, layout, "fusion", factors())
    assert {e.cls: e.text for e in ann.elements} == {"text": evil, "button": evil, "link": evil}


def test_date_edits_show_the_layout_date_not_today(desktop_renderer):
    layout = screen(Node("n1", "date_picker", props={"value": "1999-12-31"}))
    for locale, shown in (("en_US", "12/31/99"), ("de_DE", "31.12.99"), ("ja_JP", "1999/12/31")):
        out, _, _ = render(desktop_renderer, layout, "fusion", factors(locale=locale))
        assert out.nodes["n1"].text == shown


def test_missing_font_package_is_named(monkeypatch):
    from renderers.desktop import fonts

    monkeypatch.setitem(fonts.FONT_FILES, "Noto Sans", ("fonts-noto-core", ("truetype/noto/NoSuchFont.ttf",)))
    with pytest.raises(RendererError, match="install the Debian package fonts-noto-core"):
        fonts.font_paths()
